"""A network as a diagram graph: boxes and arrows, not yet positions.

One box per weight layer with the shape-keeping layers after it folded in (BN, ReLU, dropout), plus the adds and
concatenations that make skip connections and branches visible; ``depth`` counts weight layers on the longest
input→output path, as papers do (VGG-16, ResNet-50, GoogLeNet's 22). ``cnnlab.figures.diagram`` places and draws
it. A model that cannot run on shapes alone (data-dependent control flow) is drawn as a chain of its layers.

How the dataflow is found: a private copy of the model (:func:`cnnlab.private.private_copy`, meta tensors) runs
once on the meta device in training mode (so auxiliary classifiers are drawn too) while a thread-local
``TorchFunctionMode`` records every torch function and tensor method called outside torch's own layers, and the
copy's modules record their calls — the nodes torch.fx would trace, without what ``torch.fx.symbolic_trace``
does to the whole process (it patches ``nn.Module.__call__`` for every thread while it traces, so another
student's forward pass fails). The caller's model is never touched.
"""
from __future__ import annotations

import functools
import math
import operator
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import torch
from torch import nn
from torch.overrides import TorchFunctionMode

from cnnlab.private import private_copy

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
    traced: bool = True  # False: the model could not run on shapes alone; a plain chain is drawn
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
    # Python operators reach the recorder as the tensor methods behind them (x * y is Tensor.mul, x[i] __getitem__)
    "mul": ("mul", "×"),
    "mul_": ("mul", "×"),
    "__getitem__": ("item", ""),
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
    return "other", str(node.target)


def _enclosing_block(node) -> tuple[str | None, str | None]:
    """Shallowest enclosing module that is a real block (not a Sequential, not the layer itself)."""
    entries = node.meta.get("nn_module_stack") or []
    if node.op == "call_module" and entries:
        entries = entries[:-1]  # the last entry is the layer itself
    for path, cls in entries:
        if issubclass(cls, _CONTAINERS):
            continue
        return path, cls.__name__
    return None, None


def _chain_graph(model: nn.Module) -> NetworkGraph:
    """Fallback when the model cannot run on shapes alone: the leaf layers in registration order as one chain."""
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


def network_graph(model: nn.Module, shapes: Mapping[str, list] | None = None, *,
                  input_size: tuple[int, ...] | None = None) -> NetworkGraph:
    """The diagram graph of ``model`` (see module docstring); ``model`` is only read.

    ``input_size`` (C, H, W) is what the shapes-only pass runs on (default: the first layer's channels at
    224×224); the structure does not depend on it as long as the model accepts it. ``shapes`` (from
    :func:`cnnlab.architectures.output_shapes`) fills in each box's output shape; callers may cache the
    structure and use :func:`with_shapes`.
    """
    graph = _trace_graph(model, input_size or _default_input(model))
    return with_shapes(graph, shapes) if shapes else graph


def _default_input(model: nn.Module) -> tuple[int, ...]:
    for m in model.modules():
        if isinstance(m, nn.Conv2d):
            return (m.in_channels, 224, 224)
        if isinstance(m, nn.Linear):
            return (m.in_features,)
    return (3, 224, 224)


class _Node:
    """One recorded call, with the fields of a torch.fx node that the folding below reads."""

    __slots__ = ("op", "target", "args", "kwargs", "all_input_nodes", "meta")

    def __init__(self, op: str, target, args: tuple, kwargs: dict, inputs: list, stack: list):
        self.op, self.target, self.args, self.kwargs = op, target, args, kwargs
        self.all_input_nodes, self.meta = inputs, {"nn_module_stack": stack}


_DROPPED = object()  # the producer of a tensor that is not data flowing through the network (a weight, a size)
_TENSOR_CLASSES = ("TensorBase.", "Tensor.")


def _tensors(obj, acc: list) -> list:
    if isinstance(obj, torch.Tensor):
        acc.append(obj)
    elif isinstance(obj, (tuple, list)):
        for item in obj:
            _tensors(item, acc)
    elif isinstance(obj, dict):
        for item in obj.values():
            _tensors(item, acc)
    return acc


def _is_leaf(module: nn.Module) -> bool:
    """torch's own layers are boxes (torch.fx's default leaf rule); everything else is followed inside."""
    where = type(module).__module__
    return where.startswith(("torch.nn", "torch.ao.nn")) and not isinstance(module, nn.Sequential)


