"""Per-layer summary of any nn.Module: output shape, parameters, MACs and receptive field.

How it works (and why it is fast): the model runs once on the *meta* device — shapes only, no arithmetic — as
a private structural copy: a new object of each module's class with its own ``__dict__``, its own
parameter/buffer/child/hook dicts and meta stand-ins for every tensor, so whatever a forward or a hook writes
(``self.cell = self.cell.to(x.device)``, pruning's ``.weight``, a lazy layer's materialised weight) lands on
the copy. The caller's model is never written to, not even for a moment: another thread (another student) may
be running it. A ``TorchDispatchMode`` sees every ATen op: it counts multiply-adds for convolutions and
matrix products, attributes each parameter to the module that first *uses* it (so a layer called twice is
counted once for parameters and twice for MACs, and weights used functionally — as in MultiheadAttention —
are still found), and carries a receptive field along every tensor, through residual adds and concatenations.

Speed: the layers most models are made of (Conv, Linear, pooling, BatchNorm, activations, dropout, RNNs and
their cells: ``_ANALYTIC``) are computed by formula: torch's input checks, the output shape, the MACs — no op
runs, and since they are only read, they are used in place rather than copied. torch's meta kernels for many
other ops are Python decompositions (~0.1–3 ms each: layer norm, upsampling, elementwise ops);
``_FAST_SHAPES`` gives their output by formula instead. A property test checks both against torch.

Hooks on the caller's modules: on the copy only the hooks that compute the module's own weights run (pruning,
weight_norm, spectral_norm and hooks that are methods of the model's modules, such as a lazy layer's
initialiser); hooks that other code registered to watch real runs (feature-map capture) are left out. Plain
Python objects a module holds (other than tensors, modules and lists/dicts/tuples of them) are shared with the
copy, as are the classes themselves.

Conventions: 1 MAC = one multiply-add. MACs are counted for convolutions and linear layers (matrix products,
including attention's and nn.Bilinear's out·in1·in2 per sample) — the convention of torchvision's published
operation counts. FLOPs ≈ 2 × MACs. Recurrent layers count their matrix products per time step: per sample
and step, layer l and direction, gates·hidden·(in_l + h_out) (+ hidden·proj_size with a projection), with 1, 3
or 4 gates for RNN, GRU and LSTM — what running their matrix products counts (torch's FlopCounterMode agrees);
gate nonlinearities and biases, like all elementwise work, are not counted. Parameters are learnable tensors;
BatchNorm's running statistics are buffers, not parameters. Lazy layers are initialised on the copy from this
input (the caller's stay lazy). BatchNorm in training mode is not refused on one value per channel: the batch
of one is summarize's, not the model's.
"""
from __future__ import annotations

import functools
import math
import operator
import types
import weakref
from collections import OrderedDict
from dataclasses import asdict, dataclass, field
from typing import Any, Callable

import torch
from torch import nn
from torch.nn.parameter import is_lazy
from torch.nn.utils.prune import BasePruningMethod
from torch.nn.utils.spectral_norm import SpectralNorm
from torch.nn.utils.weight_norm import WeightNorm
from torch.utils._python_dispatch import TorchDispatchMode
from torch.utils.hooks import RemovableHandle

from cnnlab.arithmetic import output_size, receptive_field_step
from cnnlab.errors import LayerError, Quote, Term, Where, term

CONVENTION = "1 MAC = one multiply-add, counted for conv and linear layers; FLOPs ≈ 2 × MACs"

aten = torch.ops.aten
_GLOBAL = "global"  # receptive-field marker: the tensor depends on the whole input
_META = torch.device("meta")


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


def _trilinear_terms(args: tuple) -> tuple[int, ...] | None:
    """_trilinear(i1, i2, i3, expand1, expand2, expand3, sumdim): the product's shape before summing."""
    shapes = []
    for t, expand in zip(args[:3], args[3:6]):
        shape = list(t.shape)
        for d in sorted(expand):
            shape.insert(d, 1)
        shapes.append(shape)
    pair = _broadcast(shapes[0], shapes[1])
    return None if pair is None else _broadcast(pair, shapes[2])


def _trilinear_macs(args: tuple, out: Any) -> int:
    """nn.Bilinear's op: one multiply-add per term of Σ x1ᵢ·Wₒᵢⱼ·x2ⱼ, i.e. batch·out·in1·in2."""
    return math.prod(_trilinear_terms(args) or (0,))


