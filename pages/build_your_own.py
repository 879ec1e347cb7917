"""Build your own: an editable layer table, checked row by row, with its summary, code and hand-off."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from cnnlab import ui
from cnnlab.arithmetic import LayerError, fmt_int
from cnnlab.explorer import DEFAULT_INPUT, DEFAULT_SPEC, TABLE_COLUMNS, format_shape, layer_row, row_text
from cnnlab.spec import KINDS, parse_spec, spec_rows, spec_to_code

ui.setup_page("byo.title")
t = ui.t

EDITOR = "byo.editor"  # + version: a new version is a fresh editor (after the text box replaced the table)
TEXT = "byo.text"
HANDOFF = "cnnlab.custom_spec"


def _frame(text: str) -> pd.DataFrame:
    frame = pd.DataFrame([layer_row(s) for s in parse_spec(text)], columns=list(TABLE_COLUMNS))
    # Numbers as floats with NaN for "not used": what the editor gives back anyway.
    return frame.astype({"out": "float64", "k": "float64", "s": "float64"})


def _start(text: str) -> None:
    st.session_state["byo.frame"] = st.session_state["byo.latest"] = _frame(text)
    st.session_state["byo.version"] = st.session_state.get("byo.version", -1) + 1
    st.session_state["byo.table_text"] = text
    st.session_state[TEXT] = text
    st.session_state.pop("byo.text_error", None)


def _text_changed() -> None:
    """The student edited the text: rebuild the table from it, or keep the table and say why not."""
    text = st.session_state.get(TEXT, "")
    try:
        parse_spec(text)
    except LayerError as e:
        st.session_state["byo.text_error"] = str(e)
        return
    _start(text)


if "byo.frame" not in st.session_state:
    shared = st.query_params.get("spec")  # a teacher's link opens the same network
    try:
        parse_spec(shared or "")
        _start(shared)
    except LayerError:
        _start(DEFAULT_SPEC)

editor_key = f"{EDITOR}.{st.session_state['byo.version']}"
latest = st.session_state.get("byo.latest")
if editor_key not in st.session_state and latest is not None and not latest.equals(st.session_state["byo.frame"]):
    # Back from another page: Streamlit dropped the editor's edits with the widget; start from the last table.
    st.session_state["byo.frame"] = latest
    st.session_state["byo.version"] += 1
    editor_key = f"{EDITOR}.{st.session_state['byo.version']}"

st.title(t("byo.title"))
st.caption(t("byo.intro"))

# ---- Input C×H×W ---------------------------------------------------------------------------
st.subheader(t("byo.input"))
c_col, h_col, w_col = st.columns(3)
channels = ui.qp_number(t("byo.in_channels"), 1, 512, DEFAULT_INPUT[0], key="c", container=c_col)
height = ui.qp_number(t("byo.in_height"), 1, 1024, DEFAULT_INPUT[1], key="h", container=h_col)
width = ui.qp_number(t("byo.in_width"), 1, 1024, DEFAULT_INPUT[2], key="w", container=w_col)
input_size = (int(channels), int(height), int(width))

# ---- The table -----------------------------------------------------------------------------
st.subheader(t("byo.table"), help=t("byo.table_help"))
edited = st.data_editor(
    st.session_state["byo.frame"],
    key=editor_key,
    num_rows="dynamic",
    width="stretch",
    height=35 * (len(st.session_state["byo.frame"]) + 2) + 3,  # every row visible, plus the "add row" line
    placeholder="",  # an unused cell stays blank instead of "None"

    column_config={
        "layer": st.column_config.SelectboxColumn(t("byo.col_layer"), options=list(KINDS), required=True,
                                                  help=t("byo.col_layer_help"), width="small"),
        "out": st.column_config.NumberColumn(t("byo.col_out"), min_value=1, step=1, format="%d",
                                             help=t("byo.col_out_help"), width="small"),
        "k": st.column_config.NumberColumn(t("byo.col_k"), min_value=1, step=1, format="%d",
                                           help=t("byo.col_k_help"), width="small"),
        "s": st.column_config.NumberColumn(t("byo.col_s"), min_value=1, step=1, format="%d",
                                           help=t("byo.col_s_help"), width="small"),
        "p": st.column_config.TextColumn(t("byo.col_p"), help=t("byo.col_p_help"), width="small"),
        "mode": st.column_config.TextColumn(t("byo.col_mode"), help=t("byo.col_mode_help"), width="small"),
        "more": st.column_config.TextColumn(t("byo.col_more"), help=t("byo.col_more_help"), width="medium"),
    },
)
st.session_state["byo.latest"] = edited
texts = [row_text(r) for r in edited.to_dict("records")]
table_text = " | ".join(texts)
if table_text != st.session_state.get("byo.table_text") or TEXT not in st.session_state:
    # The table changed since the last run: the text box follows it (it is drawn below, so this is allowed).
    st.session_state["byo.table_text"] = table_text
    st.session_state[TEXT] = table_text
    st.session_state.pop("byo.text_error", None)

rows = spec_rows(texts, input_size) if texts else []
errors = [r for r in rows if r.error]
if not texts:
    st.info(t("byo.empty"))
elif errors:
    first = errors[0]
    # The first broken row is the one to fix; rows after it only wait for their input shape.
    lines = [t("byo.row_error", row=r.index + 1, text=r.text or "–", error=r.error)
             for r in errors if r is first or r.input_shape is not None]
    st.error(t("byo.errors_title") + "\n\n" + "\n".join(f"- {line}" for line in lines))
else:
    st.success(t("byo.all_ok", n=len(rows)))

# ---- The same network as text --------------------------------------------------------------
st.text_area(t("byo.spec"), key=TEXT, on_change=_text_changed, help=t("byo.spec_help"), height=90)
if st.session_state.get("byo.text_error"):
    st.warning(t("byo.spec_error", error=st.session_state["byo.text_error"]))
with st.expander(t("byo.grammar")):
    st.markdown(t("byo.grammar_body"))
if not errors and texts and st.query_params.get("spec") != table_text:
    st.query_params["spec"] = table_text  # shareable link to this very network

# ---- Live summary --------------------------------------------------------------------------
st.subheader(t("byo.summary"))
ui.convention_note()
if rows:
    ok, waiting = t("byo.ok"), t("byo.not_checked")

    def _status(r) -> str:
        if not r.error:
            return "✓ " + ok
        return "✗ " + (r.error if r.input_shape is not None else waiting)  # rows after a broken one just wait

    def _count(r, value: int) -> str:
        return "–" if r.error else fmt_int(value)

    summary = pd.DataFrame(
        {
            "#": [r.index + 1 for r in rows],
            "layer": [r.text for r in rows],
            "input": [format_shape(r.input_shape) for r in rows],
            "output": [format_shape(r.output_shape) for r in rows],
            "params": [_count(r, r.params) for r in rows],
            "macs": [_count(r, r.macs) for r in rows],
            "check": [_status(r) for r in rows],
        }
    )
    st.dataframe(
        summary,
        hide_index=True,
        width="stretch",
        height=35 * (len(summary) + 1) + 3,  # all rows, no inner scrollbar
        column_config={
            "#": st.column_config.NumberColumn("#", width=40),
            "layer": st.column_config.TextColumn(t("byo.col_layer"), width=170),
            "input": st.column_config.TextColumn(t("byo.input"), width=95),
            "output": st.column_config.TextColumn(t("arch.col_output"), width=105),
            "params": st.column_config.TextColumn(t("arch.col_params"), width=90, alignment="right"),
            "macs": st.column_config.TextColumn(t("arch.col_macs"), width=105, alignment="right"),
            "check": st.column_config.TextColumn(t("byo.col_status")),
        },
    )
if rows and not errors:
    params = sum(r.params for r in rows)
    macs = sum(r.macs for r in rows)
    shape = rows[-1].output_shape
    st.markdown(t("byo.totals", params=fmt_int(params), macs=fmt_int(macs), flops=fmt_int(2 * macs),
                  shape=format_shape(shape)))

    # ---- Code and hand-off -----------------------------------------------------------------
    st.subheader(t("byo.code"))
    st.caption(t("byo.code_caption"))
    st.code(spec_to_code(texts, input_size), language="python")

    if shape != (10,):
        st.caption(t("byo.handoff_no_classes", shape=format_shape(shape)))
    if st.button(t("byo.handoff"), type="primary"):
        st.session_state[HANDOFF] = {"spec": table_text, "input": input_size}
    sent = st.session_state.get(HANDOFF)
    if sent and sent.get("spec") == table_text and tuple(sent.get("input", ())) == input_size:
        st.success(t("byo.handoff_done", shape=format_shape(input_size)))
        ui.page_link("pages/training_lab.py", label=t("byo.handoff_link"), icon="🏋️")
elif rows:
    st.button(t("byo.handoff"), disabled=True, help=t("byo.handoff_disabled"))

st.button(t("byo.reset"), on_click=_start, args=(DEFAULT_SPEC,))
