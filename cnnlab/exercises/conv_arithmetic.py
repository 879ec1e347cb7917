"""Lesson 1's exercises: a conv layer's output shape, parameters and multiply-adds; pooling; conv vs dense; the
receptive field of a stack."""
from __future__ import annotations

import math
import random

from cnnlab.arithmetic import conv2d, conv_vs_fc, fmt_int, linear, output_size, pool2d, receptive_field
from cnnlab.exercises.builders import conv_layer, filter_step, macs_steps, shape_steps
from cnnlab.exercises.core import Exercise, Step, attempt, exercise, mistake


def conv_out(rng: random.Random) -> Exercise:
    n, c, f, k, s, p, d = conv_layer(rng)
    answer, steps, mistakes = shape_steps(n, c, f, k, s, p, d)
    return exercise("conv_out", "exercises.conv_out.prompt" + ("_dilated" if d > 1 else ""),
                    dict(n=n, c=c, f=f, k=k, s=s, p=p, d=d), "shape", answer, steps, mistakes)


def conv_params(rng: random.Random) -> Exercise:
    n, c, f, k, s, p, _ = conv_layer(rng, dilation=False)
    layer = conv2d(n, c, f, k, s, p)
    weights = conv2d(n, c, f, k, s, p, bias=False).params
    steps = [filter_step(k, c)[1], Step("exercises.step.params", layer.params_formula())]
    mistakes = [
        mistake("exercises.hint.no_bias", weights, 1),
        mistake("exercises.hint.no_channels", conv2d(n, 1, f, k, s, p).params, 0),
        mistake("exercises.hint.one_bias", weights + 1, 1),
        mistake("exercises.hint.params_not_macs", layer.macs, 1),
    ]
    return exercise("conv_params", "exercises.conv_params.prompt", dict(n=n, c=c, f=f, k=k, s=s, p=p), "int",
                    layer.params, steps, mistakes)


def conv_macs(rng: random.Random) -> Exercise:
    n, c, f, k, s, p, _ = conv_layer(rng, dilation=False)
    layer = conv2d(n, c, f, k, s, p)
    mistakes = [
        mistake("exercises.hint.macs_input_size", attempt(lambda: conv2d(n, c, f, k, 1, "same").macs), 0),
        mistake("exercises.hint.no_channels", conv2d(n, 1, f, k, s, p).macs, 1),
        mistake("exercises.hint.macs_bias", layer.macs + layer.out_h * layer.out_w * f, 1),
        mistake("exercises.hint.flops", 2 * layer.macs, 1),
        mistake("exercises.hint.macs_not_params", layer.params, 1),
    ]
    return exercise("conv_macs", "exercises.conv_macs.prompt", dict(n=n, c=c, f=f, k=k, s=s, p=p), "int",
                    layer.macs, macs_steps(layer), mistakes)


def _pool_layer(rng: random.Random) -> tuple[int, int, int, int, int, str]:
    """(n, c, k, s, p, mode) of a valid pooling layer with an output of at least 2."""
    while True:
        n = rng.choice([7, 13, 14, 15, 27, 28, 32, 55, 56, 112])
        k, s = rng.choice([(2, 2), (2, 2), (3, 2), (3, 3), (3, 1), (4, 4)])
        p = rng.choice([0, 0, 0, 1]) if k >= 2 else 0
        c = rng.choice([6, 16, 32, 64, 96, 256])
        if (attempt(output_size, n, k, s, p) or 0) >= 2:
            return n, c, k, s, p, rng.choice(["max", "avg"])


def pool_out(rng: random.Random) -> Exercise:
    n, c, k, s, p, mode = _pool_layer(rng)
    answer, steps, mistakes = shape_steps(n, c, None, k, s, p, pool=True)
    return exercise("pool_out", f"exercises.pool_out.prompt_{mode}", dict(n=n, c=c, k=k, s=s, p=p), "shape", answer,
                    steps, mistakes)


