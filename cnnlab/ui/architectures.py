"""Streamlit pieces of the architecture explorer: caches around pure cnnlab calls, the model-change callback.

One meta-device model per option set is shared by all sessions (``cnnlab.architectures.meta_model``) and only
read: ``summarize`` and ``network_graph`` each work on a private copy, so students never wait for each other.
"""
from __future__ import annotations

import streamlit as st
import torch

from cnnlab import i18n
from cnnlab.architectures import (PAPER_MACS, SIZE_OPTIONS, Side, branch_5x5_extra, family, fc_as_conv_view, fc_share,
                                  first_conv, format_count, meta_model, option_items, output_shapes, param_split,
                                  shape_path, v1_stride_macs)
from cnnlab.arithmetic import factorize_cost, fmt_int, fmt_shape, linear
from cnnlab.diagram import NetworkGraph, network_graph
from cnnlab.models import MODELS
from cnnlab.ui.core import lang, t

__all__ = ["VIEWS", "view_tabs", "show_notes", "diagram_caption", "model_changed", "model_titles", "option_label",
           "option_help", "table_columns", "comparison_columns", "cached_model", "cached_summary", "cached_table",
           "cached_graph", "cached_source", "cached_params_figure", "cached_diagram_figure", "cached_comparison_figure"]


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
def cached_model(name: str, items: tuple) -> torch.nn.Module:
    """The network on the meta device, built once per option set (building ResNet-110 takes ~0.1 s, more
    than summarizing it). Shared by every session: only ever read."""
    return meta_model(name, items)


@st.cache_resource(max_entries=128, show_spinner=False)
def cached_summary(name: str, items: tuple, input_size: tuple[int, int, int]):
    """Summary of ``build(name, **items)`` at ``input_size``; raises LayerError for impossible inputs.
    Shared by every session without a copy (a resource): only ever read."""
    from cnnlab.summary import summarize

    return summarize(cached_model(name, items), input_size, name=name)


@st.cache_resource(max_entries=64, show_spinner=False)
def cached_table(name: str, items: tuple, input_size: tuple[int, int, int], whole_input: str, training_only: str):
    """The per-layer table as a DataFrame (read-only: st.dataframe only serialises it)."""
    import pandas as pd

    from cnnlab.architectures import table_rows

    return pd.DataFrame(table_rows(cached_summary(name, items, input_size), whole_input, training_only))


@st.cache_resource(max_entries=64, show_spinner=False)
def cached_graph(name: str, items: tuple, input_size: tuple[int, int, int]) -> NetworkGraph:
    """The diagram graph with the output shapes of the summary at ``input_size`` (read-only once built)."""
    shapes = output_shapes(cached_summary(name, items, input_size))
    return network_graph(cached_model(name, items), shapes, input_size=input_size)


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


# ------------------------------------------------------------------ the lesson's notes about each network
_IMAGENET = (3, 224, 224)


def _items(name: str, **changes) -> tuple:
    """The option key of ``name`` at its defaults with ``changes``."""
    return option_items({**MODELS[name].options, **changes})


def _inference(name: str, items: tuple, input_size: tuple[int, int, int]) -> int:
    return param_split(cached_summary(name, items, input_size)).inference


def _alexnet_notes(items: tuple, input_size: tuple[int, int, int]) -> list[str]:
    model = cached_model("alexnet", items)
    conv = next(m for m in model.modules() if isinstance(m, torch.nn.Conv2d))
    k, s, p = conv.kernel_size[0], conv.stride[0], conv.padding[0]
    drop = next(m.p for m in model.modules() if isinstance(m, torch.nn.Dropout))
    ours = first_conv(224, k, s, p)
    texts = [t("architectures.note_alexnet"), t("architectures.note_alexnet_relu"),
             t("architectures.note_alexnet_dropout", p=f"{drop:g}", scale=f"{1 / (1 - drop):g}"),
             t("architectures.note_alexnet_pool"), t("architectures.note_alexnet_lrn"),
             t("architectures.note_alexnet_gpus", grouped=fmt_int(_inference("alexnet", _items("alexnet", grouped=True),
                                                                              _IMAGENET)),
               single=fmt_int(_inference("alexnet", _items("alexnet", grouped=False), _IMAGENET)))]
    paper = first_conv(227, k, s, 0)
    text = t("architectures.note_alexnet_input", bad=first_conv(224, k, s, 0).formula(), paper=paper.formula(),
             ours=ours.formula(), floored=ours.floored)
    n = input_size[1]
    if n != 224:
        here = first_conv(n, k, s, p)
        note = (t("architectures.note_alexnet_227", paper_shape=f"{paper.out}×{paper.out}") if n == 227
                else t("architectures.note_end"))
        text += " " + t("architectures.note_alexnet_here", n=n, formula=here.formula(), out=here.out, paper_note=note)
    return texts + [text]


