"""The Inception module and GoogLeNet (Szegedy et al., 2014), with the paper's true 5×5 branch.

Four branches in parallel, every one "same"-padded so the maps can be concatenated along the channels:
1×1 | 1×1 → 3×3 | 1×1 → 5×5 | 3×3 max pool → 1×1. The 1×1 convs before the 3×3 and 5×5 are bottlenecks
that cut their cost (5×5 192 → 32 on 28×28: 120,422,400 multiplications; with a 16-channel 1×1 first:
12,443,648). torchvision's GoogLeNet uses a 3×3 where the paper has the 5×5 (kept for its weights); this is the paper's.
"""
from __future__ import annotations

from typing import NamedTuple

import torch
from torch import nn


def conv_relu(in_channels: int, out_channels: int, kernel: int, stride: int = 1, padding: int = 0,
              batch_norm: bool = False) -> nn.Sequential:
    """Conv + ReLU (the paper); with ``batch_norm`` conv (no bias) + BN + ReLU (torchvision's BasicConv2d)."""
    if batch_norm:
        return nn.Sequential(nn.Conv2d(in_channels, out_channels, kernel, stride, padding, bias=False),
                             nn.BatchNorm2d(out_channels, eps=0.001), nn.ReLU(inplace=True))
    return nn.Sequential(nn.Conv2d(in_channels, out_channels, kernel, stride, padding), nn.ReLU(inplace=True))


class Inception(nn.Module):
    """Inception module: ``c1`` 1×1 | ``c2`` = (1×1 reduce, 3×3 out) | ``c3`` = (1×1 reduce, 5×5 out) | pool → ``c4`` 1×1."""

    def __init__(self, in_channels: int, c1: int, c2: tuple[int, int], c3: tuple[int, int], c4: int,
                 batch_norm: bool = False) -> None:
        super().__init__()
        self.branch1 = conv_relu(in_channels, c1, 1, batch_norm=batch_norm)
        self.branch2 = nn.Sequential(conv_relu(in_channels, c2[0], 1, batch_norm=batch_norm),
                                     conv_relu(c2[0], c2[1], 3, padding=1, batch_norm=batch_norm))
        self.branch3 = nn.Sequential(conv_relu(in_channels, c3[0], 1, batch_norm=batch_norm),
                                     conv_relu(c3[0], c3[1], 5, padding=2, batch_norm=batch_norm))
        self.branch4 = nn.Sequential(nn.MaxPool2d(3, stride=1, padding=1),
                                     conv_relu(in_channels, c4, 1, batch_norm=batch_norm))
        self.out_channels = c1 + c2[1] + c3[1] + c4

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.cat([self.branch1(x), self.branch2(x), self.branch3(x), self.branch4(x)], dim=1)


