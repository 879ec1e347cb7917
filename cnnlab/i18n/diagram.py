"""Strings of the network diagram (cnnlab/figures/diagram.py): box kinds and labels."""
from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "diagram.input": {"en": "input", "ko": "입력"},
    "diagram.output": {"en": "output", "ko": "출력"},
    "diagram.concat": {"en": "concat", "ko": "이어 붙이기"},
    "diagram.skip": {"en": "skip connection", "ko": "스킵 연결"},
    "diagram.shape": {"en": "output {shape}", "ko": "출력 {shape}"},
    "diagram.kind_conv": {"en": "convolution", "ko": "합성곱"},
    "diagram.kind_fc": {"en": "fully connected", "ko": "완전 연결"},
    "diagram.kind_pool": {"en": "pooling", "ko": "풀링"},
    "diagram.kind_add": {"en": "add (+)", "ko": "덧셈 (+)"},
    "diagram.kind_mul": {"en": "multiply (×)", "ko": "곱셈 (×)"},
    "diagram.kind_concat": {"en": "concatenate", "ko": "이어 붙이기"},
    "diagram.kind_input": {"en": "input", "ko": "입력"},
    "diagram.kind_output": {"en": "output", "ko": "출력"},
    "diagram.kind_other": {"en": "other", "ko": "기타"},
    "diagram.w_conv": {"en": "conv", "ko": "합성곱"},
    "diagram.w_fc": {"en": "fc", "ko": "완전 연결"},
    "diagram.w_max_pool": {"en": "max pool", "ko": "최대 풀링"},
    "diagram.w_avg_pool": {"en": "avg pool", "ko": "평균 풀링"},
    "diagram.w_global_avg_pool": {"en": "global avg pool", "ko": "전역 평균 풀링"},
    "diagram.w_global_max_pool": {"en": "global max pool", "ko": "전역 최대 풀링"},
    "diagram.w_dropout": {"en": "dropout", "ko": "드롭아웃"},
    "diagram.w_flatten": {"en": "flatten", "ko": "펼치기"},
    "diagram.w_mean": {"en": "mean", "ko": "평균"},
    "diagram.w_leaky_relu": {"en": "leaky ReLU", "ko": "LeakyReLU"},
}
