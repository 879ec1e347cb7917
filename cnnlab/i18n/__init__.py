"""Translated strings for the app: ``t(key, lang="en", **fmt) -> str``.

Contract for page helpers
-------------------------
* Each lesson (and each shared piece: ``common``, ``lessons``, ``images``, ``diagram``, ``pretrained``) keeps its
  own table in ``cnnlab/i18n/<name>.py`` defining
  ``STRINGS: dict[str, dict[str, str]] = {"<name>.key": {"en": "...", "ko": "..."}}``.
  Nothing else to register: this package imports every submodule (``pkgutil``) and merges the tables.
* Keys are prefixed by the table's name (``conv_arithmetic.title``, ``training_lab.stop``); a key defined in two
  tables is an error (``DuplicateKey``), raised when the tables are first loaded.
* ``t`` formats with ``str.format(**fmt)``; a placeholder missing from ``fmt`` is left as ``{name}``
  rather than raising, so a half-finished translation never breaks a page.
* Fallback: a key that lacks the requested language falls back to English; an unknown key returns the
  key itself. Both are caught by ``tests/test_i18n.py``, which fails for any key missing "en" or "ko"
  (see :func:`missing_translations`).
* Markdown is allowed in values (pages render most strings with ``st.markdown``).
* Korean particles after a placeholder: write the particle pair as the placeholder's format spec —
  ``"{n:으로}"``, ``"{layer:이/가}"``, ``"{ratio:.1f은/는}"`` — and ``t`` picks the form that fits the value's last
  sound (:func:`josa`), so no "(으)로" or "이(가)" ever reaches a page. Terms every page shares live in
  ``cnnlab/i18n/glossary.py`` (one word per concept; ``tests/test_glossary.py`` enforces it).
"""
from __future__ import annotations

import importlib
import pkgutil
import string
from collections.abc import Mapping
from functools import lru_cache

LANGUAGES: tuple[str, ...] = ("en", "ko")
LANGUAGE_NAMES: dict[str, str] = {"en": "English", "ko": "한국어"}
DEFAULT_LANG = "en"

__all__ = ["t", "strings", "has", "missing_translations", "LANGUAGES", "LANGUAGE_NAMES", "DEFAULT_LANG",
           "DuplicateKey", "normalize_lang", "josa", "JOSA"]


class DuplicateKey(ValueError):
    """Two string tables define the same key (keys must be unique across areas)."""


def normalize_lang(value: object) -> str:
    """Map "ko", "KO", "ko-KR", "한국어" … to a supported code; anything else is English."""
    text = str(value or "").strip().lower()
    if text.startswith("ko") or text == "한국어":
        return "ko"
    return DEFAULT_LANG


@lru_cache(maxsize=1)
def strings() -> Mapping[str, Mapping[str, str]]:
    """All string tables merged: {key: {lang: text}} (loaded once)."""
    merged: dict[str, dict[str, str]] = {}
    origin: dict[str, str] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        table = getattr(module, "STRINGS", None)
        if not isinstance(table, Mapping):
            continue
        for key, texts in table.items():
            if key in merged:
                raise DuplicateKey(f"i18n key {key!r} is defined in both {origin[key]} and {info.name}")
            merged[key] = dict(texts)
            origin[key] = info.name
    return merged


def has(key: str) -> bool:
    """Whether ``key`` exists in any table."""
    return key in strings()


class _Keep(dict):
    # A placeholder the caller did not pass stays visible as "{name}" instead of raising KeyError.
    def __missing__(self, name: str) -> str:
        return "{" + name + "}"


# ---------------------------------------------------------------- Korean particles
# The particle pairs: (form after a final consonant, form after a vowel). 으로/로 is special: ㄹ takes 로.
JOSA: dict[str, tuple[str, str]] = {
    "이/가": ("이", "가"), "은/는": ("은", "는"), "을/를": ("을", "를"), "과/와": ("과", "와"),
    "와/과": ("과", "와"), "으로/로": ("으로", "로"), "로/으로": ("으로", "로"),
}
_SPEC_JOSA = {"이": "이/가", "가": "이/가", "은": "은/는", "는": "은/는", "을": "을/를", "를": "을/를", "과": "과/와",
              "와": "과/와", "으로": "으로/로", "로": "으로/로"}
