"""Lab, feature maps & filters: cnnlab.feature_maps checked against torch's own forward pass, hand-made kernels
against F.conv2d; the page (AppTest) in en and ko with samples, uploads and ImageNet models offline."""
from __future__ import annotations

import base64
import json

import numpy as np
import pytest
import torch
import torch.nn.functional as F
import torchvision
from hypothesis import given
from hypothesis import strategies as st
from pagetest import check_exercise_block, image_file, open_page
from streamlit.testing.v1 import AppTest

from cnnlab.arithmetic import LayerError
from cnnlab.feature_maps import (KERNELS, apply_kernel, default_layer, feature_layers, feature_maps, first_conv,
                                 gray_copy)
from cnnlab.images import load_sample, to_tensor
from cnnlab.pretrained import load_bundled, preprocess
from cnnlab.ui.pretrained import forget_models


@pytest.fixture(scope="module")
def bundled():
    return load_bundled()


def _outputs(model: torch.nn.Module, x: torch.Tensor) -> dict[str, torch.Tensor]:
    """Every leaf module's output, captured by torch forward hooks (the reference, independent of cnnlab); copied,
    since an in-place ReLU after a layer overwrites what the layer output."""
    seen: dict[str, torch.Tensor] = {}

    def keep(name: str):
        def hook(module: torch.nn.Module, args: tuple, output: torch.Tensor) -> None:  # None: the output stays
            seen.setdefault(name, output.detach().clone())
        return hook

    hooks = [m.register_forward_hook(keep(n)) for n, m in model.named_modules() if n and not list(m.children())]
    try:
        with torch.no_grad():
            model.eval()(x)
    finally:
        for h in hooks:
            h.remove()
    return seen


@pytest.mark.parametrize("which", ["bundled", "alexnet"])
def test_feature_layers_and_maps_have_the_shapes_torch_produces(which, bundled):
    if which == "bundled":
        model, size = bundled.model, bundled.input_size
    else:
        model, size = torchvision.models.alexnet(weights=None), (3, 224, 224)
    x = torch.randn(1, *size)
    reference = _outputs(model, x)
    layers = feature_layers(model, size)
    expected = [n for n, o in reference.items() if o.dim() == 4]
    assert [info.name for info in layers] == expected
    for info in layers:
        assert info.output_shape == tuple(reference[info.name].shape[1:])
        maps = feature_maps(model, x, info.name)
        torch.testing.assert_close(maps, reference[info.name][0].float())
    assert not any(m._forward_hooks for m in model.modules())   # nothing left behind
    if which == "alexnet":   # a convolution's maps keep their negative values, though an in-place ReLU follows it
        assert isinstance(model.features[1], torch.nn.ReLU) and model.features[1].inplace
        assert feature_maps(model, x, "features.0").min() < 0


def test_feature_maps_of_an_unknown_or_flat_layer_are_a_clear_error(bundled):
    x = preprocess(load_sample("digit_3"), bundled)
    with pytest.raises(ValueError, match="no layer 'nope'"):
        feature_maps(bundled.model, x, "nope")
    flat = [n for n, m in bundled.model.named_modules() if isinstance(m, torch.nn.Linear)][0]
    with pytest.raises(ValueError, match="does not output feature maps"):
        feature_maps(bundled.model, x, flat)


def test_first_conv_is_the_input_side_convolution(bundled):
    name, weight = first_conv(bundled.model)
    conv = next(m for m in bundled.model.modules() if isinstance(m, torch.nn.Conv2d))
    assert dict(bundled.model.named_modules())[name] is conv
    torch.testing.assert_close(weight, conv.weight.detach())
    name, weight = first_conv(torchvision.models.alexnet(weights=None))
    assert name == "features.0" and weight.shape == (64, 3, 11, 11)


@given(h=st.integers(3, 20), w=st.integers(3, 20), stride=st.integers(1, 4), padding=st.integers(0, 3),
       kernel=st.sampled_from(sorted(KERNELS)))
def test_hand_made_kernels_are_a_one_filter_conv_without_bias(h, w, stride, padding, kernel):
    gray = torch.rand(h, w)
    out, arith = apply_kernel(gray, kernel, stride=stride, padding=padding)
    expected = F.conv2d(gray[None, None], KERNELS[kernel][None, None], stride=stride, padding=padding)[0, 0]
    torch.testing.assert_close(out, expected)
    assert (arith.out_h, arith.out_w) == tuple(expected.shape)
    assert arith.size_formula("h").endswith(f"= {expected.shape[0]}")
    assert arith.params == 9 and arith.macs == expected.numel() * 9


def test_a_kernel_larger_than_the_padded_image_names_the_problem():
    with pytest.raises(LayerError, match="kernel"):
        apply_kernel(torch.rand(2, 2), "sobel_x")


def test_classic_kernels_find_the_edges_they_are_named_after():
    step = torch.zeros(8, 8)
    step[:, 4:] = 1.0                                   # a vertical edge between columns 3 and 4
    vertical, _ = apply_kernel(step, "vertical_edge")
    horizontal, _ = apply_kernel(step, "horizontal_edge")
    assert vertical.abs().max() == 3 and horizontal.abs().max() == 0
    blurred, _ = apply_kernel(torch.ones(5, 5), "box_blur", padding=1)
    assert blurred[2, 2].item() == pytest.approx(1.0) and blurred[0, 0].item() == pytest.approx(4 / 9)


