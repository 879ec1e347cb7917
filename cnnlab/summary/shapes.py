"""Output shapes by formula for ATen ops whose meta kernels are slow: elementwise, reductions, norms, matmul.

torch's meta kernels for many ops are Python decompositions (0.1–3 ms each: layer norm, softmax, elementwise
ops with broadcasting). Each function here takes the op's positional arguments and returns its output (meta
tensors with torch's shape, dtype and memory layout — a later ``.view()`` depends on the layout) for the
ordinary case, and None for anything unusual; the real kernel then decides and raises torch's own error.
Sliding-window ops (conv, pooling, upsampling) are in ``windows.py``. tests/test_summary.py checks every entry
against the real meta kernel.
"""
from __future__ import annotations

import math
from typing import Any, Callable

import torch

from cnnlab.summary.layout import (META, NO_MODES, broadcast, canonical, channels_last_like, dense, elementwise_order,
                                  expanded_strides, laid_out, like, new_meta)

aten = torch.ops.aten


def trilinear_terms(args: tuple) -> tuple[int, ...] | None:
    """_trilinear(i1, i2, i3, expand1, expand2, expand3, sumdim): the product's shape before summing."""
    shapes = []
    for t, expand in zip(args[:3], args[3:6]):
        shape = list(t.shape)
        for d in sorted(expand):
            shape.insert(d, 1)
        shapes.append(shape)
    pair = broadcast(shapes[0], shapes[1])
    return None if pair is None else broadcast(pair, shapes[2])


def _mm_shape(args: tuple) -> torch.Tensor | None:
    """mm(a, b) / addmm(bias, a, b): [n, k] @ [k, m] → [n, m]."""
    a, b = args[-2:] if len(args) == 2 else args[1:3]
    if a.dim() != 2 or b.dim() != 2 or a.shape[1] != b.shape[0] or a.dtype != b.dtype:
        return None
    if len(args) > 2 and broadcast(args[0].shape, (a.shape[0], b.shape[1])) != (a.shape[0], b.shape[1]):
        return None
    return new_meta((a.shape[0], b.shape[1]), a)


def _bmm_shape(args: tuple) -> torch.Tensor | None:
    a, b = args[0], args[1]
    if a.dim() != 3 or b.dim() != 3 or a.shape[0] != b.shape[0] or a.shape[2] != b.shape[1] or a.dtype != b.dtype:
        return None
    return new_meta((a.shape[0], a.shape[1], b.shape[2]), a)


def _cat_shape(args: tuple) -> torch.Tensor | None:
    """torch.cat: contiguous unless every input suggests channels-last (only 4-D and 5-D tensors can)."""
    tensors = args[0]
    first = tensors[0]
    nd, dtype = first.dim(), first.dtype
    if nd == 0:
        return None
    dim = (args[1] if len(args) > 1 else 0) % nd
    head, tail = first.shape[:dim], first.shape[dim + 1:]
    size = 0
    for t in tensors:  # legacy empty tensors, type promotion, mismatched sizes: torch decides (and explains)
        shape = t.shape
        if t.dtype != dtype or len(shape) != nd or shape[:dim] != head or shape[dim + 1:] != tail:
            return None
        size += shape[dim]
    if nd in (4, 5) and all(channels_last_like(t) for t in tensors):
        return None
    return new_meta((*head, size, *tail), first)


def _same(args: tuple) -> torch.Tensor | None:
    """Elementwise op of one tensor and scalars: the output is laid out like the input."""
    x = args[0]
    return like(x) if x.is_floating_point() else None


def _in_place(args: tuple) -> torch.Tensor | None:
    return args[0] if args[0].is_floating_point() else None


def _compare(args: tuple) -> torch.Tensor | None:
    """x == number, x != number, ...: a bool tensor laid out like x."""
    return like(args[0], torch.bool) if type(args[1]) in (int, float) else None


def _clone_kwargs(args: tuple, kwargs: dict) -> torch.Tensor | None:
    """x.contiguous() and reshape's copies: clone(x, memory_format=...)."""
    fmt = kwargs.get("memory_format") if kwargs.keys() == {"memory_format"} else False
    if fmt is torch.contiguous_format:
        return new_meta(args[0].shape, args[0])
    return like(args[0]) if fmt is torch.preserve_format else None


def _index_shape(args: tuple) -> torch.Tensor | None:
    """x[idx] with one integer index tensor on the first dimension (a lookup table, e.g. position biases)."""
    x, indices = args
    if (len(indices) != 1 or indices[0] is None or indices[0].dtype not in (torch.int64, torch.int32)
            or x.dim() == 0 or not x.is_contiguous()):
        return None
    return new_meta((*indices[0].shape, *x.shape[1:]), x)


