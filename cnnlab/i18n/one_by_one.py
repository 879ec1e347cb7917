"""Strings of the 1×1 convolutions & Inception page (pages/one_by_one.py)."""
from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "one_by_one.title": {"en": "1×1 convolutions and Inception", "ko": "1×1 합성곱과 인셉션"},
    "one_by_one.intro": {
        "en": "A 1×1 convolution looks at one pixel at a time, across all its channels. That makes it a cheap way "
              "to change the number of channels — the trick behind Network in Network, Inception's bottlenecks "
              "and GoogLeNet.",
        "ko": "1×1 합성곱은 한 번에 픽셀 하나를, 그 픽셀의 모든 채널에 걸쳐 봅니다. 그래서 채널 수를 싸게 바꾸는 방법이 되고, "
              "Network in Network, 인셉션의 병목 층(bottleneck), GoogLeNet이 모두 이 방법을 씁니다.",
    },
    "one_by_one.contents": {
        "en": "On this page: [1×1 = a dense layer per pixel](#nin) · [bottleneck cost](#bottleneck) · "
              "[Inception module](#inception) · [5×5 as two 3×3](#factorize)",
        "ko": "이 페이지: [1×1 = 픽셀마다의 완전 연결 층](#nin) · [병목 층의 연산량](#bottleneck) · "
              "[인셉션 모듈](#inception) · [5×5를 3×3 두 개로](#factorize)",
    },
    # --- NiN
    "one_by_one.nin_head": {"en": "1. A 1×1 convolution is a fully connected layer at every pixel",
                     "ko": "1. 1×1 합성곱은 픽셀마다 적용되는 완전 연결 층입니다"},
    "one_by_one.nin_text": {
        "en": "Below, a real `nn.Conv2d(C, C′, kernel_size=1)` followed by a ReLU runs on a small C×{size}×{size} "
              "input (C×H×W) with integer weights. At the chosen pixel its output equals `nn.Linear(C, C′)` + ReLU "
              "with the same weights applied to that pixel's channel vector — the same small dense network at every "
              "pixel (\"network in network\"). Each cell of the tables lists a pixel's channel values.",
        "ko": "아래에서 실제 `nn.Conv2d(C, C′, kernel_size=1)`와 그 뒤의 ReLU를 정수 가중치로 C×{size}×{size} 입력(C×H×W)에 적용합니다. 고른 "
              "픽셀에서의 출력은 같은 가중치의 `nn.Linear(C, C′)` + ReLU를 그 픽셀의 채널 벡터에 적용한 결과와 같습니다. 즉 모든 픽셀에 같은 작은 "
              "완전 연결 신경망을 적용하는 것입니다(network in network). 표의 각 칸은 한 픽셀의 채널 값들입니다.",
    },
    "one_by_one.nin_cin": {"en": "Input channels C", "ko": "입력 채널 수 C"},
    "one_by_one.nin_cout": {"en": "1×1 filters C′ (output channels)", "ko": "1×1 필터 개수 C′ (출력 채널 수)"},
    "one_by_one.nin_row": {"en": "Pixel row", "ko": "픽셀 행"},
    "one_by_one.nin_col": {"en": "Pixel column", "ko": "픽셀 열"},
    "one_by_one.nin_input": {"en": "Input (C×H×W = {c}×{size}×{size})", "ko": "입력 (C×H×W = {c}×{size}×{size})"},
    "one_by_one.nin_output": {"en": "Output of the 1×1 conv + ReLU (C×H×W = {c}×{size}×{size})",
                              "ko": "1×1 합성곱 + ReLU의 출력 (C×H×W = {c}×{size}×{size})"},
    "one_by_one.nin_weights": {"en": "Weights W (one row per filter) and bias b",
                        "ko": "가중치 W (필터마다 한 행)와 편향 b"},
    "one_by_one.nin_filter": {"en": "filter {i}", "ko": "필터 {i}"},
    "one_by_one.nin_bias": {"en": "bias", "ko": "편향"},
    "one_by_one.nin_pixel": {
        "en": "At pixel ({i}, {j}) the channel vector is x = {x}; each output channel is ReLU(W·x + b) — a negative "
              "sum becomes 0:",
        "ko": "픽셀 ({i}, {j})의 채널 벡터는 x = {x}이고, 출력 채널마다 ReLU(W·x + b)를 계산합니다. 합이 음수이면 0이 됩니다:",
    },
    "one_by_one.nin_same": {
        "en": "`nn.Linear` + ReLU on x gives {fc}; the 1×1 convolution's output at ({i}, {j}) is {conv} — the same.",
        "ko": "x에 `nn.Linear` + ReLU를 적용한 결과는 {fc}이고, 1×1 합성곱의 ({i}, {j}) 출력도 {conv}입니다. 둘은 같습니다.",
    },
    "one_by_one.nin_real": {
        "en": "At real size: 1×1 filters turn a C×n×n map into (number of filters)×n×n (C×H×W) — the height and width "
              "stay, only the channels change.",
        "ko": "실제 크기에서: 1×1 필터는 C×n×n 특성 맵을 (필터 개수)×n×n(C×H×W)으로 바꿉니다. 높이와 너비는 그대로, 채널 수만 바뀝니다.",
    },
    "one_by_one.nin_keep": {
        "en": "**Same number of channels: a non-linearity at every pixel.** A 1×1 layer is useful even when it keeps "
              "the channels. With {c} filters on a {c}-channel map the shape stays {shape} → {shape}, yet every "
              "pixel's {c} values go through a dense layer *and a ReLU*: the network becomes more non-linear for "
              "{params} parameters and {macs} multiply-adds, without touching the height and width. This is how "
              "Network in Network (Lin et al., 2013) uses it. The ReLU is essential: two linear maps in a row are "
              "just one linear map, so a 1×1 layer without it would add nothing the next convolution could not "
              "already do.",
        "ko": "**채널 수가 같을 때: 픽셀마다 비선형성 더하기.** 1×1 층은 채널 수를 바꾸지 않아도 쓸모가 있습니다. 채널이 {c}개인 특성 맵에 필터 {c}개를 쓰면 "
              "모양은 {shape} → {shape} 그대로지만, 픽셀마다 {c}개의 값이 완전 연결 층과 *ReLU*를 지납니다. 높이와 너비는 건드리지 않으면서 "
              "파라미터 {params}개, 곱셈-덧셈 {macs}번으로 신경망의 비선형성을 늘리는 것입니다. Network in Network(Lin 외, 2013)가 이렇게 씁니다. "
              "여기서 ReLU가 핵심입니다. 선형 변환 두 개를 이어 붙여도 선형 변환 하나일 뿐이므로, ReLU가 없는 1×1 층은 다음 합성곱이 이미 할 수 있는 "
              "일에 아무것도 더하지 못합니다.",
    },
    "one_by_one.n": {"en": "Map size n (n×n)", "ko": "특성 맵 크기 n (n×n)"},
    "one_by_one.c_in": {"en": "Input channels", "ko": "입력 채널 수"},
    "one_by_one.filters": {"en": "Number of 1×1 filters", "ko": "1×1 필터 개수"},
    "one_by_one.shape_line": {"en": "{src} → {dst}   (C×H×W)", "ko": "{src} → {dst}   (C×H×W)"},
    "one_by_one.params_line": {"en": "Parameters:", "ko": "파라미터 수:"},
    "one_by_one.macs_line": {"en": "Multiply-adds (MACs):", "ko": "곱셈-덧셈 (MAC):"},
    # --- bottleneck
    "one_by_one.bn_head": {"en": "2. The bottleneck: what a 1×1 layer saves", "ko": "2. 병목 층: 1×1 층으로 줄이는 연산량"},
    "one_by_one.bn_text": {
        "en": "A k×k “same” convolution from C_in to C_out channels on an H×W map, computed directly or after a "
              "1×1 convolution that first shrinks the channels to a narrow bottleneck. Counts are multiply-adds "
              "(MACs); biases add no MACs.",
        "ko": "H×W 특성 맵에서 C_in → C_out 채널의 k×k same 합성곱을 바로 계산할 때와, 먼저 1×1 합성곱으로 채널 수를 좁은 병목 층으로 줄인 뒤 계산할 때를 "
              "비교합니다. 단위는 곱셈-덧셈(MAC)이고, 편향은 MAC에 들어가지 않습니다.",
    },
    "one_by_one.bn_h": {"en": "Height H", "ko": "높이 H"},
    "one_by_one.bn_w": {"en": "Width W", "ko": "너비 W"},
    "one_by_one.bn_cin": {"en": "Input channels C_in", "ko": "입력 채널 수 C_in"},
    "one_by_one.bn_cout": {"en": "Output channels C_out", "ko": "출력 채널 수 C_out"},
    "one_by_one.bn_k": {"en": "Kernel k (k×k)", "ko": "필터 크기 k (k×k)"},
    "one_by_one.bn_on": {"en": "Use a 1×1 bottleneck", "ko": "1×1 병목 층 사용"},
    "one_by_one.bn_width": {"en": "Bottleneck channels", "ko": "병목 채널 수"},
    "one_by_one.bn_direct": {"en": "Direct {k}×{k} convolution: H·W·C_out · k·k·C_in",
                      "ko": "{k}×{k} 합성곱을 바로 계산: H·W·C_out · k·k·C_in"},
    "one_by_one.bn_reduce": {"en": "1×1 convolution to the bottleneck: H·W·B · C_in",
                      "ko": "병목으로 가는 1×1 합성곱: H·W·B · C_in"},
    "one_by_one.bn_conv": {"en": "{k}×{k} convolution from the bottleneck: H·W·C_out · k·k·B",
                    "ko": "병목에서 {k}×{k} 합성곱: H·W·C_out · k·k·B"},
    "one_by_one.bn_total": {"en": "Total with the bottleneck:", "ko": "병목 층을 쓴 합계:"},
    "one_by_one.bn_ratio": {
        "en": "**{total}** instead of **{direct}** multiply-adds: {pct} of the cost (about 1/{inv}).",
        "ko": "곱셈-덧셈이 **{direct}**번이 아니라 **{total}**번으로, 비용의 {pct}(약 1/{inv})입니다.",
    },
    "one_by_one.bn_worse": {
        "en": "**{total}** vs **{direct}** multiply-adds: with this many bottleneck channels the 1×1 layer costs "
              "more than it saves ({pct}).",
        "ko": "곱셈-덧셈이 **{direct}**번이 아니라 **{total}**번입니다. 병목 채널이 이만큼 많으면 1×1 층이 줄이는 것보다 더 많이 듭니다({pct}).",
    },
    "one_by_one.bn_off": {"en": "Without a bottleneck the cost is the direct convolution: **{direct}** multiply-adds.",
                   "ko": "병목 층이 없으면 비용은 바로 계산하는 합성곱 그대로, 곱셈-덧셈 **{direct}**번입니다."},
    "one_by_one.bn_params": {"en": "Parameters (with biases): direct {direct}; with the bottleneck {reduce} + {conv} = {total}.",
                      "ko": "파라미터 수(편향 포함): 바로 계산하면 {direct}, 병목 층을 쓰면 {reduce} + {conv} = {total}."},
    "one_by_one.bn_fig_title": {"en": "Multiply-adds (MACs)", "ko": "곱셈-덧셈 수 (MAC)"},
    "one_by_one.bn_fig_direct": {"en": "direct {k}×{k}", "ko": "{k}×{k} 바로 계산"},
    "one_by_one.bn_fig_bottleneck": {"en": "1×1 → {k}×{k}", "ko": "1×1 → {k}×{k}"},
    "one_by_one.bn_fig_reduce": {"en": "1×1 reduce", "ko": "1×1 축소"},
    "one_by_one.bn_fig_conv": {"en": "{k}×{k} conv", "ko": "{k}×{k} 합성곱"},
    "one_by_one.bn_note": {
        "en": "The bottleneck also adds a ReLU, and a channel count this narrow does not seem to hurt accuracy "
              "when it is chosen sensibly — that is the empirical finding behind Inception.",
        "ko": "병목 층은 ReLU도 하나 더 넣어 줍니다. 적절히 고르면 이렇게 좁은 채널 수도 정확도를 크게 해치지 않는다는 것이 인셉션의 경험적 발견입니다.",
    },
    # --- Inception
    "one_by_one.inc_head": {"en": "3. Build an Inception module", "ko": "3. 인셉션 모듈 만들기"},
    "one_by_one.inc_text": {
        "en": "Four branches run in parallel on the same input and are concatenated along the channels: a 1×1 conv, "
              "1×1 → 3×3, 1×1 → 5×5, and 3×3 max pooling → 1×1. Choose the width of each branch (the defaults are "
              "GoogLeNet's inception (3a)). Every convolution is followed by a ReLU.",
        "ko": "네 갈래가 같은 입력에 나란히 적용되고, 결과를 채널 방향으로 이어 붙입니다(concatenate): 1×1 합성곱, 1×1 → 3×3, 1×1 → 5×5, 3×3 최대 풀링 "
              "→ 1×1. 갈래마다 채널 수를 정하세요(기본값은 GoogLeNet의 inception (3a)). 모든 합성곱 뒤에는 ReLU가 옵니다.",
    },
    "one_by_one.inc_why": {
        "en": "**Why several filter sizes at once?** Instead of choosing one kind of layer (1×1? 3×3? 5×5? pooling?), "
              "an Inception module uses them all in parallel, concatenates the results and lets training decide, "
              "through the weights, how much each branch matters. The 1×1 bottlenecks of section 2 are what make the "
              "3×3 and 5×5 branches affordable.",
        "ko": "**왜 여러 필터 크기를 한꺼번에 쓸까요?** 층의 종류(1×1? 3×3? 5×5? 풀링?)를 하나만 고르는 대신, 인셉션 모듈은 모두를 나란히 적용해 결과를 "
              "이어 붙이고, 각 갈래가 얼마나 중요한지는 훈련이 가중치로 정하게 합니다. 3×3과 5×5 갈래를 감당할 만한 비용으로 만드는 것이 2절의 1×1 병목 층입니다.",
    },
    "one_by_one.inc_pool_why": {
        "en": "**Why does the pool branch need its 1×1 convolution?** A 3×3 max pooling with stride 1 keeps every "
              "input channel. Without the 1×1 after it, the pool branch would pass on all {c} input channels and "
              "the module would output {first} channels. Stacked, every module would add its three conv branches' "
              "{growth} channels to all it received, so the width — and the cost of every later layer — would grow "
              "without end. Channels after each of three stacked modules like this one:",
        "ko": "**풀링 갈래에는 왜 1×1 합성곱이 필요할까요?** 스트라이드 1인 3×3 최대 풀링은 입력 채널을 모두 그대로 둡니다. 뒤에 1×1이 없으면 풀링 갈래가 "
              "입력 채널 {c}개를 모두 넘기고, 모듈의 출력은 {first}채널이 됩니다. 이런 모듈을 쌓으면 모듈마다 받은 채널 전부에 세 합성곱 갈래의 {growth}채널이 "
              "더해져서, 채널 수와 그 뒤 모든 층의 비용이 끝없이 커집니다. 이 모듈과 같은 모듈 세 개를 쌓을 때 각 모듈을 지난 뒤의 채널 수:",
    },
    "one_by_one.growth_module": {"en": "after module", "ko": "몇 번째 모듈 뒤"},
    "one_by_one.growth_input": {"en": "input", "ko": "입력"},
    "one_by_one.growth_with": {"en": "channels, pool branch with its 1×1", "ko": "채널 수 (풀링 갈래에 1×1 있음)"},
    "one_by_one.growth_without": {"en": "channels, pool branch without it", "ko": "채널 수 (풀링 갈래에 1×1 없음)"},
    "one_by_one.aux": {
        "en": "**Auxiliary classifiers.** GoogLeNet also hangs two small classifiers (average pooling, a 1×1 "
              "convolution, two fully connected layers, softmax) on intermediate modules (4a and 4d). During "
              "training their losses are added to the main loss with weight 0.3: they push gradient into the middle "
              "of the network and act as regularisers. At inference they are removed: the prediction comes from the "
              "main head alone, so they add nothing to the cost of a prediction.",
        "ko": "**보조 분류기.** GoogLeNet은 중간 모듈(4a와 4d)에 작은 분류기 두 개(평균 풀링, 1×1 합성곱, 완전 연결 층 두 개, softmax)를 더 답니다. "
              "훈련할 때는 이들의 손실에 0.3을 곱해 주 손실에 더합니다. 신경망 중간까지 경사를 밀어 넣고 규제(regularization) 역할을 합니다. 추론할 때는 "
              "떼어 냅니다. 예측은 주 분류기 하나에서만 나오므로 예측 비용에 아무것도 더하지 않습니다.",
    },
    "one_by_one.inc_h": {"en": "Input size H (H×H)", "ko": "입력 크기 H (H×H)"},
    "one_by_one.inc_c": {"en": "Input channels", "ko": "입력 채널 수"},
    "one_by_one.inc_c1": {"en": "1×1 branch", "ko": "1×1 갈래"},
    "one_by_one.inc_c2r": {"en": "3×3 branch: 1×1 reduce", "ko": "3×3 갈래: 1×1 축소"},
    "one_by_one.inc_c2": {"en": "3×3 branch: 3×3 out", "ko": "3×3 갈래: 3×3 출력"},
    "one_by_one.inc_c3r": {"en": "5×5 branch: 1×1 reduce", "ko": "5×5 갈래: 1×1 축소"},
    "one_by_one.inc_c3": {"en": "5×5 branch: 5×5 out", "ko": "5×5 갈래: 5×5 출력"},
    "one_by_one.inc_c4": {"en": "pool branch: 1×1 projection", "ko": "풀링 갈래: 1×1 투영"},
    "one_by_one.inc_branch": {"en": "branch", "ko": "갈래"},
    "one_by_one.inc_layers": {"en": "layers", "ko": "층"},
    "one_by_one.inc_out": {"en": "output (C×H×W)", "ko": "출력 (C×H×W)"},
    "one_by_one.inc_params": {"en": "parameters", "ko": "파라미터 수"},
    "one_by_one.inc_macs": {"en": "MACs", "ko": "MAC"},
    "one_by_one.inc_total": {"en": "total", "ko": "합계"},
    "one_by_one.branch_1x1": {"en": "1×1", "ko": "1×1"},
    "one_by_one.branch_3x3": {"en": "1×1 → 3×3", "ko": "1×1 → 3×3"},
    "one_by_one.branch_5x5": {"en": "1×1 → 5×5", "ko": "1×1 → 5×5"},
    "one_by_one.branch_pool": {"en": "max pool → 1×1", "ko": "최대 풀링 → 1×1"},
    "one_by_one.layer_conv": {"en": "{k}×{k} conv {cin}→{cout}{pad}", "ko": "{k}×{k} 합성곱 {cin}→{cout}{pad}"},
    "one_by_one.layer_pool": {"en": "3×3 max pool, s=1, p=1", "ko": "3×3 최대 풀링, s=1, p=1"},
    "one_by_one.inc_diagram": {"en": "Diagram of the module", "ko": "모듈 구조도"},
    "one_by_one.inc_sums": {"en": "Adding up the four branches:", "ko": "네 갈래를 합하면:"},
    "one_by_one.inc_concat": {"en": "channels (concatenated):", "ko": "채널 수 (이어 붙이기):"},
    "one_by_one.inc_params_sum": {"en": "parameters:", "ko": "파라미터 수:"},
    "one_by_one.inc_macs_sum": {"en": "MACs:", "ko": "MAC:"},
    "one_by_one.inc_same": {
        "en": "**Why “same” padding?** Concatenation needs every branch to keep the H×W size. At stride 1 that "
              "takes p = (f − 1)/2: p = 1 for the 3×3 conv and the 3×3 pool, p = 2 for the 5×5 conv "
              "(a 1×1 needs none):",
        "ko": "**왜 same 패딩일까요?** 채널 방향으로 이어 붙이려면 모든 갈래의 H×W 크기가 같아야 합니다. 스트라이드 1에서는 p = (f − 1)/2가 필요합니다: 3×3 "
              "합성곱과 3×3 풀링은 p = 1, 5×5 합성곱은 p = 2 (1×1은 패딩이 필요 없음):",
    },
    "one_by_one.inc_same_line": {"en": "{what}: {formula}", "ko": "{what}: {formula}"},
    "one_by_one.inc_check": {
        "en": "Check with PyTorch: cnnlab's `Inception` module built with these widths has {params} parameters "
              "(sum of `p.numel()`){summary}.",
        "ko": "PyTorch로 확인: 이 채널 수로 만든 cnnlab의 `Inception` 모듈은 파라미터가 {params}개입니다(`p.numel()`의 합){summary}.",
    },
    "one_by_one.inc_check_summary": {"en": " and `cnnlab.summarize` counts {macs} MACs, output {shape} (C×H×W)",
                              "ko": ", `cnnlab.summarize`로 센 MAC은 {macs}, 출력은 {shape} (C×H×W)"},
    # --- factorize
    "one_by_one.fz_head": {"en": "4. Factorizing: a 5×5 as two 3×3", "ko": "4. 분해: 5×5를 3×3 두 개로"},
    "one_by_one.fz_text": {
        "en": "Two stacked 3×3 “same” convolutions see the same 5×5 window of the input as one 5×5 convolution, "
              "with fewer weights and one more nonlinearity in between (VGG, Inception v2). Here C → C channels "
              "on an H×H map.",
        "ko": "3×3 same 합성곱 두 개를 쌓으면 5×5 합성곱 하나와 같은 5×5 입력 영역을 보면서도 가중치는 더 적고, 그 사이에 비선형 함수가 "
              "하나 더 들어갑니다(VGG, Inception v2). 여기서는 H×H 특성 맵에서 C → C 채널입니다.",
    },
    "one_by_one.fz_c": {"en": "Channels C", "ko": "채널 수 C"},
    "one_by_one.fz_h": {"en": "Map size H (H×H)", "ko": "특성 맵 크기 H (H×H)"},
    "one_by_one.fz_k": {"en": "Kernel to replace", "ko": "대체할 필터 크기"},
    "one_by_one.fz_bias": {"en": "Count biases", "ko": "편향 포함"},
    "one_by_one.fz_single": {"en": "one {k}×{k}", "ko": "{k}×{k} 한 개"},
    "one_by_one.fz_stacked": {"en": "{n} × 3×3", "ko": "3×3 {n}개"},
    "one_by_one.fz_rf": {"en": "Receptive field:", "ko": "수용 영역:"},
    "one_by_one.fz_rf_single": {"en": "one {k}×{k}: {rf}×{rf}", "ko": "{k}×{k} 한 개: {rf}×{rf}"},
    "one_by_one.fz_rf_stacked": {"en": "{n} × 3×3: {formula} → {rf}×{rf}", "ko": "3×3 {n}개: {formula} → {rf}×{rf}"},
    "one_by_one.fz_params": {"en": "Parameters:", "ko": "파라미터 수:"},
    "one_by_one.fz_macs": {"en": "Multiply-adds (MACs):", "ko": "곱셈-덧셈 (MAC):"},
    "one_by_one.fz_macs_stacked": {"en": "{n} × ({one}) = {total}", "ko": "{n} × ({one}) = {total}"},
    "one_by_one.fz_summary": {
        "en": "Weights {single} vs {stacked}: the stack needs {pct} of the parameters and of the multiply-adds, "
              "for the same receptive field.",
        "ko": "가중치 {single} 대 {stacked}: 같은 수용 영역을 보면서 파라미터와 곱셈-덧셈이 {pct:로} 줄어듭니다.",
    },
    "one_by_one.fz_fig_title": {"en": "One big kernel vs a stack of 3×3", "ko": "큰 필터 하나 vs 3×3 여러 개"},
    "one_by_one.fz_fig_params": {"en": "parameters", "ko": "파라미터 수"},
    "one_by_one.fz_fig_macs": {"en": "MACs", "ko": "MAC"},
}
