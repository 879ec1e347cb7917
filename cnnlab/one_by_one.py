"""Lesson 4 — 1×1 convolutions & Inception: a 1×1 conv checked against a dense layer, the Inception module counted.

Every count comes from ``cnnlab.arithmetic`` (or torch itself); this module arranges it for the page.
"""
from __future__ import annotations

from dataclasses import dataclass

from cnnlab.arithmetic import ConvArithmetic, PoolArithmetic, conv2d, fmt_int, pool2d

__all__ = ["BranchCost", "InceptionCost", "inception_cost", "NinDemo", "nin_demo"]


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
