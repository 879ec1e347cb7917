"""Lesson 3's exercises: the sigmoid's slope and the vanishing product, a block whose weights are zero (with and
without its shortcut), where the shortcut is added, the depth of the CIFAR ResNets."""
from __future__ import annotations

import random
from functools import lru_cache

from cnnlab.arithmetic import fmt_int
from cnnlab.exercises.builders import concept_choices
from cnnlab.exercises.core import Exercise, Step, exercise, mistake


@lru_cache(maxsize=1)
def _sigmoid_slope_max() -> float:
    """The largest slope of the sigmoid, found by autograd on a fine grid (it is at x = 0)."""
    import torch

    x = torch.linspace(-8, 8, 1601, dtype=torch.float64, requires_grad=True)
    torch.sigmoid(x).sum().backward()
    return float(x.grad.max())


def sigmoid_max(rng: random.Random) -> Exercise:
    slope = _sigmoid_slope_max()
    steps = [Step("exercises.step.sigmoid_slope", "σ′(x) = σ(x)·(1 − σ(x))"),
             Step("exercises.step.sigmoid_at_zero", f"σ(0) = 0.5 → 0.5·(1 − 0.5) = {slope:g}")]
    mistakes = [mistake("exercises.hint.sigmoid_value", 0.5, 1), mistake("exercises.hint.relu_slope", 1.0, 0)]
    return exercise("sigmoid_max", "exercises.sigmoid_max.prompt", {}, "float", slope, steps, mistakes,
                    tolerance=0.001, decimals=2, note="exercises.note.relu_slope")


def sigmoid_chain(rng: random.Random) -> Exercise:
    n = rng.randint(3, 12)
    slope = _sigmoid_slope_max()
    answer = round(1 / slope ** n)
    steps = [Step("exercises.step.sigmoid_at_zero", f"σ′ ≤ {slope:g}"),
             Step("exercises.step.chain", f"{slope:g}^{n} = 1/{fmt_int(answer)}")]
    mistakes = [mistake("exercises.hint.chain_multiply", round(n / slope), 1),
                mistake("exercises.hint.sigmoid_value", 2 ** n, 0),
                mistake("exercises.hint.chain_count", round(1 / slope ** (n - 1)), 1)]
    return exercise("sigmoid_chain", "exercises.sigmoid_chain.prompt", dict(n=n), "int", answer, steps, mistakes)


@lru_cache(maxsize=32)
def _zero_block(residual: bool, value: float, channels: int = 4) -> float:
    """a[l+2] of cnnlab's BasicBlock whose weights are all zero, for an input a[l] = ``value`` everywhere."""
    import torch
    from torch import nn

    from cnnlab.models import BasicBlock

    with torch.device("meta"):
        block = BasicBlock(channels, channels, residual=residual)
    block = block.to_empty(device="cpu").eval()   # no random init: the shared RNG stays untouched
    with torch.no_grad():
        for m in block.modules():
            if isinstance(m, nn.Conv2d):
                m.weight.zero_()
            elif isinstance(m, nn.BatchNorm2d):
                m.reset_running_stats()
                m.reset_parameters()            # γ = 1, β = 0: the normalised zero stays zero
        return float(block(torch.full((1, channels, 4, 4), value))[0, 0, 0, 0])


Z_ZERO = "z[l+2] = W[l+2]·a[l+1] + b[l+2]"


def residual_zero(rng: random.Random) -> Exercise:
    value = rng.choice([0.5, 1.5, 2.0, 2.5, 3.0, 4.5, 7.0])
    residual = rng.random() < 0.7
    answer = _zero_block(residual, value)
    v = f"{value:g}"
    steps = [Step("exercises.step.z_zero", f"{Z_ZERO} = 0")]
    if residual:
        steps.append(Step("exercises.step.residual_add", f"a[l+2] = g(z[l+2] + a[l]) = g(0 + {v}) = {answer:g}"))
        mistakes = [mistake("exercises.hint.shortcut_forgotten", 0.0, 1),
                    mistake("exercises.hint.shortcut_twice", 2 * value, 1)]
    else:
        steps.append(Step("exercises.step.plain_out", f"a[l+2] = g(z[l+2]) = g(0) = {answer:g}"))
        mistakes = [mistake("exercises.hint.no_shortcut", value, 1)]
    return exercise("residual_zero", f"exercises.residual_zero.prompt_{'residual' if residual else 'plain'}",
                    dict(v=value), "float", answer, steps, mistakes, tolerance=1e-6, decimals=2,
                    note="exercises.note.identity" if residual else "exercises.note.plain_zero")


def shortcut_where(rng: random.Random) -> Exercise:
    steps = [Step("exercises.step.z_zero", Z_ZERO), Step("exercises.step.residual_add", "a[l+2] = g(z[l+2] + a[l])")]
    return exercise("shortcut_where", "exercises.shortcut_where.prompt", {}, "choice", "before", steps,
                    [mistake("exercises.hint.shortcut_after", "after", 1)], **concept_choices(rng, ["before", "after"]))


@lru_cache(maxsize=16)
def _weight_layers(depth: int) -> int:
    """Conv and FC layers of cnnlab's CIFAR ResNet of that depth (its shortcut A, zero padding, has none)."""
    import torch
    from torch import nn

    from cnnlab.models import cifar_resnet

    with torch.device("meta"):
        model = cifar_resnet(depth)
    return sum(isinstance(m, (nn.Conv2d, nn.Linear)) for m in model.modules())


def cifar_depth(rng: random.Random) -> Exercise:
    n = rng.choice([1, 2, 3, 5, 7, 9, 18])
    answer = _weight_layers(6 * n + 2)
    steps = [Step("exercises.step.cifar_blocks", f"3·{n}·2 = {6 * n}"),
             Step("exercises.step.cifar_ends", f"{6 * n} + 1 + 1 = {answer}")]
    mistakes = [mistake("exercises.hint.cifar_ends", 6 * n, 1),
                mistake("exercises.hint.cifar_two", 3 * n + 2, 0),
                mistake("exercises.hint.cifar_stages", 2 * n + 2, 0)]
    return exercise("cifar_depth", "exercises.cifar_depth.prompt", dict(n=n), "int", answer, steps, mistakes,
                    note="exercises.note.cifar_depth")


KINDS = {"sigmoid_max": sigmoid_max, "sigmoid_chain": sigmoid_chain, "residual_zero": residual_zero,
         "shortcut_where": shortcut_where, "cifar_depth": cifar_depth}
