"""A network as a diagram graph, traced with ``torch.fx``: boxes and arrows, not yet positions.

One box per weight layer with the shape-keeping layers after it folded in (BN, ReLU, dropout), plus the adds and
concatenations that make skip connections and branches visible; ``depth`` counts weight layers on the longest
input→output path, as papers do (VGG-16, ResNet-50, GoogLeNet's 22). ``cnnlab.figures.diagram`` places and draws
it. A model torch.fx cannot trace is drawn as a chain of its layers.
"""
from __future__ import annotations

import math
import operator
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import torch
from torch import nn

__all__ = ["DiagramNode", "NetworkGraph", "network_graph", "with_shapes"]


# Layers folded into the weight layer before them: they keep the shape and hold at most a few
# parameters, and drawing them as boxes of their own would bury the branches and skips.
_FOLDED = {"norm", "act", "dropout", "reshape", "identity", "item"}
_CONTAINERS = (nn.Sequential, nn.ModuleList, nn.ModuleDict)
_SIZE_METHODS = {"size", "dim", "numel", "type", "to", "__getattribute__"}


@dataclass(frozen=True)
class DiagramNode:
    """One box of the diagram: a weight layer with what follows it folded in, or an add/concat."""

    id: int
    kind: str  # input | output | conv | fc | pool | add | concat | mul | other
    label: str  # primary layer, e.g. "conv 3×3, 64 /2"
    extras: tuple[str, ...]  # folded layers, e.g. ("BN", "ReLU")
    modules: tuple[str, ...]  # qualified module names inside this box
    block: str | None  # enclosing block (e.g. "layer1.0", "inception3a"), for shading
    block_type: str | None  # its class name (e.g. "BasicBlock")
    shape: tuple[int, ...] | None
    weight_layers: int  # conv + linear layers inside this box (for the depth count)
    steps: tuple = ()  # how to find the output shape from a summary (see with_shapes)


@dataclass(frozen=True)
class _Step:
    """One layer inside a box, for shape lookup: a module call (name, call number) or a function rule."""

    kind: str
    module: str | None = None
    call: int = 0
    dim: int | None = None  # torch.cat's dim
    flatten: bool = False


@dataclass
class NetworkGraph:
    """Boxes and arrows of a network; ``depth`` = weight layers on the longest input→output path."""

    nodes: list[DiagramNode]
    edges: list[tuple[int, int]]
    depth: int
    traced: bool = True  # False: torch.fx could not trace the model; a plain chain is drawn
    blocks: dict[str, str] = field(default_factory=dict)  # block path -> class name (≥ 2 boxes)


def _pair(v) -> tuple[int, int]:
    return (v, v) if isinstance(v, int) else tuple(v)  # type: ignore[return-value]


def _size_text(v) -> str:
    a, b = _pair(v)
    return f"{a}×{b}"


# The words of a box's label, by key: the label is the English word then language-neutral notation ("conv 3×3, 64
# /2"); a figure shows ``diagram.w_<key>`` in its own language instead of the word (see split_label). Longest first.
LABEL_WORDS = {"global_avg_pool": "global avg pool", "global_max_pool": "global max pool", "max_pool": "max pool",
               "avg_pool": "avg pool", "conv": "conv", "fc": "fc", "dropout": "dropout", "flatten": "flatten",
               "mean": "mean", "leaky_relu": "leaky ReLU", "zero_pad": "zero pad"}


def split_label(label: str) -> tuple[str | None, str]:
    """(word key, the rest) of a label built here: ``"max pool 3×3 /2"`` → ``("max_pool", " 3×3 /2")``; labels
    that are names (``"BN"``, ``"ReLU"``, ``"+"``) → ``(None, label)``."""
    for key, word in LABEL_WORDS.items():
        if label == word or label.startswith(word + " "):
            return key, label[len(word):]
    return None, label


