"""Lesson 1, convolution arithmetic: cnnlab.conv_arithmetic against torch, and the page (AppTest) in en and ko.

The page's numbers equal torch's and the lesson's (32×32×3, ten 5×5 filters, padding 2 → 32×32×10, 760 params).
"""
from __future__ import annotations

import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st
from pagetest import check_exercise_block, open_page
from streamlit.testing.v1 import AppTest
from torch import nn

from cnnlab.arithmetic import conv2d, pool2d
from cnnlab.conv_arithmetic import conv_problem, pool_problem, rf_steps, stride_one, unread_cells


@settings(max_examples=80)
@given(n=st.integers(1, 9), k=st.integers(1, 7), s=st.integers(1, 3), p=st.integers(0, 3), d=st.integers(1, 3),
       same=st.booleans())
def test_a_problem_is_reported_exactly_when_torch_refuses_the_convolution(n, k, s, p, d, same):
    padding = "same" if same else p
    try:
        nn.Conv2d(1, 1, k, s, padding, d)(torch.zeros(1, 1, n, n))
        refused = False
    except (RuntimeError, ValueError):
        refused = True
    assert (conv_problem(n, k, s, padding, d) is not None) == refused


@settings(max_examples=60)
@given(n=st.integers(1, 9), k=st.integers(1, 6), s=st.integers(1, 3), p=st.integers(0, 3))
def test_a_pooling_problem_is_reported_exactly_when_torch_refuses(n, k, s, p):
    if p > k // 2:
        return  # the page's padding slider stops at k/2
    try:
        nn.MaxPool2d(k, s, p)(torch.zeros(1, 1, n, n))
        refused = False
    except RuntimeError:
        refused = True
    assert (pool_problem(n, k, s, p) is not None) == refused


@settings(max_examples=60)
@given(n=st.integers(1, 12), k=st.integers(1, 5), s=st.integers(1, 4), p=st.integers(0, 2), d=st.integers(1, 2))
def test_unread_cells_are_the_end_of_a_padded_row_no_window_reaches_in_torch(n, k, s, p, d):
    if d * (k - 1) + 1 > n + 2 * p:
        return
    layer = conv2d((n, 1), 1, 1, (k, 1), (s, 1), (p, 0), (d, 1))
    x = torch.zeros(1, 1, n + 2 * p, 1, requires_grad=True)  # the padded column: padding cells get gradients too
    F.conv2d(x, torch.ones(1, 1, k, 1), stride=(s, 1), dilation=(d, 1)).sum().backward()
    read = x.grad[0, 0, :, 0].nonzero().flatten()
    assert unread_cells(layer) == n + 2 * p - 1 - int(read.max())


def test_receptive_field_steps_write_out_the_recursion():
    assert [(r.layers, r.rf, r.jump, r.formula) for r in rf_steps(3, 2)] == [
        (1, 3, 2, "1 + (3 − 1)·1 = 3"), (2, 7, 4, "3 + (3 − 1)·2 = 7"), (3, 15, 8, "7 + (3 − 1)·4 = 15")]
    assert rf_steps(3, 1, dilation=2, layers=1)[0].formula == "1 + (5 − 1)·1 = 5"


def test_stride_one_keeps_everything_but_the_stride():
    two = conv2d(32, 3, 10, 5, 2, 2)
    one = stride_one(two)
    assert (one.stride, one.padding, one.kernel, one.params) == ((1, 1), two.padding, two.kernel, two.params)
    assert one.out_h == nn.Conv2d(3, 10, 5, 1, 2)(torch.zeros(1, 3, 32, 32)).shape[2]
    assert pool2d(28, 3).padded_input == (28, 28)


# ---------------------------------------------------------------- the page

def _page(lang: str = "en", **params) -> AppTest:
    return open_page("conv_arithmetic", lang, **params)


def _metrics(at: AppTest) -> list[str]:
    return [m.value for m in at.metric]


def _codes(at: AppTest) -> list[str]:
    return [c.value for c in at.code]


def _torch_conv(n, c, f, k, s, padding, d, bias=True):
    """(out shape C×H×W text, params, MACs) from a real nn.Conv2d (MACs = outputs × weights per output)."""
    layer = nn.Conv2d(c, f, k, s, padding, d, bias=bias)
    out = layer(torch.zeros(1, c, n, n))
    params = sum(p.numel() for p in layer.parameters())
    macs = out.numel() * c * k * k
    return f"{out.shape[1]}×{out.shape[2]}×{out.shape[3]}", params, macs


