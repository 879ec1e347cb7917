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
           "DuplicateKey", "normalize_lang"]


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


_formatter = string.Formatter()


def t(key: str, lang: str = DEFAULT_LANG, **fmt: object) -> str:
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
