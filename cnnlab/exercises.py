"""Predict, then reveal: lesson exercises generated from a seed, checked with a hint at the step that went wrong.

    ex = generate("conv_arithmetic", seed="class7", index=0)    # the same exercise for everyone with ?ex=class7
    check(ex, "32×32×10")        # Verdict(status="correct")
    check(ex, "31×31×10")        # Verdict(status="wrong", hint="exercises.hint.plus_one", step=0)
    answer_text(ex), ex.steps    # the answer and its worked arithmetic, each step (name key, formula)

Every number comes from cnnlab's counting engine (``arithmetic``, ``summary``, ``models``, ``data``,
``attribution``); a *mistake* is the same engine run with the student's wrong assumption (padding on one side
only, no bias, the kernel instead of its dilated span …), so its wrong value is exactly what that slip gives.
Texts are i18n keys (``cnnlab/i18n/exercises.py``); formulas are language-neutral (``(32 + 2·2 − 5) / 1 + 1 = 32``).

Answer formats (say them in the prompt, parse them friendly but strictly):
* ``int`` — all digits; ``1,234,567``, ``1 234 567`` and ``4^10`` are fine, ``12.4M`` is refused (write it out);
* ``float`` — ``0.25``, ``1/4``, ``25%``, ``9.7×``; right within the exercise's tolerance;
* ``shape`` — height×width×channels: ``32×32×10``, ``32x32x10``, ``32 32 10`` or ``32, 32, 10``;
* ``choice`` — one option id (the page shows a radio), or its label, ``1``/``2``, ``a``/``b``.
"""
from __future__ import annotations

import math
import random
import re
import secrets
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any, Callable

from cnnlab.arithmetic import (LayerError, bottleneck_cost, conv2d, conv_vs_fc, factorize_cost, fmt_int, linear,
                               output_size, pool2d, receptive_field)

__all__ = ["Answer", "Step", "Mistake", "Exercise", "Verdict", "AnswerError", "LESSONS", "generate", "check",
           "parse_answer", "answer_text", "value_text", "normalize_seed", "new_seed"]

Answer = int | float | tuple[int, ...] | str


@dataclass(frozen=True)
class Step:
    """One step of the worked answer: its name (i18n key + values) and the arithmetic, e.g. ``(32 − 5)/1 + 1 = 28``."""

    key: str
    formula: str
    fmt: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Mistake:
    """A known slip: the answer it produces and the hint (i18n key + values) pointing at step ``step``."""

    hint: str
    wrong: Answer
    step: int
    fmt: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Exercise:
    lesson: str
    kind: str
    seed: str
    index: int
    prompt: str                        # i18n key, formatted with text_values()
    values: dict                       # the raw numbers of the problem (tests rebuild the torch layer from them)
    answer_kind: str                   # "int" | "float" | "shape" | "choice"
    answer: Answer
    steps: tuple[Step, ...]
    mistakes: tuple[Mistake, ...] = ()
    tolerance: float = 0.0             # float answers: accepted absolute error
    decimals: int = 2                  # float answers: digits shown
    choices: tuple[str, ...] = ()      # choice ids
    labels: tuple[str, ...] = ()       # per choice: an i18n key ("exercises.…") or a plain label (a network's name)
    note: str | None = None            # i18n key shown with the answer (a remark, e.g. the paper's 55)

    def text_values(self, extra: dict | None = None) -> dict[str, str]:
        """``values`` (and a step's or hint's own ``extra``) as display text: thousands separators, shapes with ×.

        Prompts, step names, hints and notes are all formatted with these.
        """
        return {k: value_text(v) for k, v in {**self.values, **(extra or {})}.items()}

    @property
    def format_key(self) -> str | None:
        """The i18n key saying how to write the answer (None for a choice)."""
        if self.answer_kind == "shape":
            return f"exercises.format.shape{len(self.answer)}"
        return None if self.answer_kind == "choice" else f"exercises.format.{self.answer_kind}"


@dataclass(frozen=True)
class Verdict:
    """``correct``; ``wrong`` with the hint of the first matching mistake (or a general one) and the step it
    points at; ``unparseable`` with the hint saying how to write the answer."""

    status: str
    hint: str | None = None
    step: int | None = None
    fmt: dict = field(default_factory=dict)
    given: Answer | None = None

    @property
    def correct(self) -> bool:
        return self.status == "correct"


class AnswerError(ValueError):
    """An answer that cannot be read; ``code`` names the i18n hint ``exercises.parse.<code>``."""

    def __init__(self, code: str, **fmt: Any):
        self.code, self.fmt = code, fmt
        super().__init__(code)


# ---------------------------------------------------------------- display and parsing
def value_text(value: Any) -> str:
    if isinstance(value, bool) or isinstance(value, str):
        return str(value)
    if isinstance(value, int):
        return fmt_int(value)
    if isinstance(value, float):
        return f"{value:g}".replace("-", "−")
    if isinstance(value, tuple):  # a shape: no thousands separators inside (commas may separate its parts)
        return "×".join(str(v) for v in value)
    return str(value)


def answer_text(ex: Exercise, value: Answer | None = None) -> str:
    """The answer (or ``value``) written as the exercise expects it: ``32×32×10``, ``12,443,648``, ``0.25``."""
    value = ex.answer if value is None else value
    if ex.answer_kind == "float" and isinstance(value, (int, float)):
        return f"{value:.{ex.decimals}f}".rstrip("0").rstrip(".") if ex.decimals else f"{value:.0f}"
    if ex.answer_kind == "int" and isinstance(value, float) and not value.is_integer():
        return f"{value:g}"
    return value_text(value)


_SPACES = re.compile(r"[\s\u00a0\u202f\u2009_']+")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?")


def _plain(text: str) -> str:
    return text.strip().replace("−", "-").replace("–", "-").replace("，", ",")


def _number(text: str, *, as_int: bool) -> float | int:
    """One number; thousands separators, ``a^b``, ``a/b`` and ``p%`` allowed; ``12.4M`` refused."""
    raw = _SPACES.sub("", _plain(text)).replace(",", "").lower()
    if not raw:
        raise AnswerError("empty")
    if m := re.fullmatch(r"(\d+)(\^|\*\*)(\d+)", raw):
        base, power = int(m.group(1)), int(m.group(3))
        if power > 64:
            raise AnswerError("not_number")
        return base ** power
    if re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)[kmgbt]", raw):
        raise AnswerError("suffix")
    if not as_int:
        raw = re.sub(r"(×|x|times|배)$", "", raw)
        if m := re.fullmatch(r"([+-]?\d+(?:\.\d*)?)/(\d+(?:\.\d*)?)", raw):
            den = float(m.group(2))
            if den == 0:
                raise AnswerError("not_number")
            return float(m.group(1)) / den
        if raw.endswith("%") and _NUMBER.fullmatch(raw[:-1]):
            return float(raw[:-1]) / 100
    if not _NUMBER.fullmatch(raw):
        raise AnswerError("not_number")
    value = float(raw)
    if not math.isfinite(value):
        raise AnswerError("not_number")
    return int(value) if as_int and value.is_integer() else value


def parse_answer(ex: Exercise, text: Any) -> Answer:
    """Read what the student typed (or the option chosen) into an answer; AnswerError if it cannot be read."""
    if ex.answer_kind == "choice":
        raw = _plain(str(text or "")).lower()
        if not raw:
            raise AnswerError("choice")
        for i, (cid, label) in enumerate(zip(ex.choices, ex.labels or ex.choices)):
            if raw in (cid.lower(), label.lower(), str(i + 1), "abcdefgh"[i]):
                return cid
        raise AnswerError("choice")
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        text = repr(text)
    text = _plain(str(text or ""))
    if ex.answer_kind == "shape":
        if not text:
            raise AnswerError("empty")
        parts = [p for p in re.split(r"[×xX*✕,\s]+", text.strip("()[] ")) if p]
        if len(parts) != len(ex.answer):
            raise AnswerError(f"shape{len(ex.answer)}")
        values = tuple(_number(p, as_int=True) for p in parts)
        if not all(isinstance(v, int) for v in values):
            raise AnswerError(f"shape{len(ex.answer)}")
        return values
    return _number(text, as_int=ex.answer_kind == "int")


