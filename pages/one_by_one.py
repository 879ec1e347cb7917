"""Lesson 4 — 1×1 convolutions (NiN), the bottleneck cost, the Inception module, factorizing 5×5 into 3×3s."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from cnnlab import ui
from cnnlab.arithmetic import LayerError, bottleneck_cost, conv2d, factorize_cost, fmt_int, receptive_field
from cnnlab.figures.one_by_one import bottleneck_figure, factorize_figure
from cnnlab.one_by_one import inception_cost, nin_demo

ui.setup_page("obo.title")
t = ui.t
NIN_SIZE = 4

st.title(t("obo.title"))
st.markdown(t("obo.intro"))
st.markdown(t("obo.contents"))
ui.convention_note()


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


@st.cache_data(max_entries=64, show_spinner=False)
def _nin(c_in: int, c_out: int, i: int, j: int):
    return nin_demo(c_in, c_out, NIN_SIZE, (i, j))


@st.cache_data(max_entries=32, show_spinner=False)
def _inception_check(h: int, c: int, c1: int, c2: tuple[int, int], c3: tuple[int, int], c4: int):
    """(params, macs or None, shape or None) of cnnlab's real Inception module with these widths."""
    from cnnlab.models import Inception

    module = Inception(c, c1, c2, c3, c4)
    params = sum(p.numel() for p in module.parameters())
    try:
        from cnnlab.summary import summarize

        s = summarize(module, (c, h, h))
        return params, s.total_macs, tuple(s.output_shape)
    except Exception:  # noqa: BLE001 — the summary is a cross-check; the page's numbers do not depend on it
        return params, None, None


@st.cache_resource(max_entries=16, show_spinner=False)  # a resource: unpickling a cached figure re-validates it
def _inception_diagram(c: int, c1: int, c2: tuple[int, int], c3: tuple[int, int], c4: int, lang: str):
    """The branches of cnnlab's Inception module, drawn by the explorer's diagram builder."""
    from cnnlab.explorer import network_graph
    from cnnlab.figures.architecture import diagram_figure
    from cnnlab.models import Inception

    return diagram_figure(network_graph(Inception(c, c1, c2, c3, c4)), lang=lang)


def _grid(values: list[list[list[int]]]) -> pd.DataFrame:
    """[C][H][W] → an H×W table whose cells list each pixel's channel values."""
    h, w = len(values[0]), len(values[0][0])
    return pd.DataFrame([[", ".join(fmt_int(ch[r][c]) for ch in values) for c in range(w)] for r in range(h)])


def _highlight(frame: pd.DataFrame, i: int, j: int):
    colours = pd.DataFrame("", index=frame.index, columns=frame.columns)
    colours.iloc[i, j] = "background-color: #f9c99a; font-weight: bold"
    return frame.style.apply(lambda _: colours, axis=None)


# ------------------------------------------------------------------ 1. NiN
st.header(t("obo.nin_head"), anchor="nin")
st.markdown(t("obo.nin_text", size=NIN_SIZE))
a, b, c, d = st.columns(4)
nin_c = ui.qp_slider(t("obo.nin_cin"), 1, 6, 3, key="nin_c", container=a)
nin_o = ui.qp_slider(t("obo.nin_cout"), 1, 4, 2, key="nin_o", container=b)
nin_i = ui.qp_slider(t("obo.nin_row"), 0, NIN_SIZE - 1, 0, key="nin_i", container=c)
nin_j = ui.qp_slider(t("obo.nin_col"), 0, NIN_SIZE - 1, 0, key="nin_j", container=d)
demo = _nin(nin_c, nin_o, nin_i, nin_j)
left, mid, right = st.columns([1.2, 1, 1.2])
with left:
    st.caption(t("obo.nin_input", size=NIN_SIZE, c=nin_c))
    st.dataframe(_highlight(_grid(demo.x), nin_i, nin_j), width="stretch")
