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
    "architectures.output": {"en": "Output shape", "ko": "출력 크기"},
    "architectures.heaviest": {
        "en": "Heaviest layer: **{name}** ({type}) holds **{params}** of {total} parameters — **{share} %** "
              "of the whole network.",
        "ko": "가장 무거운 층은 **{name}** ({type})입니다. 전체 파라미터 {total}개 중 **{params}**개로, 신경망 전체의 **{share} %를** 차지합니다.",
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
              "branches stand side by side and meet in a concatenation. Hover a box for its output shape (C×H×W).",
        "ko": "상자 하나는 합성곱 층 또는 완전 연결 층과 그 뒤에 붙은 층(· BN · ReLU)입니다. 나란히 놓인 갈래는 "
              "이어 붙이기(concat)에서 합쳐집니다. 상자 위에 마우스를 올리면 출력 크기(C×H×W)가 보입니다.",
    },
    "architectures.diagram_skips_post": {
        "en": "Red arcs are skip connections: the block's input is added (+) after its last BN and before its last "
              "ReLU, a[l+2] = g(z[l+2] + a[l]).",
        "ko": "빨간 호는 스킵 연결입니다. 블록의 입력을 마지막 BN 뒤, 마지막 ReLU 앞에서 더합니다(+): "
              "a[l+2] = g(z[l+2] + a[l]).",
    },
    "architectures.diagram_skips_preact": {
        "en": "Red arcs are skip connections. With pre-activation, BN and ReLU come before each convolution, so "
              "the block's input is added (+) to the output of its last convolution and no ReLU follows the sum.",
        "ko": "빨간 호는 스킵 연결입니다. 사전 활성화에서는 BN과 ReLU가 각 합성곱 앞에 오므로, 블록의 입력을 "
              "마지막 합성곱의 출력에 더하고(+) 그 합 뒤에는 ReLU가 없습니다.",
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
        "en": "Both networks get the same input, shape (C×H×W) {shape}, and {classes} classes, each with its default "
              "options. Parameters are those of one inference (training-only auxiliary classifiers left out).",
        "ko": "두 신경망 모두 입력 크기(C×H×W) {shape}, 클래스 {classes}개로 조건이 같고, 옵션은 각자의 기본값입니다. "
              "파라미터는 추론 한 번에 쓰는 수입니다(훈련 전용 보조 분류기는 뺍니다).",
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
        "en": "Make the input larger (this network's usual input, shape C×H×W, is {shape}) or pick another network.",
        "ko": "입력을 키우거나(이 신경망의 기본 입력 크기(C×H×W)는 {shape}) 다른 신경망을 고르세요.",
    },
    "architectures.params_inference": {"en": "Parameters (inference)", "ko": "파라미터 (추론)"},
    "architectures.training_only": {"en": "training only", "ko": "훈련 전용"},
    "architectures.training_only_note": {
        "en": "Left out of the count: the auxiliary classifiers {heads}, {n} parameters that only run in training "
              "({total} in all). They are also left out of the heaviest layer and the shares in the table.",
        "ko": "개수에서 뺀 것: 보조 분류기 {heads}. 훈련 중에만 쓰는 파라미터 {n}개입니다(모두 합치면 {total}개). "
              "가장 무거운 층과 표의 비율에서도 뺐습니다.",
    },
    "architectures.about": {"en": "About {name}", "ko": "{name} 알아보기"},
    # ---- per-network notes (numbers come from cnnlab.architectures; see cnnlab/ui/architectures.py)
    "architectures.note_lenet": {
        "en": "**LeNet-5** (LeCun et al., 1998) reads handwritten digits. Follow the shape (C×H×W) after each "
              "convolution and pooling layer: {path}. Height and width shrink, because the convolutions have no "
              "padding and each pool halves the map, while the channels grow — the pattern every later network keeps.",
        "ko": "**LeNet-5**(LeCun 외, 1998)는 손글씨 숫자를 읽습니다. 합성곱 층과 풀링 층을 지날 때마다 바뀌는 "
              "크기(C×H×W)를 따라가 보세요: {path}. 합성곱에 패딩이 없고 풀링이 맵을 절반으로 줄이므로 높이와 "
              "너비는 작아지고, 채널 수는 늘어납니다. 이후의 신경망도 모두 이 흐름을 따릅니다.",
    },
    "architectures.note_alexnet": {
        "en": "**AlexNet** (Krizhevsky et al., 2012) won ImageNet 2012 with five convolutions and three fully "
              "connected layers. What it brought:",
        "ko": "**AlexNet**(Krizhevsky 외, 2012)은 합성곱 다섯 개와 완전 연결 층 세 개로 2012년 ImageNet 대회에서 "
              "우승했습니다. 새로 들여온 것들:",
    },
    "architectures.note_alexnet_relu": {
        "en": "- **ReLU** instead of tanh or the sigmoid: its slope is 1 for every positive input, so the gradient "
              "does not shrink layer after layer (the sigmoid's slope is at most 0.25). In the paper a network with "
              "ReLU reached 25 % training error on CIFAR-10 six times faster than with tanh. The price: a unit whose "
              "input stays negative outputs 0 and gets a zero gradient, so it may never recover — a *dead* unit "
              "(a learning rate that is too large makes many).",
        "ko": "- tanh나 시그모이드 대신 **ReLU**: 양수 입력에서는 기울기가 늘 1이라서 층을 지날 때마다 경사가 "
              "줄어들지 않습니다(시그모이드의 기울기는 최대 0.25). 논문에서 ReLU를 쓴 신경망은 CIFAR-10의 훈련 "
              "오류 25 %에 tanh보다 여섯 배 빨리 도달했습니다. 대가도 있습니다. 입력이 늘 음수인 뉴런은 0만 "
              "내보내고 경사도 0이라서 다시 살아나지 못할 수 있습니다(*죽은* 뉴런). 학습률이 너무 크면 이런 "
              "뉴런이 많이 생깁니다.",
    },
    "architectures.note_alexnet_dropout": {
        "en": "- **Dropout** (p = {p}) before the fully connected layers: in training each value is set to 0 at "
              "random with probability {p}, so no unit can rely on particular partners, and PyTorch multiplies "
              "the survivors by 1/(1 − p) = {scale}. At test time nothing is dropped and nothing is multiplied "
              "(the paper instead halved the outputs at test time — the same expected value).",
        "ko": "- 완전 연결 층 앞의 **드롭아웃**(p = {p}): 훈련 중에는 값마다 확률 {p:로} 무작위로 0을 만들어, "
              "어떤 뉴런도 특정 짝에 기댈 수 없게 합니다. PyTorch는 살아남은 값에 1/(1 − p) = {scale:을} "
              "곱합니다. 테스트 때는 아무것도 끄지 않고 곱하지도 않습니다(논문은 대신 테스트 때 출력을 절반으로 "
              "줄였습니다. 기댓값은 같습니다).",
    },
    "architectures.note_alexnet_pool": {
        "en": "- **Overlapping max pooling**: 3×3 windows moved 2 cells at a time, so neighbouring windows share a "
              "row. The paper found slightly lower error than with 2×2 windows moved by 2 (top-1 by 0.4 points) "
              "and a little less overfitting.",
        "ko": "- **겹치는 최대 풀링**: 3×3 창을 한 번에 2칸씩 옮기므로 이웃한 창이 한 줄씩 겹칩니다. 논문에서는 "
              "2×2 창을 2칸씩 옮길 때보다 오류가 조금 낮았고(top-1 기준 0.4 %p) 과적합도 약간 덜했습니다.",
    },
    "architectures.note_alexnet_lrn": {
        "en": "- **Local response normalization** (LRN) after the first two ReLUs: each value is divided by a power "
              "of the sum of squares at the same position in 5 neighbouring channels; it has no learnable "
              "parameters. VGG later found it did not help, and batch normalization took its place.",
        "ko": "- 처음 두 ReLU 뒤의 **국소 응답 정규화(LRN)**: 값마다, 이웃한 채널 5개의 같은 위치 값을 제곱해 더한 "
              "합의 거듭제곱으로 나눕니다. 학습되는 파라미터는 없습니다. 나중에 VGG는 LRN이 도움이 되지 않는다고 "
              "보고했고, 그 자리는 배치 정규화가 차지했습니다.",
    },
    "architectures.note_alexnet_gpus": {
        "en": "- **Two GPUs** (3 GB each): half of each layer's filters lived on each GPU, and conv2, conv4 and "
              "conv5 read only the half on their own GPU (groups = 2). Turn on the two-GPU layout: {grouped} "
              "parameters, the paper's \"60 million\", against {single} in torchvision's single-GPU layout.",
        "ko": "- **GPU 두 개**(각 3 GB): 층마다 필터의 절반씩을 GPU 하나에 두었고, conv2, conv4, conv5는 자기 "
              "GPU에 있는 절반만 읽었습니다(groups = 2). 2-GPU 그룹 구조를 켜 보세요. 파라미터가 {grouped}개로 "
              "논문이 말한 '6천만 개'이고, torchvision의 단일 GPU 구조는 {single}개입니다.",
    },
    "architectures.note_alexnet_input": {
        "en": "**224 or 227?** The paper says 224×224 inputs, but its first layer (11×11, stride 4, no padding) "
              "then gives {bad}: not a whole number, the windows do not tile the image. An unpadded 227×227 gives "
              "{paper}. cnnlab, like torchvision, pads 2 instead: {ours}, which torch rounds down: {floored}.",
        "ko": "**224일까, 227일까?** 논문은 입력이 224×224라고 하지만, 첫 층(11×11, 스트라이드 4, 패딩 없음)에 "
              "넣으면 {bad:로} 정수가 아닙니다. 창이 이미지를 딱 맞게 덮지 못합니다. 패딩 없는 227×227이면 "
              "{paper}입니다. cnnlab은 torchvision처럼 대신 패딩 2를 씁니다: {ours}. torch는 이를 내림합니다: "
              "{floored}.",
    },
    "architectures.note_alexnet_here": {
        "en": "At this input ({n}×{n}) cnnlab's padding 2 gives {formula}, a first map of {out}×{out}"
              "{paper_note}",
        "ko": "지금 입력({n}×{n})에서는 cnnlab의 패딩 2 때문에 {formula}, 첫 맵은 {out}×{out}입니다"
              "{paper_note}",
    },
    "architectures.note_alexnet_227": {
        "en": " — not the paper's {paper_shape}: the paper's 227 works only without padding.",
        "ko": ". 논문의 {paper_shape:와} 다릅니다. 논문의 227은 패딩이 없을 때만 맞습니다.",
    },
    "architectures.note_end": {"en": ".", "ko": "."},
    "architectures.note_vgg": {
        "en": "**VGG** (Simonyan & Zisserman, 2014) uses one kind of convolution only: 3×3, stride 1, **padding 1**, "
              "so every convolution keeps H×W: {same}. (The study notes say padding 2; that would grow the map by 2 "
              "at every layer: {wrong}.) Each 2×2 max pool with stride 2 halves H and W, and the channels double "
              "after it: {channels}.",
        "ko": "**VGG**(Simonyan & Zisserman, 2014)는 한 종류의 합성곱만 씁니다. 3×3, 스트라이드 1, **패딩 1**이라서 "
              "모든 합성곱이 H×W를 그대로 둡니다: {same}. (수업 노트에는 패딩 2라고 되어 있지만, 그러면 층마다 "
              "맵이 2씩 커집니다: {wrong}.) 스트라이드 2인 2×2 최대 풀링이 H와 W를 절반으로 줄이고, 그 뒤마다 "
              "채널 수가 두 배가 됩니다: {channels}.",
    },
    "architectures.note_vgg_stack": {
        "en": "Why only 3×3: two stacked 3×3 convolutions see a {rf2}×{rf2} receptive field, like one 5×5, with "
              "{w2} weights instead of {w5} (C channels in and out, biases left out) and one more ReLU between "
              "them; three see {rf3}×{rf3}, like one 7×7, with {w3} instead of {w7}.",
        "ko": "왜 3×3만 쓸까요? 3×3 합성곱 두 개를 쌓으면 5×5 하나와 같은 {rf2}×{rf2} 수용 영역을 보면서 가중치는 "
              "{w5} 대신 {w2}이고(입출력 채널 C, 편향 제외), 사이에 ReLU가 하나 더 들어갑니다. 세 개를 쌓으면 "
              "7×7 하나와 같은 {rf3}×{rf3} 수용 영역을 {w7} 대신 {w3}만으로 봅니다.",
    },
    "architectures.note_vgg_head": {
        "en": "**Where VGG's weights are**: its fully connected layers hold {fc_params} of {params} parameters "
              "({pshare} %) but do only {mshare} % of its {macs} MACs; the convolutions do the computing. The "
              "global average pooling head cuts the parameters to {gap_params} while the MACs barely move "
              "({gap_macs}).",
        "ko": "**VGG의 가중치는 어디에 있을까요?** 완전 연결 층이 파라미터 {params}개 중 {fc_params}개({pshare} %)를 "
              "차지하지만, MAC {macs}회 중에서는 {mshare} %만 계산합니다. 계산은 합성곱이 합니다. 전역 평균 풀링 "
              "헤드로 바꾸면 파라미터는 {gap_params}개로 줄지만 MAC은 거의 그대로입니다({gap_macs}).",
    },
    "architectures.note_nin": {
        "en": "**Network in Network** (Lin et al., 2013) puts a small fully connected network at every pixel: each "
              "spatial convolution is followed by two 1×1 convolutions with their ReLUs (an mlpconv block). The last "
              "block outputs one map per class ({classes}), and global average pooling turns each map into a score: "
              "no fully connected layer at all, {params} parameters. GoogLeNet took both ideas, the 1×1 "
              "convolutions and the global average pooling head.",
        "ko": "**Network in Network**(Lin 외, 2013)는 픽셀마다 작은 완전 연결 신경망을 둡니다. 공간 합성곱 하나 "
              "뒤에 1×1 합성곱 두 개가 각자 ReLU와 함께 붙습니다(mlpconv 블록). 마지막 블록은 클래스마다 맵을 "
              "하나씩({classes}개) 내고, 전역 평균 풀링이 맵 하나를 점수 하나로 바꿉니다. 완전 연결 층이 전혀 "
              "없고 파라미터는 {params}개입니다. GoogLeNet은 1×1 합성곱과 전역 평균 풀링 헤드를 모두 가져갔습니다.",
    },
    "architectures.note_googlenet": {
        "en": "**GoogLeNet** (Szegedy et al., 2014) stacks {modules} Inception modules: 1×1, 3×3 and 5×5 "
              "convolutions and a 3×3 max pool side by side, with 1×1 bottlenecks in front of the costly branches, "
              "and ends with global average pooling and a single fully connected layer.",
        "ko": "**GoogLeNet**(Szegedy 외, 2014)은 인셉션 모듈 {modules}개를 쌓습니다. 1×1, 3×3, 5×5 합성곱과 "
              "3×3 최대 풀링을 나란히 두고, 비싼 갈래 앞에는 1×1 병목 층을 둡니다. 끝은 전역 평균 풀링과 완전 "
              "연결 층 하나입니다.",
    },
    "architectures.note_googlenet_params": {
        "en": "One inference uses **{inference}** parameters. The two auxiliary classifiers (aux1 and aux2, {aux} "
              "parameters more) run only in training: their losses, weighted 0.3, push gradient into the middle of "
              "the network and regularise it. They are dropped at test time, so they are listed apart and left out "
              "of the count. cnnlab builds the paper's 5×5 convolutions; torchvision's GoogLeNet has a 3×3 there "
              "(and batch normalization): {tv} parameters.",
        "ko": "추론 한 번에 쓰는 파라미터는 **{inference}**개입니다. 보조 분류기 두 개(aux1과 aux2, 파라미터 {aux}개 "
              "더)는 훈련 중에만 돌아갑니다. 그 손실에 0.3을 곱해 더하면 신경망 중간까지 경사가 전달되고 규제 "
              "효과도 납니다. 테스트 때는 떼어 내므로 따로 적고 개수에서 뺍니다. cnnlab은 논문의 5×5 합성곱을 "
              "만들고, torchvision의 GoogLeNet은 그 자리에 3×3을 씁니다(배치 정규화도 씁니다): 파라미터 {tv}개.",
    },
    "architectures.note_googlenet_ratio": {
        "en": "AlexNet has {ratio}× GoogLeNet's parameters ({alexnet} against {inference}, both at 3×224×224); the "
              "paper's own claim is \"12 times fewer\" than AlexNet.",
        "ko": "AlexNet의 파라미터는 GoogLeNet의 {ratio}배입니다(둘 다 3×224×224에서 {alexnet}개 대 {inference}개). "
              "논문은 AlexNet보다 '12배 적다'고 주장합니다.",
    },
    "architectures.note_resnet": {
        "en": "**ResNet** (He et al., 2015) adds skip connections. A residual block computes "
              "a[l+2] = g(z[l+2] + a[l]): the input a[l] is added before the last ReLU g, so a block whose weights "
              "go to zero passes its input through. ResNet-18 and 34 stack basic blocks (two 3×3 convolutions); "
              "ResNet-50, 101 and 152 stack bottleneck blocks: a 1×1 convolution cuts the channels to a quarter, a "
              "3×3 works on the few, and a 1×1 restores them.",
        "ko": "**ResNet**(He 외, 2015)은 스킵 연결을 더합니다. 잔여 블록은 a[l+2] = g(z[l+2] + a[l])을 계산합니다. "
              "입력 a[l]을 마지막 ReLU g 앞에서 더하므로, 가중치가 0으로 가면 블록은 입력을 그대로 내보냅니다. "
              "ResNet-18과 34는 기본 블록(3×3 합성곱 두 개)을, ResNet-50, 101, 152는 병목 블록을 쌓습니다. "
              "1×1 합성곱이 채널을 4분의 1로 줄이고, 3×3이 적은 채널에서 계산한 뒤, 1×1이 다시 늘립니다.",
    },
    "architectures.note_resnet_preact": {
        "en": "Pre-activation is on: BN and ReLU come before each convolution, and nothing follows the addition.",
        "ko": "사전 활성화가 켜져 있습니다. BN과 ReLU가 각 합성곱 앞에 오고, 덧셈 뒤에는 아무것도 없습니다.",
    },
    "architectures.note_resnet_v15": {
        "en": "**{macs} MACs, not the paper's {paper}** (at 3×224×224): cnnlab builds torchvision's ResNet "
              "(\"v1.5\"), which puts the stride 2 of each stage's first bottleneck block on its 3×3 convolution. "
              "The paper put it on the first 1×1, which then runs on the map already halved; with that placement "
              "cnnlab counts {v1}.",
        "ko": "**MAC이 논문의 {paper:이} 아니라 {macs}인 이유**(3×224×224 기준): cnnlab은 torchvision의 ResNet"
              "('v1.5')을 만듭니다. 여기서는 각 단계 첫 병목 블록의 스트라이드 2를 3×3 합성곱에 둡니다. 논문은 "
              "첫 1×1에 두었기 때문에 그 1×1이 이미 절반으로 줄어든 맵에서 계산했습니다. 논문처럼 두면 cnnlab의 "
              "계산도 {v1}입니다.",
    },
    "architectures.note_cifar": {
        "en": "The CIFAR-10 networks of the ResNet paper: 6n + 2 weight layers in three stages of 16, 32 and 64 "
              "channels on 32×32 images. Option A shortcuts pad the extra channels with zeros, so a residual "
              "network has exactly the parameters of its plain twin; the degradation lesson trains the two.",
        "ko": "ResNet 논문의 CIFAR-10 신경망입니다. 32×32 이미지에서 채널 16, 32, 64인 세 단계에 가중치 층 "
              "6n + 2개를 둡니다. 옵션 A 스킵 연결은 늘어난 채널을 0으로 채우므로, 잔여 신경망의 파라미터 수는 "
              "같은 깊이의 평형망과 똑같습니다. 성능 저하 수업에서 둘을 훈련해 비교합니다.",
    },
    "architectures.why_pooling": {
        "en": "**Why pooling?** (1) It downsamples: a 2×2 pool with stride 2 keeps a quarter of the positions, so "
              "every later layer does a quarter of the multiply-adds. (2) A max pool's output stays the same when "
              "its largest input moves within the window, so small shifts of the image matter less. (3) Fewer "
              "positions mean fewer parameters downstream{example}. Pooling has hyperparameters (window, stride) "
              "but nothing to learn.",
        "ko": "**왜 풀링을 할까요?** (1) 크기를 줄입니다. 스트라이드 2인 2×2 풀링은 위치의 4분의 1만 남기므로 "
              "뒤의 층마다 곱셈-덧셈도 4분의 1이 됩니다. (2) 최대 풀링의 출력은 가장 큰 입력이 창 안에서 움직여도 "
              "그대로입니다. 그래서 이미지가 조금 밀려도 덜 흔들립니다. (3) 위치가 줄면 뒤쪽 파라미터도 "
              "줄어듭니다{example}. 풀링에는 하이퍼파라미터(창 크기, 스트라이드)만 있고 학습할 것은 없습니다.",
    },
    "architectures.why_pooling_example": {
        "en": ": {layer} reads a {shape} map with {params} parameters; on a map twice as wide ({wider}) it would "
              "need {params2}",
        "ko": ". {layer} 층은 {shape} 맵을 읽고 파라미터가 {params}개입니다. 두 배 넓은 맵({wider})이라면 "
              "{params2}개가 필요합니다",
    },
    "architectures.fc_as_conv": {
        "en": "**A fully connected layer is a convolution whose kernel is its whole input.** {layer} reads a map "
              "of shape (C×H×W) {shape}: that is {out} filters of size {shape}, {params} parameters either way "
              "(only the weights change shape, and the outputs are identical: `cnnlab.architectures.fc_as_conv`). The "
              "difference shows on a larger image: on a map twice as wide ({wider}) the same weights slide to "
              "{pos}×{pos} positions and give a map of {pos}×{pos} outputs, the classifier applied at every "
              "position at once.",
        "ko": "**완전 연결 층은 커널이 입력 전체인 합성곱입니다.** {layer} 층은 크기(C×H×W)가 {shape}인 맵을 "
              "읽습니다. 이는 크기 {shape}인 필터 {out}개와 같고, 어느 쪽이든 파라미터는 {params}개입니다"
              "(가중치의 모양만 바뀌고 출력은 똑같습니다: `cnnlab.architectures.fc_as_conv`). 차이는 더 큰 "
              "이미지에서 드러납니다. 두 배 넓은 맵({wider})에서는 같은 가중치가 {pos}×{pos} 위치를 옮겨 다니며 "
              "{pos}×{pos} 출력 맵을 냅니다. 분류기를 모든 위치에 한 번에 적용하는 셈입니다.",
    },
    "architectures.build_error": {"en": "This combination of options cannot be built",
                                  "ko": "이 옵션 조합으로는 신경망을 만들 수 없습니다"},
}
