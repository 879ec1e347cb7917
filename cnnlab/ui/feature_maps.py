"""Streamlit pieces of the feature-map page: the model's layers (remembered per session) and their labels."""
from __future__ import annotations

import streamlit as st

from cnnlab import i18n
from cnnlab.arithmetic import fmt_shape
from cnnlab.feature_maps import LayerInfo, feature_layers
from cnnlab.ui.pretrained import Chosen, run_locked

__all__ = ["layers_of", "layer_label"]


def layers_of(chosen: Chosen) -> list[LayerInfo]:
    """The model's feature-map layers (name, type, output shape), remembered per model for this session."""
    memo = st.session_state.setdefault("cnnlab.feature_maps.layers", {})
    key = (chosen.key, id(chosen.trained.model))
    if key not in memo:
        memo.clear()
        memo[key] = run_locked(feature_layers, chosen.trained.model, chosen.trained.input_size)
    return memo[key]


def layer_label(info: LayerInfo, lang: str) -> str:
    """``features.3 · Conv2d → 192×27×27`` (language bound at call time, see ``ui.option_labels``)."""
    return i18n.t("feature_maps.layer_option", lang, name=info.name, type=info.type,
                  shape=fmt_shape(info.output_shape))
