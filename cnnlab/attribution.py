"""Which pixels drove a prediction: saliency, integrated gradients, Grad-CAM and occlusion, computed with captum.

    heat = attribute(model, x, target=3, method="gradcam")           # [H, W] in 0–1, finite, image-sized
    cost("occlusion", (1, 28, 28), window=4, stride=2)               # Cost(forward=170, backward=0)

Display convention: every map is the evidence *for* the target class, scaled to 0–1 on its own (1 = the
strongest pixel), so maps of different methods can be compared by where they point, not by their scale:

* saliency — |∂score/∂pixel|, the largest over the colour channels (captum's ``Saliency``);
* integrated gradients — attributions summed over channels, positive part (``IntegratedGradients``, black baseline);
* Grad-CAM — ReLU of the gradient-weighted maps of a conv layer, upsampled bilinearly (``LayerGradCam``);
* occlusion — how much the score drops when a black patch covers the pixel, positive part (``Occlusion``).

The model is only read — models are shared by every student of a class, and several may attribute at once: each
call works on a private copy (:func:`cnnlab.private.private_copy`, the same weights), which runs in eval mode with
in-place ReLUs switched off (they would overwrite the activations Grad-CAM differentiates through) and carries
captum's hooks. Cost is stated in passes of one image through the network, the unit a student can compare across
methods.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import torch
from captum.attr import IntegratedGradients, LayerAttribution, LayerGradCam, Occlusion, Saliency
from torch import nn

from cnnlab.arithmetic import output_size
from cnnlab.errors import CnnlabError
from cnnlab.private import private_copy

__all__ = ["METHODS", "AttributionError", "AttributionOptions", "Cost", "cost", "conv_layers", "occlusion_windows",
           "attribute"]

METHODS = ("saliency", "integrated_gradients", "gradcam", "occlusion")


class AttributionError(CnnlabError):
    """An attribution that cannot be computed as asked (unknown method or layer, window larger than the image)."""


@dataclass
class AttributionOptions:
    """Each method's setting, as the page's widgets choose them."""
    steps: int = 32              # integrated gradients
    layer: str | None = None     # Grad-CAM (None: the last convolution)
    window: int = 4              # occlusion patch side, pixels
    stride: int = 2              # occlusion patch step, pixels

    @classmethod
    def defaults(cls, side: int) -> "AttributionOptions":
        """A patch about one seventh of the image (28 → 4 px, 224 → 32 px), moved by half a patch."""
        window = max(2, side // 7)
        return cls(window=window, stride=max(1, window // 2))

    def cost(self, method: str, input_size: tuple[int, int, int]) -> "Cost":
        """Passes one attribution with these settings needs (see :func:`cost`)."""
        return cost(method, input_size, steps=self.steps, window=self.window, stride=self.stride)


@dataclass(frozen=True)
class Cost:
    forward: int    # images passed forward through the network
    backward: int   # images passed backward


def occlusion_windows(size: int, window: int, stride: int) -> int:
    """Window positions along one axis: ⌈(size − window) / stride⌉ + 1 — the pooling output size with
    ``ceil_mode`` (captum's rule: a last window flush with the edge covers the pixels a floor would leave out).

    The stride may not exceed the window (pixels between two windows would never be covered; captum refuses),
    unless one window covers the whole axis.
    """
    if window > size:
        raise AttributionError("window_too_big", window=window, size=size)
    if stride > window and window < size:
        raise AttributionError("stride_over_window", stride=stride, window=window)
    return output_size(size, window, stride, ceil_mode=True)


def cost(method: str, input_size: tuple[int, int, int], *, steps: int = 32, window: int = 8, stride: int = 4) -> Cost:
    """Forward and backward passes (in images) one attribution needs."""
    _check_method(method)
    if method == "integrated_gradients":
        return Cost(steps, steps)
    if method == "occlusion":
        _, h, w = input_size
        # every window position is one forward pass, plus one of the unoccluded image to compare with
        return Cost(occlusion_windows(h, window, stride) * occlusion_windows(w, window, stride) + 1, 0)
    return Cost(1, 1)


def conv_layers(model: nn.Module) -> list[str]:
    """Names of the model's ``nn.Conv2d`` layers, input side first (Grad-CAM's choices; the last is the usual)."""
    return [name for name, m in model.named_modules() if isinstance(m, nn.Conv2d)]


def _check_method(method: str) -> None:
    if method not in METHODS:
        raise AttributionError("unknown_method", method=method, choices=list(METHODS))


def _prepared(model: nn.Module, progress: Callable[[float], None] | None, total: int) -> nn.Module:
    """A private copy of ``model`` in eval mode, without in-place ReLUs, reporting progress in images."""
    copy = private_copy(model).eval()
    for m in copy.modules():
        if isinstance(m, (nn.ReLU, nn.ReLU6, nn.Hardtanh)) and m.inplace:
            m.inplace = False
    if progress is not None:
        seen = [0]

        def count(module: nn.Module, args: tuple) -> None:
            seen[0] += int(args[0].shape[0]) if args and torch.is_tensor(args[0]) else 1
            progress(min(1.0, seen[0] / max(total, 1)))

        copy.register_forward_pre_hook(count)
    return copy


def _positive_unit(heat: torch.Tensor) -> torch.Tensor:
    heat = torch.nan_to_num(heat.detach().float(), nan=0.0, posinf=0.0, neginf=0.0).clamp_min(0)
    top = heat.max()
    return heat / top if top > 0 else heat


def attribute(model: nn.Module, x: torch.Tensor, target: int, method: str, *, layer: str | None = None,
              steps: int = 32, window: int = 8, stride: int = 4, baseline: torch.Tensor | float = 0.0,
              progress: Callable[[float], None] | None = None) -> torch.Tensor:
    """One attribution map ``[H, W]`` in 0–1 for input ``x`` (``[1, C, H, W]``) and class ``target``.

    ``baseline`` is the "nothing here" input of integrated gradients and the patch of occlusion: give a black
    image in the model's normalisation (``cnnlab.pretrained.black_input``); 0 is the dataset's mean colour.
    """
    _check_method(method)
    if x.dim() != 4 or x.shape[0] != 1:
        raise AttributionError("one_image", shape=str(list(x.shape)))
    _, c, h, w = x.shape
    total = cost(method, (c, h, w), steps=steps, window=window, stride=stride).forward  # raises for bad windows
    if method == "gradcam":
        name = layer if layer is not None else (conv_layers(model) or [None])[-1]
        if name is None or not isinstance(dict(model.named_modules()).get(name), nn.Conv2d):
            raise AttributionError("not_conv_layer", layer=layer, choices=conv_layers(model) or ["–"])
    x = x.detach().float()
    base = torch.as_tensor(baseline, dtype=torch.float32).expand_as(x).contiguous()
    model = _prepared(model, progress, total)
    if method == "saliency":
        raw = Saliency(model).attribute(x.clone().requires_grad_(True), target=target, abs=True)
        heat = raw[0].amax(0)
    elif method == "integrated_gradients":
        raw = IntegratedGradients(model).attribute(x, baselines=base, target=target, n_steps=steps,
                                                   internal_batch_size=min(steps, 16))
        heat = raw[0].sum(0)
    elif method == "gradcam":
        cam = LayerGradCam(model, model.get_submodule(name)).attribute(x, target=target, relu_attributions=True)
        heat = LayerAttribution.interpolate(cam, (h, w), interpolate_mode="bilinear")[0, 0]
    else:
        raw = Occlusion(model).attribute(x, sliding_window_shapes=(c, window, window), strides=(c, stride, stride),
                                         baselines=base, target=target, perturbations_per_eval=16)
        heat = raw[0].mean(0)
    if progress is not None:
        progress(1.0)
    return _positive_unit(heat)

