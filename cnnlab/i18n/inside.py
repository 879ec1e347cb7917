"""Strings of the "seeing inside" pages: the model picker (``inside.*``), feature maps (``fm.*``), attribution (``attr.*``)."""
from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    # ---- shared model picker
    "inside.model": {"en": "Model", "ko": "모델"},
    "inside.model_help": {
        "en": "The network trained in this session in the training lab, LeNet-5 trained on the bundled digits "
              "(ships with the app), or a torchvision network trained on ImageNet (1,000 photo classes; its "
              "weights must be in the local torch cache or downloadable).",
        "ko": "이 세션의 훈련 실험실에서 학습한 신경망, 함께 제공되는 숫자 데이터로 학습한 LeNet-5, 또는 ImageNet"
              "(사진 1,000개 클래스)으로 학습한 torchvision 신경망 중에서 고릅니다. torchvision 가중치는 로컬 torch "
              "캐시에 있거나 내려받을 수 있어야 합니다.",
    },
    "inside.model_session": {"en": "Trained in this session (training lab)", "ko": "이 세션에서 학습 (훈련 실험실)"},
    "inside.model_bundled": {"en": "LeNet-5 on digits (bundled)", "ko": "숫자로 학습한 LeNet-5 (기본 제공)"},
    "inside.model_tv": {"en": "{name} on ImageNet (torchvision)", "ko": "ImageNet으로 학습한 {name} (torchvision)"},
    "inside.no_session": {
        "en": "No network has been trained in this session yet, so the bundled LeNet-5 is shown. Train one in "
              "the training lab and it appears here.",
        "ko": "이 세션에서 아직 학습한 신경망이 없어 기본 제공 LeNet-5를 보여 줍니다. 훈련 실험실에서 학습하면 "
              "여기에 나타납니다.",
    },
    "inside.unavailable_title": {"en": "This model is not available offline", "ko": "이 모델은 오프라인에서 쓸 수 없습니다"},
    "inside.fallback": {"en": "The bundled LeNet-5 is used instead.", "ko": "대신 기본 제공 LeNet-5를 사용합니다."},
    "inside.loading": {"en": "Loading {name}…", "ko": "{name} 불러오는 중…"},
    "inside.model_facts": {
        "en": "**{name}** · input {c}×{h}×{w} · {classes} classes · {acc}",
        "ko": "**{name}** · 입력 {c}×{h}×{w} · 클래스 {classes}개 · {acc}",
    },
    "inside.acc_known": {"en": "test accuracy {acc}", "ko": "테스트 정확도 {acc}"},
    "inside.acc_imagenet": {"en": "pretrained on ImageNet", "ko": "ImageNet으로 사전 학습"},
    "inside.input_head": {"en": "What the network sees", "ko": "신경망이 보는 입력"},
    "inside.input_caption": {
        "en": "The image resized to the network's input ({h}×{w}, {mode}). A digit model was trained on white "
              "digits on black: a dark-on-light image is inverted first.",
        "ko": "신경망 입력 크기({h}×{w}, {mode})로 바꾼 이미지입니다. 숫자 모델은 검은 바탕의 흰 숫자로 학습했으므로 "
              "밝은 바탕의 어두운 이미지는 먼저 반전합니다.",
    },
    "inside.mode_gray": {"en": "grey", "ko": "흑백"},
    "inside.mode_rgb": {"en": "colour", "ko": "컬러"},
    "inside.top_k": {"en": "Top-{k} prediction", "ko": "상위 {k}개 예측"},
    "inside.probability": {"en": "probability", "ko": "확률"},
    "inside.predicted": {"en": "Predicted: **{label}** ({p})", "ko": "예측: **{label}** ({p})"},
    "inside.wrong_domain": {
        "en": "This model knows only {what}: for a photo its answer is a guess among those classes.",
        "ko": "이 모델은 {what}만 압니다. 사진을 넣으면 그 클래스 중 하나를 짐작할 뿐입니다.",
    },
    "inside.what_digits": {"en": "the ten handwritten digits", "ko": "손글씨 숫자 10개"},
    "inside.err_title": {"en": "This cannot be computed", "ko": "계산할 수 없습니다"},

    # ---- feature maps and filters
    "fm.title": {"en": "Feature maps & filters", "ko": "특성 맵과 필터"},
    "fm.intro": {
        "en": "Every convolution layer turns its input into a stack of **feature maps** (activation maps): one "
              "map per filter, bright where the filter's pattern appears. Early layers respond to edges and "
              "blobs of colour; deeper layers see larger parts of the image (their receptive field grows) and "
              "respond to combinations of those patterns. Pick a layer and look.",
        "ko": "합성곱 층은 입력을 **특성 맵**(활성화 맵)의 묶음으로 바꿉니다. 필터 하나마다 맵이 하나 생기고, 그 필터의 "
              "패턴이 있는 곳이 밝게 나타납니다. 앞쪽 층은 에지나 색 덩어리에 반응하고, 깊은 층은 이미지의 더 넓은 "
              "부분을 보며(수용 영역이 커짐) 그런 패턴들의 조합에 반응합니다. 층을 골라 살펴보세요.",
    },
    "fm.maps_head": {"en": "Activation maps of one layer", "ko": "한 층의 활성화 맵"},
    "fm.layer": {"en": "Layer", "ko": "층"},
    "fm.layer_help": {
        "en": "Every layer whose output is a stack of maps, in the order the image passes through them.",
        "ko": "출력이 맵 묶음인 모든 층을, 이미지가 지나가는 순서대로 보여 줍니다.",
    },
    "fm.layer_option": {"en": "{name} · {type} → {shape}", "ko": "{name} · {type} → {shape}"},
    "fm.max_maps": {"en": "Maps shown", "ko": "보여 줄 맵 수"},
    "fm.shape": {
        "en": "Layer **{name}** ({type}) outputs **{c} maps of {h}×{w}** — showing {shown} of them. Bright = "
              "strong activation (each map scaled on its own).",
        "ko": "층 **{name}**({type})의 출력은 **{h}×{w} 크기의 맵 {c}개**입니다 — 그중 {shown}개를 보여 줍니다. "
              "밝을수록 강한 활성화입니다(맵마다 따로 정규화).",
    },
    "fm.filters_head": {"en": "The first layer's filters", "ko": "첫 번째 층의 필터"},
    "fm.filters": {
        "en": "Layer **{name}** has **{o} filters of {i}×{kh}×{kw}** (depth = input channels). Each tile is one "
              "filter's weights ({how}); light = positive, dark = negative. Trained first-layer filters look like "
              "edge and colour detectors.",
        "ko": "층 **{name}**에는 **{i}×{kh}×{kw} 크기의 필터 {o}개**가 있습니다(깊이 = 입력 채널 수). 각 칸은 필터 하나의 "
              "가중치입니다({how}). 밝을수록 양수, 어두울수록 음수입니다. 학습된 첫 층 필터는 에지와 색 검출기처럼 보입니다.",
    },
    "fm.filters_rgb": {"en": "as a colour image", "ko": "컬러 이미지로 표시"},
    "fm.filters_mean": {"en": "averaged over the input channels", "ko": "입력 채널 평균"},
    "fm.no_conv": {"en": "This model has no convolution layer.", "ko": "이 모델에는 합성곱 층이 없습니다."},
    "fm.kernels_head": {"en": "Hand-made kernels", "ko": "직접 만든 커널"},
    "fm.kernels_intro": {
        "en": "Before networks learned their filters, people designed them by hand. Slide a classic 3×3 kernel "
              "over the (grey) image: the output is exactly a one-filter convolution layer without bias. Stride "
              "and padding change the output size by the formula below.",
        "ko": "신경망이 필터를 학습하기 전에는 사람이 직접 설계했습니다. 고전적인 3×3 커널을 (흑백) 이미지 위로 "
              "밀어 보세요. 출력은 편향 없는 필터 1개짜리 합성곱 층과 똑같습니다. 스트라이드와 패딩은 아래 식대로 "
              "출력 크기를 바꿉니다.",
    },
    "fm.kernel": {"en": "Kernel", "ko": "커널"},
    "fm.kernel_vertical_edge": {"en": "Vertical edges", "ko": "세로 에지"},
    "fm.kernel_horizontal_edge": {"en": "Horizontal edges", "ko": "가로 에지"},
    "fm.kernel_sobel_x": {"en": "Sobel x", "ko": "소벨 x"},
    "fm.kernel_sobel_y": {"en": "Sobel y", "ko": "소벨 y"},
    "fm.kernel_sharpen": {"en": "Sharpen", "ko": "선명하게"},
    "fm.kernel_box_blur": {"en": "Box blur", "ko": "평균 흐림"},
    "fm.kernel_gaussian_blur": {"en": "Gaussian blur", "ko": "가우시안 흐림"},
    "fm.kernel_identity": {"en": "Identity", "ko": "항등"},
    "fm.stride": {"en": "Stride", "ko": "스트라이드"},
    "fm.padding": {"en": "Padding", "ko": "패딩"},
    "fm.kernel_size": {
        "en": "Image {h}×{w} → output **{oh}×{ow}**. Height and width follow the same formula:",
        "ko": "이미지 {h}×{w} → 출력 **{oh}×{ow}**. 높이와 너비는 같은 식을 따릅니다:",
    },
    "fm.panel_image": {"en": "input (grey)", "ko": "입력 (흑백)"},
    "fm.panel_kernel": {"en": "kernel", "ko": "커널"},
    "fm.panel_output": {"en": "output", "ko": "출력"},
    "fm.links": {"en": "Next: which pixels drove the prediction?", "ko": "다음: 어떤 픽셀이 예측을 이끌었을까?"},

    # ---- attribution
    "attr.title": {"en": "Where does the network look?", "ko": "신경망은 어디를 볼까?"},
    "attr.intro": {
        "en": "An **attribution** method scores every input pixel by how much it pushed the network towards one "
              "class. Four methods (computed with captum) answer the question differently — and at very "
              "different costs. Yellow to red = pushed towards the class (red = most).",
        "ko": "**기여도 분석**(attribution)은 입력 픽셀마다 신경망을 한 클래스 쪽으로 얼마나 밀었는지 점수를 매깁니다. "
              "네 가지 방법(captum으로 계산)은 서로 다르게 답하고, 드는 비용도 크게 다릅니다. 노란색~빨간색 = 그 클래스 쪽으로 "
              "민 픽셀(빨간색일수록 강함).",
    },
    "attr.target": {"en": "Explain the class", "ko": "설명할 클래스"},
    "attr.target_help": {"en": "By default the predicted class; pick another to ask \"why not this one?\".",
                         "ko": "기본값은 예측한 클래스입니다. 다른 클래스를 골라 \"왜 이건 아닐까?\"를 물어볼 수 있습니다."},
    "attr.target_pred": {"en": "the predicted class", "ko": "예측한 클래스"},
    "attr.method": {"en": "Method", "ko": "방법"},
    "attr.method_saliency": {"en": "Saliency", "ko": "saliency 맵"},
    "attr.method_integrated_gradients": {"en": "Integrated gradients", "ko": "통합 그래디언트"},
    "attr.method_gradcam": {"en": "Grad-CAM", "ko": "Grad-CAM"},
    "attr.method_occlusion": {"en": "Occlusion", "ko": "가림(occlusion)"},
    "attr.about_saliency": {
        "en": "**Saliency**: the absolute gradient of the class score with respect to each pixel — which pixels "
              "would change the score most if nudged. One forward and one backward pass; often noisy.",
        "ko": "**Saliency**: 픽셀마다 클래스 점수의 그래디언트 절댓값입니다. 조금 바꿨을 때 점수가 가장 크게 변할 "
              "픽셀을 보여 줍니다. 순전파 1번, 역전파 1번이면 되지만 잡음이 많은 편입니다.",
    },
    "attr.about_integrated_gradients": {
        "en": "**Integrated gradients**: gradients averaged along a straight path from a black image to this "
              "image, times the pixel difference. The scores add up to the change in the class score. Costs "
              "one forward and backward pass per step.",
        "ko": "**통합 그래디언트**: 검은 이미지에서 이 이미지까지 직선 경로를 따라 그래디언트를 평균하고 픽셀 차이를 "
              "곱합니다. 점수를 모두 더하면 클래스 점수의 변화량이 됩니다. 단계마다 순전파와 역전파가 한 번씩 듭니다.",
    },
    "attr.about_gradcam": {
        "en": "**Grad-CAM**: the chosen convolution layer's feature maps, weighted by the average gradient of the "
              "class score on each map, then ReLU and upsampled to the image. Coarse (the layer's resolution) but "
              "clear about *where*. One forward and one backward pass.",
        "ko": "**Grad-CAM**: 고른 합성곱 층의 특성 맵에 맵별 클래스 점수 그래디언트 평균을 가중치로 곱해 더한 뒤 ReLU를 "
              "적용하고 이미지 크기로 키웁니다. 해상도는 그 층만큼 거칠지만 *어디*를 보는지 잘 보여 줍니다. 순전파 1번, "
              "역전파 1번.",
    },
    "attr.about_occlusion": {
        "en": "**Occlusion**: cover one square patch at a time with black and measure how much the class score "
              "drops. No gradients at all — just one forward pass per window position, so it is the slowest.",
        "ko": "**가림(occlusion)**: 정사각형 조각을 하나씩 검게 가리고 클래스 점수가 얼마나 떨어지는지 잽니다. "
              "그래디언트가 전혀 필요 없지만 창 위치마다 순전파가 한 번씩 들어 가장 느립니다.",
    },
    "attr.steps": {"en": "Integration steps", "ko": "적분 단계 수"},
    "attr.layer": {"en": "Convolution layer", "ko": "합성곱 층"},
    "attr.layer_help": {"en": "Deeper layers: coarser maps, more meaningful parts.",
                        "ko": "깊은 층일수록 맵은 거칠지만 의미 있는 부분을 봅니다."},
    "attr.window": {"en": "Window (pixels)", "ko": "창 크기 (픽셀)"},
    "attr.stride": {"en": "Window stride (pixels)", "ko": "창 이동 간격 (픽셀)"},
    "attr.cost": {
        "en": "Cost: **{f} forward** and **{b} backward** passes through the network ({ms} ms here).",
        "ko": "비용: 신경망 **순전파 {f}번**, **역전파 {b}번** (여기서 {ms} ms).",
    },
    "attr.running": {"en": "Computing {method}…", "ko": "{method} 계산 중…"},
    "attr.overlay_title": {"en": "{method} for “{label}”", "ko": "“{label}”에 대한 {method}"},
    "attr.compare_head": {"en": "All four side by side", "ko": "네 방법 한눈에 비교"},
    "attr.compare": {"en": "Compute all four methods", "ko": "네 방법 모두 계산"},
    "attr.compare_help": {"en": "Runs every method with the settings above (occlusion can take a few seconds).",
                          "ko": "위 설정으로 모든 방법을 실행합니다(가림은 몇 초 걸릴 수 있습니다)."},
    "attr.scale_note": {
        "en": "Each map is scaled to 0–1 on its own, so compare where they point, not their brightness.",
        "ko": "맵마다 0–1로 따로 정규화했으므로 밝기가 아니라 가리키는 위치를 비교하세요.",
    },
}
