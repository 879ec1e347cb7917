"""Lesson 5 — data augmentation, and the one augmentation builder: ``AugmentConfig`` → a batch augmentation.

:func:`build_augmentation` returns an :class:`Augmentation`: called on a whole batch ``[B, C, H, W]`` (uint8 or
0–1 float, on any device) with a ``torch.Generator``, it draws random parameters for every image at once and
applies them — every geometric operation combined into ONE resampling per image (one inverse affine matrix and
an optional displacement field → ``F.grid_sample``, bilinear), the colour operations elementwise. The training
loader (``cnnlab.data``) calls it on each mini-batch on the job's device (the GPU when training there, so the CPU
is free to prepare the next batch); the Data augmentation page calls the very same object on a batch of copies of
one picture (``draws``), and each of its operation tabs calls it with only that operation switched on.
Nothing reads torch's global generator: the same generator seed gives the same pictures, alone or in a class of 30.

Operations, in pipeline order (each is off at its neutral value):

=============  ===================================================================================
``crop``       random resized crop (AlexNet/Inception style): keep a random patch covering ``crop``–100 % of
               the area (aspect 3:4–4:3) and scale it back to the input's own size. 1.0 = off.
``flip``       mirror left–right with probability ½. Never for digits: a mirrored digit is a different symbol.
``rotation``   rotate by a uniform angle in ±``rotation`` degrees (counter-clockwise positive; corners filled
               with ``fill``, 0 = black).
``shear``      shear by a uniform angle in ±``shear`` degrees along x and along y.
``elastic``    local warping (Simard et al. 2003): a random displacement field smoothed by a Gaussian of
               ``elastic_sigma`` pixels, scaled by ``elastic_alpha`` (torchvision's ``ElasticTransform`` units).
               0 = off.
colour jitter  ``brightness``/``contrast``/``saturation`` factors drawn from [1 − v, 1 + v], ``hue`` shift in ±v,
               applied in that order (torchvision's ``ColorJitter`` formulas; it shuffles the order per image).
``pca_std``    AlexNet's "fancy PCA" colour shift: add ``eigvec · (α ⊙ eigval)`` to every pixel, α ~ N(0, σ²)
               per image — a different offset for R, G and B, the same for every pixel of a channel
               (grey images get the mean of the three). σ = 0.1 in the paper.
=============  ===================================================================================

Random numbers: each image takes one row of ``torch.rand(B, 33 [+ 2·H·W for the warp])`` from the generator, so
on the CPU draw *i* gets the same numbers whatever the batch size and whichever operations are on — the page's
rotation tab shows the very angles its pipeline grid uses for the same seed.
"""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

import PIL.Image
import torch
from torch.nn import functional as F

from cnnlab.images import to_pil, to_uint8_tensor

__all__ = ["AugmentConfig", "AugmentParams", "Augmentation", "IMAGENET_EIGVAL", "IMAGENET_EIGVEC", "PRESETS",
           "OPERATIONS", "FIELDS", "preset", "only", "build_augmentation", "draws", "operation_draws",
           "pca_offsets", "config_code", "ALEXNET_CROP", "alexnet_crop_area"]

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
# grey strokes). Photos: a modern mix, NOT AlexNet's recipe — Inception-style resized crops (50–100 % of the area),
# mirrors, small rotations, colour jitter, and AlexNet's PCA colour shift. AlexNet itself used only fixed-size
# 224×224 crops of 256×256 images, mirrors and the PCA colour shift (``ALEXNET_CROP``).
PRESETS: dict[str, AugmentConfig] = {
    "none": AugmentConfig(),
    "digits": AugmentConfig(crop=0.8, rotation=10.0, shear=10.0, elastic_alpha=20.0, elastic_sigma=4.0),
    "photos": AugmentConfig(flip=True, crop=0.5, rotation=10.0, brightness=0.3, contrast=0.3, saturation=0.3,
                            hue=0.02, pca_std=0.1),
}


# AlexNet's crops (Krizhevsky et al. 2012): random 224×224 patches of the 256×256 images, never rescaled.
ALEXNET_CROP = (224, 256)