def _fmt(n: int) -> str:
    return f"{n:,}"


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_default_page_shows_the_lessons_worked_example(lang):
    at = _page(lang)
    assert not at.exception
    # The lesson: 32×32×3, ten 5×5 filters, padding 2 → 32×32×10 (written C×H×W: 10×32×32); (5·5·3 + 1)·10 = 760.
    assert _metrics(at)[:2] == ["10×32×32", "760"]
    codes = _codes(at)
    assert "(32 + 2·2 − 5) / 1 + 1 = 32" in codes
    assert "(5·5·3 + 1)·10 = 760" in codes
    assert "(32·32·3 + 1)·(32·32·10) = 31,467,520" in codes
    assert not at.error


def test_korean_page_is_in_korean():
    at = _page("ko")
    assert at.title[0].value == "합성곱 계산"
    assert at.metric[1].label == "학습 파라미터 수"
    assert any("가중치 공유" in m.value for m in at.markdown)


@pytest.mark.parametrize("n, c, k, s, p, d, f", [
    (32, 3, 5, 1, 2, 1, 10),     # the lesson
    (1, 1, 1, 1, 0, 1, 1),       # every slider at its minimum
    (64, 64, 11, 5, 10, 4, 64),  # every slider at its maximum
    (28, 1, 3, 2, 0, 2, 6),      # dilation and a stride that does not divide evenly
    (7, 16, 4, 3, 1, 1, 5),      # an even kernel
])
def test_moving_sliders_gives_torchs_shape_params_and_macs(n, c, k, s, p, d, f):
    at = _page("en")
    for key, value in dict(n=n, c=c, k=k, s=s, p=p, d=d, f=f).items():
        at.slider(key=key).set_value(value)
    at.run()
    assert not at.exception and not at.error
    shape, params, macs = _torch_conv(n, c, f, k, s, p, d)
    assert _metrics(at)[:3] == [shape, _fmt(params), _fmt(macs)]
    assert _metrics(at)[3] == f"{d * (k - 1) + 1}×{d * (k - 1) + 1}"


@pytest.mark.parametrize("k", [3, 4, 7])
def test_same_padding_keeps_the_size_like_torch(k):
    at = _page("ko", n=10, k=k)
    at.radio(key="pad").set_value("same").run()
    shape, params, _ = _torch_conv(10, 3, 10, k, 1, "same", 1)
    assert _metrics(at)[:2] == [shape, _fmt(params)]


def test_bias_off_removes_one_parameter_per_filter():
    at = _page("en")
    at.toggle(key="bias").set_value(False).run()
    assert _metrics(at)[1] == _fmt(_torch_conv(32, 3, 10, 5, 1, 2, 1, bias=False)[1])


def test_kernel_larger_than_padded_input_explains_the_fix_instead_of_crashing():
    with pytest.raises(RuntimeError):  # torch refuses it too
        nn.Conv2d(1, 1, 11)(torch.zeros(1, 1, 1, 1))
    for lang, fix in (("en", "Fix"), ("ko", "고치는 방법")):
        at = _page(lang, n=1, k=11, p=0, c=1)
        assert not at.exception
        assert len(at.error) == 1 and fix in at.error[0].value
        assert "p ≥ 5" in at.error[0].value and "n ≥ 11" in at.error[0].value
        assert not at.metric


def test_same_padding_with_stride_two_is_explained():
    with pytest.raises(ValueError):
        nn.Conv2d(3, 10, 5, stride=2, padding="same")
    at = _page("en", s=2)
    at.radio(key="pad").set_value("same").run()
    assert not at.exception
    assert "stride 1" in at.error[0].value


def test_pooling_has_no_learnable_parameters_and_torchs_output_size():
    at = _page("en")
    at.radio(key="mode").set_value("pool").run()
    at.slider(key="n").set_value(28).run()
    pool = nn.MaxPool2d(2, 2)
    out = pool(torch.zeros(1, 3, 28, 28))
    assert sum(p.numel() for p in pool.parameters()) == 0
    assert _metrics(at)[:3] == [f"{out.shape[1]}×{out.shape[2]}×{out.shape[3]}", "0", "0"]
    # hyperparameters are named: the notes' "no hyperparameters" is wrong
    assert any("hyperparameters" in m.value and "f = 2" in m.value for m in at.markdown)


