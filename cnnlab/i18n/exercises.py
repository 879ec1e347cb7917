"""Strings of the "Predict, then reveal" exercise block (cnnlab/exercises/, cnnlab/ui/exercises.py).

Prompts, step names, hints and notes are formatted with the exercise's values (``Exercise.text_values``):
numbers already carry thousands separators, shapes are written C×H×W (channels first, as on every page).
Korean terms, one per concept: 합성곱, 필터, 패딩, 스트라이드, 팽창, 파라미터, 편향, 가중치, 특성 맵, 채널, 풀링,
완전 연결 층, 수용 영역, 곱셈-덧셈(MAC), 병목, 에포크, 배치, 스텝, 기울기, 스킵 연결, 순전파, 역전파.
"""
from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    # ---------------------------------------------------------------- the block
    "exercises.title": {"en": "Predict, then reveal", "ko": "예측하고 확인하기"},
    "exercises.intro": {
        "en": "Work the number out on paper first, type your prediction, then check it. A wrong answer gets a hint "
              "pointing at the step that went wrong; **Reveal** shows every step.",
        "ko": "먼저 종이에 직접 계산해 보고 예측한 값을 입력한 뒤 확인하세요. 틀리면 어느 단계에서 어긋났는지 힌트를 "
              "줍니다. **정답 보기**를 누르면 모든 계산 단계가 나옵니다.",
    },
    "exercises.number": {"en": "Exercise {i}", "ko": "문제 {i}"},
    "exercises.share": {
        "en": "Exercise set `{seed}`: everyone who opens a link with `?ex={seed}` gets the same exercises.",
        "ko": "문제 세트 `{seed}`: 주소에 `?ex={seed}`가 붙은 링크를 연 사람은 모두 같은 문제를 받습니다.",
    },
    "exercises.your_answer": {"en": "Your prediction", "ko": "내 예측"},
    "exercises.choose": {"en": "Your prediction", "ko": "내 예측"},
    "exercises.check": {"en": "Check", "ko": "확인"},
    "exercises.reveal": {"en": "Reveal", "ko": "정답 보기"},
    "exercises.next": {"en": "New exercise", "ko": "새 문제"},
    "exercises.correct": {"en": "Correct: **{answer}**.", "ko": "정답입니다: **{answer}**."},
    "exercises.wrong": {"en": "Not quite: {given} is not it.", "ko": "아쉽습니다. 입력한 값({given})은 답이 아닙니다."},
    "exercises.hint_step": {"en": "Look again at step {n} (*{step}*).", "ko": "{n}단계(*{step}*)를 다시 보세요."},
    "exercises.answer": {"en": "Answer: **{answer}**", "ko": "정답: **{answer}**"},
    "exercises.steps_head": {"en": "Worked out step by step", "ko": "단계별 풀이"},
    "exercises.step_line": {"en": "**Step {n}** — {step}", "ko": "**{n}단계** — {step}"},
    "exercises.score": {
        "en": "Score on this page: **{correct} / {attempted}** right on the first try.",
        "ko": "이 페이지 점수: **{attempted}문제 중 {correct}문제**를 첫 시도에 맞혔습니다.",
    },
    "exercises.score_none": {"en": "Score on this page: no exercise tried yet.",
                             "ko": "이 페이지 점수: 아직 푼 문제가 없습니다."},
    "exercises.after_reveal": {"en": "Revealed — this one counts as not right on the first try. Try a new exercise!",
                               "ko": "정답을 봤으므로 이 문제는 첫 시도 정답으로 세지 않습니다. 새 문제에 도전해 보세요!"},
    # ---------------------------------------------------------------- answer formats and reading problems
    "exercises.format.int": {
        "en": "A whole number with all its digits, e.g. 12,443,648 (commas optional).",
        "ko": "모든 자릿수를 쓴 정수로 답하세요. 예: 12,443,648 (쉼표는 써도 되고 안 써도 됩니다).",
    },
    "exercises.format.float": {
        "en": "A decimal number, e.g. 0.25 or 9.7 (a fraction like 1/4 works too).",
        "ko": "소수로 답하세요. 예: 0.25 또는 9.7 (1/4 같은 분수도 됩니다).",
    },
    "exercises.format.shape3": {
        "en": "Channels×height×width (C×H×W), e.g. 16×28×28 (an x or spaces between the numbers work too).",
        "ko": "채널×높이×너비(C×H×W)로 답하세요. 예: 16×28×28 (x나 빈칸으로 나눠 써도 됩니다).",
    },
    "exercises.format.shape2": {
        "en": "Height×width, e.g. 94×94 (an x or a space between the numbers works too).",
        "ko": "높이×너비로 답하세요. 예: 94×94 (x나 빈칸으로 나눠 써도 됩니다).",
    },
    "exercises.parse.empty": {"en": "Type your prediction first.", "ko": "먼저 예측한 값을 입력하세요."},
    "exercises.parse.not_number": {
        "en": "That is not a number I can read. Write just the number, e.g. 760 or 1,234,567.",
        "ko": "읽을 수 있는 숫자가 아닙니다. 숫자만 쓰세요. 예: 760 또는 1,234,567.",
    },
    "exercises.parse.suffix": {
        "en": "Please write the number out in full: 12,443,648 rather than 12.4M.",
        "ko": "숫자를 끝까지 풀어 쓰세요. 예: 12.4M이 아니라 12,443,648.",
    },
    "exercises.parse.choice": {"en": "Pick one of the options.", "ko": "보기 중 하나를 고르세요."},
    "exercises.parse.shape3": {
        "en": "Give all three numbers, channels×height×width (C×H×W), e.g. 16×28×28.",
        "ko": "채널×높이×너비(C×H×W) 세 수를 모두 쓰세요. 예: 16×28×28.",
    },
    "exercises.parse.shape2": {
        "en": "Give two whole numbers, height×width, e.g. 94×94.",
        "ko": "높이×너비 두 정수를 쓰세요. 예: 94×94.",
    },
    # ---------------------------------------------------------------- choices
    "exercises.choice.before": {"en": "a[l+2] = g(z[l+2] + a[l]) — added before the last ReLU",
                                "ko": "a[l+2] = g(z[l+2] + a[l]) — 마지막 ReLU 앞에서 더한다"},
    "exercises.choice.after": {"en": "a[l+2] = g(z[l+2]) + a[l] — added after the last ReLU",
                               "ko": "a[l+2] = g(z[l+2]) + a[l] — 마지막 ReLU 뒤에서 더한다"},
    "exercises.choice.occlusion": {"en": "Occlusion", "ko": "가림"},
    "exercises.choice.integrated_gradients": {"en": "Integrated gradients", "ko": "통합 경사"},
    # ---------------------------------------------------------------- prompts: conv_arithmetic
    "exercises.conv_out.prompt": {
        "en": "An input of {c}×{n}×{n} goes through a convolution with **{f} filters** of {k}×{k}, stride {s}, "
              "padding {p}. What is the output shape?",
        "ko": "{c}×{n}×{n} 입력에 {k}×{k} **필터 {f}개**, 스트라이드 {s}, 패딩 {p}인 합성곱을 적용합니다. "
              "출력의 모양은?",
    },
    "exercises.conv_out.prompt_dilated": {
        "en": "An input of {c}×{n}×{n} goes through a convolution with **{f} filters** of {k}×{k}, stride {s}, "
              "padding {p} and **dilation {d}**. What is the output shape?",
        "ko": "{c}×{n}×{n} 입력에 {k}×{k} **필터 {f}개**, 스트라이드 {s}, 패딩 {p}, **팽창 {d}**인 합성곱을 "
              "적용합니다. 출력의 모양은?",
    },
    "exercises.conv_params.prompt": {
        "en": "A convolution layer takes an input of {c}×{n}×{n} and has **{f} filters** of {k}×{k} (stride {s}, "
              "padding {p}, with biases). How many learnable parameters does it have?",
        "ko": "{c}×{n}×{n} 입력을 받는 합성곱 층에 {k}×{k} **필터가 {f}개** 있습니다 (스트라이드 {s}, 패딩 {p}, "
              "편향 있음). 학습 파라미터는 몇 개일까요?",
    },
    "exercises.conv_macs.prompt": {
        "en": "A convolution with **{f} filters** of {k}×{k}, stride {s}, padding {p} runs on an input of {c}×{n}×{n}. "
              "How many multiply-adds (MACs) does one image cost?",
        "ko": "{k}×{k} **필터 {f}개**, 스트라이드 {s}, 패딩 {p}인 합성곱을 {c}×{n}×{n} 입력에 적용합니다. "
              "이미지 한 장에 곱셈-덧셈(MAC)은 몇 번일까요?",
    },
    "exercises.pool_out.prompt_max": {
        "en": "A feature map of {c}×{n}×{n} goes through **max pooling** with a {k}×{k} window, stride {s}, "
              "padding {p}. What is the output shape?",
        "ko": "{c}×{n}×{n} 특성 맵에 창 {k}×{k}, 스트라이드 {s}, 패딩 {p}인 **최대 풀링**을 적용합니다. 출력의 모양은?",
    },
    "exercises.pool_out.prompt_avg": {
        "en": "A feature map of {c}×{n}×{n} goes through **average pooling** with a {k}×{k} window, stride {s}, "
              "padding {p}. What is the output shape?",
        "ko": "{c}×{n}×{n} 특성 맵에 창 {k}×{k}, 스트라이드 {s}, 패딩 {p}인 **평균 풀링**을 적용합니다. 출력의 모양은?",
    },
    "exercises.pool_params.prompt_max": {
        "en": "A **max pooling** layer with a {k}×{k} window, stride {s} and padding {p} works on a feature map of "
              "{c}×{n}×{n}. How many learnable parameters does it have?",
        "ko": "창 {k}×{k}, 스트라이드 {s}, 패딩 {p}인 **최대 풀링** 층이 {c}×{n}×{n} 특성 맵에 적용됩니다. "
              "이 층의 학습 파라미터는 몇 개일까요?",
    },
    "exercises.pool_params.prompt_avg": {
        "en": "An **average pooling** layer with a {k}×{k} window, stride {s} and padding {p} works on a feature "
              "map of {c}×{n}×{n}. How many learnable parameters does it have?",
        "ko": "창 {k}×{k}, 스트라이드 {s}, 패딩 {p}인 **평균 풀링** 층이 {c}×{n}×{n} 특성 맵에 적용됩니다. "
              "이 층의 학습 파라미터는 몇 개일까요?",
    },
    "exercises.conv_vs_fc.prompt": {
        "en": "A convolution with {f} filters of {k}×{k} and “same” padding maps an input of {c}×{n}×{n} to an "
              "output of {f}×{n}×{n}. A **fully connected layer** doing the same mapping (every input value to every "
              "output value, with biases) would have how many parameters?",
        "ko": "{k}×{k} 필터 {f}개, same 패딩인 합성곱은 {c}×{n}×{n} 입력을 {f}×{n}×{n} 출력으로 바꿉니다. "
              "같은 변환을 **완전 연결 층**으로 하면(모든 입력값을 모든 출력값에 연결, 편향 포함) 파라미터는 몇 개일까요?",
    },
    "exercises.receptive_field.prompt": {
        "en": "{count} convolution layers are stacked (kernel×kernel/stride, first to last): **{layers}**, no "
              "dilation. How many input pixels wide is the receptive field of one output cell of the last layer?",
        "ko": "합성곱 층 {count}개를 쌓았습니다 (필터×필터/스트라이드, 앞에서부터): **{layers}**, 팽창 없음. "
              "마지막 층 출력 한 칸의 수용 영역은 입력에서 몇 픽셀 너비일까요?",
    },
    # ---------------------------------------------------------------- prompts: architectures
    "exercises.arch_layer.prompt_conv": {
        "en": "In **{model}**, layer `{layer}` is a convolution with **{f} filters** of {k}×{k}, stride {s}, "
              "padding {p}. Its input is {c}×{h}×{h}. What is its output shape?",
        "ko": "**{model}**의 `{layer}` 층은 {k}×{k} **필터 {f}개**, 스트라이드 {s}, 패딩 {p}인 합성곱입니다. "
              "입력이 {c}×{h}×{h}이면 출력의 모양은?",
    },
    "exercises.arch_layer.prompt_pool": {
        "en": "In **{model}**, layer `{layer}` is a pooling layer with a {k}×{k} window, stride {s}, padding {p}. "
              "Its input is {c}×{h}×{h}. What is its output shape?",
        "ko": "**{model}**의 `{layer}` 층은 창 {k}×{k}, 스트라이드 {s}, 패딩 {p}인 풀링 층입니다. "
              "입력이 {c}×{h}×{h}이면 출력의 모양은?",
    },
    "exercises.arch_fc.prompt": {
        "en": "In **{model}**, layer `{layer}` is fully connected from **{fin}** inputs to **{fout}** outputs, with "
              "biases. How many parameters does this one layer have?",
        "ko": "**{model}**의 `{layer}` 층은 입력 **{fin}**개를 출력 **{fout}**개에 잇는 완전 연결 층입니다(편향 포함). "
              "이 층 하나의 파라미터는 몇 개일까요?",
    },
    "exercises.arch_flatten.prompt": {
        "en": "**{model}**'s last feature map is {c}×{h}×{w}. It is flattened into a vector for the first fully "
              "connected layer `{layer}`. How many inputs does that layer get?",
        "ko": "**{model}**의 마지막 특성 맵은 {c}×{h}×{w}입니다. 이것을 한 줄로 펴서(flatten) 첫 완전 연결 층 "
              "`{layer}`에 넣습니다. 이 층의 입력은 몇 개일까요?",
    },
    "exercises.arch_compare.prompt_params": {
        "en": "On a 224×224 image, which network has **more parameters**: {a} or {b}?",
        "ko": "{a}, {b} 중 224×224 이미지 기준으로 **파라미터가 더 많은** 신경망은?",
    },
    "exercises.arch_compare.prompt_macs": {
        "en": "On a 224×224 image, which network needs **more multiply-adds (MACs)**: {a} or {b}?",
        "ko": "{a}, {b} 중 224×224 이미지 한 장에 **곱셈-덧셈(MAC)이 더 많이** 드는 신경망은?",
    },
    "exercises.alexnet_224.prompt_out": {
        "en": "The AlexNet paper says its first layer ({k}×{k} filters, stride {s}) turns a {n}×{n} image into "
              "{out}×{out}. With **no padding**, what output size does a {n}×{n} input really give?",
        "ko": "AlexNet 논문은 첫 층({k}×{k} 필터, 스트라이드 {s})이 {n}×{n} 이미지를 {out}×{out:으로} 만든다고 합니다. "
              "**패딩 없이** {n}×{n:을} 넣으면 실제 출력 크기는?",
    },
    "exercises.alexnet_224.prompt_padding": {
        "en": "AlexNet's first layer has {k}×{k} filters with stride {s}. What is the **smallest padding p** that "
              "turns a {n}×{n} image into a {out}×{out} output?",
        "ko": "AlexNet의 첫 층은 {k}×{k} 필터, 스트라이드 {s}입니다. {n}×{n} 이미지에서 {out}×{out} 출력이 나오게 "
              "하는 **가장 작은 패딩 p**는?",
    },
    "exercises.alexnet_224.prompt_input": {
        "en": "AlexNet's first layer has {k}×{k} filters with stride {s} and no padding. What is the **smallest "
              "input size n** that gives a {out}×{out} output?",
        "ko": "AlexNet의 첫 층은 {k}×{k} 필터, 스트라이드 {s}, 패딩 없음입니다. {out}×{out} 출력이 나오는 "
              "**가장 작은 입력 크기 n**은?",
    },
    # ---------------------------------------------------------------- prompts: build_your_own
    "exercises.byo_shape.prompt": {
        "en": "A {input} input (C×H×W) goes through this network:\n\n`{spec}`\n\n(conv defaults: k=3, s=1, p=0; "
              "`pool` has a 2×2 window and stride = window unless given.) What is the output shape?",
        "ko": "{input} 입력(C×H×W)이 다음 신경망을 지납니다:\n\n`{spec}`\n\n(conv 기본값: k=3, s=1, p=0. `pool`은 따로 적지 "
              "않으면 창 2×2, 스트라이드 = 창 크기) 출력의 모양은?",
    },
    "exercises.byo_params.prompt": {
        "en": "A {input} input (C×H×W) goes through this network:\n\n`{spec}`\n\n(conv defaults: k=3, s=1, p=0, with "
              "biases; `pool` has a 2×2 window and stride = window unless given.) How many parameters does the "
              "whole network have?",
        "ko": "{input} 입력(C×H×W)이 다음 신경망을 지납니다:\n\n`{spec}`\n\n(conv 기본값: k=3, s=1, p=0, 편향 있음. `pool`은 "
              "따로 적지 않으면 창 2×2, 스트라이드 = 창 크기) 신경망 전체의 파라미터는 몇 개일까요?",
    },
    # ---------------------------------------------------------------- prompts: degradation
    "exercises.sigmoid_max.prompt": {
        "en": "What is the **largest value of the sigmoid's derivative** σ′(x), over all x?",
        "ko": "모든 x에 대해 **시그모이드 도함수 σ′(x)의 최댓값**은?",
    },
    "exercises.sigmoid_chain.prompt": {
        "en": "Backpropagation goes through **{n} sigmoid layers** (ignore the weights). At least how many times "
              "smaller does the gradient get? (Answer N in “1/N of it”.)",
        "ko": "역전파가 **시그모이드 층 {n}개**를 지납니다(가중치는 무시). 경사는 적어도 몇 배로 작아질까요? (“원래의 1/N”에서 N으로 답하세요.)",
    },
    "exercises.residual_zero.prompt_residual": {
        "en": "A **residual block** (conv, ReLU, conv, + shortcut, ReLU) has all its weights and biases equal to "
              "zero. Its input a[l] (a ReLU output) is **{v}** at some position. What is a[l+2] there?",
        "ko": "**잔여 블록**(합성곱, ReLU, 합성곱, + 스킵 연결, ReLU)의 가중치와 편향이 모두 0입니다. 입력 a[l](ReLU의 "
              "출력)이 어떤 위치에서 **{v}**일 때, 그 위치의 a[l+2]는?",
    },
    "exercises.residual_zero.prompt_plain": {
        "en": "A **plain block** (conv, ReLU, conv, ReLU — no shortcut) has all its weights and biases equal to zero. "
              "Its input a[l] is **{v}** at some position. What is a[l+2] there?",
        "ko": "**평형망의 블록**(합성곱, ReLU, 합성곱, ReLU — 스킵 연결 없음)의 가중치와 편향이 모두 0입니다. 입력 a[l]이 어떤 위치에서 **{v}**일 때, 그 위치의 "
              "a[l+2]는?",
    },
    "exercises.shortcut_where.prompt": {
        "en": "In a residual block, where is the shortcut a[l] added?",
        "ko": "잔여 블록에서 스킵 연결 a[l]은 어디에서 더해질까요?",
    },
    "exercises.cifar_depth.prompt": {
        "en": "The paper's CIFAR-10 ResNet has a first 3×3 conv, then **3 stages of n = {n} residual blocks** "
              "(two 3×3 convs each), then global average pooling and one FC layer. How many weight layers deep is it?",
        "ko": "논문의 CIFAR-10 ResNet은 첫 3×3 합성곱, 이어서 **잔여 블록 n = {n}개씩인 단계 3개**(블록마다 3×3 합성곱 "
              "2개), 그리고 전역 평균 풀링과 FC 층 하나로 되어 있습니다. 가중치가 있는 층은 모두 몇 개일까요?",
    },
    # ---------------------------------------------------------------- prompts: one_by_one
    "exercises.obo_shape.prompt": {
        "en": "A **1×1 convolution** with **{f} filters** runs on a {c}×{h}×{h} feature map. What is the output shape?",
        "ko": "{c}×{h}×{h} 특성 맵에 **필터 {f}개**인 **1×1 합성곱**을 적용합니다. 출력의 모양은?",
    },
    "exercises.obo_macs.prompt": {
        "en": "A **1×1 convolution** with **{f} filters** runs on a {c}×{h}×{h} feature map. How many multiply-adds "
              "(MACs) does it cost?",
        "ko": "{c}×{h}×{h} 특성 맵에 **필터 {f}개**인 **1×1 합성곱**을 적용합니다. 곱셈-덧셈(MAC)은 몇 번일까요?",
    },
    "exercises.bottleneck.prompt_direct": {
        "en": "A {k}×{k} “same” convolution maps a {cin}×{h}×{h} feature map to {cout}×{h}×{h}. How many multiply-adds "
              "(MACs) does it cost, without any bottleneck?",
        "ko": "{k}×{k} same 합성곱이 {cin}×{h}×{h} 특성 맵을 {cout}×{h}×{h:으로} 바꿉니다. 병목 없이 하면 곱셈-덧셈(MAC)은 "
              "몇 번일까요?",
    },
    "exercises.bottleneck.prompt_total": {
        "en": "Same mapping, {cin}×{h}×{h} → {cout}×{h}×{h} with a {k}×{k} “same” conv, but first a **1×1 "
              "bottleneck** down to {b} channels. How many multiply-adds (MACs) in total?",
        "ko": "같은 변환({k}×{k} same 합성곱, {cin}×{h}×{h} → {cout}×{h}×{h})을 하되, 먼저 **1×1 병목**으로 채널을 {b}개로 "
              "줄입니다. 곱셈-덧셈(MAC)은 모두 몇 번일까요?",
    },
    "exercises.bottleneck.prompt_saving": {
        "en": "A {k}×{k} “same” conv maps {cin}×{h}×{h} to {cout}×{h}×{h}. A 1×1 bottleneck down to {b} channels goes "
              "in front. **How many times fewer** multiply-adds does the bottleneck version need? (one decimal)",
        "ko": "{k}×{k} same 합성곱이 {cin}×{h}×{h:을} {cout}×{h}×{h:으로} 바꿉니다. 앞에 채널을 {b}개로 줄이는 1×1 병목을 "
              "두면 곱셈-덧셈이 **몇 배 줄어들까요**? (소수 첫째 자리까지)",
    },
    "exercises.inception_concat.prompt": {
        "en": "GoogLeNet's **{name}** module gets a {c}×{h}×{h} feature map. Its four branches: 1×1 conv with {c1} "
              "filters; 1×1 conv {r2} → 3×3 conv {c2}; 1×1 conv {r3} → 5×5 conv {c3}; 3×3 max pool → 1×1 conv {c4}. All use "
              "stride 1 and “same” padding, and the outputs are concatenated. What is the output shape?",
        "ko": "GoogLeNet의 **{name}** 모듈은 {c}×{h}×{h} 특성 맵을 받습니다. 네 갈래: 필터 {c1}개인 1×1 합성곱; 1×1 합성곱 "
              "{r2} → 3×3 합성곱 {c2}; 1×1 합성곱 {r3} → 5×5 합성곱 {c3}; 3×3 최대 풀링 → 1×1 합성곱 {c4}. 모두 스트라이드 "
              "1, same 패딩이고, 출력을 채널 방향으로 이어 붙입니다. 출력의 모양은?",
    },
    "exercises.factorize.prompt_stacked": {
        "en": "Instead of one {k}×{k} convolution from {c} to {c} channels, VGG stacks **{n} convolutions of 3×3** "
              "({c} → {c} each). How many weights do the stacked layers have together (leave out biases)?",
        "ko": "{c}채널에서 {c}채널로 가는 {k}×{k} 합성곱 하나 대신, VGG는 **3×3 합성곱 {n}개**({c} → {c})를 쌓습니다. "
              "쌓은 층들의 가중치는 모두 몇 개일까요 (편향 제외)?",
    },
    "exercises.factorize.prompt_single": {
        "en": "How many weights does **one {k}×{k} convolution** from {c} to {c} channels have (leave out biases)?",
        "ko": "{c}채널에서 {c}채널로 가는 **{k}×{k} 합성곱 하나**의 가중치는 몇 개일까요 (편향 제외)?",
    },
    # ---------------------------------------------------------------- prompts: augmentation
    "exercises.crops.prompt": {
        "en": "Random cropping cuts a {c}×{c} patch out of a {n}×{n} image, anywhere it fits, shifting by whole "
              "pixels. How many different crops are there?",
        "ko": "무작위 자르기로 {n}×{n} 이미지에서 {c}×{c} 조각을 잘라냅니다. 들어가는 곳이면 어디든, 한 픽셀 단위로 "
              "옮길 수 있습니다. 서로 다른 조각은 몇 개일까요?",
    },
    "exercises.crops_mirror.prompt": {
        "en": "Training cuts a {c}×{c} crop out of a {n}×{n} image (anywhere it fits, by whole pixels) and may also "
              "**mirror** it left–right. How many different training images can one picture give?",
        "ko": "훈련 때 {n}×{n} 이미지에서 {c}×{c} 조각을 잘라내고(들어가는 곳 어디든, 한 픽셀 단위) **좌우 반전**도 할 수 있습니다. 사진 한 장에서 서로 다른 훈련 "
              "이미지가 몇 개 나올까요?",
    },
    "exercises.pad_crop.prompt": {
        "en": "A {n}×{n} image is padded with {p} pixels of zeros on every side, then a {n}×{n} crop is cut out "
              "anywhere it fits (by whole pixels). How many different crops are there?",
        "ko": "{n}×{n} 이미지의 네 변에 0을 {p}픽셀씩 덧붙인 뒤, {n}×{n} 조각을 들어가는 곳 어디든(한 픽셀 단위) "
              "잘라냅니다. 서로 다른 조각은 몇 개일까요?",
    },
    # ---------------------------------------------------------------- prompts: training_lab
    "exercises.iters.prompt": {
        "en": "Training on **{data}** ({n} training images) with batches of **{b}**, keeping the last, smaller "
              "batch. How many steps (iterations) make one epoch?",
        "ko": "**{data}** 데이터셋(훈련 이미지 {n}장)으로 훈련합니다. 배치 크기는 **{b}**이고, 마지막의 더 작은 배치도 씁니다. 한 에포크는 몇 "
              "스텝(iteration)일까요?",
    },
    "exercises.last_batch.prompt": {
        "en": "Training on **{data}** ({n} training images) with batches of **{b}**. How many images are in the "
              "**last** batch of an epoch?",
        "ko": "**{data}** 데이터셋(훈련 이미지 {n}장)으로 훈련합니다. 배치 크기는 **{b}**입니다. 한 에포크의 **마지막** 배치에는 이미지가 몇 장 들어 있을까요?",
    },
    "exercises.steps_total.prompt": {
        "en": "Training on **{data}** ({n} training images), batches of **{b}**, for **{e} epochs**; every epoch "
              "starts again from the first batch and keeps its smaller last batch. How many steps in total?",
        "ko": "**{data}** 데이터셋(훈련 이미지 {n}장)으로 **{e} 에포크** 훈련합니다. 배치 크기는 **{b}**입니다. 에포크마다 첫 배치부터 다시 시작하고 마지막의 작은 "
              "배치도 씁니다. 스텝은 모두 몇 번일까요?",
    },
    "exercises.images_seen.prompt": {
        "en": "Training on **{data}** ({n} training images), batches of **{b}**, for **{e} epochs**. How many images "
              "does the network see in total (counting repeats)?",
        "ko": "**{data}** 데이터셋(훈련 이미지 {n}장)으로 **{e} 에포크** 훈련합니다. 배치 크기는 **{b}**입니다. 신경망이 보는 이미지는 (중복 포함) 모두 몇 "
              "장일까요?",
    },
    # ---------------------------------------------------------------- prompts: feature_maps
    "exercises.kernel_out.prompt": {
        "en": "A hand-made {k}×{k} kernel slides over a {n}×{n} grey image with stride {s} and padding {p}. What is "
              "the size of the output feature map?",
        "ko": "직접 만든 {k}×{k} 필터가 {n}×{n} 흑백 이미지 위를 스트라이드 {s}, 패딩 {p:로} 움직입니다. 출력 특성 맵의 "
              "크기는?",
    },
    "exercises.n_maps.prompt": {
        "en": "A convolution layer with **{f} filters** of {k}×{k} (stride {s}, padding {p}) runs on an input of "
              "{c}×{n}×{n}. How many feature maps does it output?",
        "ko": "{k}×{k} **필터 {f}개**인 합성곱 층(스트라이드 {s}, 패딩 {p})을 {c}×{n}×{n} 입력에 적용합니다. "
              "특성 맵은 몇 장 나올까요?",
    },
    "exercises.filter_weights.prompt": {
        "en": "**{model}**'s first layer `{layer}` has {f} filters of {k}×{k} on a {c}×{h}×{h} input. How many "
              "weights are in **one** filter (leave out its bias)?",
        "ko": "**{model}**의 첫 층(`{layer}`)은 {c}×{h}×{h} 입력에 {k}×{k} 필터 {f}개를 씁니다. 필터 **하나**에 든 "
              "가중치는 몇 개일까요 (편향 제외)?",
    },
    # ---------------------------------------------------------------- prompts: attribution
    "exercises.occlusion.prompt": {
        "en": "Occlusion covers an image of {n}×{n} with a black patch of {w}×{w}, moved by {s} pixels at a time (no "
              "padding), and runs the network once for each patch position plus once on the untouched image. How "
              "many forward passes is that?",
        "ko": "가림(occlusion)은 {n}×{n} 이미지를 {w}×{w} 검은 조각으로 가리고, 조각을 {s}픽셀씩 옮기면서(패딩 없음) "
              "위치마다 한 번, 그리고 가리지 않은 원본에 한 번 신경망을 돌립니다. 순전파는 모두 몇 번일까요?",
    },
    "exercises.ig_passes.prompt": {
        "en": "Integrated gradients with **{m} steps** computes the gradient at {m} images between a black image and "
              "the real one. How many passes through the network is that, forward and backward together?",
        "ko": "**{m}단계** 통합 경사는 검은 이미지와 실제 이미지 사이의 이미지 {m}장에서 경사를 구합니다. 순전파와 역전파를 합쳐 신경망을 몇 번 지날까요?",
    },
    "exercises.attr_compare.prompt": {
        "en": "Which needs **more forward passes** on an image of {n}×{n}: occlusion with a patch of {w}×{w} moved "
              "by {s} pixels, or integrated gradients with {m} steps?",
        "ko": "{n}×{n} 이미지에서 **순전파가 더 많이** 필요한 것은? {w}×{w} 조각을 {s}픽셀씩 옮기는 가림(occlusion), "
              "아니면 {m}단계 통합 경사?",
    },
    # ---------------------------------------------------------------- step names
    "exercises.step.span": {"en": "Span of the dilated kernel: d·(k − 1) + 1",
                            "ko": "팽창된 필터가 덮는 범위: d·(k − 1) + 1"},
    "exercises.step.size": {"en": "Output size: ⌊(n + 2p − k) / s⌋ + 1", "ko": "출력 크기: ⌊(n + 2p − k) / s⌋ + 1"},
    "exercises.step.pool_size": {"en": "Output size, the same rule as a convolution: ⌊(n + 2p − f) / s⌋ + 1",
                                 "ko": "출력 크기, 합성곱과 같은 규칙: ⌊(n + 2p − f) / s⌋ + 1"},
    "exercises.step.channels": {"en": "Output channels = number of filters", "ko": "출력 채널 수 = 필터 개수"},
    "exercises.step.pool_channels": {"en": "Channels: pooling works on each channel separately",
                                     "ko": "채널 수: 풀링은 채널마다 따로 적용되어 그대로입니다"},
    "exercises.step.shape": {"en": "Output shape, channels×height×width (C×H×W)", "ko": "출력 모양, 채널×높이×너비 (C×H×W)"},
    "exercises.step.filter_weights": {"en": "Weights in one filter: k·k·(input channels)",
                                      "ko": "필터 하나의 가중치: k·k·(입력 채널 수)"},
    "exercises.step.params": {"en": "Parameters: weights plus one bias per output",
                              "ko": "파라미터: 가중치 + 출력마다 편향 1개"},
    "exercises.step.macs": {"en": "Multiply-adds: output values × weights per output value",
                            "ko": "곱셈-덧셈: 출력값 개수 × 출력값 하나당 가중치 수"},
    "exercises.step.pool_params_max": {"en": "Max pooling only picks the largest value: nothing to learn",
                                       "ko": "최대 풀링은 가장 큰 값을 고를 뿐이라 학습할 것이 없습니다"},
    "exercises.step.pool_params_avg": {"en": "Average pooling uses the fixed weight 1/(f·f): nothing to learn",
                                       "ko": "평균 풀링은 고정된 가중치 1/(f·f)를 쓰므로 학습할 것이 없습니다"},
    "exercises.step.fc_inputs": {"en": "Input values: H·W·C", "ko": "입력값 개수: H·W·C"},
    "exercises.step.fc_outputs": {"en": "Output values: H·W·filters", "ko": "출력값 개수: H·W·필터 개수"},
    "exercises.step.conv_compare": {"en": "The convolution, for comparison", "ko": "비교: 같은 일을 하는 합성곱"},
    "exercises.step.rf_layer": {"en": "After layer {i}: rf + (k − 1)·jump, jump = product of the strides before",
                                "ko": "{i}번째 층 뒤: 수용 영역 + (k − 1)·점프, 점프 = 앞 층들 스트라이드의 곱"},
    "exercises.step.share": {"en": "Share of all {model}'s parameters", "ko": "{model} 전체 파라미터 중 비율"},
    "exercises.step.flatten": {"en": "Flattened: H·W·C values", "ko": "펼치기: H·W·C개의 값"},
    "exercises.step.model_params": {"en": "Parameters", "ko": "파라미터 수"},
    "exercises.step.model_macs": {"en": "Multiply-adds (MACs)", "ko": "곱셈-덧셈 (MAC)"},
    "exercises.step.ratio": {"en": "How many times more", "ko": "몇 배 차이인가"},
    "exercises.step.size_try": {"en": "Try p = {p}", "ko": "p = {p:로} 계산"},
    "exercises.step.size_inverse": {"en": "Work backwards: n = (out − 1)·s + k", "ko": "거꾸로 풀기: n = (출력 − 1)·s + k"},
    "exercises.step.layer": {"en": "Layer {i}: `{text}`", "ko": "{i}번째 층: `{text}`"},
    "exercises.step.total": {"en": "Total", "ko": "합계"},
    "exercises.step.sigmoid_slope": {"en": "The sigmoid's derivative", "ko": "시그모이드의 도함수"},
    "exercises.step.sigmoid_at_zero": {"en": "It is largest at x = 0, where σ(0) = 0.5",
                                       "ko": "x = 0에서 가장 크고, 이때 σ(0) = 0.5"},
    "exercises.step.chain": {"en": "Chain rule: one factor per layer, multiplied",
                             "ko": "연쇄 법칙: 층마다 한 번씩 곱해집니다"},
    "exercises.step.z_zero": {"en": "All weights and biases are zero: the main path gives z[l+2] = 0",
                              "ko": "가중치와 편향이 모두 0: 주 경로의 결과 z[l+2] = 0"},
    "exercises.step.residual_add": {"en": "The shortcut adds a[l] before the last ReLU g",
                                    "ko": "스킵 연결은 마지막 ReLU g 앞에서 a[l]을 더합니다"},
    "exercises.step.plain_out": {"en": "No shortcut: only the main path reaches the output",
                                 "ko": "스킵 연결 없음: 주 경로의 결과만 출력으로 갑니다"},
    "exercises.step.cifar_blocks": {"en": "3 stages · n blocks · 2 conv layers", "ko": "단계 3개 · 블록 n개 · 합성곱 2개"},
    "exercises.step.cifar_ends": {"en": "Plus the first conv and the FC layer", "ko": "여기에 첫 합성곱과 FC 층을 더합니다"},
    "exercises.step.bn_direct": {"en": "Without bottleneck: the k×k conv reads all input channels",
                                 "ko": "병목 없음: k×k 합성곱이 입력 채널 전부를 읽습니다"},
    "exercises.step.bn_reduce": {"en": "The 1×1 bottleneck conv", "ko": "1×1 병목 합성곱"},
    "exercises.step.bn_conv": {"en": "The k×k conv, now reading only the bottleneck's channels",
                               "ko": "k×k 합성곱, 이제 병목의 채널만 읽습니다"},
    "exercises.step.bn_total": {"en": "With the bottleneck: both convs together", "ko": "병목을 쓸 때: 두 합성곱의 합"},
    "exercises.step.bn_saving": {"en": "How many times fewer: without ÷ with", "ko": "몇 배 줄었나: 병목 없음 ÷ 병목 있음"},
    "exercises.step.same_size": {"en": "Stride 1 and “same” padding in every branch: height and width stay",
                                 "ko": "모든 갈래가 스트라이드 1, same 패딩: 높이와 너비는 그대로"},
    "exercises.step.concat": {"en": "Concatenation adds up the branches' output channels",
                              "ko": "이어 붙이면 각 갈래의 출력 채널 수가 더해집니다"},
    "exercises.step.fz_single": {"en": "One k×k conv: k·k·C·C weights", "ko": "k×k 합성곱 하나: k·k·C·C개의 가중치"},
    "exercises.step.fz_stacked": {"en": "{n} stacked 3×3 convs: {n}·3·3·C·C weights",
                                  "ko": "3×3 합성곱 {n}개: {n}·3·3·C·C개의 가중치"},
    "exercises.step.fz_rf": {"en": "Same receptive field as the single k×k conv",
                             "ko": "수용 영역은 k×k 합성곱 하나와 같습니다"},
    "exercises.step.crop_axis": {"en": "Positions along one axis: the crop slides like a window with stride 1",
                                 "ko": "한 축의 위치 수: 조각은 스트라이드 1인 창처럼 움직입니다"},
    "exercises.step.crop_both": {"en": "Both axes: multiply", "ko": "두 축: 곱합니다"},
    "exercises.step.mirror": {"en": "Every crop also comes mirrored", "ko": "조각마다 좌우 반전한 것이 하나 더"},
    "exercises.step.iters": {"en": "Steps per epoch: round up, the last smaller batch is a step too",
                             "ko": "에포크당 스텝: 올림 — 마지막의 작은 배치도 한 스텝입니다"},
    "exercises.step.last_batch": {"en": "What the full batches leave over", "ko": "꽉 찬 배치들이 남긴 이미지"},
    "exercises.step.epochs": {"en": "Times the number of epochs", "ko": "에포크 수를 곱합니다"},
    "exercises.step.epoch_images": {"en": "One epoch shows every training image once",
                                    "ko": "한 에포크에 모든 훈련 이미지를 한 번씩 봅니다"},
    "exercises.step.maps": {"en": "One feature map per filter", "ko": "필터 하나당 특성 맵 한 장"},
    "exercises.step.occ_axis": {"en": "Patch positions along one axis, like a window: ⌊(n − w) / s⌋ + 1",
                                "ko": "한 축의 조각 위치 수, 창과 같은 규칙: ⌊(n − w) / s⌋ + 1"},
    "exercises.step.occ_baseline": {"en": "Plus one pass on the untouched image, to compare with",
                                    "ko": "비교할 원본 이미지에 한 번 더"},
    "exercises.step.occ_total": {"en": "Occlusion: positions² + 1", "ko": "가림: 위치 수² + 1"},
    "exercises.step.ig_forward": {"en": "Forward passes: one per step", "ko": "순전파: 단계마다 한 번"},
    "exercises.step.ig_backward": {"en": "Backward passes: one per step", "ko": "역전파: 단계마다 한 번"},
    # ---------------------------------------------------------------- hints (each names the slip)
    "exercises.hint.generic": {
        "en": "Not one of the usual slips. Redo it step by step, or reveal the worked answer.",
        "ko": "흔한 실수와는 다른 답입니다. 한 단계씩 다시 계산하거나 풀이를 확인해 보세요.",
    },
    "exercises.hint.close_float": {"en": "Very close — check your rounding.", "ko": "거의 맞았습니다. 반올림을 확인하세요."},
    "exercises.hint.close_int": {"en": "Very close — the exact count, please, to the last digit.",
                                 "ko": "거의 맞았습니다. 마지막 자리까지 정확한 수를 쓰세요."},
    "exercises.hint.plus_one": {
        "en": "Did you forget the **+ 1**? The first window position counts too: (n + 2p − k)/s counts the moves, "
              "the positions are one more.",
        "ko": "**+ 1**을 빠뜨리지 않았나요? 첫 위치도 세야 합니다. (n + 2p − k)/s는 이동 횟수이고 위치 수는 하나 더 많습니다.",
    },
    "exercises.hint.pad_once": {
        "en": "Padding goes on **both** sides: add 2p, not p.",
        "ko": "패딩은 **양쪽**에 붙습니다. p가 아니라 2p를 더하세요.",
    },
    "exercises.hint.no_pad": {"en": "Did you leave out the padding? Add 2p to n.", "ko": "패딩을 빠뜨리지 않았나요? n에 2p를 더하세요."},
    "exercises.hint.span": {
        "en": "With dilation {d} the {k}×{k} kernel spans d·(k − 1) + 1 cells; use that span instead of k.",
        "ko": "팽창 {d}이면 {k}×{k} 필터가 d·(k − 1) + 1칸을 덮습니다. k 대신 이 범위를 쓰세요.",
    },
    "exercises.hint.stride_ignored": {"en": "Did you forget to divide by the stride s?",
                                      "ko": "스트라이드 s로 나누는 것을 잊지 않았나요?"},
    "exercises.hint.stride_first": {
        "en": "Subtract the kernel **before** dividing by the stride: (n + 2p − k) / s, then + 1.",
        "ko": "스트라이드로 나누기 **전에** 필터 크기를 빼세요: (n + 2p − k) / s, 그다음 + 1.",
    },
    "exercises.hint.floor": {
        "en": "Round **down**: a last window that does not fit completely is not used.",
        "ko": "**내림**하세요. 끝까지 들어가지 않는 마지막 창은 쓰이지 않습니다.",
    },
    "exercises.hint.floor_exact": {
        "en": "The size must be a whole number: round (n + 2p − k)/s **down**, then add 1.",
        "ko": "크기는 정수여야 합니다. (n + 2p − k)/s를 **내림**한 뒤 1을 더하세요.",
    },
    "exercises.hint.divide_only": {
        "en": "n/s works only when the window equals the stride. Use the full rule ⌊(n + 2p − f)/s⌋ + 1.",
        "ko": "n/s는 창 크기와 스트라이드가 같을 때만 맞습니다. ⌊(n + 2p − f)/s⌋ + 1 규칙을 그대로 쓰세요.",
    },
    "exercises.hint.channels_in": {
        "en": "The output has one channel **per filter**, not as many as the input has.",
        "ko": "출력 채널 수는 입력 채널 수가 아니라 **필터 개수**입니다.",
    },
    "exercises.hint.order": {"en": "Right numbers, wrong order: write channels×height×width (C×H×W).",
                             "ko": "숫자는 맞는데 순서가 다릅니다. 채널×높이×너비(C×H×W) 순서로 쓰세요."},
    "exercises.hint.no_bias": {"en": "Did you forget the biases? One per filter (or per output).",
                               "ko": "편향을 빠뜨리지 않았나요? 필터(또는 출력값)마다 1개씩입니다."},
    "exercises.hint.no_channels": {
        "en": "A filter is as deep as its input: each one has k·k·C weights, not k·k.",
        "ko": "필터의 깊이는 입력 채널 수와 같습니다. 필터 하나의 가중치는 k·k가 아니라 k·k·C개입니다.",
    },
    "exercises.hint.one_bias": {"en": "Each filter has its own bias: add one per filter, not one in all.",
                                "ko": "편향은 필터마다 따로 있습니다. 모두 합쳐 1개가 아니라 필터마다 1개씩 더하세요."},
    "exercises.hint.params_not_macs": {
        "en": "That is the number of multiply-adds. Parameters do not depend on the input size: the same filter is "
              "reused at every position.",
        "ko": "그것은 곱셈-덧셈 횟수입니다. 같은 필터를 모든 위치에서 다시 쓰므로 파라미터 수는 입력 크기와 무관합니다.",
    },
    "exercises.hint.macs_not_params": {
        "en": "That is the number of parameters. MACs count every use of a weight, at every output position.",
        "ko": "그것은 파라미터 수입니다. MAC은 출력 위치마다 가중치를 쓰는 횟수를 모두 셉니다.",
    },
    "exercises.hint.macs_input_size": {
        "en": "Count the **output** positions, not the input's: work out the output size first.",
        "ko": "입력이 아니라 **출력**의 위치 수를 세야 합니다. 출력 크기를 먼저 구하세요.",
    },
    "exercises.hint.macs_bias": {
        "en": "Adding the bias is not a multiply-add: by the convention here MACs count the weights only.",
        "ko": "편향을 더하는 것은 곱셈-덧셈이 아닙니다. 여기서 MAC은 가중치 곱셈만 셉니다.",
    },
    "exercises.hint.flops": {"en": "That is FLOPs (≈ 2 × MACs). One MAC is one multiply-add: count each pair once.",
                             "ko": "그것은 FLOPs(≈ 2 × MAC)입니다. MAC 1번 = 곱셈-덧셈 1번이므로 한 쌍을 한 번만 세세요."},
    "exercises.hint.macs_kernel": {"en": "Each output value needs k·k·C multiply-adds: did you leave out k·k?",
                                   "ko": "출력값 하나에 k·k·C번의 곱셈-덧셈이 듭니다. k·k를 빠뜨리지 않았나요?"},
    "exercises.hint.pool_window": {
        "en": "A pooling window has no weights: it takes the max (or the average) of what it covers.",
        "ko": "풀링 창에는 가중치가 없습니다. 덮은 값들의 최댓값(또는 평균)을 취할 뿐입니다.",
    },
    "exercises.hint.pool_hyper": {
        "en": "f and s are **hyperparameters** you choose, not learnable parameters.",
        "ko": "f와 s는 사람이 정하는 **하이퍼파라미터**이지 학습 파라미터가 아닙니다.",
    },
    "exercises.hint.fc_is_conv": {
        "en": "That is the convolution's count. A fully connected layer links every input value to every output value.",
        "ko": "그것은 합성곱의 파라미터 수입니다. 완전 연결 층은 모든 입력값을 모든 출력값에 잇습니다.",
    },
    "exercises.hint.fc_channels": {
        "en": "Count every value, channels included: H·W·C inputs and H·W·filters outputs.",
        "ko": "채널까지 포함해 값을 모두 세세요. 입력은 H·W·C개, 출력은 H·W·필터 개수입니다.",
    },
    "exercises.hint.bias_per_input": {"en": "There is one bias per **output**, not per input.",
                                      "ko": "편향은 입력이 아니라 **출력**마다 1개입니다."},
    "exercises.hint.fc_sum": {"en": "Every input connects to every output: multiply, do not add.",
                              "ko": "모든 입력이 모든 출력에 연결됩니다. 더하지 말고 곱하세요."},
    "exercises.hint.rf_sum": {
        "en": "Neighbouring windows overlap: each layer adds (k − 1)·jump to the field, not k.",
        "ko": "이웃한 창은 겹칩니다. 층마다 수용 영역은 k가 아니라 (k − 1)·점프만큼 넓어집니다.",
    },
    "exercises.hint.rf_jump": {
        "en": "After a stride-s layer, one step of the next layer moves s input pixels: multiply by the jump.",
        "ko": "스트라이드 s인 층 뒤에서는 다음 층이 한 칸 움직일 때 입력에서는 s픽셀 움직입니다. 점프를 곱하세요.",
    },
    "exercises.hint.rf_last": {"en": "Stacked layers widen the view: every layer adds to the receptive field.",
                               "ko": "층을 쌓으면 보는 범위가 넓어집니다. 층마다 수용 영역이 커집니다."},
    "exercises.hint.rf_product": {"en": "Receptive fields grow by adding (k − 1)·jump per layer, not by multiplying.",
                                  "ko": "수용 영역은 곱해서가 아니라 층마다 (k − 1)·점프를 더해서 커집니다."},
    "exercises.hint.flatten_channels": {"en": "Flattening keeps every value: multiply height, width **and** channels.",
                                        "ko": "펼쳐도 값은 모두 남습니다. 높이, 너비, **채널**을 모두 곱하세요."},
    "exercises.hint.flatten_sum": {"en": "A C×H×W map holds C·H·W values: multiply, do not add.",
                                   "ko": "C×H×W 맵에는 C·H·W개의 값이 있습니다. 더하지 말고 곱하세요."},
    "exercises.hint.compare_params": {
        "en": "Most parameters sit in fully connected layers (VGG-16's first FC alone has 102,764,544). Networks "
              "that end with global average pooling have far fewer.",
        "ko": "파라미터는 대부분 완전 연결 층에 있습니다 (VGG-16의 첫 FC 층만 102,764,544개). 전역 평균 풀링으로 끝나는 "
              "신경망은 훨씬 적습니다.",
    },
    "exercises.hint.compare_macs": {
        "en": "MACs come from convolutions on large maps: a conv weight is used at every position, an FC weight only "
              "once. Fewer parameters does not mean less compute.",
        "ko": "MAC은 큰 특성 맵 위의 합성곱에서 나옵니다. 합성곱 가중치는 모든 위치에서 쓰이지만 FC 가중치는 한 번만 "
              "쓰입니다. 파라미터가 적다고 계산이 적은 것은 아닙니다.",
    },
    "exercises.hint.alexnet_paper": {
        "en": "That is the paper's number — but (224 − 11)/4 = 53.25 is not a whole number. Round down, then add 1.",
        "ko": "논문에 나온 수입니다. 하지만 (224 − 11)/4 = 53.25는 정수가 아닙니다. 내림한 뒤 1을 더하세요.",
    },
    "exercises.hint.alexnet_pad_one_side": {"en": "Padding p goes on both sides: the formula adds 2p.",
                                            "ko": "패딩 p는 양쪽에 붙어 공식에는 2p가 더해집니다."},
    "exercises.hint.alexnet_pad_zero": {"en": "Try it: with p = 0 the output is 54, not 55.",
                                        "ko": "직접 계산해 보세요. p = 0이면 출력은 55가 아니라 54입니다."},
    "exercises.hint.alexnet_paper_input": {
        "en": "224 is what the paper says, but with 224 the first layer gives 54. Work backwards from 55.",
        "ko": "논문은 224라고 하지만, 224를 넣으면 첫 층의 출력은 54입니다. 55에서 거꾸로 계산하세요.",
    },
    "exercises.hint.inverse_plus_one": {"en": "Undo the + 1 first: n = (out − 1)·s + k.",
                                        "ko": "먼저 + 1을 되돌리세요: n = (출력 − 1)·s + k."},
    "exercises.hint.byo_skipped_pool": {"en": "Did you skip layer {i} (`{text}`)? Pooling shrinks height and width "
                                              "too.",
                                        "ko": "{i}번째 층(`{text}`)을 빠뜨리지 않았나요? 풀링도 높이와 너비를 줄입니다."},
    "exercises.hint.byo_no_pad": {"en": "Layer {i} (`{text}`) has padding: add 2p before subtracting k.",
                                  "ko": "{i}번째 층(`{text}`)에는 패딩이 있습니다. k를 빼기 전에 2p를 더하세요."},
    "exercises.hint.byo_no_stride": {"en": "Layer {i} (`{text}`) has a stride: divide by it.",
                                     "ko": "{i}번째 층(`{text}`)에는 스트라이드가 있습니다. 그 값으로 나누세요."},
    "exercises.hint.byo_plus_one": {"en": "Check layer {i} (`{text}`): did you forget the + 1?",
                                    "ko": "{i}번째 층(`{text}`)을 확인하세요. + 1을 빠뜨리지 않았나요?"},
    "exercises.hint.byo_channels": {"en": "Layer {i} (`{text}`) sets the channels: one per filter.",
                                    "ko": "{i}번째 층(`{text}`)이 채널 수를 정합니다. 필터마다 채널 하나입니다."},
    "exercises.hint.byo_fc_inputs": {
        "en": "The fully connected layer gets the map **after** layer {i} (`{text}`): flatten that one.",
        "ko": "완전 연결 층은 {i}번째 층(`{text}`)을 **지난 뒤의** 맵을 받습니다. 그 맵을 펼치세요.",
    },
    "exercises.hint.byo_missing_fc": {"en": "The fully connected layer at the end has parameters too.",
                                      "ko": "마지막 완전 연결 층에도 파라미터가 있습니다."},
    "exercises.hint.sigmoid_value": {
        "en": "0.5 is σ(0), the sigmoid's value. Its derivative is σ(x)·(1 − σ(x)), at most 0.5·0.5.",
        "ko": "0.5는 시그모이드의 값 σ(0)입니다. 도함수는 σ(x)·(1 − σ(x))이고, 최대 0.5·0.5입니다.",
    },
    "exercises.hint.relu_slope": {"en": "1 is ReLU's slope on the positive side. The sigmoid's is much smaller.",
                                  "ko": "1은 양수 쪽 ReLU의 기울기입니다. 시그모이드는 훨씬 작습니다."},
    "exercises.hint.chain_multiply": {
        "en": "The chain rule **multiplies** the factors of the layers; it does not add them.",
        "ko": "연쇄 법칙은 층마다의 값을 **곱합니다**. 더하지 않습니다.",
    },
    "exercises.hint.chain_count": {"en": "Count the factors: one per sigmoid layer, {n} in all.",
                                   "ko": "곱하는 횟수를 세어 보세요. 시그모이드 층마다 하나, 모두 {n}번입니다."},
    "exercises.hint.shortcut_forgotten": {
        "en": "The main path gives 0, but the shortcut still adds a[l] before the last ReLU.",
        "ko": "주 경로는 0이지만, 스킵 연결이 마지막 ReLU 앞에서 a[l]을 여전히 더해 줍니다.",
    },
    "exercises.hint.shortcut_twice": {"en": "a[l] is added once, through the shortcut; the main path gives 0.",
                                      "ko": "a[l]은 스킵 연결로 한 번만 더해집니다. 주 경로의 결과는 0입니다."},
    "exercises.hint.no_shortcut": {"en": "This block has no shortcut: nothing carries a[l] past the zero weights.",
                                   "ko": "이 블록에는 스킵 연결이 없습니다. 가중치가 0이면 a[l]을 전해 줄 길이 없습니다."},
    "exercises.hint.shortcut_after": {
        "en": "The shortcut is added to z[l+2] **before** the last ReLU.",
        "ko": "스킵 연결은 마지막 ReLU **앞에서** z[l+2]에 더해집니다.",
    },
    "exercises.hint.cifar_ends": {"en": "Count the first conv and the final FC layer as well.",
                                  "ko": "첫 합성곱과 마지막 FC 층도 세세요."},
    "exercises.hint.cifar_two": {"en": "Each residual block has **two** conv layers.",
                                 "ko": "잔여 블록 하나에는 합성곱 층이 **2개** 있습니다."},
    "exercises.hint.cifar_stages": {"en": "There are three stages of n blocks each.",
                                    "ko": "블록 n개짜리 단계가 3개 있습니다."},
    "exercises.hint.one_by_one_depth": {
        "en": "A 1×1 filter still spans all input channels: each output value takes C multiply-adds.",
        "ko": "1×1 필터도 입력 채널 전체를 봅니다. 출력값 하나에 곱셈-덧셈이 C번 듭니다.",
    },
    "exercises.hint.bn_forgot_reduce": {"en": "Do not forget the cost of the 1×1 bottleneck conv itself.",
                                        "ko": "1×1 병목 합성곱 자체의 비용도 빼먹지 마세요."},
    "exercises.hint.bn_conv_from_input": {
        "en": "After the bottleneck, the k×k conv reads only the bottleneck's channels, not all the input's.",
        "ko": "병목 뒤의 k×k 합성곱은 입력 채널 전부가 아니라 병목의 채널만 읽습니다.",
    },
    "exercises.hint.bn_reduce_only": {"en": "That is only the 1×1 conv: add the k×k conv after it.",
                                      "ko": "그것은 1×1 합성곱만의 비용입니다. 뒤따르는 k×k 합성곱을 더하세요."},
    "exercises.hint.bn_inverted": {"en": "Divide the other way round: cost without ÷ cost with the bottleneck.",
                                   "ko": "반대로 나누세요: 병목 없는 비용 ÷ 병목 있는 비용."},
    "exercises.hint.inception_pool": {"en": "Four branches are concatenated: include the pooling branch.",
                                      "ko": "네 갈래를 이어 붙입니다. 풀링 갈래도 넣으세요."},
    "exercises.hint.inception_proj": {
        "en": "The pooling branch ends with a 1×1 conv, which sets its channels.",
        "ko": "풀링 갈래는 1×1 합성곱으로 끝나고, 그 합성곱이 채널 수를 정합니다.",
    },
    "exercises.hint.inception_reduce": {
        "en": "The 1×1 reduce convs feed the 3×3 and 5×5 convs; only each branch's last output is concatenated.",
        "ko": "1×1 축소 합성곱은 3×3, 5×5 합성곱으로 들어갈 뿐이고, 각 갈래의 마지막 출력만 이어 붙입니다.",
    },
    "exercises.hint.inception_size": {"en": "“Same” padding and stride 1: no branch shrinks the map.",
                                      "ko": "same 패딩, 스트라이드 1이므로 어느 갈래도 맵을 줄이지 않습니다."},
    "exercises.hint.fz_count": {"en": "Count all {n} stacked 3×3 layers, no more and no fewer.",
                                "ko": "쌓은 3×3 층 {n}개를 빠짐없이, 더하지도 말고 세세요."},
    "exercises.hint.fz_channels": {
        "en": "Each filter has C input channels and there are C filters: the weights grow with C².",
        "ko": "필터 하나가 입력 채널 C개를 보고 필터도 C개이므로 가중치는 C²에 비례합니다.",
    },
    "exercises.hint.crop_plus_one": {
        "en": "Count the positions, not the moves: offsets 0 to n − c make n − c + 1 places per axis.",
        "ko": "이동 횟수가 아니라 위치를 세세요. 시작점 0부터 n − c까지, 한 축에 n − c + 1곳입니다.",
    },
    "exercises.hint.crop_both": {"en": "A crop moves along both axes: multiply the two counts.",
                                 "ko": "조각은 두 축으로 움직입니다. 두 축의 개수를 곱하세요."},
    "exercises.hint.mirror_doubles": {"en": "Mirroring doubles the count: each crop also comes flipped.",
                                      "ko": "좌우 반전으로 개수가 두 배가 됩니다. 조각마다 뒤집은 것이 하나 더 있습니다."},
    "exercises.hint.pad_twice": {"en": "The padding is on both sides: the padded image is n + 2p wide.",
                                 "ko": "패딩은 양쪽에 붙습니다. 패딩한 이미지의 너비는 n + 2p입니다."},
    "exercises.hint.iters_last": {"en": "Round **up**: the last, smaller batch is a step too.",
                                  "ko": "**올림**하세요. 마지막의 작은 배치도 한 스텝입니다."},
    "exercises.hint.iters_product": {"en": "Divide the images by the batch size.", "ko": "이미지 수를 배치 크기로 나누세요."},
    "exercises.hint.last_full": {"en": "The images do not divide evenly: the last batch gets what is left.",
                                 "ko": "이미지 수가 나누어떨어지지 않습니다. 마지막 배치에는 남은 이미지만 들어갑니다."},
    "exercises.hint.last_zero": {"en": "The images do not divide evenly, so something is left for a last batch.",
                                 "ko": "나누어떨어지지 않으므로 마지막 배치에 들어갈 이미지가 남습니다."},
    "exercises.hint.epoch_restart": {
        "en": "Each epoch ends with its own smaller batch: multiply the steps of **one** epoch by the epochs.",
        "ko": "에포크마다 작은 마지막 배치가 따로 있습니다. **한** 에포크의 스텝 수에 에포크 수를 곱하세요.",
    },
    "exercises.hint.epochs_multiply": {"en": "That is one epoch: multiply by the number of epochs.",
                                       "ko": "그것은 한 에포크의 값입니다. 에포크 수를 곱하세요."},
    "exercises.hint.steps_not_images": {"en": "That counts images; the question asks for steps (batches).",
                                        "ko": "그것은 이미지 수입니다. 묻는 것은 스텝(배치) 수입니다."},
    "exercises.hint.images_not_steps": {"en": "That counts steps; each step shows a whole batch of images.",
                                        "ko": "그것은 스텝 수입니다. 스텝마다 배치 하나만큼의 이미지를 봅니다."},
    "exercises.hint.images_last_batch": {"en": "The last batch of each epoch is smaller: count images, not "
                                               "steps × batch.",
                                         "ko": "에포크마다 마지막 배치는 더 작습니다. 스텝 × 배치 크기가 아니라 이미지를 세세요."},
    "exercises.hint.maps_input": {"en": "Each **filter** makes one feature map; the input channels do not decide it.",
                                  "ko": "특성 맵은 **필터**마다 한 장입니다. 입력 채널 수와는 상관없습니다."},
    "exercises.hint.maps_product": {
        "en": "A filter sums over all input channels into **one** map: one map per filter.",
        "ko": "필터 하나는 입력 채널 전체를 더해 특성 맵 **한 장**을 만듭니다. 필터마다 한 장입니다.",
    },
    "exercises.hint.filter_depth": {"en": "A filter is as deep as its input: k·k·C weights, not k·k.",
                                    "ko": "필터의 깊이는 입력 채널 수와 같습니다. 가중치는 k·k가 아니라 k·k·C개입니다."},
    "exercises.hint.filter_all": {"en": "That is the whole layer. The question asks about one filter.",
                                  "ko": "그것은 층 전체의 값입니다. 묻는 것은 필터 하나입니다."},
    "exercises.hint.filter_bias": {"en": "Leave out the bias: it is added after the weights, one per filter.",
                                   "ko": "편향은 빼세요. 편향은 가중치 계산 뒤에 필터마다 하나씩 더해집니다."},
    "exercises.hint.occ_baseline": {
        "en": "Add one pass on the untouched image: the drop in score is measured against it.",
        "ko": "가리지 않은 원본에 대한 한 번을 더하세요. 점수가 얼마나 떨어졌는지 그것과 비교합니다.",
    },
    "exercises.hint.occ_stride": {"en": "The patch positions follow the window rule ⌊(n − w)/s⌋ + 1, not n/s.",
                                  "ko": "조각 위치 수는 n/s가 아니라 창 규칙 ⌊(n − w)/s⌋ + 1을 따릅니다."},
    "exercises.hint.ig_backward": {"en": "Each step needs a gradient too: count the backward passes.",
                                   "ko": "단계마다 경사도 구해야 합니다. 역전파 횟수도 세세요."},
    "exercises.hint.ig_steps": {"en": "That is saliency (one image). Integrated gradients repeats it for every step.",
                                "ko": "그것은 이미지 한 장의 현저성 맵(순전파·역전파 1번)입니다. 통합 경사는 이를 단계마다 반복합니다."},
    "exercises.hint.attr_count": {"en": "Count both: positions² + 1 for occlusion, one per step for integrated "
                                        "gradients.",
                                  "ko": "둘 다 세어 보세요. 가림은 위치 수² + 1, 통합 경사는 단계마다 한 번입니다."},
    # ---------------------------------------------------------------- notes shown with the answer
    "exercises.note.pool_hyper": {
        "en": "Pooling has hyperparameters (window f, stride s) but no learnable parameters.",
        "ko": "풀링에는 하이퍼파라미터(창 크기 f, 스트라이드 s)는 있지만 학습 파라미터는 없습니다.",
    },
    "exercises.note.conv_vs_fc": {
        "en": "Local windows and shared weights are why a convolution needs so few parameters.",
        "ko": "지역적인 창과 가중치 공유 덕분에 합성곱은 파라미터가 이렇게 적습니다.",
    },
    "exercises.note.fc_share": {"en": "{model} has {total} parameters in all.", "ko": "{model}의 전체 파라미터는 {total}개입니다."},
    "exercises.note.alexnet_227": {
        "en": "(227 − 11)/4 + 1 = 55 exactly: 227×227 (or padding 2) makes the paper's 55×55 work.",
        "ko": "(227 − 11)/4 + 1 = 55로 딱 맞습니다. 227×227 입력(또는 패딩 2)이어야 논문의 55×55가 나옵니다.",
    },
    "exercises.note.relu_slope": {
        "en": "ReLU's slope is 1 on the positive side, so a product of many of them does not shrink.",
        "ko": "ReLU의 기울기는 양수 쪽에서 1이라, 여러 개를 곱해도 작아지지 않습니다.",
    },
    "exercises.note.identity": {
        "en": "With zero weights the block passes its input through (a[l] ≥ 0 after a ReLU, so g(a[l]) = a[l]): "
              "learning the identity is easy, so extra blocks need not hurt.",
        "ko": "가중치가 0이면 블록은 입력을 그대로 내보냅니다(a[l]은 ReLU를 지나 0 이상이므로 g(a[l]) = a[l]). 항등 함수를 배우기 "
              "쉬우므로 블록을 더해도 손해를 보지 않기 쉽습니다.",
    },
    "exercises.note.plain_zero": {
        "en": "Without a shortcut, a block must learn its weights just to pass its input through.",
        "ko": "스킵 연결이 없으면 입력을 그대로 내보내는 것조차 가중치를 학습해야 합니다.",
    },
    "exercises.note.cifar_depth": {"en": "That is the 6n + 2 of ResNet-20, -32, -44, -56 and -110.",
                                   "ko": "ResNet-20, -32, -44, -56, -110의 6n + 2가 바로 이것입니다."},
    "exercises.note.bottleneck": {
        "en": "The lesson's example (28×28, 192 → 32, 5×5, bottleneck 16): 120,422,400 vs 12,443,648, about a tenth.",
        "ko": "수업의 예(28×28, 192 → 32, 5×5, 병목 16): 120,422,400 대 12,443,648, 약 10분의 1입니다.",
    },
    "exercises.note.factorize": {
        "en": "The stack sees the same receptive field with fewer weights and adds a nonlinearity between the layers.",
        "ko": "쌓은 층은 같은 수용 영역을 더 적은 가중치로 보고, 층 사이에 비선형성도 하나 더 생깁니다.",
    },
    "exercises.note.alexnet_2048": {
        "en": "The AlexNet paper says 2048 = 2·32·32: it counts the 32 moves, not the 33 positions.",
        "ko": "AlexNet 논문의 2048 = 2·32·32는 위치 33곳이 아니라 이동 32번을 센 값입니다.",
    },
    "exercises.note.images_seen": {
        "en": "Each epoch shows every image again; with augmentation each time as a fresh random version.",
        "ko": "에포크마다 모든 이미지를 다시 봅니다. 데이터 증강을 쓰면 매번 새로 변형된 모습으로 봅니다.",
    },
}