def _same(ex: Exercise, given: Answer, expected: Answer) -> bool:
    if ex.answer_kind == "float":
        return abs(float(given) - float(expected)) <= ex.tolerance + 1e-12
    if ex.answer_kind == "int":
        return abs(float(given) - float(expected)) < 1e-9
    return given == expected


def check(ex: Exercise, answer: Any) -> Verdict:
    """Correct; else the first known mistake that gives this answer (hint + step); else a general hint."""
    try:
        given = parse_answer(ex, answer)
    except AnswerError as exc:
        return Verdict("unparseable", f"exercises.parse.{exc.code}", None, exc.fmt)
    if _same(ex, given, ex.answer):
        return Verdict("correct", given=given)
    for m in ex.mistakes:
        if _same(ex, given, m.wrong):
            return Verdict("wrong", m.hint, m.step, m.fmt, given)
    if ex.answer_kind == "float" and abs(float(given) - float(ex.answer)) <= 10 * ex.tolerance:
        return Verdict("wrong", "exercises.hint.close_float", len(ex.steps) - 1, {}, given)
    if ex.answer_kind == "int" and abs(ex.answer) >= 1000 and abs(float(given) / ex.answer - 1) < 0.005:
        return Verdict("wrong", "exercises.hint.close_int", len(ex.steps) - 1, {}, given)
    return Verdict("wrong", "exercises.hint.generic", None, {}, given)


# ---------------------------------------------------------------- seeds
_SEED_CHARS = "abcdefghjkmnpqrstuvwxyz23456789"   # no 0/o, 1/l/i: a seed read aloud in class


def normalize_seed(raw: Any) -> str | None:
    """A seed from the URL: letters, digits, ``-`` and ``_``, at most 32 characters (None if unusable)."""
    text = str(raw or "").strip()[:32]
    return text if text and re.fullmatch(r"[A-Za-z0-9_-]+", text) else None


def new_seed() -> str:
    """A fresh six-character seed (from the OS's randomness: the shared RNGs stay untouched)."""
    return "".join(secrets.choice(_SEED_CHARS) for _ in range(6))