def _trilinear_shape(args: tuple) -> torch.Tensor | None:
    terms = trilinear_terms(args)
    if terms is None or len({t.dtype for t in args[:3]}) != 1 or len(set(args[6])) != len(args[6]):
        return None
    return new_meta([n for d, n in enumerate(terms) if d not in args[6]], args[0])


def _scalar(args: tuple) -> torch.Tensor | None:
    """x ∘ number (add.Scalar, mul.Tensor with a Python float, ...): a float tensor keeps its dtype."""
    x, other = args[0], args[1]
    return like(x) if x.is_floating_point() and type(other) in (int, float) else None


def _binary(in_place: bool) -> Callable[[tuple], Any]:
    def shape(args: tuple) -> torch.Tensor | None:
        a, b = args[0], args[1]
        if type(b) in (int, float):
            return (a if in_place else like(a)) if a.is_floating_point() else None
        if not isinstance(b, torch.Tensor) or a.dtype != b.dtype or not a.is_floating_point():
            return None
        out = broadcast(a.shape, b.shape)
        if out is None:
            return None
        if in_place:
            return a if out == tuple(a.shape) else None
        # torch orders the output's dimensions by the operands' strides (see elementwise_order): like the full-size
        # operand when both are plainly contiguous, or when the other one has at most one dimension that
        # takes part in the ordering (a bias or scale vector such as (C, 1, 1))
        full, other = (a, b) if tuple(a.shape) == out else (b, a)
        if tuple(other.shape) == out and (a.is_contiguous() or dense(a)):
            return like(a)  # same shapes, a dense first operand: it decides every order
        if canonical(full) and canonical(other):
            return new_meta(out, full)
        if sum(o == s for o, s in zip(other.shape[::-1], out[::-1])) <= 1 and (full.is_contiguous() or dense(full)):
            return like(full)
        return laid_out(out, elementwise_order(out, [expanded_strides(a, out), expanded_strides(b, out)]), a)
    return shape


def _reduced(x: torch.Tensor, dims: Any, keepdim: bool) -> torch.Tensor | None:
    if not x.is_floating_point():
        return None
    nd = x.dim()
    dims = set(range(nd)) if not dims else {d % nd for d in dims} if nd else set()
    shape = [1 if i in dims else s for i, s in enumerate(x.shape) if keepdim or i not in dims]
    return new_meta(shape, x)


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
    return new_meta(x.shape, x)


def _layer_norm_shape(args: tuple) -> tuple[torch.Tensor, ...] | None:
    x, normalized, weight, bias = args[0], tuple(args[1]), args[2], args[3]
    k = len(normalized)
    if (x.dtype not in (torch.float32, torch.float64) or k == 0 or x.dim() < k
            or tuple(x.shape[-k:]) != normalized
            or any(t is not None and (tuple(t.shape) != normalized or t.dtype != x.dtype) for t in (weight, bias))):
        return None
    stats = (*x.shape[:-k], *([1] * k))
    return new_meta(x.shape, x), new_meta(stats, x), new_meta(stats, x)


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
    out = like(x)
    return None if out is None else (out, new_meta((c,), x), new_meta((c,), x))


def _group_norm_shape(args: tuple) -> tuple[torch.Tensor, ...] | None:
    """native_group_norm(x, weight, bias, N, C, HxW, groups, eps)."""
    x, weight, bias, n, c, hw, groups = args[:7]
    if (x.dtype not in (torch.float32, torch.float64) or x.dim() < 2 or c % groups
            or x.shape[0] != n or x.shape[1] != c or x.numel() != n * c * hw
            or any(t is not None and tuple(t.shape) != (c,) for t in (weight, bias))):
        return None
    return new_meta(x.shape, x), new_meta((n, groups), x), new_meta((n, groups), x)


def _masked_fill_shape(args: tuple) -> torch.Tensor | None:
    x, mask = args[0], args[1]
    if mask.dtype != torch.bool or broadcast(x.shape, mask.shape) != tuple(x.shape):
        return None
    return new_meta(x.shape, x)


def _view_size(size: Any, numel: int) -> list[int] | None:
    """``size`` with its -1 worked out from ``numel``, or None when it does not fit."""
    size = list(size)
    known = math.prod(s for s in size if s != -1)
    holes = size.count(-1)
    if holes > 1 or min(size, default=0) < -1 or holes and (known == 0 or numel % known):
        return None
    if holes:
        size[size.index(-1)] = numel // known
    return size if math.prod(size) == numel else None


def _unsafe_view_shape(args: tuple) -> torch.Tensor | None:
    """_unsafe_view(x, size): how reshape and matmul give their fresh, contiguous results a new shape."""
    x = args[0]
    size = _view_size(args[1], x.numel())
    return new_meta(size, x) if size is not None and x.is_contiguous() else None


