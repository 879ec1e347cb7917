"""Strings of the model picker and "what the network sees", shared by both "seeing inside" pages."""
from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "pretrained.model": {"en": "Model", "ko": "모델"},
    "pretrained.model_help": {
        "en": "The network trained in this session in the training lab, LeNet-5 trained on the bundled digits "
              "(ships with the app), or a torchvision network trained on ImageNet (1,000 photo classes; its "
              "weights must be in the local torch cache or downloadable).",
        "ko": "이 세션의 훈련 실험실에서 훈련한 신경망, 함께 제공되는 숫자 데이터로 훈련한 LeNet-5, 또는 ImageNet(사진 1,000개 클래스)으로 훈련한 torchvision "
              "신경망 중에서 고릅니다. torchvision 가중치는 로컬 torch 캐시에 있거나 내려받을 수 있어야 합니다.",
    },
    "pretrained.model_session": {"en": "Trained in this session (training lab)", "ko": "이 세션에서 훈련한 신경망 (훈련 실험실)"},
    "pretrained.model_bundled": {"en": "LeNet-5 on digits (bundled)", "ko": "숫자로 훈련한 LeNet-5 (기본 제공)"},
    "pretrained.model_tv": {"en": "{name} on ImageNet (torchvision)", "ko": "ImageNet으로 훈련한 {name} (torchvision)"},
    "pretrained.no_session": {
        "en": "No network has been trained in this session yet, so the bundled LeNet-5 is shown. Train one in "
              "the training lab and it appears here.",
        "ko": "이 세션에서 아직 훈련한 신경망이 없어 기본 제공 LeNet-5를 보여 줍니다. 훈련 실험실에서 훈련하면 여기에 나타납니다.",
    },
    "pretrained.unavailable_title": {"en": "This model is not available offline", "ko": "이 모델은 오프라인에서 쓸 수 없습니다"},
    "pretrained.fallback": {"en": "The bundled LeNet-5 is used instead.", "ko": "대신 기본 제공 LeNet-5를 사용합니다."},
    "pretrained.loading": {"en": "Loading {name}…", "ko": "{name} 불러오는 중…"},
    "pretrained.model_facts": {
        "en": "**{name}** · input {c}×{h}×{w} (C×H×W) · {classes} classes · {acc}",
        "ko": "**{name}** · 입력 {c}×{h}×{w} (C×H×W) · 클래스 {classes}개 · {acc}",
    },
    "pretrained.acc_known": {"en": "test accuracy {acc}", "ko": "테스트 정확도 {acc}"},
    "pretrained.acc_imagenet": {"en": "pretrained on ImageNet", "ko": "ImageNet으로 사전 학습"},
    "pretrained.input_head": {"en": "What the network sees", "ko": "신경망이 보는 입력"},
    "pretrained.input_caption": {
        "en": "The image resized to the network's input ({h}×{w}, {mode}). A digit model was trained on white "
              "digits on black: a dark-on-light image is inverted first.",
        "ko": "신경망 입력 크기({h}×{w}, {mode})로 바꾼 이미지입니다. 숫자 모델은 검은 바탕의 흰 숫자로 훈련했으므로 밝은 바탕의 어두운 이미지는 먼저 반전합니다.",
    },
    "pretrained.mode_gray": {"en": "grey", "ko": "흑백"},
    "pretrained.mode_rgb": {"en": "colour", "ko": "컬러"},
    "pretrained.top_k": {"en": "Top-{k} prediction", "ko": "상위 {k}개 예측"},
    "pretrained.probability": {"en": "probability", "ko": "확률"},
    "pretrained.predicted": {"en": "Predicted: **{label}** ({p})", "ko": "예측: **{label}** ({p})"},
    "pretrained.err_title": {"en": "This cannot be computed", "ko": "계산할 수 없습니다"},
}