_MAC_RULES: dict[Any, Callable[[tuple, Any], int]] = {
    aten.convolution.default: _conv_macs,
    aten.mm.default: lambda a, o: _mm_macs(a[0], a[1]),
    aten.addmm.default: lambda a, o: _mm_macs(a[1], a[2]),
    aten.bmm.default: lambda a, o: a[0].shape[0] * a[0].shape[1] * a[0].shape[2] * a[1].shape[2],
    aten.baddbmm.default: lambda a, o: a[1].shape[0] * a[1].shape[1] * a[1].shape[2] * a[2].shape[2],
    aten._trilinear.default: _trilinear_macs,
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


# ------------------------------------------------------------------------------- output shapes by formula
# torch's meta kernels for these ops are Python decompositions (0.1–3 ms each); each function returns the op's
# output for the ordinary case and None for anything unusual, and the real kernel then decides (and raises
# torch's own error). tests/test_summary.py checks every entry against the real meta kernel.
_NO_MODES = torch._C.DispatchKeySet(torch._C.DispatchKey.Python)


def _meta(shape: Any, like: torch.Tensor, dtype: torch.dtype | None = None) -> torch.Tensor:
    """An output tensor, made without passing through the counter (a layer computed by formula runs while
    the counter is active: torch.empty would cost a full trip through it, ~20× the tensor itself)."""
    with torch._C._ExcludeDispatchKeyGuard(_NO_MODES):
        return torch.empty(shape, dtype=dtype or like.dtype, device=_META)


def _broadcast(a: Any, b: Any) -> tuple[int, ...] | None:
    """numpy/torch broadcasting of two shapes, or None when they do not broadcast."""
    n = max(len(a), len(b))
    a, b = (1,) * (n - len(a)) + tuple(a), (1,) * (n - len(b)) + tuple(b)
    out = []
    for x, y in zip(a, b):
        if x != y and y != 1 and x != 1:
            return None
        out.append(y if x == 1 else x)
    return tuple(out)


def _spatial(values: Any, n: int) -> list[int] | None:
    """A conv/pool argument for n spatial dims: torch passes one value for all (e.g. padding="valid" → [0])."""
    values = list(values)
    if len(values) == 1:
        values *= n
    return values if len(values) == n else None


def _conv_shape(args: tuple) -> torch.Tensor | None:
    """A valid, non-transposed convolution (the slowest meta kernel of a CNN, ~0.1 ms)."""
    x, w, _, stride, padding, dilation, transposed, _, groups = args
    if transposed or x.dim() != w.dim() or x.shape[1] != w.shape[1] * groups or w.shape[0] % groups:
        return None
    n = x.dim() - 2
    stride, padding, dilation = _spatial(stride, n), _spatial(padding, n), _spatial(dilation, n)
    if stride is None or padding is None or dilation is None:
        return None
    try:
        spatial = [output_size(size, k, s, p, d) for size, k, s, p, d
                   in zip(x.shape[2:], w.shape[2:], stride, padding, dilation)]
    except LayerError:
        return None
    return _meta((x.shape[0], w.shape[0], *spatial), x)


def _pool_spatial(x: torch.Tensor, n: int, kernel: Any, stride: Any, padding: Any, dilation: Any,
                  ceil_mode: bool) -> list[int] | None:
    """Pooling output sizes (torch: padding at most half the kernel; ceil_mode's last window starts inside)."""
    if x.dim() not in (n + 1, n + 2):
        return None
    k = _spatial(kernel, n)
    s = _spatial(stride, n) if stride else k
    p, d = _spatial(padding, n), _spatial(dilation, n)
    if k is None or s is None or p is None or d is None or any(2 * pi > ki for pi, ki in zip(p, k)):
        return None
    try:
        return [output_size(size, *v, ceil_mode) for size, *v in zip(x.shape[-n:], k, s, p, d)]
    except LayerError:
        return None


def _max_pool(n: int) -> Callable[[tuple], Any]:
    def shape(args: tuple) -> tuple[torch.Tensor, torch.Tensor] | None:
        x = args[0]
        spatial = _pool_spatial(x, n, args[1], args[2] if len(args) > 2 else (), args[3] if len(args) > 3 else [0],
                                args[4] if len(args) > 4 else [1], bool(args[5]) if len(args) > 5 else False)
        if spatial is None or not x.is_contiguous():
            return None
        out = (*x.shape[:-n], *spatial)
        return _meta(out, x), _meta(out, x, torch.int64)
    return shape


def _avg_pool(n: int) -> Callable[[tuple], Any]:
    def shape(args: tuple) -> torch.Tensor | None:
        x = args[0]
        if len(args) > 6 and args[6] is not None:  # divisor_override: let torch check it
            return None
        spatial = _pool_spatial(x, n, args[1], args[2] if len(args) > 2 else (), args[3] if len(args) > 3 else [0],
                                [1], bool(args[4]) if len(args) > 4 else False)
        if spatial is None or not x.is_contiguous() or n == 3 and any(s < k for s, k in zip(x.shape[-3:], args[1])):
            return None  # avg_pool3d also wants the unpadded input to hold the window
        return _meta((*x.shape[:-n], *spatial), x)
    return shape


def _mm_shape(args: tuple) -> torch.Tensor | None:
    """mm(a, b) / addmm(bias, a, b): [n, k] @ [k, m] → [n, m]."""
    a, b = args[-2:] if len(args) == 2 else args[1:3]
    if a.dim() != 2 or b.dim() != 2 or a.shape[1] != b.shape[0] or a.dtype != b.dtype:
        return None
    if len(args) > 2 and _broadcast(args[0].shape, (a.shape[0], b.shape[1])) != (a.shape[0], b.shape[1]):
        return None
    return _meta((a.shape[0], b.shape[1]), a)


def _bmm_shape(args: tuple) -> torch.Tensor | None:
    a, b = args[0], args[1]
    if a.dim() != 3 or b.dim() != 3 or a.shape[0] != b.shape[0] or a.shape[2] != b.shape[1] or a.dtype != b.dtype:
        return None
    return _meta((a.shape[0], a.shape[1], b.shape[2]), a)


def _cat_shape(args: tuple) -> torch.Tensor | None:
    """torch.cat: contiguous unless an input suggests channels-last (only 4-D and 5-D tensors can)."""
    tensors = args[0]
    dim = args[1] if len(args) > 1 else 0
    first = tensors[0]
    nd = first.dim()
    if nd == 0 or any(t.dim() != nd or t.dtype != first.dtype or nd in (4, 5) and not t.is_contiguous()
                      for t in tensors):
        return None  # legacy empty tensors, type promotion, channels-last: let torch decide
    dim = dim % nd
    shape = list(first.shape)
    for t in tensors[1:]:
        if any(t.shape[i] != shape[i] for i in range(nd) if i != dim):
            return None
        shape[dim] += t.shape[dim]
    return _meta(shape, first)


def _dense(t: torch.Tensor) -> bool:
    """No gaps and no overlaps (contiguous in some order of the dimensions, e.g. a permuted tensor)."""
    expected = 1
    for size, stride in sorted(zip(t.shape, t.stride()), key=lambda p: p[1]):
        if size != 1 and stride != expected:
            return False
        expected *= size
    return True


def _like(x: torch.Tensor, dtype: torch.dtype | None = None) -> torch.Tensor | None:
    """``torch.empty_like`` for a dense tensor (same strides); torch's own is a slow Python decomposition on meta."""
    if x.is_contiguous() or _dense(x):
        with torch._C._ExcludeDispatchKeyGuard(_NO_MODES):
            return torch.empty_strided(x.shape, x.stride(), dtype=dtype or x.dtype, device=_META)
    return None


def _same(args: tuple) -> torch.Tensor | None:
    """Elementwise op of one tensor and scalars: the output is laid out like the input."""
    x = args[0]
    return _like(x) if x.is_floating_point() else None


def _in_place(args: tuple) -> torch.Tensor | None:
    return args[0] if args[0].is_floating_point() else None


def _compare(args: tuple) -> torch.Tensor | None:
    """x == number, x != number, ...: a bool tensor laid out like x."""
    return _like(args[0], torch.bool) if type(args[1]) in (int, float) else None


def _clone_kwargs(args: tuple, kwargs: dict) -> torch.Tensor | None:
    """x.contiguous() and reshape's copies: clone(x, memory_format=...)."""
    fmt = kwargs.get("memory_format") if kwargs.keys() == {"memory_format"} else False
    if fmt is torch.contiguous_format:
        return _meta(args[0].shape, args[0])
    return _like(args[0]) if fmt is torch.preserve_format else None


def _index_shape(args: tuple) -> torch.Tensor | None:
    """x[idx] with one integer index tensor on the first dimension (a lookup table, e.g. position biases)."""
    x, indices = args
    if (len(indices) != 1 or indices[0] is None or indices[0].dtype not in (torch.int64, torch.int32)
            or x.dim() == 0 or not x.is_contiguous()):
        return None
    return _meta((*indices[0].shape, *x.shape[1:]), x)


def _trilinear_shape(args: tuple) -> torch.Tensor | None:
    terms = _trilinear_terms(args)
    if terms is None or len({t.dtype for t in args[:3]}) != 1 or len(set(args[6])) != len(args[6]):
        return None
    return _meta([n for d, n in enumerate(terms) if d not in args[6]], args[0])


def _unpool_shape(args: tuple) -> torch.Tensor | None:
    """max_unpool2d/3d(x, indices, output_size, ...): the pooled map spread back to output_size."""
    x, indices, size = args[0], args[1], list(args[2])
    if (indices.shape != x.shape or indices.dtype != torch.int64 or x.dim() not in (len(size) + 1, len(size) + 2)
            or min(size, default=0) < 1 or not x.is_contiguous()):
        return None
    return _meta((*x.shape[:-len(size)], *size), x)


def _scalar(args: tuple) -> torch.Tensor | None:
    """x ∘ number (add.Scalar, mul.Tensor with a Python float, ...): a float tensor keeps its dtype."""
    x, other = args[0], args[1]
    return _like(x) if x.is_floating_point() and type(other) in (int, float) else None


def _canonical(t: torch.Tensor) -> bool:
    """Row-major strides in every dimension, size-1 ones included (they take part in torch's layout rules)."""
    expected = 1
    for size, stride in zip(reversed(t.shape), reversed(t.stride())):
        if stride != expected:
            return False
        expected *= size
    return True


def _binary(in_place: bool) -> Callable[[tuple], Any]:
    def shape(args: tuple) -> torch.Tensor | None:
        a, b = args[0], args[1]
        if type(b) in (int, float):
            return (a if in_place else _like(a)) if a.is_floating_point() else None
        if not isinstance(b, torch.Tensor) or a.dtype != b.dtype or not a.is_floating_point():
            return None
        out = _broadcast(a.shape, b.shape)
        if out is None:
            return None
        if in_place:
            return a if out == tuple(a.shape) else None
        # torch orders the output's dimensions by the operands' strides (TensorIterator): like the full-size
        # operand when both are plainly contiguous, or when the other one has at most one dimension that
        # takes part in the ordering (a bias or scale vector such as (C, 1, 1))
        full, other = (a, b) if tuple(a.shape) == out else (b, a)
        if tuple(other.shape) == out:  # same shapes: the first operand decides every order it can
            return _like(a)
        if _canonical(full) and _canonical(other):
            return _meta(out, full)
        voting = sum(o == s for o, s in zip(other.shape[::-1], out[::-1]))
        return _like(full) if voting <= 1 else None
    return shape


def _reduced(x: torch.Tensor, dims: Any, keepdim: bool) -> torch.Tensor | None:
    if not x.is_floating_point():
        return None
    nd = x.dim()
    dims = set(range(nd)) if not dims else {d % nd for d in dims} if nd else set()
    shape = [1 if i in dims else s for i, s in enumerate(x.shape) if keepdim or i not in dims]
    return _meta(shape, x)


def _mean_shape(args: tuple) -> torch.Tensor | None:  # mean.dim / sum.dim_IntList(x, dims, keepdim, dtype)
    if len(args) > 3 and args[3] is not None:
        return None
    return _reduced(args[0], args[1] if len(args) > 1 else None, bool(args[2]) if len(args) > 2 else False)


def _norm_shape(args: tuple) -> torch.Tensor | None:  # linalg_vector_norm(x, ord, dims, keepdim, dtype)
    if len(args) > 4 and args[4] is not None:
        return None
    return _reduced(args[0], args[2] if len(args) > 2 else None, bool(args[3]) if len(args) > 3 else False)


def _softmax_shape(args: tuple) -> torch.Tensor | None:  # _softmax(x, dim, half_to_float), _safe_softmax(x, dim)
    x = args[0]
    if len(args) > 2 and args[2] or not x.is_floating_point() or not -x.dim() <= args[1] < max(x.dim(), 1):
        return None
    return _meta(x.shape, x)


def _layer_norm_shape(args: tuple) -> tuple[torch.Tensor, ...] | None:
    x, normalized, weight, bias = args[0], tuple(args[1]), args[2], args[3]
    k = len(normalized)
    if (x.dtype not in (torch.float32, torch.float64) or k == 0 or x.dim() < k
            or tuple(x.shape[-k:]) != normalized
            or any(t is not None and (tuple(t.shape) != normalized or t.dtype != x.dtype) for t in (weight, bias))):
        return None
    stats = (*x.shape[:-k], *([1] * k))
    return _meta(x.shape, x), _meta(stats, x), _meta(stats, x)


def _batch_norm_shape(args: tuple) -> tuple[torch.Tensor, ...] | None:
    """native_batch_norm(x, weight, bias, running_mean, running_var, training, momentum, eps)."""
    x = args[0]
    if x.dim() < 2 or x.dtype not in (torch.float32, torch.float64):
        return None
    c = x.shape[1]
    if args[5] and x.numel() <= c:  # training on one value per channel: torch divides by zero
        return None
    if any(t is not None and tuple(t.shape) != (c,) for t in args[1:5]):
        return None
    out = _like(x)
    return None if out is None else (out, _meta((c,), x), _meta((c,), x))


def _group_norm_shape(args: tuple) -> tuple[torch.Tensor, ...] | None:
    """native_group_norm(x, weight, bias, N, C, HxW, groups, eps)."""
    x, weight, bias, n, c, hw, groups = args[:7]
    if (x.dtype not in (torch.float32, torch.float64) or x.dim() < 2 or c % groups
            or x.shape[0] != n or x.shape[1] != c or x.numel() != n * c * hw
            or any(t is not None and tuple(t.shape) != (c,) for t in (weight, bias))):
        return None
    return _meta(x.shape, x), _meta((n, groups), x), _meta((n, groups), x)


def _upsample_shape(args: tuple) -> torch.Tensor | None:
    """upsample_*.default(x, output_size, ...): F.interpolate has already resolved scale factors to sizes."""
    x, size = args[0], args[1]
    if size is None or not x.is_contiguous() or x.dim() != len(size) + 2 or min(size, default=0) < 1:
        return None
    return _meta((*x.shape[:2], *size), x)


def _adaptive_shape(args: tuple) -> torch.Tensor | None:
    x, size = args[0], list(args[1])
    if not x.is_contiguous() or x.dim() not in (len(size) + 1, len(size) + 2) or min(size, default=0) < 1:
        return None
    return _meta((*x.shape[:-len(size)], *size), x)


def _masked_fill_shape(args: tuple) -> torch.Tensor | None:
    x, mask = args[0], args[1]
    if mask.dtype != torch.bool or _broadcast(x.shape, mask.shape) != tuple(x.shape):
        return None
    return _meta(x.shape, x)


_FAST_SHAPES: dict[Any, Callable[[tuple], Any]] = {
    aten.convolution.default: _conv_shape, aten.mm.default: _mm_shape, aten.addmm.default: _mm_shape,
    aten.bmm.default: _bmm_shape, aten.cat.default: _cat_shape,
    aten.max_pool2d_with_indices.default: _max_pool(2), aten.max_pool3d_with_indices.default: _max_pool(3),
    aten.avg_pool2d.default: _avg_pool(2), aten.avg_pool3d.default: _avg_pool(3),
    aten.mean.dim: _mean_shape, aten.sum.dim_IntList: _mean_shape, aten.linalg_vector_norm.default: _norm_shape,
    aten._softmax.default: _softmax_shape, aten._log_softmax.default: _softmax_shape,
    aten._safe_softmax.default: _softmax_shape,
    aten.native_layer_norm.default: _layer_norm_shape, aten.native_batch_norm.default: _batch_norm_shape,
    aten.native_group_norm.default: _group_norm_shape,
    aten._adaptive_avg_pool2d.default: _adaptive_shape, aten._adaptive_avg_pool3d.default: _adaptive_shape,
    aten.masked_fill.Scalar: _masked_fill_shape, aten.roll.default: lambda a: _meta(a[0].shape, a[0]),
    aten.clone.default: _same,
}
for _name in ("upsample_nearest1d", "upsample_nearest2d", "upsample_nearest3d", "_upsample_nearest_exact1d",
              "_upsample_nearest_exact2d", "_upsample_nearest_exact3d", "upsample_linear1d", "upsample_bilinear2d",
              "upsample_trilinear3d", "upsample_bicubic2d", "_upsample_bilinear2d_aa", "_upsample_bicubic2d_aa"):
    if hasattr(aten, _name):
        _FAST_SHAPES[getattr(aten, _name).default] = _upsample_shape
# elementwise ops of one tensor (plus scalars): activations, clamps, exp ... and their in-place forms
for _name in ("relu", "sigmoid", "tanh", "hardswish", "hardsigmoid", "hardtanh", "silu", "gelu", "mish", "elu",
              "leaky_relu", "celu", "selu", "softplus", "clamp", "clamp_min", "clamp_max", "neg", "exp", "sqrt",
              "rsqrt", "abs", "erf", "reciprocal"):
    for _overload, _rule in ((getattr(aten, _name, None), _same), (getattr(aten, _name + "_", None), _in_place)):
        if _overload is not None and hasattr(_overload, "default"):
            _FAST_SHAPES[_overload.default] = _rule
for _name in ("add", "sub", "mul", "div"):
    _FAST_SHAPES[getattr(aten, _name).Tensor] = _binary(in_place=False)
    _FAST_SHAPES[getattr(aten, _name + "_").Tensor] = _binary(in_place=True)
    _FAST_SHAPES[getattr(aten, _name).Scalar] = _scalar
_FAST_SHAPES[aten.pow.Tensor_Scalar] = _scalar
for _name in ("eq", "ne", "lt", "le", "gt", "ge"):
    _FAST_SHAPES[getattr(aten, _name).Scalar] = _compare
_FAST_SHAPES[aten.index.Tensor] = _index_shape
_FAST_SHAPES[aten._trilinear.default] = _trilinear_shape
_FAST_SHAPES[aten.max_unpool2d.default] = _FAST_SHAPES[aten.max_unpool3d.default] = _unpool_shape
_KWARGS_SHAPES = {aten.clone.default: _clone_kwargs}  # ops that usually come with keyword arguments

# One lookup per op, keyed by id (an OpOverload hashes in Python): (shape formula, MAC rule, receptive-field rule)
_RF_RULES: dict[Any, str] = {**_WINDOW_OPS, **dict.fromkeys(_GLOBAL_OPS, "global"),
                             **dict.fromkeys(_ADAPTIVE_OPS, "adaptive"), **dict.fromkeys(_VIEW_OPS, "view")}
_OPS: dict[int, tuple[Any, Any, Any, str | None]] = {
    id(op): (_FAST_SHAPES.get(op), _KWARGS_SHAPES.get(op), _MAC_RULES.get(op), _RF_RULES.get(op))
    for op in {*_FAST_SHAPES, *_MAC_RULES, *_RF_RULES}}
_OTHER_OP = (None, None, None, None)


def _collect(obj: Any, acc: list[torch.Tensor]) -> None:
    """Append every tensor in nested tuples/lists/dicts to ``acc`` (a lean tree_flatten: this runs per op)."""
    if isinstance(obj, torch.Tensor):
        acc.append(obj)
    elif isinstance(obj, (tuple, list, dict)):
        for item in obj.values() if isinstance(obj, dict) else obj:
            if isinstance(item, torch.Tensor):
                acc.append(item)
            elif isinstance(item, (tuple, list, dict)):
                _collect(item, acc)


def _first_tensor(obj: Any) -> torch.Tensor | None:
    found: list[torch.Tensor] = []
    _collect(obj, found)
    return found[0] if found else None


def _to_meta(obj: Any) -> Any:
    """A tensor that the forward built on the CPU (``torch.arange(n)``), moved to meta to meet the others."""
    if isinstance(obj, torch.Tensor):
        return obj if obj.is_meta else torch.empty_like(obj, device="meta")
    if type(obj) in (list, tuple):
        return type(obj)(_to_meta(o) for o in obj)
    return obj


# -------------------------------------------------------------------------- layers computed by formula
class _Refused(Exception):
    """A layer that torch would refuse on this input (found without running it)."""

    def __init__(self, reason: str, detail: Term, **values: Any):
        super().__init__(reason)
        self.reason, self.detail, self.values = reason, detail, values


def _keep(counter: _Counter, module: nn.Module, x: torch.Tensor, *args: Any, **kwargs: Any) -> torch.Tensor:
    """Activations, dropout, Identity: the output has exactly the input's shape (the input itself here)."""
    return x


def _dropout1d(counter: _Counter, module: nn.Module, x: torch.Tensor) -> torch.Tensor:
    if x.dim() not in (2, 3):
        raise RuntimeError(f"dropout1d: Expected 2D or 3D input, but received a {x.dim()}D input")
    return x


def _channels(module: nn.Module, expected: int, got: int) -> None:
    if expected != got:
        raise _Refused("channel_mismatch", term("errors.d_channels", type=type(module).__name__, expected=expected,
                                                got=got), expected=expected, got=got)


def _batch_norm(counter: _Counter, module: nn.Module, x: torch.Tensor) -> torch.Tensor:
    module._check_input_dim(x)  # torch's own ValueError, e.g. "expected 4D input (got 2D input)"
    if module.weight is not None or module.running_mean is not None:
        _channels(module, module.num_features, x.shape[1])
    return x


def _group_norm(counter: _Counter, module: nn.Module, x: torch.Tensor) -> torch.Tensor:
    if x.dim() < 2:
        raise ValueError(f"Expected at least 2 dimensions for input tensor but received {x.dim()}")
    if x.shape[1] % module.num_groups:
        raise _Refused("channel_mismatch", term("errors.d_groups", channels=x.shape[1], groups=module.num_groups),
                       groups=module.num_groups, got=x.shape[1])
    if module.affine:
        _channels(module, module.num_channels, x.shape[1])
    return x


def _prelu(counter: _Counter, module: nn.Module, x: torch.Tensor) -> torch.Tensor:
    if module.num_parameters != 1:
        _channels(module, module.num_parameters, x.shape[1] if x.dim() > 1 else 1)
    return x


_GATES = {"RNN_TANH": 1, "RNN_RELU": 1, "GRU": 3, "LSTM": 4}


def _rnn(counter: _Counter, module: nn.RNNBase, input: Any, hx: Any = None) -> Any:
    """nn.RNN / GRU / LSTM: torch's input checks, the output shapes by formula and the MACs of every step."""
    if not isinstance(input, torch.Tensor):  # a PackedSequence: torch's own (slower) path
        return type(module).forward(module, input, hx)
    kind, lstm = type(module).__name__, isinstance(module, nn.LSTM)
    if input.dim() not in (2, 3):
        raise ValueError(f"{kind}: Expected input to be 2D or 3D, got {input.dim()}D instead")
    batched, batch_dim = input.dim() == 3, 0 if module.batch_first else 1
    x = input if batched else input.unsqueeze(batch_dim)
    directions = 2 if module.bidirectional else 1
    h_out = module.proj_size or module.hidden_size
    if hx is None:
        module.check_input(x, None)
    else:
        states = hx if lstm else (hx,)
        if any(s.dim() != (3 if batched else 2) for s in states):
            raise RuntimeError(f"For {'batched 3-D' if batched else 'unbatched 2-D'} input, hx should also be "
                               f"{3 if batched else 2}-D but got {[s.dim() for s in states]}-D tensors")
        states = states if batched else tuple(s.unsqueeze(1) for s in states)
        module.check_forward_args(x, states if lstm else states[0], None)
    batch, steps = x.shape[batch_dim], x.shape[1 - batch_dim]
    per_step = 0
    for layer in range(module.num_layers):
        width = module.input_size if layer == 0 else directions * h_out
        per_step += directions * (_GATES[module.mode] * module.hidden_size * (width + h_out)
                                  + (module.hidden_size * h_out if module.proj_size else 0))
    counter.stack[-1].macs += batch * steps * per_step
    out_shape = (batch, steps, directions * h_out) if module.batch_first else (steps, batch, directions * h_out)
    output = _meta(out_shape, x)
    h_n = _meta((module.num_layers * directions, batch, h_out), x)
    c_n = _meta((module.num_layers * directions, batch, module.hidden_size), x)
    if not batched:
        output, h_n, c_n = output.squeeze(batch_dim), h_n.squeeze(1), c_n.squeeze(1)
    for t in (output, h_n, c_n):
        counter.follow(input, t, _GLOBAL)
    return output, ((h_n, c_n) if lstm else h_n)


def _cell(counter: _Counter, module: nn.RNNCellBase, input: torch.Tensor, hx: Any = None) -> Any:
    """nn.RNNCell / GRUCell / LSTMCell: one step; MACs gates·hidden·(input + hidden) per sample."""
    kind, lstm = type(module).__name__, isinstance(module, nn.LSTMCell)
    if input.dim() not in (1, 2):
        raise ValueError(f"{kind}: Expected input to be 1D or 2D, got {input.dim()}D instead")
    if input.shape[-1] != module.input_size:
        raise RuntimeError(f"input has inconsistent input_size: got {input.shape[-1]} expected {module.input_size}")
    expected = (*input.shape[:-1], module.hidden_size)
    for s in () if hx is None else hx if lstm else (hx,):
        if tuple(s.shape) != expected:
            raise RuntimeError(f"{kind}: expected hidden state of shape {list(expected)}, got {list(s.shape)}")
    gates = {"LSTMCell": 4, "GRUCell": 3}.get(kind, 1)
    batch = input.shape[0] if input.dim() == 2 else 1
    counter.stack[-1].macs += batch * gates * module.hidden_size * (module.input_size + module.hidden_size)
    h = _meta(expected, input)
    return (h, _meta(expected, input)) if lstm else h


def _listed(value: Any, n: int) -> list[int]:
    return [value] * n if isinstance(value, int) else list(value)


def _too_small_refusal(e: LayerError, **values: Any) -> _Refused:
    return _Refused("input_too_small", _problem(e), **values)


def _problem(e: LayerError) -> Term:
    """An arithmetic error's problem, without its fix, to quote inside the summary's message."""
    return Term(e.key, tuple(e.values.items()))


# The layers most models are made of, by formula: no op dispatch at all. Anything unusual (channels-last
# input, another dtype, a padding mode) takes the layer's real forward instead, op by op.
def _conv(counter: _Counter, module: nn.Module, x: Any, *rest: Any) -> Any:
    n = len(module.kernel_size)
    weight = module._parameters.get("weight")
    if weight is None:  # pruned or reparametrised: computed by a hook
        weight = module.weight
    if (rest or not isinstance(x, torch.Tensor) or x.dim() != n + 2 or module.padding_mode != "zeros"
            or x.dtype != weight.dtype or not x.is_contiguous()):
        return type(module).forward(module, x, *rest)
    if x.shape[1] != module.in_channels:
        raise _Refused("channel_mismatch", term("errors.d_channels", type=type(module).__name__,
                                                expected=module.in_channels, got=x.shape[1]),
                       expected=module.in_channels, got=x.shape[1])
    if module.padding == "same":
        spatial = list(x.shape[2:])
    else:
        padding = [0] * n if module.padding == "valid" else module.padding
        try:
            spatial = [output_size(size, k, s, p, d) for size, k, s, p, d
                       in zip(x.shape[2:], module.kernel_size, module.stride, padding, module.dilation)]
        except LayerError as e:
            raise _too_small_refusal(e) from None
    out = _meta((x.shape[0], module.out_channels, *spatial), x)
    counter.stack[-1].macs += out.numel() * (module.in_channels // module.groups) * math.prod(module.kernel_size)
    counter.window(x, out, module.kernel_size[0], module.stride[0], module.dilation[0])
    return out


def _linear(counter: _Counter, module: nn.Linear, x: Any) -> Any:
    if not isinstance(x, torch.Tensor) or x.dim() == 0 or x.dtype != module.weight.dtype or not x.is_contiguous():
        return type(module).forward(module, x)
    if x.shape[-1] != module.in_features:
        raise _Refused("shape_mismatch", term("errors.d_features", expected=module.in_features, got=x.shape[-1]),
                       expected=module.in_features, got=x.shape[-1])
    out = _meta((*x.shape[:-1], module.out_features), x)
    counter.stack[-1].macs += math.prod(x.shape[:-1]) * module.in_features * module.out_features
    counter.follow(x, out)
    return out


_POOL_DIMS = {nn.MaxPool1d: 1, nn.MaxPool2d: 2, nn.MaxPool3d: 3, nn.AvgPool1d: 1, nn.AvgPool2d: 2, nn.AvgPool3d: 3,
              nn.AdaptiveAvgPool1d: 1, nn.AdaptiveAvgPool2d: 2, nn.AdaptiveAvgPool3d: 3}


def _pool(n: int, counter: _Counter, module: nn.Module, x: Any) -> Any:
    is_max = isinstance(module, (nn.MaxPool1d, nn.MaxPool2d, nn.MaxPool3d))
    kernel, stride = _listed(module.kernel_size, n), _listed(module.stride, n)
    dilation = _listed(module.dilation, n) if is_max else [1] * n
    spatial = None
    if (isinstance(x, torch.Tensor) and x.is_contiguous() and x.is_floating_point()
            and getattr(module, "divisor_override", None) is None
            and (is_max or n < 3 or all(s >= k for s, k in zip(x.shape[-3:], kernel)))):
        spatial = _pool_spatial(x, n, kernel, stride, _listed(module.padding, n), dilation, module.ceil_mode)
    if spatial is None:
        return type(module).forward(module, x)
    out = _meta((*x.shape[:-n], *spatial), x)
    counter.window(x, out, kernel[0], stride[0], dilation[0])
    return (out, _meta(out.shape, x, torch.int64)) if is_max and module.return_indices else out


def _adaptive_pool(n: int, counter: _Counter, module: nn.Module, x: Any) -> Any:
    if not isinstance(x, torch.Tensor) or not x.is_contiguous() or x.dim() not in (n + 1, n + 2):
        return type(module).forward(module, x)
    size = [x.shape[-n + i] if s is None else s for i, s in enumerate(_listed(module.output_size, n))]
    if min(size) < 1 or 0 in x.shape:
        return type(module).forward(module, x)
    out = _meta((*x.shape[:-n], *size), x)
    if tuple(size) == tuple(x.shape[-n:]):  # already the target size: the identity
        counter.follow(x, out)
    else:
        counter.follow(x, out, _GLOBAL)
    return out


def _flatten(counter: _Counter, module: nn.Flatten, x: Any) -> Any:
    if not isinstance(x, torch.Tensor) or not x.is_contiguous() or x.dim() == 0:
        return type(module).forward(module, x)
    nd = x.dim()
    if not (-nd <= module.start_dim < nd and -nd <= module.end_dim < nd):
        return type(module).forward(module, x)  # torch's own IndexError
    start, end = module.start_dim % nd, module.end_dim % nd
    if start > end:
        return type(module).forward(module, x)
    out = _meta((*x.shape[:start], math.prod(x.shape[start:end + 1]), *x.shape[end + 1:]), x)
    # flattening positions into features: the next layer sees everything
    counter.follow(x, out, _GLOBAL if nd >= 3 and out.dim() < 3 and out.shape[0] == x.shape[0] else None)
    return out


# Exact types only: a subclass may override forward, and then it runs.
_ANALYTIC: dict[type, Callable[..., Any]] = {
    nn.Conv1d: _conv, nn.Conv2d: _conv, nn.Conv3d: _conv, nn.Linear: _linear, nn.Flatten: _flatten,
    nn.BatchNorm1d: _batch_norm, nn.BatchNorm2d: _batch_norm, nn.BatchNorm3d: _batch_norm,
    nn.SyncBatchNorm: _batch_norm, nn.GroupNorm: _group_norm, nn.PReLU: _prelu, nn.Dropout1d: _dropout1d,
    nn.RNN: _rnn, nn.GRU: _rnn, nn.LSTM: _rnn, nn.RNNCell: _cell, nn.GRUCell: _cell, nn.LSTMCell: _cell,
}
for _cls, _dims in _POOL_DIMS.items():
    _ANALYTIC[_cls] = functools.partial(_adaptive_pool if _cls.__name__.startswith("Adaptive") else _pool, _dims)
for _cls in (nn.ReLU, nn.ReLU6, nn.LeakyReLU, nn.ELU, nn.SELU, nn.CELU, nn.GELU, nn.SiLU, nn.Mish, nn.Sigmoid,
             nn.Tanh, nn.Hardswish, nn.Hardsigmoid, nn.Hardtanh, nn.Softplus, nn.Dropout, nn.Dropout2d,
             nn.Dropout3d, nn.AlphaDropout, nn.Identity):
    _ANALYTIC[_cls] = _keep
# Layers that are read and never written, even when they fall back to their real forward (which touches no
# attribute): the counter uses them in place (see _Copy). RNNs are not: their forward rewrites _flat_weights.
_READ_ONLY = frozenset(_ANALYTIC) - {nn.RNN, nn.GRU, nn.LSTM}


# ------------------------------------------------------------------------------------- the private copy
def _computes_weights(hook: Any, originals: dict[int, nn.Module]) -> bool:
    """Hooks that run on the copy: those that compute a module's own tensors (see the module docstring)."""
    if isinstance(hook, (BasePruningMethod, WeightNorm, SpectralNorm)):
        return True
    return isinstance(hook, types.MethodType) and id(hook.__self__) in originals


_ATOMIC = frozenset({int, float, bool, str, type(None), torch.dtype, torch.device, torch.Size})
_CONTAINERS = frozenset({dict, OrderedDict, list, set})
_RUN_HOOKS = ("_forward_pre_hooks", "_forward_hooks")
_NO_RUN = ("_backward_pre_hooks", "_backward_hooks")
_MODULE_KEYS = frozenset(nn.Module().__dict__)  # what nn.Module.__init__ sets on every module
_HOOK_DICTS = tuple(k for k, v in nn.Module().__dict__.items() if type(v) is OrderedDict)
_hook_dicts = operator.itemgetter(*_HOOK_DICTS)
# A copy's empty hook dicts: one shared mapping that nothing can write to. Fewer objects per copy matters:
# every object that outlives a garbage-collector generation brings the next full collection closer.
_NO_HOOKS: Any = types.MappingProxyType({})
_NO_HOOK_STATE = dict.fromkeys(_HOOK_DICTS, _NO_HOOKS)
_TENSOR_DICTS = ("_parameters", "_buffers")


class _Copy:
    """A structural copy of a module tree with meta stand-ins, sharing nothing that a forward could write.

    Layers computed by formula (``_ANALYTIC``: Conv, BatchNorm, ReLU ...) are only read, never run, so they
    are not copied: a read-only stand-in of a counting subclass shares their attribute dict (a third of the
    cost of a whole summary on a MobileNet otherwise)."""

    def __init__(self, model: nn.Module):
        self.clone_of: dict[int, nn.Module] = {}       # id(original module) -> its copy
        self.stand_in: dict[int, torch.Tensor] = {}    # id(original tensor) -> meta stand-in
        self.originals: list[Any] = []                 # keeps ids unique while the copy lives
        # (name, original, copy, the copy's own parameters), in named_modules order, each module once
        self.modules: list[tuple[str, nn.Module, nn.Module, tuple[torch.Tensor, ...]]] = []
        self.dicts: dict[int, dict] = {}               # id(original dict) -> its copy, for hook handles
        self.trainable: dict[int, bool] = {}           # id(a parameter as the copy sees it) -> requires_grad
        self.handles: list[tuple[RemovableHandle, RemovableHandle]] = []
        self.requires_grad: dict[int, bool] = {}
        states: list[tuple[str, nn.Module, nn.Module, dict | None]] = []
        todo = [("", model)]
        while todo:  # pre-order walk, like named_modules; each module is copied once
            name, module = todo.pop()
            if id(module) in self.clone_of:
                continue
            cls, original = type(module), module.__dict__
            if isinstance(module, torch.jit.ScriptModule):
                raise _Refused("not_traceable", term("errors.d_torchscript", name=name or "model"), layer=name)
            counted = _counted_class(cls) if cls.__call__ is nn.Module.__call__ else None
            if (cls in _READ_ONLY and counted is not None and "forward" not in original
                    and not original["_forward_hooks"] and not original["_forward_pre_hooks"]):
                clone = object.__new__(counted)
                object.__setattr__(clone, "__dict__", original)  # read, never written: see _READ_ONLY
                self.clone_of[id(module)] = clone
                states.append((name, module, clone, None))
                continue
            # one atomic copy (another thread may be running this module); hook dicts are nearly always empty
            if any(_hook_dicts(original)):
                state = original.copy()  # hooks may have to run: the module keeps its class and __call__
                clone = object.__new__(cls)
            else:
                state = original | _NO_HOOK_STATE
                clone = object.__new__(counted or cls)  # no __init__, no class-level side effects
            self.clone_of[id(module)] = clone
            children = state["_modules"] = state["_modules"].copy()
            states.append((name, module, clone, state))
            self.originals.append(module)
            todo += [(f"{name}.{key}" if name else key, child) for key, child in reversed(children.items())
                     if child is not None]
        read_only = []
        for name, module, clone, state in states:
            if state is None:  # a read-only stand-in: its parameters are the layer's own (see below)
                read_only.append((len(self.modules), module._parameters.copy()))
                self.modules.append((name, module, clone, ()))
                continue
            # nn.Module's own bookkeeping first, then the class's attributes
            if state["_forward_hooks"] is not _NO_HOOKS:
                for key in _HOOK_DICTS:
                    value = state[key]
                    if key in _RUN_HOOKS and value:
                        value = OrderedDict((i, h) for i, h in value.copy().items()
                                            if _computes_weights(h, self.clone_of))
                    # no gradients in a shape pass; a hook dict left empty is the shared read-only one
                    state[key] = self._copy(value, key=state[key]) if value and key not in _NO_RUN else _NO_HOOKS
            if state["_modules"]:
                state["_modules"] = {k: None if c is None else self.clone_of[id(c)]
                                     for k, c in state["_modules"].items()}
            for key in _TENSOR_DICTS:
                value = state[key]
                state[key] = {k: None if t is None else self._stand_in(t) for k, t in value.copy().items()} \
                    if value else {}
            for k, t in state["_parameters"].items():
                if t is not None:
                    self.trainable[id(t)] = self.requires_grad[id(t)]
            state["_non_persistent_buffers_set"] = set(state["_non_persistent_buffers_set"])
            for key in state.keys() - _MODULE_KEYS:  # the class's own attributes
                value = state[key]
                kind = type(value)
                if kind in _ATOMIC or kind is tuple and all(type(v) in _ATOMIC for v in value):
                    continue
                state[key] = kind() if kind in _CONTAINERS and not value else self._copy(value)
            object.__setattr__(clone, "__dict__", state)
            own = tuple(p for p in state["_parameters"].values() if p is not None)
            self.modules.append((name, module, clone, own))
        for i, params in read_only:
            # a parameter tied to a copied module (weight tying) is counted through that module's stand-in
            own = tuple(self.stand_in.get(id(p), p) for p in params.values() if p is not None)
            self.trainable.update((id(o), p.requires_grad) for o, p in zip(own, [p for p in params.values()
                                                                                    if p is not None]))
            self.modules[i] = (*self.modules[i][:3], own)
        for old, new in self.handles:  # a handle removes its hook from the copy's dicts, never the original's
            new.id = old.id
            new.hooks_dict_ref = weakref.ref(self.dicts.get(id(old.hooks_dict_ref()), OrderedDict()))
            new.extra_dict_ref = tuple(weakref.ref(self.dicts.get(id(r()), OrderedDict())) for r in old.extra_dict_ref)
        self.root = self.clone_of[id(model)]

    def _copy(self, value: Any, depth: int = 0, key: Any = None) -> Any:
        """``value`` with tensors, modules and their bound methods replaced by the copy's; containers copied."""
        kind = type(value)
        if kind in _ATOMIC:
            return value
        if isinstance(value, torch.Tensor):
            return self._stand_in(value)
        if isinstance(value, nn.Module):
            return self.clone_of.get(id(value), value)
        if kind is types.MethodType and id(value.__self__) in self.clone_of:
            return types.MethodType(value.__func__, self.clone_of[id(value.__self__)])
        if kind is RemovableHandle:
            new = RemovableHandle.__new__(RemovableHandle)
            self.handles.append((value, new))
            return new
        if depth > 2:
            return value
        if kind is dict or kind is OrderedDict:
            new = kind((k, self._copy(v, depth + 1)) for k, v in value.copy().items()) if value else kind()
            self.dicts[id(value if key is None else key)] = new
            return new
        if kind is tuple:
            return value if all(type(v) in _ATOMIC for v in value) else tuple(self._copy(v, depth + 1) for v in value)
        if kind is list or kind is set:
            return kind(self._copy(v, depth + 1) for v in value.copy())
        return value

    def _stand_in(self, tensor: torch.Tensor) -> torch.Tensor:
        found = self.stand_in.get(id(tensor))
        if found is None:
            if is_lazy(tensor):
                found = type(tensor)(requires_grad=tensor.requires_grad, device="meta", dtype=tensor.dtype)
            else:  # torch.empty_like would be ~50× slower for a model built on the meta device
                found = torch.empty_strided(tensor.shape, tensor.stride(), dtype=tensor.dtype, device=_META)
            self.stand_in[id(tensor)] = found
            self.requires_grad[id(found)] = tensor.requires_grad
            self.originals.append(tensor)
        return found


# ----------------------------------------------------------------------------------------- the counting
class _Frame:
    """One module call in progress."""

    __slots__ = ("module", "info", "slot", "params", "macs")

    def __init__(self, module: nn.Module, info: _Info, slot: int):
        self.module, self.info, self.slot, self.params, self.macs = module, info, slot, 0, 0


class _Info:
    """What the counter knows about one module of the copy: its name, own parameters and how to run it."""

    __slots__ = ("counter", "name", "type", "leaf", "own", "impl", "analytic", "called")

    def __init__(self, counter: _Counter, name: str, original: nn.Module, clone: nn.Module,
                 own: tuple[torch.Tensor, ...]):
        self.counter, self.name, self.type, self.own = counter, name, type(original).__name__, own
        self.called = False
        self.leaf = not clone._modules
        own_forward = clone.__dict__.get("forward")  # an instance attribute (a monkey-patched forward)
        self.impl: Callable[..., Any] = _ANALYTIC.get(type(original)) if own_forward is None else None
        self.analytic = self.impl is not None
        if own_forward is not None:
            self.impl = lambda _module, *a, **k: own_forward(*a, **k)
        elif self.impl is None:
            self.impl = type(original).forward


_COUNTED: dict[type, type] = {}  # a module class -> its subclass whose __call__ goes straight to the counter


def _counted_call(module: nn.Module, *args: Any, **kwargs: Any) -> Any:
    info = module._cnnlab_info
    return info.counter.run(module, info, *args, **kwargs)


def _counted_class(cls: type) -> type | None:
    """``cls`` with a ``__call__`` that skips nn.Module's hook machinery (the copy has no hooks to run) and a
    slot for the counter's notes, made once per class; None for a class that cannot be subclassed."""
    sub = _COUNTED.get(cls)
    if sub is None:
        try:
            sub = type(cls.__name__, (cls,), {"__call__": _counted_call, "__slots__": ("_cnnlab_info",),
                                              "__module__": cls.__module__, "__qualname__": cls.__qualname__})
        except Exception:  # noqa: BLE001 - a metaclass or __init_subclass__ that refuses: count another way
            return None
        sub = _COUNTED.setdefault(cls, sub)
    return sub


class _Counter(TorchDispatchMode):
    """Counts MACs and first uses of parameters per module; carries (rf, jump) along tensors."""

    def __init__(self, title: str, copy: _Copy):
        super().__init__()
        self.title = title
        self.param_ids: dict[int, torch.Tensor] = {}  # id(parameter) -> parameter, until its first use is counted
        self.stack: list[_Frame] = []
        self.rows: list[LayerRow | None] = []
        self.rf: dict[int, Any] = {}
        self.keep: list[torch.Tensor] = []  # keeps tensors alive so their ids stay unique during the pass
        self.failure: tuple[Any, tuple] | None = None  # the op torch refused, with its arguments
        self.infos: list[_Info] = []  # in the order of copy.modules
        self.info_of: dict[int, _Info] = {}  # for copies that keep their class (their hooks must run)
        for name, original, clone, own in copy.modules:
            self.param_ids.update((id(s), s) for s in own)
            info = _Info(self, name, original, clone, own)
            self.infos.append(info)
            if type(clone) is not type(original):  # a counting subclass: its __call__ comes to run()
                object.__setattr__(clone, "_cnnlab_info", info)  # a slot: Module.__setattr__ is slow
                continue
            self.info_of[id(clone)] = info
            hooks = clone.__dict__
            if hooks["_forward_pre_hooks"] or hooks["_forward_hooks"]:
                # hooks that compute weights (pruning, weight_norm, lazy init) run inside the module's frame
                hooks["_forward_pre_hooks"] = OrderedDict([(-1, self.enter_hook), *hooks["_forward_pre_hooks"].items()])
                hooks["_forward_hooks"] = OrderedDict([*hooks["_forward_hooks"].items(), (-1, self.leave_hook)])
                if info.analytic:
                    hooks["forward"] = functools.partial(info.impl, self, clone)
            else:  # a class with its own __call__, or one that cannot be subclassed: count inside its forward
                hooks["forward"] = functools.partial(self.run, clone, info)

    # -- module frames
    def run(self, module: nn.Module, info: _Info, *args: Any, **kwargs: Any) -> Any:
        frame = _Frame(module, info, len(self.rows))
        self.stack.append(frame)
        self.rows.append(None)
        out = info.impl(self, module, *args, **kwargs) if info.analytic else info.impl(module, *args, **kwargs)
        self.leave(module, out)
        return out

    def enter_hook(self, module: nn.Module, args: Any) -> None:
        self.stack.append(_Frame(module, self.info_of[id(module)], len(self.rows)))
        self.rows.append(None)

    def leave_hook(self, module: nn.Module, args: Any, output: Any) -> None:
        self.leave(module, output)

    def leave(self, module: nn.Module, output: Any) -> None:
        frame = self.stack.pop()
        while frame.module is not module and self.stack:  # frames left open by an exception someone caught
            frame = self.stack.pop()
        info = frame.info
        info.called = True
        self.failure = None
        if info.own:  # parameters no op touched (layers computed by formula, an unused ParameterList) count here
            pop = self.param_ids.pop
            for s in info.own:
                if pop(id(s), None) is not None:
                    frame.params += _numel(s)
        if not (info.leaf or frame.macs or frame.params):
            return
        out = output if type(output) is torch.Tensor else _first_tensor(output)
        rf = jump = None
        if out is not None:
            found = self.rf.get(id(out))
            if type(found) is tuple:
                rf, jump = found
        name = info.name
        self.rows[frame.slot] = LayerRow(
            name or self.title, info.type, tuple(out.shape[1:]) if out is not None else (), frame.params,
            frame.macs, rf, jump, name.count(".") + 1 if name else 0)

    # -- ops
    def set_info(self, t: torch.Tensor, value: Any) -> None:
        self.rf[id(t)] = value
        self.keep.append(t)

    def follow(self, src: torch.Tensor, out: torch.Tensor, value: Any = None) -> None:
        """``out`` sees what ``src`` sees (or ``value``, e.g. everything, when ``src`` is tracked at all)."""
        info = self.rf.get(id(src))
        if info is not None:
            self.set_info(out, info if value is None else value)

    def window(self, src: torch.Tensor, out: torch.Tensor, kernel: int, stride: int, dilation: int) -> None:
        """A sliding window along H grows the receptive field by d·(k − 1) input steps."""
        info = self.rf.get(id(src))
        if info is not None:
            self.set_info(out, info if info == _GLOBAL else (info[0] + dilation * (kernel - 1) * info[1],
                                                             info[1] * stride))

    @classmethod
    def _should_skip_dynamo(cls) -> bool:
        return False  # nothing is compiled here; torch's dynamo guard around every op costs ~2 µs

    def __torch_dispatch__(self, func, types, args=(), kwargs=None):
        fast, fast_kwargs, mac_rule, rf_rule = _OPS.get(id(func), _OTHER_OP)
        tensors: list[torch.Tensor] = []
        for a in args:   # flat fast path: aten args are tensors, scalars, int lists and (rarely) tensor lists
            if isinstance(a, torch.Tensor):
                tensors.append(a)
            elif (type(a) is list or type(a) is tuple) and a and type(a[0]) is not int:
                _collect(a, tensors)
        if kwargs:
            _collect(kwargs, tensors)
        for t in tensors:
            # a tensor the forward built on the CPU, or a layer's own weight used functionally by its parent
            # (layers computed by formula are not copied): a meta copy meets the others; the counting below
            # still sees the original
            if not t.is_meta:
                if any(u.is_meta for u in tensors):
                    args, kwargs = _to_meta(args), {k: _to_meta(v) for k, v in (kwargs or {}).items()}
                break
        out = None
        if fast is not None:
            out = fast(args) if not kwargs else fast_kwargs(args, kwargs) if fast_kwargs is not None else None
        if out is None:
            try:
                out = func(*args, **(kwargs or {}))
            except Exception:
                self.failure = (func, args)
                raise
        if self.stack:
            frame = self.stack[-1]
            for t in tensors:
                s = self.param_ids.pop(id(t), None)
                if s is not None:
                    if is_lazy(s):  # touched while a lazy layer materialises it: count its first real use
                        self.param_ids[id(t)] = s
                    else:
                        frame.params += s.numel()
            if mac_rule is not None:
                frame.macs += int(mac_rule(args, out))
        rf = self.rf
        if rf_rule is None and type(out) is torch.Tensor:  # most ops: out sees what all its inputs see
            seen = None
            for t in tensors:
                info = rf.get(id(t))
                if info is not None:
                    if seen is None:
                        seen = info
                    elif info is _GLOBAL or seen is _GLOBAL:
                        seen = _GLOBAL
                    else:
                        seen = (max(seen[0], info[0]), max(seen[1], info[1]))
            if seen is not None:
                rf[id(out)] = seen
                self.keep.append(out)
            return out
        for t in tensors:
            if id(t) in rf:
                self._propagate(rf_rule, args, tensors, out)
                break
        return out

    def _propagate(self, rule: str | None, args: tuple, tensors: list[torch.Tensor], out: Any) -> None:
        outs: list[torch.Tensor] = []
        _collect(out, outs)
        if not outs:
            return
        infos = [self.rf[id(t)] for t in tensors if id(t) in self.rf]
        if rule == "global" or _GLOBAL in infos:
            value: Any = _GLOBAL
        else:
            value = (max(i[0] for i in infos), max(i[1] for i in infos))
            x = tensors[0]
            if rule in ("conv", "maxpool", "avgpool"):
                win = _window(args, rule)
                src = self.rf.get(id(x))
                if win is None or src is None or src == _GLOBAL:
                    value = _GLOBAL if win is None else src
                else:
                    value = receptive_field_step(*src, *win)
            elif rule == "adaptive":
                # adaptive pooling is the identity when the map already has the target size
                if tuple(x.shape[-2:]) != tuple(outs[0].shape[-2:]):
                    value = _GLOBAL
            elif rule == "view" and x.dim() >= 3 and outs[0].dim() < 3 and outs[0].shape[0] == x.shape[0]:
                value = _GLOBAL  # flattening positions into features: the next layer sees everything
        for o in outs:
            self.set_info(o, value)


def _numel(t: torch.Tensor) -> int:
    return 0 if is_lazy(t) else t.numel()


# ------------------------------------------------------------------------------------------------ errors
_DATA_OPS = {aten._local_scalar_dense.default, aten.nonzero.default, aten.equal.default, aten.is_nonzero.default,
             aten.masked_select.default, aten.item.default}
_SHAPE_OPS = {aten.mm.default, aten.addmm.default, aten.bmm.default, aten.baddbmm.default, aten.view.default,
              aten._unsafe_view.default, aten.reshape.default, aten.expand.default, aten.cat.default}
_POOL_OPS = {aten.max_pool2d_with_indices.default: (2, True), aten.max_pool3d_with_indices.default: (3, True),
             aten.avg_pool2d.default: (2, False), aten.avg_pool3d.default: (3, False)}


def _diagnose(exc: BaseException, failure: tuple[Any, tuple] | None) -> tuple[str, Term | Quote, dict[str, Any]]:
    """(reason, detail, values) for an exception raised while the copy ran; the detail is cnnlab's own words
    (a Term) when the problem is known, else PyTorch's message (a Quote)."""
    text = str(exc).strip()
    first = Quote(text.splitlines()[0] if text else type(exc).__name__)
    if isinstance(exc, _Refused):
        return exc.reason, exc.detail, exc.values
    func, args = failure if failure is not None else (None, ())
    if func is aten.convolution.default and not args[6]:
        x, w, groups = args[0], args[1], args[8]
        if x.dim() == w.dim() and x.shape[1] != w.shape[1] * groups:
            return "channel_mismatch", term("errors.d_channels", type="Conv", expected=w.shape[1] * groups,
                                            got=x.shape[1]), {"expected": w.shape[1] * groups, "got": x.shape[1]}
        windows = [(n, k, s, p, d) for n, k, s, p, d in zip(x.shape[2:], w.shape[2:], *(
            _spatial(v, x.dim() - 2) or [] for v in (args[3], args[4], args[5])))]
        too_small = _too_small(windows, ceil_mode=False)
        if too_small:
            return too_small
    if func in _POOL_OPS:
        n, has_dilation = _POOL_OPS[func]
        x, kernel = args[0], _spatial(args[1], n) or []
        stride = _spatial(args[2], n) if len(args) > 2 and args[2] else kernel
        padding = _spatial(args[3], n) if len(args) > 3 else [0] * n
        dilation = _spatial(args[4], n) if has_dilation and len(args) > 4 else [1] * n
        ceil = bool(args[5] if has_dilation else args[4]) if len(args) > (5 if has_dilation else 4) else False
        if any(2 * p > k for p, k in zip(padding or [], kernel)):
            return "bad_setting", term("errors.d_pool_padding", padding=list(padding), kernel=list(kernel)), \
                {"padding": padding, "kernel": kernel}
        too_small = _too_small(list(zip(x.shape[-n:], kernel, stride or [], padding or [], dilation or [])), ceil)
        if too_small:
            return too_small
    if func in _DATA_OPS or "meta" in text.lower() and ("item()" in text or "numpy" in text.lower()
                                                          or "data-dependent" in text or "copy out" in text):
        return "not_traceable", first, {}
    if "uninitialized" in text.lower() or "lazy" in text.lower():
        return "lazy_module", first, {}
    if "channel" in text.lower() or "num_features" in text or "running_mean should contain" in text:
        return "channel_mismatch", first, {}
    if func in _SHAPE_OPS or func in _FAST_SHAPES or any(w in text for w in ("shape", "size", "dimension", "D input")):
        return "shape_mismatch", first, {}
    return "layer_error", first, {}


def _too_small(windows: list[tuple[int, ...]], ceil_mode: bool) -> tuple[str, Term, dict[str, Any]] | None:
    for n, k, s, p, d in windows:
        try:
            output_size(n, k, s, p, d, ceil_mode)
        except LayerError as e:
            return "input_too_small", _problem(e), {"kernel": k, "dilation": d, "padded_input": n + 2 * p}
    return None


def _input_size(value: Any) -> tuple[int, ...]:
    """(C, H, W)-like sizes without the batch dimension; a single int is a 1-D input of that many features."""
    items = (value,) if isinstance(value, int) and not isinstance(value, bool) else value
    try:
        sizes = tuple(items)
        if not sizes or any(isinstance(v, bool) or not hasattr(v, "__index__") for v in sizes):
            raise TypeError
        sizes = tuple(int(v) for v in sizes)
    except TypeError:
        raise LayerError("bad_input_size", value=repr(value), input_size=repr(value)) from None
    if any(v < 1 for v in sizes):
        raise LayerError("bad_input_size", value="×".join(map(str, sizes)), input_size=sizes)
    return sizes


def _layer_error(exc: BaseException, counter: _Counter | None, title: str, size: tuple[int, ...]) -> LayerError:
    where = counter.stack[-1] if counter is not None and counter.stack else None
    reason, detail, values = _diagnose(exc, counter.failure if counter is not None else None)
    layer = where.info.name if where is not None and where.info.name else values.pop("layer", None) or None
    layer_type = where.info.type if where is not None else None
    place = Where(layer=layer or None, layer_type=layer_type if layer else None, model=title)
    return LayerError(reason, place, input_size=size, detail=detail, **values)


# ------------------------------------------------------------------------------------------------ entry
def summarize(model: nn.Module, input_size: tuple[int, ...] | int = (3, 224, 224), *,
              name: str | None = None) -> Summary:
    """Summarize ``model`` on one input of shape ``input_size`` (no batch dimension) without running real math.

    ``model`` is left exactly as it was. Every failure is a :class:`LayerError` with ``layer``, ``layer_type``
    and ``reason`` as data (worded, with the fix, by ``cnnlab.i18n.errors``).
    """
    size = _input_size(input_size)
    title = name or type(model).__name__
    if not isinstance(model, nn.Module):
        raise LayerError("not_a_module", title=title)
    counter = None
    try:
        copy = _Copy(model)
        counter = _Counter(title, copy)
        dtype = next((s.dtype for *_, own in copy.modules for s in own if s.is_floating_point()),
                     torch.float32)  # a model in half precision gets a half-precision input
        x = torch.zeros((1, *size), dtype=dtype, device="meta")
        counter.set_info(x, (1, 1))
        with torch.no_grad(), counter:
            output = copy.root(x)
    except Exception as exc:  # noqa: BLE001 - every failure becomes one LayerError that names the layer
        raise _layer_error(exc, counter, title, size) from exc

    layers = [r for r in counter.rows if r is not None]
    # Parameters of modules that never ran (e.g. GoogLeNet's auxiliary heads in eval mode) still count.
    for (mod_name, original, _clone, own), info in zip(copy.modules, counter.infos):
        unused = sum(_numel(s) for s in own if counter.param_ids.pop(id(s), None) is not None)
        if unused:
            layers.append(LayerRow(mod_name or title, type(original).__name__, (), unused, 0,
                                   depth=mod_name.count(".") + 1 if mod_name else 0, executed=info.called))
    unique = {id(s): s for *_, own in copy.modules for s in own}  # a shared parameter counts once
    total = sum(_numel(s) for s in unique.values())
    trainable = sum(_numel(s) for i, s in unique.items() if copy.trainable[i])
    out = _first_tensor(output)
    summary = Summary(
        model=title, input_size=size, layers=layers, total_params=total,
        total_macs=sum(r.macs for r in layers), output_shape=tuple(out.shape[1:]) if out is not None else (),
        trainable_params=trainable,
    )
    assert sum(r.params for r in layers) == total, "every parameter is counted exactly once"
    return summary
