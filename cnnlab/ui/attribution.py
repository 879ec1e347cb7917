"""Streamlit pieces of the attribution page: the target's labels, one map with a progress bar, the cost line.

A map is computed once per model, image, target, method and settings for the whole class (``cnnlab.ui.shared``:
on a worker thread, so a student who moves a slider meanwhile does not throw it away), on a private copy of the
model (``cnnlab.attribution.attribute``): sessions sharing a model never wait for each other's hooks.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import streamlit as st
import torch

from cnnlab import i18n, ui
from cnnlab.attribution import AttributionOptions, attribute
from cnnlab.figures.attribution import attribution_overlay
from cnnlab.images import denormalize
from cnnlab.pretrained import black_input
from cnnlab.ui import shared
from cnnlab.ui.pretrained import Seen

__all__ = ["target_labels", "method_name", "cost_text", "Attribution", "attribution", "overlay"]


def target_labels(classes: tuple[str, ...]) -> Any:
    """``format_func`` for the target select: "pred" → "the predicted class", index → "281 · tabby".

    The option text must not depend on the image: the browser keeps a select's option texts while its key stays.
    """
    code = ui.lang()
    return lambda v: i18n.t("attribution.target_pred", code) if v == "pred" else f"{v} · {classes[v]}"


@dataclass(frozen=True)
class Attribution:
    """One attribution map and how long it took here."""
    heat: torch.Tensor   # [H, W] in 0–1 (shared by every session asking for it: never modify it)
    ms: float            # compute time of this result
    key: tuple           # names it in the shared results


def method_name(method: str) -> str:
    return ui.t(f"attribution.method_{method}")


def cost_text(options: AttributionOptions, method: str, input_size: tuple[int, int, int], ms: float) -> str:
    """What one map cost: passes forward and backward (counted), milliseconds (measured here)."""
    cost = options.cost(method, input_size)
    return ui.t("attribution.cost", f=f"{cost.forward:,}", b=f"{cost.backward:,}", ms=f"{ms:,.0f}")


def attribution(seen: Seen, target: int, method: str, options: AttributionOptions) -> Attribution:
    """One attribution map, with a progress bar while it is computed (AttributionError for impossible settings)."""
    key = ("attribution", *seen.key, target, method, options.steps, options.layer, options.window, options.stride)
    trained = seen.chosen.trained
    options.cost(method, trained.input_size)   # impossible settings raise here, before any work

    def compute(progress) -> Attribution:
        start = time.perf_counter()
        heat = attribute(trained.model, seen.x, target, method, layer=options.layer, steps=options.steps,
                         window=options.window, stride=options.stride, baseline=black_input(trained),
                         progress=progress)
        return Attribution(heat, 1000 * (time.perf_counter() - start), key)

    label = ui.t("attribution.running", method=method_name(method))
    bar = None

    def progress(fraction: float) -> None:
        nonlocal bar
        bar = bar or st.progress(0.0, text=label)
        bar.progress(fraction, text=label)

    result = shared.result(key, compute, progress=progress)
    if bar is not None:
        bar.empty()
    return result


@st.cache_resource(max_entries=64, show_spinner=False)
def _overlay(key: tuple, _seen: Seen, _heat: torch.Tensor, title: str | None):
    trained = _seen.chosen.trained
    shown = denormalize(_seen.x[0], trained.mean, trained.std)
    return attribution_overlay(shown, _heat, title=title)   # read-only once built: st.plotly_chart serialises it


def overlay(seen: Seen, result: Attribution, title: str | None = None):
    """The image with the map laid over it (built once per map and title)."""
    return _overlay(result.key, seen, result.heat, title)
