"""Lab exercises on seeing inside: a hand-made kernel's output size, how many feature maps a layer gives, the
weights of one first-layer filter of a real network."""
from __future__ import annotations

import random

from cnnlab.arithmetic import conv2d, output_size
from cnnlab.exercises.builders import conv_layer, filter_step, network, shape_steps, title
from cnnlab.exercises.core import Exercise, Step, attempt, exercise, mistake


def kernel_out(rng: random.Random) -> Exercise:
    from cnnlab.feature_maps import KERNELS

    k = int(KERNELS[rng.choice(sorted(KERNELS))].shape[0])
    while True:
        n, s, p = rng.choice([96, 64, 32, 28, 27]), rng.randint(1, 4), rng.randint(0, 3)
        if (attempt(output_size, n, k, s, p) or 0) >= 2:
            break
    answer, steps, mistakes = shape_steps(n, 1, None, k, s, p)
    return exercise("kernel_out", "exercises.kernel_out.prompt", dict(n=n, k=k, s=s, p=p), "shape", answer,
                    steps, mistakes)


def n_maps(rng: random.Random) -> Exercise:
    n, c, f, k, s, p, _ = conv_layer(rng, dilation=False)
    while f == c:
        f = rng.choice([4, 6, 8, 10, 16, 32, 64])
    maps = conv2d(n, c, f, k, s, p).output_shape[0]
    mistakes = [mistake("exercises.hint.maps_input", c, 0), mistake("exercises.hint.maps_product", c * f, 0)]
    return exercise("n_maps", "exercises.n_maps.prompt", dict(n=n, c=c, f=f, k=k, s=s, p=p), "int", maps,
                    [Step("exercises.step.maps", f"{f} → {maps}")], mistakes)


def filter_weights(rng: random.Random) -> Exercise:
    name = rng.choice(["lenet5", "alexnet", "vgg16", "resnet18", "googlenet"])
    layer, _, (c, h, _), _, (f, k, s, p, _) = next(r for r in network(name)[1] if r[1] == "Conv2d")
    one, step = filter_step(k, c)
    mistakes = [mistake("exercises.hint.filter_depth", k * k, 0),
                mistake("exercises.hint.filter_all", conv2d(h, c, f, k, s, p, bias=False).params, 0),
                mistake("exercises.hint.filter_all", conv2d(h, c, f, k, s, p).params, 0),
                mistake("exercises.hint.filter_bias", one + 1, 0)]
    return exercise("filter_weights", "exercises.filter_weights.prompt",
                    dict(model=title(name), layer=layer, c=c, h=h, f=f, k=k), "int", one, [step], mistakes)


KINDS = {"kernel_out": kernel_out, "n_maps": n_maps, "filter_weights": filter_weights}
