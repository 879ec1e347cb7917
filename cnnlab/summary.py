"""Per-layer summary of any nn.Module: output shape, parameters, MACs and receptive field.

How it works (and why it is fast): the model runs once on the *meta* device — shapes only, no arithmetic —
with meta stand-ins swapped in for its parameters and buffers (and swapped back afterwards), so the caller's
model is never copied. A ``TorchDispatchMode`` sees every ATen op: it counts multiply-adds for convolutions and
matrix products, attributes each parameter to the module that first *uses* it (so a layer called twice is
counted once for parameters and twice for MACs, and weights used functionally — as in MultiheadAttention —
are still found), and carries a receptive field along every tensor, through residual adds and concatenations.
Shape-preserving layers whose meta kernels are slow (BatchNorm, activations, dropout) are bypassed: their
output shape is their input shape by definition.

Conventions: 1 MAC = one multiply-add. MACs are counted for convolutions and linear layers (matrix products,
including attention's) — the convention of torchvision's published operation counts. FLOPs ≈ 2 × MACs.
Parameters are learnable tensors; BatchNorm's running statistics are buffers, not parameters.
"""
from __future__ import annotations

import math
import threading
from dataclasses import asdict, dataclass, field
from typing import Any, Callable

import torch
from torch import nn
from torch.utils._python_dispatch import TorchDispatchMode

from cnnlab.arithmetic import receptive_field_step, sliding_windows

CONVENTION = "1 MAC = one multiply-add, counted for conv and linear layers; FLOPs ≈ 2 × MACs"

aten = torch.ops.aten

# Layers whose output has exactly their input's shape; bypassed on the meta pass.
_SHAPE_PRESERVING: tuple[type, ...] = (
    nn.BatchNorm1d, nn.BatchNorm2d, nn.BatchNorm3d, nn.SyncBatchNorm,
    nn.ReLU, nn.ReLU6, nn.LeakyReLU, nn.PReLU, nn.ELU, nn.SELU, nn.CELU, nn.GELU, nn.SiLU, nn.Mish,
    nn.Sigmoid, nn.Tanh, nn.Hardswish, nn.Hardsigmoid, nn.Hardtanh, nn.Softplus,
    nn.Dropout, nn.Dropout1d, nn.Dropout2d, nn.Dropout3d, nn.AlphaDropout, nn.Identity,
    nn.LocalResponseNorm, nn.GroupNorm, nn.InstanceNorm1d, nn.InstanceNorm2d, nn.InstanceNorm3d,
)

_GLOBAL = "global"  # receptive-field marker: the tensor depends on the whole input


@dataclass
class LayerRow:
    """One executed module (or one module that owns parameters but never ran, with executed=False)."""

    name: str
    type: str
    output_shape: tuple[int, ...]
    params: int
    macs: int
    rf: int | None = None
    jump: int | None = None
    depth: int = 0
    executed: bool = True


@dataclass
class Summary:
    model: str
    input_size: tuple[int, ...]
    layers: list[LayerRow]
    total_params: int
    total_macs: int
    output_shape: tuple[int, ...]
    trainable_params: int = 0
    convention: str = field(default=CONVENTION)

    @property
    def total_flops(self) -> int:
        """FLOPs ≈ 2 × MACs."""
        return 2 * self.total_macs

    def to_dict(self) -> dict[str, Any]:
        layers = []
        for row in self.layers:
            d = asdict(row)
            d["output_shape"] = list(row.output_shape)
            layers.append(d)
        return {
            "model": self.model,
            "input": list(self.input_size),
            "layers": layers,
            "total_params": self.total_params,
            "trainable_params": self.trainable_params,
            "total_macs": self.total_macs,
            "total_flops_approx": self.total_flops,
            "output_shape": list(self.output_shape),
            "convention": self.convention,
        }

    def to_table(self) -> str:
        """An aligned text table with totals, like torchinfo's."""
        head = ("Layer", "Type", "Output shape", "Params", "MACs", "RF")
        rows = [head]
        for r in self.layers:
            shape = "×".join(map(str, r.output_shape)) if r.executed else "(not run)"
            rf = "" if r.rf is None else f"{r.rf}×{r.rf}"
            rows.append(("  " * max(r.depth - 1, 0) + r.name, r.type, shape, f"{r.params:,}", f"{r.macs:,}", rf))
        widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
        right = {3, 4}

        def line(row: tuple[str, ...]) -> str:
            return "  ".join(c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths))).rstrip()

        rule = "-" * len(line(head))
        out = [f"{self.model} — input {'×'.join(map(str, self.input_size))}", rule, line(head), rule]
        out += [line(r) for r in rows[1:]]
        out += [
            rule,
            f"Total parameters: {self.total_params:,} (trainable {self.trainable_params:,})",
            f"Total MACs: {self.total_macs:,} ({self.total_macs / 1e9:.3f} G); FLOPs ≈ {self.total_flops:,}",
            f"Output shape: {'×'.join(map(str, self.output_shape))}",
            f"Convention: {CONVENTION}.",
        ]
        return "\n".join(out)


