"""LeNet-5 (LeCun et al., 1998): the classic layout and its modern ReLU + max-pooling twin.

Classic at 32×32×1: C1 6@5×5 valid → 28×28×6 → S2 avg pool 2 → 14×14×6 → C3 16@5×5 → 10×10×16 → S4 → 5×5×16
→ F5 120 → F6 84 → 10. With full C1–C3 connectivity and a plain linear output that is 61,706 parameters.
The original squashes *after* each subsampling step (conv → pool → tanh); the modern habit is conv → ReLU → max pool.
"""
from __future__ import annotations

import torch
from torch import nn

from cnnlab.models.errors import ModelError

ACTIVATIONS = {"tanh": nn.Tanh, "sigmoid": nn.Sigmoid}


class LeNet5(nn.Module):
    """C1, S2, C3, S4 as ``features``; F5, F6 and the output as ``classifier``."""

    def __init__(self, in_channels: int = 1, num_classes: int = 10, classic: bool = True,
                 activation: str = "tanh", padding: int = 0) -> None:
        super().__init__()
        if classic:
            act = ACTIVATIONS[activation]
            self.features = nn.Sequential(
                nn.Conv2d(in_channels, 6, kernel_size=5, padding=padding), nn.AvgPool2d(2), act(),  # C1, S2
                nn.Conv2d(6, 16, kernel_size=5), nn.AvgPool2d(2), act(),                            # C3, S4
            )
        else:
            act = nn.ReLU
            self.features = nn.Sequential(
                nn.Conv2d(in_channels, 6, kernel_size=5, padding=padding), nn.ReLU(inplace=True), nn.MaxPool2d(2),
                nn.Conv2d(6, 16, kernel_size=5), nn.ReLU(inplace=True), nn.MaxPool2d(2),
            )
        # F5 expects 5×5×16 = 400 inputs. At 32×32 (or 28×28 with padding=2, the MNIST habit) S4 already gives
        # 5×5 and this adaptive pool is a no-op; other sizes (28×28 unpadded, 224×224) are pooled to 5×5 here.
        self.avgpool = nn.AdaptiveAvgPool2d((5, 5))
        self.classifier = nn.Sequential(
            nn.Linear(16 * 5 * 5, 120), act(),  # F5 (C5 in the paper: a 5×5 conv on a 5×5 map)
            nn.Linear(120, 84), act(),          # F6
            nn.Linear(84, num_classes),         # output: plain linear instead of the paper's RBF units
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.avgpool(self.features(x))
        return self.classifier(torch.flatten(x, 1))


def lenet5(*, classic: bool = True, activation: str = "tanh", padding: int = 0,
           in_channels: int = 1, num_classes: int = 10) -> LeNet5:
    """LeNet-5; ``classic=False`` gives ReLU + max pooling; ``padding=2`` on C1 makes 28×28 digits act like 32×32."""
    if activation not in ACTIVATIONS:
        raise ModelError("bad_model_option", option="activation", choices=sorted(ACTIVATIONS), value=repr(activation))
    return LeNet5(in_channels, num_classes, classic, activation, padding)
