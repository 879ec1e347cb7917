"""Seeing inside — feature maps of any layer, the first layer's filters, and hand-made kernels on an image."""
from __future__ import annotations

import streamlit as st

from cnnlab import ui
from cnnlab.arithmetic import LayerError
from cnnlab.feature_maps import KERNELS, default_layer
from cnnlab.ui import feature_maps as fui
from cnnlab.ui import pretrained as pui

ui.setup_page("feature_maps.title")
t = ui.t
PLOT = {"displayModeBar": False}

st.title(t("feature_maps.title"))
st.markdown(t("feature_maps.intro"))

seen = pui.model_and_image(k=3)

# Each section reruns alone when its own widgets move (st.fragment); the pickers above rerun the page.
@st.fragment
def activation_maps() -> None:
    st.subheader(t("feature_maps.maps_head"))
    layers = fui.layers_of(seen)
    by_name = {info.name: info for info in layers}
    start = default_layer(layers)
    if start is None:
        st.info(t("feature_maps.no_conv"))
        return
    c1, c2 = st.columns([3, 1])
    code = ui.lang()
    layer = ui.qp_select(t("feature_maps.layer"), list(by_name), start, key="layer",
                         help=t("feature_maps.layer_help"), container=c1,
                         format_func=lambda n: fui.layer_label(by_name[n], code))
    n_max = ui.qp_slider(t("feature_maps.max_maps"), 4, 64, 32, key="maps", step=4, container=c2)
    maps = fui.maps_of(seen, layer, n_max)
    c, h, w = maps.shape
    st.markdown(t("feature_maps.shape", name=layer, type=by_name[layer].type, c=c, h=h, w=w, shown=min(n_max, c)))
    st.plotly_chart(maps.figure, width="stretch", config=PLOT, key="maps_grid")


def first_filters() -> None:
    st.subheader(t("feature_maps.filters_head"))
    try:
        filters = fui.filters_of(seen)
    except ValueError:
        st.info(t("feature_maps.no_conv"))
        return
    o, i, kh, kw = filters.shape
    st.markdown(t("feature_maps.filters", name=filters.name, o=o, i=i, kh=kh, kw=kw,
                  how=t("feature_maps.filters_rgb") if i == 3 else t("feature_maps.filters_mean")))
    st.plotly_chart(filters.figure, width="stretch", config=PLOT, key="filters")


@st.fragment
def hand_made_kernels() -> None:
    st.subheader(t("feature_maps.kernels_head"))
    st.markdown(t("feature_maps.kernels_intro"))
    k1, k2, k3 = st.columns(3)
    kernel = ui.qp_select(t("feature_maps.kernel"), list(KERNELS), "vertical_edge", key="kernel",
                          format_func=ui.option_labels("feature_maps.kernel_"), container=k1)
    stride = ui.qp_slider(t("feature_maps.stride"), 1, 4, 1, key="ks", container=k2)
    padding = ui.qp_slider(t("feature_maps.padding"), 0, 3, 0, key="kp", container=k3)
    titles = (t("feature_maps.panel_image"), t("feature_maps.panel_kernel"), t("feature_maps.panel_output"))
    try:
        done = fui.kernel_of(seen, kernel, stride, padding, titles)   # a small grey copy: single pixels stay visible
    except LayerError as exc:
        ui.show_error(exc, title=t("pretrained.err_title"))
        return
    st.markdown(t("feature_maps.kernel_size", oh=done.arith.out_h, ow=done.arith.out_w, h=done.side, w=done.side))
    ui.formula(done.arith.size_formula("h"))
    st.plotly_chart(done.figure, width="stretch", config=PLOT, key="kernel_fig")


activation_maps()
first_filters()
hand_made_kernels()
ui.page_link("pages/attribution.py", label=t("feature_maps.links"), icon=":material/visibility:")

ui.exercise_block("feature_maps")