# ---------------------------------------------------------------------------------------------- MAC rules
def _mm_macs(a: torch.Tensor, b: torch.Tensor) -> int:
    return a.shape[0] * a.shape[1] * b.shape[-1]


def _conv_macs(args: tuple, out: torch.Tensor) -> int:
    x, w = args[0], args[1]
    transposed = bool(args[6]) if len(args) > 6 else False
    k = math.prod(w.shape[2:])
    if transposed:  # each input element is spread over out/groups channels × kernel
        return x.numel() * w.shape[1] * k
    return out.numel() * w.shape[1] * k


def _attention_macs(args: tuple, out: Any) -> int:
    q, k, v = args[0], args[1], args[2]
    batch = math.prod(q.shape[:-2])
    return batch * q.shape[-2] * k.shape[-2] * (q.shape[-1] + v.shape[-1])


_MAC_RULES: dict[Any, Callable[[tuple, Any], int]] = {
    aten.convolution.default: _conv_macs,
    aten.mm.default: lambda a, o: _mm_macs(a[0], a[1]),
    aten.addmm.default: lambda a, o: _mm_macs(a[1], a[2]),
    aten.bmm.default: lambda a, o: a[0].shape[0] * a[0].shape[1] * a[0].shape[2] * a[1].shape[2],
    aten.baddbmm.default: lambda a, o: a[1].shape[0] * a[1].shape[1] * a[1].shape[2] * a[2].shape[2],
}
for _name in ("_scaled_dot_product_flash_attention_for_cpu", "_scaled_dot_product_efficient_attention",
              "_scaled_dot_product_flash_attention", "_scaled_dot_product_cudnn_attention"):
    if hasattr(aten, _name):
        _MAC_RULES[getattr(aten, _name).default] = _attention_macs


# ---------------------------------------------------------------------------- receptive-field propagation
def _window(op_args: tuple, kind: str) -> tuple[int, int, int] | None:
    """(kernel, stride, dilation) along H for a conv or pool op, or None if not a sliding window."""
    if kind == "conv":
        w, stride, dilation = op_args[1], op_args[3], op_args[5]
        if op_args[6]:  # transposed convolutions upsample: no simple receptive field
            return None
        return int(w.shape[2]) if w.dim() > 2 else 1, int(stride[0]), int(dilation[0])
    kernel = op_args[1]
    stride = op_args[2] if len(op_args) > 2 and op_args[2] else kernel
    dilation = op_args[4] if kind == "maxpool" and len(op_args) > 4 else [1]
    return int(kernel[0]), int(stride[0]), int(dilation[0])


_WINDOW_OPS = {
    aten.convolution.default: "conv",
    aten.max_pool2d_with_indices.default: "maxpool",
    aten.avg_pool2d.default: "avgpool",
}
_GLOBAL_OPS = {aten.bmm.default, aten.baddbmm.default, aten.mean.dim, aten.sum.dim_IntList}
_GLOBAL_OPS |= {op for op in _MAC_RULES if op not in (aten.convolution.default, aten.mm.default, aten.addmm.default)}
_ADAPTIVE_OPS = {aten._adaptive_avg_pool2d.default, aten.adaptive_max_pool2d.default}
_VIEW_OPS = {aten.view.default, aten._unsafe_view.default, aten.reshape.default}


@dataclass
class _Frame:
    module: nn.Module
    name: str
    slot: int
    leaf: bool
    params: int = 0
    macs: int = 0


