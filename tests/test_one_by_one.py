"""Lesson 4, 1×1 convolutions & Inception: cnnlab.one_by_one against torch, and the page (AppTest) in en and ko.

The bottleneck, NiN, Inception and factorizing numbers equal torch's and the lesson's.
"""
from __future__ import annotations

import pytest
import torch
from pagetest import check_exercise_block, open_page
from streamlit.testing.v1 import AppTest
from torch import nn

from cnnlab.models import Inception
from cnnlab.one_by_one import inception_check, inception_cost, nin_demo

def _page(lang: str = "en", **params) -> AppTest:
    return open_page("one_by_one", lang, **params)


def _codes(at: AppTest) -> str:
    return "\n".join(c.value for c in at.code)


def _fmt(n: int) -> str:
    return f"{n:,}"


def _torch_macs(model: nn.Module, x: torch.Tensor) -> int:
    """Conv MACs from a real forward pass: output values × (in_channels/groups · k·k) per conv."""
    total = 0

    def hook(m, _inp, out):
        nonlocal total
        total += out.numel() * (m.in_channels // m.groups) * m.kernel_size[0] * m.kernel_size[1]

    handles = [m.register_forward_hook(hook) for m in model.modules() if isinstance(m, nn.Conv2d)]
    with torch.no_grad():
        model(x)
    for h in handles:
        h.remove()
    return total


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_default_bottleneck_reproduces_the_lesson(lang):
    at = _page(lang)
    assert not at.exception
    codes = _codes(at)
    # The lesson: 120,422,400 vs 2,408,448 + 10,035,200 = 12,443,648; concatenation 64+128+32+32 = 256.
    assert "28·28·32 · 5·5·192 = 120,422,400" in codes
    assert "28·28·16 · 192 = 2,408,448" in codes
    assert "28·28·32 · 5·5·16 = 10,035,200" in codes
    assert "2,408,448 + 10,035,200 = 12,443,648" in codes
    assert "64 + 128 + 32 + 32 = 256" in codes


def test_korean_page_is_in_korean():
    at = _page("ko")
    assert at.title[0].value == "1×1 합성곱과 인셉션"
    assert any("병목" in h.value for h in at.header)


@pytest.mark.parametrize("h, w, cin, cout, k, b", [
    (28, 28, 192, 32, 3, 64),
    (1, 1, 1, 1, 1, 1),           # all minimums
    (224, 7, 2048, 2048, 7, 2048),  # all maximums: a bottleneck that costs more than it saves
])
def test_bottleneck_calculator_matches_torch(h, w, cin, cout, k, b):
    at = _page("en", bn_h=h, bn_w=w, bn_cin=cin, bn_cout=cout, bn_k=k, bn_b=b)
    assert not at.exception
    x = torch.zeros(1, cin, h, w, device="meta")
    direct = _torch_macs(nn.Conv2d(cin, cout, k, padding="same", device="meta"), x)
    reduce = _torch_macs(nn.Conv2d(cin, b, 1, device="meta"), x)
    conv = _torch_macs(nn.Conv2d(b, cout, k, padding="same", device="meta"), torch.zeros(1, b, h, w, device="meta"))
    codes = _codes(at)
    assert f"= {_fmt(direct)}" in codes
    assert f"{_fmt(reduce)} + {_fmt(conv)} = {_fmt(reduce + conv)}" in codes


def test_bottleneck_off_shows_only_the_direct_cost():
    at = _page("en")
    at.toggle(key="bn_on").set_value(False).run()
    assert not at.exception
    assert "2,408,448 + 10,035,200" not in _codes(at)
    assert any("120,422,400" in m.value for m in at.markdown)


@pytest.mark.parametrize("h, c, c1, c2, c3, c4", [(28, 192, 64, (96, 128), (16, 32), 32),
                                                  (7, 3, 1, (2, 5), (4, 1), 6)])
def test_inception_cost_counts_cnnlabs_module_branch_by_branch_like_torch(h, c, c1, c2, c3, c4):
    cost = inception_cost(h, c, c1, c2, c3, c4)
    module = Inception(c, c1, c2, c3, c4)
    x = torch.zeros(1, c, h, h)
    for branch, attr in zip(cost.branches, ("branch1", "branch2", "branch3", "branch4")):
        torch_branch = getattr(module, attr)
        assert branch.params == sum(p.numel() for p in torch_branch.parameters())
        assert branch.macs == _torch_macs(torch_branch, x)
        assert branch.layers[-1].output_shape == tuple(torch_branch(x).shape[1:])
    assert cost.out_channels == module(x).shape[1] == c1 + c2[1] + c3[1] + c4
    check = inception_check(h, c, c1, c2, c3, c4)
    assert (check.params, check.macs, check.output_shape) == (cost.params, cost.macs, (cost.out_channels, h, h))


def test_nin_demo_is_a_real_conv_equal_to_a_dense_layer_at_the_pixel():
    demo = nin_demo(3, 2, 4, (1, 2))
    assert demo.conv_at_pixel == demo.fc_out
    assert len(demo.formulas) == 2 and demo.formulas[0].endswith(f"= {demo.fc_out[0]}".replace("-", "−"))


def _inception_torch(c, c1, c2, c3, c4):
    branches = [
        nn.Conv2d(c, c1, 1),
        nn.Sequential(nn.Conv2d(c, c2[0], 1), nn.Conv2d(c2[0], c2[1], 3, padding=1)),
        nn.Sequential(nn.Conv2d(c, c3[0], 1), nn.Conv2d(c3[0], c3[1], 5, padding=2)),
        nn.Sequential(nn.MaxPool2d(3, 1, 1), nn.Conv2d(c, c4, 1)),
    ]
    return nn.ModuleList(branches)


@pytest.mark.parametrize("h, c, c1, c2r, c2, c3r, c3, c4", [
    (28, 192, 64, 96, 128, 16, 32, 32),   # inception (3a)
    (14, 480, 192, 96, 208, 16, 48, 64),  # inception (4a)
    (1, 1, 1, 1, 1, 1, 1, 1),
])
def test_inception_builder_matches_torch(h, c, c1, c2r, c2, c3r, c3, c4):
    at = _page("ko", inc_h=h, inc_c=c, inc_1=c1, inc_2r=c2r, inc_2=c2, inc_3r=c3r, inc_3=c3, inc_4=c4)
    assert not at.exception
    model = _inception_torch(c, c1, (c2r, c2), (c3r, c3), c4)
    x = torch.zeros(1, c, h, h)
    with torch.no_grad():
        out = torch.cat([b(x) for b in model], dim=1)
    params = sum(p.numel() for p in model.parameters())
    macs = sum(_torch_macs(b, x) for b in model)
    codes = _codes(at)
    assert f"= {out.shape[1]}" in codes
    assert f"= {_fmt(params)}" in codes
    assert f"= {_fmt(macs)}" in codes
    assert out.shape[2:] == (h, h)
    # the cross-check line (cnnlab's real Inception module + cnnlab.summarize) agrees with torch too
    check = next(c.value for c in at.caption if "p.numel()" in c.value)
    assert _fmt(params) in check and _fmt(macs) in check


def test_nin_demo_output_equals_torch_on_the_shown_numbers():
    at = _page("en", nin_c=4, nin_o=3, nin_i=2, nin_j=1)
    assert not at.exception
    frames = [d.value for d in at.dataframe]
    x_table, weights, y_table = frames[0], frames[1], frames[2]
    parse = lambda cell: [int(v.replace("−", "-")) for v in cell.split(", ")]  # noqa: E731
    x = torch.tensor([[parse(cell) for cell in row] for row in x_table.values.tolist()], dtype=torch.float32)
    x = x.permute(2, 0, 1)  # [C][H][W]
    w = torch.tensor(weights.iloc[:, :4].values.tolist(), dtype=torch.float32)
    b = torch.tensor(weights.iloc[:, 4].values.tolist(), dtype=torch.float32)
    conv = nn.Conv2d(4, 3, 1)
    with torch.no_grad():
        conv.weight.copy_(w.view(3, 4, 1, 1))
        conv.bias.copy_(b)
        z = conv(x.unsqueeze(0))[0]
        y = torch.relu(z)                          # the 1×1 layer as NiN uses it: conv, then ReLU
    shown = torch.tensor([[parse(cell) for cell in row] for row in y_table.values.tolist()], dtype=torch.float32)
    assert torch.equal(shown.permute(2, 0, 1), y)
    assert (z < 0).any() and (z > 0).any()         # the ReLU visibly cuts some outputs to 0 and keeps others
    # and at the chosen pixel a dense layer + ReLU with the same weights gives the same vector
    assert torch.equal(torch.relu(nn.functional.linear(x[:, 2, 1], w, b)), y[:, 2, 1])
    assert "y1 = ReLU(" in _codes(at)


def test_real_size_one_by_one_changes_only_channels():
    at = _page("en", nin_n=28, nin_cc=192, nin_f=32)
    conv = nn.Conv2d(192, 32, 1)
    out = conv(torch.zeros(1, 192, 28, 28))
    assert "192×28×28 → 32×28×28   (C×H×W)" in _codes(at)
    assert f"= {_fmt(sum(p.numel() for p in conv.parameters()))}" in _codes(at)
    assert out.shape == (1, 32, 28, 28)


@pytest.mark.parametrize("k, bias", [(5, False), (7, True)])
def test_factorizing_matches_torch(k, bias):
    at = _page("en", fz_c=64, fz_h=28, fz_k=k, fz_bias=int(bias))
    assert not at.exception
    single = nn.Conv2d(64, 64, k, padding="same", bias=bias)
    n = (k - 1) // 2
    stack = nn.Sequential(*[nn.Conv2d(64, 64, 3, padding=1, bias=bias) for _ in range(n)])
    x = torch.zeros(1, 64, 28, 28, device="meta")
    codes = _codes(at)
    assert f"= {_fmt(sum(p.numel() for p in single.parameters()))}" in codes
    assert f"= {_fmt(sum(p.numel() for p in stack.parameters()))}" in codes
    assert f"= {_fmt(_torch_macs(single.to('meta'), x))}" in codes
    assert f"= {_fmt(_torch_macs(stack.to('meta'), x))}" in codes
    if k == 5 and not bias:  # the lesson: 25C² vs 18C²
        assert any("25C²" in m.value and "18C²" in m.value for m in at.markdown)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_page_ends_with_exercises_that_accept_the_answer_hint_a_slip_and_reveal_the_steps(lang):
    check_exercise_block("one_by_one", lang, seed="class7")


# ---------------------------------------------------------------- issue 11, items 7 and 11
def _text(at) -> str:
    return "\n".join([m.value for m in at.markdown] + [c.value for c in at.caption])


@pytest.mark.parametrize("lang, relu_word", [("en", "ReLU"), ("ko", "ReLU")])
def test_same_channel_one_by_one_adds_a_nonlinearity_at_every_pixel(lang, relu_word):
    at = _page(lang)
    assert not at.exception
    conv = nn.Conv2d(192, 192, 1)
    out = conv(torch.zeros(1, 192, 28, 28, device="meta"))
    shape = "×".join(map(str, out.shape[1:]))                                    # 192×28×28, C×H×W
    note = next(m.value for m in at.markdown if "Network in Network" in m.value and shape in m.value)
    assert f"{shape} → {shape}" in note and relu_word in note
    assert _fmt(sum(p.numel() for p in conv.parameters())) in note and _fmt(out[0].numel() * 192) in note


def test_without_the_pool_branch_1x1_the_channels_grow_module_after_module():
    from cnnlab.one_by_one import pool_branch_growth

    x = torch.zeros(1, 192, 28, 28)
    growth = pool_branch_growth()
    channels = [192]
    for _ in range(3):      # three stacked modules whose pool branch is the 3×3 max pool alone
        x = torch.zeros(1, channels[-1], 28, 28)
        pooled = nn.MaxPool2d(3, 1, 1)(x)
        channels.append(64 + 128 + 32 + pooled.shape[1])
    assert growth.without_projection == channels == [192, 416, 640, 864]
    assert growth.with_projection == [192, 256, 256, 256]
    assert growth.first_sum == "64 + 128 + 32 + 192 = 416" and growth.growth == 224


@pytest.mark.parametrize("lang, words", [
    ("en", ("lets training decide", "Auxiliary classifiers", "At inference they are removed", "0.3")),
    ("ko", ("훈련이 가중치로 정하게", "보조 분류기", "추론할 때는 떼어 냅니다", "0.3"))])
def test_inception_motivation_pool_projection_and_auxiliary_classifiers_are_explained(lang, words):
    at = _page(lang)
    text = _text(at)
    assert all(w in text for w in words)
    assert "64 + 128 + 32 + 192 = 416" in text
    table = next(d.value for d in at.dataframe if "864" in d.value.to_string())
    assert list(table.iloc[:, 1]) == ["192", "256", "256", "256"] and list(table.iloc[:, 2]) == ["192", "416", "640",
                                                                                                 "864"]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_every_shape_on_the_page_is_channels_first_and_labelled(lang):
    at = _page(lang)
    inception = next(d.value for d in at.dataframe if any("C×H×W" in str(c) for c in d.value.columns))
    out_col = next(c for c in inception.columns if "C×H×W" in str(c))
    assert list(inception[out_col]) == ["64×28×28", "128×28×28", "32×28×28", "32×28×28", "256×28×28"]
    check = next(c.value for c in at.caption if "p.numel()" in c.value)
    assert "256×28×28 (C×H×W)" in check
    assert any(c.startswith("C×H×W") or "(C×H×W" in c for c in [x.value for x in at.caption])
    text = _text(at)
    assert "×28×256" not in text and "H×W×C" not in text
