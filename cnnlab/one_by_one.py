"""Lesson 4 — 1×1 convolutions & Inception: a 1×1 conv checked against a dense layer, the Inception module counted.

Every count comes from ``cnnlab.arithmetic`` (or torch itself); this module arranges it for the page.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from cnnlab.arithmetic import ConvArithmetic, PoolArithmetic, conv2d, fmt_int, pool2d

if TYPE_CHECKING:  # torch is imported when a module is built
    from torch import nn

__all__ = ["BranchCost", "InceptionCost", "chain_arithmetic", "inception_cost", "InceptionCheck", "inception_check",
           "NinDemo", "nin_demo", "fmt_vector", "PoolGrowth", "pool_branch_growth"]


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
    """All four branches on a C×H×W input; ``out_channels`` is the concatenation."""

    h: int
    in_channels: int
    branches: tuple[BranchCost, ...]
    out_channels: int
    params: int
    macs: int

    def concat_formula(self) -> str:
        """``64 + 128 + 32 + 32 = 256`` (channels of the concatenated branches)."""
        return _sum_formula([b.out_channels for b in self.branches], self.out_channels)

    def params_formula(self) -> str:
        return _sum_formula([b.params for b in self.branches], self.params)

    def macs_formula(self) -> str:
        return _sum_formula([b.macs for b in self.branches], self.macs)


def _sum_formula(parts: list[int], total: int) -> str:
    return f"{' + '.join(fmt_int(p) for p in parts)} = {fmt_int(total)}"


def fmt_vector(values: list[int]) -> str:
    """``(3, −1, 4)``: one pixel's channel values."""
    return f"({', '.join(fmt_int(v) for v in values)})"


BRANCHES = (("1x1", "branch1"), ("3x3", "branch2"), ("5x5", "branch3"), ("pool", "branch4"))


def chain_arithmetic(module: "nn.Module", in_shape: tuple[int, int, int]
                     ) -> tuple[ConvArithmetic | PoolArithmetic, ...]:
    """The conv and max-pool layers of a chain of modules, counted in order by ``cnnlab.arithmetic``."""
    from torch import nn

    layers: list[ConvArithmetic | PoolArithmetic] = []
    c, h, w = in_shape
    for m in module.modules():
        if isinstance(m, nn.Conv2d):
            layers.append(conv2d((h, w), m.in_channels, m.out_channels, m.kernel_size, m.stride, m.padding,
                                 m.dilation, m.groups, m.bias is not None))
        elif isinstance(m, nn.MaxPool2d):
            layers.append(pool2d((h, w), c, m.kernel_size, m.stride, m.padding, m.dilation, m.ceil_mode))
        else:
            continue
        c, h, w = layers[-1].output_shape
    return tuple(layers)


def inception_cost(h: int = 28, in_channels: int = 192, c1: int = 64, c2: tuple[int, int] = (96, 128),
                   c3: tuple[int, int] = (16, 32), c4: int = 32) -> InceptionCost:
    """cnnlab's Inception module (``cnnlab.models.Inception``, all branches "same") counted layer by layer."""
    module = _inception(in_channels, c1, c2, c3, c4)
    branches = []
    for name, attr in BRANCHES:
        layers = chain_arithmetic(getattr(module, attr), (in_channels, h, h))
        branches.append(BranchCost(name, layers, layers[-1].output_shape[0], sum(x.params for x in layers),
                                   sum(x.macs for x in layers)))
    return InceptionCost(h, in_channels, tuple(branches), sum(b.out_channels for b in branches),
                         sum(b.params for b in branches), sum(b.macs for b in branches))


@dataclass(frozen=True)
class InceptionCheck:
    """The same module measured another way: torch's parameter count and ``cnnlab.summary``'s pass."""

    params: int
    macs: int
    output_shape: tuple[int, ...]


def inception_check(h: int, in_channels: int, c1: int, c2: tuple[int, int], c3: tuple[int, int],
                    c4: int) -> InceptionCheck:
    """Parameters (``p.numel()``) and the summary's MACs and output shape of the real module at H×H."""
    from cnnlab.summary import summarize

    module = _inception(in_channels, c1, c2, c3, c4)
    summary = summarize(module, (in_channels, h, h))
    return InceptionCheck(sum(p.numel() for p in module.parameters()), summary.total_macs,
                          tuple(summary.output_shape))


def _inception(in_channels: int, c1: int, c2: tuple[int, int], c3: tuple[int, int], c4: int) -> "nn.Module":
    import torch

    from cnnlab.models import Inception

    with torch.device("meta"):  # the structure only: no weights are allocated
        return Inception(in_channels, c1, tuple(c2), tuple(c3), c4)