class _Counter(TorchDispatchMode):
    """Counts MACs and first uses of parameters per module; carries (rf, jump) along tensors."""

    def __init__(self, param_ids: dict[int, int]):
        super().__init__()
        self.param_ids = param_ids  # id(meta stand-in) -> numel, removed once counted
        self.stack: list[_Frame] = []
        self.rf: dict[int, Any] = {}
        self.keep: list[torch.Tensor] = []  # keeps tensors alive so their ids stay unique during the pass

    def info(self, t: torch.Tensor) -> Any:
        return self.rf.get(id(t))

    def set_info(self, t: torch.Tensor, value: Any) -> None:
        self.rf[id(t)] = value
        self.keep.append(t)

    def __torch_dispatch__(self, func, types, args=(), kwargs=None):
        kwargs = kwargs or {}
        fast = _FAST_SHAPES.get(func)
        out = fast(args) if fast is not None and not kwargs else None
        if out is None:
            out = func(*args, **kwargs)
        frame = self.stack[-1] if self.stack else None
        tensors: list[torch.Tensor] = []
        for a in args:   # flat fast path: aten args are tensors, scalars and (rarely) lists of tensors
            if type(a) is torch.Tensor:
                tensors.append(a)
            elif type(a) in (list, tuple):
                _collect(a, tensors)
        if kwargs:
            _collect(kwargs, tensors)
        if frame is not None:
            for t in tensors:
                n = self.param_ids.pop(id(t), None)
                if n is not None:
                    frame.params += n
            rule = _MAC_RULES.get(func)
            if rule is not None:
                frame.macs += int(rule(args, out))
        self._propagate(func, args, tensors, out)
        return out

    def _propagate(self, func, args: tuple, tensors: list[torch.Tensor], out: Any) -> None:
        infos = [self.info(t) for t in tensors]
        infos = [i for i in infos if i is not None]
        if not infos:
            return
        outs: list[torch.Tensor] = []
        _collect(out, outs)
        if not outs:
            return
        if _GLOBAL in infos or func in _GLOBAL_OPS:
            value: Any = _GLOBAL
        else:
            rf = max(i[0] for i in infos)
            jump = max(i[1] for i in infos)
            value = (rf, jump)
            kind = _WINDOW_OPS.get(func)
            x = tensors[0]
            if kind is not None:
                win = _window(args, kind)
                src = self.info(x)
                if win is None or src is None or src == _GLOBAL:
                    value = _GLOBAL if win is None else src
                else:
                    value = receptive_field_step(*src, *win)
            elif func in _ADAPTIVE_OPS:
                # adaptive pooling is the identity when the map already has the target size
                if tuple(x.shape[-2:]) != tuple(outs[0].shape[-2:]):
                    value = _GLOBAL
            elif func in _VIEW_OPS and x.dim() >= 3 and outs[0].dim() < 3 and outs[0].shape[0] == x.shape[0]:
                value = _GLOBAL  # flattening positions into features: the next layer sees everything
        for o in outs:
            self.set_info(o, value)


_CONVOLUTION = aten.convolution.default


def _conv_shape(args: tuple) -> torch.Tensor | None:
    """A meta output for a valid, non-transposed convolution, from the size formula.

    torch's meta kernel for convolution is the slowest op of the pass (~0.1 ms each); the formula is exact.
    Anything unusual (transposed, wrong channels, empty output) returns None: the real kernel then runs and
    raises torch's own error.
    """
    x, w, _, stride, padding, dilation, transposed, _, groups = args
    if transposed or x.dim() != w.dim() or x.shape[1] != w.shape[1] * groups or w.shape[0] % groups:
        return None
    spatial = []
    for n, k, s, p, d in zip(x.shape[2:], w.shape[2:], stride, padding, dilation):
        size = sliding_windows(n, k, s, p, d)[0]
        if size < 1:
            return None
        spatial.append(size)
    return torch.empty((x.shape[0], w.shape[0], *spatial), dtype=x.dtype, device="meta")


def _meta(shape: Any, like: torch.Tensor, dtype: torch.dtype | None = None) -> torch.Tensor:
    return torch.empty(tuple(shape), dtype=dtype or like.dtype, device="meta")


def _mm_shape(args: tuple) -> torch.Tensor | None:
    """mm(a, b) / addmm(bias, a, b): [n, k] @ [k, m] → [n, m]; Python decompositions make these ~0.4 ms each."""
    a, b = args[-2:] if len(args) == 2 else args[1:3]
    if a.dim() != 2 or b.dim() != 2 or a.shape[1] != b.shape[0]:
        return None
    return _meta((a.shape[0], b.shape[1]), a)


