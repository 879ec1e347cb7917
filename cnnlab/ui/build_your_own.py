"""Streamlit state of "Build your own CNN": the table editor, the text box that mirrors it, the training hand-off.

The table and the text are two views of one network. Editing the table rewrites the text box; editing the text
replaces the table with a fresh editor (a new ``version`` of its widget key) or, when the text does not parse,
keeps the table and says why. Streamlit forgets a widget's edits when the student visits another page, so the
last table is kept (``latest``) and restored on the way back. A link's ``?spec=`` opens the same network; a link
whose text cannot be read keeps that text in the text box, says which row is wrong and why (in the page's language),
and fills the table with the rows that could be read — it never swaps in another network.
"""
from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from cnnlab.arithmetic import LayerError, fmt_int, fmt_shape
from cnnlab.build_your_own import DEFAULT_SPEC, readable_rows, row_text, spec_text, table_frame
from cnnlab.spec import KINDS, SpecRow, parse_spec
from cnnlab.ui.core import error_message, error_text, t

__all__ = ["TEXT", "HANDOFF_KEY", "start", "text_changed", "editor_key", "table", "follow_table", "text_error",
           "from_link", "share", "send_to_lab", "sent_to_lab", "editor_columns", "summary_frame", "summary_columns",
           "row_problem"]

TEXT = "build_your_own.text"      # the text box's widget key
HANDOFF_KEY = "cnnlab.custom_spec"  # {"spec": text, "input": (C, H, W)}: the network the training lab may train
_EDITOR = "build_your_own.editor"  # + version: a new version is a fresh editor
_FRAME, _LATEST = "build_your_own.frame", "build_your_own.latest"
_VERSION, _TABLE_TEXT, _TEXT_ERROR = "build_your_own.version", "build_your_own.table_text", "build_your_own.text_error"
_FROM_LINK = "build_your_own.from_link"   # the text error came with the link that opened the page


def start(text: str) -> None:
    """A fresh table (and text box) from a spec text that parses."""
    _new_table(table_frame(text), text)
    st.session_state.pop(_TEXT_ERROR, None)
    st.session_state.pop(_FROM_LINK, None)


def _new_table(frame: pd.DataFrame, text: str) -> None:
    st.session_state[_FRAME] = st.session_state[_LATEST] = frame
    st.session_state[_VERSION] = st.session_state.get(_VERSION, -1) + 1
    st.session_state[_TABLE_TEXT] = st.session_state[TEXT] = text


def _start_unreadable(text: str, error: LayerError) -> None:
    """A link whose text does not parse: its readable rows in the table, its own text kept for editing, the error."""
    frame = readable_rows(text)
    _new_table(frame, spec_text(frame.to_dict("records")))
    st.session_state[TEXT] = text
    st.session_state[_TEXT_ERROR] = error
    st.session_state[_FROM_LINK] = True


def text_changed() -> None:
    """The student edited the text: rebuild the table from it, or keep the table and say why not."""
    text = st.session_state.get(TEXT, "")
    try:
        parse_spec(text)
    except LayerError as e:
        st.session_state[_TEXT_ERROR] = e
        st.session_state.pop(_FROM_LINK, None)
        return
    start(text)


def editor_key() -> str:
    """The table editor's widget key; starts the session's table from ``?spec=`` (or the LeNet example)."""
    if _FRAME not in st.session_state:
        shared = st.query_params.get("spec")  # a teacher's link opens the same network
        if not shared:
            start(DEFAULT_SPEC)
        else:
            try:
                parse_spec(shared)
            except LayerError as e:
                _start_unreadable(shared, e)
            else:
                start(shared)
    key = f"{_EDITOR}.{st.session_state[_VERSION]}"
    latest = st.session_state.get(_LATEST)
    if key not in st.session_state and latest is not None and not latest.equals(st.session_state[_FRAME]):
        # Back from another page: Streamlit dropped the editor's edits with the widget; start from the last table.
        st.session_state[_FRAME] = latest
        st.session_state[_VERSION] += 1
        key = f"{_EDITOR}.{st.session_state[_VERSION]}"
    return key


def table() -> pd.DataFrame:
    """The table the editor starts from."""
    return st.session_state[_FRAME]


