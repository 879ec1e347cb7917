"""Architecture explorer: the classic networks layer by layer — table, chart, diagram, code, A vs B."""
from __future__ import annotations

from dataclasses import asdict

import pandas as pd
import streamlit as st

from cnnlab import ui
from cnnlab.architectures import (NETWORKS, OPTION_CHOICES, SIZE_OPTIONS, Side, build_call, compare, default_rival,
                                  failed_layer, format_count, heaviest_layer, lesson_options, option_items,
                                  option_text, param_split)
from cnnlab.arithmetic import LayerError, fmt_int, fmt_shape
from cnnlab.models import MODELS
from cnnlab.ui import architectures as aui

ui.setup_page("architectures.title")
t = ui.t
lang = ui.lang()


_title = aui.model_titles()

st.title(t("architectures.title"))
st.caption(t("architectures.intro"))

col_model, col_c, col_size, col_classes = st.columns([3, 1.3, 2.4, 1.3])
name = ui.qp_select(t("architectures.model"), NETWORKS, NETWORKS[0], key="model", format_func=_title,
                    container=col_model, on_change=aui.model_changed)
info = MODELS[name]
channels = ui.qp_select(t("architectures.channels"), [1, 3], info.default_input[0], key="c", container=col_c,
                        help=t("architectures.channels_help"))
size = ui.qp_slider(t("architectures.size"), 8, 320, info.default_input[1], key="size", container=col_size,
                    help=t("architectures.size_help"))
classes = ui.qp_number(t("architectures.classes"), 1, 10000, int(info.options.get("num_classes", 1000)),
                       key="classes", container=col_classes, help=t("architectures.classes_help"))

# Lesson toggles: every option of this network except the input/output sizes set above.
options: dict = {}
shown = lesson_options(info.options)
for col, (key, default) in zip(st.columns(max(len(shown), 3)) if shown else [], shown):
    if key == "activation" and not options.get("classic", True):
        options[key] = default  # ReLU replaces the squashing function in the modern LeNet
        col.empty()
        continue
    # Shown values are language-neutral ("GAP", "tanh") so that a shared link works in both languages.
    if isinstance(default, bool):
        options[key] = ui.qp_toggle(aui.option_label(key), default, key=key, help=aui.option_help(key), container=col)
    else:
        options[key] = ui.qp_select(aui.option_label(key), OPTION_CHOICES[key], default, key=key,
                                    format_func=lambda v, key=key: option_text(key, v), help=aui.option_help(key),
                                    container=col)
options.update(in_channels=int(channels), num_classes=int(classes))
input_size = (int(channels), int(size), int(size))
items = option_items(options)

ui.convention_note()

try:
    summary = aui.cached_summary(name, items, input_size)
except LayerError as e:
    # The layer comes with the error as data; the page names it in its own language.
    layer = failed_layer(e)
    ui.show_error(e, title=t("architectures.error_title"), message=ui.error_message(e),
                  hint=t("architectures.error_layer", layer=layer) if layer else None)
    st.info(t("architectures.error_hint", shape=fmt_shape(info.default_input)))
    st.stop()
except (ValueError, TypeError) as e:  # an option combination the builder refuses
    ui.show_error(e, title=t("architectures.build_error"))
    st.stop()
graph = aui.cached_graph(name, items, input_size)

split = param_split(summary)  # GoogLeNet's auxiliary heads run only in training: counted apart
m1, m2, m3, m4 = st.columns([1.3, 1.2, 1, 1])
m1.metric(t("architectures.params_inference" if split.training else "architectures.params"), fmt_int(split.inference))
# MACs run to 11 digits: the metric shows them as papers quote them, the caption below in full.
m2.metric(t("architectures.macs"), format_count(summary.total_macs),
          t("architectures.flops", flops=format_count(2 * summary.total_macs)), delta_color="off", delta_arrow="off")
m3.metric(t("architectures.depth"), graph.depth, help=t("architectures.depth_help"))
m4.metric(t("architectures.output"), fmt_shape(summary.output_shape))
st.caption(t("architectures.exact", params=fmt_int(split.inference), macs=fmt_int(summary.total_macs),
             flops=fmt_int(2 * summary.total_macs)))
