"""Layer arithmetic with its worked formulas: output sizes, parameters, MACs, receptive fields.

Every rule here is PyTorch's own (checked against torch by property tests), including its quirks:
- conv output ``⌊(n + 2p − k_eff) / s⌋ + 1`` with ``k_eff = d·(k − 1) + 1``; the padded input must hold one kernel.
- ``padding="same"`` needs stride 1. Torch pads ``d·(k − 1)`` in total, ``⌊total/2⌋`` on the top/left and the rest
  on the bottom/right, so an even kernel gets one extra row/column at the bottom/right. ``resolve_padding`` reports
  the top/left amount; ``ConvArithmetic.padding_extra`` holds the extra bottom/right one.
- pooling padding may be at most half the kernel; with ``ceil_mode`` the size is rounded up, but a last window that
  would start in the right padding is dropped.

Conventions: 1 MAC = one multiply-add; MACs are counted for conv and linear layers (not for bias, pooling,
activations); FLOPs ≈ 2 × MACs. Parameters are learnable weights and biases.
Formulas use the middle dot ``·``, a real minus ``−`` and thousands separators, e.g. ``(5·5·3 + 1)·10 = 760``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from cnnlab.errors import LayerError, Where, term

Place = Where | str | None   # where a LayerError happened (see cnnlab.errors)
Size = int | tuple[int, int]
Padding = int | tuple[int, int] | str  # int, (ph, pw), "same" or "valid"

__all__ = [
    "LayerError", "Where", "Place", "Size", "Padding", "fmt_int", "fmt_shape", "dilated_span", "sliding_windows", "output_size",
    "resolve_padding", "same_padding", "receptive_field_step",
    "ConvArithmetic", "conv2d", "PoolArithmetic", "pool2d", "LinearArithmetic", "linear",
    "receptive_field", "adaptive_windows", "adaptive_window", "BottleneckCost", "bottleneck_cost", "FactorizeCost", "factorize_cost",
    "ConvVsFC", "conv_vs_fc",
]


def fmt_int(n: int) -> str:
    """An integer with thousands separators and a real minus sign: ``31,467,520``, ``−3``."""
    return f"{n:,}".replace("-", "−")


def fmt_shape(shape: Sequence[int] | None) -> str:
    """``(64, 56, 56)`` → ``"64×56×56"`` (channels first, as PyTorch stores it); ``"–"`` for no shape."""
    if not shape:
        return "–"
    return "×".join(str(int(v)) for v in shape)


def _pair(value: Size, what: str, layer: Place) -> tuple[int, int]:
    if isinstance(value, bool):
        raise LayerError("not_whole", layer, what=term(what), value=repr(value))
    if isinstance(value, int):
        return value, value
    if isinstance(value, (tuple, list)) and len(value) == 2 and all(
        isinstance(v, int) and not isinstance(v, bool) for v in value
    ):
        return int(value[0]), int(value[1])
    raise LayerError("not_size", layer, what=term(what), value=repr(value))


def _positive(pair: tuple[int, int], what: str, layer: Place, opt: str | None) -> tuple[int, int]:
    """``pair`` if both are ≥ 1; ``what`` is a glossary concept, ``opt`` the spec option that sets it."""
    if min(pair) < 1:
        if opt is None:
            raise LayerError("input_below_one", layer, got=_hw(pair))
        raise LayerError("below_one", layer, what=term(what), got=_hw(pair), opt=opt)
    return pair


def _hw(pair: tuple[int, int]) -> str:
    """``5`` for a square pair, ``5×3`` otherwise."""
    return str(pair[0]) if pair[0] == pair[1] else f"{pair[0]}×{pair[1]}"


def dilated_span(kernel: int, dilation: int = 1) -> int:
    """Cells one kernel covers: ``d·(k − 1) + 1`` (a 3×3 kernel with dilation 2 spans 5)."""
    return dilation * (kernel - 1) + 1


def sliding_windows(n: int, kernel: int, stride: int = 1, padding: int = 0, dilation: int = 1,
                    ceil_mode: bool = False, *, pad_after: int | None = None) -> tuple[int, bool]:
    """(window positions, dropped) along one axis by torch's rule, unchecked: the count is < 1 when none fits.

    ``⌊(n + 2p − span) / s⌋ + 1`` with ``span = d·(k − 1) + 1`` (``pad_after`` replaces the second p when the
    padding is uneven). ``ceil_mode`` rounds up, but its last window is dropped (``dropped``) when it would start
    in the right padding. Python's ``//`` floors toward −∞, exactly like torch.
    """
    pad_r = padding if pad_after is None else pad_after
    span = n + padding + pad_r - dilated_span(kernel, dilation)
    if not ceil_mode:
        return span // stride + 1, False
    out = (span + stride - 1) // stride + 1
    dropped = (out - 1) * stride >= n + padding
    return out - dropped, dropped


def output_size(n: int, kernel: int, stride: int = 1, padding: int = 0, dilation: int = 1,
                ceil_mode: bool = False, *, layer: Place = None) -> int:
    """One spatial output size by torch's rule (symmetric padding), including the ceil_mode quirk."""
    return _output_size_lr(n, kernel, stride, padding, padding, dilation, ceil_mode, layer)[0]


