"""AppTest of pages/feature_maps.py: en/ko, layer choice, filters, hand-made kernels, uploads, models offline."""
from __future__ import annotations

import io

import pytest
import torch
import torch.nn.functional as F
from PIL import Image
from pagetest import open_page
from streamlit.testing.v1 import AppTest

from cnnlab.images import load_sample, to_tensor
from cnnlab.inside import KERNELS, load_bundled
from cnnlab.ui.inside import forget_models


def _page(lang: str = "en", **params) -> AppTest:
    return open_page("feature_maps", lang, **params)


def _text(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def _conv_outputs(model: torch.nn.Module, x: torch.Tensor) -> list[tuple[str, tuple[int, ...]]]:
    """(name, output shape) of every Conv2d, measured by torch itself with forward hooks."""
    seen: list[tuple[str, tuple[int, ...]]] = []
    hooks = [m.register_forward_hook(lambda m, i, o, n=n: seen.append((n, tuple(o.shape[1:]))))
             for n, m in model.named_modules() if isinstance(m, torch.nn.Conv2d)]
    try:
        with torch.no_grad():
            model(x)
    finally:
        for h in hooks:
            h.remove()
    return seen


@pytest.fixture(scope="module")
def bundled():
    trained = load_bundled()
    img = load_sample("digit_3")
    return trained, to_tensor(img, trained.input_size, trained.mean, trained.std)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_page_renders_maps_filters_and_kernels_with_the_first_convs_shape(lang, bundled):
    at = _page(lang)
    assert not at.exception and not at.error
    assert at.title[0].value == ("Feature maps & filters" if lang == "en" else "특성 맵과 필터")
    assert len(at.get("plotly_chart")) == 4          # top-k, activation maps, filters, kernel
    trained, x = bundled
    name, (c, h, w) = _conv_outputs(trained.model, x)[0]
    assert at.selectbox(key="layer").value == name
    expected = f"{c} maps of {h}×{w}" if lang == "en" else f"{h}×{w} 크기의 맵 {c}개"
    assert expected in _text(at)


def test_choosing_a_deeper_layer_shows_that_layers_shape(bundled):
    at = _page("en")
    trained, x = bundled
    name, (c, h, w) = _conv_outputs(trained.model, x)[-1]
    at.selectbox(key="layer").set_value(name).run()
    assert not at.exception
    assert f"{c} maps of {h}×{w}" in _text(at)
    assert len(at.get("plotly_chart")) == 4


def test_first_layer_filters_are_described_with_their_depth(bundled):
    at = _page("en")
    weight = next(m for m in bundled[0].model.modules() if isinstance(m, torch.nn.Conv2d)).weight
    o, i, kh, kw = weight.shape
    assert f"{o} filters of {i}×{kh}×{kw}" in _text(at)


@pytest.mark.parametrize("stride, padding", [(1, 0), (2, 1), (4, 3)])
def test_kernel_stride_and_padding_change_the_output_size_like_torch(stride, padding):
    at = _page("en", ks=stride, kp=padding, kernel="sobel_x")
    assert not at.exception
    side = 28                                          # the digit sample is 28×28: the kernel runs at full size
    out = F.conv2d(torch.zeros(1, 1, side, side), torch.zeros(1, 1, 3, 3), stride=stride, padding=padding)
    oh, ow = out.shape[-2:]
    assert f"output **{oh}×{ow}**" in _text(at)
    worked = f"(28 + 2·{padding} − 3)" if padding else "(28 − 3)"     # the arithmetic page's notation
    assert any(worked in c.value and f"/ {stride}" in c.value and c.value.endswith(f"+ 1 = {oh}") for c in at.code)


def test_every_kernel_and_the_extremes_render():
    at = _page("ko")
    for kernel in KERNELS:
        at.selectbox(key="kernel").set_value(kernel).run()
        assert not at.exception
    at.slider(key="ks").set_value(4).run()
    at.slider(key="kp").set_value(3).run()
    at.slider(key="maps").set_value(64).run()
    assert not at.exception and not at.error


def _png(size=(64, 48), color=(200, 30, 30)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, color).save(buf, "PNG")
    return buf.getvalue()


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_good_upload_is_used_and_a_broken_one_falls_back_to_the_sample(lang):
    at = _page(lang)
    at.file_uploader(key="img_upload").set_value(("red.png", _png(), "image/png")).run()
    assert not at.exception and not at.error
    assert any("red.png" in c.value for c in at.caption)
    at.file_uploader(key="img_upload").set_value(("broken.jpg", b"\xff\xd8\xff\xe0 truncated", "image/jpeg")).run()
    assert not at.exception
    assert len(at.error) == 1
    assert len(at.get("plotly_chart")) == 4


def test_an_imagenet_model_without_cached_weights_says_so_and_falls_back(tmp_path):
    old = torch.hub.get_dir()
    torch.hub.set_dir(str(tmp_path / "hub"))  # an empty cache; CNNLAB_OFFLINE=1 forbids the download
    forget_models()
    try:
        at = _page("en", model="tv_alexnet")
    finally:
        torch.hub.set_dir(old)
    assert not at.exception
    assert len(at.error) == 1 and "alexnet" in at.error[0].value.lower()
    assert "bundled LeNet-5 is used instead" in at.error[0].value
    assert len(at.get("plotly_chart")) == 4


def test_the_model_trained_in_this_session_is_offered_first(bundled):
    trained = bundled[0]
    at = _page("en", state={"cnnlab.trained": trained})
    assert not at.exception
    assert at.selectbox(key="model").value == "session"
    assert any(trained.name in m.value for m in at.markdown)


def test_an_imagenet_model_shows_colour_filters_and_its_layers(cached_alexnet):
    at = _page("ko", model="tv_alexnet", img="coffee")
    assert not at.exception and not at.error
    assert "11×11" in _text(at) and "3×11×11 크기의 필터 64개" in _text(at)
    at.selectbox(key="layer").set_value("features.10").run()
    assert "13×13 크기의 맵 256개" in _text(at)