def alexnet_crop_area() -> float:
    """The fraction of the image one AlexNet crop keeps: (224 / 256)² ≈ 0.766."""
    patch, image = ALEXNET_CROP
    return (patch / image) ** 2


def preset(name: str, **changes: Any) -> AugmentConfig:
    """A preset (``none``, ``digits``, ``photos``), optionally with some fields changed."""
    if name not in PRESETS:
        raise ValueError(f"unknown augmentation preset {name!r}; choose one of {', '.join(PRESETS)}")
    return replace(PRESETS[name], **changes)


def only(config: AugmentConfig, name: str) -> AugmentConfig:
    """``config`` with every operation but ``name`` switched off (what one tab of the page shows)."""
    if name not in OPERATIONS:
        raise ValueError(f"unknown augmentation {name!r}; choose one of {', '.join(OPERATIONS)}")
    default = AugmentConfig()
    kept = set(FIELDS[name]) | {"fill"}
    return replace(default, **{f.name: getattr(config, f.name) for f in fields(config) if f.name in kept})


# ---------------------------------------------------------------- random parameters
# Columns of the per-image row of uniforms (see the module docstring); the warp's noise follows them.
_TRIES = 10                                           # torchvision's RandomResizedCrop tries 10 boxes, then gives up
_FLIP, _AREA, _RATIO = 0, slice(1, 1 + _TRIES), slice(1 + _TRIES, 1 + 2 * _TRIES)
_LEFT, _TOP, _ANGLE, _SHEAR = 21, 22, 23, slice(24, 26)
_COLOR, _PCA = slice(26, 30), slice(30, 33)           # brightness, contrast, saturation, hue; three α
_COLUMNS = 33
_RATIO_RANGE = (3.0 / 4.0, 4.0 / 3.0)
_GREY = (0.2989, 0.587, 0.114)                        # ITU-R 601 luma, as torchvision's rgb_to_grayscale


@dataclass(frozen=True)
class AugmentParams:
    """What every image of one batch drew (``B`` rows; an operation that is off holds its neutral value)."""

    flip: torch.Tensor              # [B] bool: mirrored
    crop: torch.Tensor              # [B, 4] kept box (left, top, width, height) in input pixels
    angle: torch.Tensor             # [B] rotation in degrees, counter-clockwise
    shear: torch.Tensor             # [B, 2] shear angles in degrees along x and y
    displacement: torch.Tensor | None   # [B, H, W, 2] warp (dx, dy) in pixels, None when the warp is off
    color: torch.Tensor             # [B, 4] brightness, contrast, saturation factors and the hue shift
    pca_shift: torch.Tensor         # [B, 3] RGB offsets on the 0–1 scale


def _smoothing_matrix(n: int, sigma: float, device: torch.device) -> torch.Tensor:
    """``M`` [n, n] with ``M @ v`` = ``v`` blurred by a Gaussian of ``sigma`` pixels (reflect padding, radius
    4σ capped by the size): the blur as one small matrix product instead of a (8σ+1)-tap convolution."""
    radius = max(0, min(int(4 * sigma), n - 1))
    taps = torch.arange(-radius, radius + 1, device=device)
    kernel = torch.exp(-0.5 * (taps.float() / sigma) ** 2)
    kernel = kernel / kernel.sum()
    rows = torch.arange(n, device=device)[:, None].expand(n, len(taps))
    cols = (rows + taps).abs()                                    # reflect at the start …
    cols = torch.where(cols > n - 1, 2 * (n - 1) - cols, cols)    # … and at the end (the edge is not repeated)
    matrix = torch.zeros(n, n, device=device)
    return matrix.index_put_((rows.reshape(-1), cols.reshape(-1)), kernel.expand(n, -1).reshape(-1), accumulate=True)