# ---------------------------------------------------------------- building blocks
def _try(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """The engine's answer for a wrong assumption, or None when that assumption gives an impossible layer."""
    try:
        return fn(*args, **kwargs)
    except (LayerError, ValueError, ZeroDivisionError):
        return None


def _mistake(hint: str, wrong: Any, step: int, **fmt: Any) -> Mistake | None:
    if wrong is None or (isinstance(wrong, tuple) and (None in wrong or min(wrong) < 1)):
        return None
    return Mistake(hint, wrong, step, fmt)


def _ex(kind: str, prompt: str, values: dict, answer_kind: str, answer: Answer, steps: list[Step],
        mistakes: list[Mistake | None] = (), **extra: Any) -> Exercise:
    """An exercise (lesson, seed and index are filled in by ``generate``)."""
    return Exercise("", kind, "", 0, prompt, values, answer_kind, answer, tuple(steps),
                    tuple(m for m in mistakes if m is not None), **extra)


def _clean(ex: Exercise) -> Exercise:
    """Keep the mistakes whose wrong answer differs from the answer and from every earlier mistake's."""
    kept: list[Mistake] = []
    for m in ex.mistakes:
        if _same(ex, m.wrong, ex.answer) or any(_same(ex, m.wrong, k.wrong) for k in kept):
            continue
        if ex.answer_kind == "int" and float(m.wrong) < 0:
            continue
        kept.append(m)
    return replace(ex, mistakes=tuple(kept))


def _hw(side: int, channels: int | None) -> tuple[int, ...]:
    return (side, side) if channels is None else (side, side, channels)


def _shape_steps(n: int, c: int, f: int | None, k: int, s: int, p: int, d: int = 1, *, pool: bool = False
                 ) -> tuple[tuple[int, ...], list[Step], list[Mistake | None]]:
    """(answer H×W[×C], steps, mistakes) for a square conv (``f`` filters; None = one map, no channels) or pool."""
    layer = pool2d(n, c, k, s, p) if pool else conv2d(n, c, f or 1, k, s, p, d)
    out, span = layer.out_h, (k if pool else layer.effective_kernel[0])
    channels = c if pool else f
    steps: list[Step] = []
    if d > 1:
        steps.append(Step("exercises.step.span", layer.kernel_formula("h")))
    size = len(steps)
    steps.append(Step("exercises.step.pool_size" if pool else "exercises.step.size", layer.size_formula("h")))
    side = lambda x: _hw(x, channels) if x is not None else None  # noqa: E731
    mistakes = [
        _mistake("exercises.hint.plus_one", side(out - 1), size),
        _mistake("exercises.hint.pad_once", side(_try(output_size, n + p, k, s, 0, d)), size) if p else None,
        _mistake("exercises.hint.no_pad", side(_try(output_size, n, k, s, 0, d)), size) if p else None,
        _mistake("exercises.hint.span", side(_try(output_size, n, k, s, p, 1)), 0, k=k, d=d) if d > 1 else None,
        _mistake("exercises.hint.stride_ignored", side(_try(output_size, n, k, 1, p, d)), size) if s > 1 else None,
        _mistake("exercises.hint.stride_first", side((n + 2 * p) // s - span + 1), size) if s > 1 else None,
        _mistake("exercises.hint.floor", side(output_size(n, k, s, p, d, ceil_mode=True)), size),
        _mistake("exercises.hint.divide_only", side(n // s), size) if pool else None,
    ]
    if channels is None:
        answer = (out, out)
        steps.append(Step("exercises.step.shape", value_text(answer)))
        return answer, steps, mistakes
    answer = (out, out, channels)
    steps.append(Step("exercises.step.pool_channels" if pool else "exercises.step.channels", f"C = {channels}"))
    if not pool and c != f:
        mistakes.append(_mistake("exercises.hint.channels_in", (out, out, c), len(steps) - 1))
    steps.append(Step("exercises.step.shape", value_text(answer)))
    mistakes.append(_mistake("exercises.hint.order", (channels, out, out), len(steps) - 1))
    return answer, steps, mistakes


LESSON_CONV = (32, 3, 10, 5, 1, 2, 1)   # the notes' example: 32×32×3, ten 5×5 filters, s = 1, p = 2


def _conv_layer(rng: random.Random, *, dilation: bool = True) -> tuple[int, ...]:
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
        layer = _try(conv2d, n, c, f, k, s, p, d)
        if layer is not None and p < layer.effective_kernel[0] and layer.out_h >= 2:
            return n, c, f, k, s, p, d


# ---------------------------------------------------------------- conv_arithmetic
def _conv_out(rng: random.Random) -> Exercise:
    n, c, f, k, s, p, d = _conv_layer(rng)
    answer, steps, mistakes = _shape_steps(n, c, f, k, s, p, d)
    return _ex("conv_out", "exercises.conv_out.prompt" + ("_dilated" if d > 1 else ""),
               dict(n=n, c=c, f=f, k=k, s=s, p=p, d=d), "shape", answer, steps, mistakes)


def _conv_params(rng: random.Random) -> Exercise:
    n, c, f, k, s, p, _ = _conv_layer(rng, dilation=False)
    layer = conv2d(n, c, f, k, s, p)
    one = conv2d(n, c, 1, k, s, p, bias=False)
    steps = [Step("exercises.step.filter_weights", f"{k}·{k}·{c} = {fmt_int(one.params)}"),
             Step("exercises.step.params", layer.params_formula())]
    mistakes = [
        _mistake("exercises.hint.no_bias", conv2d(n, c, f, k, s, p, bias=False).params, 1),
        _mistake("exercises.hint.no_channels", conv2d(n, 1, f, k, s, p).params, 0),
        _mistake("exercises.hint.one_bias", conv2d(n, c, f, k, s, p, bias=False).params + 1, 1),
        _mistake("exercises.hint.params_not_macs", layer.macs, 1),
    ]
    return _ex("conv_params", "exercises.conv_params.prompt", dict(n=n, c=c, f=f, k=k, s=s, p=p), "int",
               layer.params, steps, mistakes)


def _conv_macs(rng: random.Random) -> Exercise:
    n, c, f, k, s, p, _ = _conv_layer(rng, dilation=False)
    layer = conv2d(n, c, f, k, s, p)
    steps = [Step("exercises.step.size", layer.size_formula("h")), Step("exercises.step.macs", layer.macs_formula())]
    mistakes = [
        _mistake("exercises.hint.macs_input_size", _try(lambda: conv2d(n, c, f, k, 1, "same").macs), 0),
        _mistake("exercises.hint.no_channels", conv2d(n, 1, f, k, s, p).macs, 1),
        _mistake("exercises.hint.macs_bias", layer.macs + layer.out_h * layer.out_w * f, 1),
        _mistake("exercises.hint.flops", 2 * layer.macs, 1),
        _mistake("exercises.hint.macs_not_params", layer.params, 1),
    ]
    return _ex("conv_macs", "exercises.conv_macs.prompt", dict(n=n, c=c, f=f, k=k, s=s, p=p), "int", layer.macs,
               steps, mistakes)


def _pool_layer(rng: random.Random) -> tuple[int, int, int, int, int]:
    while True:
        n = rng.choice([7, 13, 14, 15, 27, 28, 32, 55, 56, 112])
        k, s = rng.choice([(2, 2), (2, 2), (3, 2), (3, 3), (3, 1), (4, 4)])
        p = rng.choice([0, 0, 0, 1]) if k >= 2 else 0
        c = rng.choice([6, 16, 32, 64, 96, 256])
        if (_try(output_size, n, k, s, p) or 0) >= 2:
            return n, c, k, s, p


def _pool_out(rng: random.Random) -> Exercise:
    n, c, k, s, p = _pool_layer(rng)
    mode = rng.choice(["max", "avg"])
    answer, steps, mistakes = _shape_steps(n, c, None, k, s, p, pool=True)
    return _ex("pool_out", f"exercises.pool_out.prompt_{mode}", dict(n=n, c=c, k=k, s=s, p=p), "shape", answer,
               steps, mistakes)


def _pool_params(rng: random.Random) -> Exercise:
    n, c, k, s, p = _pool_layer(rng)
    mode = rng.choice(["max", "avg"])
    layer = pool2d(n, c, k, s, p, mode=mode)
    steps = [Step("exercises.step.pool_size", layer.size_formula("h")),
             Step(f"exercises.step.pool_params_{mode}", f"{k}×{k}, s = {s} → {layer.params}")]
    mistakes = [
        _mistake("exercises.hint.pool_window", k * k * c, 1),
        _mistake("exercises.hint.pool_window", k * k, 1),
        _mistake("exercises.hint.pool_hyper", 2, 1),
        _mistake("exercises.hint.pool_hyper", 3, 1),
    ]
    return _ex("pool_params", f"exercises.pool_params.prompt_{mode}", dict(n=n, c=c, k=k, s=s, p=p), "int",
               layer.params, steps, mistakes, note="exercises.note.pool_hyper")


def _conv_vs_fc(rng: random.Random) -> Exercise:
    n, c, f, k = (32, 3, 10, 5) if rng.random() < 0.2 else (
        rng.choice([8, 12, 16, 28, 32]), rng.choice([1, 3]), rng.choice([4, 6, 8, 10, 16]), rng.choice([3, 5]))
    both = conv_vs_fc((c, n, n), f, k)
    conv, fc = both.conv, both.fc
    steps = [Step("exercises.step.fc_inputs", f"{n}·{n}·{c} = {fmt_int(fc.in_features)}"),
             Step("exercises.step.fc_outputs", f"{conv.out_h}·{conv.out_w}·{f} = {fmt_int(fc.out_features)}"),
             Step("exercises.step.params", both.fc_formula()),
             Step("exercises.step.conv_compare", conv.params_formula())]
    mistakes = [
        _mistake("exercises.hint.no_bias", linear(fc.in_features, fc.out_features, bias=False).params, 2),
        _mistake("exercises.hint.fc_is_conv", conv.params, 2),
        _mistake("exercises.hint.fc_channels", linear(n * n, fc.out_features).params, 0),
        _mistake("exercises.hint.fc_channels", linear(fc.in_features, n * n).params, 1),
    ]
    return _ex("conv_vs_fc", "exercises.conv_vs_fc.prompt", dict(n=n, c=c, f=f, k=k), "int", fc.params, steps,
               mistakes, note="exercises.note.conv_vs_fc")


def _receptive_field(rng: random.Random) -> Exercise:
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
        _mistake("exercises.hint.rf_sum", sum(k for k, _, _ in layers), 0),
        _mistake("exercises.hint.rf_jump", receptive_field([(k, 1, 1) for k, _, _ in layers])[-1][0], jump_step),
        _mistake("exercises.hint.rf_last", layers[-1][0], len(layers) - 1),
        _mistake("exercises.hint.rf_product", math.prod(k for k, _, _ in layers), 0),
    ]
    text = " → ".join(f"{k}×{k}/{s}" for k, s, _ in layers)
    return _ex("receptive_field", "exercises.receptive_field.prompt",
               dict(layers=text, count=len(layers), kernels=tuple(k for k, _, _ in layers),
                    strides=tuple(s for _, s, _ in layers)), "int", answer, steps, mistakes)


# ---------------------------------------------------------------- architectures (real networks, meta device)
@lru_cache(maxsize=32)
def _network(name: str) -> tuple[tuple[int, int], tuple[tuple[str, str, tuple, tuple, tuple], ...]]:
    """((params, MACs), rows) of a lesson network at its usual input, built on the meta device (no weights).

    A row is (layer name, type, input shape, output shape, settings) for conv, pooling and linear layers; settings
    are (filters, k, s, p, in channels), (k, s, p, ceil_mode) or (in, out, params, the last C×H×W map).
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


def _title(name: str) -> str:
    from cnnlab.models import MODELS

    return MODELS[name].title


def _arch_layer(rng: random.Random) -> Exercise:
    name = rng.choice(["lenet5", "alexnet", "vgg16"])
    rows = [r for r in _network(name)[1] if r[1] in ("Conv2d", "MaxPool2d", "AvgPool2d")]
    layer, typ, (c, h, _), out, settings = rng.choice(rows)
    if typ == "Conv2d":
        f, k, s, p, _ = settings
        answer, steps, mistakes = _shape_steps(h, c, f, k, s, p)
        values = dict(model=_title(name), layer=layer, h=h, c=c, f=f, k=k, s=s, p=p)
    else:
        k, s, p, ceil = settings
        answer, steps, mistakes = _shape_steps(h, c, None, k, s, p, pool=True)
        values = dict(model=_title(name), layer=layer, h=h, c=c, k=k, s=s, p=p)
    if answer != (out[1], out[2], out[0]):  # the network and the arithmetic disagree: a bug, never a question
        raise AssertionError(f"{name}.{layer}: arithmetic {answer} vs network {out}")
    prompt = "exercises.arch_layer.prompt_conv" if typ == "Conv2d" else "exercises.arch_layer.prompt_pool"
    return _ex("arch_layer", prompt, values, "shape", answer, steps, mistakes)


def _arch_fc(rng: random.Random) -> Exercise:
    name = rng.choice(["lenet5", "alexnet", "vgg16", "vgg16"])
    (total, _), rows = _network(name)
    layer, _, _, _, (fin, fout, params, _) = rng.choice([r for r in rows if r[1] == "Linear"])
    fc = linear(fin, fout)
    assert fc.params == params, (name, layer)
    steps = [Step("exercises.step.params", fc.params_formula()),
             Step("exercises.step.share", f"{fmt_int(params)} / {fmt_int(total)} = {100 * params / total:.1f}%")]
    mistakes = [
        _mistake("exercises.hint.no_bias", linear(fin, fout, bias=False).params, 0),
        _mistake("exercises.hint.bias_per_input", linear(fin, fout, bias=False).params + fin, 0),
        _mistake("exercises.hint.fc_sum", fin + fout, 0),
    ]
    return _ex("arch_fc", "exercises.arch_fc.prompt", dict(model=_title(name), layer=layer, fin=fin, fout=fout,
                                                          total=total), "int", params, steps, mistakes,
               note="exercises.note.fc_share")


def _arch_flatten(rng: random.Random) -> Exercise:
    name = rng.choice(["lenet5", "alexnet", "vgg16"])
    rows = _network(name)[1]
    first_fc = next(r for r in rows if r[1] == "Linear")
    fin, _, _, (c, h, w) = first_fc[4]
    steps = [Step("exercises.step.flatten", f"{h}·{w}·{c} = {fmt_int(fin)}")]
    mistakes = [_mistake("exercises.hint.flatten_channels", h * w, 0),
                _mistake("exercises.hint.flatten_channels", c, 0),
                _mistake("exercises.hint.flatten_sum", h + w + c, 0)]
    return _ex("arch_flatten", "exercises.arch_flatten.prompt", dict(model=_title(name), h=h, w=w, c=c,
                                                                    layer=first_fc[0]), "int", fin, steps, mistakes)


_PAIRS = [("alexnet", "googlenet"), ("vgg16", "resnet50"), ("alexnet", "resnet18"), ("vgg16", "googlenet"),
          ("resnet18", "resnet50"), ("vgg11", "resnet34"), ("alexnet", "vgg16")]


def _arch_compare(rng: random.Random) -> Exercise:
    pair = list(rng.choice(_PAIRS))
    rng.shuffle(pair)
    metric = rng.choice(["params", "macs"])
    counts = {n: _network(n)[0][0 if metric == "params" else 1] for n in pair}
    answer = max(pair, key=counts.get)
    steps = [Step(f"exercises.step.model_{metric}", f"{_title(n)}: {fmt_int(counts[n])}") for n in pair]
    big, small = counts[answer], min(counts.values())
    steps.append(Step("exercises.step.ratio", f"{fmt_int(big)} / {fmt_int(small)} = {big / small:.1f}"))
    other = next(n for n in pair if n != answer)
    mistakes = [_mistake(f"exercises.hint.compare_{metric}", other, 0)]
    return _ex("arch_compare", f"exercises.arch_compare.prompt_{metric}", dict(a=_title(pair[0]), b=_title(pair[1])),
               "choice", answer, steps, mistakes, choices=tuple(pair), labels=tuple(_title(n) for n in pair))


def _alexnet_224(rng: random.Random) -> Exercise:
    variant = rng.choice(["out", "padding", "input"])
    values = dict(n=224, k=11, s=4, out=55)
    if variant == "out":
        layer = conv2d(224, 3, 96, 11, 4, 0)
        steps = [Step("exercises.step.size", layer.size_formula("h"))]
        mistakes = [_mistake("exercises.hint.alexnet_paper", 55, 0),
                    _mistake("exercises.hint.floor_exact", (224 - 11) / 4 + 1, 0),
                    _mistake("exercises.hint.plus_one", layer.out_h - 1, 0)]
        return _ex("alexnet_224", "exercises.alexnet_224.prompt_out", values, "int", layer.out_h, steps, mistakes,
                   note="exercises.note.alexnet_227")
    if variant == "padding":
        p = next(p for p in range(6) if output_size(224, 11, 4, p) == 55)
        steps = [Step("exercises.step.size_try", conv2d(224, 3, 96, 11, 4, q).size_formula("h"), {"p": q})
                 for q in range(p + 1)]
        mistakes = [_mistake("exercises.hint.alexnet_pad_one_side", 3, p),
                    _mistake("exercises.hint.alexnet_pad_zero", 0, 0)]
        return _ex("alexnet_224", "exercises.alexnet_224.prompt_padding", values, "int", p, steps, mistakes)
    n = next(n for n in range(200, 260) if output_size(n, 11, 4) == 55)
    steps = [Step("exercises.step.size_inverse", f"(55 − 1)·4 + 11 = {n}"),
             Step("exercises.step.size", conv2d(n, 3, 96, 11, 4).size_formula("h"))]
    mistakes = [_mistake("exercises.hint.alexnet_paper_input", 224, 1),
                _mistake("exercises.hint.inverse_plus_one", 55 * 4 + 11, 0)]
    return _ex("alexnet_224", "exercises.alexnet_224.prompt_input", values, "int", n, steps, mistakes,
               note="exercises.note.alexnet_227")


# ---------------------------------------------------------------- build_your_own (the layer language)
def _random_stack(rng: random.Random) -> tuple[tuple[int, int, int], list[str]]:
    from cnnlab.spec import spec_rows

    while True:
        shape = (rng.choice([1, 3]), rng.choice([28, 32]), 0)
        shape = (shape[0], shape[1], shape[1])
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
    from cnnlab.spec import spec_rows

    rows = spec_rows(layers, shape) if layers else []
    if any(r.error for r in rows):
        return None
    return tuple(rows[-1].output_shape) if rows else shape


def _hwc(shape: tuple[int, ...] | None) -> tuple[int, ...] | None:
    return None if shape is None else (shape[1], shape[2], shape[0])


def _layer_steps(layers: list[str], shape: tuple[int, int, int]) -> tuple[list[Step], dict[int, int]]:
    """A step per conv/pool layer (its size formula and shape); maps a layer's position to its step."""
    from cnnlab.spec import parse_layer, spec_rows

    steps, where = [], {}
    for i, row in enumerate(spec_rows(layers, shape)):
        if row.kind not in ("conv", "pool"):
            continue
        o = parse_layer(layers[i], i + 1).options
        c, h, _ = row.input_shape
        arith = (conv2d(h, c, o["out"], o["k"], o["s"], o["p"]) if row.kind == "conv"
                 else pool2d(h, c, o["k"], o["s"] or o["k"], o["p"], mode=o["mode"]))
        where[i] = len(steps)
        steps.append(Step("exercises.step.layer", f"{arith.size_formula('h')} → {value_text(_hwc(row.output_shape))}",
                          {"i": i + 1, "text": layers[i]}))
    return steps, where


def _byo_shape(rng: random.Random) -> Exercise:
    shape, layers = _random_stack(rng)
    answer = _hwc(_stack_shape(layers, shape))
    steps, where = _layer_steps(layers, shape)
    mistakes: list[Mistake | None] = []
    for i, text in enumerate(layers):
        if i not in where:
            continue
        before, after = layers[:i], layers[i + 1:]
        here = _stack_shape(before, shape)
        fmt = {"i": i + 1, "text": text}
        if text.startswith("pool"):
            mistakes.append(_mistake("exercises.hint.byo_skipped_pool", _hwc(_stack_shape(before + after, shape)),
                                     where[i], **fmt))
            continue
        out = _stack_shape([text], here)
        for option, hint in (("p=", "exercises.hint.byo_no_pad"), ("s=", "exercises.hint.byo_no_stride")):
            if option in text:
                plain = " ".join(w for w in text.split() if not w.startswith(option))
                mistakes.append(_mistake(hint, _hwc(_stack_shape(before + [plain] + after, shape)), where[i], **fmt))
        if out[1] > 1:
            mistakes.append(_mistake("exercises.hint.byo_plus_one",
                                     _hwc(_stack_shape(after, (out[0], out[1] - 1, out[2] - 1))), where[i], **fmt))
        mistakes.append(_mistake("exercises.hint.byo_channels",
                                 _hwc(_stack_shape(after, (here[0], out[1], out[2]))), where[i], **fmt))
    return _ex("byo_shape", "exercises.byo_shape.prompt", dict(input=_hwc(shape), spec=" | ".join(layers)),
               "shape", answer, steps, mistakes)


def _byo_params(rng: random.Random) -> Exercise:
    from cnnlab.spec import parse_layer, spec_rows

    shape, layers = _random_stack(rng)
    layers = layers + ["flatten", f"fc {rng.choice([10, 10, 32, 100])}"]
    rows = spec_rows(layers, shape)
    total = sum(r.params for r in rows)
    steps, terms, no_bias, fc_step = [], [], 0, 0
    for i, row in enumerate(rows):
        if not row.params:
            continue
        o = parse_layer(layers[i], i + 1).options
        if row.kind == "conv":
            arith = conv2d(row.input_shape[1], row.input_shape[0], o["out"], o["k"], o["s"], o["p"])
            no_bias += conv2d(row.input_shape[1], row.input_shape[0], o["out"], o["k"], o["s"], o["p"],
                              bias=False).params
        else:
            arith = linear(row.input_shape[0], o["out"])
            no_bias += linear(row.input_shape[0], o["out"], bias=False).params
            fc_step = len(steps)
        steps.append(Step("exercises.step.layer", arith.params_formula(), {"i": i + 1, "text": layers[i]}))
        terms.append(fmt_int(row.params))
    steps.append(Step("exercises.step.total", f"{' + '.join(terms)} = {fmt_int(total)}"))
    mistakes: list[Mistake | None] = [_mistake("exercises.hint.no_bias", no_bias, 0)]
    pools = [i for i, t in enumerate(layers) if t.startswith("pool")]
    if pools:  # the fc's inputs counted on the map before the last pooling
        skipped = layers[:pools[-1]] + layers[pools[-1] + 1:]
        other = spec_rows(skipped, shape)
        if all(r.error is None for r in other):
            mistakes.append(_mistake("exercises.hint.byo_fc_inputs", sum(r.params for r in other), fc_step,
                                     i=pools[-1] + 1, text=layers[pools[-1]]))
    mistakes.append(_mistake("exercises.hint.byo_missing_fc", total - rows[-1].params, fc_step))
    return _ex("byo_params", "exercises.byo_params.prompt", dict(input=_hwc(shape), spec=" | ".join(layers)),
               "int", total, steps, mistakes)


# ---------------------------------------------------------------- degradation (vanishing gradients, residuals)
@lru_cache(maxsize=1)
def _sigmoid_slope_max() -> float:
    """The largest slope of the sigmoid, found by autograd on a fine grid (it is at x = 0)."""
    import torch

    x = torch.linspace(-8, 8, 1601, dtype=torch.float64, requires_grad=True)
    torch.sigmoid(x).sum().backward()
    return float(x.grad.max())


def _sigmoid_max(rng: random.Random) -> Exercise:
    slope = _sigmoid_slope_max()
    steps = [Step("exercises.step.sigmoid_slope", "σ′(x) = σ(x)·(1 − σ(x))"),
             Step("exercises.step.sigmoid_at_zero", f"σ(0) = 0.5 → 0.5·(1 − 0.5) = {slope:g}")]
    mistakes = [_mistake("exercises.hint.sigmoid_value", 0.5, 1), _mistake("exercises.hint.relu_slope", 1.0, 0)]
    return _ex("sigmoid_max", "exercises.sigmoid_max.prompt", {}, "float", slope, steps, mistakes,
               tolerance=0.001, decimals=2, note="exercises.note.relu_slope")


def _sigmoid_chain(rng: random.Random) -> Exercise:
    n = rng.randint(3, 12)
    slope = _sigmoid_slope_max()
    answer = round(1 / slope ** n)
    steps = [Step("exercises.step.sigmoid_at_zero", f"σ′ ≤ {slope:g}"),
             Step("exercises.step.chain", f"{slope:g}^{n} = 1/{fmt_int(answer)}")]
    mistakes = [_mistake("exercises.hint.chain_multiply", round(n / slope), 1),
                _mistake("exercises.hint.sigmoid_value", 2 ** n, 0),
                _mistake("exercises.hint.chain_count", round(1 / slope ** (n - 1)), 1)]
    return _ex("sigmoid_chain", "exercises.sigmoid_chain.prompt", dict(n=n), "int", answer, steps, mistakes)


@lru_cache(maxsize=32)
def _zero_block(residual: bool, value: float, channels: int = 4) -> float:
    """a[l+2] of cnnlab's BasicBlock whose weights are all zero, for an input a[l] = ``value`` everywhere."""
    import torch
    from torch import nn

    from cnnlab.models import BasicBlock

    with torch.device("meta"):
        block = BasicBlock(channels, channels, residual=residual)
    block = block.to_empty(device="cpu").eval()   # no random init: the shared RNG stays untouched
    with torch.no_grad():
        for m in block.modules():
            if isinstance(m, nn.Conv2d):
                m.weight.zero_()
            elif isinstance(m, nn.BatchNorm2d):
                m.reset_running_stats()
                m.reset_parameters()            # γ = 1, β = 0: the normalised zero stays zero
        return float(block(torch.full((1, channels, 4, 4), value))[0, 0, 0, 0])


def _residual_zero(rng: random.Random) -> Exercise:
    value = rng.choice([0.5, 1.5, 2.0, 2.5, 3.0, 4.5, 7.0])
    residual = rng.random() < 0.7
    answer = _zero_block(residual, value)
    v = f"{value:g}"
    if residual:
        steps = [Step("exercises.step.z_zero", "z[l+2] = W[l+2]·a[l+1] + b[l+2] = 0"),
                 Step("exercises.step.residual_add", f"a[l+2] = g(z[l+2] + a[l]) = g(0 + {v}) = {answer:g}")]
        mistakes = [_mistake("exercises.hint.shortcut_forgotten", 0.0, 1),
                    _mistake("exercises.hint.shortcut_twice", 2 * value, 1)]
    else:
        steps = [Step("exercises.step.z_zero", "z[l+2] = W[l+2]·a[l+1] + b[l+2] = 0"),
                 Step("exercises.step.plain_out", f"a[l+2] = g(z[l+2]) = g(0) = {answer:g}")]
        mistakes = [_mistake("exercises.hint.no_shortcut", value, 1)]
    return _ex("residual_zero", f"exercises.residual_zero.prompt_{'residual' if residual else 'plain'}",
               dict(v=value), "float", answer, steps, mistakes, tolerance=1e-6, decimals=2,
               note="exercises.note.identity" if residual else "exercises.note.plain_zero")


def _shortcut_where(rng: random.Random) -> Exercise:
    choices = ["before", "after"]
    rng.shuffle(choices)
    steps = [Step("exercises.step.z_zero", "z[l+2] = W[l+2]·a[l+1] + b[l+2]"),
             Step("exercises.step.residual_add", "a[l+2] = g(z[l+2] + a[l])")]
    return _ex("shortcut_where", "exercises.shortcut_where.prompt", {}, "choice", "before", steps,
               [_mistake("exercises.hint.shortcut_after", "after", 1)], choices=tuple(choices),
               labels=tuple(f"exercises.choice.{c}" for c in choices))


@lru_cache(maxsize=16)
def _weight_layers(depth: int) -> int:
    """Conv and FC layers of cnnlab's CIFAR ResNet of that depth (its shortcut A, zero padding, has none)."""
    import torch
    from torch import nn

    from cnnlab.models import cifar_resnet

    with torch.device("meta"):
        model = cifar_resnet(depth)
    return sum(isinstance(m, (nn.Conv2d, nn.Linear)) for m in model.modules())


def _cifar_depth(rng: random.Random) -> Exercise:

    n = rng.choice([1, 2, 3, 5, 7, 9, 18])
    answer = _weight_layers(6 * n + 2)
    steps = [Step("exercises.step.cifar_blocks", f"3·{n}·2 = {6 * n}"),
             Step("exercises.step.cifar_ends", f"{6 * n} + 1 + 1 = {answer}")]
    mistakes = [_mistake("exercises.hint.cifar_ends", 6 * n, 1),
                _mistake("exercises.hint.cifar_two", 3 * n + 2, 0),
                _mistake("exercises.hint.cifar_stages", 2 * n + 2, 0)]
    return _ex("cifar_depth", "exercises.cifar_depth.prompt", dict(n=n), "int", answer, steps, mistakes,
               note="exercises.note.cifar_depth")


# ---------------------------------------------------------------- one_by_one (1×1 convs, bottleneck, Inception)
def _obo_layer(rng: random.Random) -> tuple[int, int, int]:
    return rng.choice([7, 14, 28, 56]), rng.choice([64, 128, 192, 256, 480, 512]), rng.choice([16, 32, 64, 128])


def _obo_shape(rng: random.Random) -> Exercise:
    h, c, f = _obo_layer(rng)
    answer, steps, mistakes = _shape_steps(h, c, f, 1, 1, 0)
    mistakes = [m for m in mistakes if m and m.hint in ("exercises.hint.channels_in", "exercises.hint.order")]
    return _ex("obo_shape", "exercises.obo_shape.prompt", dict(h=h, c=c, f=f), "shape", answer, steps, mistakes)


def _obo_macs(rng: random.Random) -> Exercise:
    h, c, f = _obo_layer(rng)
    layer = conv2d(h, c, f, 1)
    steps = [Step("exercises.step.size", layer.size_formula("h")), Step("exercises.step.macs", layer.macs_formula())]
    mistakes = [_mistake("exercises.hint.one_by_one_depth", conv2d(h, 1, f, 1).macs, 1),
                _mistake("exercises.hint.macs_not_params", layer.params, 1),
                _mistake("exercises.hint.macs_not_params", conv2d(h, c, f, 1, bias=False).params, 1)]
    return _ex("obo_macs", "exercises.obo_macs.prompt", dict(h=h, c=c, f=f), "int", layer.macs, steps, mistakes)


def _bottleneck(rng: random.Random) -> Exercise:
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
        mistakes = [_mistake("exercises.hint.no_channels", bottleneck_cost(h, h, 1, cout, k, None).direct_macs, 0),
                    _mistake("exercises.hint.macs_kernel", cost.direct_macs // (k * k), 0)]
        return _ex("bottleneck", "exercises.bottleneck.prompt_direct", values, "int", cost.direct_macs, steps[:1],
                   mistakes)
    if variant == "total":
        mistakes = [_mistake("exercises.hint.bn_forgot_reduce", cost.conv_macs, 0),
                    _mistake("exercises.hint.bn_conv_from_input", cost.reduce_macs + cost.direct_macs, 1),
                    _mistake("exercises.hint.bn_reduce_only", cost.reduce_macs, 2)]
        return _ex("bottleneck", "exercises.bottleneck.prompt_total", values, "int", cost.total_macs, steps[1:4],
                   mistakes)
    mistakes = [_mistake("exercises.hint.bn_inverted", round(cost.ratio, 2), 4),
                _mistake("exercises.hint.bn_forgot_reduce", round(cost.direct_macs / cost.conv_macs, 1), 1)]
    return _ex("bottleneck", "exercises.bottleneck.prompt_saving", values, "float", 1 / cost.ratio, steps, mistakes,
               tolerance=0.05, decimals=1, note="exercises.note.bottleneck")


def _inception_concat(rng: random.Random) -> Exercise:
    from cnnlab.models.inception import cfg

    name, (c1, (r2, c2), (r3, c3), c4) = rng.choice([item for item in cfg if item != "M"])
    row = next(r for r in _network("googlenet")[1] if r[0] == f"{name}.branch1.0")  # its first 1×1 conv
    c, (h, w) = row[4][4], row[3][1:]  # a 1×1 conv, stride 1: the module's input size is this conv's output size
    out = next(r[3] for r in _network("googlenet")[1] if r[0].startswith(f"{name}.branch4"))
    answer = (h, w, c1 + c2 + c3 + c4)
    assert out[1:] == (h, w), name
    steps = [Step("exercises.step.same_size", f"{h}×{w}"),
             Step("exercises.step.concat", f"{c1} + {c2} + {c3} + {c4} = {c1 + c2 + c3 + c4}"),
             Step("exercises.step.shape", value_text(answer))]
    mistakes = [_mistake("exercises.hint.inception_pool", (h, w, c1 + c2 + c3), 1),
                _mistake("exercises.hint.inception_proj", (h, w, c1 + c2 + c3 + c), 1),
                _mistake("exercises.hint.inception_reduce", (h, w, c1 + r2 + c2 + r3 + c3 + c4), 1),
                _mistake("exercises.hint.inception_size", (h - 4, w - 4, c1 + c2 + c3 + c4), 0),
                _mistake("exercises.hint.order", (c1 + c2 + c3 + c4, h, w), 2)]
    return _ex("inception_concat", "exercises.inception_concat.prompt",
               dict(name=name, h=h, c=c, c1=c1, r2=r2, c2=c2, r3=r3, c3=c3, c4=c4), "shape", answer, steps, mistakes)


def _factorize(rng: random.Random) -> Exercise:
    c = rng.choice([16, 32, 64, 128, 256])
    k = rng.choice([5, 5, 7])
    cost = factorize_cost(c, 28, 28, k)
    single, stacked = cost.symbolic()
    which = rng.choice(["stacked", "single"])
    steps = [Step("exercises.step.fz_single", f"{cost.single_params_formula()}  ({single})"),
             Step("exercises.step.fz_stacked", f"{cost.stacked_params_formula()}  ({stacked})", {"n": cost.n_stacked}),
             Step("exercises.step.fz_rf", f"1 + {cost.n_stacked}·(3 − 1) = {cost.stacked_rf}")]
    if which == "stacked":
        one = cost.stacked[0].params
        mistakes = [_mistake("exercises.hint.fz_count", one, 1, n=cost.n_stacked),
                    _mistake("exercises.hint.fz_channels", cost.stacked_params // c, 1),
                    _mistake("exercises.hint.fz_count", (k - 1) * one, 1, n=cost.n_stacked)]
        answer = cost.stacked_params
    else:
        mistakes = [_mistake("exercises.hint.fz_channels", cost.single_params // c, 0)]
        answer = cost.single_params
    return _ex("factorize", f"exercises.factorize.prompt_{which}", dict(c=c, k=k, n=cost.n_stacked), "int", answer,
               steps, mistakes, note="exercises.note.factorize")


# ---------------------------------------------------------------- augmentation
def _crop_steps(n: int, c: int, pad: int = 0) -> tuple[int, list[Step]]:
    """Crop positions: a c×c window sliding one pixel at a time, i.e. a pooling window of stride 1."""
    window = pool2d(n, 1, c, 1, pad)
    per_axis = window.out_h
    return per_axis, [Step("exercises.step.crop_axis", window.size_formula("h")),
                      Step("exercises.step.crop_both", f"{per_axis}·{per_axis} = {fmt_int(per_axis * per_axis)}")]


def _crop_sizes(rng: random.Random) -> tuple[int, int]:
    return rng.choice([(256, 224), (256, 224), (256, 227), (36, 32), (40, 32), (32, 28), (28, 24), (64, 56)])


def _crops(rng: random.Random) -> Exercise:
    n, c = _crop_sizes(rng)
    a, steps = _crop_steps(n, c)
    mistakes = [_mistake("exercises.hint.crop_plus_one", (n - c) ** 2, 0),
                _mistake("exercises.hint.crop_both", a, 1)]
    return _ex("crops", "exercises.crops.prompt", dict(n=n, c=c), "int", a * a, steps, mistakes)


def _crops_mirror(rng: random.Random) -> Exercise:
    n, c = _crop_sizes(rng)
    a, steps = _crop_steps(n, c)
    steps.append(Step("exercises.step.mirror", f"2·{fmt_int(a * a)} = {fmt_int(2 * a * a)}"))
    mistakes = [_mistake("exercises.hint.mirror_doubles", a * a, 2),
                _mistake("exercises.hint.crop_plus_one", 2 * (n - c) ** 2, 0),
                _mistake("exercises.hint.crop_both", 2 * a, 1)]
    return _ex("crops_mirror", "exercises.crops_mirror.prompt", dict(n=n, c=c), "int", 2 * a * a, steps, mistakes,
               note="exercises.note.alexnet_2048" if (n, c) == (256, 224) else None)


def _pad_crop(rng: random.Random) -> Exercise:
    n, p = rng.choice([(32, 4), (32, 2), (28, 2), (28, 3), (32, 3)])
    a, steps = _crop_steps(n, n, p)
    mistakes = [_mistake("exercises.hint.pad_twice", (p + 1) ** 2, 0),
                _mistake("exercises.hint.crop_plus_one", (2 * p) ** 2, 0),
                _mistake("exercises.hint.crop_both", a, 1)]
    return _ex("pad_crop", "exercises.pad_crop.prompt", dict(n=n, p=p), "int", a * a, steps, mistakes)


# ---------------------------------------------------------------- training_lab
# The training lab's datasets: a language-neutral name and the number of training images (None: the bundled split)
_TRAIN_SETS = {"mnist10k": ("MNIST-10k", None), "mnist": ("MNIST", 60_000),
               "fashion_mnist": ("Fashion-MNIST", 60_000), "cifar10": ("CIFAR-10", 50_000)}


def _train_setting(rng: random.Random) -> tuple[str, int, int]:
    from cnnlab.data import TRAIN_SIZE

    name, n = _TRAIN_SETS[rng.choice(sorted(_TRAIN_SETS))]
    return name, n or TRAIN_SIZE, rng.choice([16, 32, 64, 128, 256, 512])


def _loader(n: int, batch: int) -> Any:
    """The training lab's own loader over n (empty) images: its length and batches are the real ones."""
    import torch

    from cnnlab.data import TensorLoader

    return TensorLoader(torch.empty(n, 0), torch.empty(n, 0), batch)


def _iters_step(n: int, b: int, iters: int) -> Step:
    return Step("exercises.step.iters", f"⌈{fmt_int(n)} / {b}⌉ = ⌈{n / b:.2f}⌉ = {fmt_int(iters)}".replace(".00⌉", "⌉"))


def _iters(rng: random.Random) -> Exercise:
    data, n, b = _train_setting(rng)
    iters = len(_loader(n, b))
    mistakes = [_mistake("exercises.hint.iters_last", n // b, 0), _mistake("exercises.hint.iters_product", n * b, 0)]
    return _ex("iters", "exercises.iters.prompt", dict(data=data, n=n, b=b), "int", iters, [_iters_step(n, b, iters)],
               mistakes)


def _last_batch(rng: random.Random) -> Exercise:
    while True:
        data, n, b = _train_setting(rng)
        if n % b:
            break
    loader = _loader(n, b)
    last = len(list(loader)[-1][1])
    iters = len(loader)
    steps = [_iters_step(n, b, iters),
             Step("exercises.step.last_batch", f"{fmt_int(n)} − {fmt_int(iters - 1)}·{b} = {last}")]
    mistakes = [_mistake("exercises.hint.last_full", b, 1), _mistake("exercises.hint.last_zero", 0, 1)]
    return _ex("last_batch", "exercises.last_batch.prompt", dict(data=data, n=n, b=b), "int", last, steps, mistakes)


def _steps_total(rng: random.Random) -> Exercise:
    data, n, b = _train_setting(rng)
    e = rng.choice([3, 5, 10, 20])
    iters = len(_loader(n, b))
    steps = [_iters_step(n, b, iters), Step("exercises.step.epochs", f"{e}·{fmt_int(iters)} = {fmt_int(e * iters)}")]
    mistakes = [_mistake("exercises.hint.iters_last", e * (n // b), 0),
                _mistake("exercises.hint.epoch_restart", math.ceil(e * n / b), 1),
                _mistake("exercises.hint.epochs_multiply", iters, 1),
                _mistake("exercises.hint.steps_not_images", e * n, 1)]
    return _ex("steps_total", "exercises.steps_total.prompt", dict(data=data, n=n, b=b, e=e), "int", e * iters,
               steps, mistakes)


def _images_seen(rng: random.Random) -> Exercise:
    data, n, b = _train_setting(rng)
    e = rng.choice([3, 5, 10, 20])
    seen = e * sum(len(labels) for _, labels in _loader(n, b))
    steps = [Step("exercises.step.epoch_images", f"{fmt_int(n)}"), Step("exercises.step.epochs",
                                                                         f"{e}·{fmt_int(n)} = {fmt_int(seen)}")]
    iters = len(_loader(n, b))
    mistakes = [_mistake("exercises.hint.images_not_steps", e * iters, 1),
                _mistake("exercises.hint.epochs_multiply", n, 1),
                _mistake("exercises.hint.images_last_batch", e * iters * b, 0)]
    return _ex("images_seen", "exercises.images_seen.prompt", dict(data=data, n=n, b=b, e=e), "int", seen, steps,
               mistakes, note="exercises.note.images_seen")


# ---------------------------------------------------------------- feature_maps
def _kernel_out(rng: random.Random) -> Exercise:
    from cnnlab.feature_maps import KERNELS

    k = int(KERNELS[rng.choice(sorted(KERNELS))].shape[0])
    while True:
        n, s, p = rng.choice([96, 64, 32, 28, 27]), rng.randint(1, 4), rng.randint(0, 3)
        if (_try(output_size, n, k, s, p) or 0) >= 2:
            break
    answer, steps, mistakes = _shape_steps(n, 1, None, k, s, p)
    return _ex("kernel_out", "exercises.kernel_out.prompt", dict(n=n, k=k, s=s, p=p), "shape", answer,
               steps, mistakes)


def _n_maps(rng: random.Random) -> Exercise:
    n, c, f, k, s, p, _ = _conv_layer(rng, dilation=False)
    while f == c:
        f = rng.choice([4, 6, 8, 10, 16, 32, 64])
    layer = conv2d(n, c, f, k, s, p)
    steps = [Step("exercises.step.maps", f"{f} → {layer.output_shape[0]}")]
    mistakes = [_mistake("exercises.hint.maps_input", c, 0), _mistake("exercises.hint.maps_product", c * f, 0)]
    return _ex("n_maps", "exercises.n_maps.prompt", dict(n=n, c=c, f=f, k=k, s=s, p=p), "int", layer.output_shape[0],
               steps, mistakes)


def _filter_weights(rng: random.Random) -> Exercise:
    name = rng.choice(["lenet5", "alexnet", "vgg16", "resnet18", "googlenet"])
    layer, _, (c, h, _), _, (f, k, s, p, _) = next(r for r in _network(name)[1] if r[1] == "Conv2d")
    one = conv2d(h, c, 1, k, s, p, bias=False).params
    steps = [Step("exercises.step.filter_weights", f"{k}·{k}·{c} = {fmt_int(one)}")]
    mistakes = [_mistake("exercises.hint.filter_depth", k * k, 0),
                _mistake("exercises.hint.filter_all", conv2d(h, c, f, k, s, p, bias=False).params, 0),
                _mistake("exercises.hint.filter_all", conv2d(h, c, f, k, s, p).params, 0),
                _mistake("exercises.hint.filter_bias", one + 1, 0)]
    return _ex("filter_weights", "exercises.filter_weights.prompt",
               dict(model=_title(name), layer=layer, c=c, h=h, f=f, k=k), "int", one, steps, mistakes)


# ---------------------------------------------------------------- attribution
def _occlusion_setting(rng: random.Random) -> tuple[int, int, int]:
    while True:
        n = rng.choice([28, 32, 64, 224])
        w = rng.choice([4, 6, 8, 16, 32])
        s = rng.choice([2, 4, 8, 16])
        # (n − w) divisible by s: captum then slides exactly ⌊(n − w)/s⌋ + 1 windows (otherwise it adds a last,
        # border-aligned one: ⌈(n − w)/s⌉ + 1)
        if w <= n // 2 and s <= w and n // s <= 16 and (n - w) % s == 0:
            return n, w, s


def _occlusion(rng: random.Random) -> Exercise:
    from cnnlab.attribution import cost

    n, w, s = _occlusion_setting(rng)
    forward = cost("occlusion", (3, n, n), window=w, stride=s).forward
    window = pool2d(n, 1, w, s)
    a = window.out_h
    steps = [Step("exercises.step.occ_axis", window.size_formula("h")),
             Step("exercises.step.crop_both", f"{a}·{a} = {fmt_int(a * a)}"),
             Step("exercises.step.occ_baseline", f"{fmt_int(a * a)} + 1 = {fmt_int(forward)}")]
    mistakes = [_mistake("exercises.hint.occ_baseline", a * a, 2),
                _mistake("exercises.hint.plus_one", (a - 1) ** 2 + 1, 0),
                _mistake("exercises.hint.occ_stride", (n // s) ** 2 + 1, 0),
                _mistake("exercises.hint.crop_both", a + 1, 1)]
    return _ex("occlusion", "exercises.occlusion.prompt", dict(n=n, w=w, s=s), "int", forward, steps, mistakes)


def _ig_passes(rng: random.Random) -> Exercise:
    from cnnlab.attribution import cost

    m = rng.choice([8, 16, 20, 32, 50, 64, 100, 128])
    ig = cost("integrated_gradients", (3, 224, 224), steps=m)
    total = ig.forward + ig.backward
    steps = [Step("exercises.step.ig_forward", f"{m} → {ig.forward}"),
             Step("exercises.step.ig_backward", f"{m} → {ig.backward}"),
             Step("exercises.step.total", f"{ig.forward} + {ig.backward} = {total}")]
    saliency = cost("saliency", (3, 224, 224))
    mistakes = [_mistake("exercises.hint.ig_backward", ig.forward, 1),
                _mistake("exercises.hint.ig_steps", saliency.forward + saliency.backward, 0),
                _mistake("exercises.hint.ig_backward", ig.forward + 1, 1)]
    return _ex("ig_passes", "exercises.ig_passes.prompt", dict(m=m), "int", total, steps, mistakes)


def _attr_compare(rng: random.Random) -> Exercise:
    from cnnlab.attribution import cost

    while True:
        n, w, s = _occlusion_setting(rng)
        m = rng.choice([16, 32, 50, 64, 128, 256])
        occ = cost("occlusion", (3, n, n), window=w, stride=s).forward
        ig = cost("integrated_gradients", (3, n, n), steps=m).forward
        if occ != ig:
            break
    answer = "occlusion" if occ > ig else "integrated_gradients"
    choices = ["occlusion", "integrated_gradients"]
    rng.shuffle(choices)
    steps = [Step("exercises.step.occ_total", f"{value_text(pool2d(n, 1, w, s).out_h)}² + 1 = {fmt_int(occ)}"),
             Step("exercises.step.ig_forward", f"{m} → {ig}")]
    other = next(c for c in choices if c != answer)
    return _ex("attr_compare", "exercises.attr_compare.prompt", dict(n=n, w=w, s=s, m=m), "choice", answer, steps,
               [_mistake("exercises.hint.attr_count", other, 0)], choices=tuple(choices),
               labels=tuple(f"exercises.choice.{c}" for c in choices))


# ---------------------------------------------------------------- registry
_BUILDERS: dict[str, Callable[[random.Random], Exercise]] = {
    "conv_out": _conv_out, "conv_params": _conv_params, "conv_macs": _conv_macs, "pool_out": _pool_out,
    "pool_params": _pool_params, "conv_vs_fc": _conv_vs_fc, "receptive_field": _receptive_field,
    "arch_layer": _arch_layer, "arch_fc": _arch_fc, "arch_flatten": _arch_flatten, "arch_compare": _arch_compare,
    "alexnet_224": _alexnet_224,
    "byo_shape": _byo_shape, "byo_params": _byo_params,
    "sigmoid_max": _sigmoid_max, "sigmoid_chain": _sigmoid_chain, "residual_zero": _residual_zero,
    "shortcut_where": _shortcut_where, "cifar_depth": _cifar_depth,
    "obo_shape": _obo_shape, "obo_macs": _obo_macs, "bottleneck": _bottleneck, "inception_concat": _inception_concat,
    "factorize": _factorize,
    "crops": _crops, "crops_mirror": _crops_mirror, "pad_crop": _pad_crop,
    "iters": _iters, "last_batch": _last_batch, "steps_total": _steps_total, "images_seen": _images_seen,
    "kernel_out": _kernel_out, "n_maps": _n_maps, "filter_weights": _filter_weights,
    "occlusion": _occlusion, "ig_passes": _ig_passes, "attr_compare": _attr_compare,
}

LESSONS: dict[str, tuple[str, ...]] = {
    "conv_arithmetic": ("conv_out", "conv_params", "conv_macs", "pool_out", "pool_params", "conv_vs_fc",
                        "receptive_field"),
    "architectures": ("arch_layer", "arch_fc", "arch_flatten", "arch_compare", "alexnet_224"),
    "build_your_own": ("byo_shape", "byo_params"),
    "degradation": ("sigmoid_max", "sigmoid_chain", "residual_zero", "shortcut_where", "cifar_depth"),
    "one_by_one": ("obo_shape", "obo_macs", "bottleneck", "inception_concat", "factorize"),
    "augmentation": ("crops", "crops_mirror", "pad_crop"),
    "training_lab": ("iters", "last_batch", "steps_total", "images_seen"),
    "feature_maps": ("kernel_out", "n_maps", "filter_weights"),
    "attribution": ("occlusion", "ig_passes", "attr_compare"),
}


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
    return _clean(replace(ex, lesson=lesson, seed=seed, index=index))