if split.training:
    st.caption(t("architectures.training_only_note", n=fmt_int(split.training), total=fmt_int(split.total),
                 heads=", ".join(f"{head} ({fmt_int(n)})" for head, n in split.training_only)))

heavy = heaviest_layer(summary)
if heavy is not None:
    st.markdown(t("architectures.heaviest", name=heavy.name, type=heavy.type, params=fmt_int(heavy.params),
                  total=fmt_int(split.inference), share=f"{heavy.share:.1f}"))
    if "head" in info.options and "linear" in heavy.type.lower() and heavy.share > 50:
        st.caption(t("architectures.heaviest_fc_hint"))
aui.show_notes(name, items, input_size, summary, _title(name))

tab_table, tab_chart, tab_diagram, tab_code, tab_compare = aui.view_tabs()  # only the open tab runs

if tab_table.open is not False:
    frame = aui.cached_table(name, items, input_size, t("architectures.rf_whole"), t("architectures.training_only"))
    tab_table.dataframe(frame, hide_index=True, width="stretch", height=min(38 + 35 * len(frame), 560),
                        column_config=aui.table_columns())
    tab_table.caption(t("architectures.table_caption", n=len(frame)))

if tab_chart.open is not False:
    log = ui.qp_toggle(t("architectures.log_scale"), False, key="log", help=t("architectures.log_help"),
                       container=tab_chart)
    tab_chart.caption(t("architectures.chart_caption"))
    tab_chart.plotly_chart(aui.cached_params_figure(name, items, input_size, log, lang), width="stretch")

if tab_diagram.open is not False:
    tab_diagram.caption(aui.diagram_caption(graph, options))
    if not graph.traced:
        tab_diagram.info(t("architectures.diagram_untraced"))
    fig = aui.cached_diagram_figure(name, items, input_size, lang)
    with tab_diagram.container(height=min(fig.layout.height + 20, 720), border=False):
        st.plotly_chart(fig, width="stretch", config={"displayModeBar": False, "scrollZoom": False})

if tab_code.open is not False:
    tab_code.caption(t("architectures.code_caption", call=build_call(name, items, info.options)))
    tab_code.code(aui.cached_source(name), language="python", line_numbers=True, height=640)

if tab_compare.open is not False:
    with tab_compare:
        other = ui.qp_select(t("architectures.compare_with"), [n for n in NETWORKS if n != name],
                             default_rival(name, NETWORKS), key="vs", format_func=_title)
        other_info = MODELS[other]
        other_items = option_items({**other_info.options, **{k: options[k] for k in SIZE_OPTIONS}})
        st.caption(t("architectures.compare_same_input", shape=fmt_shape(input_size), classes=int(classes)))
        try:
            other_summary = aui.cached_summary(other, other_items, input_size)
        except LayerError as e:
            st.warning(t("architectures.compare_error", name=_title(other), error=ui.error_text(e)))
        else:
            a = Side(_title(name), split.inference, summary.total_macs, graph.depth)
            b = Side(_title(other), param_split(other_summary).inference, other_summary.total_macs,
                     aui.cached_graph(other, other_items, input_size).depth)
            verdict = compare(name, a, other, b)
            st.plotly_chart(aui.cached_comparison_figure(a, b, lang), width="stretch")
            st.dataframe(pd.DataFrame([asdict(a), asdict(b)]), hide_index=True, width="stretch",
                         column_config=aui.comparison_columns())
            if verdict.same:
                st.markdown(t("architectures.compare_same", a=a.title, b=b.title))
                if verdict.twins:  # plain20 vs resnet20
                    st.caption(t("architectures.compare_twins"))
            elif verdict.smaller.params > 0:
                st.markdown(t("architectures.compare_ratio", a=verdict.bigger.title, b=verdict.smaller.title,
                              ratio=f"{verdict.ratio:.1f}"))

ui.exercise_block("architectures")
