"""Streamlit pieces shared by the feature-map and attribution pages: the model picker and the network's input.

    seen = model_and_image(k=5)   # pickers, "what the network sees", top-5; never raises
    seen.chosen.trained.model, seen.x, seen.key      # the model (shared: only read), its input, their shared-cache key

Models: the network trained in this session (``st.session_state["cnnlab.trained"]``, only listed when there is
one), the bundled LeNet-5 (ships in ``assets/models``), and torchvision ImageNet models whose weights are in the
local torch cache or downloadable. Loaded models are shared by every session of the server (``st.cache_resource``),
so they are only ever read: the engine's functions hook and switch modes on private copies
(``cnnlab.private.private_copy``), so students never wait for each other.
An unavailable download is remembered for a minute so reruns do not probe the network again.
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass
from typing import Any

import streamlit as st
import torch
from PIL import Image

from cnnlab import i18n, pretrained, ui
from cnnlab.figures.pretrained import top_k_figure
from cnnlab.images import ImageError, denormalize, to_pil
from cnnlab.train import TrainedModel
from cnnlab.ui import shared
from cnnlab.ui.images import image_picker
from cnnlab.ui.training_lab import TRAINED_KEY

__all__ = ["Chosen", "Seen", "forget_models", "model_and_image", "model_picker", "default_sample", "seen_image",
           "show_input"]

_FAILED: dict[str, tuple[float, str]] = {}   # torchvision name -> (time, message) of the last failed load
_RETRY_SECONDS = 60.0


@dataclass
class Chosen:
    key: str                 # "session", "bundled" or "tv_<name>" (the ?model= value)
    trained: TrainedModel
    label: str               # translated, for captions


@st.cache_resource(show_spinner=False)
def _bundled() -> TrainedModel:
    return pretrained.load_bundled()


@st.cache_resource(show_spinner=False)
def _torchvision(name: str) -> TrainedModel:
    # CNNLAB_OFFLINE=1 (set by the tests; a teacher can set it too) uses the local torch cache only
    return pretrained.torchvision_model(name, allow_download=os.environ.get("CNNLAB_OFFLINE") != "1")


def forget_models() -> None:
    """Drop loaded torchvision models and remembered failures (after the torch cache changed; used by tests)."""
    _torchvision.clear()
    _FAILED.clear()


def _options() -> list[str]:
    keys = ["session"] if st.session_state.get(TRAINED_KEY) is not None else []
    return keys + ["bundled"] + [f"tv_{n}" for n in pretrained.TORCHVISION_MODELS]


def _label_for(lang: str) -> Any:
    def label(key: str) -> str:
        if key == "session":   # a fixed text: the browser keeps option texts while the widget's key stays
            return i18n.t("pretrained.model_session", lang)
        if key == "bundled":
            return i18n.t("pretrained.model_bundled", lang)
        return i18n.t("pretrained.model_tv", lang, name=key.removeprefix("tv_"))
    return label


def model_picker(container: Any = None) -> Chosen:
    """Model select (``?model=``); an unavailable torchvision model says why and falls back to the bundled LeNet-5."""
    box = st if container is None else container
    options = _options()
    default = "session" if "session" in options else "bundled"
    fmt = _label_for(ui.lang())
    key = ui.qp_select(ui.t("pretrained.model"), options, default, key="model", format_func=fmt,
                       help=ui.t("pretrained.model_help"), container=box)
    if key == "session":
        return Chosen(key, st.session_state[TRAINED_KEY], fmt(key))
    if key.startswith("tv_"):
        name = key.removeprefix("tv_")
        failed = _FAILED.get(name)
        if failed is None or time.monotonic() - failed[0] > _RETRY_SECONDS:
            try:
                with st.spinner(ui.t("pretrained.loading", name=name)):
                    return Chosen(key, _torchvision(name), fmt(key))
            except pretrained.ModelUnavailable as exc:
                failed = _FAILED[name] = (time.monotonic(), exc)
        ui.show_error(failed[1], title=ui.t("pretrained.unavailable_title"), hint=ui.t("pretrained.fallback"),
                      container=box)
    elif st.session_state.get(TRAINED_KEY) is None:
        box.caption(ui.t("pretrained.no_session"))
    return Chosen("bundled", _bundled(), fmt("bundled"))


def default_sample(trained: TrainedModel) -> str:
    """A digit for a one-channel model, a photo otherwise."""
    return "digit_3" if trained.input_size[0] == 1 else "cat"


def seen_image(trained: TrainedModel, x: torch.Tensor) -> Image.Image:
    """The input as the network sees it (normalisation undone), for display."""
    return to_pil(denormalize(x[0], trained.mean, trained.std))


@dataclass
class Seen:
    """The top of both pages: the chosen model, the image, the network's input and its top-k prediction."""
    chosen: Chosen
    image: Image.Image
    x: torch.Tensor                          # [1, C, H, W], normalised; shared between sessions: never modify it
    top: list[tuple[int, str, float]]        # (class index, class name, probability), most probable first
    key: tuple[str, str]                     # (model token, image fingerprint): names both in shared results