@dataclass(frozen=True)
class NinDemo:
    """A 1×1 conv + ReLU on a tiny input, checked against the same weights used as a fully connected layer + ReLU."""

    x: list[list[list[int]]]        # input [C][H][W]
    weight: list[list[int]]         # [out][in]
    bias: list[int]
    conv_out: list[list[list[int]]]  # ReLU(nn.Conv2d output) [out][H][W]
    pixel: tuple[int, int]
    pixel_in: list[int]             # x[:, i, j]
    fc_out: list[int]               # ReLU(nn.Linear) on pixel_in
    formulas: list[str]             # one worked ReLU(dot product + bias) per output channel

    @property
    def conv_at_pixel(self) -> list[int]:
        """The conv's output vector at the chosen pixel (equal to ``fc_out``)."""
        i, j = self.pixel
        return [channel[i][j] for channel in self.conv_out]


def nin_demo(in_channels: int = 3, out_channels: int = 2, size: int = 4, pixel: tuple[int, int] = (0, 0),
             seed: int = 1) -> NinDemo:
    """Run a real ``nn.Conv2d(C, C′, 1)`` + ReLU and ``nn.Linear(C, C′)`` + ReLU with the same small integer weights.

    The ReLU is what makes a 1×1 layer more than a change of channels (Network in Network): without it two 1×1
    layers in a row would collapse into one linear map. Seed 1: at the first pixel one output is kept and one
    is cut to 0 by the ReLU, and about half the outputs are positive.
    """
    import torch

    g = torch.Generator().manual_seed(seed)
    x = torch.randint(0, 6, (in_channels, size, size), generator=g).float()
    w = torch.randint(-2, 3, (out_channels, in_channels), generator=g).float()
    b = torch.randint(-2, 3, (out_channels,), generator=g).float()
    conv = torch.nn.Sequential(torch.nn.Conv2d(in_channels, out_channels, 1), torch.nn.ReLU())
    fc = torch.nn.Linear(in_channels, out_channels)
    with torch.no_grad():
        conv[0].weight.copy_(w.view(out_channels, in_channels, 1, 1))
        conv[0].bias.copy_(b)
        fc.weight.copy_(w)
        fc.bias.copy_(b)
        y = conv(x.unsqueeze(0))[0]
        i, j = pixel
        v = x[:, i, j]
        pre = fc(v)
        z = torch.relu(pre)

    def num(a: float) -> str:
        return fmt_int(int(a)) if a >= 0 else f"({fmt_int(int(a))})"

    formulas = []
    for o in range(out_channels):
        terms = " + ".join(f"{num(w[o, c].item())}·{num(v[c].item())}" for c in range(in_channels))
        formulas.append(f"y{o + 1} = ReLU({terms} + {num(b[o].item())}) = ReLU({fmt_int(int(pre[o].item()))}) "
                        f"= {fmt_int(int(z[o].item()))}")
    as_int = lambda tensor: [[[int(v) for v in row] for row in ch] for ch in tensor.tolist()]  # noqa: E731
    return NinDemo(as_int(x), [[int(a) for a in r] for r in w.tolist()], [int(a) for a in b.tolist()], as_int(y),
                   (i, j), [int(a) for a in v.tolist()], [int(a) for a in z.tolist()], formulas)


@dataclass(frozen=True)
class PoolGrowth:
    """Channels entering each of a stack of identical Inception modules, with and without the pool branch's 1×1."""

    with_projection: list[int]      # [input, after module 1, after module 2, …]
    without_projection: list[int]
    first_sum: str                  # "64 + 128 + 32 + 192 = 416": module 1's concatenation without the 1×1

    @property
    def growth(self) -> int:
        """Channels each module adds without the projection (its three conv branches)."""
        return self.without_projection[2] - self.without_projection[1]


def pool_branch_growth(h: int = 28, in_channels: int = 192, c1: int = 64, c2: tuple[int, int] = (96, 128),
                       c3: tuple[int, int] = (16, 32), c4: int = 32, modules: int = 3) -> PoolGrowth:
    """Stack ``modules`` copies of one Inception module. With its 1×1 the pool branch gives ``c4`` channels, so every
    module outputs the same width; without it the 3×3 max pool passes all its input channels on (``pool2d`` keeps
    the channels), so every module's output is its input plus the three conv branches, and grows without end."""
    with_p, without = [in_channels], [in_channels]
    first = ""
    for _ in range(modules):
        with_p.append(inception_cost(h, with_p[-1], c1, c2, c3, c4).out_channels)
        cost = inception_cost(h, without[-1], c1, c2, c3, c4)
        convs = [b.out_channels for b in cost.branches[:3]]
        pooled = cost.branches[3].layers[0].output_shape[0]          # the max pool alone: its input channels
        without.append(sum(convs) + pooled)
        first = first or _sum_formula(convs + [pooled], without[-1])
    return PoolGrowth(with_p, without, first)
