"""Streamlit state of the data augmentation page: the sliders' URL keys and ranges, presets, the seed button."""
from __future__ import annotations

from dataclasses import asdict

import streamlit as st

from cnnlab import i18n
from cnnlab.augmentation import PRESETS
from cnnlab.ui.core import qp_slider, t

__all__ = ["SLIDERS", "SAMPLE_FOR", "load_preset", "next_seed", "field_slider"]

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
