"""The app shell: language, shareable (query-param) widgets, errors and conventions.

Every page starts with::

    from cnnlab import ui
    ui.setup_page("conv_arithmetic.title")  # page config + sidebar language switch (English / 한국어), ?lang=
    t = ui.t                                # t("conv_arithmetic.title", n=3) -> text in the page's language

Shareable widgets — the widget ``key`` is also the URL parameter name, so ``?lang=ko&n=28&k=5`` reproduces a
view; a value in the URL is read once when the widget first appears, parsed, clamped into range (or ignored
if it is not one of the options), and every change is written back (a value equal to the default is removed
from the URL to keep links short). The key is also the ``st.session_state`` key. Bounds may change between
reruns (e.g. the kernel's max follows the input size): the held value is clamped before the widget is drawn,
so the widget never raises::

    ui.qp_slider(label, min_value, max_value, value, key="n", step=1, help=None, container=None)
    ui.qp_number(label, min_value, max_value, value, key="c", step=1, help=None, container=None)
    ui.qp_select(label, options, value, key="mode", format_func=str, help=None, container=None)
    ui.qp_radio(label, options, value, key="pad", format_func=str, horizontal=True, help=None, container=None)
    ui.qp_toggle(label, value, key="bias", help=None, container=None)

Options in the URL are written as ``str(option)`` — keep them language-neutral and translate with
``format_func``. ``container`` is any Streamlit container (``st.sidebar``, a column); default ``st``.

Other helpers:

* ``option_labels("conv_arithmetic.pad_")`` — a ``format_func`` that translates options
  (``"same"`` → ``t("conv_arithmetic.pad_same")``) with the language bound at call time. Use it (or bind the
  language yourself) instead of ``format_func=lambda v: t(...)``: a widget's ``format_func`` may run outside the
  script (AppTest), where the language cannot be read, and AppTest's ``set_value`` then fails with "'…' is not in
  list".
* ``lang() -> "en" | "ko"`` — from ``?lang=`` (remembered in session state, so page switches keep it).
* ``show_error(exc, title=None, hint=None, *, message=None)`` — any error as a friendly ``st.error`` in the page's
  language (``error_text``); ``error_text(exc)`` / ``error_message(exc)`` — a cnnlab error worded in the page's
  language, with / without its place (``cnnlab.i18n.errors``: the engine raises codes and values, never sentences).
* ``convention_note()`` — the counting conventions (1 MAC = one multiply-add, FLOPs ≈ 2 × MACs, parameters).
* ``page_link(page, label=None, icon=None)`` — ``st.page_link`` that keeps ``?lang=``; falls back to plain
  text when the page is run standalone (AppTest from a page file), where other pages are unknown.
* ``formula(text)`` — a worked formula line in code style (keeps "·", "−", "×" readable in both languages).
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import streamlit as st

from cnnlab import i18n
from cnnlab.i18n import errors as i18n_errors

T = TypeVar("T")
LANG_KEY = "cnnlab.lang"          # session-state memory of the language across page switches
LANG_WIDGET = "cnnlab.lang_switch"
STARTED_KEY = "cnnlab.started"    # set on a session's first page run
_SENTINEL = object()

__all__ = ["lang", "t", "option_labels", "setup_page", "qp_slider", "qp_number", "qp_select", "qp_radio", "qp_toggle",
           "show_error", "error_text", "error_message", "convention_note", "page_link", "formula", "LANG_KEY"]


# ---------------------------------------------------------------- language
def lang() -> str:
    """The page language: ``?lang=`` if present, else the language chosen earlier in this session, else "en"."""
    raw = st.query_params.get("lang")
    if raw is not None:
        code = i18n.normalize_lang(raw)
        st.session_state[LANG_KEY] = code
        return code
    return st.session_state.get(LANG_KEY, i18n.DEFAULT_LANG)


def t(key: str, /, **fmt: object) -> str:
    """``cnnlab.i18n.t`` in the current page language."""
    return i18n.t(key, lang(), **fmt)


def option_labels(prefix: str, suffix: str = "") -> Callable[[Any], str]:
    """A ``format_func`` for choice widgets: option ``v`` → ``t(prefix + str(v) + suffix)`` in today's language.

    The language is bound now, not looked up when called: AppTest (and Streamlit itself) may call a widget's
    ``format_func`` outside the script run, where ``?lang=`` cannot be read.
    """
    code = lang()
    return lambda value: i18n.t(f"{prefix}{value}{suffix}", code)


def _lang_changed() -> None:
    code = i18n.normalize_lang(st.session_state.get(LANG_WIDGET))
    st.session_state[LANG_KEY] = code
    st.query_params["lang"] = code


def _leave_pages_directory_mode() -> None:
    """Use app.py's navigation even when the first visit after start is a page link.

    With a ``pages/`` folder, Streamlit runs a page file *directly* (its old, folder-based multipage mode, with a
    flat page list and no app.py) until some session has run app.py's ``st.navigation``. A teacher's shared link
    opened first would show that flat list. Switch the mode off and rerun: app.py then runs and its
    ``st.navigation`` opens the same page (same url path, so same page hash). Only on a session's first run:
    a rerun later would swallow a button click (AppTest resets the mode before every run).
    """
    try:
        from streamlit.runtime.pages_manager import PagesManager
    except ImportError:  # a Streamlit without this internal: nothing to fix
        return
    first_run = not st.session_state.get(STARTED_KEY)
    st.session_state[STARTED_KEY] = True
    if first_run and PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def setup_page(title_key: str | None = None, *, layout: str = "wide") -> str:
    """Page config + the sidebar language switch (synced to ``?lang=``); notes the visit for the teacher's page and
    keeps this session's queued/running job alive (``cnnlab.ui.jobs.visit``). Returns the language code."""
    _leave_pages_directory_mode()
    code = lang()
    title = t(title_key) if title_key else "cnnlab"
    try:
        st.set_page_config(page_title=f"{title} · cnnlab", page_icon="🧮", layout=layout)
    except Exception:  # noqa: BLE001 — an older Streamlit allows one call per run; the app's call wins then
        pass
    if st.query_params.get("lang") != code:
        st.query_params["lang"] = code  # after a page switch (which drops the URL's parameters) keep the language
    if st.session_state.get(LANG_WIDGET) != code:
        st.session_state[LANG_WIDGET] = code
    st.sidebar.radio(
        "Language · 언어", list(i18n.LANGUAGES), format_func=i18n.LANGUAGE_NAMES.get, key=LANG_WIDGET,
        horizontal=True, on_change=_lang_changed,
    )
    from cnnlab.ui.jobs import visit  # here: cnnlab.ui.jobs imports this module

    visit((title_key or "").removeprefix("lessons.page_").split(".")[0])  # the teacher's view; a job's heartbeat
    if code == "ko":
        st.html(_KOREAN_WRAP)
    return code


