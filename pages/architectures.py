"""Architecture explorer: the classic networks layer by layer — table, chart, diagram, code, A vs B."""
from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from cnnlab import i18n, ui
from cnnlab.arithmetic import LayerError, fmt_int
from cnnlab.explorer import format_count, format_shape, heaviest_layer, table_rows
from cnnlab.models import MODELS
from cnnlab.ui.explorer import (
    EXPLORER_MODELS,
    OPTION_CHOICES,
    cached_comparison_figure,
    cached_diagram_figure,
    cached_graph,
    cached_params_figure,
    cached_source,
    cached_summary,
    option_items,
    option_text,
)

ui.setup_page("arch.title")
t = ui.t
lang = ui.lang()

names = [n for n in EXPLORER_MODELS if n in MODELS]


def _title(name: str) -> str:
    return MODELS[name].title


def _option_label(key: str) -> str:
    return t(f"arch.opt_{key}") if i18n.has(f"arch.opt_{key}") else key.replace("_", " ")


def _option_help(key: str) -> str | None:
    return t(f"arch.opt_{key}_help") if i18n.has(f"arch.opt_{key}_help") else None


def _model_changed() -> None:
    """A new network starts from its usual input, so that AlexNet is not tried at LeNet's 32×32."""
    info = MODELS[st.session_state["model"]]
    c, h, _ = info.default_input
    st.session_state["c"] = c
    st.session_state["size"] = h
    st.session_state["classes"] = int(info.options.get("num_classes", 1000))
    # Options start from the new network's defaults: Plain-20 must not inherit ResNet-20's residual=True.
    for key, value in info.options.items():
        if key not in ("in_channels", "num_classes"):
            st.session_state[key] = value


st.title(t("arch.title"))
st.caption(t("arch.intro"))

col_model, col_c, col_size, col_classes = st.columns([3, 1.3, 2.4, 1.3])
name = ui.qp_select(t("arch.model"), names, names[0], key="model", format_func=_title, container=col_model,
                    on_change=_model_changed)
info = MODELS[name]
channels = ui.qp_select(t("arch.channels"), [1, 3], info.default_input[0], key="c", container=col_c,
                        help=t("arch.channels_help"))
size = ui.qp_slider(t("arch.size"), 8, 320, info.default_input[1], key="size", container=col_size,
                    help=t("arch.size_help"))
classes = ui.qp_number(t("arch.classes"), 1, 10000, int(info.options.get("num_classes", 1000)), key="classes",
                       container=col_classes, help=t("arch.classes_help"))

# Lesson toggles: every option of this network except the input/output sizes set above.
options: dict = {}
shown = [(k, v) for k, v in info.options.items()
         if k not in ("in_channels", "num_classes")
         and (isinstance(v, bool) or (k in OPTION_CHOICES and v in OPTION_CHOICES[k]))]
if shown:
    cols = st.columns(max(len(shown), 3))
    for col, (key, default) in zip(cols, shown):
        if key == "activation" and not options.get("classic", True):
            options[key] = default  # ReLU replaces the squashing function in the modern LeNet
            col.empty()
            continue
        # Shown values are language-neutral ("GAP", "tanh") so that a shared link works in both languages.
        if isinstance(default, bool):
            options[key] = ui.qp_toggle(_option_label(key), default, key=key, help=_option_help(key), container=col)
        else:
            options[key] = ui.qp_select(_option_label(key), OPTION_CHOICES[key], default, key=key,
                                        format_func=lambda v, key=key: option_text(key, v),
                                        help=_option_help(key), container=col)
options["in_channels"] = int(channels)
options["num_classes"] = int(classes)
input_size = (int(channels), int(size), int(size))
items = option_items(options)

ui.convention_note()

try:
    summary = cached_summary(name, items, input_size)
except LayerError as e:
    # Name the layer in the page's language too; the engine's reason after it stays as PyTorch says it.
    found = e.layer or (re.match(r"layer (.+?\)):", str(e)) or [None, None])[1]
    ui.show_error(e, title=t("arch.error_title"),
                  hint=t("arch.error_layer", layer=found) if found else None)
    st.info(t("arch.error_hint", shape=format_shape(info.default_input)))
    st.stop()
except (ValueError, TypeError) as e:  # an option combination the builder refuses
    ui.show_error(e, title=t("arch.build_error", error=""))
    st.stop()
graph = cached_graph(name, items, input_size)

m1, m2, m3, m4 = st.columns([1.3, 1.2, 1, 1])
m1.metric(t("arch.params"), fmt_int(summary.total_params))
# MACs run to 11 digits: the metric shows them as papers quote them, the caption below in full.
m2.metric(t("arch.macs"), format_count(summary.total_macs), t("arch.flops", flops=format_count(2 * summary.total_macs)),
          delta_color="off", delta_arrow="off")
m3.metric(t("arch.depth"), graph.depth, help=t("arch.depth_help"))
m4.metric(t("arch.output"), format_shape(summary.output_shape))
st.caption(t("arch.exact", params=fmt_int(summary.total_params), macs=fmt_int(summary.total_macs),
             flops=fmt_int(2 * summary.total_macs)))

