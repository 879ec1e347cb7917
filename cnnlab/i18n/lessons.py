"""Titles of the lesson sections and pages in the navigation and on the home page (cnnlab/lessons.py)."""
from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "lessons.section_start": {"en": "Start", "ko": "시작"},
    "lessons.section_lesson1": {"en": "1 · Convolution", "ko": "1 · 합성곱"},
    "lessons.section_lesson2": {"en": "2 · Classic networks", "ko": "2 · 대표적인 CNN 구조"},
    "lessons.section_lesson3": {"en": "3 · Residual networks", "ko": "3 · 잔여 신경망 (ResNet)"},
    "lessons.section_lesson4": {"en": "4 · 1×1 convolutions & Inception", "ko": "4 · 1×1 합성곱과 인셉션"},
    "lessons.section_lesson5": {"en": "5 · Training & data augmentation", "ko": "5 · 훈련과 데이터 증강"},
    "lessons.section_lab": {"en": "Lab · Seeing inside", "ko": "실습 · 신경망 속 들여다보기"},
    "lessons.page_home": {"en": "Home", "ko": "홈"},
    "lessons.page_conv_arithmetic": {"en": "Convolution arithmetic", "ko": "합성곱 계산"},
    "lessons.page_one_by_one": {"en": "1×1 convolutions & Inception", "ko": "1×1 합성곱과 인셉션"},
    "lessons.page_architectures": {"en": "Architecture explorer", "ko": "구조 탐색기"},
    "lessons.page_build_your_own": {"en": "Build your own CNN", "ko": "나만의 CNN 만들기"},
    "lessons.page_training_lab": {"en": "Training lab", "ko": "훈련 실험실"},
    "lessons.page_degradation": {"en": "Deeper is not always better", "ko": "깊을수록 좋은가? (성능 저하 문제)"},
    "lessons.page_feature_maps": {"en": "Feature maps & filters", "ko": "특성 맵과 필터"},
    "lessons.page_augmentation": {"en": "Data augmentation", "ko": "데이터 증강"},
    "lessons.page_attribution": {"en": "Where does the network look?", "ko": "신경망은 어디를 볼까?"},
}
