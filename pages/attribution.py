"""Seeing inside — which pixels drove the prediction: saliency, integrated gradients, Grad-CAM, occlusion (captum)."""
from __future__ import annotations

import streamlit as st

from cnnlab import ui
from cnnlab.attribution import METHODS, AttributionError, AttributionOptions, conv_layers
from cnnlab.ui import attribution as aui
from cnnlab.ui import pretrained as pui

ui.setup_page("attribution.title")
t = ui.t
PLOT = {"displayModeBar": False}

st.title(t("attribution.title"))
st.markdown(t("attribution.intro"))

seen = pui.model_and_image(k=5)
chosen, top = seen.chosen, seen.top
classes = chosen.trained.classes
_, h, w = chosen.trained.input_size

# ---- what to explain, and how
c1, c2 = st.columns([2, 3])
target = ui.qp_select(t("attribution.target"), ["pred", *range(len(classes))], "pred", key="target",
                      help=t("attribution.target_help"), container=c1, format_func=aui.target_labels(classes))
target = top[0][0] if target == "pred" else int(target)
method = ui.qp_radio(t("attribution.method"), list(METHODS), "gradcam", key="method",
                     format_func=ui.option_labels("attribution.method_"), container=c2)
c2.markdown(t(f"attribution.about_{method}"))

options = AttributionOptions.defaults(h)
if method == "integrated_gradients":
    options.steps = ui.qp_slider(t("attribution.steps"), 4, 128, options.steps, key="steps", step=4, container=c1)
elif method == "gradcam":
    convs = conv_layers(chosen.trained.model)
    options.layer = ui.qp_select(t("attribution.layer"), convs, convs[-1], key="cam", help=t("attribution.layer_help"),
                                 container=c1)
elif method == "occlusion":
    options.window = ui.qp_slider(t("attribution.window"), 2, max(2, h // 2), options.window, key="window",
                                  container=c1)
    # a stride beyond the window would skip pixels (captum refuses): the slider stops at the window
    options.stride = ui.qp_slider(t("attribution.stride"), 1, max(1, min(options.window, h // 4)), options.stride,
                                  key="stride", container=c1)

try:
    result = aui.attribution(seen, target, method, options)
except AttributionError as exc:   # a setting the method cannot do (e.g. from a hand-edited link), in words
    ui.show_error(exc, title=t("pretrained.err_title"))
    st.stop()
st.markdown(aui.cost_text(options, method, chosen.trained.input_size, result.ms))
title = t("attribution.overlay_title", method=aui.method_name(method), label=classes[target])
st.plotly_chart(aui.overlay(seen, result, title), width="stretch", config=PLOT, key="overlay")
st.caption(t("attribution.scale_note"))

# ---- all four at once (on request: occlusion on an ImageNet model takes seconds)
st.subheader(t("attribution.compare_head"))
if st.button(t("attribution.compare"), help=t("attribution.compare_help"), key="compare"):
    cols = st.columns(len(METHODS))
    for col, name in zip(cols, METHODS):
        one = aui.attribution(seen, target, name, options)
        col.plotly_chart(aui.overlay(seen, one, aui.method_name(name)), width="stretch", config=PLOT,
                         key=f"compare_{name}")
        col.caption(aui.cost_text(options, name, chosen.trained.input_size, one.ms))
    st.caption(t("attribution.scale_note"))

ui.page_link("pages/feature_maps.py", label=t("feature_maps.title"), icon=":material/layers:")

ui.exercise_block("attribution")
