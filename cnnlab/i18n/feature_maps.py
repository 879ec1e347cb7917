"""Strings of the lab page "feature maps & filters" (pages/feature_maps.py)."""
from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "feature_maps.title": {"en": "Feature maps & filters", "ko": "특성 맵과 필터"},
    "feature_maps.intro": {
        "en": "Every convolution layer turns its input into a stack of **feature maps** (activation maps): one "
              "map per filter, bright where the filter's pattern appears. Early layers respond to edges and "
              "blobs of colour; deeper layers see larger parts of the image (their receptive field grows) and "
              "respond to combinations of those patterns. Pick a layer and look.",
        "ko": "합성곱 층은 입력을 **특성 맵**(활성화 맵)의 묶음으로 바꿉니다. 필터 하나마다 맵이 하나 생기고, 그 필터의 "
              "패턴이 있는 곳이 밝게 나타납니다. 앞쪽 층은 에지나 색 덩어리에 반응하고, 깊은 층은 이미지의 더 넓은 "
              "부분을 보며(수용 영역이 커짐) 그런 패턴들의 조합에 반응합니다. 층을 골라 살펴보세요.",
    },
    "feature_maps.maps_head": {"en": "Activation maps of one layer", "ko": "한 층의 활성화 맵"},
    "feature_maps.layer": {"en": "Layer", "ko": "층"},
    "feature_maps.layer_help": {
        "en": "Every layer whose output is a stack of maps, in the order the image passes through them.",
        "ko": "출력이 맵 묶음인 모든 층을, 이미지가 지나가는 순서대로 보여 줍니다.",
    },
    "feature_maps.layer_option": {"en": "{name} · {type} → {shape}", "ko": "{name} · {type} → {shape}"},
    "feature_maps.max_maps": {"en": "Maps shown", "ko": "보여 줄 맵 수"},
    "feature_maps.shape": {
        "en": "Layer **{name}** ({type}) outputs **{c} maps of {h}×{w}** — showing {shown} of them. Bright = "
              "strong activation (each map scaled on its own).",
        "ko": "층 **{name}**({type})의 출력은 **{h}×{w} 크기의 맵 {c}개**입니다. 그중 {shown}개를 보여 줍니다. 밝을수록 강한 활성화입니다(맵마다 따로 "
              "정규화).",
    },
    "feature_maps.filters_head": {"en": "The first layer's filters", "ko": "첫 번째 층의 필터"},
    "feature_maps.filters": {
        "en": "Layer **{name}** has **{o} filters of {i}×{kh}×{kw}** (depth = input channels). Each tile is one "
              "filter's weights ({how}); light = positive, dark = negative. Trained first-layer filters look like "
              "edge and colour detectors.",
        "ko": "층 **{name}**에는 **{i}×{kh}×{kw} 크기의 필터 {o}개**가 있습니다(깊이 = 입력 채널 수). 각 칸은 필터 하나의 가중치입니다({how}). 밝을수록 "
              "양수, 어두울수록 음수입니다. 훈련된 첫 층 필터는 에지와 색 검출기처럼 보입니다.",
    },
    "feature_maps.filters_rgb": {"en": "as a colour image", "ko": "컬러 이미지로 표시"},
    "feature_maps.filters_mean": {"en": "averaged over the input channels", "ko": "입력 채널 평균"},
    "feature_maps.no_conv": {"en": "This model has no convolution layer.", "ko": "이 모델에는 합성곱 층이 없습니다."},
    "feature_maps.kernels_head": {"en": "Hand-made kernels", "ko": "직접 만든 커널"},
    "feature_maps.kernels_intro": {
        "en": "Before networks learned their filters, people designed them by hand. Slide a classic 3×3 kernel "
              "over the (grey) image: the output is exactly a one-filter convolution layer without bias. Stride "
              "and padding change the output size by the formula below.",
        "ko": "신경망이 필터를 학습하기 전에는 사람이 직접 설계했습니다. 고전적인 3×3 커널을 (흑백) 이미지 위로 "
              "밀어 보세요. 출력은 편향 없는 필터 1개짜리 합성곱 층과 똑같습니다. 스트라이드와 패딩은 아래 식대로 "
              "출력 크기를 바꿉니다.",
    },
    "feature_maps.kernel": {"en": "Kernel", "ko": "커널"},
    "feature_maps.kernel_vertical_edge": {"en": "Vertical edges", "ko": "세로 에지"},
    "feature_maps.kernel_horizontal_edge": {"en": "Horizontal edges", "ko": "가로 에지"},
    "feature_maps.kernel_sobel_x": {"en": "Sobel x", "ko": "소벨 x"},
    "feature_maps.kernel_sobel_y": {"en": "Sobel y", "ko": "소벨 y"},
    "feature_maps.kernel_sharpen": {"en": "Sharpen", "ko": "선명하게"},
    "feature_maps.kernel_box_blur": {"en": "Box blur", "ko": "평균 흐림"},
    "feature_maps.kernel_gaussian_blur": {"en": "Gaussian blur", "ko": "가우시안 흐림"},
    "feature_maps.kernel_identity": {"en": "Identity", "ko": "항등"},
    "feature_maps.stride": {"en": "Stride", "ko": "스트라이드"},
    "feature_maps.padding": {"en": "Padding", "ko": "패딩"},
    "feature_maps.kernel_size": {
        "en": "Image {h}×{w} → output **{oh}×{ow}**. Height and width follow the same formula:",
        "ko": "이미지 {h}×{w} → 출력 **{oh}×{ow}**. 높이와 너비는 같은 식을 따릅니다:",
    },
    "feature_maps.panel_image": {"en": "input (grey)", "ko": "입력 (흑백)"},
    "feature_maps.panel_kernel": {"en": "kernel", "ko": "커널"},
    "feature_maps.panel_output": {"en": "output", "ko": "출력"},
    "feature_maps.links": {"en": "Next: which pixels drove the prediction?", "ko": "다음: 어떤 픽셀이 예측을 이끌었을까?"},
}
