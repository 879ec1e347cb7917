"""Errors as data: what went wrong is a ``code`` plus the ``values`` behind it; the words live in the tables.

Every error cnnlab raises for bad input is a :class:`CnnlabError` (a ``ValueError``): ``code`` names the problem,
``values`` hold its numbers and names, and a :class:`LayerError` also says *where* (:class:`Where`: a row of a
layer spec or a module of a model). Nothing here builds a sentence: ``cnnlab/i18n/errors.py`` words an error in
any language (``error_text(exc, "ko")``), and ``str(exc)`` is that wording in English — one line for the command
line, from the same table, so each message is written once per language.

A value may itself be words: :class:`Term` (a table key with its own values, e.g. a glossary term or a nested
problem) or :class:`Quote` (text from outside cnnlab, such as PyTorch's own message: shown as it is in English and
as quoted code in other languages).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["CnnlabError", "LayerError", "Where", "Term", "term", "Quote"]


@dataclass(frozen=True)
class Term:
    """Words to look up: ``key`` in the string tables, formatted with ``values`` (in the page's language)."""

    key: str
    values: tuple[tuple[str, Any], ...] = ()


def term(key: str, **values: Any) -> Term:
    """``term("errors.did_you_mean", word="fc")``; a key without a dot is a glossary concept (``term("kernel")``)."""
    return Term(key if "." in key else f"glossary.{key}", tuple(values.items()))


@dataclass(frozen=True)
class Quote:
    """Text cnnlab did not write (PyTorch's, Pillow's): English as it is; quoted as code on other pages."""

    text: str


@dataclass(frozen=True)
class Where:
    """Where a layer error happened: a row of a layer spec (``index``, ``text``) or a module of a model."""

    index: int | None = None        # 1-based layer of a spec: "layer 2 (conv 16 k=7)"
    text: str | None = None         # that layer's spec text
    layer: str | None = None        # a module's name in its model: "features.0"
    layer_type: str | None = None   # "Conv2d"
    model: str | None = None        # the model's title: "vgg16"


class CnnlabError(ValueError):
    """An error as data. ``key`` = ``prefix + code`` is its entry in the string tables; ``values`` fill it in."""

    prefix = "errors."

    def __init__(self, code: str, /, **values: Any) -> None:
        super().__init__(code)
        self.code = code
        self.values: dict[str, Any] = values

    @property
    def key(self) -> str:
        return self.prefix + self.code

    @property
    def where(self) -> Where | str | None:
        return None

    @property
    def message(self) -> str:
        """The English message without the place (e.g. for a per-row table)."""
        from cnnlab.i18n.errors import error_message

        return error_message(self, "en")

    def __str__(self) -> str:
        from cnnlab.i18n.errors import error_text

        return error_text(self, "en")

    def __reduce__(self) -> tuple:  # pickles across processes (the job service's workers) with its data
        return _rebuild, (type(self), self.code, dict(self.__dict__))


def _rebuild(cls: type, code: str, state: dict[str, Any]) -> CnnlabError:
    error = cls.__new__(cls)
    ValueError.__init__(error, code)
    error.__dict__.update(state)
    return error


class LayerError(CnnlabError):
    """An impossible layer or spec. ``where`` names the layer: a :class:`Where` (a spec row, a model's module) or,
    for a caller that has only a name, a string shown as it is.

    ``layer`` / ``layer_type`` are the module's name and type (``"features.0"``, ``"Conv2d"``); ``reason`` is the
    code (the summary's names: ``input_too_small``, ``channel_mismatch`` …).
    """

    def __init__(self, code: str, /, where: Where | str | None = None, **values: Any) -> None:
        super().__init__(code, **values)
        self._where = where

    @property
    def where(self) -> Where | str | None:
        return self._where

    @property
    def reason(self) -> str:
        return self.code

    @property
    def layer(self) -> str | None:
        """The module's name, or the English label of a spec row (``"layer 2 (conv 16 k=7)"``)."""
        w = self._where
        if isinstance(w, Where):
            if w.layer:
                return w.layer
            if w.index is not None:
                from cnnlab.i18n.errors import where_text

                return where_text(w, "en")
            return None
        return w

    @property
    def layer_type(self) -> str | None:
        return self._where.layer_type if isinstance(self._where, Where) else None
