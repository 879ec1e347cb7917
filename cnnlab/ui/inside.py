"""Streamlit pieces shared by the feature-map and attribution pages: the model picker and the network's input.

    chosen, image, x, top = model_and_image(k=5)   # pickers, "what the network sees", top-5; never raises
    maps = run_locked(inside.feature_maps, chosen.trained.model, x, layer)
    result = attribution(chosen, x, target, "gradcam", AttributionOptions.defaults(224), label="…")

Models: the network trained in this session (``st.session_state["cnnlab.trained"]``, only listed when there is
one), the bundled LeNet-5 (ships in ``assets/models``), and torchvision ImageNet models whose weights are in the
local torch cache or downloadable. Loaded models are shared by every session of the server (``st.cache_resource``),
so they are only ever read: anything that adds hooks (feature maps, Grad-CAM) runs under :data:`HOOK_LOCK`.
An unavailable download is remembered for a minute so reruns do not probe the network again.
"""
from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass
from typing import Any

import streamlit as st
import torch
from PIL import Image

from cnnlab import attribution as attr
from cnnlab import i18n, inside, ui
from cnnlab.figures.inside import top_k_figure
from cnnlab.images import ImageError, denormalize, to_pil
from cnnlab.train import TrainedModel
from cnnlab.ui.images import image_picker
from cnnlab.ui.training_lab import TRAINED_KEY

__all__ = ["Chosen", "forget_models", "model_and_image", "model_picker", "default_sample", "show_input", "HOOK_LOCK", "run_locked", "layers_of", "layer_label",
           "seen_image", "target_labels", "AttributionOptions", "Attribution", "attribution"]

HOOK_LOCK = threading.Lock()   # one hooked forward/backward at a time on the shared (cached) models
_FAILED: dict[str, tuple[float, str]] = {}   # torchvision name -> (time, message) of the last failed load
_RETRY_SECONDS = 60.0


@dataclass
class Chosen:
    key: str                 # "session", "bundled" or "tv_<name>" (the ?model= value)
    trained: TrainedModel
    label: str               # translated, for captions


@st.cache_resource(show_spinner=False)
def _bundled() -> TrainedModel:
    return inside.load_bundled()


@st.cache_resource(show_spinner=False)
def _torchvision(name: str) -> TrainedModel:
    # CNNLAB_OFFLINE=1 (set by the tests; a teacher can set it too) uses the local torch cache only
    return inside.torchvision_model(name, allow_download=os.environ.get("CNNLAB_OFFLINE") != "1")


def forget_models() -> None:
    """Drop loaded torchvision models and remembered failures (after the torch cache changed; used by tests)."""
    _torchvision.clear()
    _FAILED.clear()


def _options() -> list[str]:
    keys = ["session"] if st.session_state.get(TRAINED_KEY) is not None else []
    return keys + ["bundled"] + [f"tv_{n}" for n in inside.TORCHVISION_MODELS]


def _label_for(lang: str) -> Any:
    def label(key: str) -> str:
        if key == "session":   # a fixed text: the browser keeps option texts while the widget's key stays
            return i18n.t("inside.model_session", lang)
        if key == "bundled":
            return i18n.t("inside.model_bundled", lang)
        return i18n.t("inside.model_tv", lang, name=key.removeprefix("tv_"))
    return label


def model_picker(container: Any = None) -> Chosen:
    """Model select (``?model=``); an unavailable torchvision model says why and falls back to the bundled LeNet-5."""
    box = st if container is None else container
    options = _options()
    default = "session" if "session" in options else "bundled"
    fmt = _label_for(ui.lang())
    key = ui.qp_select(ui.t("inside.model"), options, default, key="model", format_func=fmt,
                       help=ui.t("inside.model_help"), container=box)
    if key == "session":
        return Chosen(key, st.session_state[TRAINED_KEY], fmt(key))
    if key.startswith("tv_"):
        name = key.removeprefix("tv_")
        failed = _FAILED.get(name)
        if failed is None or time.monotonic() - failed[0] > _RETRY_SECONDS:
            try:
                with st.spinner(ui.t("inside.loading", name=name)):
                    return Chosen(key, _torchvision(name), fmt(key))
            except inside.ModelUnavailable as exc:
                failed = _FAILED[name] = (time.monotonic(), str(exc))
        ui.show_error(None, title=ui.t("inside.unavailable_title"), message=failed[1],
                      hint=ui.t("inside.fallback"), container=box)
    elif st.session_state.get(TRAINED_KEY) is None:
        box.caption(ui.t("inside.no_session"))
    return Chosen("bundled", _bundled(), fmt("bundled"))


def default_sample(trained: TrainedModel) -> str:
    """A digit for a one-channel model, a photo otherwise."""
    return "digit_3" if trained.input_size[0] == 1 else "cat"


def seen_image(trained: TrainedModel, x: torch.Tensor) -> Image.Image:
    """The input as the network sees it (normalisation undone), for display."""
    return to_pil(denormalize(x[0], trained.mean, trained.std))


def layers_of(chosen: Chosen) -> list[inside.LayerInfo]:
    """The model's feature-map layers (name, type, output shape), remembered per model for this session."""
    memo = st.session_state.setdefault("cnnlab.inside.layers", {})
    key = (chosen.key, id(chosen.trained.model))
    if key not in memo:
        memo.clear()
        memo[key] = run_locked(inside.feature_layers, chosen.trained.model, chosen.trained.input_size)
    return memo[key]


