"""Lesson 5 — data augmentation: every operation on a chosen image, one at a time and as the training pipeline."""
from __future__ import annotations

from dataclasses import asdict

import streamlit as st

from cnnlab import ui
from cnnlab.augmentation import (ALEXNET_CROP, FIELDS, OPERATIONS, PRESETS, AugmentConfig, alexnet_crop_area,
                                 build_augmentation, config_code, pca_offsets)
from cnnlab.ui import augmentation as aui
from cnnlab.ui import shared
from cnnlab.ui.images import image_picker

ui.setup_page("augmentation.title")
t = ui.t
PREVIEW_PX = 224      # photos are shrunk for the page; the operations are size-independent
SINGLE_DRAWS = 3
PLOT = {"displayModeBar": False}

st.title(t("augmentation.title"))
st.markdown(t("augmentation.intro"))

top_left, top_right = st.columns([2, 3], gap="large")
kind = ui.qp_radio(t("augmentation.kind"), ["photos", "digits"], "photos", key="kind",
                   format_func=ui.option_labels("augmentation.kind_"), help=t("augmentation.kind_help"),
                   container=top_left, on_change=aui.load_preset)
image = image_picker("img", default=aui.SAMPLE_FOR[kind], container=top_left)
top_left.button(t("augmentation.reset"), on_click=aui.load_preset)
top_left.caption(t(f"augmentation.preset_{kind}", crop=f"{PRESETS[kind].crop:.0%}".rstrip("%"),
                   rotation=f"{PRESETS[kind].rotation:g}", patch=ALEXNET_CROP[0], image=ALEXNET_CROP[1]))
top_right.info(t("augmentation.label_keeps"), icon=":material/label:")
top_right.markdown(t("augmentation.same_pipeline"))
ui.page_link("pages/training_lab.py", label=t("augmentation.train_link"), icon=":material/fitness_center:",
             container=top_right)
top_right.caption(t("augmentation.train_hint"))
if image is None:
    st.warning(t("augmentation.no_image"))
    st.stop()
image_key = shared.image_key(image)
shown = aui.shown_image(image_key, image, PREVIEW_PX)
preset = asdict(PRESETS[kind])

# ---- one operation at a time: sliders on the left of each tab, the figure on the right (drawn below)
st.subheader(t("augmentation.ops_head"))
st.caption(t("augmentation.ops_help") + " " + t("augmentation.preview_note", px=PREVIEW_PX))
tabs = st.tabs([t(f"augmentation.op_{name}") for name in OPERATIONS])
values: dict[str, float] = {}
panels = {}
for name, tab in zip(OPERATIONS, tabs):
    left, panels[name] = tab.columns([2, 3], gap="large")
    left.markdown(t(f"augmentation.{name}_text", patch=ALEXNET_CROP[0], image=ALEXNET_CROP[1],
                    area=f"{alexnet_crop_area():.1%}"))
    if name != "flip":
        values.update({field: aui.field_slider(field, preset[field], left) for field in FIELDS[name]})
        continue
    flip = ui.qp_toggle(t("augmentation.flip"), bool(preset["flip"]), key="flip", container=left)
    left.caption(t("augmentation.flip_single"))
    if kind == "digits":
        if flip:
            left.warning(t("augmentation.flip_warning"), icon="⚠️")
        else:
            left.info(t("augmentation.flip_digits"))

if kind == "digits" and flip:
    st.warning(t("augmentation.flip_warning"), icon="⚠️")

config = AugmentConfig(flip=flip, **values)  # every slider stays in AugmentConfig's range

# ---- the whole pipeline: controls first, so the seed is known for every figure
st.subheader(t("augmentation.pipeline_head"))
st.caption(t("augmentation.pipeline_help"))
c1, c2, c3 = st.columns([2, 2, 1], vertical_alignment="bottom")
n = ui.qp_slider(t("augmentation.n"), 4, 16, 8, key="draws", step=1, container=c1)
seed = ui.qp_number(t("augmentation.seed"), 0, 9999, 0, key="seed", help=t("augmentation.seed_help"), container=c2)
c3.button(t("augmentation.new_draws"), on_click=aui.next_seed, width="stretch")
if not config.enabled:
    st.info(t("augmentation.none_on"))
titles = (t("augmentation.original"), *(t("augmentation.draw", i=i + 1) for i in range(n)))
st.plotly_chart(aui.pipeline_figure(image_key, shown, config, n, seed, titles), width="stretch", config=PLOT,
                key="grid")
with st.expander(t("augmentation.code_head")):
    ui.formula(config_code(config))
    st.code(str(build_augmentation(config)), language=None)

# ---- fill each tab's figure: the original and a few draws of that operation alone (same seed)
for name in OPERATIONS:
    figure, off = aui.operation_figure(image_key, shown, config, name, SINGLE_DRAWS, seed)
    panels[name].plotly_chart(figure, width="stretch", config=PLOT, key=f"single_{name}")
    if name == "pca" and not off and shown.mode == "RGB":
        r, g, b = pca_offsets(config.pca_std, seed)
        panels[name].caption(t("augmentation.pca_shift", r=f"{r:+.1f}", g=f"{g:+.1f}", b=f"{b:+.1f}"))

ui.exercise_block("augmentation")
