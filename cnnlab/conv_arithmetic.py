"""Lesson 1 — convolution arithmetic: what the page explains around one conv or pooling layer.

Every count comes from ``cnnlab.arithmetic``; this module only arranges it for a student: why a setting is
impossible (translation keys + values), the receptive field of stacked copies, cells no window reads, the same
layer at stride 1.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction

from cnnlab.arithmetic import (ConvArithmetic, PoolArithmetic, conv2d, dilated_span, receptive_field,
                               same_padding)

__all__ = ["Problem", "conv_problem", "pool_problem", "RFStep", "rf_steps", "unread_cells", "stride_one",
           "exact_size", "exact_size_formula", "NoPadding", "no_padding", "NOTE_EXAMPLES", "note_layer"]


@dataclass(frozen=True)
class Problem:
    """Why a layer is impossible, as translation keys + their values (``t(key, **fmt)``)."""

    key: str
    fix_key: str
    fmt: dict = field(default_factory=dict)


def _too_big(n: int, k: int, p: int, d: int) -> Problem:
    span, padded = dilated_span(k, d), n + 2 * p
    return Problem(
        "conv_arithmetic.err_too_big",
        "conv_arithmetic.fix_too_big" if d == 1 else "conv_arithmetic.fix_too_big_dilated",
        {"span": str(span), "n": n, "p": p, "padded": padded, "need": math.ceil((span - n) / 2),
         "max_k": max(1, (padded - 1) // d + 1), "min_n": max(1, span - 2 * p), "k": k, "d": d},
    )


def conv_problem(n: int, k: int, s: int, padding: int | str, d: int = 1) -> Problem | None:
    """The reason ``conv2d`` refuses these settings (square input/kernel), or None if it accepts them."""
    if padding == "same":
        if s != 1:
            return Problem("conv_arithmetic.err_same_stride", "conv_arithmetic.fix_same_stride",
                           {"s": s, "p": same_padding(k, d)[0]})
        return None
    p = 0 if padding == "valid" else int(padding)
    if dilated_span(k, d) > n + 2 * p:
        return _too_big(n, k, p, d)
    return None


def pool_problem(n: int, k: int, s: int, p: int) -> Problem | None:
    """The reason ``pool2d`` refuses these settings, or None."""
    if k > n + 2 * p:
        return _too_big(n, k, p, 1)
    return None


@dataclass(frozen=True)
class RFStep:
    """The receptive field after ``layers`` stacked copies of one layer, with its worked step."""

    layers: int
    rf: int
    jump: int        # after this layer: jump_in · stride
    formula: str     # "1 + (5 − 1)·1 = 5": rf before + (span − 1)·jump_in
    jump_in: int = 1  # before this layer: the product of the strides below it, the jump the formula uses


def rf_steps(kernel: int, stride: int, dilation: int = 1, layers: int = 3) -> list[RFStep]:
    """1…``layers`` copies of one layer, from ``receptive_field`` (rf += (span − 1)·jump; jump *= stride)."""
    rows, prev_rf, prev_jump = [], 1, 1
    span = dilated_span(kernel, dilation)
    for i, (rf, jump) in enumerate(receptive_field([(kernel, stride, dilation)] * layers), start=1):
        rows.append(RFStep(i, rf, jump, f"{prev_rf} + ({span} − 1)·{prev_jump} = {rf}", prev_jump))
        prev_rf, prev_jump = rf, jump
    return rows


def unread_cells(layer: ConvArithmetic | PoolArithmetic) -> int:
    """Cells at the end of a padded row that no window reaches (when (n + 2p − span) is not a multiple of s)."""
    return layer.padded_input[0] - ((layer.out_h - 1) * layer.stride[0] + layer.effective_kernel[0])


def stride_one(layer: ConvArithmetic) -> ConvArithmetic:
    """The same convolution at stride 1 (same padding numbers): what a larger stride saves."""
    return conv2d((layer.in_h, layer.in_w), layer.in_channels, layer.out_channels, layer.kernel, 1, layer.padding,
                  layer.dilation, layer.groups, layer.bias)


def exact_size(layer: ConvArithmetic | PoolArithmetic) -> Fraction:
    """(n + 2p − span) / s + 1 before rounding down (height): a whole number exactly when the windows fit evenly."""
    return Fraction(layer.padded_input[0] - layer.effective_kernel[0], layer.stride[0]) + 1


def exact_size_formula(layer: ConvArithmetic | PoolArithmetic) -> str:
    """``(224 − 11) / 4 + 1 = 54.25``: the size rule without the rounding down (the notes' AlexNet slip)."""
    value = exact_size(layer)
    lhs = layer.size_formula("h").replace("⌊", "").replace("⌋", "").rsplit(" = ", 1)[0]
    text = str(value.numerator) if value.denominator == 1 else f"{float(value):.4f}".rstrip("0")
    return f"{lhs} = {text}"


@dataclass(frozen=True)
class NoPadding:
    """What a convolution without padding does to the side length (height), from its own settings."""

    n: int
    out: int
    span: int
    stride: int
    dilation: int
    kernel: int

    @property
    def trim(self) -> int:
        """Cells lost at stride 1: the dilated span minus one, d·(f − 1)."""
        return self.span - 1


def no_padding(layer: ConvArithmetic) -> NoPadding:
    """The no-padding facts of ``layer`` (its height axis)."""
    return NoPadding(layer.in_h, layer.out_h, layer.effective_kernel[0], layer.stride[0], layer.dilation[0],
                     layer.kernel[0])


# The notes' two arithmetic slips, as slider settings (the page's URL keys) that load them:
# AlexNet's first layer at 224 (not a whole number) vs 227 (55); VGG's 3×3 with padding 1 (224) vs the notes' 2 (226).
NOTE_EXAMPLES: dict[str, dict[str, int | str]] = {
    "alexnet_224": dict(n=224, c=3, k=11, s=4, pad="number", p=0, d=1, f=96),
    "alexnet_227": dict(n=227, c=3, k=11, s=4, pad="number", p=0, d=1, f=96),
    "vgg_p1": dict(n=224, c=3, k=3, s=1, pad="number", p=1, d=1, f=64),
    "vgg_p2": dict(n=224, c=3, k=3, s=1, pad="number", p=2, d=1, f=64),
}


def note_layer(name: str) -> ConvArithmetic:
    """The convolution of one ``NOTE_EXAMPLES`` entry."""
    e = NOTE_EXAMPLES[name]
    return conv2d(int(e["n"]), int(e["c"]), int(e["f"]), int(e["k"]), int(e["s"]), int(e["p"]), int(e["d"]))
