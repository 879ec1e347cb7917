"""How torch lays out the outputs of ops: the rules the output-shape formulas share, and how to make a tensor.

An output is a meta tensor with torch's shape, dtype and strides (a later ``.view()`` depends on the strides).
Elementwise ops follow their operands' layout (``elementwise_order``: torch's
``compute_elementwise_output_logical_to_physical_perm``, step by step); ``new_meta`` makes a tensor without a
trip through the counter.
"""
from __future__ import annotations

import math
from typing import Any

import torch

META = torch.device("meta")
NO_MODES = torch._C.DispatchKeySet(torch._C.DispatchKey.Python)


def new_meta(shape: Any, like: torch.Tensor, dtype: torch.dtype | None = None) -> torch.Tensor:
    """An output tensor, made without passing through the counter (a layer computed by formula runs while
    the counter is active: torch.empty would cost a full trip through it, ~20× the tensor itself)."""
    with torch._C._ExcludeDispatchKeyGuard(NO_MODES):
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


def channels_last_like(t: torch.Tensor) -> bool:
    """Strides that suggest channels-last (torch's ``are_strides_like_channels_last``: C innermost, then W, H (D), N)."""
    shape, strides = t.shape, t.stride()
    if strides[1] == 0:
        return False
    smallest = 0
    for d in (1, 3, 2, 0) if t.dim() == 4 else (1, 4, 3, 2, 0):
        if shape[d] == 0 or strides[d] < smallest or d == 0 and smallest == strides[1]:
            return False
        smallest = strides[d] * shape[d]
    return True


def plain(t: torch.Tensor) -> bool:
    """Contiguous and not also channels-last-like (a permuted 1×C×1×1 map is both): only then is a fresh contiguous
    output torch's layout for a pooled or resized map; otherwise torch decides (it may pick channels-last)."""
    return t.is_contiguous() and not (t.dim() in (4, 5) and channels_last_like(t))


def _packed(shape: Any, strides: Any, order: Any, ones_too: bool = False) -> bool:
    """No gaps and no overlaps with the dimensions lying in memory in ``order``, innermost first: each stride is
    the product of the sizes inside it (a size-1 dimension's stride is free unless ``ones_too``)."""
    expected = 1
    for d in order:
        size = shape[d]
        if (ones_too or size != 1) and strides[d] != expected:
            return False
        expected *= size
    return True


def dense(t: torch.Tensor) -> bool:
    """No gaps and no overlaps (contiguous in some order of the dimensions, e.g. a permuted tensor)."""
    strides = t.stride()
    return _packed(t.shape, strides, sorted(range(len(strides)), key=strides.__getitem__))


def elementwise_order(shape: tuple[int, ...], operands: list[tuple[int, ...]]) -> list[int]:
    """The order, outermost first, in which an elementwise op lays out its output dimensions, from its operands'
    strides broadcast to ``shape``: torch's ``compute_elementwise_output_logical_to_physical_perm``, step by step
    (contiguous or channels-last operands first; otherwise an insertion sort that the first operand with two
    different non-zero strides decides, a tie going to the smaller dimension)."""
    nd = len(shape)
    contiguous = math.prod(shape) < 2 or all(_packed(shape, s, range(nd - 1, -1, -1)) for s in operands)
    channels_last = nd == 4 and all(_packed(shape, s, (1, 3, 2, 0)) for s in operands)
    if nd < 2 or contiguous and not channels_last:
        return list(range(nd))
    if channels_last and not contiguous:
        return [0, 2, 3, 1]

    def swap(a: int, b: int) -> int:
        for s in operands:
            sa, sb = s[a], s[b]
            if sa == 0 or sb == 0:
                continue
            if sa == sb:
                if shape[a] == 0 or shape[b] != 0 and shape[b] >= shape[a]:
                    continue
                return 1
            return -1 if sb > sa else 1
        return 0

    perm = list(range(nd - 1, -1, -1))
    for i in range(1, nd):
        j = i
        for k in range(i - 1, -1, -1):
            order = swap(perm[k], perm[j])
            if order > 0:
                perm[k], perm[j] = perm[j], perm[k]
                j = k
            elif order < 0:
                break
    return perm[::-1]


def laid_out(shape: tuple[int, ...], order: list[int], like: torch.Tensor,
              dtype: torch.dtype | None = None) -> torch.Tensor:
    """A dense tensor whose dimensions lie in memory in ``order`` (``torch.empty_permuted``)."""
    strides, step = [0] * len(shape), 1
    for d in reversed(order):
        strides[d], step = step, step * max(shape[d], 1)
    with torch._C._ExcludeDispatchKeyGuard(NO_MODES):
        return torch.empty_strided(shape, strides, dtype=dtype or like.dtype, device=META)


def expanded_strides(t: torch.Tensor, shape: tuple[int, ...]) -> tuple[int, ...]:
    """``t.expand(shape).stride()`` without the op: 0 where a dimension is repeated; a new leading dimension of
    size 1 gets the stride it would have in a contiguous tensor, as torch gives it."""
    if tuple(t.shape) == shape:
        return t.stride()
    strides, pad = [0] * len(shape), len(shape) - t.dim()
    inner = 1  # size × stride of the dimension to the right
    for i in range(len(shape) - 1, -1, -1):
        size, stride = (t.shape[i - pad], t.stride(i - pad)) if i >= pad else (1, inner)
        strides[i] = 0 if size != shape[i] else stride
        inner = shape[i] * strides[i]
    return tuple(strides)


def like(x: torch.Tensor, dtype: torch.dtype | None = None) -> torch.Tensor:
    """The output of an elementwise op on ``x`` alone: x's strides when it is dense, else dense in the order of
    x's strides. (``torch.empty_like`` is a slow Python decomposition on meta.)"""
    if x.is_contiguous() or dense(x):
        with torch._C._ExcludeDispatchKeyGuard(NO_MODES):
            return torch.empty_strided(x.shape, x.stride(), dtype=dtype or x.dtype, device=META)
    shape = tuple(x.shape)
    return laid_out(shape, elementwise_order(shape, [x.stride()]), x, dtype)


def canonical(t: torch.Tensor) -> bool:
    """Row-major strides in every dimension, size-1 ones included (they take part in torch's layout rules)."""
    return _packed(t.shape, t.stride(), range(t.dim() - 1, -1, -1), ones_too=True)