def _module_kind(m: nn.Module) -> tuple[str, str]:
    """(kind, label) of a leaf module, in the words of the lesson."""
    if isinstance(m, nn.modules.conv._ConvNd):
        label = f"conv {_size_text(m.kernel_size)}, {m.out_channels}"
        stride = _pair(m.stride)
        if stride != (1, 1):
            label += f" /{stride[0]}" if stride[0] == stride[1] else f" /{stride}"
        if m.groups > 1:
            label += f" g={m.groups}"
        return "conv", label
    if isinstance(m, nn.Linear):
        return "fc", f"fc {m.out_features}"
    if isinstance(m, (nn.AdaptiveAvgPool2d, nn.AdaptiveMaxPool2d)):
        mode = "avg" if isinstance(m, nn.AdaptiveAvgPool2d) else "max"
        out = _pair(m.output_size) if m.output_size is not None else None
        if out == (1, 1):
            return "pool", f"global {mode} pool"
        return "pool", f"{mode} pool → {_size_text(m.output_size)}"
    if isinstance(m, (nn.MaxPool2d, nn.AvgPool2d)):
        mode = "max" if isinstance(m, nn.MaxPool2d) else "avg"
        stride = m.stride if m.stride is not None else m.kernel_size
        label = f"{mode} pool {_size_text(m.kernel_size)}"
        if _pair(stride) != (1, 1):
            label += f" /{_pair(stride)[0]}"
        return "pool", label
    if isinstance(m, nn.modules.batchnorm._BatchNorm):
        return "norm", "BN"
    if isinstance(m, nn.LocalResponseNorm):
        return "norm", "LRN"
    if isinstance(m, (nn.GroupNorm, nn.LayerNorm)):
        return "norm", type(m).__name__
    if isinstance(m, nn.modules.dropout._DropoutNd):
        return "dropout", f"dropout {m.p:g}"
    if isinstance(m, (nn.Flatten, nn.Unflatten)):
        return "reshape", "flatten"
    if isinstance(m, nn.Identity):
        return "identity", ""
    if type(m).__module__ == "torch.nn.modules.activation":
        name = type(m).__name__
        return "act", {"ReLU6": "ReLU6", "LeakyReLU": "leaky ReLU"}.get(name, name)
    return "other", type(m).__name__


_FUNCTION_KINDS = {
    operator.add: ("add", "+"),
    operator.iadd: ("add", "+"),
    torch.add: ("add", "+"),
    operator.mul: ("mul", "×"),
    torch.mul: ("mul", "×"),
    torch.cat: ("concat", "concat"),
    torch.flatten: ("reshape", "flatten"),
    torch.relu: ("act", "ReLU"),
    torch.sigmoid: ("act", "Sigmoid"),
    torch.tanh: ("act", "Tanh"),
    operator.getitem: ("item", ""),
    torch.nn.functional.relu: ("act", "ReLU"),
    torch.nn.functional.dropout: ("dropout", "dropout"),
    torch.nn.functional.adaptive_avg_pool2d: ("pool", "adaptive avg pool"),
    torch.nn.functional.avg_pool2d: ("pool", "avg pool"),
    torch.nn.functional.max_pool2d: ("pool", "max pool"),
    torch.nn.functional.pad: ("other", "zero pad"),  # option A's shortcut appends zero channels
}
if hasattr(torch, "concat"):
    _FUNCTION_KINDS[torch.concat] = ("concat", "concat")

_METHOD_KINDS = {
    "view": ("reshape", "flatten"),
    "reshape": ("reshape", "flatten"),
    "flatten": ("reshape", "flatten"),
    "squeeze": ("reshape", ""),
    "unsqueeze": ("reshape", ""),
    "contiguous": ("identity", ""),
    "relu": ("act", "ReLU"),
    "relu_": ("act", "ReLU"),
    "sigmoid": ("act", "Sigmoid"),
    "add": ("add", "+"),
    "add_": ("add", "+"),
    "mean": ("pool", "mean"),
}


def _node_kind(node, modules: Mapping[str, nn.Module]) -> tuple[str, str]:
    if node.op == "call_module":
        return _module_kind(modules[node.target])
    if node.op == "call_function":
        kind, label = _FUNCTION_KINDS.get(node.target, ("other", getattr(node.target, "__name__", "op")))
        size = node.kwargs.get("output_size", node.args[1] if len(node.args) > 1 else None)
        if label == "adaptive avg pool" and isinstance(size, (int, tuple)):
            label = "global avg pool" if _pair(size) == (1, 1) else f"avg pool → {_size_text(size)}"
        return kind, label
    if node.op == "call_method":
        return _METHOD_KINDS.get(node.target, ("other", str(node.target)))
    return "other", node.name