def _cat_shape(args: tuple) -> torch.Tensor | None:
    tensors = args[0]
    dim = args[1] if len(args) > 1 else 0
    first = tensors[0]
    nd = first.dim()
    if nd == 0 or any(t.dim() != nd or t.dtype != first.dtype for t in tensors):
        return None  # legacy empty tensors, type promotion: let torch decide
    dim = dim % nd
    shape = list(first.shape)
    for t in tensors[1:]:
        if any(t.shape[i] != shape[i] for i in range(nd) if i != dim):
            return None
        shape[dim] += t.shape[dim]
    return _meta(shape, first)


def _max_pool_shape(args: tuple) -> tuple[torch.Tensor, torch.Tensor] | None:
    """max_pool2d_with_indices from the size formula, including ceil_mode's "last window starts inside" rule."""
    x, kernel = args[0], list(args[1])
    stride = list(args[2]) if len(args) > 2 and len(args[2]) else kernel
    padding = list(args[3]) if len(args) > 3 else [0]
    dilation = list(args[4]) if len(args) > 4 else [1]
    ceil_mode = bool(args[5]) if len(args) > 5 else False
    if x.dim() not in (3, 4):
        return None
    k, s, p, d = ([v[0], v[0]] if len(v) == 1 else v for v in (kernel, stride, padding, dilation))
    spatial = []
    for i, n in enumerate(x.shape[-2:]):
        if sliding_windows(n, k[i], s[i], p[i], d[i])[0] < 1 or p[i] * 2 > k[i]:
            return None  # no window fits, or torch's padding rule is broken: let torch raise its own error
        spatial.append(sliding_windows(n, k[i], s[i], p[i], d[i], ceil_mode)[0])
    shape = (*x.shape[:-2], *spatial)
    return _meta(shape, x), _meta(shape, x, torch.int64)


def _collect(obj: Any, acc: list[torch.Tensor]) -> None:
    """Append every tensor in nested tuples/lists/dicts to ``acc`` (a lean tree_flatten: this runs per op)."""
    if isinstance(obj, torch.Tensor):
        acc.append(obj)
    elif isinstance(obj, (tuple, list)):
        for item in obj:
            _collect(item, acc)
    elif isinstance(obj, dict):
        for item in obj.values():
            _collect(item, acc)


# ops whose meta kernels are slow (Python decompositions) but whose output shape is a formula
_FAST_SHAPES: dict[Any, Callable[[tuple], Any]] = {
    _CONVOLUTION: _conv_shape, aten.mm.default: _mm_shape, aten.addmm.default: _mm_shape,
    aten.cat.default: _cat_shape, aten.max_pool2d_with_indices.default: _max_pool_shape,
}


def _first_tensor(obj: Any) -> torch.Tensor | None:
    found: list[torch.Tensor] = []
    _collect(obj, found)
    return found[0] if found else None


def _identity_forward(x: Any, *args: Any, **kwargs: Any) -> Any:
    return x


