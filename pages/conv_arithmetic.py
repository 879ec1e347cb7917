"""Lesson 1 — convolution arithmetic: output size, parameters, multiplications, receptive field, conv vs dense."""
from __future__ import annotations

import streamlit as st

from cnnlab import ui
from cnnlab.arithmetic import LayerError, conv2d, conv_vs_fc, dilated_span, fmt_int, fmt_shape, pool2d
from cnnlab.conv_arithmetic import conv_problem, no_padding, pool_problem, rf_steps, stride_one, unread_cells
from cnnlab.figures.conv_arithmetic import SlidingLabels
from cnnlab.ui import conv_arithmetic as cui

ui.setup_page("conv_arithmetic.title")
t = ui.t

st.title(t("conv_arithmetic.title"))
st.markdown(t("conv_arithmetic.intro"))

mode = ui.qp_radio(t("conv_arithmetic.mode"), ["conv", "pool"], "conv", key="mode",
                   format_func=ui.option_labels("conv_arithmetic.mode_"))

with st.container(border=True):
    c1, c2, c3, c4 = st.columns(4)
    n = ui.qp_slider(t("conv_arithmetic.n"), 1, 227, 32, key="n", help=t("conv_arithmetic.n_help"), container=c1)
    c = ui.qp_slider(t("conv_arithmetic.c"), 1, 64, 3, key="c", help=t("conv_arithmetic.c_help"), container=c1)
    if mode == "conv":
        k = ui.qp_slider(t("conv_arithmetic.k"), 1, 11, 5, key="k", container=c2)
        s = ui.qp_slider(t("conv_arithmetic.s"), 1, 5, 1, key="s", help=t("conv_arithmetic.s_help"), container=c2)
        pad_mode = ui.qp_radio(t("conv_arithmetic.pad_mode"), ["number", "same", "valid"], "number", key="pad",
                               format_func=ui.option_labels("conv_arithmetic.pad_"), help=t("conv_arithmetic.pad_help"),
                               container=c3)
        p = ui.qp_slider(t("conv_arithmetic.p"), 0, 10, 2, key="p", container=c3) if pad_mode == "number" else 0
        d = ui.qp_slider(t("conv_arithmetic.d"), 1, 4, 1, key="d", help=t("conv_arithmetic.d_help"), container=c4)
        f = ui.qp_slider(t("conv_arithmetic.f"), 1, 512, 10, key="f", container=c4)
        bias = ui.qp_toggle(t("conv_arithmetic.bias"), True, key="bias", container=c4)
        padding = p if pad_mode == "number" else pad_mode
    else:
        pool_type = ui.qp_radio(t("conv_arithmetic.pool_type"), ["max", "avg"], "max", key="pool",
                                format_func=ui.option_labels("conv_arithmetic.pool_"), container=c2)
        k = ui.qp_slider(t("conv_arithmetic.pk"), 1, 8, 2, key="pk", container=c3)
        s = ui.qp_slider(t("conv_arithmetic.ps"), 1, 8, 2, key="ps", help=t("conv_arithmetic.s_help"), container=c3)
        p = ui.qp_slider(t("conv_arithmetic.pp"), 0, k // 2, 0, key="pp", container=c4)
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
        if problem.key == "conv_arithmetic.err_too_big" and d > 1:
            fmt["span"] = t("conv_arithmetic.err_span_dilated", span=fmt["span"], d=d, k=k)
        ui.show_error(exc, title=t("conv_arithmetic.err_title"), message=t(problem.key, **fmt),
                      hint=t(problem.fix_key, **fmt))
    else:
        ui.show_error(exc, title=t("conv_arithmetic.err_title"),
                      message=t("conv_arithmetic.err_other", message=ui.error_text(exc)))
    st.stop()

shape = fmt_shape(layer.output_shape)
span = dilated_span(k, d)
m1, m2, m3, m4 = st.columns(4)
m1.metric(t("conv_arithmetic.out_shape"), shape)
m2.metric(t("conv_arithmetic.params"), fmt_int(layer.params))
m3.metric(t("conv_arithmetic.macs"), fmt_int(layer.macs),
          delta=t("conv_arithmetic.flops_delta", flops=fmt_int(2 * layer.macs)) if layer.macs else None,
          delta_color="off", delta_arrow="off")
m4.metric(t("conv_arithmetic.rf"), f"{span}×{span}")

st.subheader(t("conv_arithmetic.picture_head"))
zeros = " " + t("conv_arithmetic.pad_zeros") if mode == "conv" and any(layer.padding) else ""
st.caption(t("conv_arithmetic.picture_help") + zeros)


@st.fragment
def picture() -> None:
    """The output cell's sliders and the sliding window: they rerun alone (the numbers below do not change)."""
    rc1, rc2 = st.columns(2)
    row = ui.qp_slider(t("conv_arithmetic.out_row"), 0, layer.out_h - 1, 0, key="oi", container=rc1)
    col = ui.qp_slider(t("conv_arithmetic.out_col"), 0, layer.out_w - 1, 0, key="oj", container=rc2)
    padded_h, padded_w = layer.padded_input  # "same" with an even kernel pads one more at the end
    labels = SlidingLabels(
        input_title=t("conv_arithmetic.fig_input", h=padded_h, w=padded_w),
        output_title=t("conv_arithmetic.fig_output", h=layer.out_h, w=layer.out_w),
        padding=t("conv_arithmetic.fig_padding"), input=t("conv_arithmetic.fig_input_cell"),
        feeds=t("conv_arithmetic.fig_feeds"), row=t("conv_arithmetic.fig_row"), col=t("conv_arithmetic.fig_col"),
    )
    st.plotly_chart(cui.sliding_figure(layer, row, col, labels), width="stretch", config={"displayModeBar": False})


picture()

left, right = st.columns([1, 1], gap="large")
with left:
    st.subheader(t("conv_arithmetic.size_head"))
    st.markdown(t("conv_arithmetic.size_rule"))
    if d > 1:
        st.markdown(t("conv_arithmetic.size_dilated"))
        ui.formula(layer.kernel_formula("h"))
    ui.formula(layer.size_formula("h"))
    if layer.padding_extra[0]:
        st.caption(t("conv_arithmetic.size_same_even", top=layer.padding[0],
                     bottom=layer.padding[0] + layer.padding_extra[0]))
    left_over = unread_cells(layer)
    if left_over > 0:
        st.caption(t("conv_arithmetic.size_floor", left=left_over))
    if mode == "conv" and s > 1:
        unit = stride_one(layer)
        st.caption(t("conv_arithmetic.stride_note", s=s, out1=unit.out_h, macs1=fmt_int(unit.macs), out=layer.out_h,
                     macs=fmt_int(layer.macs)))
    if mode == "conv" and not any(layer.padding) and span > 1:
        nopad = no_padding(layer)
        st.caption(t("conv_arithmetic.nopad_s1" if s == 1 else "conv_arithmetic.nopad_stride", n=nopad.n,
                     out=nopad.out, d=nopad.dilation, f=nopad.kernel, trim=nopad.trim, span=nopad.span, s=s))

    st.subheader(t("conv_arithmetic.rf_head"))
    st.markdown(t("conv_arithmetic.rf_rule", rf=span))
    rows = rf_steps(k, s, d, layers=3)
    st.dataframe(
        {t("conv_arithmetic.rf_layers"): [r.layers for r in rows],
         t("conv_arithmetic.rf_col"): [f"{r.rf}×{r.rf}" for r in rows],
         t("conv_arithmetic.rf_jump_in"): [r.jump_in for r in rows],
         t("conv_arithmetic.rf_formula"): [r.formula for r in rows],
         t("conv_arithmetic.rf_jump"): [r.jump for r in rows]},
        hide_index=True, width="stretch",
    )

with right:
    st.subheader(t("conv_arithmetic.params_head"))
    if mode == "conv":
        st.markdown(t("conv_arithmetic.params_rule"))
        ui.formula(layer.params_formula())
        st.subheader(t("conv_arithmetic.macs_head"))
        st.markdown(t("conv_arithmetic.macs_rule"))
        ui.formula(layer.macs_formula())
        st.caption(t("conv_arithmetic.flops", macs=fmt_int(layer.macs), flops=fmt_int(2 * layer.macs)))
    else:
        st.markdown(t("conv_arithmetic.pool_params", k=k, s=s, op=t(f"conv_arithmetic.pool_op_{pool_type}")))
        st.caption(t("conv_arithmetic.pool_channels", c=c))
        if p:
            st.caption(t(f"conv_arithmetic.pool_pad_{pool_type}"))
        st.caption(t("conv_arithmetic.pool_macs"))

if mode == "conv":
    st.subheader(t("conv_arithmetic.fc_head"))
    versus = conv_vs_fc((c, n, n), f, k, s, padding, bias, dilation=d)
    st.markdown(t("conv_arithmetic.fc_rule", in_shape=fmt_shape((c, n, n)), out_shape=shape))
    ui.formula(versus.fc_formula())
    st.markdown(t("conv_arithmetic.fc_macs"))
    ui.formula(versus.fc.macs_formula())
    st.markdown(t("conv_arithmetic.fc_compare", fc=fmt_int(versus.fc.params), conv=fmt_int(layer.params),
                  ratio=fmt_int(round(versus.ratio))))

cui.notes_corrections()

ui.exercise_block("conv_arithmetic")