def _output_size_lr(n: int, kernel: int, stride: int, pad_l: int, pad_r: int, dilation: int,
                    ceil_mode: bool, layer: Place) -> tuple[int, bool]:
    """(size, dropped) where ``dropped`` says ceil_mode's last window was removed."""
    if n < 1:
        raise LayerError("input_below_one", layer, got=n)
    if kernel < 1 or stride < 1 or dilation < 1:
        raise LayerError("settings_below_one", layer)
    if pad_l < 0 or pad_r < 0:
        raise LayerError("negative_padding", layer, got=min(pad_l, pad_r))
    out, dropped = sliding_windows(n, kernel, stride, pad_l, dilation, ceil_mode, pad_after=pad_r)
    if out < 1:
        raise _kernel_too_big((kernel, kernel), (dilation, dilation), n + pad_l + pad_r, layer)
    return out, dropped


def _kernel_too_big(kernel: tuple[int, int], dilation: tuple[int, int], padded: int | tuple[int, int],
                    layer: Place) -> LayerError:
    """The window does not fit the padded input even once (one axis: ints; a layer: (h, w) pairs)."""
    shown = padded if isinstance(padded, int) else f"{padded[0]}×{padded[1]}"
    if dilation == (1, 1):
        return LayerError("kernel_too_big", layer, kernel=_hw(kernel), padded=shown)
    span = (dilated_span(kernel[0], dilation[0]), dilated_span(kernel[1], dilation[1]))
    return LayerError("dilated_kernel_too_big", layer, kernel=_hw(kernel), dilation=_hw(dilation), span=_hw(span),
                      padded=shown)


def same_padding(kernel: int, dilation: int = 1) -> tuple[int, int]:
    """Torch's (before, after) padding for "same" at stride 1: the extra one goes after (bottom/right)."""
    total = dilated_span(kernel, dilation) - 1
    return total // 2, total - total // 2


def resolve_padding(padding: Padding, kernel: Size, stride: Size = 1, dilation: Size = 1, *,
                    layer: Place = None) -> tuple[int, int]:
    """(ph, pw) for an int, a pair, "valid" or "same" (top/left amount; even kernels get one more at the end)."""
    if isinstance(padding, str):
        mode = padding.lower()
        if mode == "valid":
            return 0, 0
        if mode != "same":
            raise LayerError("bad_padding", layer, value=repr(padding))
        kh, kw = _pair(kernel, "kernel", layer)
        sh, sw = _pair(stride, "stride", layer)
        dh, dw = _pair(dilation, "dilation", layer)
        if (sh, sw) != (1, 1):
            ph, pw = same_padding(kh, dh)[0], same_padding(kw, dw)[0]
            raise LayerError("same_needs_stride_1", layer, stride=_hw((sh, sw)), p=_hw((ph, pw)), k=_hw((kh, kw)))
        return same_padding(kh, dh)[0], same_padding(kw, dw)[0]
    ph, pw = _pair(padding, "padding", layer)
    if min(ph, pw) < 0:
        raise LayerError("negative_padding", layer, got=_hw((ph, pw)))
    return ph, pw