def summarize(model: nn.Module, input_size: tuple[int, ...] = (3, 224, 224), *, name: str | None = None) -> Summary:
    """Summarize ``model`` on one input of shape ``input_size`` (no batch dimension) without running real math."""
    from cnnlab.arithmetic import LayerError

    input_size = tuple(int(v) for v in input_size)
    if any(v < 1 for v in input_size):
        raise LayerError(f"input size {'×'.join(map(str, input_size))} must be positive in every dimension")
    title = name or type(model).__name__

    # Meta stand-ins for every parameter and buffer (shared tensors stay shared: one stand-in each), swapped
    # straight into each module's _parameters/_buffers dicts: functional_call does the same through generic
    # machinery that costs more than the whole meta pass on a ResNet-50.
    named = list(model.named_modules(remove_duplicate=False))
    modules = list({id(m): m for _, m in named}.values())   # a module reused twice is swapped once
    stand_ins: dict[int, torch.Tensor] = {}
    own: dict[int, list[torch.Tensor]] = {}
    for module in modules:
        own[id(module)] = [p for p in module._parameters.values() if p is not None]
        for store in (module._parameters, module._buffers):
            for tensor in store.values():
                if tensor is not None and id(tensor) not in stand_ins:
                    stand_ins[id(tensor)] = torch.empty_like(tensor, device="meta")
    unique_params = {id(p): p for m in modules for p in own[id(m)]}
    total_params = sum(p.numel() for p in unique_params.values())
    trainable = sum(p.numel() for p in unique_params.values() if p.requires_grad)
    param_ids = {id(stand_ins[pid]): p.numel() for pid, p in unique_params.items()}

    counter = _Counter(param_ids)
    rows: list[LayerRow | None] = []
    called: set[int] = set()
    names = {id(m): n for n, m in named}
    leaves = {id(m) for m in modules if not m._modules}
    mine = {id(m) for m in modules}
    handles = []
    shadowed: list[nn.Module] = []
    swapped: list[tuple[dict, str, torch.Tensor]] = []

    owner = threading.get_ident()

    def pre_hook(module: nn.Module, inputs: Any) -> None:
        if id(module) not in mine or threading.get_ident() != owner:
            return
        frame = _Frame(module, names.get(id(module), "?"), len(rows), leaf=id(module) in leaves)
        rows.append(None)
        counter.stack.append(frame)

    def post_hook(module: nn.Module, inputs: Any, output: Any) -> None:
        if id(module) not in mine or threading.get_ident() != owner:
            return
        frame = counter.stack.pop()
        called.add(id(module))
        # parameters of bypassed layers (BatchNorm) are never touched by an op: count them here
        for p in own.get(id(module), ()):
            n = param_ids.pop(id(stand_ins[id(p)]), None)
            if n is not None:
                frame.params += n
        out = _first_tensor(output)
        if isinstance(module, _SHAPE_PRESERVING) and out is not None:
            src = _first_tensor(inputs)
            if src is not None and counter.info(src) is not None:
                counter.set_info(out, counter.info(src))
        if not (frame.leaf or frame.macs or frame.params):
            return
        info = counter.info(out) if out is not None else None
        rf, jump = (info if isinstance(info, tuple) else (None, None))
        rows[frame.slot] = LayerRow(
            name=frame.name or title, type=type(module).__name__,
            output_shape=tuple(out.shape[1:]) if out is not None else (),
            params=frame.params, macs=frame.macs, rf=rf, jump=jump,
            depth=frame.name.count(".") + 1 if frame.name else 0,
        )

    try:
        for module in modules:
            for store in (module._parameters, module._buffers):
                for key, tensor in store.items():
                    if tensor is not None:
                        swapped.append((store, key, tensor))
                        store[key] = stand_ins[id(tensor)]
            if type(module) in _SHAPE_PRESERVING and "forward" not in module.__dict__:
                module.forward = _identity_forward  # instance attribute shadows the class's forward
                shadowed.append(module)
        # Two global hooks instead of two per module (registering ~500 handles cost ~1 ms on GoogLeNet); they
        # see every module call in the process while this pass runs, so they ignore other threads and modules.
        handles.append(nn.modules.module.register_module_forward_pre_hook(pre_hook))
        handles.append(nn.modules.module.register_module_forward_hook(post_hook))
        x = torch.zeros((1, *input_size), device="meta")
        counter.set_info(x, (1, 1))
        with torch.no_grad(), counter:
            output = model(x)
    except (RuntimeError, ValueError, IndexError, TypeError, AssertionError) as exc:
        if isinstance(exc, LayerError):
            raise
        where = counter.stack[-1] if counter.stack else None
        label = f"{title}: layer {where.name} ({type(where.module).__name__})" if where and where.name else title
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise LayerError(
            f"{label}: cannot run on input {'×'.join(map(str, input_size))}: {first} — try a larger input "
            f"or check the layer's settings"
        ) from exc
    finally:
        for store, key, tensor in swapped:
            store[key] = tensor
        for h in handles:
            h.remove()
        for module in shadowed:
            del module.__dict__["forward"]

    layers = [r for r in rows if r is not None]
    # Parameters of modules that never ran (e.g. GoogLeNet's auxiliary heads in eval mode) still count.
    if param_ids:
        for mod_name, module in model.named_modules():
            unused = sum(param_ids.pop(id(stand_ins[id(p)]), 0) for p in own.get(id(module), ()))
            if unused:
                layers.append(LayerRow(mod_name or title, type(module).__name__, (), unused, 0,
                                       depth=mod_name.count(".") + 1 if mod_name else 0,
                                       executed=id(module) in called))
    out = _first_tensor(output)
    summary = Summary(
        model=title, input_size=input_size, layers=layers, total_params=total_params,
        total_macs=sum(r.macs for r in layers), output_shape=tuple(out.shape[1:]) if out is not None else (),
        trainable_params=trainable,
    )
    assert sum(r.params for r in layers) == total_params, "every parameter is counted exactly once"
    return summary

