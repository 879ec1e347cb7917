"""Lesson 5 — data augmentation, and the one augmentation builder: ``AugmentConfig`` → a ``transforms.v2.Compose``.

The training lab (``cnnlab.data.AugmentedImages``, per digit, inside DataLoader workers) and the Data augmentation
page (on a PIL photo) call the same :func:`build_augmentation`, so what students see is what the model trains on.
The pipeline takes a uint8 ``[C, H, W]`` tensor (C = 1 or 3), a float 0–1 tensor, or a PIL image, and returns the
same type, size and dtype. It is picklable (module-level classes only) for worker processes.

Operations, in pipeline order (each is off at its neutral value):

=============  ===================================================================================
``crop``       random resized crop (AlexNet/Inception style): keep a random patch covering ``crop``–100 % of
               the area (aspect 3:4–4:3) and scale it back to the input's own size. 1.0 = off.
``flip``       mirror left–right with probability ½. Never for digits: a mirrored digit is a different symbol.
``rotation``   rotate by a uniform angle in ±``rotation`` degrees (corners filled with 0 = black).
``shear``      shear by a uniform angle in ±``shear`` degrees along x and along y.
``elastic``    local warping (Simard et al. 2003): a random displacement field smoothed by a Gaussian of
               ``elastic_sigma`` pixels, scaled by ``elastic_alpha``. 0 = off.
colour jitter  ``brightness``/``contrast``/``saturation`` factors drawn from [1 − v, 1 + v], ``hue`` shift in ±v.
``pca_std``    AlexNet's "fancy PCA" colour shift: add ``eigvecs · (α ⊙ eigvals)`` to every pixel, α ~ N(0, σ²)
               per image — the same shift for every pixel of a channel. σ = 0.1 in the paper.
=============  ===================================================================================
"""
from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from typing import Any

import PIL.Image
import torch
from torchvision.transforms import v2
from torchvision.transforms.v2 import functional as F

__all__ = ["AugmentConfig", "PCALighting", "ElasticWarp", "RandomResizedCropSameSize", "IMAGENET_EIGVAL",
           "IMAGENET_EIGVEC", "PRESETS", "OPERATIONS", "FIELDS", "preset", "operations", "build_augmentation",
           "build_single", "draws", "operation_draws", "pca_offsets", "config_code"]

# Principal components of ImageNet's RGB pixel colours (0–1 scale), as used for AlexNet-style lighting noise
# (the values published with fb.resnet.torch's ``Lighting`` transform). Columns of EIGVEC are the eigenvectors.
IMAGENET_EIGVAL = (0.2175, 0.0188, 0.0045)
IMAGENET_EIGVEC = ((-0.5675, 0.7192, 0.4009),
                   (-0.5808, -0.0045, -0.8140),
                   (-0.5836, -0.6948, 0.4203))

OPERATIONS = ("crop", "flip", "rotation", "shear", "elastic", "color", "pca")
# The AugmentConfig fields each operation reads (flip is a yes/no, the rest are strengths).
FIELDS: dict[str, tuple[str, ...]] = {
    "crop": ("crop",), "flip": ("flip",), "rotation": ("rotation",), "shear": ("shear",),
    "elastic": ("elastic_alpha", "elastic_sigma"), "color": ("brightness", "contrast", "saturation", "hue"),
    "pca": ("pca_std",),
}