def _displacement(noise: torch.Tensor, config: AugmentConfig, height: int, width: int) -> torch.Tensor:
    """Uniform noise [B, 2·H·W] → smoothed displacement field [B, H, W, 2] in pixels.

    torchvision's units: the blurred field times α / size is added to the [-1, 1] sampling grid, i.e. α / 2 pixels.
    """
    field = (noise.reshape(-1, width) * 2 - 1) @ _smoothing_matrix(width, config.elastic_sigma, noise.device).T
    field = field.view(-1, height, width).transpose(1, 2).reshape(-1, height)      # blur along x, then along y
    field = field @ _smoothing_matrix(height, config.elastic_sigma, noise.device).T   # (each one matrix product)
    return field.view(-1, 2, width, height).permute(0, 3, 2, 1) * (config.elastic_alpha / 2)


def _crop_boxes(u: torch.Tensor, smallest: float, height: int, width: int) -> torch.Tensor:
    """RandomResizedCrop's boxes, batched: the first of 10 tries (area, log aspect) that fits, else the largest
    box of an allowed aspect in the centre; its position uniform over where it fits. [B, 4] left, top, w, h."""
    area = (smallest + (1 - smallest) * u[:, _AREA]) * (height * width)
    lo, hi = math.log(_RATIO_RANGE[0]), math.log(_RATIO_RANGE[1])
    ratio = torch.exp(lo + (hi - lo) * u[:, _RATIO])
    w, h = torch.sqrt(area * ratio), torch.sqrt(area / ratio)
    fits = (w <= width) & (h <= height)
    first = fits.float().argmax(1, keepdim=True)                   # argmax returns the first of equal maxima
    w, h = w.gather(1, first)[:, 0], h.gather(1, first)[:, 0]
    found = fits.any(1)
    w = torch.where(found, w, min(width, height * _RATIO_RANGE[1]))
    h = torch.where(found, h, min(height, width * _RATIO_RANGE[1]))
    left = u[:, _LEFT] * (width - w)
    top = u[:, _TOP] * (height - h)
    return torch.stack([left, top, w, h], 1)


def _sample(config: AugmentConfig, batch: int, height: int, width: int, generator: torch.Generator,
            device: torch.device) -> AugmentParams:
    c = config
    noise = 2 * height * width if c.elastic_alpha > 0 else 0
    u = torch.rand(batch, _COLUMNS + noise, generator=generator, device=generator.device).to(device)
    # (Python numbers, never small tensors built on the host: copying one to a GPU would wait for its queue.)
    flip = (u[:, _FLIP] < 0.5) if c.flip else torch.zeros(batch, dtype=torch.bool, device=device)
    if c.crop < 1.0:
        crop = _crop_boxes(u, c.crop, height, width)
    else:
        zero = torch.zeros(batch, device=device)
        crop = torch.stack([zero, zero, zero + width, zero + height], 1)
    angle = (2 * u[:, _ANGLE] - 1) * c.rotation
    shear = (2 * u[:, _SHEAR] - 1) * c.shear
    spread = 2 * u[:, _COLOR] - 1
    color = torch.stack([1 + spread[:, 0] * c.brightness, 1 + spread[:, 1] * c.contrast,
                         1 + spread[:, 2] * c.saturation, spread[:, 3] * c.hue], 1)
    # α ~ N(0, σ²) from the row's uniforms (inverse CDF), so the row stays the image's only source of randomness
    alpha = math.sqrt(2) * c.pca_std * torch.erfinv((2 * u[:, _PCA] - 1).clamp(-1 + 1e-7, 1 - 1e-7))
    pca_shift = torch.stack([sum(alpha[:, j] * (vec[j] * IMAGENET_EIGVAL[j]) for j in range(3))
                             for vec in IMAGENET_EIGVEC], 1)       # eigvec · (α ⊙ eigval), one row per image
    displacement = _displacement(u[:, _COLUMNS:], c, height, width) if noise else None
    return AugmentParams(flip, crop, angle, shear, displacement, color, pca_shift)


