"""cnnlab.arithmetic against PyTorch itself (property tests) and against the lessons' numbers."""
from __future__ import annotations

import warnings

import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st
from torch import nn

from cnnlab.arithmetic import (
    LayerError, bottleneck_cost, conv2d, conv_vs_fc, dilated_span, factorize_cost, fmt_int, fmt_shape, linear,
    output_size, pool2d, receptive_field, receptive_field_step, resolve_padding, sliding_windows,
)

small = st.integers(1, 12)
pairs = st.one_of(st.integers(1, 5), st.tuples(st.integers(1, 5), st.integers(1, 5)))


def _torch_conv(in_hw, in_ch, out_ch, kernel, stride, padding, dilation, groups, bias):
    """Output shape and params from torch, or the exception torch raises."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # even kernels with "same" warn about a padded copy
        layer = nn.Conv2d(in_ch, out_ch, kernel, stride, padding, dilation, groups, bias)
        out = layer(torch.zeros(1, in_ch, *in_hw))
    return layer, out


@settings(max_examples=200)
@given(
    in_hw=st.tuples(small, small), in_ch=st.integers(1, 6), out_ch=st.integers(1, 6), kernel=pairs,
    stride=st.one_of(st.integers(1, 3), st.tuples(st.integers(1, 3), st.integers(1, 3))),
    padding=st.one_of(st.integers(0, 3), st.tuples(st.integers(0, 3), st.integers(0, 3)),
                      st.sampled_from(["same", "valid"])),
    dilation=st.one_of(st.integers(1, 3), st.tuples(st.integers(1, 3), st.integers(1, 3))),
    groups=st.integers(1, 3), bias=st.booleans(),
)
def test_conv_shape_params_and_macs_match_torch_and_impossible_configs_are_exactly_torchs(
        in_hw, in_ch, out_ch, kernel, stride, padding, dilation, groups, bias):
    try:
        layer, out = _torch_conv(in_hw, in_ch, out_ch, kernel, stride, padding, dilation, groups, bias)
    except (RuntimeError, ValueError):
        with pytest.raises(LayerError):
            conv2d(in_hw, in_ch, out_ch, kernel, stride, padding, dilation, groups, bias)
        return
    a = conv2d(in_hw, in_ch, out_ch, kernel, stride, padding, dilation, groups, bias)
    assert a.output_shape == tuple(out.shape[1:])
    assert a.params == sum(p.numel() for p in layer.parameters())
    kh, kw = layer.kernel_size
    assert a.macs == out.numel() * layer.weight.shape[1] * kh * kw


@settings(max_examples=200)
@given(
    in_hw=st.tuples(st.integers(1, 10), st.integers(1, 10)), mode=st.sampled_from(["max", "avg"]),
    kernel=st.one_of(st.integers(1, 4), st.tuples(st.integers(1, 4), st.integers(1, 4))),
    stride=st.one_of(st.none(), st.integers(1, 3), st.tuples(st.integers(1, 3), st.integers(1, 3))),
    padding=st.one_of(st.integers(0, 3), st.tuples(st.integers(0, 3), st.integers(0, 3))),
    dilation=st.integers(1, 3), ceil_mode=st.booleans(),
)
def test_pool_shape_matches_torch_including_ceil_mode_and_rejections(in_hw, mode, kernel, stride, padding,
                                                                     dilation, ceil_mode):
    if mode == "avg":
        dilation = 1  # nn.AvgPool2d has no dilation
        layer = nn.AvgPool2d(kernel, stride, padding, ceil_mode)
    else:
        layer = nn.MaxPool2d(kernel, stride, padding, dilation, ceil_mode=ceil_mode)
    try:
        out = layer(torch.zeros(1, 2, *in_hw))
    except (RuntimeError, ValueError):
        with pytest.raises(LayerError):
            pool2d(in_hw, 2, kernel, stride, padding, dilation, ceil_mode, mode)
        return
    a = pool2d(in_hw, 2, kernel, stride, padding, dilation, ceil_mode, mode)
    assert a.output_shape == tuple(out.shape[1:])
    assert a.params == sum(p.numel() for p in layer.parameters()) == 0
    assert a.macs == 0


@settings(max_examples=100)
@given(n=st.integers(1, 12), kernel=st.integers(1, 5), stride=st.integers(1, 3), padding=st.integers(0, 2),
       dilation=st.integers(1, 2), ceil_mode=st.booleans())
def test_output_size_is_torchs_one_dimensional_rule(n, kernel, stride, padding, dilation, ceil_mode):
    layer = nn.MaxPool1d(kernel, stride, padding, dilation, ceil_mode=ceil_mode)
    try:
        expected = layer(torch.zeros(1, 1, n)).shape[-1]
    except RuntimeError:
        if padding > kernel // 2:
            return  # torch's pooling-only padding rule; output_size is the bare size formula
        with pytest.raises(LayerError):
            output_size(n, kernel, stride, padding, dilation, ceil_mode)
        return
    assert output_size(n, kernel, stride, padding, dilation, ceil_mode) == expected


@settings(max_examples=60)
@given(kernel=pairs, dilation=st.one_of(st.integers(1, 3), st.tuples(st.integers(1, 3), st.integers(1, 3))),
       hw=st.tuples(st.integers(1, 9), st.integers(1, 9)))
def test_same_padding_puts_the_extra_row_and_column_at_the_bottom_right_like_torch(kernel, dilation, hw):
    a = conv2d(hw, 1, 1, kernel, padding="same", dilation=dilation)
    assert (a.out_h, a.out_w) == hw
    torch.manual_seed(0)
    x = torch.randn(1, 1, *hw)
    w = torch.randn(1, 1, *a.kernel)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected = F.conv2d(x, w, padding="same", dilation=a.dilation)
    (pt, pl), (eb, er) = a.padding, a.padding_extra
    padded = F.pad(x, (pl, pl + er, pt, pt + eb))  # F.pad order: left, right, top, bottom
    assert torch.allclose(F.conv2d(padded, w, dilation=a.dilation), expected)
    assert resolve_padding("same", kernel, 1, dilation) == a.padding


@settings(max_examples=60)
@given(stack=st.lists(st.tuples(st.integers(1, 4), st.integers(1, 2), st.integers(1, 2)), min_size=1, max_size=4))
def test_receptive_field_and_jump_match_the_gradient_footprint_in_torch(stack):
    expected_rf = []
    for depth in range(1, len(stack) + 1):
        layers = [nn.Conv2d(1, 1, (k, 1), (s, 1), dilation=(d, 1), bias=False) for k, s, d in stack[:depth]]
        for layer in layers:
            nn.init.ones_(layer.weight)  # positive weights: every input the output sees gets a nonzero gradient
        net = nn.Sequential(*layers)
        x = torch.zeros(1, 1, 200, 1, requires_grad=True)
        out = net(x)
        out[0, 0, 0, 0].backward()
        seen = x.grad[0, 0, :, 0].nonzero().flatten()
        rf = int(seen.max() - seen.min() + 1)
        x.grad = None
        out = net(x)
        out[0, 0, 1, 0].backward()  # the next output position: its window moves by the jump
        jump = int(x.grad[0, 0, :, 0].nonzero().min() - seen.min())
        expected_rf.append((rf, jump))
    assert receptive_field(stack) == expected_rf


# --- the lessons' numbers ---

def test_lesson_conv_5x5_pad2_on_32x32x3_gives_32x32x10_and_760_params():
    a = conv2d(32, 3, 10, 5, padding=2)
    assert a.output_shape == (10, 32, 32)
    assert a.params == 760
    assert a.size_formula() == "(32 + 2·2 − 5) / 1 + 1 = 32"
    assert a.params_formula() == "(5·5·3 + 1)·10 = 760"
    assert a.macs_formula() == "32·32·10 · 5·5·3 = 768,000"


def test_lesson_fully_connected_equivalent_has_31_467_520_params():
    cmp = conv_vs_fc((3, 32, 32), 10, 5)
    assert cmp.conv.params == 760
    assert cmp.fc.params == 31_467_520
    assert cmp.fc_formula() == "(32·32·3 + 1)·(32·32·10) = 31,467,520"
    assert cmp.fc.params == sum(p.numel() for p in nn.Linear(3072, 10240, device="meta").parameters())


def test_lesson_bottleneck_cuts_120_422_400_to_12_443_648():
    cost = bottleneck_cost(28, 28, 192, 32, 5, 16)
    assert cost.direct_macs == 120_422_400
    assert (cost.reduce_macs, cost.conv_macs, cost.total_macs) == (2_408_448, 10_035_200, 12_443_648)
    assert cost.direct_formula() == "28·28·32 · 5·5·192 = 120,422,400"
    assert cost.reduce_formula() == "28·28·16 · 192 = 2,408,448"
    assert cost.conv_formula() == "28·28·32 · 5·5·16 = 10,035,200"
    assert cost.total_formula() == "2,408,448 + 10,035,200 = 12,443,648"
    assert 0.1 < cost.ratio < 0.11  # "about a tenth"
    assert bottleneck_cost(bottleneck=None).total_macs == 120_422_400


def test_lesson_inception_branches_concatenate_to_256_channels_on_28x28():
    branches = [
        conv2d(28, 192, 64, 1),
        conv2d(28, 96, 128, 3, padding="same"),
        conv2d(28, 16, 32, 5, padding="same"),
        conv2d(pool2d(28, 192, 3, 1, 1).output_shape[1:], 192, 32, 1),
    ]
    assert {b.output_shape[1:] for b in branches} == {(28, 28)}
    assert sum(b.out_channels for b in branches) == 256
    x = torch.zeros(1, 192, 28, 28)
    torch_branches = [nn.Conv2d(192, 64, 1), nn.Sequential(nn.Conv2d(192, 96, 1), nn.Conv2d(96, 128, 3, padding=1)),
                      nn.Sequential(nn.Conv2d(192, 16, 1), nn.Conv2d(16, 32, 5, padding=2)),
                      nn.Sequential(nn.MaxPool2d(3, 1, 1), nn.Conv2d(192, 32, 1))]
    assert torch.cat([b(x) for b in torch_branches], 1).shape[1] == 256


def test_lesson_alexnet_224_does_not_divide_but_227_gives_55():
    a224, a227 = conv2d(224, 3, 96, 11, 4), conv2d(227, 3, 96, 11, 4)
    assert a224.size_formula() == "⌊(224 − 11) / 4⌋ + 1 = 54"
    assert a227.size_formula() == "(227 − 11) / 4 + 1 = 55"
    assert nn.Conv2d(3, 96, 11, 4)(torch.zeros(1, 3, 224, 224)).shape[-1] == a224.out_h == 54
    assert conv2d(224, 3, 96, 11, 4, padding=2).out_h == 55


def test_lesson_vgg_3x3_padding_1_keeps_size_and_padding_2_grows_by_2():
    for n in (224, 112, 28, 7):
        assert conv2d(n, 64, 64, 3, padding=1).out_h == n
        assert conv2d(n, 64, 64, 3, padding=2).out_h == n + 2


def test_lesson_vgg_first_fc_layer_has_102_764_544_params():
    fc = linear(25_088, 4_096)
    assert fc.params == 102_764_544
    assert fc.params_formula() == "(25,088 + 1)·4,096 = 102,764,544"
    assert fc.macs_formula() == "25,088·4,096 = 102,760,448"


def test_lesson_two_stacked_3x3_see_5x5_with_18c2_instead_of_25c2_weights():
    c = 64
    f = factorize_cost(c)
    assert (f.single_rf, f.stacked_rf) == (5, 5)
    assert (f.single_params, f.stacked_params) == (25 * c * c, 18 * c * c)
    assert f.symbolic() == ("25C²", "18C²")
    assert f.single_params == sum(p.numel() for p in nn.Conv2d(c, c, 5, bias=False).parameters())
    assert f.stacked_params_formula() == "2·3·3·64·64 = 73,728"
    with_bias = factorize_cost(c, bias=True)
    assert with_bias.stacked_params == 18 * c * c + 2 * c
    assert with_bias.single_params == 25 * c * c + c


def test_lenet_valid_conv_and_pooling_shapes():
    c1 = conv2d(32, 1, 6, 5)
    p1 = pool2d(c1.output_shape[1:], 6, 2, mode="avg")
    c2 = conv2d(p1.output_shape[1:], 6, 16, 5)
    p2 = pool2d(c2.output_shape[1:], 16, 2, mode="avg")
    assert [c1.output_shape, p1.output_shape, c2.output_shape, p2.output_shape] == [
        (6, 28, 28), (6, 14, 14), (16, 10, 10), (16, 5, 5)]
    assert c1.size_formula() == "(32 − 5) / 1 + 1 = 28"
    assert p1.size_formula() == "(28 − 2) / 2 + 1 = 14"


# --- errors a student can act on ---

def test_layer_error_names_the_layer_and_says_what_to_change():
    with pytest.raises(LayerError) as info:
        conv2d(4, 8, 16, 7, layer="layer 2 (conv 16 k=7)")
    assert str(info.value) == ("layer 2 (conv 16 k=7): kernel 7 is larger than the padded input 4×4 "
                               "— lower k or add padding")
    assert info.value.message.startswith("kernel 7")
    assert isinstance(info.value, ValueError)


def test_same_padding_with_stride_2_says_to_use_stride_1_or_a_number():
    with pytest.raises(LayerError, match=r"stride 1.*s=1.*p=2 for k=5"):
        conv2d(28, 3, 8, 5, stride=2, padding="same")


def test_groups_that_do_not_divide_channels_are_rejected_with_a_fix():
    with pytest.raises(LayerError, match="divisible by groups 4"):
        conv2d(8, 6, 8, 3, groups=4)


def test_pool_padding_more_than_half_the_kernel_is_rejected():
    with pytest.raises(LayerError, match="more than half the kernel"):
        pool2d(8, 3, 3, 1, padding=2)


@pytest.mark.parametrize("bad", [dict(kernel=0), dict(stride=0), dict(dilation=0), dict(padding=-1),
                                 dict(padding="full"), dict(groups=0), dict(out_channels=0)])
def test_non_positive_or_unknown_settings_raise_layer_error(bad):
    args = dict(in_size=8, in_channels=4, out_channels=4) | bad
    with pytest.raises(LayerError):
        conv2d(**args)


# --- formatting ---

@settings(max_examples=40)
@given(kernel=st.integers(1, 6), dilation=st.integers(1, 4))
def test_dilated_span_is_the_smallest_input_the_kernel_fits_in_torch(kernel, dilation):
    span = dilated_span(kernel, dilation)
    conv = nn.Conv1d(1, 1, kernel, dilation=dilation)
    assert conv(torch.zeros(1, 1, span)).shape[-1] == 1
    with pytest.raises(RuntimeError):
        conv(torch.zeros(1, 1, span - 1))
    assert sliding_windows(span - 1, kernel, dilation=dilation) == (0, False)


def test_receptive_field_step_is_one_row_of_receptive_field():
    steps = receptive_field([(3, 2, 1), (3, 1, 2)])
    assert receptive_field_step(1, 1, 3, 2, 1) == steps[0] == (3, 2)
    assert receptive_field_step(*steps[0], 3, 1, 2) == steps[1] == (3 + (5 - 1) * 2, 2)


def test_fmt_shape_writes_channels_first_with_a_times_sign():
    assert fmt_shape((64, 56, 56)) == "64×56×56" and fmt_shape([10]) == "10" and fmt_shape(()) == "–"


def test_fmt_int_uses_thousands_separators_and_a_real_minus():
    assert fmt_int(31467520) == "31,467,520"
    assert fmt_int(-3) == "−3"


def test_ceil_mode_formula_shows_ceiling_and_the_dropped_last_window():
    # 5 + 2·1 − 2 = 5, ⌈5/2⌉ + 1 = 4, but the 4th window would start at 6 ≥ 5 + 1: torch drops it
    p = pool2d(5, 1, 2, 2, padding=1, ceil_mode=True)
    assert nn.MaxPool2d(2, 2, 1, ceil_mode=True)(torch.zeros(1, 1, 5, 5)).shape[-1] == p.out_h == 3
    assert p.dropped_last == (True, True)
    assert p.size_formula() == "⌈(5 + 2·1 − 2) / 2⌉ + 1 − 1 = 3"
    assert pool2d(112, 64, 3, 2, ceil_mode=True).size_formula() == "⌈(112 − 3) / 2⌉ + 1 = 56"


def test_dilation_formula_shows_the_effective_kernel():
    a = conv2d(32, 3, 8, 3, padding=1, dilation=2)
    assert a.kernel_formula() == "2·(3 − 1) + 1 = 5"
    assert a.size_formula() == "(32 + 2·1 − 5) / 1 + 1 = 30"


def test_grouped_conv_formulas_show_channels_per_group():
    a = conv2d(8, 32, 64, 3, padding=1, groups=4)
    assert a.params_formula() == "(3·3·(32/4) + 1)·64 = 4,672"
    assert a.params == sum(p.numel() for p in nn.Conv2d(32, 64, 3, padding=1, groups=4).parameters())


def test_even_kernel_same_padding_shows_both_sides():
    a = conv2d(32, 3, 8, 4, padding="same")
    assert (a.padding, a.padding_extra) == ((1, 1), (1, 1))
    assert a.size_formula() == "(32 + 1 + 2 − 4) / 1 + 1 = 32"