class InceptionAux(nn.Module):
    """Auxiliary classifier: 5×5/3 average pool (→ 4×4 at 224) → 1×1 conv 128 → FC 1024 → dropout 0.7 → FC."""

    def __init__(self, in_channels: int, num_classes: int, batch_norm: bool = False) -> None:
        super().__init__()
        # The paper's 5×5/3 pool gives 4×4 only on the 14×14 map of a 224 image; adaptive pooling gives the
        # 4×4 the FC layer needs at any input size (as torchvision does).
        self.avgpool = nn.AdaptiveAvgPool2d((4, 4))
        self.conv = conv_relu(in_channels, 128, 1, batch_norm=batch_norm)
        self.fc1 = nn.Linear(128 * 4 * 4, 1024)
        self.relu = nn.ReLU(inplace=True)
        self.dropout = nn.Dropout(p=0.7)
        self.fc2 = nn.Linear(1024, num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = torch.flatten(self.conv(self.avgpool(x)), 1)
        return self.fc2(self.dropout(self.relu(self.fc1(x))))


class GoogLeNetOutput(NamedTuple):
    """Training-mode output with aux classifiers; the paper's loss is ``main + 0.3 · (aux1 + aux2)``."""
    logits: torch.Tensor
    aux1: torch.Tensor
    aux2: torch.Tensor


# The paper's Table 1: (c1, (3×3 reduce, 3×3), (5×5 reduce, 5×5), pool proj) per module; "M" = 3×3/2 max pool.
cfg: list[tuple[str, tuple] | str] = [
    ("inception3a", (64, (96, 128), (16, 32), 32)),
    ("inception3b", (128, (128, 192), (32, 96), 64)),
    "M",
    ("inception4a", (192, (96, 208), (16, 48), 64)),
    ("inception4b", (160, (112, 224), (24, 64), 64)),
    ("inception4c", (128, (128, 256), (24, 64), 64)),
    ("inception4d", (112, (144, 288), (32, 64), 64)),
    ("inception4e", (256, (160, 320), (32, 128), 128)),
    "M",
    ("inception5a", (256, (160, 320), (32, 128), 128)),
    ("inception5b", (384, (192, 384), (48, 128), 128)),
]


class GoogLeNet(nn.Module):
    """Stem, nine Inception modules, global average pooling, one FC; aux classifiers after 4a and 4d.

    ``forward`` returns the main logits in eval mode (or without aux classifiers) and a ``GoogLeNetOutput``
    (logits, aux1, aux2) in training mode when ``aux_logits`` is on.
    """

    def __init__(self, in_channels: int = 3, num_classes: int = 1000, aux_logits: bool = True,
                 batch_norm: bool = False, dropout: float = 0.4) -> None:
        super().__init__()
        # The 3×3/2 pools pad 1 (Caffe used ceil_mode instead): the same sizes at 224 (112 → 56 → 28 → 14 → 7),
        # and a 1×1 map of a 28×28 digit still pools to 1×1.
        self.conv1 = conv_relu(in_channels, 64, 7, stride=2, padding=3, batch_norm=batch_norm)
        self.maxpool1 = nn.MaxPool2d(3, stride=2, padding=1)
        self.conv2 = conv_relu(64, 64, 1, batch_norm=batch_norm)
        self.conv3 = conv_relu(64, 192, 3, padding=1, batch_norm=batch_norm)
        self.maxpool2 = nn.MaxPool2d(3, stride=2, padding=1)
        channels, pools = 192, 2
        for item in cfg:
            if item == "M":
                pools += 1
                setattr(self, f"maxpool{pools}", nn.MaxPool2d(3, stride=2, padding=1))
                continue
            name, (c1, c2, c3, c4) = item
            module = Inception(channels, c1, c2, c3, c4, batch_norm=batch_norm)
            setattr(self, name, module)
            channels = module.out_channels
        self.aux1 = InceptionAux(512, num_classes, batch_norm) if aux_logits else None  # after 4a
        self.aux2 = InceptionAux(528, num_classes, batch_norm) if aux_logits else None  # after 4d
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.dropout = nn.Dropout(p=dropout)
        self.fc = nn.Linear(channels, num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor | GoogLeNetOutput:
        x = self.maxpool1(self.conv1(x))
        x = self.maxpool2(self.conv3(self.conv2(x)))
        x = self.maxpool3(self.inception3b(self.inception3a(x)))
        x = self.inception4a(x)
        aux1 = self.aux1(x) if self.training and self.aux1 is not None else None
        x = self.inception4d(self.inception4c(self.inception4b(x)))
        aux2 = self.aux2(x) if self.training and self.aux2 is not None else None
        x = self.maxpool4(self.inception4e(x))
        x = self.inception5b(self.inception5a(x))
        x = self.fc(self.dropout(torch.flatten(self.avgpool(x), 1)))
        if aux1 is not None and aux2 is not None:
            return GoogLeNetOutput(x, aux1, aux2)
        return x


def googlenet(*, aux_logits: bool = True, batch_norm: bool = False, dropout: float = 0.4,
              in_channels: int = 3, num_classes: int = 1000) -> GoogLeNet:
    """GoogLeNet (Inception v1) as in the paper, optionally with BN after every conv."""
    return GoogLeNet(in_channels, num_classes, aux_logits, batch_norm, dropout)


class InceptionDemo(nn.Module):
    """One Inception module (3a: 192 → 64 + 128 + 32 + 32 = 256 channels); with ``num_classes`` a GAP + FC head."""

    def __init__(self, in_channels: int = 192, num_classes: int | None = None, batch_norm: bool = False) -> None:
        super().__init__()
        self.inception3a = Inception(in_channels, 64, (96, 128), (16, 32), 32, batch_norm=batch_norm)
        self.head = None if num_classes is None else nn.Sequential(
            nn.AdaptiveAvgPool2d((1, 1)), nn.Flatten(), nn.Linear(self.inception3a.out_channels, num_classes))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.inception3a(x)
        return x if self.head is None else self.head(x)


def inception_module(*, batch_norm: bool = False, in_channels: int = 192,
                     num_classes: int | None = None) -> InceptionDemo:
    """The lesson's single module on 28×28×192; ``num_classes=None`` returns the 256-channel map itself."""
    return InceptionDemo(in_channels, num_classes, batch_norm)
