"""Residual networks (He et al., 2015; pre-activation: He et al., 2016) and their plain twins.

A residual block computes ``a[l+2] = relu(z[l+2] + a[l])``: the shortcut is added after the second conv + BN
and *before* the last ReLU. If the block's weights go to zero, ``a[l+2] = relu(a[l]) = a[l]`` (a[l] is already
non-negative) — the block can learn the identity, so extra blocks need not hurt. ``residual=False`` builds the
plain twin: the same layers without the addition (the degradation lesson).

Shortcuts where a block changes the shape (stride 2 or more channels):
"A" zero-pads the new channels and subsamples (no parameters, the CIFAR paper), "B" is a projection W_s =
1×1 conv (stride s) + BN (torchvision). Where the shape stays, the shortcut is the identity.
The Bottleneck puts its stride on the 3×3 conv like torchvision ("ResNet v1.5"; the paper strides the first
1×1) — same parameters, slightly more MACs; it keeps cnnlab's ResNets weight-compatible with torchvision's.
"""
from __future__ import annotations

import torch
from torch import nn
from torch.nn import functional as F

from cnnlab.models.errors import ModelError

SHORTCUTS = ("A", "B")


def conv3x3(in_planes: int, out_planes: int, stride: int = 1) -> nn.Conv2d:
    """3×3 "same" conv (BN follows, so no bias)."""
    return nn.Conv2d(in_planes, out_planes, kernel_size=3, stride=stride, padding=1, bias=False)


def conv1x1(in_planes: int, out_planes: int, stride: int = 1) -> nn.Conv2d:
    return nn.Conv2d(in_planes, out_planes, kernel_size=1, stride=stride, bias=False)


class ZeroPadShortcut(nn.Module):
    """Option A: keep every ``stride``-th pixel and append zero channels — a shortcut with no parameters."""

    def __init__(self, in_planes: int, out_planes: int, stride: int) -> None:
        super().__init__()
        self.extra, self.stride = out_planes - in_planes, stride

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = x[:, :, ::self.stride, ::self.stride]
        return F.pad(x, (0, 0, 0, 0, 0, self.extra))  # pads (W, H, C) from the last dim backwards


def make_shortcut(kind: str, in_planes: int, out_planes: int, stride: int, batch_norm: bool = True) -> nn.Module:
    """W_s for a block that changes the shape: option "A" (zero padding) or "B" (1×1 conv projection + BN)."""
    if kind == "A":
        return ZeroPadShortcut(in_planes, out_planes, stride)
    if batch_norm:
        return nn.Sequential(conv1x1(in_planes, out_planes, stride), nn.BatchNorm2d(out_planes))
    return conv1x1(in_planes, out_planes, stride)  # pre-activation: BN-ReLU already happened before the block


class BasicBlock(nn.Module):
    """Two 3×3 convs (ResNet-18/34 and the CIFAR nets); post-activation as in the paper."""
    expansion = 1

    def __init__(self, inplanes: int, planes: int, stride: int = 1, downsample: nn.Module | None = None,
                 residual: bool = True) -> None:
        super().__init__()
        self.conv1 = conv3x3(inplanes, planes, stride)
        self.bn1 = nn.BatchNorm2d(planes)
        self.relu = nn.ReLU(inplace=True)
        self.conv2 = conv3x3(planes, planes)
        self.bn2 = nn.BatchNorm2d(planes)
        self.downsample = downsample
        self.residual = residual

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))  # z[l+2]
        if self.residual:
            identity = x if self.downsample is None else self.downsample(x)
            out += identity              # + a[l], before the last ReLU
        return self.relu(out)            # a[l+2]