@dataclass(frozen=True)
class AugmentConfig:
    """Which augmentations to apply and how strongly; every field at its default means "no augmentation"."""

    flip: bool = False
    crop: float = 1.0            # smallest kept area fraction for the random resized crop (1.0 = off)
    rotation: float = 0.0        # ± degrees
    shear: float = 0.0           # ± degrees
    elastic_alpha: float = 0.0   # displacement strength (0 = off)
    elastic_sigma: float = 5.0   # smoothness of the displacement field, in pixels
    brightness: float = 0.0
    contrast: float = 0.0
    saturation: float = 0.0
    hue: float = 0.0             # 0–0.5 (fraction of the colour wheel)
    pca_std: float = 0.0         # AlexNet PCA colour shift, σ of α (paper: 0.1)
    fill: int = 0                # value for pixels that come from outside the image (rotation, shear)

    def __post_init__(self) -> None:
        checks = [("crop", 0.05 <= self.crop <= 1.0, "between 0.05 and 1"),
                  ("rotation", 0.0 <= self.rotation <= 180.0, "between 0 and 180 degrees"),
                  ("shear", 0.0 <= self.shear < 90.0, "between 0 and 89 degrees"),
                  ("elastic_alpha", self.elastic_alpha >= 0.0, "0 or more"),
                  ("elastic_sigma", self.elastic_sigma > 0.0, "more than 0"),
                  ("brightness", 0.0 <= self.brightness <= 1.0, "between 0 and 1"),
                  ("contrast", 0.0 <= self.contrast <= 1.0, "between 0 and 1"),
                  ("saturation", 0.0 <= self.saturation <= 1.0, "between 0 and 1"),
                  ("hue", 0.0 <= self.hue <= 0.5, "between 0 and 0.5"),
                  ("pca_std", self.pca_std >= 0.0, "0 or more"),
                  ("fill", 0 <= self.fill <= 255, "between 0 and 255")]
        for name, ok, rule in checks:
            if not ok:
                raise ValueError(f"augmentation setting {name}={getattr(self, name)!r} must be {rule}")

    @property
    def enabled(self) -> tuple[str, ...]:
        """Names (from ``OPERATIONS``) of the operations this config switches on, in pipeline order."""
        on = {"crop": self.crop < 1.0, "flip": self.flip, "rotation": self.rotation > 0, "shear": self.shear > 0,
              "elastic": self.elastic_alpha > 0,
              "color": any((self.brightness, self.contrast, self.saturation, self.hue)), "pca": self.pca_std > 0}
        return tuple(name for name in OPERATIONS if on[name])

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# Digits: small geometric changes that keep a digit the same digit (no flip: a mirrored 3 is not a 3; no colour:
# grey strokes). Photos: the AlexNet recipe (crops, mirrors, PCA lighting) plus mild jitter.
PRESETS: dict[str, AugmentConfig] = {
    "none": AugmentConfig(),
    "digits": AugmentConfig(crop=0.8, rotation=10.0, shear=10.0, elastic_alpha=20.0, elastic_sigma=4.0),
    "photos": AugmentConfig(flip=True, crop=0.5, rotation=10.0, brightness=0.3, contrast=0.3, saturation=0.3,
                            hue=0.02, pca_std=0.1),
}


def preset(name: str, **changes: Any) -> AugmentConfig:
    """A preset (``none``, ``digits``, ``photos``), optionally with some fields changed."""
    if name not in PRESETS:
        raise ValueError(f"unknown augmentation preset {name!r}; choose one of {', '.join(PRESETS)}")
    return replace(PRESETS[name], **changes)


# ---------------------------------------------------------------- custom v2 transforms
class RandomResizedCropSameSize(v2.RandomResizedCrop):
    """``RandomResizedCrop`` whose output size is the input's own size (so one pipeline fits any image)."""

    def __init__(self, scale: tuple[float, float] = (0.08, 1.0),
                 ratio: tuple[float, float] = (3.0 / 4.0, 4.0 / 3.0)) -> None:
        super().__init__(size=1, scale=scale, ratio=ratio, antialias=True)

    def make_params(self, flat_inputs: list[Any]) -> dict[str, Any]:
        params = super().make_params(flat_inputs)
        params["out_size"] = list(v2.query_size(flat_inputs))
        return params

    def transform(self, inpt: Any, params: dict[str, Any]) -> Any:
        params = dict(params)
        size = params.pop("out_size")
        return self._call_kernel(F.resized_crop, inpt, **params, size=size, interpolation=self.interpolation,
                                 antialias=self.antialias)


