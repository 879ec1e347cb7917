"""Streamlit pieces of the attribution page: the target's labels, one map with a progress bar, remembered per session.

The maps run under ``cnnlab.ui.pretrained.HOOK_LOCK``: captum hooks and differentiates through models every session
shares.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import streamlit as st
import torch

from cnnlab import i18n, ui
from cnnlab.attribution import AttributionOptions, attribute
from cnnlab.pretrained import black_input
from cnnlab.ui.pretrained import Chosen, run_locked

__all__ = ["target_labels", "method_name", "cost_text", "Attribution", "attribution"]


def target_labels(classes: tuple[str, ...]) -> Any:
    """``format_func`` for the target select: "pred" → "the predicted class", index → "281 · tabby".

    The option text must not depend on the image: the browser keeps a select's option texts while its key stays.
    """
    code = ui.lang()
    return lambda v: i18n.t("attribution.target_pred", code) if v == "pred" else f"{v} · {classes[v]}"


@dataclass
class Attribution:
    """One attribution map and how long it took here."""
    heat: torch.Tensor   # [H, W] in 0–1
    ms: float            # compute time of this result


def method_name(method: str) -> str:
    return ui.t(f"attribution.method_{method}")


def cost_text(options: AttributionOptions, method: str, input_size: tuple[int, int, int], ms: float) -> str:
    """What one map cost: passes forward and backward (counted), milliseconds (measured here)."""
    cost = options.cost(method, input_size)
    return ui.t("attribution.cost", f=f"{cost.forward:,}", b=f"{cost.backward:,}", ms=f"{ms:,.0f}")


def attribution(chosen: Chosen, x: torch.Tensor, target: int, method: str, options: AttributionOptions) -> Attribution:
    """One attribution map with a progress bar; the last few results of the session are remembered, so reruns
    (a language switch, another widget) do not recompute a slow occlusion."""
    memo = st.session_state.setdefault("cnnlab.attribution.results", {})
    key = (chosen.key, id(chosen.trained.model), hash(x.numpy().tobytes()), target, method, options.steps,
           options.layer, options.window, options.stride)
    if key in memo:
        return memo[key]
    label = ui.t("attribution.running", method=method_name(method))
    bar = st.progress(0.0, text=label)
    start = time.perf_counter()
    heat = run_locked(attribute, chosen.trained.model, x, target, method, layer=options.layer,
                      steps=options.steps, window=options.window, stride=options.stride,
                      baseline=black_input(chosen.trained),
                      progress=lambda f: bar.progress(min(max(float(f), 0.0), 1.0), text=label))
    bar.empty()
    if len(memo) >= 8:
        memo.pop(next(iter(memo)))
    memo[key] = result = Attribution(heat, 1000 * (time.perf_counter() - start))
    return result