def follow_table(edited: pd.DataFrame) -> tuple[list[str], str]:
    """Keep the edited table; the text box (drawn after the table) follows it. Returns (layer texts, spec text)."""
    st.session_state[_LATEST] = edited
    records = edited.to_dict("records")
    texts, text = [row_text(r) for r in records], spec_text(records)
    if text != st.session_state.get(_TABLE_TEXT) or TEXT not in st.session_state:
        st.session_state[_TABLE_TEXT] = st.session_state[TEXT] = text
        st.session_state.pop(_TEXT_ERROR, None)
        st.session_state.pop(_FROM_LINK, None)
    return texts, text


def text_error() -> str | None:
    """Why the text box could not replace the table, in the page's language (with the row), or None."""
    error = st.session_state.get(_TEXT_ERROR)
    return error_text(error) if error is not None else None


def from_link() -> bool:
    """Whether the unreadable text came with the link that opened the page (not typed by the student)."""
    return bool(st.session_state.get(_FROM_LINK))


def share(text: str) -> None:
    """``?spec=`` holds the network: the link opens it (not while the text box holds text that cannot be read)."""
    if st.session_state.get(_TEXT_ERROR) is None and st.query_params.get("spec") != text:
        st.query_params["spec"] = text


def send_to_lab(text: str, input_size: tuple[int, int, int]) -> None:
    st.session_state[HANDOFF_KEY] = {"spec": text, "input": input_size}


def sent_to_lab(text: str, input_size: tuple[int, int, int]) -> bool:
    """Whether the training lab already has this very network."""
    sent = st.session_state.get(HANDOFF_KEY)
    return bool(sent) and sent.get("spec") == text and tuple(sent.get("input", ())) == input_size


def editor_columns() -> dict:
    col = st.column_config

    def number(name: str) -> object:
        return col.NumberColumn(t(f"build_your_own.col_{name}"), min_value=1, step=1, format="%d",
                                help=t(f"build_your_own.col_{name}_help"), width="small")

    return {
        "layer": col.SelectboxColumn(t("build_your_own.col_layer"), options=list(KINDS), required=True,
                                     help=t("build_your_own.col_layer_help"), width="small"),
        "out": number("out"), "k": number("k"), "s": number("s"),
        "p": col.TextColumn(t("build_your_own.col_p"), help=t("build_your_own.col_p_help"), width="small"),
        "mode": col.TextColumn(t("build_your_own.col_mode"), help=t("build_your_own.col_mode_help"), width="small"),
        "more": col.TextColumn(t("build_your_own.col_more"), help=t("build_your_own.col_more_help"), width="medium"),
    }


def row_problem(row: SpecRow) -> str:
    """A broken row's problem in the page's language (the row is named by the table, so without the place)."""
    return error_message(row.error) if row.error is not None else ""


def summary_frame(rows: Sequence[SpecRow]) -> pd.DataFrame:
    """One line per layer: its shapes, counts and check (rows after a broken one only wait for their input)."""
    ok, waiting = t("build_your_own.ok"), t("build_your_own.not_checked")

    def status(r: SpecRow) -> str:
        if r.error is None:
            return "✓ " + ok
        return "✗ " + (row_problem(r) if r.input_shape is not None else waiting)

    def count(r: SpecRow, value: int) -> str:
        return "–" if r.error else fmt_int(value)

    return pd.DataFrame({
        "#": [r.index + 1 for r in rows],
        "layer": [r.text for r in rows],
        "input": [fmt_shape(r.input_shape) for r in rows],
        "output": [fmt_shape(r.output_shape) for r in rows],
        "params": [count(r, r.params) for r in rows],
        "macs": [count(r, r.macs) for r in rows],
        "check": [status(r) for r in rows],
    })


def summary_columns() -> dict:
    col = st.column_config
    return {
        "#": col.NumberColumn("#", width=40),
        "layer": col.TextColumn(t("build_your_own.col_layer"), width=170),
        "input": col.TextColumn(t("build_your_own.input"), width=95),
        "output": col.TextColumn(t("build_your_own.col_output"), width=105),
        "params": col.TextColumn(t("build_your_own.col_params"), width=90, alignment="right"),
        "macs": col.TextColumn(t("build_your_own.col_macs"), width=105, alignment="right"),
        "check": col.TextColumn(t("build_your_own.col_status")),
    }
