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
from fractions import Fraction
from typing import Any

from cnnlab.arithmetic import conv2d, fmt_shape, output_size

__all__ = ["NETWORKS", "OPTION_CHOICES", "lesson_options", "option_text", "option_items", "build_call", "meta_model",
           "format_count", "leaf_rows", "weight_rows", "table_rows", "Heaviest", "heaviest_layer", "output_shapes",
           "failed_layer", "Side", "Comparison", "compare", "default_rival", "ParamSplit", "param_split", "HeadShare",
           "fc_share", "FirstConv", "first_conv", "branch_5x5_extra", "PAPER_MACS", "v1_stride_macs", "fc_as_conv",
           "FCAsConv", "fc_as_conv_view", "shape_path", "family"]

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


def table_rows(summary, whole_input: str = "whole input", training_only: str = "training only") -> list[dict]:
    """One dict per layer for ``st.dataframe``: counts stay numbers (the page formats them).

    The receptive field is text: "11×11", or ``whole_input`` once a layer sees every input pixel (after
    flatten / global pooling, as in every fully connected layer). A layer that does not run at inference
    (GoogLeNet's auxiliary heads) says ``training_only`` and has no share of the inference parameters.
    """
    total = max(param_split(summary).inference, 1)
    rows = []
    for r in leaf_rows(summary):
        rows.append(
            {
                "layer": r.name,
                "type": r.type,
                "output": fmt_shape(r.output_shape) if r.executed else training_only,
                "params": int(r.params),
                "share": 100.0 * r.params / total if r.executed else None,
                "macs": int(r.macs),
                "rf": ("" if not r.executed else whole_input if r.rf is None else f"{int(r.rf)}×{int(r.rf)}"),
            }
        )
    return rows


@dataclass(frozen=True)
class ParamSplit:
    """Parameters one inference uses, and those of layers that only run in training (GoogLeNet's aux1, aux2)."""

    inference: int
    training_only: tuple[tuple[str, int], ...]  # (top-level module, its parameters)

    @property
    def training(self) -> int:
        return sum(n for _, n in self.training_only)

    @property
    def total(self) -> int:
        return self.inference + self.training


def param_split(summary) -> ParamSplit:
    """Split the summary's parameters: rows that did not run in eval mode are training-only, grouped by module."""
    heads: dict[str, int] = {}
    for r in summary.layers:
        if not r.executed and r.params:
            top = r.name.split(".", 1)[0]
            heads[top] = heads.get(top, 0) + int(r.params)
    return ParamSplit(summary.total_params - sum(heads.values()), tuple(heads.items()))


@dataclass(frozen=True)
class Heaviest:
    """The layer holding the most parameters and its share of the whole network."""

    name: str
    type: str
    params: int
    share: float  # percent of total_params


def heaviest_layer(summary) -> Heaviest | None:
    """Which single layer of an inference holds the most parameters (VGG-16: the first FC layer, ~74 %);
    training-only layers are left out, and the share is of the inference parameters."""
    rows = [r for r in weight_rows(summary) if r.executed]
    total = param_split(summary).inference
    if not rows or total <= 0:
        return None
    top = max(rows, key=lambda r: r.params)
    return Heaviest(top.name, top.type, int(top.params), 100.0 * top.params / total)


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


# ------------------------------------------------------------------ numbers the per-network notes quote
def family(name: str) -> str:
    """The lesson family of a network, for its notes: lenet, alexnet, vgg, nin, googlenet, resnet or cifar."""
    for prefix in ("lenet", "alexnet", "vgg", "nin", "googlenet"):
        if name.startswith(prefix):
            return prefix
    return "resnet" if name in ("resnet18", "resnet34", "resnet50", "resnet101", "resnet152") else "cifar"


@dataclass(frozen=True)
class HeadShare:
    """What the fully connected layers hold of a whole inference: parameters and MACs."""

    fc_params: int
    fc_macs: int
    params: int
    macs: int

    @property
    def params_share(self) -> float:
        return 100.0 * self.fc_params / max(self.params, 1)

    @property
    def macs_share(self) -> float:
        return 100.0 * self.fc_macs / max(self.macs, 1)


def fc_share(summary) -> HeadShare:
    """The fully connected (Linear) layers' parameters and MACs against the inference totals
    (VGG-16: 123.6 M of 138.4 M parameters, 0.8 % of 15.47 G MACs)."""
    fc = [r for r in leaf_rows(summary) if r.executed and r.type == "Linear"]
    return HeadShare(sum(int(r.params) for r in fc), sum(int(r.macs) for r in fc), param_split(summary).inference,
                     int(summary.total_macs))


@dataclass(frozen=True)
class FirstConv:
    """The output-size rule for one input size with its exact quotient: 54.25 when the windows do not tile the
    input; ``floored`` is the rule as torch applies it (``cnnlab.arithmetic``'s worked formula)."""

    exact: Fraction
    out: int          # what torch makes of it: ⌊…⌋ + 1
    floored: str      # "⌊(224 + 2·2 − 11) / 4⌋ + 1 = 55"

    @property
    def whole(self) -> bool:
        return self.exact.denominator == 1

    def formula(self) -> str:
        """The rule without the floor, to its exact value: ``(224 − 11) / 4 + 1 = 54.25``."""
        text = self.floored.replace("⌊", "").replace("⌋", "").rsplit(" = ", 1)[0]
        value = str(self.exact.numerator) if self.whole else f"{float(self.exact):g}"
        return f"{text} = {value}"


