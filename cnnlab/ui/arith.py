"""Lesson helpers for the arithmetic pages (conv arithmetic, 1×1 & Inception): explanations around cnnlab numbers.

Pure functions (no streamlit calls) so tests can check them directly; every count comes from
``cnnlab.arithmetic`` — this module only arranges it for a student.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from cnnlab.arithmetic import ConvArithmetic, PoolArithmetic, conv2d, fmt_int, pool2d, receptive_field, same_padding

__all__ = ["Problem", "conv_problem", "pool_problem", "rf_steps", "BranchCost", "InceptionCost", "inception_cost",
           "nin_demo", "NinDemo"]


@dataclass(frozen=True)
class Problem:
    """Why a layer is impossible, as translation keys + their values (``t(key, **fmt)``)."""

    key: str
    fix_key: str
    fmt: dict = field(default_factory=dict)


def _too_big(n: int, k: int, p: int, d: int, span: int) -> Problem:
    padded = n + 2 * p
    return Problem(
        "conv.err_too_big", "conv.fix_too_big" if d == 1 else "conv.fix_too_big_dilated",
        {"span": str(span), "n": n, "p": p, "padded": padded, "need": math.ceil((span - n) / 2),
         "max_k": max(1, (padded - 1) // d + 1), "min_n": max(1, span - 2 * p), "k": k, "d": d},
    )


def conv_problem(n: int, k: int, s: int, padding: int | str, d: int = 1) -> Problem | None:
    """The reason ``conv2d`` refuses these settings (square input/kernel), or None if it accepts them."""
    if padding == "same":
        if s != 1:
            return Problem("conv.err_same_stride", "conv.fix_same_stride", {"s": s, "p": same_padding(k, d)[0]})
        return None
    p = 0 if padding == "valid" else int(padding)
    span = d * (k - 1) + 1
    if span > n + 2 * p:
        return _too_big(n, k, p, d, span)
    return None


def pool_problem(n: int, k: int, s: int, p: int) -> Problem | None:
    """The reason ``pool2d`` refuses these settings, or None."""
    if k > n + 2 * p:
        return _too_big(n, k, p, 1, k)
    return None


def rf_steps(kernel: int, stride: int, dilation: int = 1, layers: int = 3) -> list[tuple[int, int, int, str]]:
    """(layers, rf, jump, worked formula) for 1…``layers`` copies of one layer, from ``receptive_field``."""
    rows, prev_rf, prev_jump = [], 1, 1
    span = dilation * (kernel - 1) + 1
    for i, (rf, jump) in enumerate(receptive_field([(kernel, stride, dilation)] * layers), start=1):
        rows.append((i, rf, jump, f"{prev_rf} + ({span} − 1)·{prev_jump} = {rf}"))
        prev_rf, prev_jump = rf, jump
    return rows


def unread_cells(layer: ConvArithmetic | PoolArithmetic) -> int:
    """Cells at the end of a padded row that no window reaches (when (n + 2p − span) is not a multiple of s)."""
    top, extra = layer.padding[0], getattr(layer, "padding_extra", (0, 0))[0]
    padded = layer.in_h + 2 * top + extra
    span = layer.dilation[0] * (layer.kernel[0] - 1) + 1
    return padded - ((layer.out_h - 1) * layer.stride[0] + span)


# ------------------------------------------------------------------ 1×1 and Inception
@dataclass(frozen=True)
class BranchCost:
    """One Inception branch: its layers (cnnlab arithmetic) and totals."""

    name: str                       # "1x1", "3x3", "5x5", "pool"
    layers: tuple[ConvArithmetic | PoolArithmetic, ...]
    out_channels: int
    params: int
    macs: int


@dataclass(frozen=True)
class InceptionCost:
    """All four branches on an H×W×C input; ``out_channels`` is the concatenation."""

    h: int
    in_channels: int
    branches: tuple[BranchCost, ...]
    out_channels: int
    params: int
    macs: int

    def concat_formula(self) -> str:
        parts = " + ".join(fmt_int(b.out_channels) for b in self.branches)
        return f"{parts} = {fmt_int(self.out_channels)}"


def inception_cost(h: int = 28, in_channels: int = 192, c1: int = 64, c2: tuple[int, int] = (96, 128),
                   c3: tuple[int, int] = (16, 32), c4: int = 32, bias: bool = True) -> InceptionCost:
    """The paper's Inception module (all branches "same"), counted layer by layer with ``cnnlab.arithmetic``."""
    size = (h, h)
    b1 = (conv2d(size, in_channels, c1, 1, bias=bias),)
    b2 = (conv2d(size, in_channels, c2[0], 1, bias=bias), conv2d(size, c2[0], c2[1], 3, padding=1, bias=bias))
    b3 = (conv2d(size, in_channels, c3[0], 1, bias=bias), conv2d(size, c3[0], c3[1], 5, padding=2, bias=bias))
    b4 = (pool2d(size, in_channels, 3, 1, 1), conv2d(size, in_channels, c4, 1, bias=bias))
    branches = tuple(
        BranchCost(name, layers, layers[-1].output_shape[0], sum(x.params for x in layers),
                   sum(x.macs for x in layers))
        for name, layers in (("1x1", b1), ("3x3", b2), ("5x5", b3), ("pool", b4))
    )
    return InceptionCost(h, in_channels, branches, sum(b.out_channels for b in branches),
                         sum(b.params for b in branches), sum(b.macs for b in branches))


