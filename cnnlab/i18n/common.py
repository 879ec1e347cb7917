"""Strings shared by every page: navigation, language switch, conventions, errors."""
from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "common.app_title": {"en": "cnnlab — convolutional networks, hands on", "ko": "cnnlab — 직접 해 보는 합성곱 신경망"},
    "common.error_title": {"en": "This setting does not work", "ko": "이 설정으로는 계산할 수 없습니다"},
    "common.conventions": {
        "en": "Conventions: 1 MAC = one multiply-add; MACs are counted for convolution and fully connected layers; "
              "FLOPs ≈ 2 × MACs. Parameters are the learnable weights and biases (batch-norm running statistics "
              "are buffers, not parameters). Counts are for one image.",
        "ko": "계산 규칙: 1 MAC = 곱셈-덧셈 한 번. MAC은 합성곱 층과 완전 연결 층에서 셉니다. FLOPs ≈ 2 × MACs. "
              "파라미터는 학습되는 가중치와 편향입니다(배치 정규화의 이동 통계는 버퍼이며 파라미터가 아닙니다). "
              "모든 수는 이미지 한 장 기준입니다.",
    },
    "common.language": {"en": "Language", "ko": "언어"},
    "common.fix": {"en": "How to fix it", "ko": "고치는 방법"},
    # Navigation sections (lessons) and page titles used by app.py.
    "nav.start": {"en": "Start", "ko": "시작"},
    "nav.lesson1": {"en": "1 · Convolution", "ko": "1 · 합성곱"},
    "nav.lesson2": {"en": "2 · Classic networks", "ko": "2 · 대표적인 CNN 구조"},
    "nav.lesson3": {"en": "3 · Residual networks", "ko": "3 · 잔차 신경망 (ResNet)"},
    "nav.lesson4": {"en": "4 · 1×1 convolutions & Inception", "ko": "4 · 1×1 합성곱과 인셉션"},
    "nav.lesson5": {"en": "5 · Training & data augmentation", "ko": "5 · 학습과 데이터 증강"},
    "nav.lab": {"en": "Lab · Seeing inside", "ko": "실습 · 신경망 속 들여다보기"},
    "page.home": {"en": "Home", "ko": "홈"},
    "page.conv_arithmetic": {"en": "Convolution arithmetic", "ko": "합성곱 계산"},
    "page.one_by_one": {"en": "1×1 convolutions & Inception", "ko": "1×1 합성곱과 인셉션"},
    "page.architectures": {"en": "Architecture explorer", "ko": "구조 탐색기"},
    "page.build_your_own": {"en": "Build your own CNN", "ko": "나만의 CNN 만들기"},
    "page.training_lab": {"en": "Training lab", "ko": "학습 실험실"},
    "page.degradation": {"en": "Deeper is not always better", "ko": "깊을수록 좋은가? (성능 저하 문제)"},
    "page.feature_maps": {"en": "Feature maps & filters", "ko": "특징 맵과 필터"},
    "page.augmentation": {"en": "Data augmentation", "ko": "데이터 증강"},
    "page.attribution": {"en": "Where does the network look?", "ko": "신경망은 어디를 보는가?"},
    "common.placeholder": {
        "en": "This page is being written. Come back soon.",
        "ko": "이 페이지는 준비 중입니다. 곧 채워집니다.",
    },
}
