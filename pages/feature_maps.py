"""Seeing inside — feature maps of any layer, the first layer's filters, and hand-made kernels on an image."""
from __future__ import annotations

import streamlit as st

from cnnlab import ui
from cnnlab.arithmetic import LayerError
from cnnlab.feature_maps import KERNELS, apply_kernel, default_layer, feature_maps, first_conv, gray_copy
from cnnlab.figures.feature_maps import feature_map_grid, filter_grid, kernel_figure
from cnnlab.ui import feature_maps as fui
from cnnlab.ui import pretrained as pui

ui.setup_page("feature_maps.title")
t = ui.t
PLOT = {"displayModeBar": False}

st.title(t("feature_maps.title"))
st.markdown(t("feature_maps.intro"))

chosen, image, x, _ = pui.model_and_image(k=3)

# ---- activation maps of one layer
st.subheader(t("feature_maps.maps_head"))
model = chosen.trained.model
layers = fui.layers_of(chosen)
by_name = {info.name: info for info in layers}
start = default_layer(layers)
if start is None:
    st.info(t("feature_maps.no_conv"))
else:
    c1, c2 = st.columns([3, 1])
    code = ui.lang()
    layer = ui.qp_select(t("feature_maps.layer"), list(by_name), start, key="layer",
                         help=t("feature_maps.layer_help"), container=c1,
                         format_func=lambda n: fui.layer_label(by_name[n], code))
    n_max = ui.qp_slider(t("feature_maps.max_maps"), 4, 64, 32, key="maps", step=4, container=c2)
    maps = pui.run_locked(feature_maps, model, x, layer)
    info = by_name[layer]
    c, h, w = maps.shape
    shown = min(n_max, c)
    st.markdown(t("feature_maps.shape", name=layer, type=info.type, c=c, h=h, w=w, shown=shown))
    st.plotly_chart(feature_map_grid(maps, max_maps=shown, cols=8), width="stretch", config=PLOT, key="maps_grid")

# ---- the first layer's filters
st.subheader(t("feature_maps.filters_head"))
try:
    name, weight = first_conv(model)
except ValueError:
    st.info(t("feature_maps.no_conv"))
else:
    o, i, kh, kw = weight.shape
    st.markdown(t("feature_maps.filters", name=name, o=o, i=i, kh=kh, kw=kw,
                  how=t("feature_maps.filters_rgb") if i == 3 else t("feature_maps.filters_mean")))
    st.plotly_chart(filter_grid(weight), width="stretch", config=PLOT, key="filters")

# ---- hand-made kernels with stride and padding
st.subheader(t("feature_maps.kernels_head"))
st.markdown(t("feature_maps.kernels_intro"))
k1, k2, k3 = st.columns(3)
kernel = ui.qp_select(t("feature_maps.kernel"), list(KERNELS), "vertical_edge", key="kernel",
                      format_func=ui.option_labels("feature_maps.kernel_"), container=k1)
stride = ui.qp_slider(t("feature_maps.stride"), 1, 4, 1, key="ks", container=k2)
padding = ui.qp_slider(t("feature_maps.padding"), 0, 3, 0, key="kp", container=k3)
gray = gray_copy(image)   # a small grey copy, so single pixels stay visible
side = gray.shape[0]
try:
    out, arith = apply_kernel(gray, kernel, stride=stride, padding=padding)
except LayerError as exc:
    ui.show_error(exc, title=t("pretrained.err_title"))
else:
    st.markdown(t("feature_maps.kernel_size", oh=arith.out_h, ow=arith.out_w, h=side, w=side))
    ui.formula(arith.size_formula("h"))
    titles = (t("feature_maps.panel_image"), t("feature_maps.panel_kernel"), t("feature_maps.panel_output"))
    st.plotly_chart(kernel_figure(gray, out, KERNELS[kernel], titles=titles), width="stretch", config=PLOT,
                    key="kernel_fig")

ui.page_link("pages/attribution.py", label=t("feature_maps.links"), icon=":material/visibility:")

ui.exercise_block("feature_maps")
