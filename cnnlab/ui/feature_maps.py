"""Streamlit pieces of the feature-map page: the model's layers, their maps, the filters and the hand-made kernels,
each computed once per model, image and setting for the whole class (``cnnlab.ui.shared``)."""
from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from cnnlab import i18n
from cnnlab.arithmetic import ConvArithmetic, fmt_shape
from cnnlab.feature_maps import KERNELS, LayerInfo, apply_kernel, feature_layers, feature_maps, first_conv, gray_copy
from cnnlab.figures.feature_maps import feature_map_grid, filter_grid, kernel_figure
from cnnlab.ui import shared
from cnnlab.ui.pretrained import Seen

__all__ = ["layers_of", "layer_label", "Maps", "maps_of", "Filters", "filters_of", "Kernel", "kernel_of"]


def layers_of(seen: Seen) -> list[LayerInfo]:
    """The model's feature-map layers (name, type, output shape)."""
    trained = seen.chosen.trained
    return shared.result(("layers", seen.key[0], trained.input_size),
                         lambda _: feature_layers(trained.model, trained.input_size))


def layer_label(info: LayerInfo, lang: str) -> str:
    """``features.3 · Conv2d → 192×27×27`` (language bound at call time, see ``ui.option_labels``)."""
    return i18n.t("feature_maps.layer_option", lang, name=info.name, type=info.type,
                  shape=fmt_shape(info.output_shape))


@dataclass(frozen=True)
class Maps:
    shape: tuple[int, int, int]   # (C, h, w) of the layer's output
    figure: object                # the first maps as an image grid (read-only: shared)


def maps_of(seen: Seen, layer: str, max_maps: int) -> Maps:
    """The layer's output for the page's image, as a grid of its first ``max_maps`` maps."""
    def compute(_progress) -> Maps:
        maps = feature_maps(seen.chosen.trained.model, seen.x, layer)
        return Maps(tuple(maps.shape), feature_map_grid(maps, max_maps=min(max_maps, maps.shape[0]), cols=8))

    return shared.result(("maps", *seen.key, layer, max_maps), compute)


@dataclass(frozen=True)
class Filters:
    name: str                       # the first convolution
    shape: tuple[int, int, int, int]  # its weight [O, I, kh, kw]
    figure: object


def filters_of(seen: Seen) -> Filters:
    """The first convolution's filters as images; ValueError when the model has no convolution."""
    def compute(_progress) -> Filters:
        name, weight = first_conv(seen.chosen.trained.model)
        return Filters(name, tuple(weight.shape), filter_grid(weight))

    return shared.result(("filters", seen.key[0]), compute)


@dataclass(frozen=True)
class Kernel:
    side: int                 # the grey copy is side×side
    arith: ConvArithmetic     # the layer's size arithmetic
    figure: object


@st.cache_resource(max_entries=64, show_spinner=False)
def _kernel(image_key: str, _image, kernel: str, stride: int, padding: int, titles: tuple[str, str, str]) -> Kernel:
    gray = gray_copy(_image)   # a small grey copy, so single pixels stay visible
    out, arith = apply_kernel(gray, kernel, stride=stride, padding=padding)   # LayerError: not cached, shown
    return Kernel(gray.shape[0], arith, kernel_figure(gray, out, KERNELS[kernel], titles=titles))


def kernel_of(seen: Seen, kernel: str, stride: int, padding: int, titles: tuple[str, str, str]) -> Kernel:
    """A hand-made kernel slid over the image; LayerError for an impossible stride/padding."""
    return _kernel(seen.key[1], seen.image, kernel, stride, padding, titles)
