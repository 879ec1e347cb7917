"""cnnlab.attribution: every method gives an image-sized, finite 0–1 map, costs what it says (counted with a
forward hook), points at the evidence, and leaves the model exactly as it found it."""
from __future__ import annotations

import numpy as np
import pytest
import torch
from torch import nn

from cnnlab.attribution import METHODS, AttributionError, attribute, conv_layers, cost
from cnnlab.images import load_sample
from cnnlab.inside import black_input, load_bundled, preprocess


@pytest.fixture(scope="module")
def digit():
    trained = load_bundled()
    return trained, preprocess(load_sample("digit_3"), trained)


def _counting(model: nn.Module) -> tuple[list[int], object]:
    images: list[int] = []
    handle = model.register_forward_pre_hook(lambda m, args: images.append(int(args[0].shape[0])))
    return images, handle


@pytest.mark.parametrize("method", METHODS)
def test_every_method_gives_an_image_sized_finite_unit_map(method, digit):
    trained, x = digit
    heat = attribute(trained.model, x, 3, method, steps=8, window=4, stride=4, baseline=black_input(trained))
    assert heat.shape == x.shape[-2:]
    assert torch.isfinite(heat).all()
    assert heat.min() >= 0 and heat.max() == pytest.approx(1.0)


@pytest.mark.parametrize("method, options", [
    ("saliency", {}), ("gradcam", {}), ("integrated_gradients", {"steps": 12}),
    ("occlusion", {"window": 4, "stride": 2}), ("occlusion", {"window": 7, "stride": 3}),
    ("occlusion", {"window": 28, "stride": 1})])
def test_stated_cost_is_the_number_of_images_the_network_sees(method, options, digit):
    trained, x = digit
    images, handle = _counting(trained.model)
    try:
        attribute(trained.model, x, 3, method, **options)
    finally:
        handle.remove()
    assert sum(images) == cost(method, trained.input_size, **options).forward


def test_occlusion_cost_follows_the_window_formula():
    # ((28 − 4) / 2 + 1)² = 169 window positions, plus the unoccluded image
    assert cost("occlusion", (1, 28, 28), window=4, stride=2).forward == 170
    assert cost("occlusion", (3, 224, 224), window=32, stride=16).forward == 13 * 13 + 1
    assert cost("integrated_gradients", (3, 224, 224), steps=50) == cost("integrated_gradients", (1, 8, 8), steps=50)


def test_the_evidence_is_on_the_digit_not_on_the_empty_border(digit):
    trained, x = digit
    mask = torch.from_numpy(np.array(load_sample("digit_3").convert("L")) > 64)   # the ink
    for method in ("saliency", "integrated_gradients", "occlusion"):
        heat = attribute(trained.model, x, 3, method, window=4, stride=2, baseline=black_input(trained))
        assert heat[mask].mean() > 2 * heat[~mask].mean(), method


def test_model_is_left_exactly_as_it_was():
    torch.manual_seed(0)
    model = nn.Sequential(nn.Conv2d(3, 4, 3, padding=1), nn.ReLU(inplace=True), nn.Conv2d(4, 4, 3), nn.ReLU(inplace=True),
                          nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(4, 5)).train()
    before = {k: v.clone() for k, v in model.state_dict().items()}
    x = torch.randn(1, 3, 12, 12)
    for method in METHODS:
        attribute(model, x, 2, method, steps=4, window=4, stride=4)
    assert model.training and model[1].inplace and model[3].inplace
    assert all(torch.equal(before[k], v) for k, v in model.state_dict().items())
    assert not any(m._forward_hooks or m._forward_pre_hooks or m._backward_hooks for m in model.modules())
    assert all(p.grad is None for p in model.parameters())


def test_gradcam_upsamples_any_conv_layer_and_rejects_others(digit):
    trained, x = digit
    for layer in conv_layers(trained.model):
        assert attribute(trained.model, x, 3, "gradcam", layer=layer).shape == (28, 28)
    with pytest.raises(AttributionError, match="choose one of features.0"):
        attribute(trained.model, x, 3, "gradcam", layer="classifier.0")


def test_impossible_requests_are_attribution_errors(digit):
    trained, x = digit
    with pytest.raises(AttributionError, match="larger than the image"):
        attribute(trained.model, x, 3, "occlusion", window=40)
    with pytest.raises(AttributionError, match="unknown attribution method"):
        attribute(trained.model, x, 3, "magic")
    with pytest.raises(AttributionError, match=r"one image \[1, C, H, W\]"):
        attribute(trained.model, x.expand(2, -1, -1, -1), 3, "saliency")


def test_progress_reports_up_to_one(digit):
    trained, x = digit
    seen: list[float] = []
    attribute(trained.model, x, 3, "occlusion", window=4, stride=4, progress=seen.append)
    assert seen[-1] == 1.0 and seen == sorted(seen) and len(seen) > 2
