"""Cached model work for the architecture explorer (streamlit caches around pure cnnlab calls).

Models are built on PyTorch's *meta* device: shapes and parameter counts without allocating a single
weight, so VGG-16's 138 M parameters cost nothing. One model per option set is shared by all sessions;
a lock per model keeps two students' summaries (which hook the modules) from running at once.
"""
from __future__ import annotations

from collections.abc import Mapping

import threading

import streamlit as st
import torch

from cnnlab.explorer import NetworkGraph, network_graph, output_shapes, with_shapes

# The lesson's networks in the order of the curriculum (names must exist in cnnlab.models.MODELS).
EXPLORER_MODELS = [
    "lenet5", "lenet5_modern", "alexnet", "vgg11", "vgg13", "vgg16", "vgg19", "nin", "googlenet",
    "resnet18", "resnet34", "resnet50", "resnet101", "resnet152",
    "plain20", "resnet20", "plain56", "resnet56", "plain110", "resnet110", "cifar_resnet",
]
# Options that are strings/numbers with a fixed set of values (bool options become toggles).
OPTION_CHOICES: dict[str, list] = {
    "head": ["fc", "gap"],
    "shortcut": ["A", "B"],
    "depth": [20, 32, 44, 56, 110],
    "activation": ["tanh", "sigmoid"],
    "padding": [0, 2],
}


def option_text(key: str, value) -> str:
    """How an option value is shown (and kept in the URL): language-neutral, e.g. "GAP", "tanh", "2"."""
    return str(value).upper() if key == "head" else str(value)


def option_items(options: Mapping) -> tuple:
    """Options as a hashable, order-independent cache key (lists become tuples)."""
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in options.items()))


def _build(name: str, items: tuple) -> torch.nn.Module:
    from cnnlab.models import build

    with torch.device("meta"):
        # Eval mode: the counts are those of one inference (GoogLeNet's auxiliary heads hold parameters
        # but do not run); the diagram traces in training mode itself to draw them.
        return build(name, **dict(items)).eval()


@st.cache_resource(max_entries=24, show_spinner=False)
def cached_model(name: str, items: tuple) -> tuple[torch.nn.Module, threading.Lock]:
    """The network on the meta device, built once per option set (building ResNet-110 takes ~0.1 s, more
    than summarizing it), with a lock: summarize() hooks the modules, so two sessions take turns."""
    return _build(name, items), threading.Lock()


@st.cache_data(max_entries=128, show_spinner=False)
def cached_summary(name: str, items: tuple, input_size: tuple[int, int, int]):
    """Summary of ``build(name, **items)`` at ``input_size``; raises LayerError for impossible inputs."""
    from cnnlab.summary import summarize

    model, lock = cached_model(name, items)
    with lock:
        return summarize(model, input_size, name=name)


@st.cache_resource(max_entries=32, show_spinner=False)
def cached_structure(name: str, items: tuple) -> NetworkGraph:
    """Diagram graph of the network (torch.fx); it does not depend on the input size."""
    model, lock = cached_model(name, items)
    with lock:  # tracing switches the model to training mode and back
        return network_graph(model)


@st.cache_resource(max_entries=64, show_spinner=False)
def cached_graph(name: str, items: tuple, input_size: tuple[int, int, int]) -> NetworkGraph:
    """The diagram graph with the output shapes of the summary at ``input_size``."""
    return with_shapes(cached_structure(name, items), output_shapes(cached_summary(name, items, input_size)))


@st.cache_data(max_entries=64, show_spinner=False)
def cached_source(name: str) -> str:
    from cnnlab.models import model_source

    return model_source(name)


# Figures are cached too (read-only once built; st.plotly_chart only serialises them): plotly's object
# construction, not the counting, is the slow part of a rerun.
@st.cache_resource(max_entries=32, show_spinner=False)
def cached_params_figure(name: str, items: tuple, input_size: tuple[int, int, int], log: bool, lang: str):
    from cnnlab.figures.architecture import params_macs_figure

    return params_macs_figure(cached_summary(name, items, input_size), log=log, lang=lang)


@st.cache_resource(max_entries=32, show_spinner=False)
def cached_diagram_figure(name: str, items: tuple, input_size: tuple[int, int, int], lang: str):
    from cnnlab.figures.architecture import diagram_figure

    return diagram_figure(cached_graph(name, items, input_size), lang=lang)


@st.cache_resource(max_entries=32, show_spinner=False)
def cached_comparison_figure(a: tuple, b: tuple, lang: str):
    """``a``/``b``: (title, params, macs, depth)."""
    from cnnlab.figures.architecture import comparison_figure

    keys = ("title", "params", "macs", "depth")
    return comparison_figure(dict(zip(keys, a)), dict(zip(keys, b)), lang=lang)
