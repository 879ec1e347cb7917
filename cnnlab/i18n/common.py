"""Strings shared by every page: the counting conventions and the generic error title."""
from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "common.error_title": {"en": "This setting does not work", "ko": "이 설정으로는 계산할 수 없습니다"},
    "common.conventions": {
        "en": "Conventions: 1 MAC = one multiply-add; MACs are counted for convolution and fully connected layers; "
              "FLOPs ≈ 2 × MACs. Parameters are the learnable weights and biases (batch-norm running statistics "
              "are buffers, not parameters). Counts are for one image.",
        "ko": "계산 규칙: 1 MAC = 곱셈-덧셈 한 번. MAC은 합성곱 층과 완전 연결 층에서 셉니다. FLOPs ≈ 2 × MAC. 파라미터는 학습되는 가중치와 편향입니다(배치 "
              "정규화의 이동 통계는 버퍼이며 파라미터가 아닙니다). 모든 수는 이미지 한 장 기준입니다.",
    },
}
