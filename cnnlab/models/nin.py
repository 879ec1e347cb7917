"""Network in Network (Lin et al., 2013), the CIFAR-10 model of the paper's released code.

An mlpconv block is one spatial conv followed by two 1×1 convs: a small fully connected network applied at
every pixel across the channels. The last block outputs one map per class and global average pooling turns
each map into a score — no fully connected layer at all.
"""
from __future__ import annotations

import torch
from torch import nn

# One row per mlpconv block: (kernel, padding, channels of the spatial conv and the two 1×1 convs), then the
# pool that follows it ("max", "avg" or None for the last block, whose 1×1 conv outputs num_classes maps).
cfg: list[tuple[int, int, tuple[int, int, int], str | None]] = [
    (5, 2, (192, 160, 96), "max"),
    (5, 2, (192, 192, 192), "avg"),
    (3, 1, (192, 192, 0), None),  # 0: the last 1×1 conv outputs num_classes channels
]


def nin_block(in_channels: int, channels: tuple[int, int, int], kernel: int, padding: int) -> nn.Sequential:
    """mlpconv: conv k×k → ReLU → 1×1 conv → ReLU → 1×1 conv → ReLU."""
    c1, c2, c3 = channels
    return nn.Sequential(
        nn.Conv2d(in_channels, c1, kernel_size=kernel, padding=padding), nn.ReLU(inplace=True),
        nn.Conv2d(c1, c2, kernel_size=1), nn.ReLU(inplace=True),
        nn.Conv2d(c2, c3, kernel_size=1), nn.ReLU(inplace=True),
    )


class NiN(nn.Module):
    """Three mlpconv blocks, 3×3/2 pools with dropout between them, global average pooling as the head."""

    def __init__(self, in_channels: int = 3, num_classes: int = 10, dropout: float = 0.5) -> None:
        super().__init__()
        layers: list[nn.Module] = []
        for kernel, padding, channels, pool in cfg:
            channels = (channels[0], channels[1], channels[2] or num_classes)
            layers.append(nin_block(in_channels, channels, kernel, padding))
            if pool is not None:
                # padding 1 halves any size (32 → 16 → 8, 28 → 14 → 7, 224 → 112 → 56) like the paper's code
                layers.append(nn.MaxPool2d(3, 2, padding=1) if pool == "max" else nn.AvgPool2d(3, 2, padding=1))
                layers.append(nn.Dropout(p=dropout))
            in_channels = channels[2]
        self.features = nn.Sequential(*layers)
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))  # global average pooling: one score per class map

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.flatten(self.avgpool(self.features(x)), 1)


def nin(*, dropout: float = 0.5, in_channels: int = 3, num_classes: int = 10) -> NiN:
    """Network in Network (CIFAR-10 layout)."""
    return NiN(in_channels, num_classes, dropout)
