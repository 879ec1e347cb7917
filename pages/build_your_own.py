"""Build your own: an editable layer table, checked row by row, with its summary, code and hand-off."""
from __future__ import annotations

import streamlit as st

from cnnlab import ui
from cnnlab.arithmetic import fmt_int, fmt_shape
from cnnlab.build_your_own import DEFAULT_INPUT, DEFAULT_SPEC, first_errors
from cnnlab.spec import spec_rows, spec_to_code
from cnnlab.ui import build_your_own as bui

ui.setup_page("build_your_own.title")
t = ui.t
editor_key = bui.editor_key()

st.title(t("build_your_own.title"))
st.caption(t("build_your_own.intro"))

# ---- Input C×H×W ---------------------------------------------------------------------------
st.subheader(t("build_your_own.input"))
c_col, h_col, w_col = st.columns(3)
channels = ui.qp_number(t("build_your_own.in_channels"), 1, 512, DEFAULT_INPUT[0], key="c", container=c_col)
height = ui.qp_number(t("build_your_own.in_height"), 1, 1024, DEFAULT_INPUT[1], key="h", container=h_col)
width = ui.qp_number(t("build_your_own.in_width"), 1, 1024, DEFAULT_INPUT[2], key="w", container=w_col)
input_size = (int(channels), int(height), int(width))

# ---- The table -----------------------------------------------------------------------------
st.subheader(t("build_your_own.table"), help=t("build_your_own.table_help"))
edited = st.data_editor(
    bui.table(), key=editor_key, num_rows="dynamic", width="stretch",
    height=35 * (len(bui.table()) + 2) + 3,  # every row visible, plus the "add row" line
    placeholder="",  # an unused cell stays blank instead of "None"
    column_config=bui.editor_columns(),
)
texts, table_text = bui.follow_table(edited)
rows = spec_rows(texts, input_size) if texts else []
errors = first_errors(rows)
if not texts:
    st.info(t("build_your_own.empty"))
elif errors:
    # The first broken row is the one to fix; rows after it only wait for their input shape.
    lines = [t("build_your_own.row_error", row=r.index + 1, text=r.text or "–", error=bui.row_problem(r))
             for r in errors]
    st.error(t("build_your_own.errors_title") + "\n\n" + "\n".join(f"- {line}" for line in lines))
else:
    st.success(t("build_your_own.all_ok", n=len(rows)))

# ---- The same network as text --------------------------------------------------------------
st.text_area(t("build_your_own.spec"), key=bui.TEXT, on_change=bui.text_changed, help=t("build_your_own.spec_help"),
             height=90)
if bui.text_error():
    key = "build_your_own.link_error" if bui.from_link() else "build_your_own.spec_error"
    st.warning(t(key, error=bui.text_error()))
with st.expander(t("build_your_own.grammar")):
    st.markdown(t("build_your_own.grammar_body"))
if not errors and texts:
    bui.share(table_text)  # a link to this very network

# ---- Live summary --------------------------------------------------------------------------
st.subheader(t("build_your_own.summary"))
ui.convention_note()
if rows:
    st.dataframe(bui.summary_frame(rows), hide_index=True, width="stretch",
                 height=35 * (len(rows) + 1) + 3,  # all rows, no inner scrollbar
                 column_config=bui.summary_columns())
if rows and not errors:
    params = sum(r.params for r in rows)
    macs = sum(r.macs for r in rows)
    shape = rows[-1].output_shape
    st.markdown(t("build_your_own.totals", params=fmt_int(params), macs=fmt_int(macs), flops=fmt_int(2 * macs),
                  shape=fmt_shape(shape)))

    # ---- Code and hand-off -----------------------------------------------------------------
    st.subheader(t("build_your_own.code"))
    st.caption(t("build_your_own.code_caption"))
    st.code(spec_to_code(texts, input_size), language="python")

    if shape != (10,):
        st.caption(t("build_your_own.handoff_no_classes", shape=fmt_shape(shape)))
    if st.button(t("build_your_own.handoff"), type="primary"):
        bui.send_to_lab(table_text, input_size)
    if bui.sent_to_lab(table_text, input_size):
        st.success(t("build_your_own.handoff_done", shape=fmt_shape(input_size)))
        ui.page_link("pages/training_lab.py", label=t("build_your_own.handoff_link"), icon="🏋️")
elif rows:
    st.button(t("build_your_own.handoff"), disabled=True, help=t("build_your_own.handoff_disabled"))

st.button(t("build_your_own.reset"), on_click=bui.start, args=(DEFAULT_SPEC,))

ui.exercise_block("build_your_own")