def _pad_shape(args: tuple) -> torch.Tensor | None:
    """constant_pad_nd(x, pad, value): F.pad's zeros around the last len(pad) / 2 dimensions; contiguous unless
    x suggests channels-last (no padding at all is a clone: torch decides its layout)."""
    x, pad = args[0], list(args[1])
    if (not any(pad) or len(pad) % 2 or len(pad) > 2 * x.dim() or min(pad) < 0
            or x.dim() in (4, 5) and channels_last_like(x)):
        return None
    shape = list(x.shape)
    for i in range(len(pad) // 2):
        shape[-1 - i] += pad[2 * i] + pad[2 * i + 1]
    return new_meta(shape, x)


def _factory_dtype(kwargs: dict, default: torch.dtype) -> torch.dtype | None:
    """The dtype of a new meta tensor from the usual keyword arguments, or None for anything else."""
    if (kwargs.keys() - {"dtype", "layout", "device", "pin_memory"} or kwargs.get("layout") not in (None, torch.strided)
            or kwargs.get("pin_memory") or kwargs.get("device") not in (None, META)):
        return None
    return kwargs.get("dtype") or default


def _new_zeros_kwargs(args: tuple, kwargs: dict) -> torch.Tensor | None:
    """x.new_zeros(size): contiguous, x's dtype unless told."""
    x, size = args[0], args[1]
    dtype = _factory_dtype(kwargs, x.dtype)
    return None if dtype is None or min(size, default=0) < 0 else new_meta(size, x, dtype)


def _scalar_tensor_kwargs(args: tuple, kwargs: dict) -> torch.Tensor | None:
    """scalar_tensor(number) on the meta device (x[i:j] = number): a 0-dim tensor, the default dtype unless told."""
    dtype = _factory_dtype(kwargs, torch.get_default_dtype())
    if dtype is None or kwargs.get("device") != META:
        return None
    with torch._C._ExcludeDispatchKeyGuard(NO_MODES):
        return torch.empty((), dtype=dtype, device=META)


SHAPES: dict[Any, Callable[[tuple], Any]] = {
    aten.mm.default: _mm_shape, aten.addmm.default: _mm_shape, aten.bmm.default: _bmm_shape,
    aten.cat.default: _cat_shape,
    aten.mean.dim: _mean_shape, aten.sum.dim_IntList: _mean_shape, aten.linalg_vector_norm.default: _norm_shape,
    aten._softmax.default: _softmax_shape, aten._log_softmax.default: _softmax_shape,
    aten._safe_softmax.default: _softmax_shape,
    aten.native_layer_norm.default: _layer_norm_shape, aten.native_batch_norm.default: _batch_norm_shape,
    aten.native_group_norm.default: _group_norm_shape,
    aten.masked_fill.Scalar: _masked_fill_shape, aten.roll.default: lambda a: new_meta(a[0].shape, a[0]),
    aten.clone.default: _same, aten.index.Tensor: _index_shape, aten._trilinear.default: _trilinear_shape,
    aten.pow.Tensor_Scalar: _scalar, aten._unsafe_view.default: _unsafe_view_shape,
    aten.constant_pad_nd.default: _pad_shape,
}
# elementwise ops of one tensor (plus scalars): activations, clamps, exp ... and their in-place forms
for _name in ("relu", "sigmoid", "tanh", "hardswish", "hardsigmoid", "hardtanh", "silu", "gelu", "mish", "elu",
              "leaky_relu", "celu", "selu", "softplus", "clamp", "clamp_min", "clamp_max", "neg", "exp", "sqrt",
              "rsqrt", "abs", "erf", "reciprocal"):
    for _overload, _rule in ((getattr(aten, _name, None), _same), (getattr(aten, _name + "_", None), _in_place)):
        if _overload is not None and hasattr(_overload, "default"):
            SHAPES[_overload.default] = _rule
for _name in ("add", "sub", "mul", "div"):
    SHAPES[getattr(aten, _name).Tensor] = _binary(in_place=False)
    SHAPES[getattr(aten, _name + "_").Tensor] = _binary(in_place=True)
    SHAPES[getattr(aten, _name).Scalar] = _scalar
for _name in ("eq", "ne", "lt", "le", "gt", "ge"):
    SHAPES[getattr(aten, _name).Scalar] = _compare
# ops that usually come with keyword arguments
KWARGS_SHAPES = {aten.clone.default: _clone_kwargs, aten.new_zeros.default: _new_zeros_kwargs,
                 aten.scalar_tensor.default: _scalar_tensor_kwargs}
