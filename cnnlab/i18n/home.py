"""Strings of the home page (pages/home.py)."""
from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "home.title": {"en": "cnnlab — convolutional networks, hands on", "ko": "cnnlab — 직접 해 보는 합성곱 신경망"},
    "home.intro": {
        "en": "Five lessons, in this order. Each page lets you change something with a slider and see the "
              "consequence at once, with the arithmetic written out. Every link you copy from the address bar "
              "opens exactly the view you see (add `?lang=ko` for Korean, `?lang=en` for English).",
        "ko": "다섯 개의 강의를 아래 순서대로 진행합니다. 각 페이지에서 슬라이더로 값을 바꾸면 결과와 계산 과정이 바로 보입니다. "
              "주소창의 링크를 복사해 공유하면 지금 보는 화면 그대로 열립니다(`?lang=ko`는 한국어, `?lang=en`은 영어).",
    },
    "home.order": {"en": "Suggested order", "ko": "추천 순서"},
    "home.lesson1": {"en": "1 · Convolution arithmetic", "ko": "1 · 합성곱 계산"},
    "home.lesson1_text": {
        "en": "Why convolutions (local windows, shared weights); output size ⌊(n + 2p − f)/s⌋ + 1; padding, "
              "stride, dilation; parameters and multiplications; receptive field; pooling has hyperparameters "
              "but no learnable parameters; the same layer as a fully connected layer (760 vs 31,467,520 "
              "parameters).",
        "ko": "합성곱을 쓰는 이유(지역적인 창, 가중치 공유), 출력 크기 ⌊(n + 2p − f)/s⌋ + 1, 패딩·스트라이드·팽창, 파라미터 수와 곱셈 횟수, 수용 영역을 배웁니다. "
              "풀링에는 하이퍼파라미터는 있어도 학습되는 파라미터는 없다는 것과, 같은 층을 완전 연결 층으로 만들면 파라미터가 760개에서 31,467,520개로 늘어난다는 것도 확인합니다.",
    },
    "home.lesson2": {"en": "2 · Classic networks", "ko": "2 · 대표적인 CNN 구조"},
    "home.lesson2_text": {
        "en": "LeNet-5, AlexNet, VGG-16, NiN, GoogLeNet and ResNet layer by layer: output shapes, parameters, "
              "multiply-adds, receptive fields; where the parameters live (VGG's first fully connected layer). "
              "Then build your own network and check every layer.",
        "ko": "LeNet-5, AlexNet, VGG-16, NiN, GoogLeNet, ResNet을 층별로 살펴봅니다. 출력 크기, 파라미터 수, 곱셈-덧셈 수, 수용 영역을 보고 "
              "파라미터가 어디에 몰려 있는지(VGG의 첫 완전 연결 층) 찾습니다. 그다음 나만의 신경망을 만들어 층마다 확인합니다.",
    },
    "home.lesson3": {"en": "3 · Residual networks", "ko": "3 · 잔여 신경망 (ResNet)"},
    "home.lesson3_text": {
        "en": "Why deeper plain networks train worse (degradation) and how the residual block's shortcut "
              "a[l+2] = g(z[l+2] + a[l]) fixes it.",
        "ko": "평형망은 깊을수록 오히려 훈련이 잘 안 되는 이유(성능 저하 문제)와, 잔여 블록의 스킵 연결 a[l+2] = g(z[l+2] + a[l])이 이를 해결하는 방법을 봅니다.",
    },
    "home.lesson4": {"en": "4 · 1×1 convolutions and Inception", "ko": "4 · 1×1 합성곱과 인셉션"},
    "home.lesson4_text": {
        "en": "A 1×1 convolution as a fully connected layer at every pixel; the bottleneck that cuts "
              "120,422,400 multiply-adds to 12,443,648; the Inception module (64 + 128 + 32 + 32 = 256 channels); "
              "a 5×5 as two 3×3.",
        "ko": "1×1 합성곱이 픽셀마다 적용되는 완전 연결 층이라는 것, 곱셈-덧셈 120,422,400번을 12,443,648번으로 줄이는 병목 층, 인셉션 모듈(64 + 128 + 32 "
              "+ 32 = 256 채널), 5×5를 3×3 두 개로 바꾸는 분해를 다룹니다.",
    },
    "home.lesson5": {"en": "5 · Training and data augmentation", "ko": "5 · 훈련과 데이터 증강"},
    "home.lesson5_text": {
        "en": "Train a small network on handwritten digits in the browser; mirroring, cropping, rotation and "
              "colour shifts as data augmentation.",
        "ko": "손글씨 숫자 데이터로 작은 신경망을 브라우저에서 직접 훈련시키고, 좌우 반전·자르기·회전·색 변환 같은 데이터 증강을 살펴봅니다.",
    },
    "home.lab": {"en": "Lab · Seeing inside", "ko": "실습 · 신경망 속 들여다보기"},
    "home.lab_text": {
        "en": "Feature maps and filters of a trained network, and where it looks when it decides.",
        "ko": "훈련된 신경망의 특성 맵과 필터를 보고, 신경망이 판단할 때 이미지의 어디를 보는지 확인합니다.",
    },
    "home.conventions_head": {"en": "How we count", "ko": "수를 세는 방법"},
}
