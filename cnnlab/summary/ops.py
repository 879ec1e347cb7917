"""The per-operator table, the extension point (as in fvcore): for each ATen op, how the counter treats it.

``OPS[id(op)]`` = (output shape by formula, the same for calls with keyword arguments, MAC rule, receptive-field
rule, the op's kernel as a Tensor method). An op missing from the table runs torch's own meta kernel, counts no MACs and passes on the largest
receptive field of its inputs. To teach summarize a new op: add its shape formula to ``shapes.py`` or
``windows.py`` (with a case in the property test), its MAC rule to ``MAC_RULES`` or its rule to ``_RF_RULES``.
"""
from __future__ import annotations

import math
from typing import Any, Callable

import torch

from cnnlab.summary import shapes, windows
from cnnlab.summary.shapes import aten, trilinear_terms

GLOBAL = "global"  # receptive-field marker: the tensor depends on the whole input
FAST_SHAPES: dict[Any, Callable[[tuple], Any]] = {**shapes.SHAPES, **windows.SHAPES}
KWARGS_SHAPES = shapes.KWARGS_SHAPES


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


def _trilinear_macs(args: tuple, out: Any) -> int:
    """nn.Bilinear's op: one multiply-add per term of Σ x1ᵢ·Wₒᵢⱼ·x2ⱼ, i.e. batch·out·in1·in2."""
    return math.prod(trilinear_terms(args) or (0,))


MAC_RULES: dict[Any, Callable[[tuple, Any], int]] = {
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
        MAC_RULES[getattr(aten, _name).default] = _attention_macs


# ---------------------------------------------------------------------------- receptive-field propagation
def window_of(op_args: tuple, kind: str) -> tuple[int, int, int] | None:
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


def flattens(x: torch.Tensor, out: torch.Tensor) -> bool:
    """Positions folded into features (an image flattened for a linear layer): the next layer sees everything."""
    return x.dim() >= 3 and out.dim() < 3 and out.shape[0] == x.shape[0]


_WINDOW_OPS = {
    aten.convolution.default: "conv",
    aten.max_pool2d_with_indices.default: "maxpool",
    aten.avg_pool2d.default: "avgpool",
}
_GLOBAL_OPS = {aten.bmm.default, aten.baddbmm.default, aten.mean.dim, aten.sum.dim_IntList}
_GLOBAL_OPS |= {op for op in MAC_RULES if op not in (aten.convolution.default, aten.mm.default, aten.addmm.default)}
_ADAPTIVE_OPS = {aten._adaptive_avg_pool2d.default, aten.adaptive_max_pool2d.default}
_VIEW_OPS = {aten.view.default, aten._unsafe_view.default, aten.reshape.default}

# ------------------------------------------------------------------------------------------------ kernels
# Views and small ops that run torch's own kernel, called as Tensor methods with the op's positional arguments:
# the same kernel, but Tensor's argument parser costs ~1 µs less per call than an OpOverload's (Swin: ~500 calls).
METHODS: dict[Any, Callable[..., Any]] = {
    aten.view.default: torch.Tensor.view, aten.expand.default: torch.Tensor.expand,
    aten.permute.default: torch.Tensor.permute, aten.transpose.int: torch.Tensor.transpose,
    aten.unsqueeze.default: torch.Tensor.unsqueeze, aten.select.int: torch.Tensor.select,
    aten.t.default: torch.Tensor.t, aten.copy_.default: torch.Tensor.copy_,
}

# One lookup per op, keyed by id (an OpOverload hashes in Python): (shape formula, the same with keyword
# arguments, MAC rule, receptive-field rule, kernel as a method)
_RF_RULES: dict[Any, str] = {**_WINDOW_OPS, **dict.fromkeys(_GLOBAL_OPS, "global"),
                             **dict.fromkeys(_ADAPTIVE_OPS, "adaptive"), **dict.fromkeys(_VIEW_OPS, "view")}
OPS: dict[int, tuple[Any, Any, Any, str | None, Any]] = {
    id(op): (FAST_SHAPES.get(op), KWARGS_SHAPES.get(op), MAC_RULES.get(op), _RF_RULES.get(op), METHODS.get(op))
    for op in {*FAST_SHAPES, *KWARGS_SHAPES, *MAC_RULES, *_RF_RULES, *METHODS}}
OTHER_OP = (None, None, None, None, None)
