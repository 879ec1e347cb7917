"""The one image loader: bytes from an upload → a safe RGB or L ``PIL.Image``, plus the bundled samples.

``load_image(data)`` never lets a bad file crash a page: every failure is an :class:`ImageError` (a
``ValueError``) whose message a student can act on, and whose ``kind`` (``empty``, ``svg``, ``not_image``,
``corrupt``, ``too_large``) lets a page translate it. Decompression bombs are refused from the header's
width × height *before* any pixel is decoded (``Image.open`` is lazy: it reads only the header).

Conversions (so every model and figure sees one of two modes):

* RGBA / LA / P with transparency → composited on white (a transparent PNG logo looks as it does in a browser);
* P, CMYK, YCbCr, LAB, HSV → RGB;  1 → L;
* 16-bit and 32-bit integer (``I;16``, ``I``) → 8-bit by 65535 → 255 scaling (÷ 257); float (``F``) → 0–1
  data × 255, other ranges stretched min–max;
* the EXIF orientation tag is applied (phones store portraits sideways), animations give their first frame.

``to_tensor(image, input_size, mean, std)`` makes a model's input batch ``[1, C, H, W]`` from an image.
"""
from __future__ import annotations

import io
import re
import struct
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from PIL import Image, ImageOps

from cnnlab.errors import CnnlabError, Quote, term

if TYPE_CHECKING:   # torch is imported lazily: loading an upload must not pay for it
    import torch

__all__ = ["ImageError", "MAX_PIXELS", "SAMPLES", "load_image", "sample_images", "load_sample", "fit_image",
           "to_uint8_tensor", "to_tensor", "normalize", "denormalize", "to_pil"]

MAX_PIXELS = 40_000_000          # 40 megapixels: larger than any phone photo, far below a decompression bomb
SAMPLES = Path(__file__).resolve().parents[1] / "assets" / "samples"
_SAMPLE_SUFFIXES = (".jpg", ".jpeg", ".png")


class ImageError(CnnlabError):
    """An upload that cannot be used as an image: ``kind`` (the code) names the problem, ``fmt`` (the values) its
    numbers; worded by the image table (``images.err_<kind>``)."""

    prefix = "images.err_"
    complete = True  # the texts are whole sentences with their advice

    def __init__(self, kind: str = "corrupt", /, **fmt: object) -> None:
        super().__init__(kind, **fmt)

    @property
    def kind(self) -> str:
        return self.code

    @property
    def fmt(self) -> dict:
        return self.values


# Decoders raise a zoo of exceptions on hostile input (OSError for truncation, struct.error from TIFF/EXIF
# parsing, SyntaxError from some plugins, IndexError/KeyError from broken tables, MemoryError ...). All of them
# mean "this file is broken", so load_image catches Exception around every Pillow call.