_DIGIT_CODA = {"0": "ㅇ", "1": "ㄹ", "2": "", "3": "ㅁ", "4": "", "5": "", "6": "ㄱ", "7": "ㄹ", "8": "ㄹ", "9": ""}
# A number ending in zeros is read by its last unit: 십 (10), 백, 천, 만 (10⁴ … 10⁷), 억 (10⁸ … 10¹¹), 조.
_ZEROS_CODA = {1: "ㅂ", 2: "ㄱ", 3: "ㄴ", 4: "ㄴ", 5: "ㄴ", 6: "ㄴ", 7: "ㄴ", 8: "ㄱ", 9: "ㄱ", 10: "ㄱ", 11: "ㄱ"}
_CODAS = "ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"
# How code names and letters sound in Korean: an acronym's last letter (엘, 엠, 엔, 알) or a word's last sound.
_LETTER_CODA = {"l": "ㄹ", "m": "ㅁ", "n": "ㄴ", "r": "ㄹ"}
_WORD_CODA = {"l": "ㄹ", "m": "ㅁ", "n": "ㄴ", "ng": "ㅇ", "k": "ㄱ", "p": "ㅂ", "t": "ㅅ"}


def _coda(word: str) -> str | None:
    """The final consonant (jamo) of how ``word`` is read aloud in Korean; "" after a vowel, None if unknown."""
    text = str(word).rstrip()
    while text and text[-1] in ")]}》」』”’\"'*`_.,;:!? ":  # closing marks and emphasis do not sound
        text = text[:-1].rstrip()
    if not text:
        return None
    last = text[-1]
    if last == "%":  # 퍼센트
        return ""
    if "가" <= last <= "힣":
        index = (ord(last) - 0xAC00) % 28
        return "" if index == 0 else _CODAS[index - 1]
    if last.isdigit():
        digits = ""
        for ch in reversed(text):
            if ch.isdigit():
                digits = ch + digits
            elif ch != "," or not digits:
                break
        stripped = digits.rstrip("0")
        zeros = len(digits) - len(stripped)
        if not stripped:  # "0", "00"
            return "ㅇ"
        return _DIGIT_CODA[stripped[-1]] if zeros == 0 else _ZEROS_CODA.get(zeros, "")
    if last.isascii() and last.isalpha():
        tail = "".join(ch for ch in text[-3:] if ch.isalpha())
        if text[-1].isupper() and (len(text) < 2 or not text[-2].islower()):  # an acronym: letters are read
            return _LETTER_CODA.get(last.lower(), "")
        low = tail.lower()
        if low.endswith("ng"):
            return "ㅇ"
        return _WORD_CODA.get(low[-1], "")
    return None


def josa(word: object, form: str) -> str:
    """The particle of ``form`` ("이/가", "은/는", "을/를", "와/과", "으로/로", …) that fits after ``word``.

    ``josa("필터", "을/를") == "를"``, ``josa("28×28", "으로/로") == "로"`` (팔로), ``josa(60, "이/가") == "이"``
    (육십이), ``josa("Conv2d", "은/는") == "는"``. A word whose sound is unknown gets both forms: "은(는)".
    """
    pair = JOSA.get(form) or JOSA[_SPEC_JOSA[form]]
    coda = _coda(str(word))
    if coda is None:
        return f"{pair[0]}({pair[1]})"
    if pair == ("으로", "로"):
        return pair[1] if coda in ("", "ㄹ") else pair[0]
    return pair[0] if coda else pair[1]


def _josa_spec(spec: str) -> tuple[str, str | None]:
    """Split a format spec such as ``".1f이/가"`` into (``".1f"``, ``"이/가"``)."""
    for form in sorted((*JOSA, *_SPEC_JOSA), key=len, reverse=True):
        if spec.endswith(form):
            return spec[: -len(form)], form
    return spec, None


class _Formatter(string.Formatter):
    def format_field(self, value: object, format_spec: str) -> str:
        spec, form = _josa_spec(format_spec) if format_spec else (format_spec, None)
        text = super().format_field(value, spec)
        return text + josa(text, form) if form else text


_formatter = _Formatter()


def t(key: str, lang: str = DEFAULT_LANG, /, **fmt: object) -> str:
    """The text for ``key`` in ``lang`` (English if that language is missing), formatted with ``fmt``."""
    texts = strings().get(key)
    if texts is None:
        return key
    text = texts.get(normalize_lang(lang)) or texts.get(DEFAULT_LANG) or key
    if not fmt and "{" not in text:
        return text
    try:
        return _formatter.vformat(text, (), _Keep(fmt))
    except (ValueError, IndexError, AttributeError):  # a stray "{" in a translation: show it raw
        return text


def missing_translations() -> list[tuple[str, str]]:
    """(key, lang) pairs lacking a non-empty text; the i18n test requires this to be empty."""
    out = []
    for key, texts in sorted(strings().items()):
        for code in LANGUAGES:
            if not str(texts.get(code, "")).strip():
                out.append((key, code))
    return out
