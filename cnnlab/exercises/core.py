"""The exercise core: what an exercise is, how a student's answer is read and checked, seeds.

Answer formats (say them in the prompt, parse them friendly but strictly):
* ``int`` — all digits; ``1,234,567``, ``1 234 567`` and ``4^10`` are fine, ``12.4M`` is refused (write it out);
* ``float`` — ``0.25``, ``1/4``, ``25%``, ``9.7×``; right within the exercise's tolerance;
* ``shape`` — channels×height×width (C×H×W, as every page writes a shape): ``10×32×32``, ``10x32x32``, ``10 32 32``
  or ``10, 32, 32``;
* ``choice`` — one option id (the page shows a radio), or its label, ``1``/``2``, ``a``/``b``.

A lesson module builds its exercises with ``exercise(...)`` and ``mistake(...)``; ``attempt(fn, ...)`` runs the
engine under a wrong assumption (None when that assumption gives an impossible layer).
"""
from __future__ import annotations

import math
import re
import secrets
from dataclasses import dataclass, field, replace
from typing import Any, Callable

from cnnlab.arithmetic import LayerError, fmt_int

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
def attempt(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """The engine's answer for a wrong assumption, or None when that assumption gives an impossible layer."""
    try:
        return fn(*args, **kwargs)
    except (LayerError, ValueError, ZeroDivisionError):
        return None


def mistake(hint: str, wrong: Any, step: int, **fmt: Any) -> Mistake | None:
    """A known slip, or None when its wrong answer does not exist (an impossible layer, a size below 1)."""
    if wrong is None or (isinstance(wrong, tuple) and (None in wrong or min(wrong) < 1)):
        return None
    return Mistake(hint, wrong, step, fmt)


def exercise(kind: str, prompt: str, values: dict, answer_kind: str, answer: Answer, steps: list[Step],
             mistakes: list[Mistake | None] = (), **extra: Any) -> Exercise:
    """An exercise (lesson, seed and index are filled in by ``generate``)."""
    return Exercise("", kind, "", 0, prompt, values, answer_kind, answer, tuple(steps),
                    tuple(m for m in mistakes if m is not None), **extra)


def clean(ex: Exercise) -> Exercise:
    """Keep the mistakes whose wrong answer differs from the answer and from every earlier mistake's."""
    kept: list[Mistake] = []
    for m in ex.mistakes:
        if _same(ex, m.wrong, ex.answer) or any(_same(ex, m.wrong, k.wrong) for k in kept):
            continue
        if ex.answer_kind == "int" and float(m.wrong) < 0:
            continue
        kept.append(m)
    return replace(ex, mistakes=tuple(kept))
