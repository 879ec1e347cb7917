"""Lesson 4's exercises: a 1×1 convolution's shape and cost, the bottleneck's saving, an Inception module's
concatenated output (GoogLeNet's own table), a 5×5 or 7×7 factorised into 3×3s."""
from __future__ import annotations

import random

from cnnlab.arithmetic import bottleneck_cost, conv2d, factorize_cost, fmt_int
from cnnlab.exercises.builders import macs_steps, network, shape_steps
from cnnlab.exercises.core import Exercise, Step, exercise, mistake, value_text


def _obo_layer(rng: random.Random) -> tuple[int, int, int]:
    return rng.choice([7, 14, 28, 56]), rng.choice([64, 128, 192, 256, 480, 512]), rng.choice([16, 32, 64, 128])


def obo_shape(rng: random.Random) -> Exercise:
    h, c, f = _obo_layer(rng)
    answer, steps, mistakes = shape_steps(h, c, f, 1, 1, 0)
    mistakes = [m for m in mistakes if m and m.hint in ("exercises.hint.channels_in", "exercises.hint.order")]
    return exercise("obo_shape", "exercises.obo_shape.prompt", dict(h=h, c=c, f=f), "shape", answer, steps, mistakes)


def obo_macs(rng: random.Random) -> Exercise:
    h, c, f = _obo_layer(rng)
    layer = conv2d(h, c, f, 1)
    mistakes = [mistake("exercises.hint.one_by_one_depth", conv2d(h, 1, f, 1).macs, 1),
                mistake("exercises.hint.macs_not_params", layer.params, 1),
                mistake("exercises.hint.macs_not_params", conv2d(h, c, f, 1, bias=False).params, 1)]
    return exercise("obo_macs", "exercises.obo_macs.prompt", dict(h=h, c=c, f=f), "int", layer.macs,
                    macs_steps(layer), mistakes)


def bottleneck(rng: random.Random) -> Exercise:
    lesson = rng.random() < 0.3
    h, cin, cout, k, b = (28, 192, 32, 5, 16) if lesson else (
        rng.choice([14, 28]), rng.choice([192, 256, 480]), rng.choice([32, 48, 64]), rng.choice([3, 5]),
        rng.choice([16, 24, 32]))
    cost = bottleneck_cost(h, h, cin, cout, k, b)
    steps = [Step("exercises.step.bn_direct", cost.direct_formula()),
             Step("exercises.step.bn_reduce", cost.reduce_formula()),
             Step("exercises.step.bn_conv", cost.conv_formula()),
             Step("exercises.step.bn_total", cost.total_formula()),
             Step("exercises.step.bn_saving",
                  f"{fmt_int(cost.direct_macs)} / {fmt_int(cost.total_macs)} = {1 / cost.ratio:.1f}")]
    values = dict(h=h, cin=cin, cout=cout, k=k, b=b)
    variant = rng.choice(["direct", "total", "saving"])
    if variant == "direct":
        mistakes = [mistake("exercises.hint.no_channels", bottleneck_cost(h, h, 1, cout, k, None).direct_macs, 0),
                    mistake("exercises.hint.macs_kernel", cost.direct_macs // (k * k), 0)]
        return exercise("bottleneck", "exercises.bottleneck.prompt_direct", values, "int", cost.direct_macs,
                        steps[:1], mistakes)
    if variant == "total":
        mistakes = [mistake("exercises.hint.bn_forgot_reduce", cost.conv_macs, 0),
                    mistake("exercises.hint.bn_conv_from_input", cost.reduce_macs + cost.direct_macs, 1),
                    mistake("exercises.hint.bn_reduce_only", cost.reduce_macs, 2)]
        return exercise("bottleneck", "exercises.bottleneck.prompt_total", values, "int", cost.total_macs,
                        steps[1:4], mistakes)
    mistakes = [mistake("exercises.hint.bn_inverted", round(cost.ratio, 2), 4),
                mistake("exercises.hint.bn_forgot_reduce", round(cost.direct_macs / cost.conv_macs, 1), 1)]
    return exercise("bottleneck", "exercises.bottleneck.prompt_saving", values, "float", 1 / cost.ratio, steps,
                    mistakes, tolerance=0.05, decimals=1, note="exercises.note.bottleneck")


def inception_concat(rng: random.Random) -> Exercise:
    from cnnlab.models.inception import cfg

    name, (c1, (r2, c2), (r3, c3), c4) = rng.choice([item for item in cfg if item != "M"])
    rows = network("googlenet")[1]
    row = next(r for r in rows if r[0] == f"{name}.branch1.0")  # its first 1×1 conv
    c, (h, w) = row[4][4], row[3][1:]  # a 1×1 conv, stride 1: the module's input size is this conv's output size
    out = next(r[3] for r in rows if r[0].startswith(f"{name}.branch4"))
    total = c1 + c2 + c3 + c4
    answer = (total, h, w)
    assert out[1:] == (h, w), name
    steps = [Step("exercises.step.same_size", f"{h}×{w}"),
             Step("exercises.step.concat", f"{c1} + {c2} + {c3} + {c4} = {total}"),
             Step("exercises.step.shape", value_text(answer))]
    mistakes = [mistake("exercises.hint.inception_pool", (c1 + c2 + c3, h, w), 1),
                mistake("exercises.hint.inception_proj", (c1 + c2 + c3 + c, h, w), 1),
                mistake("exercises.hint.inception_reduce", (c1 + r2 + c2 + r3 + c3 + c4, h, w), 1),
                mistake("exercises.hint.inception_size", (total, h - 4, w - 4), 0),
                mistake("exercises.hint.order", (h, w, total), 2)]
    return exercise("inception_concat", "exercises.inception_concat.prompt",
                    dict(name=name, h=h, c=c, c1=c1, r2=r2, c2=c2, r3=r3, c3=c3, c4=c4), "shape", answer, steps,
                    mistakes)


def factorize(rng: random.Random) -> Exercise:
    c = rng.choice([16, 32, 64, 128, 256])
    k = rng.choice([5, 5, 7])
    cost = factorize_cost(c, 28, 28, k)
    single, stacked = cost.symbolic()
    which = rng.choice(["stacked", "single"])
    steps = [Step("exercises.step.fz_single", f"{cost.single_params_formula()}  ({single})"),
             Step("exercises.step.fz_stacked", f"{cost.stacked_params_formula()}  ({stacked})", {"n": cost.n_stacked}),
             Step("exercises.step.fz_rf", cost.stacked_rf_formula())]
    if which == "stacked":
        one = cost.stacked[0].params
        mistakes = [mistake("exercises.hint.fz_count", one, 1, n=cost.n_stacked),
                    mistake("exercises.hint.fz_channels", cost.stacked_params // c, 1),
                    mistake("exercises.hint.fz_count", (k - 1) * one, 1, n=cost.n_stacked)]
        answer = cost.stacked_params
    else:
        mistakes = [mistake("exercises.hint.fz_channels", cost.single_params // c, 0)]
        answer = cost.single_params
    return exercise("factorize", f"exercises.factorize.prompt_{which}", dict(c=c, k=k, n=cost.n_stacked), "int",
                    answer, steps, mistakes, note="exercises.note.factorize")


KINDS = {"obo_shape": obo_shape, "obo_macs": obo_macs, "bottleneck": bottleneck,
         "inception_concat": inception_concat, "factorize": factorize}
