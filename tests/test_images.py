"""cnnlab.images: every malformed upload either loads as RGB/L or raises ImageError with a clear message."""
from __future__ import annotations

import io
import struct
import zlib

import numpy as np
import pytest
import torch
from PIL import Image, ImageFile

from cnnlab.images import (ImageError, denormalize, fit_image, load_image, load_sample, sample_images, to_pil, to_tensor,
                           to_uint8_tensor)


def _save(image: Image.Image, fmt: str, **kw) -> bytes:
    buf = io.BytesIO()
    image.save(buf, fmt, **kw)
    return buf.getvalue()


def _gradient(w: int = 40, h: int = 30) -> Image.Image:
    x = np.linspace(0, 255, w, dtype=np.float32)[None, :, None]
    y = np.linspace(0, 255, h, dtype=np.float32)[:, None, None]
    arr = np.concatenate([np.broadcast_to(x, (h, w, 1)), np.broadcast_to(y, (h, w, 1)),
                          np.full((h, w, 1), 128, np.float32)], axis=2)
    return Image.fromarray(arr.astype(np.uint8), "RGB")


def _png_chunk(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))


def _png_header_only(width: int, height: int) -> bytes:
    """A valid PNG signature + IHDR claiming width×height, with a tiny IDAT: a decompression bomb's header."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)   # 8-bit RGB
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", ihdr) + _png_chunk(b"IDAT", zlib.compress(b"\x00" * 64))
            + _png_chunk(b"IEND", b""))


def _jpeg_header_claiming(width: int, height: int) -> bytes:
    """A small JPEG whose start-of-frame marker claims width×height (the scan data stays tiny)."""
    data = bytearray(_save(Image.new("RGB", (16, 16)), "JPEG"))
    sof = data.find(b"\xff\xc0")
    data[sof + 5:sof + 9] = struct.pack(">HH", height, width)
    return bytes(data)


def _exif_rotated_jpeg() -> bytes:
    exif = Image.Exif()
    exif[0x0112] = 6   # orientation 6: the camera was turned; viewers rotate 90° clockwise
    return _save(_gradient(40, 30), "JPEG", exif=exif.tobytes())


def _animated_gif() -> bytes:
    frames = [Image.new("RGB", (20, 10), c) for c in ((255, 0, 0), (0, 255, 0), (0, 0, 255))]
    return _save(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)


def _palette_with_transparency() -> bytes:
    image = Image.new("P", (16, 8), 0)
    image.putpalette([0, 0, 0, 255, 0, 0] + [0] * (254 * 3))
    image.paste(1, (8, 0, 16, 8))          # right half red, left half index 0 = transparent
    return _save(image, "PNG", transparency=0)


def _sixteen_bit_png() -> bytes:
    arr = np.linspace(0, 65535, 24 * 12, dtype=np.float64).reshape(12, 24).astype(np.uint16)
    image = Image.fromarray(arr)
    assert image.mode == "I;16"
    return _save(image, "PNG")


def _cmyk_jpeg() -> bytes:
    return _save(Image.new("CMYK", (32, 16), (0, 255, 255, 0)), "JPEG", quality=95)  # pure red in CMYK


# (name, bytes factory, expected mode, expected (w, h)) — files that must load.
GOOD = [
    ("cmyk_jpeg", _cmyk_jpeg, "RGB", (32, 16)),
    ("16bit_png", _sixteen_bit_png, "L", (24, 12)),
    ("palette_transparency", _palette_with_transparency, "RGB", (16, 8)),
    ("animated_gif", _animated_gif, "RGB", (20, 10)),
    ("exif_rotated_jpeg", _exif_rotated_jpeg, "RGB", (30, 40)),   # width and height swapped
    ("rgba_png", lambda: _save(Image.new("RGBA", (9, 7), (0, 0, 0, 0)), "PNG"), "RGB", (9, 7)),
    ("la_png", lambda: _save(Image.new("LA", (9, 7), (0, 0)), "PNG"), "L", (9, 7)),
    ("grey_png", lambda: _save(Image.new("L", (5, 6), 77), "PNG"), "L", (5, 6)),
    ("bmp", lambda: _save(_gradient(), "BMP"), "RGB", (40, 30)),
    ("webp", lambda: _save(_gradient(), "WEBP"), "RGB", (40, 30)),
    ("tiff_float", lambda: _save(Image.new("F", (5, 4), 0.5), "TIFF"), "L", (5, 4)),
    ("one_bit_png", lambda: _save(Image.new("1", (8, 8), 1), "PNG"), "L", (8, 8)),
]


def _truncated_png() -> bytes:
    data = _save(_gradient(200, 150), "PNG")
    return data[: len(data) // 2]


def _truncated_jpeg() -> bytes:
    data = _save(_gradient(200, 150), "JPEG")
    return data[: len(data) // 2]


SVG = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect/></svg>'

# (name, bytes factory, expected kind, words the message must contain).
BAD = [
    ("zero_bytes", lambda: b"", "empty", "empty"),
    ("truncated_png", _truncated_png, "corrupt", "truncated or corrupt"),
    ("truncated_jpeg", _truncated_jpeg, "corrupt", "truncated or corrupt"),
    ("random_bytes", lambda: np.random.default_rng(0).bytes(4096), "not_image", "not an image"),
    ("text_renamed_png", lambda: b"Dear teacher,\nthis is my homework.\n", "not_image", "text file"),
    ("svg", lambda: SVG, "svg", "export it as PNG/JPEG"),
    ("svg_without_xml_declaration", lambda: b"  <svg width='1' height='1'></svg>", "svg", "vector format"),
    ("png_30000x30000_header", lambda: _png_header_only(30000, 30000), "too_large", "too large"),
    ("png_signature_only", lambda: b"\x89PNG\r\n\x1a\n", "corrupt", "truncated or corrupt"),
    ("png_bad_crc", lambda: _png_header_only(10, 10)[:29] + b"\x00\x00\x00\x00" + _png_header_only(10, 10)[33:],
     "corrupt", "truncated or corrupt"),
    ("gif_header_only", lambda: b"GIF89a\x10\x00\x10\x00", "corrupt", "truncated or corrupt"),
]


@pytest.mark.parametrize("name, make, mode, size", GOOD, ids=[g[0] for g in GOOD])
def test_odd_but_valid_uploads_load_as_rgb_or_grey(name, make, mode, size):
    image = load_image(make())
    assert image.mode == mode
    assert image.size == size
    assert isinstance(image, Image.Image)


@pytest.mark.parametrize("name, make, kind, words", BAD, ids=[b[0] for b in BAD])
def test_malformed_uploads_raise_image_error_with_a_clear_message(name, make, kind, words):
    with pytest.raises(ImageError) as info:
        load_image(make())
    assert info.value.kind == kind
    assert words.lower() in str(info.value).lower()
    assert isinstance(info.value, ValueError)


# Pillow itself refuses > 179 megapixels while reading the header; between 40 and 179 our own check must act.
@pytest.mark.parametrize("make, width, height, shown", [
    (_png_header_only, 30000, 30000, "30000×30000"),
    (_png_header_only, 10000, 5000, "10000×5000"),
    (_jpeg_header_claiming, 30000, 30000, "900 megapixels"),
    (_jpeg_header_claiming, 8000, 8000, "8000×8000"),
])
def test_a_decompression_bomb_header_is_refused_before_decoding(monkeypatch, make, width, height, shown):
    data = make(width, height)
    # If decoding started, ImageFile.load would run; make it fail loudly so the test proves it never ran.
    monkeypatch.setattr(ImageFile.ImageFile, "load", lambda self: pytest.fail("decoded a bomb"))
    with pytest.raises(ImageError, match=shown) as info:
        load_image(data, max_pixels=40_000_000)
    assert info.value.kind == "too_large"


def test_pixel_limit_applies_to_small_images_too():
    data = _save(_gradient(100, 100), "PNG")
    with pytest.raises(ImageError) as info:
        load_image(data, max_pixels=9_999)
    assert info.value.kind == "too_large"
    assert load_image(data, max_pixels=10_000).size == (100, 100)


def test_exif_orientation_6_turns_the_picture_clockwise():
    upright = load_image(_exif_rotated_jpeg())
    stored = _gradient(40, 30).transpose(Image.Transpose.ROTATE_270)   # PIL's 270° = 90° clockwise
    diff = np.abs(np.asarray(upright, np.int16) - np.asarray(stored, np.int16))
    assert diff.mean() < 4   # JPEG noise only


def test_transparent_pixels_become_white_and_opaque_ones_keep_their_colour():
    image = np.asarray(load_image(_palette_with_transparency()))
    assert (image[:, :8] == 255).all()
    assert (image[:, 8:] == (255, 0, 0)).all()


def test_sixteen_bit_grey_is_scaled_to_the_full_8_bit_range():
    image = np.asarray(load_image(_sixteen_bit_png()))
    assert image.min() == 0 and image.max() == 255


def test_cmyk_red_becomes_rgb_red():
    r, g, b = np.asarray(load_image(_cmyk_jpeg())).reshape(-1, 3).mean(axis=0)
    assert r > 200 and g < 60 and b < 60


def test_animated_gif_gives_its_first_frame():
    r, g, b = np.asarray(load_image(_animated_gif())).reshape(-1, 3).mean(axis=0)
    assert r > 200 and g < 60 and b < 60


@pytest.mark.parametrize("seed", range(20))
def test_random_corruptions_of_a_png_never_raise_anything_but_image_error(seed):
    rng = np.random.default_rng(seed)
    data = bytearray(_save(_gradient(30, 20), "PNG" if seed % 2 else "JPEG"))
    for i in rng.integers(0, len(data), size=8):
        data[i] = int(rng.integers(0, 256))
    try:
        image = load_image(bytes(data))
    except ImageError:
        return
    assert image.mode in ("RGB", "L")


def test_bytes_must_be_bytes():
    with pytest.raises(ImageError):
        load_image("cat.png")  # type: ignore[arg-type]


def test_bundled_samples_load_and_are_small():
    samples = sample_images()
    assert {"cat", "coffee", "astronaut", "rocket", "digit_3", "digit_7"} <= set(samples)
    for name, path in samples.items():
        image = load_sample(name)
        assert max(image.size) <= 512
        assert path.stat().st_size < 100_000
        assert image.mode == ("L" if name.startswith("digit") else "RGB")


def test_to_tensor_matches_a_hand_made_normalisation():
    image = Image.fromarray(np.arange(16, dtype=np.uint8).reshape(4, 4) * 16, "L")
    x = to_tensor(image, (1, 4, 4), (0.5,), (0.25,))
    expected = (torch.arange(16, dtype=torch.float32).view(1, 1, 4, 4) * 16 / 255 - 0.5) / 0.25
    torch.testing.assert_close(x, expected)


def test_to_tensor_fits_channels_and_size_for_a_model():
    photo = load_sample("cat")
    assert to_tensor(photo, (1, 28, 28), (0.1307,), (0.3081,)).shape == (1, 1, 28, 28)
    assert to_tensor(photo, (3, 224, 224)).shape == (1, 3, 224, 224)
    assert fit_image(photo, (3, 32, 48)).size == (48, 32)


def test_uint8_tensor_round_trips_through_pil():
    photo = load_sample("coffee")
    x = to_uint8_tensor(photo)
    assert x.dtype == torch.uint8 and x.shape == (3, photo.height, photo.width)
    assert np.array_equal(np.asarray(to_pil(x)), np.asarray(photo))
    digit = load_sample("digit_3")
    assert to_uint8_tensor(digit).shape == (1, 28, 28)
    assert to_pil(to_uint8_tensor(digit)).mode == "L"


def test_denormalize_undoes_the_imagenet_normalisation():
    photo = load_sample("cat")
    mean, std = (0.485, 0.456, 0.406), (0.229, 0.224, 0.225)
    x = to_tensor(photo, (3, 32, 32), mean, std)[0]
    raw = torch.from_numpy(np.array(fit_image(photo, (3, 32, 32)))).permute(2, 0, 1).float() / 255
    torch.testing.assert_close(denormalize(x, mean, std), raw)
