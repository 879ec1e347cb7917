"""Seeing inside — which pixels drove the prediction: saliency, integrated gradients, Grad-CAM and occlusion (captum)."""
from __future__ import annotations

import streamlit as st

from cnnlab import attribution as attr
from cnnlab import ui
from cnnlab.figures.inside import attribution_overlay
from cnnlab.images import denormalize
from cnnlab.ui import inside as iui

ui.setup_page("attr.title")
t = ui.t

st.title(t("attr.title"))
st.markdown(t("attr.intro"))

chosen, image, x, top = iui.model_and_image(k=5)
classes = chosen.trained.classes
_, h, w = chosen.trained.input_size

# ---- what to explain, and how
c1, c2 = st.columns([2, 3])
target = ui.qp_select(t("attr.target"), ["pred", *range(len(classes))], "pred", key="target",
                      help=t("attr.target_help"), container=c1, format_func=iui.target_labels(classes))
target = top[0][0] if target == "pred" else int(target)
method = ui.qp_radio(t("attr.method"), list(attr.METHODS), "gradcam", key="method",
                     format_func=ui.option_labels("attr.method_"), container=c2)
c2.markdown(t(f"attr.about_{method}"))

options = iui.AttributionOptions.defaults(h)
if method == "integrated_gradients":
    options.steps = ui.qp_slider(t("attr.steps"), 4, 128, options.steps, key="steps", step=4, container=c1)
elif method == "gradcam":
    convs = attr.conv_layers(chosen.trained.model)
    options.layer = ui.qp_select(t("attr.layer"), convs, convs[-1], key="cam", help=t("attr.layer_help"), container=c1)
elif method == "occlusion":
    options.window = ui.qp_slider(t("attr.window"), 2, max(2, h // 2), options.window, key="window", container=c1)
    options.stride = ui.qp_slider(t("attr.stride"), 1, max(1, h // 4), options.stride, key="stride", container=c1)

label = classes[target]
try:
    result = iui.attribution(chosen, x, target, method, options, label=t("attr.running", method=t(f"attr.method_{method}")))
except ValueError as exc:   # AttributionError (e.g. an unknown layer in a hand-edited link)
    ui.show_error(exc, title=t("inside.err_title"))
    st.stop()
cost = attr.cost(method, chosen.trained.input_size, steps=options.steps, window=options.window, stride=options.stride)
st.markdown(t("attr.cost", f=f"{cost.forward:,}", b=f"{cost.backward:,}", ms=f"{result.ms:,.0f}"))
shown = denormalize(x[0], chosen.trained.mean, chosen.trained.std)
st.plotly_chart(attribution_overlay(shown, result.heat, title=t("attr.overlay_title", method=t(f"attr.method_{method}"),
                                                                  label=label)),
                width="stretch", config={"displayModeBar": False}, key="overlay")
st.caption(t("attr.scale_note"))

# ---- all four at once (on request: occlusion on an ImageNet model takes seconds)
st.subheader(t("attr.compare_head"))
if st.button(t("attr.compare"), help=t("attr.compare_help"), key="compare"):
    cols = st.columns(len(attr.METHODS))
    for col, name in zip(cols, attr.METHODS):
        one = iui.attribution(chosen, x, target, name, options, label=t("attr.running", method=t(f"attr.method_{name}")))
        col.plotly_chart(attribution_overlay(shown, one.heat, title=t(f"attr.method_{name}")), width="stretch",
                         config={"displayModeBar": False}, key=f"compare_{name}")
        c = attr.cost(name, chosen.trained.input_size, steps=options.steps, window=options.window, stride=options.stride)
        col.caption(t("attr.cost", f=f"{c.forward:,}", b=f"{c.backward:,}", ms=f"{one.ms:,.0f}"))
    st.caption(t("attr.scale_note"))

ui.page_link("pages/feature_maps.py", label=t("fm.title"), icon=":material/layers:")
