"""Lesson 5's exercises on the training lab's loop: steps per epoch, the last batch, steps in a run, images seen —
each counted on the lab's own loader."""
from __future__ import annotations

import math
import random
from typing import Any

from cnnlab.arithmetic import fmt_int
from cnnlab.exercises.core import Exercise, Step, exercise, mistake

# The training lab's datasets: a language-neutral name and the number of training images (None: the bundled split)
TRAIN_SETS = {"mnist10k": ("MNIST-10k", None), "mnist": ("MNIST", 60_000),
              "fashion_mnist": ("Fashion-MNIST", 60_000), "cifar10": ("CIFAR-10", 50_000)}
EPOCHS = [3, 5, 10, 20]


def _setting(rng: random.Random) -> tuple[str, int, int]:
    """(dataset name, training images, batch size)."""
    from cnnlab.data import TRAIN_SIZE

    name, n = TRAIN_SETS[rng.choice(sorted(TRAIN_SETS))]
    return name, n or TRAIN_SIZE, rng.choice([16, 32, 64, 128, 256, 512])


def _loader(n: int, batch: int) -> Any:
    """The training lab's own loader over n (empty) images: its length and batches are the real ones."""
    import torch

    from cnnlab.data import TensorLoader

    return TensorLoader(torch.empty(n, 0), torch.empty(n, 0), batch)


def _iters_step(n: int, b: int, iters: int) -> Step:
    formula = f"⌈{fmt_int(n)} / {b}⌉ = ⌈{n / b:.2f}⌉ = {fmt_int(iters)}".replace(".00⌉", "⌉")
    return Step("exercises.step.iters", formula)


def iters(rng: random.Random) -> Exercise:
    data, n, b = _setting(rng)
    count = len(_loader(n, b))
    mistakes = [mistake("exercises.hint.iters_last", n // b, 0), mistake("exercises.hint.iters_product", n * b, 0)]
    return exercise("iters", "exercises.iters.prompt", dict(data=data, n=n, b=b), "int", count,
                    [_iters_step(n, b, count)], mistakes)


def last_batch(rng: random.Random) -> Exercise:
    while True:
        data, n, b = _setting(rng)
        if n % b:
            break
    loader = _loader(n, b)
    last, count = len(list(loader)[-1][1]), len(loader)
    steps = [_iters_step(n, b, count),
             Step("exercises.step.last_batch", f"{fmt_int(n)} − {fmt_int(count - 1)}·{b} = {last}")]
    mistakes = [mistake("exercises.hint.last_full", b, 1), mistake("exercises.hint.last_zero", 0, 1)]
    return exercise("last_batch", "exercises.last_batch.prompt", dict(data=data, n=n, b=b), "int", last, steps,
                    mistakes)


def steps_total(rng: random.Random) -> Exercise:
    data, n, b = _setting(rng)
    e = rng.choice(EPOCHS)
    count = len(_loader(n, b))
    steps = [_iters_step(n, b, count), Step("exercises.step.epochs", f"{e}·{fmt_int(count)} = {fmt_int(e * count)}")]
    mistakes = [mistake("exercises.hint.iters_last", e * (n // b), 0),
                mistake("exercises.hint.epoch_restart", math.ceil(e * n / b), 1),
                mistake("exercises.hint.epochs_multiply", count, 1),
                mistake("exercises.hint.steps_not_images", e * n, 1)]
    return exercise("steps_total", "exercises.steps_total.prompt", dict(data=data, n=n, b=b, e=e), "int", e * count,
                    steps, mistakes)


def images_seen(rng: random.Random) -> Exercise:
    data, n, b = _setting(rng)
    e = rng.choice(EPOCHS)
    loader = _loader(n, b)
    seen, count = e * sum(len(labels) for _, labels in loader), len(loader)
    steps = [Step("exercises.step.epoch_images", f"{fmt_int(n)}"),
             Step("exercises.step.epochs", f"{e}·{fmt_int(n)} = {fmt_int(seen)}")]
    mistakes = [mistake("exercises.hint.images_not_steps", e * count, 1),
                mistake("exercises.hint.epochs_multiply", n, 1),
                mistake("exercises.hint.images_last_batch", e * count * b, 0)]
    return exercise("images_seen", "exercises.images_seen.prompt", dict(data=data, n=n, b=b, e=e), "int", seen,
                    steps, mistakes, note="exercises.note.images_seen")


KINDS = {"iters": iters, "last_batch": last_batch, "steps_total": steps_total, "images_seen": images_seen}
