"""Predict, then reveal: lesson exercises generated from a seed, checked with a hint at the step that went wrong.

    ex = generate("conv_arithmetic", seed="class7", index=0)    # the same exercise for everyone with ?ex=class7
    check(ex, "32×32×10")        # Verdict(status="correct")
    check(ex, "31×31×10")        # Verdict(status="wrong", hint="exercises.hint.plus_one", step=0)
    answer_text(ex), ex.steps    # the answer and its worked arithmetic, each step (name key, formula)

Every number comes from cnnlab's counting engine (``arithmetic``, ``summary``, ``models``, ``data``,
``attribution``); a *mistake* is the same engine run with the student's wrong assumption (padding on one side
only, no bias, the kernel instead of its dilated span …), so its wrong value is exactly what that slip gives.
Texts are i18n keys (``cnnlab/i18n/exercises.py``); formulas are language-neutral (``(32 + 2·2 − 5) / 1 + 1 = 32``).

``core.py`` holds what an exercise is and how an answer is read and checked; ``builders.py`` the pieces several
lessons share; each lesson's kinds live in a module of the lesson's name (``KINDS``: kind → builder).
"""
from __future__ import annotations

import random
from dataclasses import replace
from typing import Callable

from cnnlab.exercises import (architectures, attribution, augmentation, build_your_own, conv_arithmetic, degradation,
                              feature_maps, one_by_one, training_lab)
from cnnlab.exercises.core import (Answer, AnswerError, Exercise, Mistake, Step, Verdict, answer_text, check, clean,
                                   new_seed, normalize_seed, parse_answer, value_text)

__all__ = ["Answer", "Step", "Mistake", "Exercise", "Verdict", "AnswerError", "LESSONS", "generate", "check",
           "parse_answer", "answer_text", "value_text", "normalize_seed", "new_seed"]

_MODULES = (conv_arithmetic, architectures, build_your_own, degradation, one_by_one, augmentation, training_lab,
            feature_maps, attribution)   # in teaching order; a module's name is its lesson's
_BUILDERS: dict[str, Callable[[random.Random], Exercise]] = {k: f for m in _MODULES for k, f in m.KINDS.items()}

LESSONS: dict[str, tuple[str, ...]] = {m.__name__.rsplit(".", 1)[1]: tuple(m.KINDS) for m in _MODULES}


def generate(lesson: str, seed: str, index: int) -> Exercise:
    """Exercise ``index`` (0, 1, …) of a lesson's set for ``seed``: the same for everyone with that seed.

    Each block of consecutive indices visits every kind of the lesson once, in an order set by the seed.
    """
    if lesson not in LESSONS:
        raise KeyError(f"no exercises for lesson {lesson!r} (lessons: {', '.join(LESSONS)})")
    if index < 0:
        raise ValueError(f"the exercise index starts at 0, got {index}")
    kinds = list(LESSONS[lesson])
    random.Random(f"{seed}:{lesson}:{index // len(kinds)}").shuffle(kinds)
    kind = kinds[index % len(kinds)]
    ex = _BUILDERS[kind](random.Random(f"{seed}:{lesson}:{index}"))
    return clean(replace(ex, lesson=lesson, seed=seed, index=index))