# ---------------------------------------------------------------- applying them
def _inverse_affine(p: AugmentParams, height: int, width: int) -> torch.Tensor:
    """Output → input map of crop · flip · rotation · shear in pixels from the image centre: [B, 2, 3] rows
    (a, b, tx) and (c, d, ty), ``source = (a·x + b·y + tx, c·x + d·y + ty)``.

    The operations run crop first, so an output point goes back through their inverses in reverse order:
    shear⁻¹ = [[1 + tx·ty, −tx], [−ty, 1]] (undoing [[1, 0], [ty, 1]] · [[1, tx], [0, 1]]), then the rotation
    [[cos, −sin], [sin, cos]] (undoing a counter-clockwise turn on screen, where y points down), the mirror
    (x → −x) and the crop (scale by the box's size, move to its centre).
    """
    left, top, w, h = p.crop.unbind(1)
    rad = torch.deg2rad(p.angle)
    cos, sin = torch.cos(rad), torch.sin(rad)
    tx, ty = torch.tan(torch.deg2rad(p.shear)).unbind(1)
    a, b = cos * (1 + tx * ty) + sin * ty, -cos * tx - sin          # rotation⁻¹ · shear⁻¹
    c, d = sin * (1 + tx * ty) - cos * ty, cos - sin * tx
    sx = torch.where(p.flip, -w, w) / width                         # mirror, then the crop's scale
    sy = h / height
    shift_x, shift_y = left + w / 2 - width / 2, top + h / 2 - height / 2
    return torch.stack([torch.stack([sx * a, sx * b, shift_x], 1), torch.stack([sy * c, sy * d, shift_y], 1)], 1)


def _resample(x: torch.Tensor, p: AugmentParams, fill: float, leaves_image: bool) -> torch.Tensor:
    """Every geometric operation as one bilinear lookup per output pixel.

    Inside the image the edge pixels extend (a crop touching the border stays exact); beyond it
    (``leaves_image``: rotation, shear or warp on) the picture fades to ``fill`` over one pixel, so turned edges
    are smooth.
    """
    b, _, height, width = x.shape
    half_w, half_h = width / 2, height / 2
    m = _inverse_affine(p, height, width)
    rows = [(m[:, 0] / half_w)[..., None, None], (m[:, 1] / half_h)[..., None, None]]   # → grid_sample's [-1, 1]
    px = (torch.arange(width, device=x.device, dtype=torch.float32) + (0.5 - width / 2)).view(1, 1, width)
    py = (torch.arange(height, device=x.device, dtype=torch.float32) + (0.5 - height / 2)).view(1, height, 1)
    if p.displacement is not None:                  # the warp runs last: its displacement is undone first
        px, py = px + p.displacement[..., 0], py + p.displacement[..., 1]
    grid = torch.empty(b, height, width, 2, device=x.device)
    for i, row in enumerate(rows):                  # x' = a·x + b·y + t, y' = c·x + d·y + t, written in place
        grid[..., i].copy_(row[:, 0] * px).add_(row[:, 1] * py).add_(row[:, 2])
    values = F.grid_sample(x, grid.to(x.dtype), mode="bilinear", padding_mode="border", align_corners=False)
    if not leaves_image:
        return values
    # 1 inside the image, falling to 0 one pixel beyond its edge
    inside = grid[..., 0].abs().sub_(1).clamp_(min=0).mul_(-half_w).add_(1).clamp_(min=0)
    inside.mul_(grid[..., 1].abs().sub_(1).clamp_(min=0).mul_(-half_h).add_(1).clamp_(min=0))
    inside = inside[:, None].to(x.dtype)
    return values.mul_(inside).add_(fill * (1 - inside)) if fill else values.mul_(inside)


def _grey(x: torch.Tensor) -> torch.Tensor:
    if x.shape[1] == 1:
        return x
    r, g, b = x.unbind(1)
    return (_GREY[0] * r + _GREY[1] * g + _GREY[2] * b)[:, None]


def _shift_hue(x: torch.Tensor, shift: torch.Tensor) -> torch.Tensor:
    """Turn the hue of RGB images [B, 3, H, W] by ``shift`` [B] (fraction of the colour wheel), through HSV."""
    value, which = x.max(1, keepdim=True)                     # V, and which channel holds it
    spread = value - x.min(1, keepdim=True).values            # V·S
    # hue in sixths: (g − b)/spread where red is largest, 2 + (b − r)/spread for green, 4 + (r − g)/spread for blue
    following = x.roll(-1, 1) - x.roll(-2, 1)                 # g − b, b − r, r − g
    sixths = following.gather(1, which).div_(spread.clamp(min=1e-12)).add_(2 * which)
    # HSV → RGB: channel n = V − V·S·clamp(min(k, 4 − k), 0, 1) with k = (n + hue in sixths) mod 6, n = 5, 3, 1
    n = torch.arange(5.0, 0.0, -2.0, device=x.device)[None, :, None, None]
    k = (n + sixths + 6 * shift[:, None, None, None]).remainder_(6)
    return value - spread * torch.minimum(k, 4 - k).clamp_(0, 1)


