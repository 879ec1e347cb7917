"""The layers most models are made of, computed by formula: no op runs, no meta kernel is called.

Conv, Linear, pooling, Flatten, BatchNorm/GroupNorm/LayerNorm, PReLU, activations, dropout, RNNs and their cells
(``ANALYTIC``, by exact type: a subclass may override forward, and then it runs). Each function does torch's
input checks, gives the output by formula, adds the layer's MACs to the counter's current frame and carries the
receptive field. Anything unusual (channels-last input, another dtype, a padding mode) takes the layer's real
forward instead, op by op. Layers here are only read, so the copy uses them in place (``READ_ONLY``).
"""
from __future__ import annotations

import functools
import math
from typing import TYPE_CHECKING, Any, Callable

import torch
from torch import nn

from cnnlab.errors import LayerError, term
from cnnlab.summary.errors import Refused, too_small
from cnnlab.summary.ops import GLOBAL, flattens
from cnnlab.summary.layout import new_meta, plain
from cnnlab.summary.windows import pool_spatial, window_sizes

if TYPE_CHECKING:
    from cnnlab.summary.counter import Counter


def _keep(counter: Counter, module: nn.Module, x: torch.Tensor, *args: Any, **kwargs: Any) -> torch.Tensor:
    """Activations, dropout, Identity: the output has exactly the input's shape (the input itself here)."""
    return x


def _dropout1d(counter: Counter, module: nn.Module, x: torch.Tensor) -> torch.Tensor:
    if x.dim() not in (2, 3):
        raise RuntimeError(f"dropout1d: Expected 2D or 3D input, but received a {x.dim()}D input")
    return x


def _channels(module: nn.Module, expected: int, got: int) -> None:
    if expected != got:
        raise Refused("channel_mismatch", term("errors.d_channels", type=type(module).__name__, expected=expected,
                                               got=got), expected=expected, got=got)


def _batch_norm(counter: Counter, module: nn.Module, x: torch.Tensor) -> torch.Tensor:
    module._check_input_dim(x)  # torch's own ValueError, e.g. "expected 4D input (got 2D input)"
    if module.weight is not None or module.running_mean is not None:
        _channels(module, module.num_features, x.shape[1])
    return x


def _group_norm(counter: Counter, module: nn.Module, x: torch.Tensor) -> torch.Tensor:
    if x.dim() < 2:
        raise ValueError(f"Expected at least 2 dimensions for input tensor but received {x.dim()}")
    if x.shape[1] % module.num_groups:
        raise Refused("channel_mismatch", term("errors.d_groups", channels=x.shape[1], groups=module.num_groups),
                      groups=module.num_groups, got=x.shape[1])
    if module.affine:
        _channels(module, module.num_channels, x.shape[1])
    return x


def _layer_norm(counter: Counter, module: nn.LayerNorm, x: Any) -> Any:
    """nn.LayerNorm: the input's shape, laid out contiguously (as native_layer_norm gives it)."""
    k, weight = len(module.normalized_shape), module.weight
    if (not isinstance(x, torch.Tensor) or x.dtype not in (torch.float32, torch.float64) or x.dim() < k
            or tuple(x.shape[x.dim() - k:]) != tuple(module.normalized_shape)
            or weight is not None and weight.dtype != x.dtype):
        return type(module).forward(module, x)  # torch's own checks and errors
    out = new_meta(x.shape, x)
    counter.follow(x, out)
    return out


def _prelu(counter: Counter, module: nn.Module, x: torch.Tensor) -> torch.Tensor:
    if module.num_parameters != 1:
        _channels(module, module.num_parameters, x.shape[1] if x.dim() > 1 else 1)
    return x


_GATES = {"RNN_TANH": 1, "RNN_RELU": 1, "GRU": 3, "LSTM": 4}


def _rnn(counter: Counter, module: nn.RNNBase, input: Any, hx: Any = None) -> Any:
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
    output = new_meta(out_shape, x)
    h_n = new_meta((module.num_layers * directions, batch, h_out), x)
    c_n = new_meta((module.num_layers * directions, batch, module.hidden_size), x)
    if not batched:
        output, h_n, c_n = output.squeeze(batch_dim), h_n.squeeze(1), c_n.squeeze(1)
    for t in (output, h_n, c_n):
        counter.follow(input, t, GLOBAL)
    return output, ((h_n, c_n) if lstm else h_n)


def _cell(counter: Counter, module: nn.RNNCellBase, input: torch.Tensor, hx: Any = None) -> Any:
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
    h = new_meta(expected, input)
    return (h, new_meta(expected, input)) if lstm else h


def _listed(value: Any, n: int) -> list[int]:
    return [value] * n if isinstance(value, int) else list(value)


