"""Lesson 2 — the architecture explorer: the classic networks layer by layer, as rows and numbers a page lays out.

The counting is ``cnnlab.summary``'s; this module picks the lesson's networks and options, turns a summary into
table rows (nothing counted twice), finds the layer holding most parameters, and compares two networks.
The diagram is ``cnnlab.diagram``. Models are built on PyTorch's *meta* device: shapes and parameter counts
without allocating a single weight, so VGG-16's 138 M parameters cost nothing.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cnnlab.arithmetic import fmt_shape

__all__ = ["NETWORKS", "OPTION_CHOICES", "lesson_options", "option_text", "option_items", "build_call", "meta_model",
           "format_count", "leaf_rows", "weight_rows", "table_rows", "Heaviest", "heaviest_layer", "output_shapes",
           "failed_layer", "Side", "Comparison", "compare", "default_rival"]

# The lesson's networks in the order of the curriculum (names of cnnlab.models.MODELS).
NETWORKS = [
    "lenet5", "lenet5_modern", "alexnet", "vgg11", "vgg13", "vgg16", "vgg19", "nin", "googlenet",
    "resnet18", "resnet34", "resnet50", "resnet101", "resnet152",
    "plain20", "resnet20", "plain56", "resnet56", "plain110", "resnet110", "cifar_resnet",
]
SIZE_OPTIONS = ("in_channels", "num_classes")   # set by the page's input and class widgets
# Options that are strings/numbers with a fixed set of values (bool options become toggles).
OPTION_CHOICES: dict[str, list] = {
    "head": ["fc", "gap"],
    "shortcut": ["A", "B"],
    "depth": [20, 32, 44, 56, 110],
    "activation": ["tanh", "sigmoid"],
    "padding": [0, 2],
}


def lesson_options(options: Mapping[str, Any]) -> list[tuple[str, Any]]:
    """(option, default) of a network that the page offers as a toggle or a choice, in the builder's order."""
    return [(k, v) for k, v in options.items()
            if k not in SIZE_OPTIONS and (isinstance(v, bool) or (k in OPTION_CHOICES and v in OPTION_CHOICES[k]))]


def option_text(key: str, value: Any) -> str:
    """How an option value is shown (and kept in the URL): language-neutral, e.g. "GAP", "tanh", "2"."""
    return str(value).upper() if key == "head" else str(value)


def option_items(options: Mapping[str, Any]) -> tuple:
    """Options as a hashable, order-independent cache key (lists become tuples)."""
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in options.items()))


def build_call(name: str, items: tuple, defaults: Mapping[str, Any]) -> str:
    """``cnnlab.models.build('vgg16', head='gap')``: only the options that differ from the network's defaults."""
    changed = [f"{k}={v!r}" for k, v in items if defaults.get(k) != v]
    return f"cnnlab.models.build({', '.join([repr(name)] + changed)})"


def meta_model(name: str, items: tuple) -> Any:
    """``build(name, **items)`` on the meta device, in eval mode: the counts are those of one inference
    (GoogLeNet's auxiliary heads hold parameters but do not run; the diagram traces in training mode itself)."""
    import torch

    from cnnlab.models import build

    with torch.device("meta"):
        return build(name, **dict(items)).eval()


def format_count(n: float) -> str:
    """A big count as papers quote it: 15470264320 -> ``"15.47 G"``, 138357544 -> ``"138.4 M"``."""
    n = float(n)
    for unit, size in (("G", 1e9), ("M", 1e6), ("k", 1e3)):
        if abs(n) >= size:
            v = n / size
            return f"{v:.{2 if abs(v) < 100 else 1}f} {unit}"
    return f"{int(n)}"


def leaf_rows(summary) -> list:
    """The summary's layers that are not containers of other listed layers (so nothing counts twice)."""
    names = [r.name for r in summary.layers]
    prefixes = {n.rsplit(".", 1)[0] for n in names if "." in n}
    # A container's children are named "<container>.<child>"; every ancestor path is a prefix.
    ancestors: set[str] = set()
    for p in prefixes:
        parts = p.split(".")
        ancestors.update(".".join(parts[: i + 1]) for i in range(len(parts)))
    return [r for r in summary.layers if r.name not in ancestors or not r.name]


def weight_rows(summary) -> list:
    """Layers that hold parameters or do multiply-adds (conv, linear …): the bars of the chart."""
    return [r for r in leaf_rows(summary) if r.params > 0 or r.macs > 0]


def table_rows(summary, whole_input: str = "whole input") -> list[dict]:
    """One dict per layer for ``st.dataframe``: counts stay numbers (the page formats them).

    The receptive field is text: "11×11", or ``whole_input`` once a layer sees every input pixel (after
    flatten / global pooling, as in every fully connected layer).
    """
    total = max(summary.total_params, 1)
    rows = []
    for r in leaf_rows(summary):
        rows.append(
            {
                "layer": r.name,
                "type": r.type,
                "output": fmt_shape(r.output_shape),
                "params": int(r.params),
                "share": 100.0 * r.params / total,
                "macs": int(r.macs),
                "rf": whole_input if r.rf is None else f"{int(r.rf)}×{int(r.rf)}",
            }
        )
    return rows


@dataclass(frozen=True)
class Heaviest:
    """The layer holding the most parameters and its share of the whole network."""

    name: str
    type: str
    params: int
    share: float  # percent of total_params


def heaviest_layer(summary) -> Heaviest | None:
    """Which single layer holds the most parameters (VGG-16: the first FC layer, ~74 %)."""
    rows = weight_rows(summary)
    if not rows or summary.total_params <= 0:
        return None
    top = max(rows, key=lambda r: r.params)
    return Heaviest(top.name, top.type, int(top.params), 100.0 * top.params / summary.total_params)


def output_shapes(summary) -> dict[str, list[tuple[int, ...]]]:
    """Module name -> output shapes in call order (a module used twice appears twice)."""
    shapes: dict[str, list[tuple[int, ...]]] = defaultdict(list)
    for r in summary.layers:
        shapes[r.name].append(tuple(r.output_shape))
    return dict(shapes)


def failed_layer(exc: BaseException) -> str | None:
    """The layer an error names as data (``LayerError.layer`` and ``layer_type``): ``features.5 (MaxPool2d)``."""
    layer = getattr(exc, "layer", None)
    if not layer:
        return None
    kind = getattr(exc, "layer_type", None)
    return f"{layer} ({kind})" if kind else str(layer)


@dataclass(frozen=True)
class Side:
    """One network of a comparison."""

    title: str
    params: int
    macs: int
    depth: int


@dataclass(frozen=True)
class Comparison:
    """Two networks on the same input: ``ratio`` = more parameters / fewer."""

    a: Side
    b: Side
    bigger: Side
    smaller: Side
    ratio: float
    same: bool        # exactly as many parameters
    twins: bool       # the plain and residual CIFAR nets of one depth: the same parameters by design


def compare(name_a: str, a: Side, name_b: str, b: Side) -> Comparison:
    bigger, smaller = (a, b) if a.params >= b.params else (b, a)
    ratio = bigger.params / smaller.params if smaller.params > 0 else float("inf")
    twins = name_a.replace("plain", "resnet") == name_b.replace("plain", "resnet")
    return Comparison(a, b, bigger, smaller, ratio, bigger.params == smaller.params, twins)


def default_rival(name: str, names: list[str]) -> str:
    """The network to compare with first: ResNet-18 (or the first other one when ``name`` is ResNet-18)."""
    others = [n for n in names if n != name]
    return "resnet18" if "resnet18" in others else others[0]