with mid:
    st.caption(t("obo.nin_weights"))
    weights = pd.DataFrame(demo.weight, index=[t("obo.nin_filter", i=o + 1) for o in range(nin_o)],
                           columns=[f"c{ch + 1}" for ch in range(nin_c)])
    weights[t("obo.nin_bias")] = demo.bias
    st.dataframe(weights, width="stretch")
with right:
    st.caption(t("obo.nin_output", size=NIN_SIZE, c=nin_o))
    st.dataframe(_highlight(_grid(demo.conv_out), nin_i, nin_j), width="stretch")
st.markdown(t("obo.nin_pixel", i=nin_i, j=nin_j, x=f"({', '.join(map(fmt_int, demo.pixel_in))})"))
ui.formula("\n".join(demo.formulas))
conv_at = [demo.conv_out[o][nin_i][nin_j] for o in range(nin_o)]
st.markdown(t("obo.nin_same", fc=f"({', '.join(map(fmt_int, demo.fc_out))})",
              conv=f"({', '.join(map(fmt_int, conv_at))})", i=nin_i, j=nin_j))

st.markdown(t("obo.nin_real"))
a, b, c = st.columns(3)
real_n = ui.qp_slider(t("obo.n"), 1, 224, 28, key="nin_n", container=a)
real_c = ui.qp_number(t("obo.c_in"), 1, 2048, 192, key="nin_cc", container=b)
real_f = ui.qp_number(t("obo.filters"), 1, 2048, 32, key="nin_f", container=c)
one = conv2d(real_n, real_c, real_f, 1)
ui.formula(t("obo.shape_line", src=f"{real_n}×{real_n}×{fmt_int(real_c)}",
             dst=f"{one.out_h}×{one.out_w}×{fmt_int(one.out_channels)}"))
a, b = st.columns(2)
a.markdown(t("obo.params_line"))
ui.formula(one.params_formula(), container=a)
b.markdown(t("obo.macs_line"))
ui.formula(one.macs_formula(), container=b)

# ------------------------------------------------------------------ 2. bottleneck
st.header(t("obo.bn_head"), anchor="bottleneck")
st.markdown(t("obo.bn_text"))
cols = st.columns(4)
bn_h = ui.qp_slider(t("obo.bn_h"), 1, 224, 28, key="bn_h", container=cols[0])
bn_w = ui.qp_slider(t("obo.bn_w"), 1, 224, 28, key="bn_w", container=cols[0])
bn_cin = ui.qp_number(t("obo.bn_cin"), 1, 2048, 192, key="bn_cin", container=cols[1])
bn_cout = ui.qp_number(t("obo.bn_cout"), 1, 2048, 32, key="bn_cout", container=cols[1])
bn_k = ui.qp_select(t("obo.bn_k"), [1, 3, 5, 7], 5, key="bn_k", format_func=lambda k: f"{k}×{k}", container=cols[2])
bn_on = ui.qp_toggle(t("obo.bn_on"), True, key="bn_on", container=cols[3])
bn_b = ui.qp_number(t("obo.bn_width"), 1, 2048, 16, key="bn_b", container=cols[3]) if bn_on else None
cost = bottleneck_cost(bn_h, bn_w, bn_cin, bn_cout, bn_k, bn_b)
left, right = st.columns([1.3, 1], gap="large")
with left:
    st.markdown(t("obo.bn_direct", k=bn_k))
    ui.formula(cost.direct_formula())
    if bn_b is None:
        st.markdown(t("obo.bn_off", direct=fmt_int(cost.direct_macs)))
    else:
        st.markdown(t("obo.bn_reduce"))
        ui.formula(cost.reduce_formula())
        st.markdown(t("obo.bn_conv", k=bn_k))
        ui.formula(cost.conv_formula())
        st.markdown(t("obo.bn_total"))
        ui.formula(cost.total_formula())
        key = "obo.bn_ratio" if cost.ratio < 1 else "obo.bn_worse"
        st.markdown(t(key, total=fmt_int(cost.total_macs), direct=fmt_int(cost.direct_macs), pct=_pct(cost.ratio),
                      inv=f"{1 / cost.ratio:.1f}"))
        direct_p = conv2d((bn_h, bn_w), bn_cin, bn_cout, bn_k, padding="same").params
        reduce_p = conv2d((bn_h, bn_w), bn_cin, bn_b, 1).params
        conv_p = conv2d((bn_h, bn_w), bn_b, bn_cout, bn_k, padding="same").params
        st.caption(t("obo.bn_params", direct=fmt_int(direct_p), reduce=fmt_int(reduce_p), conv=fmt_int(conv_p),
                     total=fmt_int(reduce_p + conv_p)))
        st.caption(t("obo.bn_note"))