heavy = heaviest_layer(summary)
if heavy is not None:
    st.markdown(t("arch.heaviest", name=heavy.name, type=heavy.type, params=fmt_int(heavy.params),
                  total=fmt_int(summary.total_params), share=f"{heavy.share:.1f}"))
    if "head" in info.options and "linear" in heavy.type.lower() and heavy.share > 50:
        st.caption(t("arch.heaviest_fc_hint"))

labels = [t("arch.tab_table"), t("arch.tab_chart"), t("arch.tab_diagram"), t("arch.tab_code"),
          t("arch.tab_compare")]
VIEWS = ["table", "chart", "diagram", "code", "compare"]  # ?view= names, the same in both languages


def _view_changed() -> None:
    chosen = st.session_state.get("view")
    if chosen in labels:
        st.query_params["view"] = VIEWS[labels.index(chosen)]


requested = st.query_params.get("view")
tab_table, tab_chart, tab_diagram, tab_code, tab_compare = st.tabs(
    labels, key="view", default=labels[VIEWS.index(requested)] if requested in VIEWS else None,
    on_change=_view_changed,  # only the open tab runs: a hidden diagram costs nothing
)

if tab_table.open is not False:
    with tab_table:
        frame = pd.DataFrame(table_rows(summary, t("arch.rf_whole")))
        st.dataframe(
            frame,
            hide_index=True,
            width="stretch",
            height=min(38 + 35 * len(frame), 560),
            column_config={
                "layer": st.column_config.TextColumn(t("arch.col_layer"), pinned=True),
                "type": st.column_config.TextColumn(t("arch.col_type"), width=150),
                "output": st.column_config.TextColumn(t("arch.col_output")),
                "params": st.column_config.NumberColumn(t("arch.col_params"), format="localized"),
                "share": st.column_config.ProgressColumn(t("arch.col_share"), format="%.1f %%", min_value=0,
                                                         max_value=100),
                "macs": st.column_config.NumberColumn(t("arch.col_macs"), format="localized"),
                "rf": st.column_config.TextColumn(t("arch.col_rf"), help=t("arch.col_rf_help")),
            },
        )
        st.caption(t("arch.table_caption", n=len(frame)))

if tab_chart.open is not False:
    with tab_chart:
        log = ui.qp_toggle(t("arch.log_scale"), False, key="log", help=t("arch.log_help"))
        st.caption(t("arch.chart_caption"))
        st.plotly_chart(cached_params_figure(name, items, input_size, log, lang), width="stretch")

if tab_diagram.open is not False:
    with tab_diagram:
        st.caption(t("arch.diagram_caption"))
        if not graph.traced:
            st.info(t("arch.diagram_untraced"))
        fig = cached_diagram_figure(name, items, input_size, lang)
        with st.container(height=min(fig.layout.height + 20, 720), border=False):
            st.plotly_chart(fig, width="stretch", config={"displayModeBar": False, "scrollZoom": False})

if tab_code.open is not False:
    with tab_code:
        changed = [f"{k}={v!r}" for k, v in items if info.options.get(k) != v]  # only what differs from defaults
        st.caption(t("arch.code_caption", call=f"cnnlab.models.build({', '.join([repr(name)] + changed)})"))
        st.code(cached_source(name), language="python", line_numbers=True, height=640)

if tab_compare.open is not False:
    with tab_compare:
        others = [n for n in names if n != name]
        default_other = "resnet18" if name != "resnet18" and "resnet18" in others else others[0]
        other = ui.qp_select(t("arch.compare_with"), others, default_other, key="vs", format_func=_title)
        other_info = MODELS[other]
        other_items = option_items({**other_info.options, "in_channels": int(channels),
                                    "num_classes": int(classes)})
        st.caption(t("arch.compare_same_input", shape=format_shape(input_size), classes=int(classes)))
        try:
            other_summary = cached_summary(other, other_items, input_size)
        except LayerError as e:
            st.warning(t("arch.compare_error", name=other_info.title, error=str(e)))
        else:
            other_depth = cached_graph(other, other_items, input_size).depth
            a = {"title": info.title, "params": summary.total_params, "macs": summary.total_macs,
                 "depth": graph.depth}
            b = {"title": other_info.title, "params": other_summary.total_params,
                 "macs": other_summary.total_macs, "depth": other_depth}
            st.plotly_chart(cached_comparison_figure(tuple(a.values()), tuple(b.values()), lang), width="stretch")
            st.dataframe(
                pd.DataFrame([a, b]),
                hide_index=True,
                width="stretch",
                column_config={
                    "title": st.column_config.TextColumn(t("arch.compare_col")),
                    "params": st.column_config.NumberColumn(t("arch.params"), format="localized"),
                    "macs": st.column_config.NumberColumn(t("arch.macs"), format="localized"),
                    "depth": st.column_config.NumberColumn(t("arch.depth")),
                },
            )
            big, small = (a, b) if a["params"] >= b["params"] else (b, a)
            if big["params"] == small["params"]:
                st.markdown(t("arch.compare_same", a=a["title"], b=b["title"]))
                if name.replace("plain", "resnet") == other.replace("plain", "resnet"):  # plain20 vs resnet20
                    st.caption(t("arch.compare_twins"))
            elif small["params"] > 0:
                st.markdown(t("arch.compare_ratio", a=big["title"], b=small["title"],
                              ratio=f"{big['params'] / small['params']:.1f}"))