def first_conv(n: int, kernel: int, stride: int, padding: int = 0) -> FirstConv:
    """AlexNet's 224 vs 227: a conv layer's output size from ``cnnlab.arithmetic`` and its exact quotient."""
    layer = conv2d(n, 1, 1, kernel, stride, padding)
    exact = Fraction(layer.padded_input[0] - layer.effective_kernel[0], stride) + 1
    return FirstConv(exact, layer.out_h, layer.size_formula())


def branch_5x5_extra(model) -> int:
    """Parameters the paper's 5×5 convs of every Inception module hold beyond a 3×3 in their place
    (torchvision's GoogLeNet): Σ (5·5 − 3·3)·C_in·C_out, from the conv rule."""
    from cnnlab.models import Inception

    extra = 0
    for module in model.modules():
        if isinstance(module, Inception):
            conv = module.branch3[-1][0]
            bias = conv.bias is not None
            extra += (conv2d(8, conv.in_channels, conv.out_channels, 5, padding=2, bias=bias).params
                      - conv2d(8, conv.in_channels, conv.out_channels, 3, padding=1, bias=bias).params)
    return extra


# He et al. 2015, Table 1: "FLOPs" that are multiply-adds, ×10⁹ (224×224, 1000 classes).
PAPER_MACS = {"resnet18": 1.8e9, "resnet34": 3.6e9, "resnet50": 3.8e9, "resnet101": 7.6e9, "resnet152": 11.3e9}


def v1_stride_macs(model, summary) -> int:
    """MACs with the paper's stride placement: a downsampling bottleneck strides its first 1×1 conv, which then
    runs on the small map, instead of its 3×3 (torchvision's "v1.5", which cnnlab builds)."""
    from cnnlab.models import Bottleneck, PreActBottleneck

    macs = {r.name: r for r in summary.layers if r.executed}
    saved = 0
    for name, module in model.named_modules():
        if isinstance(module, (Bottleneck, PreActBottleneck)) and module.conv2.stride != (1, 1):
            conv1, conv2 = macs[f"{name}.conv1"], macs[f"{name}.conv2"]
            _, h, w = conv2.output_shape
            saved += conv1.macs - module.conv1.in_channels * module.conv1.out_channels * h * w
    return int(summary.total_macs) - saved


def fc_as_conv(fc, in_shape: tuple[int, int, int]):
    """``fc`` (reading a flattened C×H×W map) as the convolution it is: C → out channels, an H×W kernel over the
    whole map, the same weights reshaped. On a larger map it slides, one classifier output per position."""
    import torch
    from torch import nn

    c, h, w = in_shape
    conv = nn.Conv2d(c, fc.out_features, (h, w), bias=fc.bias is not None, device=fc.weight.device,
                     dtype=fc.weight.dtype)
    with torch.no_grad():
        conv.weight.copy_(fc.weight.reshape(fc.out_features, c, h, w))
        if fc.bias is not None:
            conv.bias.copy_(fc.bias)
    return conv


@dataclass(frozen=True)
class FCAsConv:
    """A network's first fully connected layer seen as a convolution, and where it would slide on a wider map."""

    layer: str
    in_shape: tuple[int, int, int]  # the C×H×W map it reads
    out_features: int
    params: int
    wider: tuple[int, int, int]     # the map twice as wide
    positions: int                  # outputs per side on the wider map


def fc_as_conv_view(summary) -> FCAsConv | None:
    """The first Linear layer that reads a flattened map larger than 1×1 (VGG, AlexNet, LeNet), or None."""
    last_map = None
    for r in leaf_rows(summary):
        if not r.executed:
            continue
        if len(r.output_shape) == 3:
            last_map = tuple(int(v) for v in r.output_shape)
        elif r.type == "Linear" and last_map is not None:
            c, h, w = last_map
            if h * w <= 1 or int(r.params) // int(r.output_shape[0]) not in (c * h * w, c * h * w + 1):
                return None
            wider = (c, 2 * h, 2 * w)
            return FCAsConv(r.name, last_map, int(r.output_shape[0]), int(r.params), wider, output_size(2 * h, h))
    return None


def shape_path(summary) -> list[tuple[int, ...]]:
    """The input and the C×H×W map after each conv and pool layer that changes it: how H, W shrink while C
    grows (LeNet: 1×32×32 → 6×28×28 → 6×14×14 → 16×10×10 → 16×5×5)."""
    path = [tuple(summary.input_size)]
    for r in leaf_rows(summary):
        shape = tuple(r.output_shape)
        if r.executed and len(shape) == 3 and ("Conv" in r.type or "Pool" in r.type) and shape != path[-1]:
            path.append(shape)
    return path