with right:
    st.plotly_chart(
        bottleneck_figure(cost, direct=t("obo.bn_fig_direct", k=bn_k), bottleneck=t("obo.bn_fig_bottleneck", k=bn_k),
                          reduce_part=t("obo.bn_fig_reduce"), conv_part=t("obo.bn_fig_conv", k=bn_k),
                          title=t("obo.bn_fig_title")),
        width="stretch", config={"displayModeBar": False})

# ------------------------------------------------------------------ 3. Inception
st.header(t("obo.inc_head"), anchor="inception")
st.markdown(t("obo.inc_text"))
cols = st.columns(4)
inc_h = ui.qp_slider(t("obo.inc_h"), 1, 64, 28, key="inc_h", container=cols[0])
inc_c = ui.qp_number(t("obo.inc_c"), 1, 1024, 192, key="inc_c", container=cols[0])
inc_c1 = ui.qp_number(t("obo.inc_c1"), 1, 512, 64, key="inc_1", container=cols[1])
inc_c4 = ui.qp_number(t("obo.inc_c4"), 1, 512, 32, key="inc_4", container=cols[1])
inc_c2r = ui.qp_number(t("obo.inc_c2r"), 1, 512, 96, key="inc_2r", container=cols[2])
inc_c2 = ui.qp_number(t("obo.inc_c2"), 1, 512, 128, key="inc_2", container=cols[2])
inc_c3r = ui.qp_number(t("obo.inc_c3r"), 1, 512, 16, key="inc_3r", container=cols[3])
inc_c3 = ui.qp_number(t("obo.inc_c3"), 1, 512, 32, key="inc_3", container=cols[3])
try:
    inc = inception_cost(inc_h, inc_c, inc_c1, (inc_c2r, inc_c2), (inc_c3r, inc_c3), inc_c4)
except LayerError as exc:  # not reachable with these bounds (all branches are "same"); kept as a safety net
    ui.show_error(exc, title=t("obo.err_title"))
    st.stop()


def _layer_text(layer) -> str:
    if layer.params == 0:
        return t("obo.layer_pool")
    k = layer.kernel[0]
    pad = f", p={layer.padding[0]}" if layer.padding[0] else ""
    return t("obo.layer_conv", k=k, cin=fmt_int(layer.in_channels), cout=fmt_int(layer.out_channels), pad=pad)


table = pd.DataFrame({
    t("obo.inc_branch"): [t(f"obo.branch_{b.name}") for b in inc.branches] + [t("obo.inc_total")],
    t("obo.inc_layers"): [" → ".join(_layer_text(x) for x in b.layers) for b in inc.branches] + [""],
    t("obo.inc_out"): [f"{inc_h}×{inc_h}×{fmt_int(b.out_channels)}" for b in inc.branches]
    + [f"{inc_h}×{inc_h}×{fmt_int(inc.out_channels)}"],
    t("obo.inc_params"): [fmt_int(b.params) for b in inc.branches] + [fmt_int(inc.params)],
    t("obo.inc_macs"): [fmt_int(b.macs) for b in inc.branches] + [fmt_int(inc.macs)],
})
st.dataframe(table, hide_index=True, width="stretch")
with st.expander(t("obo.inc_diagram")):
    try:
        st.plotly_chart(_inception_diagram(inc_c, inc_c1, (inc_c2r, inc_c2), (inc_c3r, inc_c3), inc_c4, ui.lang()),
                        width="stretch", config={"displayModeBar": False})
    except Exception:  # noqa: BLE001 — the drawing is extra; the numbers above do not depend on it
        st.caption("—")