def _size_formula(n: int, k_eff: int, s: int, pad_l: int, pad_r: int, out: int,
                  ceil_mode: bool = False, dropped: bool = False) -> str:
    if pad_l == pad_r == 0:
        pad = ""
    elif pad_l == pad_r:
        pad = f" + 2·{pad_l}"
    else:
        pad = f" + {pad_l} + {pad_r}"
    span = n + pad_l + pad_r - k_eff
    frac = f"({fmt_int(n)}{pad} − {fmt_int(k_eff)}) / {s}"
    if span % s:
        frac = f"⌈{frac}⌉" if ceil_mode else f"⌊{frac}⌋"
    return f"{frac} + 1{' − 1' if dropped else ''} = {fmt_int(out)}"


def _ch_over_groups(channels: int, groups: int) -> str:
    return fmt_int(channels) if groups == 1 else f"({fmt_int(channels)}/{groups})"


class _Window:
    """What a conv and a pooling layer share: a kernel window sliding over a padded input."""

    in_h: int
    in_w: int
    kernel: tuple[int, int]
    padding: tuple[int, int]          # top/left padding
    dilation: tuple[int, int]
    padding_extra: tuple[int, int]    # extra bottom/right padding

    @property
    def padded_input(self) -> tuple[int, int]:
        """(H, W) of the input with its padding, the extra bottom/right row and column included."""
        return _padded_hw((self.in_h, self.in_w), self.padding, self.padding_extra)

    @property
    def effective_kernel(self) -> tuple[int, int]:
        """The cells the window spans along H and W: ``d·(k − 1) + 1``."""
        return (dilated_span(self.kernel[0], self.dilation[0]), dilated_span(self.kernel[1], self.dilation[1]))

    def _axis(self, axis: str) -> int:
        if axis not in ("h", "w"):
            raise ValueError("axis must be 'h' or 'w'")
        return 0 if axis == "h" else 1


def _padded_hw(hw: tuple[int, int], padding: tuple[int, int], extra: tuple[int, int]) -> tuple[int, int]:
    """(H, W) with the padding on both sides and the extra bottom/right row and column."""
    return hw[0] + 2 * padding[0] + extra[0], hw[1] + 2 * padding[1] + extra[1]


@dataclass(frozen=True)
class ConvArithmetic(_Window):
    """Shapes, parameters and MACs of one nn.Conv2d, with worked formulas."""

    in_h: int
    in_w: int
    in_channels: int
    out_channels: int
    kernel: tuple[int, int]
    stride: tuple[int, int]
    padding: tuple[int, int]          # top/left padding
    dilation: tuple[int, int]
    groups: int
    bias: bool
    out_h: int
    out_w: int
    params: int
    macs: int
    padding_extra: tuple[int, int] = (0, 0)  # extra bottom/right padding ("same" with an even effective kernel)

    @property
    def output_shape(self) -> tuple[int, int, int]:
        return self.out_channels, self.out_h, self.out_w

    def size_formula(self, axis: str = "h") -> str:
        """``(32 + 2·2 − 5) / 1 + 1 = 32``; with dilation the effective kernel appears (see kernel_formula)."""
        i = self._axis(axis)
        n = (self.in_h, self.in_w)[i]
        out = (self.out_h, self.out_w)[i]
        p = self.padding[i]
        return _size_formula(n, self.effective_kernel[i], self.stride[i], p, p + self.padding_extra[i], out)

    def kernel_formula(self, axis: str = "h") -> str:
        """Effective kernel under dilation: ``2·(3 − 1) + 1 = 5`` (just ``3`` without dilation)."""
        i = self._axis(axis)
        k, d = self.kernel[i], self.dilation[i]
        return str(k) if d == 1 else f"{d}·({k} − 1) + 1 = {dilated_span(k, d)}"

    def params_formula(self) -> str:
        """``(5·5·3 + 1)·10 = 760`` (weights per filter, plus bias, times filters)."""
        kh, kw = self.kernel
        per = f"{kh}·{kw}·{_ch_over_groups(self.in_channels, self.groups)}"
        body = f"({per} + 1)·{fmt_int(self.out_channels)}" if self.bias else f"{per}·{fmt_int(self.out_channels)}"
        return f"{body} = {fmt_int(self.params)}"

    def macs_formula(self) -> str:
        """``32·32·10 · 5·5·3 = 768,000`` (output values times multiply-adds per value)."""
        kh, kw = self.kernel
        return (f"{fmt_int(self.out_h)}·{fmt_int(self.out_w)}·{fmt_int(self.out_channels)} · "
                f"{kh}·{kw}·{_ch_over_groups(self.in_channels, self.groups)} = {fmt_int(self.macs)}")


