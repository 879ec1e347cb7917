"""Per-layer summary of any nn.Module: output shape, parameters, MACs and receptive field.

How it works (and why it is fast): the model runs once on the *meta* device — shapes only, no arithmetic — as
a private structural copy (``copy.py``), so the caller's model is never written to. A ``TorchDispatchMode``
(``counter.py``) sees every ATen op: it counts multiply-adds for convolutions and matrix products, attributes
each parameter to the module that first *uses* it, and carries a receptive field along every tensor, through
residual adds and concatenations. The layers most models are made of are computed by formula without running
an op (``layers.py``); many other ops get their output shape by formula instead of torch's slow Python meta
kernels (``shapes.py``, ``windows.py``), all gathered in one per-operator table, the extension point
(``ops.py``). A failure becomes a ``LayerError`` with the layer and a reason as data (``errors.py``).

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

import torch
from torch import nn

from cnnlab.errors import LayerError
from cnnlab.summary.copy import Copy
from cnnlab.summary.counter import Counter, first_tensor, numel_or_zero
from cnnlab.summary.errors import as_layer_error, checked_size
from cnnlab.summary.result import CONVENTION, LayerRow, Summary

__all__ = ["summarize", "Summary", "LayerRow", "CONVENTION"]


def summarize(model: nn.Module, input_size: tuple[int, ...] | int = (3, 224, 224), *,
              name: str | None = None) -> Summary:
    """Summarize ``model`` on one input of shape ``input_size`` (no batch dimension) without running real math.

    ``model`` is left exactly as it was. Every failure is a :class:`LayerError` with ``layer``, ``layer_type``
    and ``reason`` as data (worded, with the fix, by ``cnnlab.i18n.errors``).
    """
    size = checked_size(input_size)
    title = name or type(model).__name__
    if not isinstance(model, nn.Module):
        raise LayerError("not_a_module", title=title)
    counter = None
    try:
        copy = Copy(model)
        counter = Counter(title, copy)
        dtype = next((s.dtype for *_, own in copy.modules for s in own if s.is_floating_point()),
                     torch.float32)  # a model in half precision gets a half-precision input
        x = torch.zeros((1, *size), dtype=dtype, device="meta")
        counter.set_info(x, (1, 1))
        with torch.no_grad(), counter:
            output = copy.root(x)
    except Exception as exc:  # noqa: BLE001 - every failure becomes one LayerError that names the layer
        raise as_layer_error(exc, counter, title, size) from exc

    layers = [r for r in counter.rows if r is not None]
    # Parameters of modules that never ran (e.g. GoogLeNet's auxiliary heads in eval mode) still count.
    for (mod_name, original, _clone, own), info in zip(copy.modules, counter.infos):
        unused = sum(numel_or_zero(s) for s in own if counter.param_ids.pop(id(s), None) is not None)
        if unused:
            layers.append(LayerRow(mod_name or title, type(original).__name__, (), unused, 0,
                                   depth=mod_name.count(".") + 1 if mod_name else 0, executed=info.called))
    unique = {id(s): s for *_, own in copy.modules for s in own}  # a shared parameter counts once
    total = sum(numel_or_zero(s) for s in unique.values())
    trainable = sum(numel_or_zero(s) for i, s in unique.items() if copy.trainable[i])
    out = first_tensor(output)
    summary = Summary(
        model=title, input_size=size, layers=layers, total_params=total,
        total_macs=sum(r.macs for r in layers), output_shape=tuple(out.shape[1:]) if out is not None else (),
        trainable_params=trainable,
    )
    assert sum(r.params for r in layers) == total, "every parameter is counted exactly once"
    return summary