class ElasticWarp(v2.ElasticTransform):
    """``v2.ElasticTransform`` with a cheaper, size-safe displacement field (same meaning of alpha and sigma).

    torchvision blurs the random field with a full 2-D (8σ+1)² kernel — 1.2 ms for one 28×28 digit, most of the
    augmentation time in the training lab — and fails on images smaller than the kernel. Here the Gaussian is
    applied as two 1-D passes over both fields at once, its radius capped by the image size.
    """

    def make_params(self, flat_inputs: list[Any]) -> dict[str, Any]:
        height, width = v2.query_size(flat_inputs)
        field = torch.rand(2, 1, height, width) * 2 - 1            # dx, dy uniform in [-1, 1]
        sigma = float(self.sigma[0])
        if sigma > 0.0:
            radius = max(0, min(int(4 * sigma), height - 1, width - 1))
            if radius > 0:
                x = torch.arange(-radius, radius + 1, dtype=torch.float32)
                k = torch.exp(-0.5 * (x / sigma) ** 2)
                k = k / k.sum()
                field = torch.nn.functional.pad(field, (radius, radius, radius, radius), mode="reflect")
                field = torch.nn.functional.conv2d(field, k.view(1, 1, 1, -1))
                field = torch.nn.functional.conv2d(field, k.view(1, 1, -1, 1))
        dx = field[0:1] * self.alpha[0] / width
        dy = field[1:2] * self.alpha[1] / height
        return dict(displacement=torch.cat([dx, dy], 1).permute(0, 2, 3, 1))   # 1 × H × W × 2


class PCALighting(v2.Transform):
    """AlexNet's PCA colour augmentation: one random RGB shift ``eigvec · (α ⊙ eigval)`` per image.

    The shift is on the 0–1 scale (× 255 for uint8, rounded, clipped). Grey images get the mean of the three
    channel shifts (the brightness part of the same noise).
    """

    def __init__(self, std: float = 0.1, eigval: Sequence[float] = IMAGENET_EIGVAL,
                 eigvec: Sequence[Sequence[float]] = IMAGENET_EIGVEC) -> None:
        super().__init__()
        self.std = float(std)
        self.eigval = torch.tensor(eigval, dtype=torch.float32)
        self.eigvec = torch.tensor(eigvec, dtype=torch.float32)

    def make_params(self, flat_inputs: list[Any]) -> dict[str, Any]:
        alpha = torch.randn(3) * self.std
        return dict(shift=self.eigvec @ (alpha * self.eigval))   # [3] RGB shift on the 0–1 scale

    def transform(self, inpt: Any, params: dict[str, Any]) -> Any:
        if isinstance(inpt, PIL.Image.Image):
            return F.to_pil_image(self.transform(F.pil_to_tensor(inpt), params), mode=inpt.mode)
        if not isinstance(inpt, torch.Tensor) or inpt.ndim < 3:
            return inpt
        shift = params["shift"]
        channels = inpt.shape[-3]
        if channels == 1:
            shift = shift.mean().view(1)
        elif channels != 3:
            return inpt
        shift = shift.view(-1, 1, 1)
        if inpt.dtype == torch.uint8:
            # round(x + 255·d) − x == round(255·d) for integer x: every pixel of a channel moves the same amount
            return (inpt.to(torch.float32) + shift * 255.0).round_().clamp_(0, 255).to(torch.uint8)
        return inpt + shift.to(inpt.dtype)

    def extra_repr(self) -> str:
        return f"std={self.std}"