def test_the_first_layer_shown_is_the_first_convolution_and_the_kernel_image_a_small_grey_square(bundled):
    layers = feature_layers(bundled.model, bundled.input_size)
    first = next(n for n, m in bundled.model.named_modules() if isinstance(m, torch.nn.Conv2d))
    assert default_layer(layers) == first and default_layer([]) is None
    photo = load_sample("cat")
    gray = gray_copy(photo)
    assert gray.shape == (96, 96) and 0 <= float(gray.min()) <= float(gray.max()) <= 1
    assert gray_copy(photo.resize((40, 30))).shape == (30, 30)


# ---------------------------------------------------------------- the page
def _page(lang: str = "en", **params) -> AppTest:
    return open_page("feature_maps", lang, **params)


@pytest.fixture(scope="module")
def digit_input():
    """The bundled LeNet-5 and the default digit sample as its input, made with torch directly."""
    trained = load_bundled()
    img = load_sample("digit_3")
    return trained, to_tensor(img, trained.input_size, trained.mean, trained.std)


def _text(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def _conv_outputs(model: torch.nn.Module, x: torch.Tensor) -> list[tuple[str, tuple[int, ...]]]:
    """(name, output shape) of every Conv2d in call order, measured by torch itself (``_outputs``)."""
    modules = dict(model.named_modules())
    return [(n, tuple(o.shape[1:])) for n, o in _outputs(model, x).items() if isinstance(modules[n], torch.nn.Conv2d)]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_page_renders_maps_filters_and_kernels_with_the_first_convs_shape(lang, digit_input):
    at = _page(lang)
    assert not at.exception and not at.error
    assert at.title[0].value == ("Feature maps & filters" if lang == "en" else "특성 맵과 필터")
    assert len(at.get("plotly_chart")) == 4          # top-k, activation maps, filters, kernel
    trained, x = digit_input
    name, (c, h, w) = _conv_outputs(trained.model, x)[0]
    assert at.selectbox(key="layer").value == name
    expected = f"{c} maps of {h}×{w}" if lang == "en" else f"{h}×{w} 크기의 맵 {c}개"
    assert expected in _text(at)


def test_choosing_a_deeper_layer_shows_that_layers_shape(digit_input):
    at = _page("en")
    trained, x = digit_input
    name, (c, h, w) = _conv_outputs(trained.model, x)[-1]
    at.selectbox(key="layer").set_value(name).run()
    assert not at.exception
    assert f"{c} maps of {h}×{w}" in _text(at)
    assert len(at.get("plotly_chart")) == 4


def test_first_layer_filters_are_described_with_their_depth(digit_input):
    at = _page("en")
    weight = next(m for m in digit_input[0].model.modules() if isinstance(m, torch.nn.Conv2d)).weight
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


def _kernel_numbers(at: AppTest) -> torch.Tensor:
    """The numbers in the kernel panel of the page's kernel figure (plotly ships them as typed binary data)."""
    spec = json.loads(at.get("plotly_chart")[-1].proto.spec)
    z = next(trace["z"] for trace in spec["data"] if trace["type"] == "heatmap")
    shape = [int(v) for v in z["shape"].split(",")]
    return torch.from_numpy(np.frombuffer(base64.b64decode(z["bdata"]), dtype=z["dtype"]).reshape(shape).copy())


def test_every_kernel_and_the_extremes_render_with_the_kernels_numbers_and_torchs_size():
    at = _page("ko")
    for kernel in KERNELS:
        at.selectbox(key="kernel").set_value(kernel).run()
        assert not at.exception
        torch.testing.assert_close(_kernel_numbers(at), KERNELS[kernel])
    at.slider(key="ks").set_value(4).run()
    at.slider(key="kp").set_value(3).run()
    at.slider(key="maps").set_value(64).run()
    assert not at.exception and not at.error
    oh, ow = F.conv2d(torch.zeros(1, 1, 28, 28), torch.zeros(1, 1, 3, 3), stride=4, padding=3).shape[-2:]
    assert f"출력 **{oh}×{ow}**" in _text(at)
    first = next(m for m in load_bundled().model.modules() if isinstance(m, torch.nn.Conv2d))
    c = first.out_channels   # LeNet-5's first layer: fewer maps than the 64 asked for, so all of them are shown
    assert any(f"맵 {c}개**" in m.value and f"그중 {c}개" in m.value for m in at.markdown)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_good_upload_is_used_and_a_broken_one_falls_back_to_the_sample(lang):
    at = _page(lang)
    at.file_uploader(key="img_upload").set_value(("red.png", image_file(), "image/png")).run()
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


def test_the_model_trained_in_this_session_is_offered_first(digit_input):
    trained = digit_input[0]
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


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_page_ends_with_exercises_that_accept_the_answer_hint_a_slip_and_reveal_the_steps(lang):
    check_exercise_block("feature_maps", lang, seed="class7")