def test_average_pooling_with_padding_matches_torch():
    at = _page("ko", mode="pool", pool="avg", n=7, pk=3, ps=2, pp=1)
    out = nn.AvgPool2d(3, 2, 1)(torch.zeros(1, 3, 7, 7))
    assert _metrics(at)[0] == f"3×{out.shape[2]}×{out.shape[3]}"


def test_receptive_field_of_two_stacked_layers_matches_torchs_gradient():
    at = _page("en", k=3, s=2, p=1)
    table = at.dataframe[0].value
    rf_two = table.iloc[1, 1]
    # Torch: the input cells that influence one output cell of conv∘conv (all-ones weights, centre cell).
    net = nn.Sequential(nn.Conv2d(1, 1, 3, 2, 1, bias=False), nn.Conv2d(1, 1, 3, 2, 1, bias=False))
    for layer in net:
        nn.init.ones_(layer.weight)
    x = torch.zeros(1, 1, 33, 33, requires_grad=True)
    y = net(x)
    y[0, 0, 4, 4].backward()
    rows = (x.grad[0, 0].abs().sum(1) > 0).nonzero()
    span = int(rows.max() - rows.min() + 1)
    assert rf_two == f"{span}×{span}"


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_receptive_field_table_shows_the_jump_its_formula_uses_and_the_jump_after(lang):
    import re

    from cnnlab import i18n

    at = _page(lang, k=3, s=2, p=1)
    table = at.dataframe[0].value
    before, after = table[i18n.t("conv_arithmetic.rf_jump_in", lang)], table[i18n.t("conv_arithmetic.rf_jump", lang)]
    jump = 1
    for b, a, formula in zip(before, after, table[i18n.t("conv_arithmetic.rf_formula", lang)]):
        used = int(re.search(r"·(\d+) =", formula).group(1))
        assert b == used == jump and a == jump * 2  # the formula's jump is the one before the layer; × s after
        jump = a


def test_chosen_output_cell_is_clamped_when_the_output_shrinks():
    at = _page("en", oi=31, oj=31)
    assert at.slider(key="oi").value == 31
    at.slider(key="s").set_value(5).run()  # the output shrinks: the chosen cell must follow into range
    assert not at.exception
    last = nn.Conv2d(3, 10, 5, 5, 2)(torch.zeros(1, 3, 32, 32)).shape[2] - 1
    assert at.slider(key="oi").value == last and at.slider(key="oi").max == last


def test_shared_link_values_are_clamped_or_ignored():
    at = _page("en", n=999, k="abc", f=-3, mode="nonsense")
    assert not at.exception
    assert at.slider(key="n").value == 227      # the largest input: AlexNet's 227×227
    assert at.slider(key="k").value == 5        # not a number: default
    assert at.slider(key="f").value == 1        # clamped to the minimum
    assert at.radio(key="mode").value == "conv"


def test_changes_are_written_back_to_the_url():
    at = _page("ko")
    at.slider(key="k").set_value(3).run()
    assert at.query_params["k"] == ["3"] or at.query_params["k"] == "3"
    assert at.query_params["lang"] in (["ko"], "ko")
    at.slider(key="k").set_value(5).run()  # back to the default: dropped from the link
    assert "k" not in at.query_params


def test_stride_note_compares_with_stride_one_like_torch():
    at = _page("en", s=2)
    one, _, macs_one = _torch_conv(32, 3, 10, 5, 1, 2, 1)
    two, _, macs_two = _torch_conv(32, 3, 10, 5, 2, 2, 1)
    note = next(c.value for c in at.caption if c.value.startswith("Stride 2"))
    assert f"{one.split('×')[1]}×{one.split('×')[2]} outputs, {_fmt(macs_one)} MACs" in note
    assert note.endswith(f"{two.split('×')[1]}×{two.split('×')[2]} and {_fmt(macs_two)}.")


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_page_ends_with_exercises_that_accept_the_answer_hint_a_slip_and_reveal_the_steps(lang):
    check_exercise_block("conv_arithmetic", lang, seed="class1")


