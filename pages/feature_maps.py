"""Seeing inside — feature maps of any layer, the first layer's filters, and hand-made kernels on an image."""
from __future__ import annotations

import streamlit as st

from cnnlab import inside, ui
from cnnlab.arithmetic import LayerError
from cnnlab.figures.inside import feature_map_grid, filter_grid, kernel_figure
from cnnlab.images import fit_image, to_tensor
from cnnlab.ui import inside as iui

ui.setup_page("fm.title")
t = ui.t
KERNEL_SIDE = 96      # the hand-made kernels run on a small grey copy, so single pixels stay visible

st.title(t("fm.title"))
st.markdown(t("fm.intro"))

chosen, image, x, _ = iui.model_and_image(k=3)

# ---- activation maps of one layer
st.subheader(t("fm.maps_head"))
model = chosen.trained.model
layers = iui.layers_of(chosen)
by_name = {info.name: info for info in layers}
first_conv = next((info.name for info in layers if info.type == "Conv2d"), layers[0].name if layers else None)
if first_conv is None:
    st.info(t("fm.no_conv"))
else:
    c1, c2 = st.columns([3, 1])
    code = ui.lang()
    layer = ui.qp_select(t("fm.layer"), list(by_name), first_conv, key="layer", help=t("fm.layer_help"),
                         container=c1, format_func=lambda n: iui.layer_label(by_name[n], code))
    n_max = ui.qp_slider(t("fm.max_maps"), 4, 64, 32, key="maps", step=4, container=c2)
    maps = iui.run_locked(inside.feature_maps, model, x, layer)
    info = by_name[layer]
    c, h, w = maps.shape
    shown = min(n_max, c)
    st.markdown(t("fm.shape", name=layer, type=info.type, c=c, h=h, w=w, shown=shown))
    st.plotly_chart(feature_map_grid(maps, max_maps=shown, cols=8), width="stretch",
                    config={"displayModeBar": False}, key="maps_grid")

# ---- the first layer's filters
st.subheader(t("fm.filters_head"))
try:
    name, weight = inside.first_conv(model)
except ValueError:
    st.info(t("fm.no_conv"))
else:
    o, i, kh, kw = weight.shape
    st.markdown(t("fm.filters", name=name, o=o, i=i, kh=kh, kw=kw,
                  how=t("fm.filters_rgb") if i == 3 else t("fm.filters_mean")))
    st.plotly_chart(filter_grid(weight), width="stretch", config={"displayModeBar": False}, key="filters")

# ---- hand-made kernels with stride and padding
st.subheader(t("fm.kernels_head"))
st.markdown(t("fm.kernels_intro"))
k1, k2, k3 = st.columns(3)
kernel = ui.qp_select(t("fm.kernel"), list(inside.KERNELS), "vertical_edge", key="kernel",
                      format_func=ui.option_labels("fm.kernel_"), container=k1)
stride = ui.qp_slider(t("fm.stride"), 1, 4, 1, key="ks", container=k2)
padding = ui.qp_slider(t("fm.padding"), 0, 3, 0, key="kp", container=k3)
side = min(KERNEL_SIDE, image.width, image.height)
gray = to_tensor(fit_image(image, (1, side, side)), (1, side, side))[0, 0]
try:
    out, arith = inside.apply_kernel(gray, kernel, stride=stride, padding=padding)
except LayerError as exc:
    ui.show_error(exc, title=t("inside.err_title"))
else:
    st.markdown(t("fm.kernel_size", oh=arith.out_h, ow=arith.out_w, h=side, w=side))
    ui.formula(arith.size_formula("h"))
    st.plotly_chart(kernel_figure(gray, out, inside.KERNELS[kernel],
                                  titles=(t("fm.panel_image"), t("fm.panel_kernel"), t("fm.panel_output"))),
                    width="stretch", config={"displayModeBar": False}, key="kernel_fig")

ui.page_link("pages/attribution.py", label=t("fm.links"), icon=":material/visibility:")
