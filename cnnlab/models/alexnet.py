"""AlexNet (Krizhevsky et al., 2012): torchvision's single-GPU layout, or the paper's two-GPU grouped layout.

torchvision (the code of the study notes): 64-192-384-256-256 channels, 61,100,840 parameters at 224×224/1000.
Paper (``grouped=True``): 96-256-384-384-256 channels; conv2, conv4 and conv5 only see the half of the previous
layer that lives on their own GPU, i.e. ``groups=2``; 60,965,224 parameters — the paper's "60 million".
LRN (``lrn=True``) follows the ReLUs of conv1 and conv2 as in the paper; the paper's network is grouped + lrn.
"""
from __future__ import annotations

import torch
from torch import nn

# (out_channels, kernel, stride, padding, groups) per conv; "M" = overlapping max pool 3×3, stride 2.
cfgs: dict[str, list] = {
    "torchvision": [(64, 11, 4, 2, 1), "M", (192, 5, 1, 2, 1), "M",
                    (384, 3, 1, 1, 1), (256, 3, 1, 1, 1), (256, 3, 1, 1, 1), "M"],
    "grouped": [(96, 11, 4, 2, 1), "M", (256, 5, 1, 2, 2), "M",
                (384, 3, 1, 1, 1), (384, 3, 1, 1, 2), (256, 3, 1, 1, 2), "M"],
}


def make_layers(cfg: list, in_channels: int = 3, lrn: bool = False) -> nn.Sequential:
    """Conv + ReLU (+ LRN after the first two) and the overlapping max pools.

    Padding 2 on conv1: ``(224 + 2·2 − 11)/4 + 1 = 55`` like the paper's 227×227 unpadded input.
    The first two pools use ``ceil_mode`` (no change at 224: 55 → 27 → 13) so 28×28 digits keep at least 1×1;
    the last pool is ``AdaptiveMaxPool2d(6)``: on the 13×13 map of a 224 image its windows are exactly the
    3×3/stride-2 windows (starts 0, 2, …, 10), and it feeds the 6×6×256 the classifier needs at any input size.
    """
    layers: list[nn.Module] = []
    convs = 0
    pools = sum(v == "M" for v in cfg)
    for v in cfg:
        if v == "M":
            pools -= 1
            layers.append(nn.AdaptiveMaxPool2d((6, 6)) if pools == 0 else nn.MaxPool2d(3, 2, ceil_mode=True))
            continue
        out, k, s, p, g = v
        layers += [nn.Conv2d(in_channels, out, kernel_size=k, stride=s, padding=p, groups=g), nn.ReLU(inplace=True)]
        convs += 1
        if lrn and convs <= 2:
            layers.append(nn.LocalResponseNorm(size=5, alpha=1e-4, beta=0.75, k=2.0))  # the paper's constants
        in_channels = out
    return nn.Sequential(*layers)


class AlexNet(nn.Module):
    """``features`` (5 conv) → 6×6 map → ``classifier`` (3 FC with dropout)."""

    def __init__(self, features: nn.Sequential, num_classes: int = 1000, dropout: float = 0.5) -> None:
        super().__init__()
        self.features = features
        channels = [m.out_channels for m in features if isinstance(m, nn.Conv2d)][-1]
        self.classifier = nn.Sequential(
            nn.Dropout(p=dropout),
            nn.Linear(channels * 6 * 6, 4096),
            nn.ReLU(inplace=True),
            nn.Dropout(p=dropout),
            nn.Linear(4096, 4096),
            nn.ReLU(inplace=True),
            nn.Linear(4096, num_classes),
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.classifier(torch.flatten(self.features(x), 1))


def alexnet(*, grouped: bool = False, lrn: bool = False, dropout: float = 0.5,
            in_channels: int = 3, num_classes: int = 1000) -> AlexNet:
    """AlexNet; ``grouped=True, lrn=True`` is the paper's two-GPU network."""
    cfg = cfgs["grouped" if grouped else "torchvision"]
    return AlexNet(make_layers(cfg, in_channels, lrn), num_classes, dropout)