def _looks_like_svg(head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return text.startswith((b"<svg", b"<?xml", b"<!doctype svg")) and b"<svg" in text


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


# First bytes of the formats Pillow reads here: a file that starts like one but does not open is damaged.
_SIGNATURES = {b"\x89PNG\r\n\x1a\n": "PNG", b"\xff\xd8\xff": "JPEG", b"GIF87a": "GIF", b"GIF89a": "GIF",
               b"BM": "BMP", b"II*\x00": "TIFF", b"MM\x00*": "TIFF"}


def _format_of(head: bytes) -> str | None:
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WebP"
    return next((name for sig, name in _SIGNATURES.items() if head.startswith(sig)), None)


def _header_size(head: bytes) -> tuple[int, int] | None:
    """Width and height straight from a PNG's IHDR or a GIF's screen descriptor (for the "too large" message)."""
    if head.startswith(b"\x89PNG\r\n\x1a\n") and head[12:16] == b"IHDR" and len(head) >= 24:
        return struct.unpack(">II", head[16:24])
    if head[:6] in (b"GIF87a", b"GIF89a") and len(head) >= 10:
        return struct.unpack("<HH", head[6:10])
    return None


def _too_large(width: int, height: int, max_pixels: int) -> ImageError:
    mp = width * height / 1e6
    return ImageError("too_large", size=f"{width}×{height}", mp=f"{mp:,.0f}", limit=f"{max_pixels / 1e6:,.0f}")


def _bomb(head: bytes, exc: BaseException, max_pixels: int) -> ImageError:
    """PIL refused the image at its own (higher) limit while reading the header."""
    size = _header_size(head)
    if size is not None:
        return _too_large(*size, max_pixels)
    match = re.search(r"\((\d+) pixels\)", str(exc))
    pixels = int(match.group(1)) if match else 0
    mp = f"{pixels / 1e6:,.0f}" if pixels else "?"
    size = term("images.pixels", n=pixels) if pixels else "?"
    return ImageError("too_large", size=size, mp=mp, limit=f"{max_pixels / 1e6:,.0f}")


def _to_8bit(image: Image.Image) -> Image.Image:
    """High-bit-depth grey (I;16, I, F) → L."""
    arr = np.asarray(image).astype(np.float64)
    arr = np.nan_to_num(arr, nan=0.0, posinf=0.0, neginf=0.0)
    lo, hi = (float(arr.min()), float(arr.max())) if arr.size else (0.0, 0.0)
    if image.mode == "F" and lo >= 0.0 and hi <= 1.0:
        arr = arr * 255.0
    elif image.mode != "F" and lo >= 0 and hi <= 65535:
        arr = arr / 257.0 if hi > 255 else arr   # 16-bit data: 65535 → 255; 8-bit data stored wide: as is
    elif hi > lo:
        arr = (arr - lo) / (hi - lo) * 255.0      # anything else: stretch its own range
    else:
        arr = np.zeros_like(arr)
    return Image.fromarray(np.clip(np.rint(arr), 0, 255).astype(np.uint8), "L")


def _on_white(image: Image.Image) -> Image.Image:
    """Composite an image with alpha on a white background (RGBA → RGB, LA → L)."""
    grey = image.mode in ("LA", "La")
    rgba = image.convert("RGBA")
    background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    out = Image.alpha_composite(background, rgba).convert("RGB")
    return out.convert("L") if grey else out


def _normalise_mode(image: Image.Image) -> Image.Image:
    mode = image.mode
    if mode in ("RGB", "L"):
        return image
    if mode == "1":
        return image.convert("L")
    if mode in ("RGBA", "RGBa", "LA", "La", "PA"):
        return _on_white(image)
    if mode == "P":
        if "transparency" in image.info:
            return _on_white(image.convert("RGBA"))
        return image.convert("RGB")
    if mode.startswith("I") or mode == "F":
        return _to_8bit(image if mode in ("I", "F") or mode == "I;16" else image.convert("I"))
    return image.convert("RGB")   # CMYK, YCbCr, LAB, HSV, RGBX ...


def load_image(data: bytes, *, max_pixels: int = MAX_PIXELS) -> Image.Image:
    """Decode uploaded bytes into an RGB or L image (EXIF-upright, first frame); raise ImageError otherwise."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise ImageError("not_bytes", type=type(data).__name__)
    data = bytes(data)
    if not data:
        raise ImageError("empty")
    head = data[:2048]
    if _looks_like_svg(head):
        raise ImageError("svg")
    try:
        source = Image.open(io.BytesIO(data))     # lazy: reads the header only
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:  # PIL's own limit
        raise _bomb(head, exc, max_pixels) from None
    except Image.UnidentifiedImageError:
        fmt = _format_of(head)
        if fmt is not None:   # starts like a PNG/JPEG/... but Pillow cannot make sense of the rest
            raise ImageError("corrupt", detail=term("images.detail_format", fmt=fmt, bytes=len(data))) from None
        text = term("images.text_hint") if _looks_like_text(head) else None
        raise ImageError("not_image", text=text) from None
    except Exception as exc:  # noqa: BLE001 — see the note on decoder exceptions above
        raise _corrupt(exc, head, max_pixels) from None
    try:
        width, height = source.size
        if width <= 0 or height <= 0:
            raise ImageError("corrupt", detail=term("images.detail_no_pixels", size=f"{width}×{height}"))
        if width * height > max_pixels:           # before decoding a single pixel
            raise _too_large(width, height, max_pixels)
        source.load()                             # decodes the first frame only
        upright = ImageOps.exif_transpose(source) or source
        out = _normalise_mode(upright)
        if out is source:
            out = source.copy()                   # detach from the file object
        out.info.clear()                          # no EXIF/ICC baggage travels on
        return out
    except ImageError:
        raise
    except Exception as exc:  # noqa: BLE001 — any decoder or plugin error: never take the page down
        raise _corrupt(exc, head, max_pixels) from None
    finally:
        source.close()


def _corrupt(exc: BaseException, head: bytes, max_pixels: int) -> ImageError:
    if isinstance(exc, (Image.DecompressionBombError, Image.DecompressionBombWarning)):
        return _bomb(head, exc, max_pixels)
    return ImageError("corrupt", detail=Quote(str(exc).strip() or type(exc).__name__))


# ---------------------------------------------------------------- samples
def sample_images() -> dict[str, Path]:
    """Bundled sample images, ``{name: path}`` sorted by name (see assets/samples/README.md for sources)."""
    if not SAMPLES.is_dir():
        return {}
    return {p.stem: p for p in sorted(SAMPLES.iterdir()) if p.suffix.lower() in _SAMPLE_SUFFIXES}


def load_sample(name: str) -> Image.Image:
    """A bundled sample through :func:`load_image` (so samples and uploads follow one path)."""
    samples = sample_images()
    if name not in samples:
        raise ImageError("unknown_sample", name=name, samples=list(samples))
    return load_image(samples[name].read_bytes())


# ---------------------------------------------------------------- feeding models
def fit_image(image: Image.Image, input_size: Sequence[int], *, crop: bool = True) -> Image.Image:
    """The image as a model sees it: mode for C (1 → L, 3 → RGB), resized to H×W.

    ``crop=True`` keeps the aspect ratio (shorter side to size, centre crop — the usual ImageNet evaluation);
    ``crop=False`` squeezes the whole image in.
    """
    c, h, w = (int(v) for v in input_size)
    if c not in (1, 3):
        raise ImageError("channels", c=c)
    image = image.convert("L" if c == 1 else "RGB")
    if crop:
        return ImageOps.fit(image, (w, h), Image.Resampling.BILINEAR)
    return image.resize((w, h), Image.Resampling.BILINEAR)


def to_uint8_tensor(image: Image.Image) -> "torch.Tensor":
    """PIL image → uint8 tensor ``[C, H, W]`` (the layout the augmentation pipeline and datasets use)."""
    import torch

    arr = np.asarray(image, dtype=np.uint8)
    if arr.ndim == 2:
        arr = arr[None]
    else:
        arr = arr.transpose(2, 0, 1)
    return torch.from_numpy(arr.copy())  # own, writable memory


def to_tensor(image: Image.Image, input_size: Sequence[int], mean: Sequence[float] | None = None,
              std: Sequence[float] | None = None, *, crop: bool = True) -> "torch.Tensor":
    """Model input ``[1, C, H, W]`` float: fitted (see :func:`fit_image`), scaled to 0–1, normalised.

    Use the model's own numbers: ``to_tensor(img, tm.input_size, tm.mean, tm.std)`` for a ``TrainedModel``.
    """
    x = to_uint8_tensor(fit_image(image, input_size, crop=crop)).float().div_(255.0)
    return normalize(x, mean, std)[None]


def normalize(x: "torch.Tensor", mean: "Sequence[float] | torch.Tensor | None",
              std: "Sequence[float] | torch.Tensor | None") -> "torch.Tensor":
    """``(x − mean) / std`` per channel for 0–1 images ``[..., C, H, W]`` (the model's input scale)."""
    c = x.shape[-3]
    if mean is not None:
        x = x - _per_channel(mean, c)
    if std is not None:
        x = x / _per_channel(std, c)
    return x


def denormalize(x: "torch.Tensor", mean: Sequence[float], std: Sequence[float]) -> "torch.Tensor":
    """Undo :func:`normalize`: model input ``[..., C, H, W]`` → 0–1 image tensor (for display)."""
    c = x.shape[-3]
    return (x * _per_channel(std, c) + _per_channel(mean, c)).clamp(0, 1)


def _per_channel(values: "Sequence[float] | torch.Tensor", c: int) -> "torch.Tensor":
    import torch

    v = values if isinstance(values, torch.Tensor) else torch.as_tensor(list(values), dtype=torch.float32)
    v = v.flatten()
    if v.numel() == 1:
        v = v.expand(c)
    if v.numel() != c:
        raise ImageError("norm_channels", n=v.numel(), c=c)
    return v.view(c, 1, 1)


def to_pil(x: "torch.Tensor") -> Image.Image:
    """uint8 or 0–1 float tensor ``[C, H, W]`` (C = 1 or 3) → PIL image (L or RGB), for display."""
    import torch

    t = x.detach().cpu()
    if t.dtype != torch.uint8:
        t = (t.float().clamp(0, 1) * 255).round().to(torch.uint8)
    arr = t.numpy()
    if arr.ndim == 3 and arr.shape[0] == 1:
        return Image.fromarray(arr[0], "L")
    if arr.ndim == 2:
        return Image.fromarray(arr, "L")
    return Image.fromarray(np.ascontiguousarray(arr.transpose(1, 2, 0)), "RGB")