# ---------------------------------------------------------------- issue 11, items 4, 5 and 11
@settings(max_examples=60)
@given(n=st.integers(1, 40), k=st.integers(1, 7), s=st.integers(1, 4), p=st.integers(0, 3), d=st.integers(1, 3))
def test_exact_size_is_whole_exactly_when_the_windows_fit_and_floors_to_torch(n, k, s, p, d):
    from cnnlab.conv_arithmetic import exact_size

    if d * (k - 1) + 1 > n + 2 * p:
        return
    layer = conv2d(n, 1, 1, k, s, p, d)
    out = nn.Conv2d(1, 1, k, s, p, d)(torch.zeros(1, 1, n, n)).shape[-1]
    value = exact_size(layer)
    assert int(value) == out                                                       # ⌊·⌋ is torch's size
    assert (value.denominator == 1) == (unread_cells(layer) == 0)


def _torch_out(n, k, s, p, f=96):
    return tuple(nn.Conv2d(3, f, k, s, p)(torch.zeros(1, 3, n, n)).shape[1:])


@pytest.mark.parametrize("lang, words", [("en", ("227", "padding 1", "not a whole number")),
                                         ("ko", ("227", "패딩 1", "정수가 아닙니다"))])
def test_the_notes_alexnet_and_vgg_slips_are_corrected_and_can_be_loaded(lang, words):
    at = _page(lang)
    text = "\n".join(m.value for m in at.markdown)
    assert all(w in text for w in words)
    codes = _codes(at)
    assert any("(224 − 11) / 4 + 1 = 54.25" in c and "(227 − 11) / 4 + 1 = 55" in c for c in codes)
    assert any("(224 + 2·1 − 3) / 1 + 1 = 224" in c and "(224 + 2·2 − 3) / 1 + 1 = 226" in c for c in codes)
    assert any("⌊(224 + 2·2 − 11) / 4⌋ + 1 = 55" in m.value for m in at.markdown)      # torchvision's padding 2
    for button, (n, k, s, p, f) in {"load_alexnet_227": (227, 11, 4, 0, 96), "load_alexnet_224": (224, 11, 4, 0, 96),
                                    "load_vgg_p1": (224, 3, 1, 1, 64), "load_vgg_p2": (224, 3, 1, 2, 64)}.items():
        at.button(key=button).click().run()
        assert not at.exception
        assert _metrics(at)[0] == "×".join(map(str, _torch_out(n, k, s, p, f)))   # C×H×W, from torch
    assert _torch_out(227, 11, 4, 0) == (96, 55, 55) and _torch_out(224, 3, 1, 2, 64) == (64, 226, 226)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_no_padding_caption_uses_the_dilated_span_and_the_stride(lang):
    at = _page(lang, n=28, k=3, d=2, pad="number", p=0)
    out = nn.Conv2d(1, 1, 3, 1, 0, 2)(torch.zeros(1, 1, 28, 28)).shape[-1]
    assert out == 24
    note = next(c.value for c in at.caption if "d·(f − 1)" in c.value)
    assert "2·(3 − 1) = 4" in note and "28 → 24" in note
    at = _page(lang, n=28, k=3, d=2, s=2, pad="number", p=0)
    out = nn.Conv2d(1, 1, 3, 2, 0, 2)(torch.zeros(1, 1, 28, 28)).shape[-1]
    note = next(c.value for c in at.caption if "⌊(28 − 5) / 2⌋ + 1" in c.value)
    assert note.count(f"= {out}") == 1 and "28 − 4" in note
    assert not any("f − 1 =" in c.value for c in at.caption)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_shapes_are_written_and_labelled_channels_first(lang):
    at = _page(lang)
    assert at.metric[0].label.endswith("(C×H×W)") and at.metric[0].value == "10×32×32"
    assert any("3×32×32" in m.value and "10×32×32" in m.value and "C×H×W" in m.value for m in at.markdown)


def test_an_alexnet_sized_input_is_drawn_without_a_hover_text_per_cell():
    from cnnlab.figures.conv_arithmetic import HOVER_TEXT_MAX, sliding_window_figure

    small = sliding_window_figure(conv2d(32, 3, 10, 5, 1, 2), 0, 0).to_dict()["data"][0]
    big = sliding_window_figure(conv2d(227, 3, 96, 11, 4, 0), 3, 5)
    heat = big.to_dict()["data"][0]
    assert len(small["text"]) == 36 and "text" not in heat and "%{y}" in heat["hovertemplate"]
    assert 227 > HOVER_TEXT_MAX and big.data[0].z.shape == (227, 227)
    assert len(big.to_json()) < 400_000                       # a slider move does not ship a megabyte
