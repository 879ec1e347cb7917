"""Lesson 4 — 1×1 convolutions (NiN), the bottleneck cost, the Inception module, factorizing 5×5 into 3×3s."""
from __future__ import annotations

import streamlit as st

from cnnlab import ui
from cnnlab.arithmetic import bottleneck_cost, conv2d, factorize_cost, fmt_int, fmt_shape
from cnnlab.one_by_one import fmt_vector, inception_cost
from cnnlab.ui import one_by_one as oui

ui.setup_page("one_by_one.title")
t = ui.t
NIN_SIZE = oui.NIN_SIZE
PLOT = {"displayModeBar": False}

st.title(t("one_by_one.title"))
st.markdown(t("one_by_one.intro"))
st.markdown(t("one_by_one.contents"))
ui.convention_note()


# Each section reruns alone when its own widgets move (st.fragment): they share no values.
# ------------------------------------------------------------------ 1. NiN
@st.fragment
def nin() -> None:
    st.header(t("one_by_one.nin_head"), anchor="nin")
    st.markdown(t("one_by_one.nin_text", size=NIN_SIZE))
    a, b, c, d = st.columns(4)
    nin_c = ui.qp_slider(t("one_by_one.nin_cin"), 1, 6, 3, key="nin_c", container=a)
    nin_o = ui.qp_slider(t("one_by_one.nin_cout"), 1, 4, 2, key="nin_o", container=b)
    nin_i = ui.qp_slider(t("one_by_one.nin_row"), 0, NIN_SIZE - 1, 0, key="nin_i", container=c)
    nin_j = ui.qp_slider(t("one_by_one.nin_col"), 0, NIN_SIZE - 1, 0, key="nin_j", container=d)
    demo = oui.cached_nin(nin_c, nin_o, nin_i, nin_j)
    left, mid, right = st.columns([1.2, 1, 1.2])
    left.caption(t("one_by_one.nin_input", size=NIN_SIZE, c=nin_c))
    left.dataframe(oui.channel_table(demo.x, demo.pixel), width="stretch")
    mid.caption(t("one_by_one.nin_weights"))
    mid.dataframe(oui.weights_table(demo), width="stretch")
    right.caption(t("one_by_one.nin_output", size=NIN_SIZE, c=nin_o))
    right.dataframe(oui.channel_table(demo.conv_out, demo.pixel), width="stretch")
    st.markdown(t("one_by_one.nin_pixel", i=nin_i, j=nin_j, x=fmt_vector(demo.pixel_in)))
    ui.formula("\n".join(demo.formulas))
    st.markdown(t("one_by_one.nin_same", fc=fmt_vector(demo.fc_out), conv=fmt_vector(demo.conv_at_pixel), i=nin_i,
                  j=nin_j))

    st.markdown(t("one_by_one.nin_real"))
    a, b, c = st.columns(3)
    real_n = ui.qp_slider(t("one_by_one.n"), 1, 224, 28, key="nin_n", container=a)
    real_c = ui.qp_number(t("one_by_one.c_in"), 1, 2048, 192, key="nin_cc", container=b)
    real_f = ui.qp_number(t("one_by_one.filters"), 1, 2048, 32, key="nin_f", container=c)
    one = conv2d(real_n, real_c, real_f, 1)
    ui.formula(t("one_by_one.shape_line", src=fmt_shape((real_c, real_n, real_n)), dst=fmt_shape(one.output_shape)))
    a, b = st.columns(2)
    a.markdown(t("one_by_one.params_line"))
    ui.formula(one.params_formula(), container=a)
    b.markdown(t("one_by_one.macs_line"))
    ui.formula(one.macs_formula(), container=b)
    oui.nin_keep_channels()