# Korean lines break between words (at spaces), not inside a word as the browser's default does for Hangul;
# a run with no space (a long spec, a formula) still breaks rather than overflow (Streamlit sets break-word).
_KOREAN_WRAP = "<style>.stApp * { word-break: keep-all !important; overflow-wrap: break-word; }</style>"


# ---------------------------------------------------------------- shareable widgets
def _sync_url(key: str, value: Any, default: Any) -> None:
    text = None if value == default else _url_text(value)
    current = st.query_params.get(key)
    if text is None:
        if current is not None:
            del st.query_params[key]
    elif current != text:
        st.query_params[key] = text


def _url_text(value: Any) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _prepare(key: str, default: Any, parse: Callable[[str], Any], fix: Callable[[Any], Any]) -> None:
    """Put a valid value into session state before the widget is drawn (URL first, then the held value)."""
    if key not in st.session_state:
        raw = st.query_params.get(key)
        value = default
        if raw is not None:
            try:
                value = fix(parse(raw))
            except (ValueError, TypeError, LookupError):
                value = default  # nonsense in a shared link: start from the default
        st.session_state[key] = value
        return
    held = st.session_state[key]
    try:
        fixed = fix(held)
    except (ValueError, TypeError, LookupError):
        fixed = default
    if fixed != held or type(fixed) is not type(held):
        st.session_state[key] = fixed


def _clamp(lo: T, hi: T, cast: Callable[[Any], T]) -> Callable[[Any], T]:
    def fix(v: Any) -> T:
        v = cast(v)
        if v != v:  # NaN
            raise ValueError("not a number")
        return max(lo, min(hi, v))  # type: ignore[type-var]

    return fix


def _cast_for(*values: Any) -> Callable[[Any], Any]:
    if any(isinstance(v, float) for v in values):
        return float
    return lambda v: int(float(v)) if isinstance(v, str) else int(v)


def _target(container: Any) -> Any:
    return st if container is None else container


def _numeric(key: str, min_value: Any, max_value: Any, value: Any, step: Any) -> tuple[Callable, Any, Any, Any]:
    """(cast, lo, hi, default) for a number widget, with its session value prepared and clamped."""
    cast = _cast_for(min_value, max_value, value, step)
    lo, hi = cast(min_value), cast(max_value)
    hi = max(lo, hi)
    default = max(lo, min(hi, cast(value)))
    _prepare(key, default, cast, _clamp(lo, hi, cast))
    return cast, lo, hi, default


def qp_slider(label: str, min_value: int | float, max_value: int | float, value: int | float, *, key: str,
              step: int | float | None = None, help: str | None = None, container: Any = None,
              **kwargs: Any) -> Any:
    """``st.slider`` backed by ``?key=``; out-of-range URL or held values are clamped."""
    cast, lo, hi, default = _numeric(key, min_value, max_value, value, step)
    if lo == hi:  # a slider needs a range; show the one possible value instead
        _target(container).markdown(f"{label}: **{lo}**", help=help)
        result = st.session_state[key]
    else:
        result = _target(container).slider(label, lo, hi, step=cast(step) if step else None, key=key, help=help,
                                           **kwargs)
    _sync_url(key, result, default)
    return result