# ---------------------------------------------------------------- builders
def _operation(config: AugmentConfig, name: str) -> Any:
    if name == "crop":
        return RandomResizedCropSameSize(scale=(config.crop, 1.0))
    if name == "flip":
        return v2.RandomHorizontalFlip(p=0.5)
    if name == "rotation":
        return v2.RandomRotation(config.rotation, interpolation=v2.InterpolationMode.BILINEAR, fill=config.fill)
    if name == "shear":
        s = config.shear
        return v2.RandomAffine(degrees=0.0, shear=(-s, s, -s, s), interpolation=v2.InterpolationMode.BILINEAR,
                               fill=config.fill)
    if name == "elastic":
        return ElasticWarp(alpha=config.elastic_alpha, sigma=config.elastic_sigma, fill=config.fill)
    if name == "color":
        return v2.ColorJitter(brightness=config.brightness or None, contrast=config.contrast or None,
                              saturation=config.saturation or None, hue=config.hue or None)
    if name == "pca":
        return PCALighting(config.pca_std)
    raise ValueError(f"unknown augmentation {name!r}; choose one of {', '.join(OPERATIONS)}")


def operations(config: AugmentConfig) -> list[tuple[str, Any]]:
    """``[(name, transform)]`` for the operations the config switches on, in pipeline order."""
    return [(name, _operation(config, name)) for name in config.enabled]


def build_augmentation(config: AugmentConfig | None = None) -> v2.Compose:
    """The training-time augmentation pipeline for ``config`` (identity when nothing is on)."""
    ops = [t for _, t in operations(config or AugmentConfig())]
    return v2.Compose(ops or [v2.Identity()])


def build_single(config: AugmentConfig, name: str) -> v2.Compose:
    """Only operation ``name`` with ``config``'s settings (to show one operation's effect on its own).

    ``flip`` always mirrors here (p = 1) so the effect is visible; an operation that is off is the identity.
    """
    if name == "flip":
        return v2.Compose([v2.RandomHorizontalFlip(p=1.0)])
    if name not in config.enabled:
        if name not in OPERATIONS:
            raise ValueError(f"unknown augmentation {name!r}; choose one of {', '.join(OPERATIONS)}")
        return v2.Compose([v2.Identity()])
    return v2.Compose([_operation(config, name)])


def config_code(config: AugmentConfig) -> str:
    """``build_augmentation(AugmentConfig(...))`` with only the fields that differ from the defaults and matter."""
    default = AugmentConfig()
    unused = {"elastic_sigma"} if config.elastic_alpha == 0 else set()   # σ shapes a warp that is off
    changed = [f"{k}={v!r}" for k, v in asdict(config).items() if v != getattr(default, k) and k not in unused]
    return f"build_augmentation(AugmentConfig({', '.join(changed)}))"


@contextmanager
def _seeded(seed: int | None) -> Iterator[None]:
    """v2 transforms draw from torch's global generator: seed it here without disturbing the caller's."""
    if seed is None:
        yield
        return
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        yield


def pca_offsets(std: float, seed: int | None = 0) -> tuple[float, float, float]:
    """The RGB offsets (0–255 scale) of the first draw of ``PCALighting(std)`` under ``seed`` (as :func:`draws`)."""
    with _seeded(seed):
        shift = PCALighting(std).make_params([])["shift"] * 255.0
    return tuple(float(v) for v in shift)  # type: ignore[return-value]


def draws(image: Any, transform: Callable[[Any], Any], n: int, seed: int | None = 0) -> list[Any]:
    """``n`` random draws of ``transform`` on the same image (reproducible for a given seed)."""
    with _seeded(seed):
        return [transform(image) for _ in range(n)]


def operation_draws(config: AugmentConfig, name: str, image: Any, n: int,
                    seed: int | None = 0) -> tuple[list[Any], bool]:
    """(draws, off): ``n`` draws of operation ``name`` alone on ``image`` (one mirror image for ``flip``), and
    whether the operation is switched off in ``config`` (then the draws are the image itself)."""
    off = name != "flip" and name not in config.enabled
    return draws(image, build_single(config, name), 1 if name == "flip" else n, seed=seed), off