# ------------------------------------------------------------------ 2. bottleneck
@st.fragment
def bottleneck() -> None:
    st.header(t("one_by_one.bn_head"), anchor="bottleneck")
    st.markdown(t("one_by_one.bn_text"))
    cols = st.columns(4)
    bn_h = ui.qp_slider(t("one_by_one.bn_h"), 1, 224, 28, key="bn_h", container=cols[0])
    bn_w = ui.qp_slider(t("one_by_one.bn_w"), 1, 224, 28, key="bn_w", container=cols[0])
    bn_cin = ui.qp_number(t("one_by_one.bn_cin"), 1, 2048, 192, key="bn_cin", container=cols[1])
    bn_cout = ui.qp_number(t("one_by_one.bn_cout"), 1, 2048, 32, key="bn_cout", container=cols[1])
    bn_k = ui.qp_select(t("one_by_one.bn_k"), [1, 3, 5, 7], 5, key="bn_k", format_func=oui.square, container=cols[2])
    bn_on = ui.qp_toggle(t("one_by_one.bn_on"), True, key="bn_on", container=cols[3])
    bn_b = ui.qp_number(t("one_by_one.bn_width"), 1, 2048, 16, key="bn_b", container=cols[3]) if bn_on else None
    cost = bottleneck_cost(bn_h, bn_w, bn_cin, bn_cout, bn_k, bn_b)
    left, right = st.columns([1.3, 1], gap="large")
    left.markdown(t("one_by_one.bn_direct", k=bn_k))
    ui.formula(cost.direct_formula(), container=left)
    if bn_b is None:
        left.markdown(t("one_by_one.bn_off", direct=fmt_int(cost.direct_macs)))
    else:
        for text, line in ((t("one_by_one.bn_reduce"), cost.reduce_formula()),
                           (t("one_by_one.bn_conv", k=bn_k), cost.conv_formula()),
                           (t("one_by_one.bn_total"), cost.total_formula())):
            left.markdown(text)
            ui.formula(line, container=left)
        key = "one_by_one.bn_ratio" if cost.ratio < 1 else "one_by_one.bn_worse"
        left.markdown(t(key, total=fmt_int(cost.total_macs), direct=fmt_int(cost.direct_macs), pct=f"{cost.ratio:.1%}",
                        inv=f"{1 / cost.ratio:.1f}"))
        left.caption(t("one_by_one.bn_params", direct=fmt_int(cost.direct_params), reduce=fmt_int(cost.reduce_params),
                       conv=fmt_int(cost.conv_params), total=fmt_int(cost.reduce_params + cost.conv_params)))
        left.caption(t("one_by_one.bn_note"))
    right.plotly_chart(oui.bottleneck_chart(cost, ui.lang()), width="stretch", config=PLOT)