def qp_number(label: str, min_value: int | float, max_value: int | float, value: int | float, *, key: str,
              step: int | float | None = None, help: str | None = None, container: Any = None,
              **kwargs: Any) -> Any:
    """``st.number_input`` backed by ``?key=``; out-of-range values are clamped."""
    cast, lo, hi, default = _numeric(key, min_value, max_value, value, step)
    result = _target(container).number_input(label, min_value=lo, max_value=hi, step=cast(step or 1), key=key,
                                             help=help, **kwargs)
    _sync_url(key, result, default)
    return result


def _choice(options: Sequence[Any]) -> tuple[Callable[[str], Any], Callable[[Any], Any]]:
    by_text = {_url_text(o): o for o in options}

    def parse(raw: str) -> Any:
        return by_text[raw]

    def fix(v: Any) -> Any:
        if v in options:
            return options[list(options).index(v)]
        return by_text[_url_text(v)]  # e.g. "5" from an older session for option 5

    return parse, fix


def qp_select(label: str, options: Sequence[Any], value: Any = _SENTINEL, *, key: str,
              format_func: Callable[[Any], str] = str, help: str | None = None, container: Any = None,
              **kwargs: Any) -> Any:
    """``st.selectbox`` backed by ``?key=`` (written as ``str(option)``); unknown values fall back to the default."""
    options = list(options)
    default = options[0] if value is _SENTINEL or value not in options else value
    parse, fix = _choice(options)
    _prepare(key, default, parse, fix)
    result = _target(container).selectbox(label, options, format_func=format_func, key=key, help=help, **kwargs)
    _sync_url(key, result, default)
    return result


def qp_radio(label: str, options: Sequence[Any], value: Any = _SENTINEL, *, key: str,
             format_func: Callable[[Any], str] = str, horizontal: bool = True, help: str | None = None,
             container: Any = None, **kwargs: Any) -> Any:
    """``st.radio`` backed by ``?key=``; unknown values fall back to the default."""
    options = list(options)
    default = options[0] if value is _SENTINEL or value not in options else value
    parse, fix = _choice(options)
    _prepare(key, default, parse, fix)
    result = _target(container).radio(label, options, format_func=format_func, key=key, horizontal=horizontal,
                                      help=help, **kwargs)
    _sync_url(key, result, default)
    return result


def _parse_bool(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off"):
        return False
    raise ValueError(f"not a yes/no value: {raw!r}")


def qp_toggle(label: str, value: bool = False, *, key: str, help: str | None = None, container: Any = None,
              **kwargs: Any) -> bool:
    """``st.toggle`` backed by ``?key=1|0``."""
    default = bool(value)
    _prepare(key, default, _parse_bool, _parse_bool)
    result = _target(container).toggle(label, key=key, help=help, **kwargs)
    _sync_url(key, result, default)
    return bool(result)


# ---------------------------------------------------------------- messages
def error_text(exc: BaseException) -> str:
    """The error in the page's language: its place (a spec row, a model's layer) and what to change."""
    return i18n_errors.error_text(exc, lang())


def error_message(exc: BaseException) -> str:
    """The error in the page's language without its place (e.g. for a table row that already names the layer)."""
    return i18n_errors.error_message(exc, lang())


def show_error(exc: BaseException | None, title: str | None = None, hint: str | None = None,
               container: Any = None, *, message: str | None = None) -> None:
    """Show an error as a friendly ``st.error`` in the page's language: what is wrong (naming the layer), the fix.

    ``message`` replaces the worded error (e.g. a lesson's own fuller explanation).
    """
    if message is None:
        message = error_text(exc) if exc is not None else ""
    head = title or t("common.error_title")
    body = f"**{head}**\n\n{message}"
    if hint:
        body += f"\n\n{hint}"
    _target(container).error(body, icon="⚠️")


def convention_note(container: Any = None) -> None:
    """The counting conventions every number on the page follows."""
    _target(container).caption("ℹ️ " + t("common.conventions"))


def formula(text: str, container: Any = None) -> None:
    """A worked formula, e.g. ``(32 + 2·2 − 5) / 1 + 1 = 32``, as a code line (copyable, monospace)."""
    _target(container).code(text, language=None)


def page_link(page: str, label: str | None = None, icon: str | None = None, container: Any = None,
              **kwargs: Any) -> None:
    """``st.page_link`` that keeps the language; plain text when the page runs outside the app's navigation."""
    try:
        _target(container).page_link(page, label=label, icon=icon, query_params={"lang": lang()}, **kwargs)
    except Exception:  # noqa: BLE001 — StreamlitAPIException/KeyError when the page is not in st.navigation
        _target(container).markdown(f"{icon + ' ' if icon else ''}**{label or page}**")
