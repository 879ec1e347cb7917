"""Lab — feature maps & filters: what one layer of a network makes of an image, its first filters, classic kernels.

    feature_layers(trained.model, trained.input_size)  # every layer that outputs maps, with its shape
    feature_maps(trained.model, x, "features.0")       # [C, h, w] of that layer
    out, arith = apply_kernel(gray, "sobel_x", stride=2, padding=1)   # arith.size_formula("h") for the page

The model is only read: a forward hook on a private copy (:func:`cnnlab.private.private_copy`) captures one layer's
output, so students sharing a model never see each other's hooks.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import torch
from torch import nn
from torch.nn import functional as F

from cnnlab.arithmetic import ConvArithmetic, conv2d
from cnnlab.errors import LayerError
from cnnlab.images import fit_image, to_tensor
from cnnlab.private import private_copy

if TYPE_CHECKING:
    from PIL import Image

__all__ = ["LayerInfo", "feature_layers", "default_layer", "feature_maps", "first_conv", "KERNELS", "gray_copy",
           "apply_kernel"]

KERNEL_SIDE = 96   # the hand-made kernels run on a small grey copy, so single pixels stay visible


@dataclass(frozen=True)
class LayerInfo:
    name: str
    type: str
    output_shape: tuple[int, ...]   # (C, H, W)


def feature_layers(model: nn.Module, input_size: tuple[int, int, int]) -> list[LayerInfo]:
    """Every leaf layer whose output is a stack of maps (C×H×W), in the order the input passes through them."""
    from cnnlab.summary import summarize

    summary = summarize(model, input_size)
    leaves = {name for name, m in model.named_modules() if name and not list(m.children())}
    return [LayerInfo(r.name, r.type, tuple(r.output_shape)) for r in summary.layers
            if r.executed and r.name in leaves and len(r.output_shape) == 3]


def default_layer(layers: list[LayerInfo]) -> str | None:
    """The layer a student sees first: the first convolution (else the first layer with maps)."""
    return next((info.name for info in layers if info.type == "Conv2d"), layers[0].name if layers else None)


class _Captured(Exception):
    """Stops the forward pass once the layer's output is captured."""


@torch.no_grad()
def feature_maps(model: nn.Module, x: torch.Tensor, layer: str) -> torch.Tensor:
    """The output ``[C, h, w]`` of the named layer for input ``x`` (a forward hook on a private copy in eval mode:
    ``model`` itself is not touched)."""
    copy = private_copy(model).eval()
    modules = dict(copy.named_modules())
    if layer not in modules:
        raise LayerError("no_such_layer", layer=layer)
    captured: list[torch.Tensor] = []

    def capture(module: nn.Module, args: tuple, output: torch.Tensor) -> None:
        captured.append(output.detach())
        raise _Captured   # the rest of the network is not needed: an early layer of VGG-16 costs 1/20 of a pass

    modules[layer].register_forward_hook(capture)
    try:
        copy(x)
    except _Captured:
        pass
    if not captured or captured[0].dim() != 4:
        raise LayerError("no_feature_maps", layer=layer)
    return captured[0][0].float()


def first_conv(model: nn.Module) -> tuple[str, torch.Tensor]:
    """Name and weight ``[O, I, kh, kw]`` of the first ``nn.Conv2d`` (in registration order = input side)."""
    for name, module in model.named_modules():
        if isinstance(module, nn.Conv2d):
            return name, module.weight.detach().float().cpu()
    raise LayerError("no_conv_layer")


# ---------------------------------------------------------------- hand-made kernels
KERNELS: dict[str, torch.Tensor] = {
    "vertical_edge": torch.tensor([[1.0, 0.0, -1.0], [1.0, 0.0, -1.0], [1.0, 0.0, -1.0]]),
    "horizontal_edge": torch.tensor([[1.0, 1.0, 1.0], [0.0, 0.0, 0.0], [-1.0, -1.0, -1.0]]),
    "sobel_x": torch.tensor([[1.0, 0.0, -1.0], [2.0, 0.0, -2.0], [1.0, 0.0, -1.0]]),
    "sobel_y": torch.tensor([[1.0, 2.0, 1.0], [0.0, 0.0, 0.0], [-1.0, -2.0, -1.0]]),
    "sharpen": torch.tensor([[0.0, -1.0, 0.0], [-1.0, 5.0, -1.0], [0.0, -1.0, 0.0]]),
    "box_blur": torch.full((3, 3), 1.0 / 9.0),
    "gaussian_blur": torch.tensor([[1.0, 2.0, 1.0], [2.0, 4.0, 2.0], [1.0, 2.0, 1.0]]) / 16.0,
    "identity": torch.tensor([[0.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 0.0]]),
}


def gray_copy(image: "Image.Image", max_side: int = KERNEL_SIDE) -> torch.Tensor:
    """A square grey copy ``[side, side]`` in 0–1 of the image (side = ``max_side`` or the image's smaller one)."""
    side = min(max_side, image.width, image.height)
    return to_tensor(fit_image(image, (1, side, side)), (1, side, side))[0, 0]


def apply_kernel(gray: torch.Tensor, kernel: str | torch.Tensor, stride: int = 1, padding: int = 0
                 ) -> tuple[torch.Tensor, ConvArithmetic]:
    """Slide a 2-D kernel over a grey image ``[H, W]`` like a one-filter conv layer without bias (zero padding).

    Returns the output ``[h, w]`` and the layer's arithmetic (``size_formula`` for the page); an impossible
    setting raises :class:`cnnlab.arithmetic.LayerError` saying what to change.
    """
    weight = KERNELS[kernel] if isinstance(kernel, str) else torch.as_tensor(kernel, dtype=torch.float32)
    kh, kw = weight.shape
    arith = conv2d(tuple(gray.shape[-2:]), 1, 1, kernel=(kh, kw), stride=stride, padding=padding, bias=False,
                   layer="hand-made kernel")
    out = F.conv2d(gray.float()[None, None], weight[None, None], stride=stride, padding=padding)
    return out[0, 0], arith
