"""Lesson 1 — convolution arithmetic: output size, parameters, multiplications, receptive field, conv vs dense."""
from __future__ import annotations

import streamlit as st

from cnnlab import ui
from cnnlab.arithmetic import ConvVsFC, LayerError, conv2d, fmt_int, linear, pool2d
from cnnlab.figures.arithmetic import SlidingLabels, sliding_window_figure
from cnnlab.ui.arith import conv_problem, pool_problem, rf_steps, unread_cells

ui.setup_page("conv.title")
t = ui.t

st.title(t("conv.title"))
st.markdown(t("conv.intro"))

mode = ui.qp_radio(t("conv.mode"), ["conv", "pool"], "conv", key="mode", format_func=ui.option_labels("conv.mode_"))

with st.container(border=True):
    c1, c2, c3, c4 = st.columns(4)
    n = ui.qp_slider(t("conv.n"), 1, 64, 32, key="n", help=t("conv.n_help"), container=c1)
    c = ui.qp_slider(t("conv.c"), 1, 64, 3, key="c", help=t("conv.c_help"), container=c1)
    if mode == "conv":
        k = ui.qp_slider(t("conv.k"), 1, 11, 5, key="k", container=c2)
        s = ui.qp_slider(t("conv.s"), 1, 5, 1, key="s", help=t("conv.s_help"), container=c2)
        pad_mode = ui.qp_radio(t("conv.pad_mode"), ["number", "same", "valid"], "number", key="pad",
                               format_func=ui.option_labels("conv.pad_"), help=t("conv.pad_help"), container=c3)
        p = ui.qp_slider(t("conv.p"), 0, 10, 2, key="p", container=c3) if pad_mode == "number" else 0
        d = ui.qp_slider(t("conv.d"), 1, 4, 1, key="d", help=t("conv.d_help"), container=c4)
        f = ui.qp_slider(t("conv.f"), 1, 64, 10, key="f", container=c4)
        bias = ui.qp_toggle(t("conv.bias"), True, key="bias", container=c4)
        padding = p if pad_mode == "number" else pad_mode
    else:
        pool_type = ui.qp_radio(t("conv.pool_type"), ["max", "avg"], "max", key="pool",
                                format_func=ui.option_labels("conv.pool_"), container=c2)
        k = ui.qp_slider(t("conv.pk"), 1, 8, 2, key="pk", container=c3)
        s = ui.qp_slider(t("conv.ps"), 1, 8, 2, key="ps", help=t("conv.s_help"), container=c3)
        p = ui.qp_slider(t("conv.pp"), 0, k // 2, 0, key="pp", container=c4)
        d, padding = 1, p

ui.convention_note()

# An impossible layer: say what is wrong and how to fix it, then stop (never a traceback).
problem = conv_problem(n, k, s, padding, d) if mode == "conv" else pool_problem(n, k, s, p)
try:
    layer = (conv2d(n, c, f, k, s, padding, d, bias=bias) if mode == "conv"
             else pool2d(n, c, k, s, p, mode=pool_type))
except LayerError as exc:
    if problem is not None:
        fmt = dict(problem.fmt)
        if problem.key == "conv.err_too_big" and d > 1:
            fmt["span"] = t("conv.err_span_dilated", span=fmt["span"], d=d, k=k)
        ui.show_error(exc, title=t("conv.err_title"), message=t(problem.key, **fmt),
                      hint=t(problem.fix_key, **fmt))
    else:
        ui.show_error(exc, title=t("conv.err_title"), message=t("conv.err_other", message=str(exc)))
    st.stop()

shape = f"{layer.out_h}×{layer.out_w}×{layer.output_shape[0]}"
span = d * (k - 1) + 1
m1, m2, m3, m4 = st.columns(4)
m1.metric(t("conv.out_shape"), shape)
m2.metric(t("conv.params"), fmt_int(layer.params))
m3.metric(t("conv.macs"), fmt_int(layer.macs),
          delta=t("conv.flops_delta", flops=fmt_int(2 * layer.macs)) if layer.macs else None, delta_color="off",
          delta_arrow="off")
m4.metric(t("conv.rf"), f"{span}×{span}")

st.subheader(t("conv.picture_head"))
st.caption(t("conv.picture_help") + (" " + t("conv.pad_zeros") if mode == "conv" and any(layer.padding) else ""))
rc1, rc2 = st.columns(2)
row = ui.qp_slider(t("conv.out_row"), 0, layer.out_h - 1, 0, key="oi", container=rc1)
col = ui.qp_slider(t("conv.out_col"), 0, layer.out_w - 1, 0, key="oj", container=rc2)
extra_h, extra_w = getattr(layer, "padding_extra", (0, 0))  # "same" with an even kernel pads one more at the end
labels = SlidingLabels(
    input_title=t("conv.fig_input", h=n + 2 * layer.padding[0] + extra_h, w=n + 2 * layer.padding[1] + extra_w),
    output_title=t("conv.fig_output", h=layer.out_h, w=layer.out_w),
    padding=t("conv.fig_padding"), input=t("conv.fig_input_cell"), feeds=t("conv.fig_feeds"),
    row=t("conv.fig_row"), col=t("conv.fig_col"),
)
st.plotly_chart(sliding_window_figure(layer, row, col, labels), width="stretch",
                config={"displayModeBar": False})

left, right = st.columns([1, 1], gap="large")
with left:
    st.subheader(t("conv.size_head"))
    st.markdown(t("conv.size_rule"))
    if d > 1:
        st.markdown(t("conv.size_dilated"))
        ui.formula(layer.kernel_formula("h"))
    ui.formula(layer.size_formula("h"))
    if extra_h:
        st.caption(t("conv.size_same_even", top=layer.padding[0], bottom=layer.padding[0] + extra_h))
    left_over = unread_cells(layer)
    if left_over > 0:
        st.caption(t("conv.size_floor", left=left_over))
    if mode == "conv" and s > 1 and problem is None:
        unit = conv2d(n, c, f, k, 1, padding if padding != "same" else (k - 1) // 2, d, bias=bias)
        st.caption(t("conv.stride_note", s=s, out1=unit.out_h, macs1=fmt_int(unit.macs), out=layer.out_h,
                     macs=fmt_int(layer.macs)))
    if mode == "conv" and not any(layer.padding) and span > 1:
        st.caption(t("conv.nopad_note", trim=span - 1))

    st.subheader(t("conv.rf_head"))
    st.markdown(t("conv.rf_rule", rf=span))
    rows = rf_steps(k, s, d, layers=3)
    st.dataframe(
        {t("conv.rf_layers"): [r[0] for r in rows], t("conv.rf_col"): [f"{r[1]}×{r[1]}" for r in rows],
         t("conv.rf_jump"): [r[2] for r in rows], t("conv.rf_formula"): [r[3] for r in rows]},
        hide_index=True, width="stretch",
    )

with right:
    st.subheader(t("conv.params_head"))
    if mode == "conv":
        st.markdown(t("conv.params_rule"))
        ui.formula(layer.params_formula())
        st.subheader(t("conv.macs_head"))
        st.markdown(t("conv.macs_rule"))
        ui.formula(layer.macs_formula())
        st.caption(t("conv.flops", macs=fmt_int(layer.macs), flops=fmt_int(2 * layer.macs)))
    else:
        st.markdown(t("conv.pool_params", k=k, s=s, op=t(f"conv.pool_op_{pool_type}")))
        st.caption(t("conv.pool_channels", c=c))
        if p:
            st.caption(t(f"conv.pool_pad_{pool_type}"))
        st.caption(t("conv.pool_macs"))

if mode == "conv":
    st.subheader(t("conv.fc_head"))
    dense = linear(c * n * n, f * layer.out_h * layer.out_w, bias)
    versus = ConvVsFC(layer, dense, dense.params / layer.params)
    st.markdown(t("conv.fc_rule", in_shape=f"{n}×{n}×{c}", out_shape=shape))
    ui.formula(versus.fc_formula())
    st.markdown(t("conv.fc_macs"))
    ui.formula(dense.macs_formula())
    st.markdown(t("conv.fc_compare", fc=fmt_int(dense.params), conv=fmt_int(layer.params),
                  ratio=fmt_int(round(versus.ratio))))