def _colour(x: torch.Tensor, config: AugmentConfig, p: AugmentParams) -> torch.Tensor:
    """Colour jitter (torchvision's ColorJitter formulas, clipped to 0–1 after each) and the PCA shift, in place."""
    rgb = x.shape[1] == 3
    factor = p.color[:, :, None, None, None].to(x.dtype)      # [B, 4, 1, 1, 1]
    if config.brightness > 0:
        x.mul_(factor[:, 0]).clamp_(0, 1)
    if config.contrast > 0:
        mean = _grey(x).mean((1, 2, 3), keepdim=True)
        x.mul_(factor[:, 1]).add_((1 - factor[:, 1]) * mean).clamp_(0, 1)
    if config.saturation > 0 and rgb:
        grey = _grey(x)
        x.mul_(factor[:, 2]).add_((1 - factor[:, 2]) * grey).clamp_(0, 1)
    if config.hue > 0 and rgb:
        x = _shift_hue(x, p.color[:, 3])
    if config.pca_std > 0:
        shift = p.pca_shift if rgb else p.pca_shift.mean(1, keepdim=True)
        x.add_(shift[:, :, None, None].to(x.dtype)).clamp_(0, 1)
    return x


class Augmentation:
    """The augmentation of one ``AugmentConfig``, for whole batches: ``augmentation(images, generator)``.

    ``images``: ``[B, C, H, W]`` uint8 (0–255) or float (0–1), any device; returns the same shape, dtype and
    device. The random parameters come from ``generator`` (drawn on its device, used on the images' device).
    """

    def __init__(self, config: AugmentConfig | None = None) -> None:
        self.config = config or AugmentConfig()

    def sample(self, batch: int, height: int, width: int, generator: torch.Generator,
               device: torch.device | str | None = None) -> AugmentParams:
        """The random parameters of ``batch`` images of ``height`` × ``width`` (on ``device``)."""
        return _sample(self.config, batch, height, width, generator, torch.device(device or generator.device))

    def apply(self, images: torch.Tensor, params: AugmentParams) -> torch.Tensor:
        """``images`` transformed with the given parameters (the input itself when nothing is on)."""
        config, on = self.config, set(self.config.enabled)
        self._check(images)
        geometric = on & {"crop", "rotation", "shear", "elastic"}
        if not on or on == {"flip"}:                  # exact: no resampling, any dtype
            mirror = params.flip.to(images.device)[:, None, None, None]
            return torch.where(mirror, images.flip(-1), images) if on else images
        x = images.float() / 255 if images.dtype == torch.uint8 else images
        if geometric:
            x = _resample(x, params, config.fill / 255, leaves_image=bool(geometric - {"crop"}))
        elif "flip" in on:
            x = torch.where(params.flip[:, None, None, None], x.flip(-1), x)
        elif x is images:
            x = x.clone()                             # the colour operations work in place
        if on & {"color", "pca"}:
            x = _colour(x, config, params)
        if images.dtype == torch.uint8:
            return (x * 255).round_().clamp_(0, 255).to(torch.uint8)
        return x

    def _check(self, images: torch.Tensor) -> None:
        if images.ndim != 4:
            raise ValueError(f"augmentation takes a batch [B, C, H, W], got a tensor of shape {tuple(images.shape)}")
        if set(self.config.enabled) & {"color", "pca"} and images.shape[1] not in (1, 3):
            raise ValueError(f"colour augmentation needs 1 or 3 channels, got {images.shape[1]}")

    def __call__(self, images: torch.Tensor, generator: torch.Generator) -> torch.Tensor:
        self._check(images)
        if not self.config.enabled:
            return images
        b, _, h, w = images.shape
        return self.apply(images, self.sample(b, h, w, generator, images.device))

    def __repr__(self) -> str:
        c = self.config
        steps = {"crop": f"crop(area={c.crop:g}–1, aspect=3:4–4:3, resize to H×W)", "flip": "flip(p=0.5)",
                 "rotation": f"rotation(±{c.rotation:g}°, fill={c.fill})",
                 "shear": f"shear(x=±{c.shear:g}°, y=±{c.shear:g}°, fill={c.fill})",
                 "elastic": f"elastic(alpha={c.elastic_alpha:g}, sigma={c.elastic_sigma:g}, fill={c.fill})",
                 "color": (f"color(brightness={c.brightness:g}, contrast={c.contrast:g}, "
                           f"saturation={c.saturation:g}, hue={c.hue:g})"),
                 "pca": f"pca_lighting(std={c.pca_std:g})"}
        lines = [steps[name] for name in c.enabled] or ["identity"]
        return "Augmentation(\n    " + ",\n    ".join(lines) + "\n)  # geometry in one grid_sample, per image"


