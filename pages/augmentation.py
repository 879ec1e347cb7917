"""Lesson 5 — data augmentation: every operation on a chosen image, one at a time and as the training pipeline."""
from __future__ import annotations

from dataclasses import asdict

import streamlit as st

from cnnlab import ui
from cnnlab.augment import PRESETS, AugmentConfig, build_augmentation, build_single, config_code, draws, pca_offsets
from cnnlab.figures.augment import image_grid_figure, preview
from cnnlab.ui.images import image_picker

ui.setup_page("aug.title")
t = ui.t
PREVIEW_PX = 224      # photos are shrunk for the page; the operations are size-independent
SINGLE_DRAWS = 3

# config field -> (URL key, min, max, step); the default is the chosen kind's preset value.
SLIDERS = {
    "crop": ("crop", 0.1, 1.0, 0.05),
    "rotation": ("rot", 0.0, 180.0, 1.0),
    "shear": ("shear", 0.0, 60.0, 1.0),
    "elastic_alpha": ("ea", 0.0, 100.0, 1.0),
    "elastic_sigma": ("es", 1.0, 10.0, 0.5),
    "brightness": ("br", 0.0, 1.0, 0.05),
    "contrast": ("ct", 0.0, 1.0, 0.05),
    "saturation": ("sat", 0.0, 1.0, 0.05),
    "hue": ("hue", 0.0, 0.5, 0.01),
    "pca_std": ("pca", 0.0, 1.0, 0.05),
}
SAMPLE_FOR = {"photos": "cat", "digits": "digit_3"}


def _load_preset() -> None:
    """Switching kind (or pressing reset) puts that kind's preset on every slider and a matching sample."""
    kind = st.session_state.get("kind", "photos")
    values = asdict(PRESETS[kind])
    for field, (key, *_rest) in SLIDERS.items():
        st.session_state[key] = float(values[field])
    st.session_state["flip"] = bool(values["flip"])
    current = st.session_state.get("img")
    if current is None or current.startswith("digit") != (kind == "digits"):
        st.session_state["img"] = SAMPLE_FOR[kind]


st.title(t("aug.title"))
st.markdown(t("aug.intro"))

top_left, top_right = st.columns([2, 3], gap="large")
kind = ui.qp_radio(t("aug.kind"), ["photos", "digits"], "photos", key="kind", format_func=ui.option_labels("aug.kind_"),
                   help=t("aug.kind_help"), container=top_left, on_change=_load_preset)
image = image_picker("img", default=SAMPLE_FOR[kind], container=top_left)
top_left.button(t("aug.reset"), on_click=_load_preset)
top_right.info(t("aug.label_keeps"), icon=":material/label:")
top_right.markdown(t("aug.same_builder"))
ui.page_link("pages/training_lab.py", label=t("aug.train_link"), icon=":material/fitness_center:",
             container=top_right)
top_right.caption(t("aug.train_hint"))
if image is None:
    st.warning(t("aug.no_image"))
    st.stop()
shown = preview(image, PREVIEW_PX)
preset = asdict(PRESETS[kind])

# ---- one operation at a time: sliders on the left of each tab, the figure on the right (drawn below)
st.subheader(t("aug.ops_head"))
st.caption(t("aug.ops_help") + " " + t("aug.preview_note", px=PREVIEW_PX))
names = ["crop", "flip", "rotation", "shear", "elastic", "color", "pca"]
tabs = st.tabs([t(f"aug.op_{n}") for n in names])
values: dict[str, float] = {}
panels = {}


def _slider(field: str, label: str, container, help: str | None = None) -> None:
    key, lo, hi, step = SLIDERS[field]
    values[field] = ui.qp_slider(label, lo, hi, float(preset[field]), key=key, step=step, help=help,
                                 container=container)