def pool_params(rng: random.Random) -> Exercise:
    n, c, k, s, p, mode = _pool_layer(rng)
    layer = pool2d(n, c, k, s, p, mode=mode)
    steps = [Step("exercises.step.pool_size", layer.size_formula("h")),
             Step(f"exercises.step.pool_params_{mode}", f"{k}×{k}, s = {s} → {layer.params}")]
    mistakes = [
        mistake("exercises.hint.pool_window", k * k * c, 1),
        mistake("exercises.hint.pool_window", k * k, 1),
        mistake("exercises.hint.pool_hyper", 2, 1),
        mistake("exercises.hint.pool_hyper", 3, 1),
    ]
    return exercise("pool_params", f"exercises.pool_params.prompt_{mode}", dict(n=n, c=c, k=k, s=s, p=p), "int",
                    layer.params, steps, mistakes, note="exercises.note.pool_hyper")


def conv_vs_dense(rng: random.Random) -> Exercise:
    n, c, f, k = (32, 3, 10, 5) if rng.random() < 0.2 else (
        rng.choice([8, 12, 16, 28, 32]), rng.choice([1, 3]), rng.choice([4, 6, 8, 10, 16]), rng.choice([3, 5]))
    both = conv_vs_fc((c, n, n), f, k)
    conv, fc = both.conv, both.fc
    steps = [Step("exercises.step.fc_inputs", f"{n}·{n}·{c} = {fmt_int(fc.in_features)}"),
             Step("exercises.step.fc_outputs", f"{conv.out_h}·{conv.out_w}·{f} = {fmt_int(fc.out_features)}"),
             Step("exercises.step.params", both.fc_formula()),
             Step("exercises.step.conv_compare", conv.params_formula())]
    mistakes = [
        mistake("exercises.hint.no_bias", linear(fc.in_features, fc.out_features, bias=False).params, 2),
        mistake("exercises.hint.fc_is_conv", conv.params, 2),
        mistake("exercises.hint.fc_channels", linear(n * n, fc.out_features).params, 0),
        mistake("exercises.hint.fc_channels", linear(fc.in_features, n * n).params, 1),
    ]
    return exercise("conv_vs_fc", "exercises.conv_vs_fc.prompt", dict(n=n, c=c, f=f, k=k), "int", fc.params, steps,
                    mistakes, note="exercises.note.conv_vs_fc")


def stack_receptive_field(rng: random.Random) -> Exercise:
    layers = [(rng.choice([3, 3, 5, 7]), rng.choice([1, 1, 2]), 1) for _ in range(rng.randint(2, 4))]
    rows = receptive_field(layers)
    steps, prev_rf, prev_jump = [], 1, 1
    for i, ((k, s, _), (rf, jump)) in enumerate(zip(layers, rows), start=1):
        steps.append(Step("exercises.step.rf_layer", f"{prev_rf} + ({k} − 1)·{prev_jump} = {rf}", {"i": i}))
        prev_rf, prev_jump = rf, jump
    answer = rows[-1][0]
    first_stride = next((i for i, (_, s, _) in enumerate(layers) if s > 1), None)
    jump_step = min(first_stride + 1, len(layers) - 1) if first_stride is not None else 0
    mistakes = [
        mistake("exercises.hint.rf_sum", sum(k for k, _, _ in layers), 0),
        mistake("exercises.hint.rf_jump", receptive_field([(k, 1, 1) for k, _, _ in layers])[-1][0], jump_step),
        mistake("exercises.hint.rf_last", layers[-1][0], len(layers) - 1),
        mistake("exercises.hint.rf_product", math.prod(k for k, _, _ in layers), 0),
    ]
    text = " → ".join(f"{k}×{k}/{s}" for k, s, _ in layers)
    return exercise("receptive_field", "exercises.receptive_field.prompt",
                    dict(layers=text, count=len(layers), kernels=tuple(k for k, _, _ in layers),
                         strides=tuple(s for _, s, _ in layers)), "int", answer, steps, mistakes)


KINDS = {"conv_out": conv_out, "conv_params": conv_params, "conv_macs": conv_macs, "pool_out": pool_out,
         "pool_params": pool_params, "conv_vs_fc": conv_vs_dense, "receptive_field": stack_receptive_field}
