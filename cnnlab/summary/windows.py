"""Output shapes by formula for sliding-window ATen ops: convolution, pooling, upsampling, unpooling.

The same contract as ``shapes.py`` (the op's output for the ordinary case, None to let torch's kernel decide);
sizes come from ``cnnlab.arithmetic.output_size``, the one home of the formula. ``pool_spatial`` also serves
the pooling layers computed by formula (``layers.py``), ``per_dim`` the error messages (``errors.py``).
"""
from __future__ import annotations

from typing import Any, Callable, Iterable

import torch

from cnnlab.arithmetic import output_size
from cnnlab.errors import LayerError
from cnnlab.summary.layout import new_meta, plain
from cnnlab.summary.shapes import aten


def per_dim(values: Any, n: int) -> list[int] | None:
    """A conv/pool argument for n spatial dims: torch passes one value for all (e.g. padding="valid" → [0])."""
    values = list(values)
    if len(values) == 1:
        values *= n
    return values if len(values) == n else None


def window_sizes(windows: Iterable[tuple[int, ...]], ceil_mode: bool = False) -> list[int]:
    """The output size of each (size, kernel, stride, padding, dilation) by ``arithmetic.output_size``; its
    LayerError when a window does not fit."""
    return [output_size(n, k, s, p, d, ceil_mode) for n, k, s, p, d in windows]


def _conv_shape(args: tuple) -> torch.Tensor | None:
    """A valid, non-transposed convolution (the slowest meta kernel of a CNN, ~0.1 ms)."""
    x, w, _, stride, padding, dilation, transposed, _, groups = args
    if transposed or x.dim() != w.dim() or x.shape[1] != w.shape[1] * groups or w.shape[0] % groups:
        return None
    n = x.dim() - 2
    stride, padding, dilation = per_dim(stride, n), per_dim(padding, n), per_dim(dilation, n)
    if stride is None or padding is None or dilation is None:
        return None
    try:
        spatial = window_sizes(zip(x.shape[2:], w.shape[2:], stride, padding, dilation))
    except LayerError:
        return None
    return new_meta((x.shape[0], w.shape[0], *spatial), x)


def pool_spatial(x: torch.Tensor, n: int, kernel: Any, stride: Any, padding: Any, dilation: Any,
                  ceil_mode: bool) -> list[int] | None:
    """Pooling output sizes (torch: padding at most half the kernel; ceil_mode's last window starts inside)."""
    if x.dim() not in (n + 1, n + 2):
        return None
    k = per_dim(kernel, n)
    s = per_dim(stride, n) if stride else k
    p, d = per_dim(padding, n), per_dim(dilation, n)
    if k is None or s is None or p is None or d is None or any(2 * pi > ki for pi, ki in zip(p, k)):
        return None
    try:
        return window_sizes(zip(x.shape[-n:], k, s, p, d), ceil_mode)
    except LayerError:
        return None


def _max_pool(n: int) -> Callable[[tuple], Any]:
    def shape(args: tuple) -> tuple[torch.Tensor, torch.Tensor] | None:
        x = args[0]
        spatial = pool_spatial(x, n, args[1], args[2] if len(args) > 2 else (), args[3] if len(args) > 3 else [0],
                                args[4] if len(args) > 4 else [1], bool(args[5]) if len(args) > 5 else False)
        if spatial is None or not plain(x):
            return None
        out = (*x.shape[:-n], *spatial)
        return new_meta(out, x), new_meta(out, x, torch.int64)
    return shape


def _avg_pool(n: int) -> Callable[[tuple], Any]:
    def shape(args: tuple) -> torch.Tensor | None:
        x = args[0]
        if len(args) > 6 and args[6] is not None:  # divisor_override: let torch check it
            return None
        spatial = pool_spatial(x, n, args[1], args[2] if len(args) > 2 else (), args[3] if len(args) > 3 else [0],
                                [1], bool(args[4]) if len(args) > 4 else False)
        if spatial is None or not plain(x) or n == 3 and any(s < k for s, k in zip(x.shape[-3:], args[1])):
            return None  # avg_pool3d also wants the unpadded input to hold the window
        return new_meta((*x.shape[:-n], *spatial), x)
    return shape


def _upsample_shape(args: tuple) -> torch.Tensor | None:
    """upsample_*.default(x, output_size, ...): F.interpolate has already resolved scale factors to sizes."""
    x, size = args[0], args[1]
    if size is None or not plain(x) or x.dim() != len(size) + 2 or min(size, default=0) < 1:
        return None
    return new_meta((*x.shape[:2], *size), x)


def _adaptive_shape(args: tuple) -> torch.Tensor | None:
    x, size = args[0], list(args[1])
    if not plain(x) or x.dim() not in (len(size) + 1, len(size) + 2) or min(size, default=0) < 1:
        return None
    return new_meta((*x.shape[:-len(size)], *size), x)


def _unpool_shape(args: tuple) -> torch.Tensor | None:
    """max_unpool2d/3d(x, indices, output_size, ...): the pooled map spread back to output_size."""
    x, indices, size = args[0], args[1], list(args[2])
    if (indices.shape != x.shape or indices.dtype != torch.int64 or x.dim() not in (len(size) + 1, len(size) + 2)
            or min(size, default=0) < 1 or not plain(x)):
        return None
    return new_meta((*x.shape[:-len(size)], *size), x)


SHAPES: dict[Any, Callable[[tuple], Any]] = {
    aten.convolution.default: _conv_shape,
    aten.max_pool2d_with_indices.default: _max_pool(2), aten.max_pool3d_with_indices.default: _max_pool(3),
    aten.avg_pool2d.default: _avg_pool(2), aten.avg_pool3d.default: _avg_pool(3),
    aten._adaptive_avg_pool2d.default: _adaptive_shape, aten._adaptive_avg_pool3d.default: _adaptive_shape,
    aten.max_unpool2d.default: _unpool_shape, aten.max_unpool3d.default: _unpool_shape,
}
for _name in ("upsample_nearest1d", "upsample_nearest2d", "upsample_nearest3d", "_upsample_nearest_exact1d",
              "_upsample_nearest_exact2d", "_upsample_nearest_exact3d", "upsample_linear1d", "upsample_bilinear2d",
              "upsample_trilinear3d", "upsample_bicubic2d", "_upsample_bilinear2d_aa", "_upsample_bicubic2d_aa"):
    if hasattr(aten, _name):
        SHAPES[getattr(aten, _name).default] = _upsample_shape