for name, tab in zip(names, tabs):
    left, right = tab.columns([2, 3], gap="large")
    panels[name] = right
    if name == "crop":
        left.markdown(t("aug.crop_text"))
        _slider("crop", t("aug.crop"), left, t("aug.crop_help"))
    elif name == "flip":
        left.markdown(t("aug.flip_text"))
        flip = ui.qp_toggle(t("aug.flip"), bool(preset["flip"]), key="flip", container=left)
        left.caption(t("aug.flip_single"))
        if kind == "digits":
            (left.warning(t("aug.flip_warning"), icon="⚠️") if flip else left.info(t("aug.flip_digits")))
    elif name == "rotation":
        left.markdown(t("aug.rotation_text"))
        _slider("rotation", t("aug.rotation"), left)
    elif name == "shear":
        left.markdown(t("aug.shear_text"))
        _slider("shear", t("aug.shear"), left)
    elif name == "elastic":
        left.markdown(t("aug.elastic_text"))
        _slider("elastic_alpha", t("aug.elastic_alpha"), left)
        _slider("elastic_sigma", t("aug.elastic_sigma"), left)
    elif name == "color":
        left.markdown(t("aug.color_text"))
        for field in ("brightness", "contrast", "saturation", "hue"):
            _slider(field, t(f"aug.{field}"), left)
    else:
        left.markdown(t("aug.pca_text"))
        _slider("pca_std", t("aug.pca"), left)

if kind == "digits" and flip:
    st.warning(t("aug.flip_warning"), icon="⚠️")

try:
    config = AugmentConfig(flip=flip, **values)
except ValueError as exc:   # sliders stay in range; a hand-edited URL is clamped — kept as a safety net
    ui.show_error(exc, title=t("aug.err_title"))
    st.stop()

# ---- the whole pipeline: controls first, so the seed is known for every figure
st.subheader(t("aug.pipeline_head"))
st.caption(t("aug.pipeline_help"))
c1, c2, c3 = st.columns([2, 2, 1], vertical_alignment="bottom")
n = ui.qp_slider(t("aug.n"), 4, 16, 8, key="draws", step=1, container=c1)
seed = ui.qp_number(t("aug.seed"), 0, 9999, 0, key="seed", help=t("aug.seed_help"), container=c2)


def _next_seed() -> None:
    st.session_state["seed"] = (int(st.session_state.get("seed", 0)) + 1) % 10_000


c3.button(t("aug.new_draws"), on_click=_next_seed, width="stretch")
if not config.enabled:
    st.info(t("aug.none_on"))
pipeline = build_augmentation(config)
grid = [shown] + draws(shown, pipeline, n, seed=seed)
titles = [t("aug.original")] + [t("aug.draw", i=i + 1) for i in range(n)]
st.plotly_chart(image_grid_figure(grid, titles, cols=6 if n > 8 else 5, highlight_first=True, width_px=1000),
                width="stretch", config={"displayModeBar": False}, key="grid")
with st.expander(t("aug.code_head")):
    ui.formula(config_code(config))
    st.code(str(pipeline), language=None)

# ---- fill each tab's figure: the original and a few draws of that operation alone (same seed)
for name in names:
    single = build_single(config, name)
    count = 1 if name == "flip" else SINGLE_DRAWS
    off = name != "flip" and name not in config.enabled
    pictures = [shown] + draws(shown, single, count, seed=seed)
    labels = [t("aug.original")] + [t("aug.draw", i=i + 1) + (" " + t("aug.off") if off else "")
                                    for i in range(count)]
    panels[name].plotly_chart(image_grid_figure(pictures, labels, cols=4, highlight_first=True, width_px=600),
                              width="stretch", config={"displayModeBar": False}, key=f"single_{name}")
    if name == "pca" and not off and shown.mode == "RGB":
        r, g, b = pca_offsets(config.pca_std, seed)
        panels[name].caption(t("aug.pca_shift", r=f"{r:+.1f}", g=f"{g:+.1f}", b=f"{b:+.1f}"))