class Bottleneck(nn.Module):
    """1×1 reduce → 3×3 → 1×1 expand (×4) (ResNet-50/101/152); post-activation."""
    expansion = 4

    def __init__(self, inplanes: int, planes: int, stride: int = 1, downsample: nn.Module | None = None,
                 residual: bool = True) -> None:
        super().__init__()
        self.conv1 = conv1x1(inplanes, planes)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = conv3x3(planes, planes, stride)
        self.bn2 = nn.BatchNorm2d(planes)
        self.conv3 = conv1x1(planes, planes * self.expansion)
        self.bn3 = nn.BatchNorm2d(planes * self.expansion)
        self.relu = nn.ReLU(inplace=True)
        self.downsample = downsample
        self.residual = residual

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.relu(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(out))
        if self.residual:
            identity = x if self.downsample is None else self.downsample(x)
            out += identity
        return self.relu(out)


class PreActBasicBlock(nn.Module):
    """Pre-activation: BN → ReLU → conv, twice; the sum is left un-activated (a clean identity path)."""
    expansion = 1

    def __init__(self, inplanes: int, planes: int, stride: int = 1, downsample: nn.Module | None = None,
                 residual: bool = True) -> None:
        super().__init__()
        self.bn1 = nn.BatchNorm2d(inplanes)
        self.relu = nn.ReLU(inplace=True)
        self.conv1 = conv3x3(inplanes, planes, stride)
        self.bn2 = nn.BatchNorm2d(planes)
        self.conv2 = conv3x3(planes, planes)
        self.downsample = downsample
        self.residual = residual

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out = F.relu(self.bn1(x))
        shortcut = x if self.downsample is None else self.downsample(out)
        out = self.conv1(out)
        out = self.conv2(self.relu(self.bn2(out)))
        return out + shortcut if self.residual else out


class PreActBottleneck(nn.Module):
    """Pre-activation bottleneck: (BN → ReLU → conv) × 3 with 1×1, 3×3, 1×1 (×4)."""
    expansion = 4

    def __init__(self, inplanes: int, planes: int, stride: int = 1, downsample: nn.Module | None = None,
                 residual: bool = True) -> None:
        super().__init__()
        self.bn1 = nn.BatchNorm2d(inplanes)
        self.relu = nn.ReLU(inplace=True)
        self.conv1 = conv1x1(inplanes, planes)
        self.bn2 = nn.BatchNorm2d(planes)
        self.conv2 = conv3x3(planes, planes, stride)
        self.bn3 = nn.BatchNorm2d(planes)
        self.conv3 = conv1x1(planes, planes * self.expansion)
        self.downsample = downsample
        self.residual = residual

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out = F.relu(self.bn1(x))
        shortcut = x if self.downsample is None else self.downsample(out)
        out = self.conv1(out)
        out = self.conv2(self.relu(self.bn2(out)))
        out = self.conv3(self.relu(self.bn3(out)))
        return out + shortcut if self.residual else out


Block = type[BasicBlock] | type[Bottleneck] | type[PreActBasicBlock] | type[PreActBottleneck]


