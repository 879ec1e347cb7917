"""Streamlit state of the data augmentation page: the sliders' URL keys and ranges, presets, the seed button, and
the page's figures — built once per image and setting for the whole class, each operation's panel from its own
sliders only, so a slider move redraws its panel and the pipeline grid, not all eight."""
from __future__ import annotations

from dataclasses import asdict

import streamlit as st

from cnnlab import i18n
from cnnlab.augmentation import FIELDS, PRESETS, AugmentConfig, build_augmentation, draws, operation_draws
from cnnlab.figures.images import image_grid_figure, preview
from cnnlab.ui.core import qp_slider, t

__all__ = ["SLIDERS", "SAMPLE_FOR", "load_preset", "next_seed", "field_slider", "shown_image", "pipeline_figure",
           "operation_figure"]

# AugmentConfig field -> (URL key, min, max, step); the default is the chosen kind's preset value.
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


def load_preset() -> None:
    """Switching kind (or pressing reset) puts that kind's preset on every slider and a matching sample."""
    kind = st.session_state.get("kind", "photos")
    values = asdict(PRESETS[kind])
    for field, (key, *_rest) in SLIDERS.items():
        st.session_state[key] = float(values[field])
    st.session_state["flip"] = bool(values["flip"])
    current = st.session_state.get("img")
    if current is None or current.startswith("digit") != (kind == "digits"):
        st.session_state["img"] = SAMPLE_FOR[kind]


def next_seed() -> None:
    st.session_state["seed"] = (int(st.session_state.get("seed", 0)) + 1) % 10_000


def field_slider(field: str, default: float, container: object) -> float:
    """The slider of one AugmentConfig field (``augmentation.<field>`` label, its help where there is one)."""
    key, lo, hi, step = SLIDERS[field]
    help_key = f"augmentation.{field}_help"
    return qp_slider(t(f"augmentation.{field}"), lo, hi, float(default), key=key, step=step,
                     help=t(help_key) if i18n.has(help_key) else None, container=container)


@st.cache_resource(max_entries=32, show_spinner=False)
def shown_image(image_key: str, _image, max_side: int):
    """The picked image shrunk for the page (``image_key``: ``cnnlab.ui.shared.image_key``); shared, never modified."""
    return preview(_image, max_side)


@st.cache_resource(max_entries=48, show_spinner=False)
def pipeline_figure(image_key: str, _shown, config: AugmentConfig, n: int, seed: int, titles: tuple[str, ...]):
    """The original and ``n`` draws of the whole pipeline (read-only once built: st.plotly_chart serialises it)."""
    grid = [_shown] + draws(_shown, build_augmentation(config), n, seed=seed)   # its own generator: no lock
    return image_grid_figure(grid, titles, cols=6 if n > 8 else 5, highlight_first=True, width_px=1000)


def operation_figure(image_key: str, shown, config: AugmentConfig, name: str, n: int, seed: int):
    """(figure, off): the original and ``n`` draws of operation ``name`` alone; keyed by that operation's sliders."""
    own = tuple((field, getattr(config, field)) for field in FIELDS[name])
    labels = (t("augmentation.original"), *(t("augmentation.draw", i=i + 1) for i in range(n)))
    return _operation_figure(image_key, shown, own, name, n, seed, labels, " " + t("augmentation.off"))


@st.cache_resource(max_entries=96, show_spinner=False)
def _operation_figure(image_key: str, _shown, own: tuple, name: str, n: int, seed: int, labels: tuple[str, ...],
                      off_note: str):
    pictures, off = operation_draws(AugmentConfig(**dict(own)), name, _shown, n, seed)
    titles = [labels[0]] + [labels[i + 1] + (off_note if off else "") for i in range(len(pictures))]
    figure = image_grid_figure([_shown] + pictures, titles, cols=4, highlight_first=True, width_px=600)
    return figure, off
