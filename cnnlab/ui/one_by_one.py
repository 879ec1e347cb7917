"""Streamlit pieces of lesson 4 (1×1 convolutions & Inception): cached results and the NiN demo's tables."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from cnnlab import i18n
from cnnlab.arithmetic import (BottleneckCost, ConvArithmetic, FactorizeCost, PoolArithmetic, conv2d, fmt_int,
                               fmt_shape)
from cnnlab.one_by_one import InceptionCheck, InceptionCost, NinDemo, inception_check, nin_demo, pool_branch_growth
from cnnlab.ui.core import formula, t

__all__ = ["NIN_SIZE", "cached_nin", "cached_inception_check", "cached_inception_diagram", "channel_table",
           "weights_table", "inception_table", "square", "bottleneck_chart", "factorize_chart", "nin_keep_channels",
           "inception_reasons"]

NIN_SIZE = 4   # the demo's input is NIN_SIZE×NIN_SIZE: small enough to read every number


@st.cache_data(max_entries=64, show_spinner=False)
def cached_nin(c_in: int, c_out: int, i: int, j: int) -> NinDemo:
    return nin_demo(c_in, c_out, NIN_SIZE, (i, j))


@st.cache_data(max_entries=32, show_spinner=False)
def cached_inception_check(h: int, c: int, c1: int, c2: tuple[int, int], c3: tuple[int, int],
                           c4: int) -> InceptionCheck:
    return inception_check(h, c, c1, c2, c3, c4)


@st.cache_resource(max_entries=16, show_spinner=False)  # a resource: unpickling a cached figure re-validates it
def cached_inception_diagram(c: int, c1: int, c2: tuple[int, int], c3: tuple[int, int], c4: int, lang: str):
    """The branches of cnnlab's Inception module, drawn by the architecture diagram (read-only once built).
    Every branch keeps the map's size, so any size shows the same boxes: 28×28 is the lesson's."""
    import torch

    from cnnlab.diagram import network_graph
    from cnnlab.figures.diagram import diagram_figure
    from cnnlab.models import Inception

    with torch.device("meta"):
        module = Inception(c, c1, c2, c3, c4)
    return diagram_figure(network_graph(module, input_size=(c, 28, 28)), lang=lang)


def square(k: int) -> str:
    """A kernel size as the lesson writes it: 5 → "5×5"."""
    return f"{k}×{k}"


@st.cache_resource(max_entries=32, show_spinner=False)   # read-only once built: st.plotly_chart serialises it
def bottleneck_chart(cost: BottleneckCost, lang: str):
    """The direct k×k convolution vs 1×1 reduce + k×k, in multiply-adds."""
    from cnnlab.figures.one_by_one import bottleneck_figure

    k = cost.kernel
    return bottleneck_figure(cost, direct=i18n.t("one_by_one.bn_fig_direct", lang, k=k),
                             bottleneck=i18n.t("one_by_one.bn_fig_bottleneck", lang, k=k),
                             reduce_part=i18n.t("one_by_one.bn_fig_reduce", lang),
                             conv_part=i18n.t("one_by_one.bn_fig_conv", lang, k=k),
                             title=i18n.t("one_by_one.bn_fig_title", lang), unit=i18n.t("one_by_one.inc_macs", lang))


@st.cache_resource(max_entries=32, show_spinner=False)
def factorize_chart(cost: FactorizeCost, lang: str):
    """One k×k convolution vs its stack of 3×3s: parameters and multiply-adds."""
    from cnnlab.figures.one_by_one import factorize_figure

    return factorize_figure(cost, single=i18n.t("one_by_one.fz_single", lang, k=cost.kernel),
                            stacked=i18n.t("one_by_one.fz_stacked", lang, n=cost.n_stacked),
                            params=i18n.t("one_by_one.fz_fig_params", lang),
                            macs=i18n.t("one_by_one.fz_fig_macs", lang), title=i18n.t("one_by_one.fz_fig_title", lang))


def channel_table(values: list[list[list[int]]], highlight: tuple[int, int] | None = None):
    """[C][H][W] → an H×W table whose cells list each pixel's channel values; ``highlight`` marks one cell."""
    h, w = len(values[0]), len(values[0][0])
    frame = pd.DataFrame([[", ".join(fmt_int(ch[r][c]) for ch in values) for c in range(w)] for r in range(h)])
    if highlight is None:
        return frame
    colours = pd.DataFrame("", index=frame.index, columns=frame.columns)
    colours.iloc[highlight] = "background-color: #f9c99a; font-weight: bold"
    return frame.style.apply(lambda _: colours, axis=None)


