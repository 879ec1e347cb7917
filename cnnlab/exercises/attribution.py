"""Lab exercises on attribution's cost, counted by ``cnnlab.attribution.cost`` (what captum runs): occlusion's
forward passes, integrated gradients' passes, which of the two costs more."""
from __future__ import annotations

import random

from cnnlab.arithmetic import fmt_int
from cnnlab.exercises.builders import concept_choices, window_steps
from cnnlab.exercises.core import Exercise, Step, exercise, mistake


def _occlusion_setting(rng: random.Random) -> tuple[int, int, int]:
    """(image side, window, stride) with (n − w) divisible by s: captum then slides exactly ⌊(n − w)/s⌋ + 1
    windows (otherwise it adds a last, border-aligned one: ⌈(n − w)/s⌉ + 1)."""
    while True:
        n = rng.choice([28, 32, 64, 224])
        w = rng.choice([4, 6, 8, 16, 32])
        s = rng.choice([2, 4, 8, 16])
        if w <= n // 2 and s <= w and n // s <= 16 and (n - w) % s == 0:
            return n, w, s


def occlusion(rng: random.Random) -> Exercise:
    from cnnlab.attribution import cost

    n, w, s = _occlusion_setting(rng)
    forward = cost("occlusion", (3, n, n), window=w, stride=s).forward
    a, steps = window_steps(n, w, s, axis_key="exercises.step.occ_axis")
    steps.append(Step("exercises.step.occ_baseline", f"{fmt_int(a * a)} + 1 = {fmt_int(forward)}"))
    mistakes = [mistake("exercises.hint.occ_baseline", a * a, 2),
                mistake("exercises.hint.plus_one", (a - 1) ** 2 + 1, 0),
                mistake("exercises.hint.occ_stride", (n // s) ** 2 + 1, 0),
                mistake("exercises.hint.crop_both", a + 1, 1)]
    return exercise("occlusion", "exercises.occlusion.prompt", dict(n=n, w=w, s=s), "int", forward, steps, mistakes)


def ig_passes(rng: random.Random) -> Exercise:
    from cnnlab.attribution import cost

    m = rng.choice([8, 16, 20, 32, 50, 64, 100, 128])
    ig = cost("integrated_gradients", (3, 224, 224), steps=m)
    total = ig.forward + ig.backward
    steps = [Step("exercises.step.ig_forward", f"{m} → {ig.forward}"),
             Step("exercises.step.ig_backward", f"{m} → {ig.backward}"),
             Step("exercises.step.total", f"{ig.forward} + {ig.backward} = {total}")]
    saliency = cost("saliency", (3, 224, 224))
    mistakes = [mistake("exercises.hint.ig_backward", ig.forward, 1),
                mistake("exercises.hint.ig_steps", saliency.forward + saliency.backward, 0),
                mistake("exercises.hint.ig_backward", ig.forward + 1, 1)]
    return exercise("ig_passes", "exercises.ig_passes.prompt", dict(m=m), "int", total, steps, mistakes)


def attr_compare(rng: random.Random) -> Exercise:
    from cnnlab.attribution import cost

    while True:
        n, w, s = _occlusion_setting(rng)
        m = rng.choice([16, 32, 50, 64, 128, 256])
        occ = cost("occlusion", (3, n, n), window=w, stride=s).forward
        ig = cost("integrated_gradients", (3, n, n), steps=m).forward
        if occ != ig:
            break
    answer = "occlusion" if occ > ig else "integrated_gradients"
    options = concept_choices(rng, ["occlusion", "integrated_gradients"])
    a, _ = window_steps(n, w, s)
    steps = [Step("exercises.step.occ_total", f"{a}² + 1 = {fmt_int(occ)}"),
             Step("exercises.step.ig_forward", f"{m} → {ig}")]
    other = next(c for c in options["choices"] if c != answer)
    return exercise("attr_compare", "exercises.attr_compare.prompt", dict(n=n, w=w, s=s, m=m), "choice", answer,
                    steps, [mistake("exercises.hint.attr_count", other, 0)], **options)


KINDS = {"occlusion": occlusion, "ig_passes": ig_passes, "attr_compare": attr_compare}