class ResNet(nn.Module):
    """Stem → ``layer1`` … ``layerK`` (one per width; all but the first start with stride 2) → GAP → ``fc``.

    ``stem="imagenet"``: 7×7/2 conv + 3×3/2 max pool (224 → 56); ``stem="cifar"``: one 3×3 conv, no pool.
    """

    def __init__(self, block: Block, layers: list[int], widths: tuple[int, ...] = (64, 128, 256, 512),
                 in_channels: int = 3, num_classes: int = 1000, stem: str = "imagenet",
                 shortcut: str = "B", residual: bool = True) -> None:
        super().__init__()
        self.preact = block in (PreActBasicBlock, PreActBottleneck)
        self.shortcut, self.residual = shortcut, residual
        self.inplanes = widths[0]
        if stem == "imagenet":
            self.conv1 = nn.Conv2d(in_channels, self.inplanes, kernel_size=7, stride=2, padding=3, bias=False)
            self.maxpool = nn.MaxPool2d(kernel_size=3, stride=2, padding=1)
        else:
            self.conv1 = conv3x3(in_channels, self.inplanes)
            self.maxpool = None
        self.bn1 = nn.BatchNorm2d(self.inplanes)
        self.relu = nn.ReLU(inplace=True)
        self.stages = [f"layer{i + 1}" for i in range(len(layers))]
        for i, (name, planes, blocks) in enumerate(zip(self.stages, widths, layers)):
            setattr(self, name, self._make_layer(block, planes, blocks, stride=1 if i == 0 else 2))
        # pre-activation blocks leave their sum un-activated: one last BN + ReLU before pooling
        self.bn_final = nn.BatchNorm2d(self.inplanes) if self.preact else None
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc = nn.Linear(self.inplanes, num_classes)
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")

    def _make_layer(self, block: Block, planes: int, blocks: int, stride: int = 1) -> nn.Sequential:
        """``blocks`` blocks; the first gets W_s exactly when stride != 1 or inplanes != planes · expansion."""
        downsample = None
        if self.residual and (stride != 1 or self.inplanes != planes * block.expansion):
            downsample = make_shortcut(self.shortcut, self.inplanes, planes * block.expansion, stride,
                                       batch_norm=not self.preact)
        layers = [block(self.inplanes, planes, stride, downsample, self.residual)]
        self.inplanes = planes * block.expansion
        layers += [block(self.inplanes, planes, residual=self.residual) for _ in range(1, blocks)]
        return nn.Sequential(*layers)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.relu(self.bn1(self.conv1(x)))
        if self.maxpool is not None:
            x = self.maxpool(x)
        for name in self.stages:
            x = getattr(self, name)(x)
        if self.bn_final is not None:
            x = self.relu(self.bn_final(x))
        return self.fc(torch.flatten(self.avgpool(x), 1))


# ImageNet ResNets (the paper's Table 1): block type and blocks per stage.
imagenet_layers: dict[int, tuple[type[BasicBlock] | type[Bottleneck], list[int]]] = {
    18: (BasicBlock, [2, 2, 2, 2]),
    34: (BasicBlock, [3, 4, 6, 3]),
    50: (Bottleneck, [3, 4, 6, 3]),
    101: (Bottleneck, [3, 4, 23, 3]),
    152: (Bottleneck, [3, 8, 36, 3]),
}
PREACT = {BasicBlock: PreActBasicBlock, Bottleneck: PreActBottleneck}


def _check(shortcut: str) -> None:
    if shortcut not in SHORTCUTS:
        raise ModelError("bad_model_option", option="shortcut", choices=["A", "B"], value=repr(shortcut))


def resnet(depth: int = 18, *, residual: bool = True, shortcut: str = "B", preact: bool = False,
           in_channels: int = 3, num_classes: int = 1000) -> ResNet:
    """ResNet-18/34/50/101/152 for 224×224 images (works down to 28×28: 28 → 14 → 7 → 4 → 2 → 1)."""
    if depth not in imagenet_layers:
        raise ModelError("bad_model_option", option="depth", choices=[str(d) for d in sorted(imagenet_layers)],
                         value=str(depth))
    _check(shortcut)
    block, layers = imagenet_layers[depth]
    return ResNet(PREACT[block] if preact else block, layers, (64, 128, 256, 512), in_channels, num_classes,
                  stem="imagenet", shortcut=shortcut, residual=residual)


def cifar_resnet(depth: int = 20, *, residual: bool = True, widths: tuple[int, int, int] = (16, 32, 64),
                 shortcut: str = "A", preact: bool = False, in_channels: int = 3, num_classes: int = 10) -> ResNet:
    """The CIFAR-10 networks of the paper: 6n+2 layers = 3×3 conv, 3 stages of n BasicBlocks, GAP + FC."""
    if depth < 8 or (depth - 2) % 6:
        raise ModelError("cifar_depth", depth=depth)
    if len(widths) != 3 or min(widths) < 1:
        raise ModelError("bad_widths", widths=str(tuple(widths)))
    _check(shortcut)
    n = (depth - 2) // 6
    return ResNet(PreActBasicBlock if preact else BasicBlock, [n, n, n], tuple(widths), in_channels, num_classes,
                  stem="cifar", shortcut=shortcut, residual=residual)