def _enclosing_block(node, modules: Mapping[str, nn.Module]) -> tuple[str | None, str | None]:
    """Shallowest enclosing module that is a real block (not a Sequential, not the layer itself)."""
    stack = node.meta.get("nn_module_stack") or {}
    entries = list(stack.values())
    if node.op == "call_module" and entries:
        entries = entries[:-1]  # the last entry is the layer itself
    for entry in entries:
        path, cls = entry if isinstance(entry, tuple) else (entry, None)
        # fx's GraphModule rebuilds containers as plain nn.Module: trust the recorded class.
        if not isinstance(cls, type):
            cls = type(modules[path]) if path in modules else None
        if cls is None or issubclass(cls, _CONTAINERS):
            continue
        return path, cls.__name__
    return None, None


def _chain_graph(model: nn.Module) -> NetworkGraph:
    """Fallback when torch.fx cannot trace: the leaf layers in registration order as one chain."""
    nodes = [DiagramNode(0, "input", "input", (), (), None, None, None, 0)]
    for name, m in model.named_modules():
        if list(m.children()) or not name:
            continue
        kind, label = _module_kind(m)
        step = _Step(kind, name)
        if kind in _FOLDED and len(nodes) > 1:
            prev = nodes[-1]
            extras = prev.extras + ((label,) if label else ())
            nodes[-1] = DiagramNode(prev.id, prev.kind, prev.label, extras, prev.modules + (name,), None, None,
                                    None, prev.weight_layers, prev.steps + (step,))
            continue
        nodes.append(DiagramNode(len(nodes), kind, label, (), (name,), None, None, None,
                                 int(kind in ("conv", "fc")), (step,)))
    nodes.append(DiagramNode(len(nodes), "output", "output", (), (), None, None, None, 0, (_Step("output"),)))
    edges = [(i, i + 1) for i in range(len(nodes) - 1)]
    return NetworkGraph(nodes, edges, sum(n.weight_layers for n in nodes), traced=False)


def network_graph(model: nn.Module, shapes: Mapping[str, list] | None = None) -> NetworkGraph:
    """Trace ``model`` with torch.fx and fold it into diagram boxes (see module docstring).

    The model is traced in training mode so that auxiliary classifiers, which only run while training,
    are drawn too. ``shapes`` (from :func:`output_shapes`) fills in each box's output shape; the
    structure does not depend on the input size, so callers may cache it and use :func:`with_shapes`.
    """
    graph = _trace_graph(model)
    return with_shapes(graph, shapes) if shapes else graph


