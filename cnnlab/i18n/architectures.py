"""Strings of lesson 2, the architecture explorer (pages/architectures.py)."""
from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "architectures.title": {"en": "Architecture explorer", "ko": "구조 탐색기"},
    "architectures.intro": {
        "en": "Pick a classic network, change its input and options, and see where its parameters and "
              "multiply-adds live, layer by layer.",
        "ko": "고전적인 신경망을 고르고 입력과 옵션을 바꿔 보면서, 파라미터와 곱셈-덧셈(MAC)이 어느 층에 "
              "몰려 있는지 층별로 확인해 보세요.",
    },
    "architectures.model": {"en": "Network", "ko": "신경망"},
    "architectures.channels": {"en": "Input channels", "ko": "입력 채널 수"},
    "architectures.channels_help": {"en": "1 = greyscale (digits), 3 = colour (RGB)",
                           "ko": "1 = 흑백(손글씨 숫자), 3 = 컬러(RGB)"},
    "architectures.size": {"en": "Input size (H = W)", "ko": "입력 크기 (H = W)"},
    "architectures.size_help": {
        "en": "Height and width of the input image in pixels. Each network has a smallest size it can take.",
        "ko": "입력 이미지의 높이와 너비(픽셀). 신경망마다 받을 수 있는 최소 크기가 있습니다.",
    },
    "architectures.classes": {"en": "Classes", "ko": "클래스 수"},
    "architectures.classes_help": {"en": "Number of outputs of the last layer (1000 for ImageNet, 10 for digits)",
                          "ko": "마지막 층의 출력 개수 (ImageNet은 1000, 손글씨 숫자는 10)"},
    "architectures.opt_classic": {"en": "Classic 1998 version", "ko": "1998년 원본"},
    "architectures.opt_classic_help": {
        "en": "On: tanh/sigmoid and average pooling as in the paper. Off: ReLU and max pooling (the modern habit).",
        "ko": "켜면 논문처럼 tanh/시그모이드와 평균 풀링, 끄면 ReLU와 최대 풀링(요즘 방식)을 씁니다.",
    },
    "architectures.opt_batch_norm": {"en": "Batch normalization", "ko": "배치 정규화(BN)"},
    "architectures.opt_batch_norm_help": {
        "en": "A BN layer after every convolution: 2 learnable numbers per channel (γ, β).",
        "ko": "모든 합성곱 뒤에 BN 층을 둡니다. BN 층에는 채널마다 학습되는 값이 2개(γ, β) 있습니다.",
    },
    "architectures.opt_head": {"en": "Head", "ko": "분류기(헤드)"},
    "architectures.opt_head_help": {
        "en": "FC: flatten and fully connected layers (VGG's original). GAP: global average pooling, then one "
              "fully connected layer (as in GoogLeNet).",
        "ko": "FC: 펼친 뒤 완전 연결 층(VGG 원본). GAP: 전역 평균 풀링 뒤 완전 연결 층 하나(GoogLeNet 방식).",
    },
    "architectures.opt_aux_logits": {"en": "Auxiliary classifiers", "ko": "보조 분류기"},
    "architectures.opt_aux_logits_help": {
        "en": "Two extra small classifiers on intermediate layers that push gradient into the early layers "
              "during training; dropped at test time.",
        "ko": "훈련 중에 앞쪽 층까지 경사가 잘 전달되도록 중간 층에 붙인 작은 분류기 두 개입니다. 테스트 때는 쓰지 않습니다.",
    },
    "architectures.opt_residual": {"en": "Residual (skip) connections", "ko": "스킵 연결 (잔여 블록)"},
    "architectures.opt_residual_help": {
        "en": "Off: the plain twin with the same layers and no shortcuts — the degradation lesson.",
        "ko": "끄면 같은 층에서 스킵 연결만 뺀 평형망이 됩니다. 성능 저하(degradation) 수업의 비교 대상입니다.",
    },
    "architectures.opt_grouped": {"en": "Two-GPU grouped layout", "ko": "2-GPU 그룹 구조"},
    "architectures.opt_grouped_help": {
        "en": "The original AlexNet split some convolutions into two groups, one per GPU (groups=2).",
        "ko": "원래 AlexNet은 일부 합성곱을 GPU마다 하나씩 두 그룹으로 나눴습니다 (groups=2).",
    },
    "architectures.opt_shortcut": {"en": "Shortcut", "ko": "스킵 연결 방식"},
    "architectures.opt_shortcut_help": {
        "en": "Where a block changes the shape: A = pad the extra channels with zeros (no parameters), "
              "B = a 1×1 convolution W_s with stride 2.",
        "ko": "블록이 크기를 바꿀 때: A = 늘어난 채널을 0으로 채움(파라미터 없음), B = 스트라이드 2의 1×1 합성곱 W_s.",
    },
    "architectures.opt_preact": {"en": "Pre-activation", "ko": "사전 활성화"},
    "architectures.opt_preact_help": {
        "en": "BN and ReLU before each convolution instead of after (a later ResNet variant).",
        "ko": "BN과 ReLU를 합성곱 뒤가 아니라 앞에 둡니다 (이후에 나온 ResNet 변형).",
    },
    "architectures.opt_depth": {"en": "Depth (6n+2)", "ko": "깊이 (6n+2)"},
    "architectures.opt_depth_help": {
        "en": "Weight layers: 6n convolutions in three stages (16, 32, 64 channels) + the first conv + the FC layer.",
        "ko": "가중치 층 수: 세 단계(채널 16, 32, 64)의 합성곱 6n개 + 첫 합성곱 + 완전 연결 층.",
    },
    "architectures.opt_lrn": {"en": "Local response normalization", "ko": "국소 응답 정규화(LRN)"},
    "architectures.opt_lrn_help": {
        "en": "LRN after the first two ReLUs, as in the paper (no learnable parameters).",
        "ko": "논문처럼 처음 두 ReLU 뒤에 LRN을 둡니다 (학습 가능한 파라미터 없음).",
    },
    "architectures.opt_activation": {"en": "Squashing function", "ko": "활성화 함수"},
    "architectures.opt_activation_help": {
        "en": "The classic LeNet squashes with tanh or the sigmoid; their slope is at most 1 and 0.25.",
        "ko": "고전 LeNet은 tanh나 시그모이드를 씁니다. 기울기는 각각 최대 1과 0.25입니다.",
    },
    "architectures.opt_padding": {"en": "Padding of the first conv", "ko": "첫 합성곱의 패딩"},
    "architectures.opt_padding_help": {
        "en": "2 makes a 28×28 digit behave like LeNet's 32×32 input: (28 + 2·2 − 5)/1 + 1 = 28.",
        "ko": "2로 두면 28×28 숫자가 LeNet의 32×32 입력처럼 됩니다: (28 + 2·2 − 5)/1 + 1 = 28.",
    },
    "architectures.params": {"en": "Parameters", "ko": "파라미터"},
    "architectures.macs": {"en": "MACs", "ko": "MAC"},
    "architectures.flops": {"en": "≈ {flops} FLOPs", "ko": "≈ {flops} FLOPs"},
    "architectures.exact": {
        "en": "Exactly: {params} parameters · {macs} MACs · FLOPs ≈ 2 × MACs = {flops}",
        "ko": "정확히: 파라미터 {params}개 · MAC {macs}회 · FLOPs ≈ 2 × MAC = {flops}",
    },
    "architectures.depth": {"en": "Depth (weight layers)", "ko": "깊이 (가중치 층)"},
    "architectures.depth_help": {
        "en": "Conv and fully connected layers on the longest path from input to output — how papers "
              "count (VGG-16: 13 conv + 3 FC; ResNet-18: 17 conv + 1 FC). Projection shortcuts are not counted.",
        "ko": "입력에서 출력까지 가장 긴 경로에 있는 합성곱 층과 완전 연결 층의 수 — 논문이 세는 방식입니다 "
              "(VGG-16: 합성곱 13 + FC 3, ResNet-18: 합성곱 17 + FC 1). 투영 스킵 연결은 세지 않습니다.",
    },
    "architectures.output": {"en": "Output", "ko": "출력"},
    "architectures.heaviest": {
        "en": "Heaviest layer: **{name}** ({type}) holds **{params}** of {total} parameters — **{share} %** "
              "of the whole network.",
        "ko": "가장 무거운 층은 **{name}** ({type})입니다. 전체 파라미터 {total}개 중 **{params}**개로, 신경망 전체의 **{share} %**를 차지합니다.",
    },
    "architectures.heaviest_fc_hint": {
        "en": "A fully connected layer on a large feature map is where the weights pile up. Try the "
              "global average pooling head to see most of them disappear.",
        "ko": "큰 특성 맵 위에 놓인 완전 연결 층에 가중치가 몰립니다. 전역 평균 풀링(GAP) 헤드로 바꾸면 "
              "대부분이 사라지는 것을 확인해 보세요.",
    },
    "architectures.tab_table": {"en": "Layers", "ko": "층별 표"},
    "architectures.tab_chart": {"en": "Params & MACs chart", "ko": "파라미터·MAC 차트"},
    "architectures.tab_diagram": {"en": "Diagram", "ko": "구조도"},
    "architectures.tab_code": {"en": "PyTorch code", "ko": "PyTorch 코드"},
    "architectures.tab_compare": {"en": "Compare two", "ko": "두 신경망 비교"},
    "architectures.col_layer": {"en": "Layer", "ko": "층"},
    "architectures.col_type": {"en": "Type", "ko": "종류"},
    "architectures.col_output": {"en": "Output (C×H×W)", "ko": "출력 (C×H×W)"},
    "architectures.col_params": {"en": "Params", "ko": "파라미터"},
    "architectures.col_share": {"en": "% of params", "ko": "파라미터 비율(%)"},
    "architectures.col_macs": {"en": "MACs", "ko": "MAC"},
    "architectures.col_rf": {"en": "Receptive field", "ko": "수용 영역"},
    "architectures.rf_whole": {"en": "whole input", "ko": "입력 전체"},
    "architectures.col_rf_help": {
        "en": "How many input pixels (per side) one output value of this layer can see.",
        "ko": "이 층의 출력 값 하나가 볼 수 있는 입력 픽셀의 범위(한 변 기준).",
    },
    "architectures.table_caption": {
        "en": "{n} layers. Layers without a count (ReLU, BN running statistics) have no MACs; BN's two "
              "learnable vectors are parameters.",
        "ko": "층 {n}개. ReLU처럼 가중치가 없는 층은 MAC이 0이고, BN의 학습되는 두 벡터(γ, β)는 파라미터로 셉니다.",
    },
    "architectures.log_scale": {"en": "Logarithmic scale", "ko": "로그 스케일"},
    "architectures.log_help": {"en": "On a log scale small layers become visible; on a linear scale you see who dominates.",
                      "ko": "로그 스케일에서는 작은 층도 보이고, 선형 스케일에서는 어느 층이 압도하는지 보입니다."},
    "architectures.chart_caption": {
        "en": "Blue: convolution · purple: fully connected · red: the layer holding the most parameters. "
              "Only layers with weights are drawn (ReLU and pooling have none).",
        "ko": "파란색: 합성곱 · 보라색: 완전 연결 · 빨간색: 파라미터가 가장 많은 층. "
              "가중치가 있는 층만 그립니다 (ReLU와 풀링에는 없습니다).",
    },
    "architectures.chart_params": {"en": "Parameters per layer", "ko": "층별 파라미터 수"},
    "architectures.chart_macs": {"en": "MACs per layer", "ko": "층별 MAC 수"},
    "architectures.hover_params": {"en": "{n} parameters", "ko": "파라미터 {n}개"},
    "architectures.hover_macs": {"en": "{n} MACs", "ko": "MAC {n}회"},
    "architectures.model_lenet5_modern": {"en": "LeNet-5 (ReLU + max pool)", "ko": "LeNet-5 (ReLU + 최대 풀링)"},
    "architectures.model_small_vgg": {"en": "Small VGG (digits)", "ko": "작은 VGG (숫자)"},
    "architectures.model_inception": {"en": "Inception module", "ko": "인셉션 모듈"},
    "architectures.heaviest_note": {"en": "{name}: {params} ({share} %)", "ko": "{name}: {params}개 ({share} %)"},
    "architectures.diagram_caption": {
        "en": "Each box is a conv or fully connected layer with what follows it (· BN · ReLU); parallel "
              "branches stand side by side and meet in a concatenation; red arcs are skip connections "
              "added (+) before the last ReLU. Hover a box for its output shape.",
        "ko": "상자 하나는 합성곱 층 또는 완전 연결 층과 그 뒤에 붙은 층(· BN · ReLU)입니다. 나란히 놓인 갈래는 이어 붙이기(concat)에서 합쳐지고, 빨간 호는 마지막 "
              "ReLU 앞에서 더해지는(+) 스킵 연결입니다. 상자 위에 마우스를 올리면 출력 크기가 보입니다.",
    },
    "architectures.diagram_untraced": {
        "en": "This network could not be traced with torch.fx, so its layers are drawn as a simple chain.",
        "ko": "이 신경망은 torch.fx로 추적할 수 없어 층을 단순한 사슬로 그렸습니다.",
    },
    "architectures.code_caption": {
        "en": "The code cnnlab runs for this network (`{call}`).",
        "ko": "cnnlab이 이 신경망을 만들 때 실행하는 코드입니다 (`{call}`).",
    },
    "architectures.compare_with": {"en": "Compare with", "ko": "비교할 신경망"},
    "architectures.compare_same_input": {
        "en": "Both networks get the same input {shape} and {classes} classes, each with its default options.",
        "ko": "두 신경망 모두 입력 {shape}, 클래스 {classes}개로 조건이 같고, 옵션은 각자의 기본값입니다.",
    },
    "architectures.compare_ratio": {
        "en": "{a} has {ratio}× the parameters of {b}.",
        "ko": "{a}의 파라미터는 {b}의 {ratio}배입니다.",
    },
    "architectures.compare_same": {
        "en": "{a} and {b} have exactly the same number of parameters.",
        "ko": "{a:와} {b}의 파라미터 수는 똑같습니다.",
    },
    "architectures.compare_twins": {
        "en": "The shortcuts that add the input (or zero-pad it, option A) learn nothing themselves: the residual "
              "network costs no extra parameters over its plain twin.",
        "ko": "입력을 그대로 더하는(또는 옵션 A처럼 0으로 채우는) 스킵 연결에는 학습할 값이 없습니다. 그래서 잔여 신경망은 같은 깊이의 평형망보다 파라미터가 늘지 않습니다.",
    },
    "architectures.compare_col": {"en": "Network", "ko": "신경망"},
    "architectures.compare_error": {"en": "{name} cannot take this input: {error}",
                           "ko": "{name:은} 이 입력을 받을 수 없습니다. {error}"},
    "architectures.error_title": {"en": "This network cannot take this input.", "ko": "이 신경망은 이 입력을 받을 수 없습니다"},
    "architectures.error_layer": {"en": "The layer where it breaks: **{layer}**", "ko": "문제가 생긴 층: **{layer}**"},
    "architectures.error_hint": {
        "en": "Make the input larger (this network's usual input is {shape}) or pick another network.",
        "ko": "입력을 키우거나(이 신경망의 기본 입력은 {shape}) 다른 신경망을 고르세요.",
    },
    "architectures.build_error": {"en": "This combination of options cannot be built",
                                  "ko": "이 옵션 조합으로는 신경망을 만들 수 없습니다"},
}
