"""cnnlab.inside: feature maps and filters checked against torch's own forward pass, hand-made kernels against
F.conv2d, the bundled weights against the accuracy recorded when they were trained, models offline."""
from __future__ import annotations

import json

import numpy as np
import pytest
import torch
import torch.nn.functional as F
import torchvision
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image, ImageOps

from cnnlab.arithmetic import LayerError
from cnnlab.data import load_dataset
from cnnlab.images import load_sample
from cnnlab.inside import (BUNDLED, KERNELS, ModelUnavailable, apply_kernel, black_input, feature_layers,
                           feature_maps, first_conv, load_bundled, preprocess, top_k, torchvision_model)


@pytest.fixture(scope="module")
def bundled():
    return load_bundled()


def _outputs(model: torch.nn.Module, x: torch.Tensor) -> dict[str, torch.Tensor]:
    """Every leaf module's output, captured by torch forward hooks (the reference, independent of cnnlab)."""
    seen: dict[str, torch.Tensor] = {}
    hooks = [m.register_forward_hook(lambda m, i, o, n=n: seen.setdefault(n, o.detach()))
             for n, m in model.named_modules() if n and not list(m.children())]
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


def test_bundled_weights_reproduce_the_recorded_test_accuracy(bundled):
    meta = json.loads(BUNDLED["lenet5_mnist10k"].with_suffix(".json").read_text())
    torch.load(BUNDLED["lenet5_mnist10k"], weights_only=True)          # plain tensors only
    _, _, x_test, y_test = load_dataset("mnist10k")
    assert len(y_test) == meta["test_images"] == 2000
    mean, std = meta["mean"][0], meta["std"][0]
    with torch.no_grad():
        logits = bundled.model.eval()((x_test.float() / 255 - mean) / std)
    correct = int((logits.argmax(1) == y_test).sum())
    assert correct == round(meta["test_acc"] * 2000)
    assert bundled.test_acc == meta["test_acc"] >= 0.98


def test_bundled_model_reads_the_sample_digits_and_dark_ink_on_paper(bundled):
    for name, digit in (("digit_3", "3"), ("digit_7", "7")):
        sample = load_sample(name)
        top = top_k(bundled, preprocess(sample, bundled), k=3)
        assert top[0][1] == digit and top[0][0] == int(digit)
        assert top[0][2] > 0.9 and [p for *_, p in top] == sorted((p for *_, p in top), reverse=True)
        paper = ImageOps.invert(sample.convert("L")).resize((140, 140)).convert("RGB")   # a photo of a drawn digit
        a, b = preprocess(paper, bundled).flatten(), preprocess(sample, bundled).flatten()
        assert torch.corrcoef(torch.stack([a, b]))[0, 1] > 0.95      # inverted back: white ink on black again
        assert top_k(bundled, preprocess(paper, bundled), k=1)[0][1] == digit


def test_black_input_is_a_black_image_in_the_models_normalisation(bundled):
    black = Image.fromarray(np.zeros((28, 28), dtype=np.uint8), "L")
    x = preprocess(black, bundled)                      # a dark border: no inversion
    torch.testing.assert_close(x, black_input(bundled).expand_as(x))


def test_an_imagenet_model_without_weights_offline_is_a_clear_message(tmp_path):
    old = torch.hub.get_dir()
    torch.hub.set_dir(str(tmp_path))
    try:
        with pytest.raises(ModelUnavailable, match="not in the local torch cache") as info:
            torchvision_model("alexnet", allow_download=False)
    finally:
        torch.hub.set_dir(old)
    assert "weights='DEFAULT'" in str(info.value)
    with pytest.raises(ModelUnavailable, match="choose one of"):
        torchvision_model("not_a_model", allow_download=False)


def test_an_imagenet_model_in_the_local_cache_loads_offline(cached_alexnet):
    trained = torchvision_model("alexnet", allow_download=False)
    assert trained.classes == tuple(cached_alexnet.meta["categories"]) and len(trained.classes) == 1000
    assert trained.input_size == (3, 224, 224) and not trained.model.training
    x = preprocess(load_sample("cat"), trained)
    assert x.shape == (1, 3, 224, 224)
    top = top_k(trained, x, k=5)
    assert len(top) == 5 and sum(p for *_, p in top) <= 1.0 + 1e-6
    assert [info.output_shape for info in feature_layers(trained.model, trained.input_size)][0] == (64, 55, 55)