def _trace_graph(model: nn.Module) -> NetworkGraph:
    was_training = model.training
    try:
        model.train(True)
        gm = torch.fx.symbolic_trace(model)
    except Exception:  # data-dependent control flow etc.: fall back to a chain, never fail the page
        return _chain_graph(model)
    finally:
        model.train(was_training)
    modules = dict(gm.named_modules())
    fx_nodes = list(gm.graph.nodes)

    # 1. Drop nodes that are not tensors flowing through the network (x.size(0), attribute reads).
    dropped: set = set()
    transparent: set = set()
    for n in fx_nodes:
        if n.op == "get_attr" or (n.op == "call_method" and n.target in _SIZE_METHODS) or (
            n.op == "call_function" and n.target in (getattr, len)
        ):
            dropped.add(n)
        elif n.op not in ("placeholder", "output") and n.all_input_nodes and all(
            a in dropped for a in n.all_input_nodes
        ):
            dropped.add(n)
    # Packing results into a namedtuple (GoogLeNetOutputs) is not a layer: wire its inputs straight through.
    inputs: dict = {}
    for n in fx_nodes:
        if n in dropped:
            continue
        ins = []
        for a in n.all_input_nodes:
            ins.extend(inputs.get(a, [a]) if a in transparent else [a])
        if n.op == "call_function" and isinstance(n.target, type):
            transparent.add(n)
        inputs[n] = [a for a in dict.fromkeys(ins) if a not in dropped]
    for n in transparent:
        dropped.add(n)
        inputs.pop(n, None)
    users: dict = defaultdict(list)
    for n, ins in inputs.items():
        for a in ins:
            users[a].append(n)

    # 2. Fold shape-keeping layers into the box of their producer when that producer feeds only them.
    group_of: dict = {}
    groups: list[dict] = []
    call_count: dict[str, int] = defaultdict(int)
    for n in fx_nodes:
        if n in dropped:
            continue
        if n.op == "placeholder":
            if groups and groups[0]["kind"] == "input":
                group_of[n] = 0  # extra placeholders (rare) join the input box
                continue
            kind, label = "input", "input"
        elif n.op == "output":
            kind, label = "output", "output"
        else:
            kind, label = _node_kind(n, modules)
        module_name = n.target if n.op == "call_module" else None
        step = _Step(kind, module_name)
        if module_name is not None:
            step = _Step(kind, module_name, call_count[module_name])
            call_count[module_name] += 1
        elif kind == "concat":
            step = _Step(kind, dim=n.kwargs.get("dim", n.args[1] if len(n.args) > 1 else 0))
        elif kind == "reshape":
            step = _Step(kind, flatten=n.target in ("flatten", "view", "reshape", torch.flatten))
        ins = inputs[n]
        if kind in _FOLDED and len(ins) == 1 and len(users[ins[0]]) == 1:
            g = groups[group_of[ins[0]]]
            if g["kind"] not in ("input",):
                group_of[n] = g["id"]
                if label:
                    g["extras"].append(label)
                if module_name:
                    g["modules"].append(module_name)
                g["steps"].append(step)
                continue
        block, block_type = _enclosing_block(n, modules) if n.op not in ("placeholder", "output") else (None, None)
        g = {
            "id": len(groups),
            "kind": "pool" if kind == "pool" else kind,
            "label": label,
            "extras": [],
            "modules": [module_name] if module_name else [],
            "block": block,
            "block_type": block_type,
            "steps": [step],
            "weights": int(kind in ("conv", "fc")),
            "inputs": sorted({group_of[a] for a in ins}),
        }
        groups.append(g)
        group_of[n] = g["id"]

    # 3. Remaining folded kinds that could not fold stay as (small) boxes of kind "other".
    nodes = []
    edges = []
    for g in groups:
        kind = g["kind"]
        if kind in _FOLDED:
            kind = "other"
        nodes.append(DiagramNode(g["id"], kind, g["label"] or "·", tuple(g["extras"]), tuple(g["modules"]),
                                 g["block"], g["block_type"], None, g["weights"], tuple(g["steps"])))
        edges.extend((src, g["id"]) for src in g["inputs"])

    # Depth = weight layers on the longest path (how papers count: VGG-16, ResNet-50, GoogLeNet's 22).
    best = [0] * len(nodes)
    for node in nodes:  # groups were created in topological (fx) order
        preds = [best[s] for s, d in edges if d == node.id]
        best[node.id] = (max(preds) if preds else 0) + node.weight_layers
    counts: dict[str, int] = defaultdict(int)
    types: dict[str, str] = {}
    for node in nodes:
        if node.block:
            counts[node.block] += 1
            types[node.block] = node.block_type or ""
    blocks = {b: types[b] for b, c in counts.items() if c >= 2}
    return NetworkGraph(nodes, edges, max(best) if best else 0, True, blocks)


def with_shapes(graph: NetworkGraph, shapes: Mapping[str, list]) -> NetworkGraph:
    """A copy of ``graph`` with every box's output shape: modules from ``shapes`` (a summary's), adds and
    concatenations from their inputs (concat sums the channels: 64 + 128 + 32 + 32 = 256)."""
    preds: dict[int, list[int]] = defaultdict(list)
    for s, d in graph.edges:
        preds[d].append(s)
    out: dict[int, tuple[int, ...] | None] = {}
    nodes = []
    for node in graph.nodes:  # topological order
        in_shapes = [out.get(p) for p in preds[node.id]]
        shape = None
        for i, step in enumerate(node.steps):
            if step.module is not None:
                known = shapes.get(step.module) or []
                shape = tuple(known[min(step.call, len(known) - 1)]) if known else None
            else:
                shape = _infer_shape(step, in_shapes if i == 0 else [shape])
        out[node.id] = shape
        nodes.append(replace(node, shape=shape))
    return replace(graph, nodes=nodes)


def _infer_shape(step: _Step, in_shapes: list) -> tuple[int, ...] | None:
    """Output shape of a function step from its inputs' shapes (no batch dimension)."""
    known = [tuple(s) for s in in_shapes if s]
    if not known:
        return None
    first = known[0]
    if step.kind in ("add", "mul", "act", "norm", "dropout", "identity", "item", "output"):
        return first
    if len(known) != len(in_shapes):
        return None
    if step.kind == "concat" and isinstance(step.dim, int):
        axis = step.dim - 1 if step.dim > 0 else len(first) + step.dim  # torch's dim 1 is our dim 0
        if 0 <= axis < len(first) and all(len(s) == len(first) for s in known):
            shape = list(first)
            shape[axis] = sum(s[axis] for s in known)
            return tuple(shape)
        return None
    if step.kind == "reshape" and step.flatten:
        return (math.prod(first),)
    return None
