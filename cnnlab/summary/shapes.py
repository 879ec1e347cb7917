"""Output shapes by formula for ATen ops whose meta kernels are slow: elementwise, reductions, norms, matmul.

torch's meta kernels for many ops are Python decompositions (0.1–3 ms each: layer norm, softmax, elementwise
ops with broadcasting). Each function here takes the op's positional arguments and returns its output (meta
tensors with torch's shape, dtype and memory layout — a later ``.view()`` depends on the layout) for the
ordinary case, and None for anything unusual; the real kernel then decides and raises torch's own error.
Sliding-window ops (conv, pooling, upsampling) are in ``windows.py``. tests/test_summary.py checks every entry
against the real meta kernel.
"""
from __future__ import annotations

from typing import Any, Callable

import torch

aten = torch.ops.aten
META = torch.device("meta")
_NO_MODES = torch._C.DispatchKeySet(torch._C.DispatchKey.Python)


def new_meta(shape: Any, like: torch.Tensor, dtype: torch.dtype | None = None) -> torch.Tensor:
    """An output tensor, made without passing through the counter (a layer computed by formula runs while
    the counter is active: torch.empty would cost a full trip through it, ~20× the tensor itself)."""
    with torch._C._ExcludeDispatchKeyGuard(_NO_MODES):
        return torch.empty(shape, dtype=dtype or like.dtype, device=META)


def broadcast(a: Any, b: Any) -> tuple[int, ...] | None:
    """numpy/torch broadcasting of two shapes, or None when they do not broadcast."""
    n = max(len(a), len(b))
    a, b = (1,) * (n - len(a)) + tuple(a), (1,) * (n - len(b)) + tuple(b)
    out = []
    for x, y in zip(a, b):
        if x != y and y != 1 and x != 1:
            return None
        out.append(y if x == 1 else x)
    return tuple(out)


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
    return new_meta(shape, first)


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
            return torch.empty_strided(x.shape, x.stride(), dtype=dtype or x.dtype, device=META)
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
        return new_meta(args[0].shape, args[0])
    return _like(args[0]) if fmt is torch.preserve_format else None


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
        out = broadcast(a.shape, b.shape)
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
            return new_meta(out, full)
        voting = sum(o == s for o, s in zip(other.shape[::-1], out[::-1]))
        return _like(full) if voting <= 1 else None
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
    out = _like(x)
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
    aten.pow.Tensor_Scalar: _scalar,
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
KWARGS_SHAPES = {aten.clone.default: _clone_kwargs}  # ops that usually come with keyword arguments