def build_augmentation(config: AugmentConfig | None = None) -> Augmentation:
    """The training-time augmentation for ``config`` (identity when nothing is on)."""
    return Augmentation(config)


# ---------------------------------------------------------------- what the page shows
def _as_batch(image: PIL.Image.Image | torch.Tensor, n: int) -> torch.Tensor:
    x = to_uint8_tensor(image) if isinstance(image, PIL.Image.Image) else image
    return x.unsqueeze(0).expand(n, *x.shape)


def _unbatch(out: torch.Tensor, like: PIL.Image.Image | torch.Tensor) -> list[Any]:
    return [to_pil(o) for o in out] if isinstance(like, PIL.Image.Image) else list(out)


def draws(image: PIL.Image.Image | torch.Tensor, augmentation: Augmentation, n: int, seed: int = 0) -> list[Any]:
    """``n`` random draws of ``augmentation`` on one image (PIL, or a tensor [C, H, W]): one batch of ``n`` copies
    through the training pipeline with a generator seeded by ``seed``. Returns PIL images or tensors, like ``image``.
    """
    generator = torch.Generator().manual_seed(seed)
    return _unbatch(augmentation(_as_batch(image, n), generator), image)


def operation_draws(config: AugmentConfig, name: str, image: PIL.Image.Image | torch.Tensor, n: int,
                    seed: int = 0) -> tuple[list[Any], bool]:
    """(draws, off): ``n`` draws of operation ``name`` alone (``only(config, name)``) on ``image``, and whether it is
    switched off in ``config`` (then the draws are the image itself). ``flip`` gives one picture, always mirrored
    (in training a coin decides)."""
    if name == "flip":
        mirror, batch = build_augmentation(AugmentConfig(flip=True)), _as_batch(image, 1)
        params = mirror.sample(1, batch.shape[-2], batch.shape[-1], torch.Generator().manual_seed(seed))
        return _unbatch(mirror.apply(batch, replace(params, flip=torch.ones(1, dtype=torch.bool))), image), False
    return draws(image, build_augmentation(only(config, name)), n, seed), name not in config.enabled


def pca_offsets(std: float, seed: int = 0) -> tuple[float, float, float]:
    """The RGB offsets (0–255 scale) that draw 1 of the PCA colour shift adds under ``seed`` (as :func:`draws`)."""
    params = build_augmentation(AugmentConfig(pca_std=std)).sample(1, 1, 1, torch.Generator().manual_seed(seed))
    return tuple(float(v) for v in params.pca_shift[0] * 255.0)  # type: ignore[return-value]


def config_code(config: AugmentConfig) -> str:
    """``build_augmentation(AugmentConfig(...))`` with only the fields that differ from the defaults and matter."""
    default = AugmentConfig()
    unused = {"elastic_sigma"} if config.elastic_alpha == 0 else set()   # σ shapes a warp that is off
    changed = [f"{k}={v!r}" for k, v in asdict(config).items() if v != getattr(default, k) and k not in unused]
    return f"build_augmentation(AugmentConfig({', '.join(changed)}))"


