"""Lesson 5's exercises on AlexNet's data augmentation: how many random crops (a window sliding with stride 1),
with mirroring, and after padding (the CIFAR recipe)."""
from __future__ import annotations

import random

from cnnlab.arithmetic import fmt_int
from cnnlab.exercises.builders import window_steps
from cnnlab.exercises.core import Exercise, Step, exercise, mistake


def _crop_sizes(rng: random.Random) -> tuple[int, int]:
    return rng.choice([(256, 224), (256, 224), (256, 227), (36, 32), (40, 32), (32, 28), (28, 24), (64, 56)])


def crops(rng: random.Random) -> Exercise:
    n, c = _crop_sizes(rng)
    a, steps = window_steps(n, c)
    mistakes = [mistake("exercises.hint.crop_plus_one", (n - c) ** 2, 0),
                mistake("exercises.hint.crop_both", a, 1)]
    return exercise("crops", "exercises.crops.prompt", dict(n=n, c=c), "int", a * a, steps, mistakes)


def crops_mirror(rng: random.Random) -> Exercise:
    n, c = _crop_sizes(rng)
    a, steps = window_steps(n, c)
    steps.append(Step("exercises.step.mirror", f"2·{fmt_int(a * a)} = {fmt_int(2 * a * a)}"))
    mistakes = [mistake("exercises.hint.mirror_doubles", a * a, 2),
                mistake("exercises.hint.crop_plus_one", 2 * (n - c) ** 2, 0),
                mistake("exercises.hint.crop_both", 2 * a, 1)]
    return exercise("crops_mirror", "exercises.crops_mirror.prompt", dict(n=n, c=c), "int", 2 * a * a, steps,
                    mistakes, note="exercises.note.alexnet_2048" if (n, c) == (256, 224) else None)


def pad_crop(rng: random.Random) -> Exercise:
    n, p = rng.choice([(32, 4), (32, 2), (28, 2), (28, 3), (32, 3)])
    a, steps = window_steps(n, n, 1, p)
    mistakes = [mistake("exercises.hint.pad_twice", (p + 1) ** 2, 0),
                mistake("exercises.hint.crop_plus_one", (2 * p) ** 2, 0),
                mistake("exercises.hint.crop_both", a, 1)]
    return exercise("pad_crop", "exercises.pad_crop.prompt", dict(n=n, p=p), "int", a * a, steps, mistakes)


KINDS = {"crops": crops, "crops_mirror": crops_mirror, "pad_crop": pad_crop}
