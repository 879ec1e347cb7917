"""Lesson 2's exercises on the real networks (built on the meta device): a layer's output shape, a dense layer's
parameters and share, the flattened size, which of two networks is bigger, AlexNet's 224 vs 227."""
from __future__ import annotations

import random

from cnnlab.arithmetic import conv2d, fmt_int, linear, output_size
from cnnlab.exercises.builders import CLASSIC, network, shape_steps, title
from cnnlab.exercises.core import Exercise, Step, exercise, mistake


def arch_layer(rng: random.Random) -> Exercise:
    name = rng.choice(CLASSIC)
    rows = [r for r in network(name)[1] if r[1] in ("Conv2d", "MaxPool2d", "AvgPool2d")]
    layer, typ, (c, h, _), out, settings = rng.choice(rows)
    values = dict(model=title(name), layer=layer, h=h, c=c)
    if typ == "Conv2d":
        f, k, s, p, _ = settings
        answer, steps, mistakes = shape_steps(h, c, f, k, s, p)
        values.update(f=f, k=k, s=s, p=p)
    else:
        k, s, p, _ = settings
        answer, steps, mistakes = shape_steps(h, c, None, k, s, p, pool=True)
        values.update(k=k, s=s, p=p)
    if answer != tuple(out):  # the network and the arithmetic disagree: a bug, never a question
        raise AssertionError(f"{name}.{layer}: arithmetic {answer} vs network {out}")
    prompt = "exercises.arch_layer.prompt_conv" if typ == "Conv2d" else "exercises.arch_layer.prompt_pool"
    return exercise("arch_layer", prompt, values, "shape", answer, steps, mistakes)


def arch_fc(rng: random.Random) -> Exercise:
    name = rng.choice(["lenet5", "alexnet", "vgg16", "vgg16"])
    (total, _), rows = network(name)
    layer, _, _, _, (fin, fout, params, _) = rng.choice([r for r in rows if r[1] == "Linear"])
    fc = linear(fin, fout)
    assert fc.params == params, (name, layer)
    weights = linear(fin, fout, bias=False).params
    steps = [Step("exercises.step.params", fc.params_formula()),
             Step("exercises.step.share", f"{fmt_int(params)} / {fmt_int(total)} = {100 * params / total:.1f}%")]
    mistakes = [
        mistake("exercises.hint.no_bias", weights, 0),
        mistake("exercises.hint.bias_per_input", weights + fin, 0),
        mistake("exercises.hint.fc_sum", fin + fout, 0),
    ]
    return exercise("arch_fc", "exercises.arch_fc.prompt",
                    dict(model=title(name), layer=layer, fin=fin, fout=fout, total=total), "int", params, steps,
                    mistakes, note="exercises.note.fc_share")


def arch_flatten(rng: random.Random) -> Exercise:
    name = rng.choice(CLASSIC)
    first_fc = next(r for r in network(name)[1] if r[1] == "Linear")
    fin, _, _, (c, h, w) = first_fc[4]
    steps = [Step("exercises.step.flatten", f"{c}·{h}·{w} = {fmt_int(fin)}")]
    mistakes = [mistake("exercises.hint.flatten_channels", h * w, 0),
                mistake("exercises.hint.flatten_channels", c, 0),
                mistake("exercises.hint.flatten_sum", h + w + c, 0)]
    return exercise("arch_flatten", "exercises.arch_flatten.prompt",
                    dict(model=title(name), h=h, w=w, c=c, layer=first_fc[0]), "int", fin, steps, mistakes)


PAIRS = [("alexnet", "googlenet"), ("vgg16", "resnet50"), ("alexnet", "resnet18"), ("vgg16", "googlenet"),
         ("resnet18", "resnet50"), ("vgg11", "resnet34"), ("alexnet", "vgg16")]


def arch_compare(rng: random.Random) -> Exercise:
    pair = list(rng.choice(PAIRS))
    rng.shuffle(pair)
    metric = rng.choice(["params", "macs"])
    counts = {n: network(n)[0][0 if metric == "params" else 1] for n in pair}
    answer = max(pair, key=counts.get)
    steps = [Step(f"exercises.step.model_{metric}", f"{title(n)}: {fmt_int(counts[n])}") for n in pair]
    big, small = counts[answer], min(counts.values())
    steps.append(Step("exercises.step.ratio", f"{fmt_int(big)} / {fmt_int(small)} = {big / small:.1f}"))
    other = next(n for n in pair if n != answer)
    return exercise("arch_compare", f"exercises.arch_compare.prompt_{metric}", dict(a=title(pair[0]), b=title(pair[1])),
                    "choice", answer, steps, [mistake(f"exercises.hint.compare_{metric}", other, 0)],
                    choices=tuple(pair), labels=tuple(title(n) for n in pair))


def alexnet_224(rng: random.Random) -> Exercise:
    """AlexNet's first layer: 224 in the paper, but (224 − 11)/4 + 1 is not 55 — padding 2 or an input of 227."""
    variant = rng.choice(["out", "padding", "input"])
    values = dict(n=224, k=11, s=4, out=55)
    if variant == "out":
        layer = conv2d(224, 3, 96, 11, 4, 0)
        mistakes = [mistake("exercises.hint.alexnet_paper", 55, 0),
                    mistake("exercises.hint.floor_exact", (224 - 11) / 4 + 1, 0),
                    mistake("exercises.hint.plus_one", layer.out_h - 1, 0)]
        return exercise("alexnet_224", "exercises.alexnet_224.prompt_out", values, "int", layer.out_h,
                        [Step("exercises.step.size", layer.size_formula("h"))], mistakes,
                        note="exercises.note.alexnet_227")
    if variant == "padding":
        p = next(p for p in range(6) if output_size(224, 11, 4, p) == 55)
        steps = [Step("exercises.step.size_try", conv2d(224, 3, 96, 11, 4, q).size_formula("h"), {"p": q})
                 for q in range(p + 1)]
        mistakes = [mistake("exercises.hint.alexnet_pad_one_side", 3, p),
                    mistake("exercises.hint.alexnet_pad_zero", 0, 0)]
        return exercise("alexnet_224", "exercises.alexnet_224.prompt_padding", values, "int", p, steps, mistakes)
    n = next(n for n in range(200, 260) if output_size(n, 11, 4) == 55)
    steps = [Step("exercises.step.size_inverse", f"(55 − 1)·4 + 11 = {n}"),
             Step("exercises.step.size", conv2d(n, 3, 96, 11, 4).size_formula("h"))]
    mistakes = [mistake("exercises.hint.alexnet_paper_input", 224, 1),
                mistake("exercises.hint.inverse_plus_one", 55 * 4 + 11, 0)]
    return exercise("alexnet_224", "exercises.alexnet_224.prompt_input", values, "int", n, steps, mistakes,
                    note="exercises.note.alexnet_227")


KINDS = {"arch_layer": arch_layer, "arch_fc": arch_fc, "arch_flatten": arch_flatten, "arch_compare": arch_compare,
         "alexnet_224": alexnet_224}
