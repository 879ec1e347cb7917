"""Pieces that several lessons' exercises share: a conv or pooling layer's output-shape exercise with all its
known slips, a random valid conv layer, the lesson networks' layers (meta device), sliding-window counts,
a choice between two concepts."""
from __future__ import annotations

import random
from functools import lru_cache

from cnnlab.arithmetic import ConvArithmetic, conv2d, fmt_int, output_size, pool2d
from cnnlab.exercises.core import Mistake, Step, attempt, mistake, value_text

CLASSIC = ("lenet5", "alexnet", "vgg16")   # the classic networks whose layers the exercises ask about
LESSON_CONV = (32, 3, 10, 5, 1, 2, 1)      # the notes' example: 3×32×32, ten 5×5 filters, s = 1, p = 2


def chw(shape: tuple[int, ...] | None) -> tuple[int, ...] | None:
    """A shape as the exercises write it: C×H×W, PyTorch's order, as on every page (``arithmetic.fmt_shape``)."""
    return None if shape is None else tuple(shape)


def shape_steps(n: int, c: int, f: int | None, k: int, s: int, p: int, d: int = 1, *, pool: bool = False
                ) -> tuple[tuple[int, ...], list[Step], list[Mistake | None]]:
    """(answer [C×]H×W, steps, mistakes) for a square conv (``f`` filters; None = one map, no channels) or pool."""
    layer = pool2d(n, c, k, s, p) if pool else conv2d(n, c, f or 1, k, s, p, d)
    out, span = layer.out_h, (k if pool else layer.effective_kernel[0])
    channels = c if pool else f
    steps: list[Step] = []
    if d > 1:
        steps.append(Step("exercises.step.span", layer.kernel_formula("h")))
    size = len(steps)
    steps.append(Step("exercises.step.pool_size" if pool else "exercises.step.size", layer.size_formula("h")))

    def side(x: int | None) -> tuple[int, ...] | None:
        if x is None:
            return None
        return (x, x) if channels is None else (channels, x, x)

    mistakes = [
        mistake("exercises.hint.plus_one", side(out - 1), size),
        mistake("exercises.hint.pad_once", side(attempt(output_size, n + p, k, s, 0, d)), size) if p else None,
        mistake("exercises.hint.no_pad", side(attempt(output_size, n, k, s, 0, d)), size) if p else None,
        mistake("exercises.hint.span", side(attempt(output_size, n, k, s, p, 1)), 0, k=k, d=d) if d > 1 else None,
        mistake("exercises.hint.stride_ignored", side(attempt(output_size, n, k, 1, p, d)), size) if s > 1 else None,
        mistake("exercises.hint.stride_first", side((n + 2 * p) // s - span + 1), size) if s > 1 else None,
        mistake("exercises.hint.floor", side(output_size(n, k, s, p, d, ceil_mode=True)), size),
        mistake("exercises.hint.divide_only", side(n // s), size) if pool else None,
    ]
    if channels is None:
        answer = (out, out)
        steps.append(Step("exercises.step.shape", value_text(answer)))
        return answer, steps, mistakes
    answer = (channels, out, out)
    steps.append(Step("exercises.step.pool_channels" if pool else "exercises.step.channels", f"C = {channels}"))
    if not pool and c != f:
        mistakes.append(mistake("exercises.hint.channels_in", (c, out, out), len(steps) - 1))
    steps.append(Step("exercises.step.shape", value_text(answer)))
    mistakes.append(mistake("exercises.hint.order", (out, out, channels), len(steps) - 1))
    return answer, steps, mistakes


def conv_layer(rng: random.Random, *, dilation: bool = True) -> tuple[int, ...]:
    """(n, c, f, k, s, p, d) of a valid square conv with an output of at least 2; now and then the notes' example."""
    if rng.random() < 0.15:
        return LESSON_CONV
    while True:
        n = rng.choice([7, 8, 12, 14, 16, 20, 24, 27, 28, 31, 32, 48, 56, 64])
        k = rng.choice([1, 3, 3, 5, 5, 7])
        s = rng.choice([1, 1, 2, 2, 3])
        p = rng.choice([0, 0, 1, 2, 3]) if k > 1 else 0
        d = 2 if dilation and k > 1 and rng.random() < 0.2 else 1
        c = rng.choice([1, 3, 3, 8, 16, 32])
        f = rng.choice([4, 6, 8, 10, 16, 32, 64])
        layer = attempt(conv2d, n, c, f, k, s, p, d)
        if layer is not None and p < layer.effective_kernel[0] and layer.out_h >= 2:
            return n, c, f, k, s, p, d


def filter_step(k: int, c: int) -> tuple[int, Step]:
    """The weights of one k×k filter over c channels (no bias), and the step that counts them."""
    one = conv2d(k, c, 1, k, bias=False).params
    return one, Step("exercises.step.filter_weights", f"{k}·{k}·{c} = {fmt_int(one)}")


def macs_steps(layer: ConvArithmetic) -> list[Step]:
    """A conv's multiply-adds: its output size first, then output cells × one filter's weights."""
    return [Step("exercises.step.size", layer.size_formula("h")), Step("exercises.step.macs", layer.macs_formula())]


def window_steps(n: int, w: int, s: int = 1, p: int = 0, *, axis_key: str = "exercises.step.crop_axis"
                 ) -> tuple[int, list[Step]]:
    """Positions of a w×w window sliding over an n×n image (a pooling window): per axis, and both axes' steps."""
    window = pool2d(n, 1, w, s, p)
    a = window.out_h
    return a, [Step(axis_key, window.size_formula("h")),
               Step("exercises.step.crop_both", f"{a}·{a} = {fmt_int(a * a)}")]


def concept_choices(rng: random.Random, ids: list[str]) -> dict[str, tuple[str, ...]]:
    """``choices`` and ``labels`` for a choice between concepts (``exercises.choice.<id>``), in a seeded order."""
    ids = list(ids)
    rng.shuffle(ids)
    return dict(choices=tuple(ids), labels=tuple(f"exercises.choice.{c}" for c in ids))


# ---------------------------------------------------------------- the lesson networks (meta device)
Row = tuple[str, str, tuple, tuple, tuple]


@lru_cache(maxsize=32)
def network(name: str) -> tuple[tuple[int, int], tuple[Row, ...]]:
    """((params, MACs), rows) of a lesson network at its usual input, built on the meta device (no weights).

    A row is (layer name, type, input shape, output shape, settings) for conv, pooling and linear layers; settings
    are (filters, k, s, p, in channels), (k, s, p, ceil_mode) or (in, out, params, the last C×H×W map).
    Process-wide and immutable (tuples): every session's exercises share it.
    """
    import torch
    from torch import nn

    from cnnlab.models import MODELS, build
    from cnnlab.summary import summarize

    options = {"aux_logits": False} if name == "googlenet" else {}
    with torch.device("meta"):
        model = build(name, **options)
    summary = summarize(model, MODELS[name].default_input)
    modules = dict(model.named_modules())
    rows, shape = [], tuple(MODELS[name].default_input)
    last_map = shape  # the last C×H×W map, which a classifier flattens
    for row in summary.layers:
        module = modules.get(row.name)
        settings: tuple = ()
        if isinstance(module, nn.Conv2d):
            settings = (module.out_channels, module.kernel_size[0], module.stride[0], module.padding[0],
                        module.in_channels)
        elif isinstance(module, (nn.MaxPool2d, nn.AvgPool2d)):
            k, s, p = (v if isinstance(v, int) else v[0] for v in (module.kernel_size, module.stride, module.padding))
            settings = (k, s, p, bool(module.ceil_mode))
        elif isinstance(module, nn.Linear):
            settings = (module.in_features, module.out_features, row.params, last_map)
        if settings:
            rows.append((row.name, type(module).__name__, shape, tuple(row.output_shape), settings))
        if row.executed and row.depth > 0 and len(list(module.children() if module else [])) == 0:
            shape = tuple(row.output_shape)
            last_map = shape if len(shape) == 3 else last_map
    return (summary.total_params, summary.total_macs), tuple(rows)


def title(name: str) -> str:
    """A network's name as the papers write it (``VGG-16``): the same in every language."""
    from cnnlab.models import MODELS

    return MODELS[name].title