def model_and_image(*, k: int = 5) -> Seen:
    """Model and image pickers on the left; what the network sees and its top-k on the right. Stops the page when
    there is no image. The input and the prediction are computed once per model and image for the whole class."""
    pick, right = st.columns([1, 2], gap="large")
    chosen = model_picker(container=pick)
    image = image_picker("img", default=default_sample(chosen.trained), container=pick)
    if image is None:
        st.stop()
    trained = chosen.trained
    key = (shared.object_key(trained.model), shared.image_key(image))
    try:
        x = shared.result(("input", *key), lambda _: pretrained.preprocess(image, trained))
    except ImageError as exc:
        ui.show_error(exc, title=ui.t("pretrained.err_title"))
        st.stop()
    n = min(k, len(trained.classes))
    top = shared.result(("top_k", *key, n), lambda _: pretrained.top_k(trained, x, k=n))
    show_input(chosen, x, top, container=right)
    return Seen(chosen, image, x, top, key)


@st.cache_resource(max_entries=64, show_spinner=False)
def _top_k_figure(top: tuple, title: str, axis: str):
    return top_k_figure(top, title=title, axis=axis)   # read-only once built: st.plotly_chart only serialises it


def show_input(chosen: Chosen, x: torch.Tensor, top: list[tuple[int, str, float]], container: Any = None) -> None:
    """What the network sees, its model facts and its top-k prediction."""
    box = st if container is None else container
    trained = chosen.trained
    c, h, w = trained.input_size
    acc = (ui.t("pretrained.acc_imagenet") if chosen.key.startswith("tv_")
           else ui.t("pretrained.acc_known", acc=f"{trained.test_acc:.1%}"))
    name = chosen.label
    if chosen.key == "session":   # the lab's model title ("LeNet-5, modern …"), a custom network's name as it is
        key = f"training_lab.model_{trained.name}"
        name = ui.t(key) if i18n.has(key) else trained.name
    box.markdown(ui.t("pretrained.model_facts", name=name, c=c, h=h, w=w, classes=len(trained.classes), acc=acc))
    left, right = box.columns([1, 2])
    left.image(seen_image(trained, x), caption=ui.t("pretrained.input_head"), width="stretch")
    mode = ui.t("pretrained.mode_gray" if c == 1 else "pretrained.mode_rgb")
    left.caption(ui.t("pretrained.input_caption", h=h, w=w, mode=mode))
    right.markdown(ui.t("pretrained.predicted", label=top[0][1], p=f"{top[0][2]:.1%}"))
    figure = _top_k_figure(tuple(top), ui.t("pretrained.top_k", k=len(top)), ui.t("pretrained.probability"))
    right.plotly_chart(figure, width="stretch", config={"displayModeBar": False}, key="top_k")