def _vgg_notes(name: str, items: tuple, input_size: tuple[int, int, int], summary) -> list[str]:
    n = input_size[1]
    channels = []
    for c, *_ in shape_path(summary)[1:]:
        if not channels or channels[-1] != c:
            channels.append(c)
    two, three = factorize_cost(64, kernel=5), factorize_cost(64, kernel=7)
    head = dict(items)
    fc_summary = cached_summary(name, option_items({**head, "head": "fc"}), input_size)
    gap_summary = cached_summary(name, option_items({**head, "head": "gap"}), input_size)
    share = fc_share(fc_summary)
    return [
        t("architectures.note_vgg", same=first_conv(n, 3, 1, 1).formula(), wrong=first_conv(n, 3, 1, 2).formula(),
          channels=" → ".join(map(str, channels))),
        t("architectures.note_vgg_stack", rf2=two.stacked_rf, w5=two.symbolic()[0], w2=two.symbolic()[1],
          rf3=three.stacked_rf, w7=three.symbolic()[0], w3=three.symbolic()[1]),
        t("architectures.note_vgg_head", fc_params=format_count(share.fc_params), params=format_count(share.params),
          pshare=f"{share.params_share:.1f}", mshare=f"{share.macs_share:.1f}", macs=format_count(share.macs),
          gap_params=format_count(param_split(gap_summary).inference),
          gap_macs=format_count(gap_summary.total_macs)),
    ]


def _googlenet_notes(items: tuple, summary) -> list[str]:
    model = cached_model("googlenet", items)
    split = param_split(summary)
    bn_items = option_items({**dict(items), "batch_norm": True, "aux_logits": False, "in_channels": 3})
    bn_model = cached_model("googlenet", bn_items)
    tv = _inference("googlenet", bn_items, _IMAGENET) - branch_5x5_extra(bn_model)
    alexnet = _inference("alexnet", _items("alexnet"), _IMAGENET)
    google = _inference("googlenet", _items("googlenet"), _IMAGENET)
    modules = sum(type(m).__name__ == "Inception" for m in model.modules())
    return [t("architectures.note_googlenet", modules=modules),
            t("architectures.note_googlenet_params", inference=fmt_int(split.inference), aux=fmt_int(split.training),
              tv=fmt_int(tv)),
            t("architectures.note_googlenet_ratio", ratio=f"{alexnet / google:.1f}", alexnet=fmt_int(alexnet),
              inference=fmt_int(google))]


def _resnet_notes(name: str, items: tuple) -> list[str]:
    texts = [t("architectures.note_resnet")]
    if dict(items).get("preact"):
        texts.append(t("architectures.note_resnet_preact"))
    if name in PAPER_MACS:
        items = option_items({**dict(items), "in_channels": 3})
        model = cached_model(name, items)
        at224 = cached_summary(name, items, _IMAGENET)
        v1 = v1_stride_macs(model, at224)
        if v1 != at224.total_macs:
            texts.append(t("architectures.note_resnet_v15", macs=format_count(at224.total_macs),
                           paper=f"{PAPER_MACS[name] / 1e9:g} G", v1=format_count(v1)))
    return texts


def network_notes(name: str, items: tuple, input_size: tuple[int, int, int], summary) -> list[str]:
    """The lesson's paragraphs about this network in the page's language, every number from cnnlab."""
    fam = family(name)
    if fam == "lenet":
        return [t("architectures.note_lenet", path=" → ".join(fmt_shape(s) for s in shape_path(summary)))]
    if fam == "alexnet":
        return _alexnet_notes(items, input_size)
    if fam == "vgg":
        return _vgg_notes(name, items, input_size, summary)
    if fam == "nin":
        return [t("architectures.note_nin", classes=fmt_int(dict(items)["num_classes"]),
                  params=fmt_int(param_split(summary).inference))]
    if fam == "googlenet":
        return _googlenet_notes(items, summary)
    if fam == "resnet":
        return _resnet_notes(name, items)
    return [t("architectures.note_cifar")]


def pooling_notes(summary) -> list[str]:
    """Why pooling, and a fully connected layer as a convolution (when this network flattens a map into one)."""
    view = fc_as_conv_view(summary)
    if view is None:
        return [t("architectures.why_pooling", example="")]
    wide = view.wider
    example = t("architectures.why_pooling_example", layer=view.layer, shape=fmt_shape(view.in_shape),
                params=fmt_int(view.params), wider=fmt_shape(wide),
                params2=fmt_int(linear(wide[0] * wide[1] * wide[2], view.out_features).params))
    return [t("architectures.why_pooling", example=example),
            t("architectures.fc_as_conv", layer=view.layer, shape=fmt_shape(view.in_shape), out=fmt_int(view.out_features),
              params=fmt_int(view.params), wider=fmt_shape(wide), pos=view.positions)]


def show_notes(name: str, items: tuple, input_size: tuple[int, int, int], summary, title: str) -> None:
    """An open expander with the network's notes and the pooling lesson."""
    with st.expander(t("architectures.about", name=title), expanded=True):
        for text in network_notes(name, items, input_size, summary) + pooling_notes(summary):
            st.markdown(text)


def diagram_caption(graph: NetworkGraph, options: dict) -> str:
    """The diagram's caption; the skip sentence only where there are skips, and true to the pre-activation toggle."""
    text = t("architectures.diagram_caption")
    if any(node.kind == "add" for node in graph.nodes):
        text += " " + t("architectures.diagram_skips_preact" if options.get("preact") else "architectures.diagram_skips_post")
    return text
