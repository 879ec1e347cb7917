"""Strings of lesson 2, build your own CNN (pages/build_your_own.py)."""
from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "build_your_own.col_output": {"en": "Output (C×H×W)", "ko": "출력 (C×H×W)"},
    "build_your_own.col_params": {"en": "Params", "ko": "파라미터"},
    "build_your_own.col_macs": {"en": "MACs", "ko": "MAC"},
    "build_your_own.title": {"en": "Build your own CNN", "ko": "나만의 CNN 만들기"},
    "build_your_own.intro": {
        "en": "Edit the table row by row — every change is checked at once against the shapes coming into "
              "that layer. When every row is valid, copy the PyTorch code or send the network to the training lab.",
        "ko": "표를 한 줄씩 고쳐 보세요. 바꿀 때마다 그 층으로 들어오는 크기에 맞는지 바로 검사합니다. "
              "모든 줄이 올바르면 PyTorch 코드를 복사하거나 신경망을 훈련 실험실로 보낼 수 있습니다.",
    },
    "build_your_own.input": {"en": "Input", "ko": "입력"},
    "build_your_own.in_channels": {"en": "Channels C", "ko": "채널 수 C"},
    "build_your_own.in_height": {"en": "Height H", "ko": "높이 H"},
    "build_your_own.in_width": {"en": "Width W", "ko": "너비 W"},
    "build_your_own.table": {"en": "Layers", "ko": "층 목록"},
    "build_your_own.table_help": {
        "en": "Add a row with the + below the table, delete with the row's checkbox and the bin. "
              "Columns a layer does not use are ignored (e.g. kernel for ReLU).",
        "ko": "표 아래의 +로 줄을 추가하고, 줄의 체크박스와 휴지통으로 삭제합니다. "
              "층이 쓰지 않는 칸은 무시됩니다 (예: ReLU의 커널).",
    },
    "build_your_own.col_layer": {"en": "Layer", "ko": "층"},
    "build_your_own.col_layer_help": {
        "en": "conv, pool, relu, sigmoid, tanh, bn, flatten, fc, gap (global average pooling), dropout",
        "ko": "conv(합성곱), pool(풀링), relu, sigmoid, tanh, bn(배치 정규화), flatten(펼치기), "
              "fc(완전 연결), gap(전역 평균 풀링), dropout(드롭아웃)",
    },
    "build_your_own.col_out": {"en": "Out", "ko": "출력 수"},
    "build_your_own.col_out_help": {"en": "conv: number of filters (output channels); fc: number of outputs",
                         "ko": "conv: 필터 수(출력 채널 수), fc: 출력 개수"},
    "build_your_own.col_k": {"en": "Kernel", "ko": "커널"},
    "build_your_own.col_k_help": {"en": "Kernel size k (conv default 3, pool default 2)",
                       "ko": "커널 크기 k (conv 기본 3, pool 기본 2)"},
    "build_your_own.col_s": {"en": "Stride", "ko": "스트라이드"},
    "build_your_own.col_s_help": {"en": "Stride s (conv default 1, pool default = kernel)",
                       "ko": "스트라이드 s (conv 기본 1, pool 기본 = 커널)"},
    "build_your_own.col_p": {"en": "Padding", "ko": "패딩"},
    "build_your_own.col_p_help": {"en": "A number, or same / valid (conv only)",
                       "ko": "숫자, 또는 same / valid (conv만)"},
    "build_your_own.col_mode": {"en": "Pool / p", "ko": "풀링 / p"},
    "build_your_own.col_mode_help": {"en": "pool: max or avg; dropout: the drop probability (e.g. 0.5)",
                          "ko": "pool: max 또는 avg, dropout: 드롭 확률 (예: 0.5)"},
    "build_your_own.col_more": {"en": "More", "ko": "추가 옵션"},
    "build_your_own.col_more_help": {"en": "Optional extras in the spec grammar, e.g. d=2 g=2 bias=0",
                          "ko": "텍스트 문법의 추가 옵션, 예: d=2 g=2 bias=0"},
    "build_your_own.spec": {"en": "The same network as text", "ko": "같은 신경망을 텍스트로"},
    "build_your_own.spec_help": {
        "en": "The grammar of `python -m cnnlab summary --spec`: layers separated by `|`, e.g. "
              "`conv 16 k=3 p=same | relu | pool max | flatten | fc 10`. Edit here or in the table; "
              "they stay in sync.",
        "ko": "명령 `python -m cnnlab summary --spec`에 쓰는 문법과 같습니다. 층은 `|`로 나눕니다. 예: `conv 16 k=3 p=same | relu | "
              "pool max | flatten | fc 10`. 여기서 고치든 표에서 고치든 둘은 함께 바뀝니다.",
    },
    "build_your_own.spec_error": {"en": "The text could not be read, so the table was kept:\n\n{error}",
                       "ko": "텍스트를 읽을 수 없어 표는 그대로 두었습니다.\n\n{error}"},
    "build_your_own.link_error": {
        "en": "The network in this link has a row that cannot be read:\n\n{error}\n\nThe table shows the rows "
              "that could be read. Fix the text below (Ctrl+Enter applies it) and the table follows it.",
        "ko": "이 링크의 신경망에 읽을 수 없는 줄이 있습니다.\n\n{error}\n\n표에는 읽을 수 있는 줄만 넣었습니다. 아래 텍스트를 고치면(Ctrl+Enter로 적용) 표도 그 "
              "내용으로 바뀝니다.",
    },
    "build_your_own.grammar": {"en": "Grammar", "ko": "문법"},
    "build_your_own.grammar_body": {
        "en": "- `conv OUT [k=K] [s=S] [p=P|same|valid] [d=D] [g=G] [bias=0|1]` — defaults k=3 s=1 p=0 d=1 g=1\n"
              "- `pool max|avg [k=K] [s=S] [p=P]` — defaults k=2, s=k\n"
              "- `relu`, `sigmoid`, `tanh`, `bn`, `flatten`, `gap`, `fc OUT`, `dropout [P]`",
        "ko": "- `conv OUT [k=K] [s=S] [p=P|same|valid] [d=D] [g=G] [bias=0|1]` — 기본값 k=3 s=1 p=0 d=1 g=1\n"
              "- `pool max|avg [k=K] [s=S] [p=P]` — 기본값 k=2, s=k\n"
              "- `relu`, `sigmoid`, `tanh`, `bn`, `flatten`, `gap`, `fc OUT`, `dropout [P]`",
    },
    "build_your_own.row_error": {"en": "Row {row} ({text}): {error}", "ko": "{row}번 줄({text}): {error}"},
    "build_your_own.errors_title": {"en": "Fix these rows first:", "ko": "먼저 다음 줄을 고치세요:"},
    "build_your_own.not_checked": {"en": "not checked until the rows above are fixed",
                        "ko": "위의 줄을 고칠 때까지 검사하지 않음"},
    "build_your_own.all_ok": {"en": "All {n} rows are valid.", "ko": "{n}개 줄이 모두 올바릅니다."},
    "build_your_own.empty": {"en": "The table is empty — add a layer with the + below it.",
                  "ko": "표가 비어 있습니다. 표 아래의 +로 층을 추가하세요."},
    "build_your_own.summary": {"en": "Live summary", "ko": "실시간 요약"},
    "build_your_own.col_status": {"en": "Check", "ko": "검사"},
    "build_your_own.ok": {"en": "ok", "ko": "정상"},
    "build_your_own.code": {"en": "PyTorch code", "ko": "PyTorch 코드"},
    "build_your_own.code_caption": {"en": "Copy it with the button at the top right of the box.",
                         "ko": "상자 오른쪽 위의 버튼으로 복사하세요."},
    "build_your_own.handoff": {"en": "Send to the training lab", "ko": "훈련 실험실로 보내기"},
    "build_your_own.handoff_done": {
        "en": "Sent: the training lab now offers “my network” ({shape} input).",
        "ko": "보냈습니다. 이제 훈련 실험실에서 “내가 만든 신경망”({shape} 입력)을 고를 수 있습니다.",
    },
    "build_your_own.handoff_link": {"en": "Open the training lab", "ko": "훈련 실험실 열기"},
    "build_your_own.handoff_disabled": {"en": "Fix the rows above before sending the network.",
                             "ko": "신경망을 보내기 전에 위의 줄들을 고치세요."},
    "build_your_own.handoff_no_classes": {
        "en": "Tip: for the digits (10 classes) the last layer should be `fc 10`; yours gives {shape}.",
        "ko": "팁: 손글씨 숫자(10개 클래스)를 훈련하려면 마지막 층이 `fc 10`이어야 합니다. 지금 출력은 {shape}입니다.",
    },
    "build_your_own.reset": {"en": "Start again from the LeNet-like example", "ko": "LeNet과 비슷한 예제로 다시 시작"},
    "build_your_own.totals": {
        "en": "Total: **{params}** parameters · **{macs}** MACs (≈ {flops} FLOPs) · output {shape}",
        "ko": "합계: 파라미터 **{params}**개 · MAC **{macs}**회 (≈ {flops} FLOPs) · 출력 {shape}",
    },
}
