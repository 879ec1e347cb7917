"""Strings of the architecture explorer (``arch.*``) and build-your-own (``byo.*``) pages."""
from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    # ---- Architecture explorer -------------------------------------------------------------
    "arch.title": {"en": "Architecture explorer", "ko": "구조 탐색기"},
    "arch.intro": {
        "en": "Pick a classic network, change its input and options, and see where its parameters and "
              "multiply-adds live, layer by layer.",
        "ko": "고전적인 신경망을 고르고 입력과 옵션을 바꿔 보면서, 파라미터와 곱셈-누산(MAC)이 어느 층에 "
              "몰려 있는지 층별로 확인해 보세요.",
    },
    "arch.model": {"en": "Network", "ko": "신경망"},
    "arch.channels": {"en": "Input channels", "ko": "입력 채널 수"},
    "arch.channels_help": {"en": "1 = greyscale (digits), 3 = colour (RGB)",
                           "ko": "1 = 흑백(손글씨 숫자), 3 = 컬러(RGB)"},
    "arch.size": {"en": "Input size (H = W)", "ko": "입력 크기 (H = W)"},
    "arch.size_help": {
        "en": "Height and width of the input image in pixels. Each network has a smallest size it can take.",
        "ko": "입력 이미지의 높이와 너비(픽셀). 신경망마다 받을 수 있는 최소 크기가 있습니다.",
    },
    "arch.classes": {"en": "Classes", "ko": "클래스 수"},
    "arch.classes_help": {"en": "Number of outputs of the last layer (1000 for ImageNet, 10 for digits)",
                          "ko": "마지막 층의 출력 개수 (ImageNet은 1000, 손글씨 숫자는 10)"},
    "arch.opt_classic": {"en": "Classic 1998 version", "ko": "1998년 원본"},
    "arch.opt_classic_help": {
        "en": "On: tanh/sigmoid and average pooling as in the paper. Off: ReLU and max pooling (the modern habit).",
        "ko": "켜면 논문처럼 tanh/시그모이드와 평균 풀링, 끄면 ReLU와 최대 풀링(요즘 방식)을 씁니다.",
    },
    "arch.opt_batch_norm": {"en": "Batch normalization", "ko": "배치 정규화(BN)"},
    "arch.opt_batch_norm_help": {
        "en": "A BN layer after every convolution: 2 learnable numbers per channel (γ, β).",
        "ko": "합성곱마다 뒤에 BN 층을 둡니다: 채널마다 학습 가능한 값 2개(γ, β).",
    },
    "arch.opt_head": {"en": "Head", "ko": "분류기(헤드)"},
    "arch.opt_head_help": {
        "en": "FC: flatten and fully connected layers (VGG's original). GAP: global average pooling, then one "
              "fully connected layer (as in GoogLeNet).",
        "ko": "FC: 펼친 뒤 완전 연결 층(VGG 원본). GAP: 전역 평균 풀링 뒤 완전 연결 층 하나(GoogLeNet 방식).",
    },
    "arch.opt_aux_logits": {"en": "Auxiliary classifiers", "ko": "보조 분류기"},
    "arch.opt_aux_logits_help": {
        "en": "Two extra small classifiers on intermediate layers that push gradient into the early layers "
              "during training; dropped at test time.",
        "ko": "학습 중 앞쪽 층까지 기울기를 전달하도록 중간 층에 붙인 작은 분류기 두 개. 테스트 때는 쓰지 않습니다.",
    },
    "arch.opt_residual": {"en": "Residual (skip) connections", "ko": "잔차(스킵) 연결"},
    "arch.opt_residual_help": {
        "en": "Off: the plain twin with the same layers and no shortcuts — the degradation lesson.",
        "ko": "끄면 같은 층에 지름길만 없는 평범한(plain) 신경망이 됩니다 — 성능 저하(degradation) 수업.",
    },
    "arch.opt_grouped": {"en": "Two-GPU grouped layout", "ko": "2-GPU 그룹 구조"},
    "arch.opt_grouped_help": {
        "en": "The original AlexNet split some convolutions into two groups, one per GPU (groups=2).",
        "ko": "원래 AlexNet은 일부 합성곱을 GPU마다 하나씩 두 그룹으로 나눴습니다 (groups=2).",
    },
    "arch.opt_shortcut": {"en": "Shortcut", "ko": "지름길(shortcut)"},
    "arch.opt_shortcut_help": {
        "en": "Where a block changes the shape: A = pad the extra channels with zeros (no parameters), "
              "B = a 1×1 convolution W_s with stride 2.",
        "ko": "블록이 크기를 바꿀 때: A = 늘어난 채널을 0으로 채움(파라미터 없음), B = 스트라이드 2의 1×1 합성곱 W_s.",
    },
    "arch.opt_preact": {"en": "Pre-activation", "ko": "사전 활성화"},
    "arch.opt_preact_help": {
        "en": "BN and ReLU before each convolution instead of after (a later ResNet variant).",
        "ko": "BN과 ReLU를 합성곱 뒤가 아니라 앞에 둡니다 (이후에 나온 ResNet 변형).",
    },
    "arch.opt_depth": {"en": "Depth (6n+2)", "ko": "깊이 (6n+2)"},
    "arch.opt_depth_help": {
        "en": "Weight layers: 6n convolutions in three stages (16, 32, 64 channels) + the first conv + the FC layer.",
        "ko": "가중치 층 수: 세 단계(채널 16, 32, 64)의 합성곱 6n개 + 첫 합성곱 + 완전 연결 층.",
    },
    "arch.opt_lrn": {"en": "Local response normalization", "ko": "국소 응답 정규화(LRN)"},
    "arch.opt_lrn_help": {
        "en": "LRN after the first two ReLUs, as in the paper (no learnable parameters).",
        "ko": "논문처럼 처음 두 ReLU 뒤에 LRN을 둡니다 (학습 가능한 파라미터 없음).",
    },
    "arch.opt_activation": {"en": "Squashing function", "ko": "활성화 함수"},
    "arch.opt_activation_help": {
        "en": "The classic LeNet squashes with tanh or the sigmoid; their slope is at most 1 and 0.25.",
        "ko": "고전 LeNet은 tanh나 시그모이드를 씁니다. 기울기는 각각 최대 1과 0.25입니다.",
    },
    "arch.opt_padding": {"en": "Padding of the first conv", "ko": "첫 합성곱의 패딩"},
    "arch.opt_padding_help": {
        "en": "2 makes a 28×28 digit behave like LeNet's 32×32 input: (28 + 2·2 − 5)/1 + 1 = 28.",
        "ko": "2로 두면 28×28 숫자가 LeNet의 32×32 입력처럼 됩니다: (28 + 2·2 − 5)/1 + 1 = 28.",
    },
    "arch.params": {"en": "Parameters", "ko": "파라미터"},
    "arch.macs": {"en": "MACs", "ko": "MAC"},
    "arch.flops": {"en": "≈ {flops} FLOPs", "ko": "≈ {flops} FLOPs"},
    "arch.exact": {
        "en": "Exactly: {params} parameters · {macs} MACs · FLOPs ≈ 2 × MACs = {flops}",
        "ko": "정확히: 파라미터 {params}개 · MAC {macs}회 · FLOPs ≈ 2 × MAC = {flops}",
    },
    "arch.depth": {"en": "Depth (weight layers)", "ko": "깊이 (가중치 층)"},
    "arch.depth_help": {
        "en": "Conv and fully connected layers on the longest path from input to output — how papers "
              "count (VGG-16: 13 conv + 3 FC; ResNet-18: 17 conv + 1 FC). Projection shortcuts are not counted.",
        "ko": "입력에서 출력까지 가장 긴 경로에 있는 합성곱 층과 완전 연결 층의 수 — 논문이 세는 방식입니다 "
              "(VGG-16: 합성곱 13 + FC 3, ResNet-18: 합성곱 17 + FC 1). 투영 지름길은 세지 않습니다.",
    },
    "arch.output": {"en": "Output", "ko": "출력"},
    "arch.heaviest": {
        "en": "Heaviest layer: **{name}** ({type}) holds **{params}** of {total} parameters — **{share} %** "
              "of the whole network.",
        "ko": "가장 무거운 층: **{name}** ({type})이(가) 전체 {total}개 중 **{params}**개의 파라미터를 가집니다 "
              "— 신경망 전체의 **{share} %**.",
    },
    "arch.heaviest_fc_hint": {
        "en": "A fully connected layer on a large feature map is where the weights pile up. Try the "
              "global average pooling head to see most of them disappear.",
        "ko": "큰 특징 맵 위에 놓인 완전 연결 층에 가중치가 몰립니다. 전역 평균 풀링(GAP) 헤드로 바꾸면 "
              "대부분이 사라지는 것을 확인해 보세요.",
    },
    "arch.tab_table": {"en": "Layers", "ko": "층별 표"},
    "arch.tab_chart": {"en": "Params & MACs chart", "ko": "파라미터·MAC 차트"},
    "arch.tab_diagram": {"en": "Diagram", "ko": "구조도"},
    "arch.tab_code": {"en": "PyTorch code", "ko": "PyTorch 코드"},
    "arch.tab_compare": {"en": "Compare two", "ko": "두 신경망 비교"},
    "arch.col_layer": {"en": "Layer", "ko": "층"},
    "arch.col_type": {"en": "Type", "ko": "종류"},
    "arch.col_output": {"en": "Output (C×H×W)", "ko": "출력 (C×H×W)"},
    "arch.col_params": {"en": "Params", "ko": "파라미터"},
    "arch.col_share": {"en": "% of params", "ko": "파라미터 비율(%)"},
    "arch.col_macs": {"en": "MACs", "ko": "MAC"},
    "arch.col_rf": {"en": "Receptive field", "ko": "수용 영역"},
    "arch.rf_whole": {"en": "whole input", "ko": "입력 전체"},
    "arch.col_rf_help": {
        "en": "How many input pixels (per side) one output value of this layer can see.",
        "ko": "이 층의 출력 값 하나가 볼 수 있는 입력 픽셀의 범위(한 변 기준).",
    },
    "arch.table_caption": {
        "en": "{n} layers. Layers without a count (ReLU, BN running statistics) have no MACs; BN's two "
              "learnable vectors are parameters.",
        "ko": "{n}개 층. ReLU처럼 셈이 없는 층은 MAC이 0이며, BN의 학습 가능한 두 벡터(γ, β)는 파라미터로 셉니다.",
    },
    "arch.log_scale": {"en": "Logarithmic scale", "ko": "로그 스케일"},
    "arch.log_help": {"en": "On a log scale small layers become visible; on a linear scale you see who dominates.",
                      "ko": "로그 스케일에서는 작은 층도 보이고, 선형 스케일에서는 어느 층이 압도하는지 보입니다."},
    "arch.chart_caption": {
        "en": "Blue: convolution · purple: fully connected · red: the layer holding the most parameters. "
              "Only layers with weights are drawn (ReLU and pooling have none).",
        "ko": "파란색: 합성곱 · 보라색: 완전 연결 · 빨간색: 파라미터가 가장 많은 층. "
              "가중치가 있는 층만 그립니다 (ReLU와 풀링에는 없습니다).",
    },
    "arch.chart_params": {"en": "Parameters per layer", "ko": "층별 파라미터 수"},
    "arch.chart_macs": {"en": "MACs per layer", "ko": "층별 MAC 수"},
    "arch.heaviest_note": {"en": "{name}: {params} ({share} %)", "ko": "{name}: {params}개 ({share} %)"},
    "arch.diagram_caption": {
        "en": "Each box is a conv or fully connected layer with what follows it (· BN · ReLU); parallel "
              "branches stand side by side and meet in a concatenation; red arcs are skip connections "
              "added (+) before the last ReLU. Hover a box for its output shape.",
        "ko": "상자 하나는 합성곱 층 또는 완전 연결 층과 그 뒤의 층(· BN · ReLU)입니다. 병렬 분기는 나란히 "
              "놓였다가 이어 붙이기(concat)에서 합쳐지고, 빨간 호는 마지막 ReLU 전에 더해지는(+) 스킵 연결입니다. "
              "상자 위에 마우스를 올리면 출력 크기가 보입니다.",
    },
    "arch.diagram_untraced": {
        "en": "This network could not be traced with torch.fx, so its layers are drawn as a simple chain.",
        "ko": "이 신경망은 torch.fx로 추적할 수 없어 층을 단순한 사슬로 그렸습니다.",
    },
    "arch.diagram_input": {"en": "input", "ko": "입력"},
    "arch.diagram_output": {"en": "output", "ko": "출력"},
    "arch.diagram_concat": {"en": "concat", "ko": "이어 붙이기"},
    "arch.diagram_skip": {"en": "skip connection", "ko": "스킵 연결"},
    "arch.diagram_shape": {"en": "output {shape}", "ko": "출력 {shape}"},
    "arch.kind_conv": {"en": "convolution", "ko": "합성곱"},
    "arch.kind_fc": {"en": "fully connected", "ko": "완전 연결"},
    "arch.kind_pool": {"en": "pooling", "ko": "풀링"},
    "arch.kind_add": {"en": "add (+)", "ko": "덧셈 (+)"},
    "arch.kind_mul": {"en": "multiply (×)", "ko": "곱셈 (×)"},
    "arch.kind_concat": {"en": "concatenate", "ko": "이어 붙이기"},
    "arch.kind_input": {"en": "input", "ko": "입력"},
    "arch.kind_output": {"en": "output", "ko": "출력"},
    "arch.kind_other": {"en": "other", "ko": "기타"},
    "arch.code_caption": {
        "en": "The code cnnlab runs for this network (`{call}`).",
        "ko": "cnnlab이 이 신경망을 만들 때 실행하는 코드입니다 (`{call}`).",
    },
    "arch.compare_with": {"en": "Compare with", "ko": "비교할 신경망"},
    "arch.compare_same_input": {
        "en": "Both networks get the same input {shape} and {classes} classes, each with its default options.",
        "ko": "두 신경망 모두 같은 입력 {shape}와 클래스 {classes}개를 받으며, 옵션은 각자의 기본값입니다.",
    },
    "arch.compare_ratio": {
        "en": "{a} has {ratio}× the parameters of {b}.",
        "ko": "{a}의 파라미터는 {b}의 {ratio}배입니다.",
    },
    "arch.compare_same": {
        "en": "{a} and {b} have exactly the same number of parameters.",
        "ko": "{a}와(과) {b}의 파라미터 수는 똑같습니다.",
    },
    "arch.compare_twins": {
        "en": "The shortcuts that add the input (or zero-pad it, option A) learn nothing themselves: the residual "
              "network costs no extra parameters over its plain twin.",
        "ko": "입력을 그대로 더하는(또는 0으로 채우는, 옵션 A) 지름길은 스스로 학습하는 값이 없습니다: 잔차 신경망은 "
              "같은 깊이의 평범한(plain) 신경망보다 파라미터가 늘지 않습니다.",
    },
    "arch.compare_col": {"en": "Network", "ko": "신경망"},
    "arch.compare_error": {"en": "{name} cannot take this input: {error}",
                           "ko": "{name}은(는) 이 입력을 받을 수 없습니다: {error}"},
    "arch.error_title": {"en": "This network cannot take this input.", "ko": "이 신경망은 이 입력을 받을 수 없습니다."},
    "arch.error_layer": {"en": "The layer where it breaks: **{layer}**", "ko": "문제가 생긴 층: **{layer}**"},
    "arch.error_hint": {
        "en": "Make the input larger (this network's usual input is {shape}) or pick another network.",
        "ko": "입력을 키우거나 (이 신경망의 기본 입력은 {shape}) 다른 신경망을 고르세요.",
    },
    "arch.build_error": {"en": "This combination of options cannot be built: {error}",
                         "ko": "이 옵션 조합으로는 신경망을 만들 수 없습니다: {error}"},
    # ---- Build your own ---------------------------------------------------------------------
    "byo.title": {"en": "Build your own CNN", "ko": "나만의 CNN 만들기"},
    "byo.intro": {
        "en": "Edit the table row by row — every change is checked at once against the shapes coming into "
              "that layer. When every row is valid, copy the PyTorch code or send the network to the training lab.",
        "ko": "표를 한 줄씩 고쳐 보세요. 바꿀 때마다 그 층으로 들어오는 크기에 맞는지 바로 검사합니다. "
              "모든 줄이 올바르면 PyTorch 코드를 복사하거나 신경망을 학습 실험실로 보낼 수 있습니다.",
    },
    "byo.input": {"en": "Input", "ko": "입력"},
    "byo.in_channels": {"en": "Channels C", "ko": "채널 수 C"},
    "byo.in_height": {"en": "Height H", "ko": "높이 H"},
    "byo.in_width": {"en": "Width W", "ko": "너비 W"},
    "byo.table": {"en": "Layers", "ko": "층 목록"},
    "byo.table_help": {
        "en": "Add a row with the + below the table, delete with the row's checkbox and the bin. "
              "Columns a layer does not use are ignored (e.g. kernel for ReLU).",
        "ko": "표 아래의 +로 줄을 추가하고, 줄의 체크박스와 휴지통으로 삭제합니다. "
              "층이 쓰지 않는 칸은 무시됩니다 (예: ReLU의 커널).",
    },
    "byo.col_layer": {"en": "Layer", "ko": "층"},
    "byo.col_layer_help": {
        "en": "conv, pool, relu, sigmoid, tanh, bn, flatten, fc, gap (global average pooling), dropout",
        "ko": "conv(합성곱), pool(풀링), relu, sigmoid, tanh, bn(배치 정규화), flatten(펼치기), "
              "fc(완전 연결), gap(전역 평균 풀링), dropout(드롭아웃)",
    },
    "byo.col_out": {"en": "Out", "ko": "출력 수"},
    "byo.col_out_help": {"en": "conv: number of filters (output channels); fc: number of outputs",
                         "ko": "conv: 필터 수(출력 채널 수), fc: 출력 개수"},
    "byo.col_k": {"en": "Kernel", "ko": "커널"},
    "byo.col_k_help": {"en": "Kernel size k (conv default 3, pool default 2)",
                       "ko": "커널 크기 k (conv 기본 3, pool 기본 2)"},
    "byo.col_s": {"en": "Stride", "ko": "스트라이드"},
    "byo.col_s_help": {"en": "Stride s (conv default 1, pool default = kernel)",
                       "ko": "스트라이드 s (conv 기본 1, pool 기본 = 커널)"},
    "byo.col_p": {"en": "Padding", "ko": "패딩"},
    "byo.col_p_help": {"en": "A number, or same / valid (conv only)",
                       "ko": "숫자, 또는 same / valid (conv만)"},
    "byo.col_mode": {"en": "Pool / p", "ko": "풀링 / p"},
    "byo.col_mode_help": {"en": "pool: max or avg; dropout: the drop probability (e.g. 0.5)",
                          "ko": "pool: max 또는 avg, dropout: 드롭 확률 (예: 0.5)"},
    "byo.col_more": {"en": "More", "ko": "추가 옵션"},
    "byo.col_more_help": {"en": "Optional extras in the spec grammar, e.g. d=2 g=2 bias=0",
                          "ko": "명세 문법의 추가 옵션, 예: d=2 g=2 bias=0"},
    "byo.spec": {"en": "The same network as text", "ko": "같은 신경망을 텍스트로"},
    "byo.spec_help": {
        "en": "The grammar of `python -m cnnlab summary --spec`: layers separated by `|`, e.g. "
              "`conv 16 k=3 p=same | relu | pool max | flatten | fc 10`. Edit here or in the table; "
              "they stay in sync.",
        "ko": "`python -m cnnlab summary --spec`와 같은 문법입니다: 층을 `|`로 구분, 예: "
              "`conv 16 k=3 p=same | relu | pool max | flatten | fc 10`. 여기서 고치든 표에서 고치든 "
              "둘은 함께 바뀝니다.",
    },
    "byo.spec_error": {"en": "The text could not be read, so the table was kept: {error}",
                       "ko": "텍스트를 읽을 수 없어 표는 그대로 두었습니다: {error}"},
    "byo.grammar": {"en": "Grammar", "ko": "문법"},
    "byo.grammar_body": {
        "en": "- `conv OUT [k=K] [s=S] [p=P|same|valid] [d=D] [g=G] [bias=0|1]` — defaults k=3 s=1 p=0 d=1 g=1\n"
              "- `pool max|avg [k=K] [s=S] [p=P]` — defaults k=2, s=k\n"
              "- `relu`, `sigmoid`, `tanh`, `bn`, `flatten`, `gap`, `fc OUT`, `dropout [P]`",
        "ko": "- `conv OUT [k=K] [s=S] [p=P|same|valid] [d=D] [g=G] [bias=0|1]` — 기본값 k=3 s=1 p=0 d=1 g=1\n"
              "- `pool max|avg [k=K] [s=S] [p=P]` — 기본값 k=2, s=k\n"
              "- `relu`, `sigmoid`, `tanh`, `bn`, `flatten`, `gap`, `fc OUT`, `dropout [P]`",
    },
    "byo.row_error": {"en": "Row {row} ({text}): {error}", "ko": "{row}번 줄 ({text}): {error}"},
    "byo.errors_title": {"en": "Fix these rows first:", "ko": "먼저 다음 줄을 고치세요:"},
    "byo.not_checked": {"en": "not checked until the rows above are fixed",
                        "ko": "위의 줄을 고칠 때까지 검사하지 않음"},
    "byo.all_ok": {"en": "All {n} rows are valid.", "ko": "{n}개 줄이 모두 올바릅니다."},
    "byo.empty": {"en": "The table is empty — add a layer with the + below it.",
                  "ko": "표가 비어 있습니다. 표 아래의 +로 층을 추가하세요."},
    "byo.summary": {"en": "Live summary", "ko": "실시간 요약"},
    "byo.col_status": {"en": "Check", "ko": "검사"},
    "byo.ok": {"en": "ok", "ko": "정상"},
    "byo.code": {"en": "PyTorch code", "ko": "PyTorch 코드"},
    "byo.code_caption": {"en": "Copy it with the button at the top right of the box.",
                         "ko": "상자 오른쪽 위의 버튼으로 복사하세요."},
    "byo.handoff": {"en": "Send to the training lab", "ko": "학습 실험실로 보내기"},
    "byo.handoff_done": {
        "en": "Sent: the training lab now offers “my network” ({shape} input).",
        "ko": "보냈습니다: 이제 학습 실험실에서 “나의 신경망”({shape} 입력)을 고를 수 있습니다.",
    },
    "byo.handoff_link": {"en": "Open the training lab", "ko": "학습 실험실 열기"},
    "byo.handoff_disabled": {"en": "Fix the rows above before sending the network.",
                             "ko": "신경망을 보내기 전에 위의 줄들을 고치세요."},
    "byo.handoff_no_classes": {
        "en": "Tip: for the digits (10 classes) the last layer should be `fc 10`; yours gives {shape}.",
        "ko": "팁: 손글씨 숫자(10개 클래스)를 학습하려면 마지막 층이 `fc 10`이어야 합니다. 지금 출력은 {shape}입니다.",
    },
    "byo.reset": {"en": "Start again from the LeNet-like example", "ko": "LeNet 비슷한 예제로 다시 시작"},
    "byo.totals": {
        "en": "Total: **{params}** parameters · **{macs}** MACs (≈ {flops} FLOPs) · output {shape}",
        "ko": "합계: 파라미터 **{params}**개 · MAC **{macs}**회 (≈ {flops} FLOPs) · 출력 {shape}",
    },
}