@dataclass(frozen=True)
class NinDemo:
    """A 1×1 conv on a tiny input, checked against the same weights used as a fully connected layer."""

    x: list[list[list[int]]]        # input [C][H][W]
    weight: list[list[int]]         # [out][in]
    bias: list[int]
    conv_out: list[list[list[int]]]  # nn.Conv2d output [out][H][W]
    pixel: tuple[int, int]
    pixel_in: list[int]             # x[:, i, j]
    fc_out: list[int]               # nn.Linear on pixel_in
    formulas: list[str]             # one worked dot product per output channel


def nin_demo(in_channels: int = 3, out_channels: int = 2, size: int = 4, pixel: tuple[int, int] = (0, 0),
             seed: int = 0) -> NinDemo:
    """Run a real ``nn.Conv2d(C, C', 1)`` and ``nn.Linear(C, C')`` with the same small integer weights."""
    import torch

    g = torch.Generator().manual_seed(seed)
    x = torch.randint(0, 6, (in_channels, size, size), generator=g).float()
    w = torch.randint(-2, 3, (out_channels, in_channels), generator=g).float()
    b = torch.randint(-2, 3, (out_channels,), generator=g).float()
    conv = torch.nn.Conv2d(in_channels, out_channels, 1)
    fc = torch.nn.Linear(in_channels, out_channels)
    with torch.no_grad():
        conv.weight.copy_(w.view(out_channels, in_channels, 1, 1))
        conv.bias.copy_(b)
        fc.weight.copy_(w)
        fc.bias.copy_(b)
        y = conv(x.unsqueeze(0))[0]
        i, j = pixel
        v = x[:, i, j]
        z = fc(v)

    def num(a: float) -> str:
        return fmt_int(int(a)) if a >= 0 else f"({fmt_int(int(a))})"

    formulas = []
    for o in range(out_channels):
        terms = " + ".join(f"{num(w[o, c].item())}·{num(v[c].item())}" for c in range(in_channels))
        formulas.append(f"y{o + 1} = {terms} + {num(b[o].item())} = {fmt_int(int(z[o].item()))}")
    as_int = lambda tensor: [[[int(v) for v in row] for row in ch] for ch in tensor.tolist()]  # noqa: E731
    return NinDemo(as_int(x), [[int(a) for a in r] for r in w.tolist()], [int(a) for a in b.tolist()], as_int(y),
                   (i, j), [int(a) for a in v.tolist()], [int(a) for a in z.tolist()], formulas)