def weights_table(demo: NinDemo) -> pd.DataFrame:
    """One row per filter: its weight per input channel, then its bias."""
    frame = pd.DataFrame(demo.weight, index=[t("one_by_one.nin_filter", i=o + 1) for o in range(len(demo.weight))],
                         columns=[f"c{ch + 1}" for ch in range(len(demo.x))])
    frame[t("one_by_one.nin_bias")] = demo.bias
    return frame


def _layer_text(layer: ConvArithmetic | PoolArithmetic) -> str:
    if isinstance(layer, PoolArithmetic):
        return t("one_by_one.layer_pool")
    pad = f", p={layer.padding[0]}" if layer.padding[0] else ""
    return t("one_by_one.layer_conv", k=layer.kernel[0], cin=fmt_int(layer.in_channels),
             cout=fmt_int(layer.out_channels), pad=pad)


def inception_table(inc: InceptionCost) -> pd.DataFrame:
    """One row per branch (its layers, output, parameters, MACs) and the total."""
    return pd.DataFrame({
        t("one_by_one.inc_branch"): [t(f"one_by_one.branch_{b.name}") for b in inc.branches]
        + [t("one_by_one.inc_total")],
        t("one_by_one.inc_layers"): [" → ".join(_layer_text(x) for x in b.layers) for b in inc.branches] + [""],
        t("one_by_one.inc_out"): [fmt_shape((c, inc.h, inc.h)) for c in [b.out_channels for b in inc.branches]
                                   + [inc.out_channels]],
        t("one_by_one.inc_params"): [fmt_int(b.params) for b in inc.branches] + [fmt_int(inc.params)],
        t("one_by_one.inc_macs"): [fmt_int(b.macs) for b in inc.branches] + [fmt_int(inc.macs)],
    })


# ---------------------------------------------------------------- issue 11: what 1×1 layers and Inception are for
def nin_keep_channels(n: int = 28, c: int = 192) -> None:
    """The Network-in-Network use: C → C 1×1 filters keep the shape and add a ReLU at every pixel."""
    same = conv2d(n, c, c, 1)
    st.markdown(t("one_by_one.nin_keep", c=c, shape=fmt_shape(same.output_shape), params=fmt_int(same.params),
                  macs=fmt_int(same.macs)))
    formula(same.params_formula() + "\n" + same.macs_formula())


def inception_reasons(h: int, c: int, c1: int, c2: tuple[int, int], c3: tuple[int, int], c4: int) -> None:
    """Why several filter sizes, why the pool branch's 1×1 (the channel growth, counted), auxiliary classifiers."""
    st.markdown(t("one_by_one.inc_why"))
    growth = pool_branch_growth(h, c, c1, c2, c3, c4)
    st.markdown(t("one_by_one.inc_pool_why", c=fmt_int(c), first=growth.first_sum, growth=fmt_int(growth.growth)))
    st.dataframe({t("one_by_one.growth_module"): [t("one_by_one.growth_input")]
                  + [str(i) for i in range(1, len(growth.with_projection))],
                  t("one_by_one.growth_with"): [fmt_int(v) for v in growth.with_projection],
                  t("one_by_one.growth_without"): [fmt_int(v) for v in growth.without_projection]}, hide_index=True)
    st.markdown(t("one_by_one.aux"))
