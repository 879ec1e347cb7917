"""Streamlit helpers for the pages (the only part of cnnlab that imports streamlit).

Public API (see ``cnnlab.ui.core`` for details): ``lang()``, ``t(key, **fmt)``, ``option_labels(prefix)``
(translated format_func), ``setup_page(title_key=None)``, ``qp_slider``, ``qp_number``, ``qp_select``, ``qp_radio``,
``qp_toggle`` (query-param-backed, clamped, shareable), ``show_error(exc, title=None, hint=None)``,
``error_text(exc)`` / ``error_message(exc)`` (an error worded in the page's language),
``convention_note()``, ``page_link(page, label, icon)``, ``formula(text)``; ``exercise_block(lesson)`` (the
"Predict, then reveal" exercises that end every lesson page, ``cnnlab.ui.exercises``).
A lesson's state and caching live in ``cnnlab/ui/<lesson>.py`` (e.g. ``cnnlab.ui.architectures``).
"""
from cnnlab.ui.core import (
    LANG_KEY,
    convention_note,
    error_message,
    error_text,
    formula,
    lang,
    option_labels,
    page_link,
    qp_number,
    qp_radio,
    qp_select,
    qp_slider,
    qp_toggle,
    setup_page,
    show_error,
    t,
)
from cnnlab.ui.exercises import exercise_block

__all__ = ["lang", "t", "option_labels", "setup_page", "qp_slider", "qp_number", "qp_select", "qp_radio", "qp_toggle",
           "show_error", "error_text", "error_message", "convention_note", "page_link", "formula",
           "exercise_block", "LANG_KEY"]

# A class opens its pages at the same moment, and Python's per-module import locks can hand one of two threads that
# import pandas / pyarrow / torchvision concurrently a half-initialised module. Every page (app.py's navigation or
# a page file run directly) imports this package first: the first one imports every page's modules under one lock,
# the others wait for it (see cnnlab.ui.shared.preload).
from cnnlab.ui import shared as _shared  # noqa: E402

_shared.preload()
