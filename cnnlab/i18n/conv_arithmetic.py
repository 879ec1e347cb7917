"""Strings of lesson 1, convolution arithmetic (pages/conv_arithmetic.py)."""
from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "conv_arithmetic.title": {"en": "Convolution arithmetic", "ko": "합성곱 계산"},
    "conv_arithmetic.intro": {
        "en": "Move a slider and watch the output size, the number of parameters and the multiplications change. "
              "Every number is worked out below it.",
        "ko": "슬라이더를 움직이면 출력 크기, 파라미터 수, 곱셈 횟수가 바로 바뀝니다. 모든 수 아래에 계산 과정이 적혀 있습니다.",
    },
    "conv_arithmetic.mode": {"en": "Layer", "ko": "층 종류"},
    "conv_arithmetic.mode_conv": {"en": "Convolution", "ko": "합성곱"},
    "conv_arithmetic.mode_pool": {"en": "Pooling", "ko": "풀링"},
    "conv_arithmetic.n": {"en": "Input size n (n×n)", "ko": "입력 크기 n (n×n)"},
    "conv_arithmetic.n_help": {"en": "Height and width of the input image or feature map.",
                    "ko": "입력 이미지(또는 특성 맵)의 높이와 너비입니다."},
    "conv_arithmetic.c": {"en": "Input channels C", "ko": "입력 채널 수 C"},
    "conv_arithmetic.c_help": {"en": "3 for an RGB image; the number of filters of the previous layer otherwise.",
                    "ko": "RGB 이미지는 3, 그 밖에는 앞 층의 필터 개수입니다."},
    "conv_arithmetic.k": {"en": "Kernel size f (f×f)", "ko": "필터(커널) 크기 f (f×f)"},
    "conv_arithmetic.s": {"en": "Stride s", "ko": "스트라이드 s"},
    "conv_arithmetic.s_help": {"en": "How many cells the window moves at each step.",
                    "ko": "창(window)이 한 번에 이동하는 칸 수입니다."},
    "conv_arithmetic.pad_mode": {"en": "Padding", "ko": "패딩"},
    "conv_arithmetic.pad_number": {"en": "number p", "ko": "숫자 p"},
    "conv_arithmetic.pad_same": {"en": "same", "ko": "same"},
    "conv_arithmetic.pad_valid": {"en": "valid", "ko": "valid"},
    "conv_arithmetic.pad_zeros": {"en": "A convolution pads with zeros.", "ko": "합성곱은 0으로 패딩합니다."},
    "conv_arithmetic.pad_help": {
        "en": "“valid” = no padding. “same” = pad so that the output is as large as the input (stride 1 only; "
              "p = (f − 1)/2 for an odd f).",
        "ko": "valid = 패딩 없음. same = 출력 크기가 입력 크기와 같도록 패딩 (스트라이드 1에서만; 홀수 f이면 p = (f − 1)/2).",
    },
    "conv_arithmetic.p": {"en": "Padding p (cells of zeros on each side)", "ko": "패딩 p (각 변에 덧붙이는 0의 칸 수)"},
    "conv_arithmetic.d": {"en": "Dilation d", "ko": "팽창 d (dilation)"},
    "conv_arithmetic.d_help": {
        "en": "Spreads the kernel's cells d apart: a 3×3 kernel with d = 2 spans 5×5 but still has 9 weights.",
        "ko": "필터의 칸 사이를 d 간격으로 벌립니다. d = 2인 3×3 필터는 5×5 범위를 보지만 가중치는 여전히 9개입니다.",
    },
    "conv_arithmetic.f": {"en": "Number of filters (output channels)", "ko": "필터 개수 (출력 채널 수)"},
    "conv_arithmetic.bias": {"en": "Bias (one per filter)", "ko": "편향 (필터마다 1개)"},
    "conv_arithmetic.pool_type": {"en": "Pooling type", "ko": "풀링 종류"},
    "conv_arithmetic.pool_max": {"en": "max", "ko": "최대 풀링"},
    "conv_arithmetic.pool_avg": {"en": "average", "ko": "평균 풀링"},
    "conv_arithmetic.pk": {"en": "Window size f (f×f)", "ko": "풀링 창 크기 f (f×f)"},
    "conv_arithmetic.ps": {"en": "Stride s", "ko": "스트라이드 s"},
    "conv_arithmetic.pp": {"en": "Padding p (at most f/2)", "ko": "패딩 p (최대 f/2)"},
    # results
    "conv_arithmetic.out_shape": {"en": "Output (C×H×W)", "ko": "출력 (C×H×W)"},
    "conv_arithmetic.params": {"en": "Learnable parameters", "ko": "학습 파라미터 수"},
    "conv_arithmetic.macs": {"en": "Multiply-adds (MACs)", "ko": "곱셈-덧셈 (MAC)"},
    "conv_arithmetic.flops_delta": {"en": "≈ {flops} FLOPs", "ko": "≈ {flops} FLOPs"},
    "conv_arithmetic.rf": {"en": "Receptive field of one output cell", "ko": "출력 한 칸의 수용 영역"},
    "conv_arithmetic.size_head": {"en": "Output size", "ko": "출력 크기"},
    "conv_arithmetic.size_rule": {
        "en": "Rule, for height and width alike: **⌊(n + 2p − f) / s⌋ + 1** (⌊ ⌋ rounds down). Here:",
        "ko": "높이와 너비에 같은 규칙을 씁니다: **⌊(n + 2p − f) / s⌋ + 1** (⌊ ⌋는 내림). 지금 값을 넣으면:",
    },
    "conv_arithmetic.size_dilated": {
        "en": "With dilation d the kernel spans **d·(f − 1) + 1** cells, and that span takes the place of f:",
        "ko": "팽창 d가 있으면 필터가 덮는 범위는 **d·(f − 1) + 1**칸이고, 이 값이 f 자리에 들어갑니다:",
    },
    "conv_arithmetic.size_same_even": {
        "en": "An even kernel with “same” cannot pad evenly: PyTorch puts {top} on the top/left and {bottom} on "
              "the bottom/right.",
        "ko": "짝수 크기 필터에 same을 쓰면 양쪽에 똑같이 나눌 수 없어서, PyTorch는 위/왼쪽에 {top}칸, 아래/오른쪽에 {bottom}칸을 덧붙입니다.",
    },
    "conv_arithmetic.size_floor": {
        "en": "The window does not fit a whole number of times: the last {left} cell(s) of each row are never read.",
        "ko": "창이 딱 맞게 들어가지 않아서, 각 줄의 마지막 {left}칸은 한 번도 읽히지 않습니다.",
    },
    "conv_arithmetic.params_head": {"en": "Parameters", "ko": "파라미터 수"},
    "conv_arithmetic.params_rule": {
        "en": "Each filter is **C×f×f** — its depth always equals the number of input channels — plus one bias; "
              "there are as many filters as output channels. The same filter slides over every position "
              "(weight sharing), so the count does not depend on n:",
        "ko": "필터 하나의 크기는 **C×f×f**입니다(필터의 깊이는 항상 입력 채널 수와 같습니다). 여기에 편향 1개를 더하고, "
              "필터 개수(= 출력 채널 수)만큼 곱합니다. 같은 필터가 모든 위치를 훑으므로(가중치 공유) 입력 크기 n과는 무관합니다:",
    },
    "conv_arithmetic.macs_head": {"en": "Multiplications", "ko": "곱셈 횟수"},
    "conv_arithmetic.macs_rule": {
        "en": "Every output value (H·W·filters of them) needs one multiply-add per filter weight (f·f·C):",
        "ko": "출력값은 모두 H·W·(필터 개수)개이고, 출력값 하나마다 필터 가중치 수(f·f·C)만큼 곱셈-덧셈을 합니다:",
    },
    "conv_arithmetic.flops": {"en": "FLOPs ≈ 2 × MACs = 2 × {macs} = {flops}", "ko": "FLOPs ≈ 2 × MAC = 2 × "
                                                                                     "{macs} = {flops}"},
    "conv_arithmetic.rf_head": {"en": "Receptive field", "ko": "수용 영역"},
    "conv_arithmetic.rf_rule": {
        "en": "One output cell sees a **{rf}×{rf}** patch of the input. Stack the same layer and each new layer "
              "adds (span − 1) × jump, where the jump is the product of the strides of the layers before it (the "
              "table shows the jump before each layer and after it):",
        "ko": "출력 한 칸은 입력의 **{rf}×{rf}** 영역을 봅니다. 같은 층을 쌓으면 층마다 (덮는 범위 − 1) × 점프만큼 넓어지고, "
              "점프는 그 층 앞에 있는 층들의 스트라이드를 곱한 값입니다(표에 층 앞과 뒤의 점프가 모두 있습니다):",
    },
    "conv_arithmetic.rf_layers": {"en": "layers stacked", "ko": "쌓은 층 수"},
    "conv_arithmetic.rf_col": {"en": "receptive field", "ko": "수용 영역"},
    "conv_arithmetic.rf_jump_in": {"en": "jump before", "ko": "층 앞 점프"},
    "conv_arithmetic.rf_jump": {"en": "jump after (× s)", "ko": "층 뒤 점프 (× s)"},
    "conv_arithmetic.rf_formula": {"en": "worked", "ko": "계산"},
    "conv_arithmetic.picture_head": {"en": "The window sliding over the input", "ko": "입력 위를 미끄러지는 창"},
    "conv_arithmetic.picture_help": {
        "en": "Pick an output cell: the orange cells are the input cells it is computed from (light orange = "
              "padding). Grey = padding, dotted line = the real input.",
        "ko": "출력 칸을 고르면, 그 칸을 계산하는 데 쓰인 입력 칸이 주황색으로 표시됩니다(연한 주황 = 패딩). "
              "회색 = 패딩, 점선 = 실제 입력의 경계.",
    },
    "conv_arithmetic.out_row": {"en": "Output row", "ko": "출력 행"},
    "conv_arithmetic.out_col": {"en": "Output column", "ko": "출력 열"},
    "conv_arithmetic.fig_input": {"en": "Padded input {h}×{w}", "ko": "패딩된 입력 {h}×{w}"},
    "conv_arithmetic.fig_output": {"en": "Output {h}×{w}", "ko": "출력 {h}×{w}"},
    "conv_arithmetic.fig_padding": {"en": "padding", "ko": "패딩"},
    "conv_arithmetic.fig_input_cell": {"en": "input", "ko": "입력"},
    "conv_arithmetic.fig_feeds": {"en": "feeds the chosen output cell", "ko": "선택한 출력 칸에 쓰임"},
    "conv_arithmetic.fig_row": {"en": "row", "ko": "행"},
    "conv_arithmetic.fig_col": {"en": "column", "ko": "열"},
    "conv_arithmetic.fc_head": {"en": "The same mapping as a fully connected layer", "ko": "같은 변환을 완전 연결 층으로 하면"},
    "conv_arithmetic.fc_rule": {
        "en": "A fully connected layer from the {in_shape} input to the {out_shape} output (C×H×W) connects every "
              "input value to every output value, plus one bias per output:",
        "ko": "{in_shape} 입력에서 {out_shape} 출력(C×H×W)으로 가는 완전 연결 층은 모든 입력값을 모든 출력값에 연결하고, 출력마다 편향 1개를 더합니다:",
    },
    "conv_arithmetic.fc_compare": {
        "en": "**{fc}** parameters instead of **{conv}** — {ratio}× as many. A convolution is this dense layer "
              "cut down to a local f×f window (spatial locality) with the same weights at every position "
              "(weight sharing).",
        "ko": "파라미터가 **{conv}**개가 아니라 **{fc}**개로, {ratio}배입니다. 합성곱 층은 이 완전 연결 층을 지역적인 f×f 창으로 제한하고(공간적 지역성), 모든 "
              "위치에서 같은 가중치를 쓰게 한 것(가중치 공유)입니다.",
    },
    "conv_arithmetic.stride_note": {
        "en": "Stride {s} moves the window {s} cells at a time: compared with stride 1 ({out1}×{out1} outputs, "
              "{macs1} MACs) the output and the work shrink to {out}×{out} and {macs}.",
        "ko": "스트라이드 {s:는} 창을 한 번에 {s}칸씩 옮깁니다. 스트라이드 1일 때({out1}×{out1} 출력, MAC {macs1})보다 "
              "출력과 계산량이 {out}×{out}, MAC {macs:로} 줄어듭니다.",
    },
    "conv_arithmetic.nopad_s1": {
        "en": "Without padding every layer trims d·(f − 1) = {d}·({f} − 1) = {trim} cells from each side length "
              "({n} → {out}), and border cells are covered by fewer windows than the centre — padding keeps the size "
              "and the border information.",
        "ko": "패딩이 없으면 층마다 한 변의 길이가 d·(f − 1) = {d}·({f} − 1) = {trim}칸씩 줄고({n} → {out}), 가장자리 칸은 가운데보다 "
              "적은 창에만 들어갑니다. 패딩은 크기와 가장자리 정보를 지켜 줍니다.",
    },
    "conv_arithmetic.nopad_stride": {
        "en": "Without padding the window's whole span ({span} cells) has to fit inside the input, and stride {s} "
              "uses only every {s}th position: the side goes from {n} to ⌊({n} − {span}) / {s}⌋ + 1 = {out}, not to "
              "{n} − {trim}. Border cells are covered by fewer windows than the centre — padding keeps the border "
              "information.",
        "ko": "패딩이 없으면 창이 덮는 {span}칸 전체가 입력 안에 들어가야 하고, 스트라이드 {s}에서는 {s}칸마다 한 위치만 씁니다. 그래서 한 변은 "
              "{n} − {trim:이/가} 아니라 ⌊({n} − {span}) / {s}⌋ + 1 = {out:으로} 바뀝니다. 가장자리 칸은 가운데보다 적은 창에만 들어갑니다. "
              "패딩은 가장자리 정보를 지켜 줍니다.",
    },
    "conv_arithmetic.notes_head": {"en": "Two slips in the notes, worked out", "ko": "노트의 두 가지 오류, 직접 계산하기"},
    "conv_arithmetic.notes_alexnet": {
        "en": "**AlexNet's first layer** (96 filters of 11×11, stride 4, no padding) is usually said to take a "
              "224×224 image — so say the notes and the paper. But then (224 − 11)/4 + 1 is not a whole number: the "
              "windows do not fit evenly, and the paper's 55×55 output does not come out:",
        "ko": "**AlexNet의 첫 층**(11×11 필터 96개, 스트라이드 4, 패딩 없음)은 흔히 224×224 이미지를 받는다고 합니다. 노트와 논문도 그렇게 씁니다. 그런데 그러면 "
              "(224 − 11)/4 + 1이 정수가 아닙니다. 창이 딱 맞게 들어가지 않고, 논문의 55×55 출력도 나오지 않습니다:",
    },
    "conv_arithmetic.notes_alexnet_fix": {
        "en": "With a 227×227 input it is exactly 55. (torchvision keeps 224 and pads by 2 instead: "
              "`{torchvision}`.)",
        "ko": "입력이 227×227이면 정확히 55입니다. (torchvision은 224를 그대로 두고 대신 패딩 2를 씁니다: `{torchvision}`.)",
    },
    "conv_arithmetic.notes_vgg": {
        "en": "**VGG's 3×3 convolutions** use stride 1 and **padding 1** (“same”), not padding 2 as the notes say. "
              "Padding 1 keeps a 224×224 map at 224×224; padding 2 would grow it by 2 cells at every layer:",
        "ko": "**VGG의 3×3 합성곱**은 스트라이드 1, **패딩 1**(same)을 씁니다. 노트에 적힌 패딩 2가 아닙니다. 패딩 1이면 224×224 특성 맵이 "
              "224×224 그대로이고, 패딩 2면 층마다 2칸씩 커집니다:",
    },
    "conv_arithmetic.load_alexnet_224": {"en": "Try AlexNet's first layer at 224", "ko": "AlexNet 첫 층을 224로 해 보기"},
    "conv_arithmetic.load_alexnet_227": {"en": "Try AlexNet's first layer at 227", "ko": "AlexNet 첫 층을 227로 해 보기"},
    "conv_arithmetic.load_vgg_p1": {"en": "Try VGG's 3×3 with padding 1", "ko": "VGG의 3×3을 패딩 1로 해 보기"},
    "conv_arithmetic.load_vgg_p2": {"en": "Try the notes' padding 2", "ko": "노트의 패딩 2로 해 보기"},
    "conv_arithmetic.fc_macs": {"en": "Multiply-adds of the dense layer:", "ko": "완전 연결 층의 곱셈-덧셈 수:"},
    # pooling
    "conv_arithmetic.pool_params": {
        "en": "Pooling has **hyperparameters** — the window f = {k} and the stride s = {s}, chosen by you — but "
              "**no learnable parameters**: it only takes the {op} of each window. Parameters: **0**.",
        "ko": "풀링에는 **하이퍼파라미터**(창 크기 f = {k}, 스트라이드 s = {s}; 사람이 정함)는 있지만 **학습되는 파라미터는 없습니다**. 각 창에서 {op} 뿐입니다. "
              "파라미터 수: **0**.",
    },
    "conv_arithmetic.pool_op_max": {"en": "largest value", "ko": "최댓값을 고를"},
    "conv_arithmetic.pool_op_avg": {"en": "average", "ko": "평균을 낼"},
    "conv_arithmetic.pool_channels": {
        "en": "Pooling works on each channel separately, so the channels stay {c}.",
        "ko": "풀링은 채널마다 따로 적용되므로 채널 수는 {c} 그대로입니다.",
    },
    "conv_arithmetic.pool_pad_max": {
        "en": "Max pooling pads with −∞, so a padding cell never wins the maximum.",
        "ko": "최대 풀링은 −∞로 패딩하므로 패딩 칸이 최댓값으로 뽑히는 일은 없습니다.",
    },
    "conv_arithmetic.pool_pad_avg": {
        "en": "Average pooling pads with zeros and, by PyTorch's default (count_include_pad=True), divides by the "
              "whole window f·f, zeros included.",
        "ko": "평균 풀링은 0으로 패딩하고, PyTorch 기본값(count_include_pad=True)에서는 0을 포함한 창 전체 f·f로 나눕니다.",
    },
    "conv_arithmetic.pool_macs": {
        "en": "MACs: 0 by the convention (pooling compares or averages; it multiplies no weights).",
        "ko": "MAC: 0 (계산 규칙상 풀링은 가중치와 곱하지 않고 비교·평균만 합니다).",
    },
    # errors
    "conv_arithmetic.err_title": {"en": "This layer cannot be built", "ko": "이 층은 만들 수 없습니다"},
    "conv_arithmetic.err_same_stride": {
        "en": "“same” padding keeps the output as large as the input, which PyTorch allows only with stride 1 — "
              "you chose stride {s}.",
        "ko": "same 패딩은 출력 크기를 입력과 같게 유지하는데, PyTorch는 이를 스트라이드 1에서만 허용합니다. 현재 스트라이드는 {s}입니다.",
    },
    "conv_arithmetic.fix_same_stride": {
        "en": "**Fix:** set the stride to 1, or choose the padding as a number (p = {p}).",
        "ko": "**고치는 방법:** 스트라이드를 1로 바꾸거나, 패딩을 숫자(p = {p})로 고르세요.",
    },
    "conv_arithmetic.err_too_big": {
        "en": "The window spans {span} cells but the padded input is only n + 2p = {n} + 2·{p} = {padded} cells "
              "across, so it does not fit even once.",
        "ko": "창이 {span}칸을 덮는데, 패딩된 입력은 n + 2p = {n} + 2·{p} = {padded}칸뿐이라 한 번도 들어가지 않습니다.",
    },
    "conv_arithmetic.err_span_dilated": {"en": "{span} (= {d}·({k} − 1) + 1)", "ko": "{d}·({k} − 1) + 1 = {span}"},
    "conv_arithmetic.fix_too_big": {
        "en": "**Fix:** make the window smaller (f ≤ {max_k}), add padding (p ≥ {need}), or use a larger input "
              "(n ≥ {min_n}).",
        "ko": "**고치는 방법:** 창을 줄이거나(f ≤ {max_k}), 패딩을 늘리거나(p ≥ {need}), 더 큰 입력(n ≥ {min_n})을 쓰세요.",
    },
    "conv_arithmetic.fix_too_big_dilated": {
        "en": "**Fix:** lower the dilation or the kernel size, add padding (p ≥ {need}), or use a larger input "
              "(n ≥ {min_n}).",
        "ko": "**고치는 방법:** 팽창이나 필터 크기를 줄이거나, 패딩을 늘리거나(p ≥ {need}), 더 큰 입력(n ≥ {min_n})을 쓰세요.",
    },
    "conv_arithmetic.err_other": {"en": "PyTorch would refuse this layer: {message}", "ko": "PyTorch가 이 층을 거부합니다: {message}"},
}
