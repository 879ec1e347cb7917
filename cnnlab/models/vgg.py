"""VGG (Simonyan & Zisserman, 2014): one config table, one ``make_layers``.

Every conv is 3×3, stride 1, padding 1 ("same": the size stays); every "M" is a 2×2 max pool with stride 2.
VGG-11/13/16/19 are the paper's columns A, B, D, E and differ by one line of data. VGG-16 at 224×224/1000 has
138,357,544 parameters; its first FC layer (7·7·512 = 25,088 → 4,096) alone holds 102,764,544 of them —
``head="gap"`` replaces the FC head by global average pooling + one linear layer, as GoogLeNet does.
"""
from __future__ import annotations

import torch
from torch import nn

from cnnlab.models.errors import ModelError

# Numbers are conv output channels, "M" a 2×2/2 max pool. "S" is cnnlab's narrow VGG for 28×28 digits.
cfgs: dict[str, list[int | str]] = {
    "A": [64, "M", 128, "M", 256, 256, "M", 512, 512, "M", 512, 512, "M"],
    "B": [64, 64, "M", 128, 128, "M", 256, 256, "M", 512, 512, "M", 512, 512, "M"],
    "D": [64, 64, "M", 128, 128, "M", 256, 256, 256, "M", 512, 512, 512, "M", 512, 512, 512, "M"],
    "E": [64, 64, "M", 128, 128, "M", 256, 256, 256, 256, "M", 512, 512, 512, 512, "M", 512, 512, 512, 512, "M"],
    "S": [16, 16, "M", 32, 32, "M", 64, 64, "M"],
}
HEADS = ("fc", "gap")


def make_layers(cfg: list[int | str], batch_norm: bool = False, in_channels: int = 3) -> nn.Sequential:
    """The conv stack of one config column."""
    layers: list[nn.Module] = []
    for v in cfg:
        if v == "M":
            # ceil_mode changes nothing on even sizes (224, 32); it lets a 7×7 map pool to 4×4 instead of 3×3,
            # so 28×28 digits survive VGG's five halvings (28 → 14 → 7 → 4 → 2 → 1).
            layers.append(nn.MaxPool2d(kernel_size=2, stride=2, ceil_mode=True))
        else:
            conv = nn.Conv2d(in_channels, int(v), kernel_size=3, padding=1)
            layers += [conv, nn.BatchNorm2d(int(v)), nn.ReLU(inplace=True)] if batch_norm else [conv, nn.ReLU(inplace=True)]
            in_channels = int(v)
    return nn.Sequential(*layers)


class VGG(nn.Module):
    """``features`` → ``avgpool`` → ``classifier``: FC head (flatten 7×7 map, two hidden FC) or GAP head."""

    def __init__(self, features: nn.Sequential, num_classes: int = 1000, head: str = "fc",
                 hidden: int = 4096, pool_size: int = 7, dropout: float = 0.5) -> None:
        super().__init__()
        self.features = features
        channels = [m.out_channels for m in features if isinstance(m, nn.Conv2d)][-1]
        if head == "fc":
            # The FC head needs a fixed map (7×7 at 224); adaptive pooling is a no-op there and resizes
            # the map of any other input, as torchvision does.
            self.avgpool = nn.AdaptiveAvgPool2d((pool_size, pool_size))
            self.classifier = nn.Sequential(
                nn.Linear(channels * pool_size * pool_size, hidden), nn.ReLU(inplace=True), nn.Dropout(p=dropout),
                nn.Linear(hidden, hidden), nn.ReLU(inplace=True), nn.Dropout(p=dropout),
                nn.Linear(hidden, num_classes),
            )
        else:
            self.avgpool = nn.AdaptiveAvgPool2d((1, 1))  # global average pooling: one number per channel
            self.classifier = nn.Sequential(nn.Linear(channels, num_classes))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.avgpool(self.features(x))
        return self.classifier(torch.flatten(x, 1))


def vgg(cfg: str = "D", *, batch_norm: bool = False, head: str = "fc", dropout: float = 0.5,
        in_channels: int = 3, num_classes: int = 1000) -> VGG:
    """VGG of config column ``cfg`` ("A" = VGG-11, "B" = 13, "D" = 16, "E" = 19)."""
    if head not in HEADS:
        raise ModelError("bad_model_option", option="head", choices=list(HEADS), value=repr(head))
    return VGG(make_layers(cfgs[cfg], batch_norm, in_channels), num_classes, head, dropout=dropout)


def small_vgg(*, batch_norm: bool = True, head: str = "gap", dropout: float = 0.5,
              in_channels: int = 1, num_classes: int = 10) -> VGG:
    """A narrow VGG (16-32-64 channels, two 3×3 convs per stage) that trains on 28×28 digits in seconds."""
    if head not in HEADS:
        raise ModelError("bad_model_option", option="head", choices=list(HEADS), value=repr(head))
    return VGG(make_layers(cfgs["S"], batch_norm, in_channels), num_classes, head,
               hidden=128, pool_size=4, dropout=dropout)