class _Recorder(TorchFunctionMode):
    """Records the calls of one forward pass of a private copy as fx-like nodes, in the order they run.

    Torch-function modes are per thread: other threads' forward passes never come here.
    """

    def __init__(self) -> None:
        super().__init__()
        self.nodes: list[_Node] = []
        self.producer: dict[int, object] = {}   # id(tensor) -> the node that made it, or _DROPPED
        self.keep: list[torch.Tensor] = []       # keeps recorded tensors alive, so their ids stay unique
        self.stack: list[tuple[str, type]] = []  # the module calls in progress: (path, class)
        self.inside_leaf = 0

    def add(self, op: str, target, args: tuple, kwargs: dict, out) -> None:
        """A node for a call whose tensor inputs are in ``args``/``kwargs`` and outputs in ``out``."""
        found = [self.producer.get(id(t), _DROPPED) for t in _tensors((args, kwargs), [])]
        inputs = [n for n in dict.fromkeys(found) if n is not _DROPPED]
        made = _tensors(out, [])
        if not made:
            return
        # a weight or buffer used functionally, a size, a tensor made from constants: not the network's data
        dropped = op != "placeholder" and (not inputs or (op == "call_method" and target in _SIZE_METHODS))
        node = _DROPPED if dropped else _Node(op, target, args, kwargs, inputs, list(self.stack))
        if node is not _DROPPED:
            self.nodes.append(node)
        self.keep += made
        if node is not _DROPPED and op != "output" and isinstance(out, (tuple, list)):
            # several results (x.chunk(2), an RNN's (output, state)): each one is taken out by indexing, as in fx
            for i, item in enumerate(out):
                if isinstance(item, torch.Tensor):
                    self.producer[id(item)] = _Node("call_function", operator.getitem, (node, i), {}, [node],
                                                    list(self.stack))
                    self.nodes.append(self.producer[id(item)])
            return
        for t in made:
            self.producer[id(t)] = node

    def __torch_function__(self, func, types, args=(), kwargs=None):
        kwargs = kwargs or {}
        out = func(*args, **kwargs)
        if not self.inside_leaf:
            name = getattr(func, "__name__", "")
            if getattr(func, "__qualname__", "").startswith(_TENSOR_CLASSES):
                self.add("call_method", name, args, kwargs, out)
            elif name != "__get__":  # attribute reads (x.shape, x.T) are not layers
                self.add("call_function", func, args, kwargs, out)
        return out

    def wrap(self, module: nn.Module, path: str) -> None:
        """Route the copy's ``module`` calls through the recorder (an instance attribute: the copy only)."""
        forward, leaf, entry = module.forward, _is_leaf(module), (path, type(module))
        if isinstance(module, _SHAPE_KEEPING):  # no need to run it: its output has its input's shape
            forward = functools.partial(_same_shape, getattr(module, "inplace", False))

        def recorded(*args, **kwargs):
            self.stack.append(entry)
            self.inside_leaf += leaf
            try:
                out = forward(*args, **kwargs)
            finally:
                self.inside_leaf -= leaf
            if leaf and not self.inside_leaf:
                self.add("call_module", path, args, kwargs, out)
            self.stack.pop()
            return out

        module.__dict__["forward"] = recorded


# Layers whose output has the shape of their input: not run in the shapes-only pass (torch's meta BatchNorm
# is a Python decomposition, ~15 ms a layer: 0.9 s of a ResNet-50 otherwise).
_SHAPE_KEEPING = (nn.modules.batchnorm._BatchNorm, nn.GroupNorm, nn.LayerNorm, nn.LocalResponseNorm,
                  nn.modules.dropout._DropoutNd, nn.Identity, nn.ReLU, nn.ReLU6, nn.LeakyReLU, nn.ELU, nn.SELU,
                  nn.CELU, nn.GELU, nn.SiLU, nn.Mish, nn.Sigmoid, nn.Tanh, nn.Hardswish, nn.Hardsigmoid,
                  nn.Hardtanh, nn.Softplus)


def _same_shape(inplace: bool, x, *args, **kwargs):
    return x if inplace or not isinstance(x, torch.Tensor) else torch.empty_like(x)


def _record(model: nn.Module, input_size: tuple[int, ...]) -> tuple[list[_Node], dict[str, nn.Module]]:
    """Run a private meta copy of ``model`` once in training mode and record its dataflow."""
    copy = private_copy(model, meta=True).train(True)
    modules = dict(copy.named_modules())
    recorder = _Recorder()
    for path, module in modules.items():
        if path:
            recorder.wrap(module, path)
    # a batch of two: BatchNorm in training mode refuses a single value per channel (a 1×1 map)
    x = torch.zeros((2, *input_size), device="meta")
    recorder.add("placeholder", "x", (), {}, x)
    with recorder:
        out = copy(x)
    recorder.add("output", "output", (out,), {}, out)
    return recorder.nodes, modules


def _trace_graph(model: nn.Module, input_size: tuple[int, ...]) -> NetworkGraph:
    try:
        calls, modules = _record(model, input_size)
    except Exception:  # data-dependent control flow, an input the model refuses: a chain, never a failed page
        return _chain_graph(model)

    # 1. Who uses each node (tensors that are not the network's data were left out while recording).
    inputs = {n: n.all_input_nodes for n in calls}
    users: dict = defaultdict(list)
    for n, ins in inputs.items():
        for a in ins:
            users[a].append(n)

    # 2. Fold shape-keeping layers into the box of their producer when that producer feeds only them.
    group_of: dict = {}
    groups: list[dict] = []
    call_count: dict[str, int] = defaultdict(int)
    for n in calls:
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
        block, block_type = _enclosing_block(n) if n.op not in ("placeholder", "output") else (None, None)
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