def layer_label(info: inside.LayerInfo, lang: str) -> str:
    """``features.3 · Conv2d → 192×27×27`` (language bound at call time, see ``ui.option_labels``)."""
    shape = "×".join(str(v) for v in info.output_shape)
    return i18n.t("fm.layer_option", lang, name=info.name, type=info.type, shape=shape)


def target_labels(classes: tuple[str, ...]) -> Any:
    """``format_func`` for the target select: "pred" → "the predicted class", index → "281 · tabby".

    The option text must not depend on the image: the browser keeps a select's option texts while its key stays.
    """
    code = ui.lang()
    return lambda v: i18n.t("attr.target_pred", code) if v == "pred" else f"{v} · {classes[v]}"


@dataclass
class AttributionOptions:
    steps: int = 32              # integrated gradients
    layer: str | None = None     # Grad-CAM (None: the last convolution)
    window: int = 4              # occlusion patch side, pixels
    stride: int = 2              # occlusion patch step, pixels

    @classmethod
    def defaults(cls, side: int) -> "AttributionOptions":
        """A patch about one seventh of the image (28 → 4 px, 224 → 32 px), moved by half a patch."""
        window = max(2, side // 7)
        return cls(window=window, stride=max(1, window // 2))


@dataclass
class Attribution:
    heat: torch.Tensor   # [H, W] in 0–1
    ms: float            # compute time of this result


def attribution(chosen: Chosen, x: torch.Tensor, target: int, method: str, options: AttributionOptions, *,
                label: str) -> Attribution:
    """One attribution map with a progress bar; the last few results of the session are remembered, so reruns
    (a language switch, another widget) do not recompute a slow occlusion."""
    memo = st.session_state.setdefault("cnnlab.inside.attr", {})
    key = (chosen.key, id(chosen.trained.model), hash(x.numpy().tobytes()), target, method, options.steps,
           options.layer, options.window, options.stride)
    if key in memo:
        return memo[key]
    bar = st.progress(0.0, text=label)
    start = time.perf_counter()
    heat = run_locked(attr.attribute, chosen.trained.model, x, target, method, layer=options.layer,
                      steps=options.steps, window=options.window, stride=options.stride,
                      baseline=inside.black_input(chosen.trained),
                      progress=lambda f: bar.progress(min(max(float(f), 0.0), 1.0), text=label))
    bar.empty()
    if len(memo) >= 8:
        memo.pop(next(iter(memo)))
    memo[key] = result = Attribution(heat, 1000 * (time.perf_counter() - start))
    return result


def run_locked(fn: Any, *args: Any, **kwargs: Any) -> Any:
    """Run ``fn`` under :data:`HOOK_LOCK` (it hooks or differentiates through a model other sessions share)."""
    with HOOK_LOCK:
        return fn(*args, **kwargs)


def model_and_image(*, k: int = 5) -> tuple[Chosen, Image.Image, torch.Tensor, list[tuple[int, str, float]]]:
    """The top of both pages: model and image pickers on the left; what the network sees and its top-k on the
    right. Returns (chosen model, image, network input, top-k (index, class, probability)); stops the page when
    there is no image."""
    pick, seen = st.columns([1, 2], gap="large")
    chosen = model_picker(container=pick)
    image = image_picker("img", default=default_sample(chosen.trained), container=pick)
    if image is None:
        st.stop()
    try:
        x = inside.preprocess(image, chosen.trained)
    except ImageError as exc:
        ui.show_error(exc, title=ui.t("inside.err_title"))
        st.stop()
    return chosen, image, x, show_input(chosen, x, container=seen, k=k)


def show_input(chosen: Chosen, x: torch.Tensor, container: Any = None, *, k: int = 5) -> list[tuple[int, str, float]]:
    """What the network sees, its model facts and its top-k prediction; returns the top-k."""
    box = st if container is None else container
    trained = chosen.trained
    c, h, w = trained.input_size
    acc = (ui.t("inside.acc_imagenet") if chosen.key.startswith("tv_")
           else ui.t("inside.acc_known", acc=f"{trained.test_acc:.1%}"))
    name = chosen.label
    if chosen.key == "session":   # the lab's model title ("LeNet-5, modern …"), a custom network's name as it is
        name = ui.t(f"training_lab.model_{trained.name}") if i18n.has(f"training_lab.model_{trained.name}") else trained.name
    box.markdown(ui.t("inside.model_facts", name=name, c=c, h=h, w=w, classes=len(trained.classes), acc=acc))
    left, right = box.columns([1, 2])
    left.image(seen_image(trained, x), caption=ui.t("inside.input_head"), width="stretch")
    left.caption(ui.t("inside.input_caption", h=h, w=w, mode=ui.t("inside.mode_gray" if c == 1 else "inside.mode_rgb")))
    top = inside.top_k(trained, x, k=min(k, len(trained.classes)))
    right.markdown(ui.t("inside.predicted", label=top[0][1], p=f"{top[0][2]:.1%}"))
    right.plotly_chart(top_k_figure(top, title=ui.t("inside.top_k", k=len(top)), axis=ui.t("inside.probability")),
                       width="stretch", config={"displayModeBar": False}, key="top_k")
    return top