# ------------------------------------------------------------------ 3. Inception
@st.fragment
def inception() -> None:
    st.header(t("one_by_one.inc_head"), anchor="inception")
    st.markdown(t("one_by_one.inc_text"))
    cols = st.columns(4)
    inc_h = ui.qp_slider(t("one_by_one.inc_h"), 1, 64, 28, key="inc_h", container=cols[0])
    inc_c = ui.qp_number(t("one_by_one.inc_c"), 1, 1024, 192, key="inc_c", container=cols[0])
    inc_c1 = ui.qp_number(t("one_by_one.inc_c1"), 1, 512, 64, key="inc_1", container=cols[1])
    inc_c4 = ui.qp_number(t("one_by_one.inc_c4"), 1, 512, 32, key="inc_4", container=cols[1])
    inc_c2 = (ui.qp_number(t("one_by_one.inc_c2r"), 1, 512, 96, key="inc_2r", container=cols[2]),
              ui.qp_number(t("one_by_one.inc_c2"), 1, 512, 128, key="inc_2", container=cols[2]))
    inc_c3 = (ui.qp_number(t("one_by_one.inc_c3r"), 1, 512, 16, key="inc_3r", container=cols[3]),
              ui.qp_number(t("one_by_one.inc_c3"), 1, 512, 32, key="inc_3", container=cols[3]))
    inc = inception_cost(inc_h, inc_c, inc_c1, inc_c2, inc_c3, inc_c4)  # every branch is "same": any size works
    st.dataframe(oui.inception_table(inc), hide_index=True, width="stretch")
    with st.expander(t("one_by_one.inc_diagram")):
        st.plotly_chart(oui.cached_inception_diagram(inc_c, inc_c1, inc_c2, inc_c3, inc_c4, ui.lang()),
                        width="stretch", config=PLOT)
    # One line per sum, full width: the MAC sum is too long for a third of the page.
    st.markdown(t("one_by_one.inc_sums"))
    ui.formula(f"{t('one_by_one.inc_concat')} {inc.concat_formula()}\n"
               f"{t('one_by_one.inc_params_sum')} {inc.params_formula()}\n"
               f"{t('one_by_one.inc_macs_sum')} {inc.macs_formula()}")
    st.markdown(t("one_by_one.inc_same"))
    ui.formula("\n".join(t("one_by_one.inc_same_line", what=what, formula=layer.size_formula()) for what, layer in (
        ("3×3, p=1", inc.branches[1].layers[1]), ("5×5, p=2", inc.branches[2].layers[1]),
        (t("one_by_one.layer_pool"), inc.branches[3].layers[0]))))
    check = oui.cached_inception_check(inc_h, inc_c, inc_c1, inc_c2, inc_c3, inc_c4)
    st.caption(t("one_by_one.inc_check", params=fmt_int(check.params), summary=t(
        "one_by_one.inc_check_summary", macs=fmt_int(check.macs), shape=fmt_shape(check.output_shape))))
    oui.inception_reasons(inc_h, inc_c, inc_c1, inc_c2, inc_c3, inc_c4)


# ------------------------------------------------------------------ 4. factorize
@st.fragment
def factorize() -> None:
    st.header(t("one_by_one.fz_head"), anchor="factorize")
    st.markdown(t("one_by_one.fz_text"))
    cols = st.columns(4)
    fz_c = ui.qp_number(t("one_by_one.fz_c"), 1, 1024, 64, key="fz_c", container=cols[0])
    fz_h = ui.qp_slider(t("one_by_one.fz_h"), 1, 224, 28, key="fz_h", container=cols[1])
    fz_k = ui.qp_select(t("one_by_one.fz_k"), [5, 7], 5, key="fz_k", format_func=oui.square, container=cols[2])
    fz_bias = ui.qp_toggle(t("one_by_one.fz_bias"), False, key="fz_bias", container=cols[3])
    fz = factorize_cost(fz_c, fz_h, fz_h, fz_k, fz_bias)
    left, right = st.columns([1.3, 1], gap="large")
    left.markdown(t("one_by_one.fz_rf"))
    ui.formula(t("one_by_one.fz_rf_single", k=fz_k, rf=fz.single_rf) + "\n"
               + t("one_by_one.fz_rf_stacked", n=fz.n_stacked, formula=fz.stacked_rf_formula(), rf=fz.stacked_rf),
               container=left)
    left.markdown(t("one_by_one.fz_params"))
    ui.formula(fz.single_params_formula() + "\n" + fz.stacked_params_formula(), container=left)
    left.markdown(t("one_by_one.fz_macs"))
    ui.formula(fz.single.macs_formula() + "\n" + t("one_by_one.fz_macs_stacked", n=fz.n_stacked,
                                                    one=fz.stacked[0].macs_formula(), total=fmt_int(fz.stacked_macs)),
               container=left)
    sym_single, sym_stacked = fz.symbolic()
    left.markdown(t("one_by_one.fz_summary", single=sym_single, stacked=sym_stacked, pct=f"{fz.ratio:.1%}"))
    right.plotly_chart(oui.factorize_chart(fz, ui.lang()), width="stretch", config=PLOT)


nin()
bottleneck()
inception()
factorize()

ui.exercise_block("one_by_one")