# One line per sum, full width: the MAC sum is too long for a third of the page.
st.markdown(t("obo.inc_sums"))
ui.formula("\n".join([
    f"{t('obo.inc_concat')} {inc.concat_formula()}",
    f"{t('obo.inc_params_sum')} " + " + ".join(fmt_int(x.params) for x in inc.branches) + f" = {fmt_int(inc.params)}",
    f"{t('obo.inc_macs_sum')} " + " + ".join(fmt_int(x.macs) for x in inc.branches) + f" = {fmt_int(inc.macs)}",
]))
st.markdown(t("obo.inc_same"))
same_lines = [
    t("obo.inc_same_line", what="3×3, p=1", formula=inc.branches[1].layers[1].size_formula()),
    t("obo.inc_same_line", what="5×5, p=2", formula=inc.branches[2].layers[1].size_formula()),
    t("obo.inc_same_line", what=t("obo.layer_pool"), formula=inc.branches[3].layers[0].size_formula()),
]
ui.formula("\n".join(same_lines))
try:
    check_params, check_macs, check_shape = _inception_check(inc_h, inc_c, inc_c1, (inc_c2r, inc_c2),
                                                             (inc_c3r, inc_c3), inc_c4)
    extra = ""
    if check_macs is not None:
        extra = t("obo.inc_check_summary", macs=fmt_int(check_macs), shape="×".join(map(str, check_shape)))
    st.caption(t("obo.inc_check", params=fmt_int(check_params), summary=extra))
except Exception:  # noqa: BLE001 — models not importable yet: the cross-check is optional
    pass

# ------------------------------------------------------------------ 4. factorize
st.header(t("obo.fz_head"), anchor="factorize")
st.markdown(t("obo.fz_text"))
cols = st.columns(4)
fz_c = ui.qp_number(t("obo.fz_c"), 1, 1024, 64, key="fz_c", container=cols[0])
fz_h = ui.qp_slider(t("obo.fz_h"), 1, 224, 28, key="fz_h", container=cols[1])
fz_k = ui.qp_select(t("obo.fz_k"), [5, 7], 5, key="fz_k", format_func=lambda k: f"{k}×{k}", container=cols[2])
fz_bias = ui.qp_toggle(t("obo.fz_bias"), False, key="fz_bias", container=cols[3])
fz = factorize_cost(fz_c, fz_h, fz_h, fz_k, fz_bias)
left, right = st.columns([1.3, 1], gap="large")
with left:
    st.markdown(t("obo.fz_rf"))
    steps = receptive_field([(3, 1, 1)] * fz.n_stacked)
    rf_formula = "1" + "".join(" + (3 − 1)" for _ in steps) + f" = {steps[-1][0]}"
    ui.formula(t("obo.fz_rf_single", k=fz_k, rf=fz.single_rf) + "\n"
               + t("obo.fz_rf_stacked", n=fz.n_stacked, formula=rf_formula, rf=fz.stacked_rf))
    st.markdown(t("obo.fz_params"))
    ui.formula(fz.single_params_formula() + "\n" + fz.stacked_params_formula())
    st.markdown(t("obo.fz_macs"))
    one_macs = fz.stacked[0].macs_formula()
    ui.formula(fz.single.macs_formula() + "\n"
               + t("obo.fz_macs_stacked", n=fz.n_stacked, one=one_macs, total=fmt_int(fz.stacked_macs)))
    sym_single, sym_stacked = fz.symbolic()
    st.markdown(t("obo.fz_summary", single=sym_single, stacked=sym_stacked, pct=_pct(fz.ratio)))
with right:
    st.plotly_chart(
        factorize_figure(fz, single=t("obo.fz_single", k=fz_k), stacked=t("obo.fz_stacked", n=fz.n_stacked),
                         params=t("obo.fz_fig_params"), macs=t("obo.fz_fig_macs"), title=t("obo.fz_fig_title")),
        width="stretch", config={"displayModeBar": False})