# The layers most models are made of, by formula: no op dispatch at all. Anything unusual (channels-last
# input, another dtype, a padding mode) takes the layer's real forward instead, op by op.
def _conv(counter: Counter, module: nn.Module, x: Any, *rest: Any) -> Any:
    n = len(module.kernel_size)
    weight = module._parameters.get("weight")
    if weight is None:  # pruned or reparametrised: computed by a hook
        weight = module.weight
    if (rest or not isinstance(x, torch.Tensor) or x.dim() != n + 2 or module.padding_mode != "zeros"
            or x.dtype != weight.dtype or not x.is_contiguous()):
        return type(module).forward(module, x, *rest)
    _channels(module, module.in_channels, x.shape[1])
    if module.padding == "same":
        spatial = list(x.shape[2:])
    else:
        padding = [0] * n if module.padding == "valid" else module.padding
        windows = list(zip(x.shape[2:], module.kernel_size, module.stride, padding, module.dilation))
        try:
            spatial = window_sizes(windows)
        except LayerError:
            raise too_small(windows) from None
    out = new_meta((x.shape[0], module.out_channels, *spatial), x)
    counter.stack[-1].macs += out.numel() * (module.in_channels // module.groups) * math.prod(module.kernel_size)
    counter.window(x, out, module.kernel_size[0], module.stride[0], module.dilation[0])
    return out


def _linear(counter: Counter, module: nn.Linear, x: Any) -> Any:
    if not isinstance(x, torch.Tensor) or x.dim() == 0 or x.dtype != module.weight.dtype or not x.is_contiguous():
        return type(module).forward(module, x)
    if x.shape[-1] != module.in_features:
        raise Refused("shape_mismatch", term("errors.d_features", expected=module.in_features, got=x.shape[-1]),
                      expected=module.in_features, got=x.shape[-1])
    out = new_meta((*x.shape[:-1], module.out_features), x)
    counter.stack[-1].macs += math.prod(x.shape[:-1]) * module.in_features * module.out_features
    counter.follow(x, out)
    return out


_POOL_DIMS = {nn.MaxPool1d: 1, nn.MaxPool2d: 2, nn.MaxPool3d: 3, nn.AvgPool1d: 1, nn.AvgPool2d: 2, nn.AvgPool3d: 3,
              nn.AdaptiveAvgPool1d: 1, nn.AdaptiveAvgPool2d: 2, nn.AdaptiveAvgPool3d: 3}


def _pool(n: int, counter: Counter, module: nn.Module, x: Any) -> Any:
    is_max = isinstance(module, (nn.MaxPool1d, nn.MaxPool2d, nn.MaxPool3d))
    kernel, stride = _listed(module.kernel_size, n), _listed(module.stride, n)
    dilation = _listed(module.dilation, n) if is_max else [1] * n
    spatial = None
    if (isinstance(x, torch.Tensor) and plain(x) and x.is_floating_point()
            and getattr(module, "divisor_override", None) is None
            and (is_max or n < 3 or all(s >= k for s, k in zip(x.shape[-3:], kernel)))):
        spatial = pool_spatial(x, n, kernel, stride, _listed(module.padding, n), dilation, module.ceil_mode)
    if spatial is None:
        return type(module).forward(module, x)
    out = new_meta((*x.shape[:-n], *spatial), x)
    counter.window(x, out, kernel[0], stride[0], dilation[0])
    return (out, new_meta(out.shape, x, torch.int64)) if is_max and module.return_indices else out


def _adaptive_pool(n: int, counter: Counter, module: nn.Module, x: Any) -> Any:
    if not isinstance(x, torch.Tensor) or not plain(x) or x.dim() not in (n + 1, n + 2):
        return type(module).forward(module, x)
    size = [x.shape[-n + i] if s is None else s for i, s in enumerate(_listed(module.output_size, n))]
    if min(size) < 1 or 0 in x.shape:
        return type(module).forward(module, x)
    out = new_meta((*x.shape[:-n], *size), x)
    counter.adaptive(x, out, n)
    return out


def _flatten(counter: Counter, module: nn.Flatten, x: Any) -> Any:
    if not isinstance(x, torch.Tensor) or not x.is_contiguous() or x.dim() == 0:
        return type(module).forward(module, x)
    nd = x.dim()
    if not (-nd <= module.start_dim < nd and -nd <= module.end_dim < nd):
        return type(module).forward(module, x)  # torch's own IndexError
    start, end = module.start_dim % nd, module.end_dim % nd
    if start > end:
        return type(module).forward(module, x)
    out = new_meta((*x.shape[:start], math.prod(x.shape[start:end + 1]), *x.shape[end + 1:]), x)
    counter.follow(x, out, GLOBAL if flattens(x, out) else None)
    return out


# Exact types only: a subclass may override forward, and then it runs.
ANALYTIC: dict[type, Callable[..., Any]] = {
    nn.Conv1d: _conv, nn.Conv2d: _conv, nn.Conv3d: _conv, nn.Linear: _linear, nn.Flatten: _flatten,
    nn.BatchNorm1d: _batch_norm, nn.BatchNorm2d: _batch_norm, nn.BatchNorm3d: _batch_norm,
    nn.SyncBatchNorm: _batch_norm, nn.GroupNorm: _group_norm, nn.LayerNorm: _layer_norm, nn.PReLU: _prelu,
    nn.Dropout1d: _dropout1d,
    nn.RNN: _rnn, nn.GRU: _rnn, nn.LSTM: _rnn, nn.RNNCell: _cell, nn.GRUCell: _cell, nn.LSTMCell: _cell,
}
for _cls, _dims in _POOL_DIMS.items():
    ANALYTIC[_cls] = functools.partial(_adaptive_pool if _cls.__name__.startswith("Adaptive") else _pool, _dims)
for _cls in (nn.ReLU, nn.ReLU6, nn.LeakyReLU, nn.ELU, nn.SELU, nn.CELU, nn.GELU, nn.SiLU, nn.Mish, nn.Sigmoid,
             nn.Tanh, nn.Hardswish, nn.Hardsigmoid, nn.Hardtanh, nn.Softplus, nn.Dropout, nn.Dropout2d,
             nn.Dropout3d, nn.AlphaDropout, nn.Identity):
    ANALYTIC[_cls] = _keep
# Layers that are read and never written, even when they fall back to their real forward (which touches no
# attribute): the counter uses them in place (see Copy). RNNs are not: their forward rewrites _flat_weights.
READ_ONLY = frozenset(ANALYTIC) - {nn.RNN, nn.GRU, nn.LSTM}
