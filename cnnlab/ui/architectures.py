"""Streamlit pieces of the architecture explorer: caches around pure cnnlab calls, the model-change callback.

One meta-device model per option set is shared by all sessions (``cnnlab.architectures.meta_model``); a lock
per model keeps two students' summaries (which hook the modules) from running at once.
"""
from __future__ import annotations

import threading

import streamlit as st
import torch

from cnnlab import i18n
from cnnlab.architectures import SIZE_OPTIONS, Side, meta_model, output_shapes
from cnnlab.diagram import NetworkGraph, network_graph, with_shapes
from cnnlab.models import MODELS
from cnnlab.ui.core import lang, t

__all__ = ["VIEWS", "view_tabs", "model_changed", "model_titles", "option_label", "option_help", "table_columns", "comparison_columns", "cached_model",
           "cached_summary", "cached_graph", "cached_source", "cached_params_figure", "cached_diagram_figure",
           "cached_comparison_figure"]


def model_changed() -> None:
    """A new network starts from its usual input, so that AlexNet is not tried at LeNet's 32×32; its options
    start from its defaults (Plain-20 must not inherit ResNet-20's residual=True)."""
    info = MODELS[st.session_state["model"]]
    c, h, _ = info.default_input
    st.session_state["c"] = c
    st.session_state["size"] = h
    st.session_state["classes"] = int(info.options.get("num_classes", 1000))
    for key, value in info.options.items():
        if key not in SIZE_OPTIONS:
            st.session_state[key] = value


VIEWS = ["table", "chart", "diagram", "code", "compare"]  # ?view= names, the same in both languages


def view_tabs() -> list:
    """The five views as tabs; the open one is kept in ``?view=`` (only the open tab's code runs)."""
    labels = [t(f"architectures.tab_{view}") for view in VIEWS]

    def changed() -> None:
        chosen = st.session_state.get("view")
        if chosen in labels:
            st.query_params["view"] = VIEWS[labels.index(chosen)]

    requested = st.query_params.get("view")
    return st.tabs(labels, key="view", default=labels[VIEWS.index(requested)] if requested in VIEWS else None,
                   on_change=changed)


def model_titles():
    """A ``format_func`` naming a network in the page's language (bound now: AppTest may call it outside the run):
    ``architectures.model_<name>`` where the title has words in it, the model's own title otherwise."""
    code = lang()

    def title(name: str) -> str:
        key = f"architectures.model_{name}"
        return i18n.t(key, code) if i18n.has(key) else MODELS[name].title

    return title


def option_label(key: str) -> str:
    """The toggle's or choice's label: ``architectures.opt_<key>``, else the option's own name."""
    return t(f"architectures.opt_{key}") if i18n.has(f"architectures.opt_{key}") else key.replace("_", " ")


def option_help(key: str) -> str | None:
    return t(f"architectures.opt_{key}_help") if i18n.has(f"architectures.opt_{key}_help") else None


def table_columns() -> dict:
    """Column headers and formats of the per-layer table (``cnnlab.architectures.table_rows``)."""
    col = st.column_config
    return {
        "layer": col.TextColumn(t("architectures.col_layer"), pinned=True),
        "type": col.TextColumn(t("architectures.col_type"), width=150),
        "output": col.TextColumn(t("architectures.col_output")),
        "params": col.NumberColumn(t("architectures.col_params"), format="localized"),
        "share": col.ProgressColumn(t("architectures.col_share"), format="%.1f %%", min_value=0, max_value=100),
        "macs": col.NumberColumn(t("architectures.col_macs"), format="localized"),
        "rf": col.TextColumn(t("architectures.col_rf"), help=t("architectures.col_rf_help")),
    }


def comparison_columns() -> dict:
    """Column headers of the two-network table (``Side`` fields)."""
    col = st.column_config
    return {
        "title": col.TextColumn(t("architectures.compare_col")),
        "params": col.NumberColumn(t("architectures.params"), format="localized"),
        "macs": col.NumberColumn(t("architectures.macs"), format="localized"),
        "depth": col.NumberColumn(t("architectures.depth")),
    }


@st.cache_resource(max_entries=24, show_spinner=False)
def cached_model(name: str, items: tuple) -> tuple[torch.nn.Module, threading.Lock]:
    """The network on the meta device, built once per option set (building ResNet-110 takes ~0.1 s, more
    than summarizing it), with a lock: summarize() hooks the modules, so two sessions take turns."""
    return meta_model(name, items), threading.Lock()


@st.cache_data(max_entries=128, show_spinner=False)
def cached_summary(name: str, items: tuple, input_size: tuple[int, int, int]):
    """Summary of ``build(name, **items)`` at ``input_size``; raises LayerError for impossible inputs."""
    from cnnlab.summary import summarize

    model, lock = cached_model(name, items)
    with lock:
        return summarize(model, input_size, name=name)


@st.cache_resource(max_entries=32, show_spinner=False)
def cached_structure(name: str, items: tuple) -> NetworkGraph:
    """Diagram graph of the network (torch.fx); it does not depend on the input size."""
    model, lock = cached_model(name, items)
    with lock:  # tracing switches the model to training mode and back
        return network_graph(model)


@st.cache_resource(max_entries=64, show_spinner=False)
def cached_graph(name: str, items: tuple, input_size: tuple[int, int, int]) -> NetworkGraph:
    """The diagram graph with the output shapes of the summary at ``input_size``."""
    return with_shapes(cached_structure(name, items), output_shapes(cached_summary(name, items, input_size)))


@st.cache_data(max_entries=64, show_spinner=False)
def cached_source(name: str) -> str:
    from cnnlab.models import model_source

    return model_source(name)


# Figures are cached too (read-only once built; st.plotly_chart only serialises them): plotly's object
# construction, not the counting, is the slow part of a rerun.
@st.cache_resource(max_entries=32, show_spinner=False)
def cached_params_figure(name: str, items: tuple, input_size: tuple[int, int, int], log: bool, lang: str):
    from cnnlab.figures.architectures import params_macs_figure

    return params_macs_figure(cached_summary(name, items, input_size), log=log, lang=lang)


@st.cache_resource(max_entries=32, show_spinner=False)
def cached_diagram_figure(name: str, items: tuple, input_size: tuple[int, int, int], lang: str):
    from cnnlab.figures.diagram import diagram_figure

    return diagram_figure(cached_graph(name, items, input_size), lang=lang)


@st.cache_resource(max_entries=32, show_spinner=False)
def cached_comparison_figure(a: Side, b: Side, lang: str):
    from cnnlab.figures.architectures import comparison_figure

    return comparison_figure(a, b, lang=lang)