def conv2d(in_size: Size, in_channels: int, out_channels: int, kernel: Size = 3, stride: Size = 1,
           padding: Padding = 0, dilation: Size = 1, groups: int = 1, bias: bool = True,
           *, layer: Place = None) -> ConvArithmetic:
    """Everything about ``nn.Conv2d(in_channels, out_channels, kernel, stride, padding, dilation, groups, bias)``."""
    in_h, in_w = _positive(_pair(in_size, "errors.w_input_size", layer), "errors.w_input_size", layer, None)
    kh, kw = _positive(_pair(kernel, "kernel", layer), "kernel", layer, "k")
    sh, sw = _positive(_pair(stride, "stride", layer), "stride", layer, "s")
    dh, dw = _positive(_pair(dilation, "dilation", layer), "dilation", layer, "d")
    if in_channels < 1 or out_channels < 1:
        raise LayerError("conv_no_channels", layer)
    if groups < 1:
        raise LayerError("groups_below_one", layer, groups=groups)
    for name, ch in (("input", in_channels), ("output", out_channels)):
        if ch % groups:
            raise LayerError("groups_not_divisible", layer, which=term(f"errors.w_{name}"), channels=ch,
                             groups=groups, cin=in_channels, cout=out_channels)
    ph, pw = resolve_padding(padding, (kh, kw), (sh, sw), (dh, dw), layer=layer)
    extra = (0, 0)
    if isinstance(padding, str) and padding.lower() == "same":
        extra = (same_padding(kh, dh)[1] - ph, same_padding(kw, dw)[1] - pw)
    k_eff = (dilated_span(kh, dh), dilated_span(kw, dw))
    padded = _padded_hw((in_h, in_w), (ph, pw), extra)
    if padded[0] < k_eff[0] or padded[1] < k_eff[1]:
        raise _kernel_too_big((kh, kw), (dh, dw), padded, layer)
    out_h, _ = _output_size_lr(in_h, kh, sh, ph, ph + extra[0], dh, False, layer)
    out_w, _ = _output_size_lr(in_w, kw, sw, pw, pw + extra[1], dw, False, layer)
    per_out = (in_channels // groups) * kh * kw
    params = out_channels * per_out + (out_channels if bias else 0)
    macs = out_h * out_w * out_channels * per_out
    return ConvArithmetic(in_h, in_w, in_channels, out_channels, (kh, kw), (sh, sw), (ph, pw), (dh, dw),
                          groups, bool(bias), out_h, out_w, params, macs, extra)


@dataclass(frozen=True)
class PoolArithmetic(_Window):
    """Shapes of one max/avg pooling layer. Pooling has hyperparameters but no learnable parameters."""

    in_h: int
    in_w: int
    channels: int
    kernel: tuple[int, int]
    stride: tuple[int, int]
    padding: tuple[int, int]
    dilation: tuple[int, int]
    ceil_mode: bool
    mode: str
    out_h: int
    out_w: int
    dropped_last: tuple[bool, bool] = (False, False)  # ceil_mode dropped a window starting in the padding
    padding_extra: tuple[int, int] = (0, 0)           # pooling pads evenly: always (0, 0)

    params: int = 0
    macs: int = 0

    @property
    def output_shape(self) -> tuple[int, int, int]:
        return self.channels, self.out_h, self.out_w

    def size_formula(self, axis: str = "h") -> str:
        """``(28 − 2) / 2 + 1 = 14``; with ceil_mode ``⌈…⌉`` and a ``− 1`` when the last window is dropped."""
        i = self._axis(axis)
        n, out = (self.in_h, self.in_w)[i], (self.out_h, self.out_w)[i]
        p = self.padding[i]
        return _size_formula(n, self.effective_kernel[i], self.stride[i], p, p, out, self.ceil_mode,
                             self.dropped_last[i])


def pool2d(in_size: Size, channels: int, kernel: Size = 2, stride: Size | None = None, padding: Size = 0,
           dilation: Size = 1, ceil_mode: bool = False, mode: str = "max", *,
           layer: Place = None) -> PoolArithmetic:
    """Everything about ``nn.MaxPool2d``/``nn.AvgPool2d`` (stride defaults to the kernel, as in torch)."""
    if mode not in ("max", "avg"):
        raise LayerError("bad_pool_mode", layer, mode=repr(mode))
    in_h, in_w = _positive(_pair(in_size, "errors.w_input_size", layer), "errors.w_input_size", layer, None)
    kh, kw = _positive(_pair(kernel, "kernel", layer), "kernel", layer, "k")
    sh, sw = _positive(_pair(kernel if stride is None else stride, "stride", layer), "stride", layer, "s")
    dh, dw = _positive(_pair(dilation, "dilation", layer), "dilation", layer, "d")
    if mode == "avg" and (dh, dw) != (1, 1):
        raise LayerError("avg_pool_dilation", layer)
    if isinstance(padding, str):
        raise LayerError("pool_padding_not_number", layer, value=padding)
    ph, pw = _pair(padding, "padding", layer)
    if min(ph, pw) < 0:
        raise LayerError("negative_padding", layer, got=_hw((ph, pw)))
    if ph > kh // 2 or pw > kw // 2:
        raise LayerError("pool_padding_over_half", layer, padding=_hw((ph, pw)), kernel=_hw((kh, kw)),
                         max=_hw((kh // 2, kw // 2)))
    out_h, drop_h = _output_size_lr(in_h, kh, sh, ph, ph, dh, ceil_mode, layer)
    out_w, drop_w = _output_size_lr(in_w, kw, sw, pw, pw, dw, ceil_mode, layer)
    return PoolArithmetic(in_h, in_w, channels, (kh, kw), (sh, sw), (ph, pw), (dh, dw), bool(ceil_mode), mode,
                          out_h, out_w, (drop_h, drop_w))


@dataclass(frozen=True)
class LinearArithmetic:
    """Parameters and MACs of one nn.Linear."""

    in_features: int
    out_features: int
    bias: bool
    params: int
    macs: int

    def params_formula(self) -> str:
        """``(25,088 + 1)·4,096 = 102,764,544``."""
        i, o = fmt_int(self.in_features), fmt_int(self.out_features)
        body = f"({i} + 1)·{o}" if self.bias else f"{i}·{o}"
        return f"{body} = {fmt_int(self.params)}"

    def macs_formula(self) -> str:
        """``25,088·4,096 = 102,760,448``."""
        return f"{fmt_int(self.in_features)}·{fmt_int(self.out_features)} = {fmt_int(self.macs)}"


def linear(in_features: int, out_features: int, bias: bool = True) -> LinearArithmetic:
    """Everything about ``nn.Linear(in_features, out_features, bias)``."""
    if in_features < 1 or out_features < 1:
        raise LayerError("fc_no_features")
    macs = in_features * out_features
    return LinearArithmetic(in_features, out_features, bool(bias), macs + (out_features if bias else 0), macs)


def receptive_field_step(rf: int, jump: int, kernel: int, stride: int = 1, dilation: int = 1) -> tuple[int, int]:
    """(rf, jump) after one more window layer: ``rf + (span − 1)·jump``, ``jump·stride`` (unchecked)."""
    return rf + (dilated_span(kernel, dilation) - 1) * jump, jump * stride


def adaptive_windows(n: int, out: int) -> list[tuple[int, int]]:
    """(start, end) of each window when adaptive pooling maps ``n`` cells to ``out``: torch's
    ``⌊i·n/out⌋ … ⌈(i + 1)·n/out⌉`` (13 → 6: 0–3, 2–5, …, 10–13, AlexNet's overlapping 3×3/2 pool)."""
    return [((i * n) // out, -(-(i + 1) * n // out)) for i in range(out)]


def adaptive_window(n: int, out: int) -> tuple[int, int]:
    """(kernel, stride) adaptive pooling ``n`` → ``out`` amounts to at this input size: its widest window and its
    largest step between window starts — exactly a k/s pool when the windows are even (13 → 6 is 3, 2)."""
    windows = adaptive_windows(n, out)
    kernel = max(end - start for start, end in windows)
    stride = max((b[0] - a[0] for a, b in zip(windows, windows[1:])), default=1)
    return kernel, max(stride, 1)


def receptive_field(layers: Sequence[tuple[int, int, int]]) -> list[tuple[int, int]]:
    """(rf, jump) after each (kernel, stride, dilation) layer, starting from one input pixel (rf 1, jump 1)."""
    rf, jump, out = 1, 1, []
    for kernel, stride, dilation in layers:
        if kernel < 1 or stride < 1 or dilation < 1:
            raise LayerError("settings_below_one")
        rf, jump = receptive_field_step(rf, jump, kernel, stride, dilation)
        out.append((rf, jump))
    return out


@dataclass(frozen=True)
class BottleneckCost:
    """MACs of a k×k "same" conv with and without a 1×1 bottleneck in front (the Inception trick)."""

    h: int
    w: int
    in_channels: int
    out_channels: int
    kernel: int
    bottleneck: int | None
    reduce_macs: int   # the 1×1 conv in_channels → bottleneck (0 without bottleneck)
    conv_macs: int     # the k×k conv (from the bottleneck, or directly from in_channels)
    total_macs: int
    direct_macs: int   # the k×k conv straight from in_channels
    ratio: float       # total_macs / direct_macs: about 0.1 for the lesson's example
    reduce_params: int = 0
    conv_params: int = 0
    direct_params: int = 0

    def reduce_formula(self) -> str:
        """``28·28·16 · 192 = 2,408,448``."""
        if self.bottleneck is None:
            return "0"
        return (f"{fmt_int(self.h)}·{fmt_int(self.w)}·{fmt_int(self.bottleneck)} · {fmt_int(self.in_channels)}"
                f" = {fmt_int(self.reduce_macs)}")

    def conv_formula(self) -> str:
        """``28·28·32 · 5·5·16 = 10,035,200``."""
        src = self.in_channels if self.bottleneck is None else self.bottleneck
        return (f"{fmt_int(self.h)}·{fmt_int(self.w)}·{fmt_int(self.out_channels)} · "
                f"{self.kernel}·{self.kernel}·{fmt_int(src)} = {fmt_int(self.conv_macs)}")

    def direct_formula(self) -> str:
        """``28·28·32 · 5·5·192 = 120,422,400``."""
        return (f"{fmt_int(self.h)}·{fmt_int(self.w)}·{fmt_int(self.out_channels)} · "
                f"{self.kernel}·{self.kernel}·{fmt_int(self.in_channels)} = {fmt_int(self.direct_macs)}")

    def total_formula(self) -> str:
        """``2,408,448 + 10,035,200 = 12,443,648``."""
        if self.bottleneck is None:
            return fmt_int(self.total_macs)
        return f"{fmt_int(self.reduce_macs)} + {fmt_int(self.conv_macs)} = {fmt_int(self.total_macs)}"


def bottleneck_cost(h: int = 28, w: int = 28, in_channels: int = 192, out_channels: int = 32, kernel: int = 5,
                    bottleneck: int | None = 16) -> BottleneckCost:
    """Cost of the lesson's example: 120,422,400 MACs direct vs 2,408,448 + 10,035,200 with a 16-ch bottleneck."""
    if min(h, w, in_channels, out_channels, kernel) < 1 or (bottleneck is not None and bottleneck < 1):
        raise LayerError("sizes_below_one")
    direct = conv2d((h, w), in_channels, out_channels, kernel, padding="same")
    if bottleneck is None:
        reduce, conv = None, direct
    else:
        reduce = conv2d((h, w), in_channels, bottleneck, 1)
        conv = conv2d((h, w), bottleneck, out_channels, kernel, padding="same")
    reduce_macs, reduce_params = (reduce.macs, reduce.params) if reduce else (0, 0)
    total = reduce_macs + conv.macs
    return BottleneckCost(h, w, in_channels, out_channels, kernel, bottleneck, reduce_macs, conv.macs, total,
                          direct.macs, total / direct.macs, reduce_params, conv.params, direct.params)


@dataclass(frozen=True)
class FactorizeCost:
    """One k×k "same" conv C→C versus a stack of 3×3 convs with the same receptive field (VGG's argument)."""

    channels: int
    h: int
    w: int
    kernel: int
    n_stacked: int                 # (kernel − 1) / 2 stacked 3×3 layers
    bias: bool
    single: ConvArithmetic
    stacked: tuple[ConvArithmetic, ...]
    single_params: int
    stacked_params: int
    single_macs: int
    stacked_macs: int
    single_rf: int
    stacked_rf: int
    ratio: float                   # stacked_params / single_params: 18/25 = 0.72 for 5×5 without biases

    def single_params_formula(self) -> str:
        """``5·5·64·64 = 102,400`` (``+ 64`` with biases)."""
        c = fmt_int(self.channels)
        base = f"{self.kernel}·{self.kernel}·{c}·{c}"
        return f"{base}{f' + {c}' if self.bias else ''} = {fmt_int(self.single_params)}"

    def stacked_params_formula(self) -> str:
        """``2·3·3·64·64 = 73,728`` (``2·(3·3·64·64 + 64)`` with biases)."""
        c = fmt_int(self.channels)
        one = f"3·3·{c}·{c}"
        body = f"{self.n_stacked}·({one} + {c})" if self.bias else f"{self.n_stacked}·{one}"
        return f"{body} = {fmt_int(self.stacked_params)}"

    def stacked_rf_formula(self) -> str:
        """``1 + (3 − 1) + (3 − 1) = 5``: each stride-1 3×3 layer widens the receptive field by 2."""
        return "1" + " + (3 − 1)" * self.n_stacked + f" = {fmt_int(self.stacked_rf)}"

    def symbolic(self) -> tuple[str, str]:
        """Weights in terms of C, biases left out: ``("25C²", "18C²")``."""
        return f"{self.kernel * self.kernel}C²", f"{9 * self.n_stacked}C²"


def factorize_cost(channels: int, h: int = 28, w: int = 28, kernel: int = 5, bias: bool = False) -> FactorizeCost:
    """Compare one k×k conv with (k−1)/2 stacked 3×3 convs; biases are off by default, as in ``25C² vs 18C²``."""
    if kernel < 3 or kernel % 2 == 0:
        raise LayerError("factorize_kernel", kernel=kernel)
    single = conv2d((h, w), channels, channels, kernel, padding="same", bias=bias)
    n = (kernel - 1) // 2
    stacked = tuple(conv2d((h, w), channels, channels, 3, padding="same", bias=bias) for _ in range(n))
    single_rf = receptive_field([(kernel, 1, 1)])[-1][0]
    stacked_rf = receptive_field([(3, 1, 1)] * n)[-1][0]
    sp = sum(c.params for c in stacked)
    return FactorizeCost(channels, h, w, kernel, n, bool(bias), single, stacked, single.params, sp, single.macs,
                         sum(c.macs for c in stacked), single_rf, stacked_rf, sp / single.params)


@dataclass(frozen=True)
class ConvVsFC:
    """The same mapping C×H×W → C'×H'×W' as a conv layer and as a fully connected layer."""

    conv: ConvArithmetic
    fc: LinearArithmetic
    ratio: float  # fc.params / conv.params

    def fc_formula(self) -> str:
        """``(32·32·3 + 1)·(32·32·10) = 31,467,520``."""
        c = self.conv
        src = f"{fmt_int(c.in_h)}·{fmt_int(c.in_w)}·{fmt_int(c.in_channels)}"
        dst = f"{fmt_int(c.out_h)}·{fmt_int(c.out_w)}·{fmt_int(c.out_channels)}"
        body = f"({src} + 1)·({dst})" if self.fc.bias else f"({src})·({dst})"
        return f"{body} = {fmt_int(self.fc.params)}"


def conv_vs_fc(in_shape: tuple[int, int, int] = (3, 32, 32), out_channels: int = 10, kernel: Size = 5,
               stride: Size = 1, padding: Padding = "same", bias: bool = True, dilation: Size = 1) -> ConvVsFC:
    """Parameters of a conv layer vs a fully connected layer with the same (C, H, W) input and output shapes."""
    c, h, w = in_shape
    conv = conv2d((h, w), c, out_channels, kernel, stride, padding, dilation, bias=bias)
    fc = linear(c * h * w, conv.out_channels * conv.out_h * conv.out_w, bias)
    return ConvVsFC(conv, fc, fc.params / conv.params)
