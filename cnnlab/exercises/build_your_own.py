"""Lesson 2's exercises in the layer language of "Build your own": a random stack's output shape and its
parameters, each layer worked out with the arithmetic engine and checked against ``spec_rows``."""
from __future__ import annotations

import random
from typing import Any

from cnnlab.arithmetic import conv2d, fmt_int, linear, pool2d
from cnnlab.exercises.builders import chw
from cnnlab.exercises.core import Exercise, Mistake, Step, exercise, mistake, value_text


def _random_stack(rng: random.Random) -> tuple[tuple[int, int, int], list[str]]:
    """(C×H×W input, layer texts) of a valid stack of 2–4 conv (+ relu) layers with some pooling in between."""
    from cnnlab.spec import spec_rows

    while True:
        c, side = rng.choice([1, 3]), rng.choice([28, 32])
        shape = (c, side, side)
        layers: list[str] = []
        for i in range(rng.randint(2, 4)):
            if i and not layers[-1].startswith("pool") and rng.random() < 0.4:
                layers.append(rng.choice(["pool max", "pool max", "pool avg", "pool max k=3 s=2"]))
                continue
            k = rng.choice([1, 3, 3, 5])
            opts = [f"conv {rng.choice([6, 8, 16, 32])}", f"k={k}"]
            if rng.random() < 0.3:
                opts.append("s=2")
            if k > 1 and rng.random() < 0.5:
                opts.append(f"p={rng.choice([1, 2]) if k == 5 else 1}")
            layers += [" ".join(opts), "relu"]
        rows = spec_rows(layers, shape)
        if all(r.error is None for r in rows) and min(rows[-1].output_shape[1:]) >= 2:
            return shape, layers


def _stack_shape(layers: list[str], shape: tuple[int, ...]) -> tuple[int, ...] | None:
    """The C×H×W output of a stack (None if some layer is impossible)."""
    from cnnlab.spec import spec_rows

    rows = spec_rows(layers, shape) if layers else []
    if any(r.error for r in rows):
        return None
    return tuple(rows[-1].output_shape) if rows else shape


def _arithmetic(row: Any, text: str, *, bias: bool = True) -> Any:
    """The arithmetic engine's view of one conv, pool or fc row of ``spec_rows`` (its worked formulas)."""
    from cnnlab.spec import parse_layer

    o = parse_layer(text, row.index + 1).options
    if row.kind == "fc":
        return linear(row.input_shape[0], o["out"], bias=bias)
    c, h, _ = row.input_shape
    if row.kind == "conv":
        return conv2d(h, c, o["out"], o["k"], o["s"], o["p"], bias=bias)
    return pool2d(h, c, o["k"], o["s"] or o["k"], o["p"], mode=o["mode"])


def _layer_steps(layers: list[str], shape: tuple[int, int, int]) -> tuple[list[Step], dict[int, int]]:
    """A step per conv/pool layer (its size formula and shape); maps a layer's position to its step."""
    from cnnlab.spec import spec_rows

    steps, where = [], {}
    for i, row in enumerate(spec_rows(layers, shape)):
        if row.kind not in ("conv", "pool"):
            continue
        where[i] = len(steps)
        size = _arithmetic(row, layers[i]).size_formula("h")
        steps.append(Step("exercises.step.layer", f"{size} → {value_text(chw(row.output_shape))}",
                          {"i": i + 1, "text": layers[i]}))
    return steps, where


def byo_shape(rng: random.Random) -> Exercise:
    shape, layers = _random_stack(rng)
    answer = chw(_stack_shape(layers, shape))
    steps, where = _layer_steps(layers, shape)
    mistakes: list[Mistake | None] = []
    for i, text in enumerate(layers):
        if i not in where:
            continue
        before, after = layers[:i], layers[i + 1:]
        here = _stack_shape(before, shape)
        fmt = {"i": i + 1, "text": text}
        if text.startswith("pool"):
            mistakes.append(mistake("exercises.hint.byo_skipped_pool", chw(_stack_shape(before + after, shape)),
                                    where[i], **fmt))
            continue
        out = _stack_shape([text], here)
        for option, hint in (("p=", "exercises.hint.byo_no_pad"), ("s=", "exercises.hint.byo_no_stride")):
            if option in text:
                plain = " ".join(w for w in text.split() if not w.startswith(option))
                mistakes.append(mistake(hint, chw(_stack_shape(before + [plain] + after, shape)), where[i], **fmt))
        if out[1] > 1:
            mistakes.append(mistake("exercises.hint.byo_plus_one",
                                    chw(_stack_shape(after, (out[0], out[1] - 1, out[2] - 1))), where[i], **fmt))
        mistakes.append(mistake("exercises.hint.byo_channels",
                                chw(_stack_shape(after, (here[0], out[1], out[2]))), where[i], **fmt))
    return exercise("byo_shape", "exercises.byo_shape.prompt", dict(input=chw(shape), spec=" | ".join(layers)),
                    "shape", answer, steps, mistakes)


def byo_params(rng: random.Random) -> Exercise:
    from cnnlab.spec import spec_rows

    shape, layers = _random_stack(rng)
    layers = layers + ["flatten", f"fc {rng.choice([10, 10, 32, 100])}"]
    rows = spec_rows(layers, shape)
    total = sum(r.params for r in rows)
    steps, terms, no_bias, fc_step = [], [], 0, 0
    for i, row in enumerate(rows):
        if not row.params:
            continue
        if row.kind == "fc":
            fc_step = len(steps)
        no_bias += _arithmetic(row, layers[i], bias=False).params
        steps.append(Step("exercises.step.layer", _arithmetic(row, layers[i]).params_formula(),
                          {"i": i + 1, "text": layers[i]}))
        terms.append(fmt_int(row.params))
    steps.append(Step("exercises.step.total", f"{' + '.join(terms)} = {fmt_int(total)}"))
    mistakes: list[Mistake | None] = [mistake("exercises.hint.no_bias", no_bias, 0)]
    pools = [i for i, t in enumerate(layers) if t.startswith("pool")]
    if pools:  # the fc's inputs counted on the map before the last pooling
        skipped = layers[:pools[-1]] + layers[pools[-1] + 1:]
        other = spec_rows(skipped, shape)
        if all(r.error is None for r in other):
            mistakes.append(mistake("exercises.hint.byo_fc_inputs", sum(r.params for r in other), fc_step,
                                    i=pools[-1] + 1, text=layers[pools[-1]]))
    mistakes.append(mistake("exercises.hint.byo_missing_fc", total - rows[-1].params, fc_step))
    return exercise("byo_params", "exercises.byo_params.prompt", dict(input=chw(shape), spec=" | ".join(layers)),
                    "int", total, steps, mistakes)


KINDS = {"byo_shape": byo_shape, "byo_params": byo_params}
