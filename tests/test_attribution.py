"""Lab, where does the network look: every method of cnnlab.attribution gives an image-sized, finite 0–1 map, costs
what it says (counted with a forward hook), points at the evidence, and leaves the model exactly as it found it;
the page (AppTest) in en/ko: every method with its stated cost, target choice, uploads."""
from __future__ import annotations

import json

import numpy as np
import pytest
import torch
from pagetest import check_exercise_block, image_file, open_page
from streamlit.testing.v1 import AppTest
from torch import nn

from cnnlab import i18n
from cnnlab.attribution import METHODS, AttributionError, AttributionOptions, attribute, conv_layers, cost
from cnnlab.i18n.errors import error_text
from cnnlab.images import load_sample, to_tensor
from cnnlab.pretrained import black_input, load_bundled, preprocess


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
    ("occlusion", {"window": 6, "stride": 4}), ("occlusion", {"window": 5, "stride": 5}),
    ("occlusion", {"window": 28, "stride": 1}), ("occlusion", {"window": 28, "stride": 40})])
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
    # a stride that does not divide the room left: the last window sits flush with the edge, ⌈(64 − 6) / 4⌉ + 1 = 16
    # per axis (a floor would stop at 15 and never cover the last two pixels)
    assert cost("occlusion", (3, 64, 64), window=6, stride=4).forward == 16 * 16 + 1 == 257
    assert cost("occlusion", (1, 28, 20), window=6, stride=4).forward == 7 * 5 + 1
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


def test_captum_makes_as_many_passes_as_stated_on_a_64_pixel_image():
    torch.manual_seed(0)
    model = nn.Sequential(nn.Conv2d(3, 4, 3), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(4, 3))
    images, handle = _counting(model)
    try:
        attribute(model, torch.randn(1, 3, 64, 64), 0, "occlusion", window=6, stride=4)
    finally:
        handle.remove()
    assert sum(images) == cost("occlusion", (3, 64, 64), window=6, stride=4).forward == 257


def test_a_stride_larger_than_the_window_is_refused_with_its_numbers(digit):
    trained, x = digit
    with pytest.raises(AttributionError) as info:
        attribute(trained.model, x, 3, "occlusion", window=2, stride=4)
    assert info.value.code == "stride_over_window" and info.value.values == {"stride": 4, "window": 2}
    for lang, words in (("en", "make the stride at most 2"), ("ko", "스트라이드를 2 이하로")):
        assert words in error_text(info.value, lang)
    with pytest.raises(AttributionError) as info:
        cost("occlusion", (1, 28, 28), window=40, stride=4)
    assert info.value.code == "window_too_big" and info.value.values == {"window": 40, "size": 28}


def test_progress_reports_up_to_one(digit):
    trained, x = digit
    seen: list[float] = []
    attribute(trained.model, x, 3, "occlusion", window=4, stride=4, progress=seen.append)
    assert seen[-1] == 1.0 and seen == sorted(seen) and len(seen) > 2


def test_default_options_scale_the_occlusion_patch_with_the_image():
    assert (AttributionOptions.defaults(28).window, AttributionOptions.defaults(28).stride) == (4, 2)
    assert (AttributionOptions.defaults(224).window, AttributionOptions.defaults(224).stride) == (32, 16)
    options = AttributionOptions(steps=8, window=7, stride=7)
    assert options.cost("integrated_gradients", (1, 28, 28)) == cost("integrated_gradients", (1, 28, 28), steps=8)
    assert options.cost("occlusion", (1, 28, 28)).forward == 4 * 4 + 1   # ⌈(28 − 7) / 7⌉ + 1 = 4 per axis


# ---------------------------------------------------------------- the page
def _page(lang: str = "en", **params) -> AppTest:
    return open_page("attribution", lang, **params)


def _text(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


@pytest.fixture(scope="module")
def predicted() -> str:
    """The bundled LeNet-5's answer for the default digit sample, computed with torch directly."""
    trained = load_bundled()
    x = to_tensor(load_sample("digit_3"), trained.input_size, trained.mean, trained.std)
    with torch.no_grad():
        return trained.classes[int(trained.model(x).argmax())]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_page_renders_the_prediction_and_a_gradcam_overlay(lang, predicted):
    at = _page(lang)
    assert not at.exception and not at.error
    assert at.title[0].value == ("Where does the network look?" if lang == "en" else "신경망은 어디를 볼까?")
    assert at.radio(key="method").value == "gradcam"
    assert len(at.get("plotly_chart")) == 2            # top-5 bar chart + the overlay
    word = "Predicted" if lang == "en" else "예측"
    assert f"{word}: **{predicted}**" in _text(at)


# forward / backward passes each method needs on the 28×28 digit model with the page's defaults,
# worked out by hand: occlusion with a 4-px window moved by 2 px has ((28 − 4) / 2 + 1)² = 169 positions
# plus one forward pass of the unoccluded image; integrated gradients uses 32 steps.
@pytest.mark.parametrize("method, forward, backward", [
    ("saliency", 1, 1), ("integrated_gradients", 32, 32), ("gradcam", 1, 1), ("occlusion", 170, 0)])
def test_every_method_states_its_cost(method, forward, backward):
    at = _page("en", method=method)
    assert not at.exception and not at.error
    assert f"**{forward:,} forward** and **{backward:,} backward**" in _text(at)
    assert len(at.get("plotly_chart")) == 2


def test_method_settings_at_their_extremes_change_the_cost():
    at = _page("ko", method="integrated_gradients")
    at.slider(key="steps").set_value(4).run()
    assert "**순전파 4번**" in _text(at)
    at.radio(key="method").set_value("occlusion").run()
    at.slider(key="window").set_value(14).run()
    at.slider(key="stride").set_value(7).run()
    assert not at.exception
    assert "**순전파 10번**" in _text(at)                   # ((28 − 14) / 7 + 1)² = 9 windows + 1
    at.radio(key="method").set_value("gradcam").run()
    for layer in conv_layers(load_bundled().model):
        at.selectbox(key="cam").set_value(layer).run()
        assert not at.exception


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_shared_link_with_a_stride_beyond_the_window_shows_a_result(lang):
    # /attribution?method=occlusion&window=2&stride=4: the stride slider stops at the window, the link's 4 becomes 2
    at = _page(lang, method="occlusion", window="2", stride="4")
    assert not at.exception and not at.error
    assert at.slider(key="window").value == 2 and at.slider(key="stride").value == 2
    forward = "**197 forward**" if lang == "en" else "**순전파 197번**"   # ⌈(28 − 2) / 2⌉ + 1 = 14 → 14² + 1
    assert forward in _text(at)
    assert len(at.get("plotly_chart")) == 2


def test_another_target_class_is_explained_by_name():
    at = _page("en")
    at.selectbox(key="target").set_value(7).run()
    assert not at.exception
    titles = [json.loads(chart.proto.spec)["layout"].get("title", {}).get("text", "")
              for chart in at.get("plotly_chart")]
    assert any("“7”" in title for title in titles)


def test_compare_button_shows_all_four_methods():
    at = _page("en")
    at.button(key="compare").click().run()
    assert not at.exception and not at.error
    assert len(at.get("plotly_chart")) == 2 + 4


def test_a_hand_edited_link_with_an_unknown_layer_falls_back_to_a_real_one():
    at = _page("en", method="gradcam", cam="no.such.layer")
    assert not at.exception and not at.error
    assert at.selectbox(key="cam").value == conv_layers(load_bundled().model)[-1]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_uploads_good_and_broken(lang):
    at = _page(lang)
    at.file_uploader(key="img_upload").set_value(("white.jpg", image_file("JPEG", (40, 40), (250, 250, 250)), "image/jpeg")).run()
    assert not at.exception and not at.error
    at.file_uploader(key="img_upload").set_value(("notes.png", b"just some text", "image/png")).run()
    assert not at.exception
    assert len(at.error) == 1
    assert len(at.get("plotly_chart")) == 2


def test_an_imagenet_model_explains_a_photo_with_its_1000_classes(cached_alexnet):
    at = _page("en", model="tv_alexnet", img="cat")
    assert not at.exception and not at.error
    assert "input 3×224×224 (C×H×W) · 1000 classes" in _text(at)
    assert len(at.selectbox(key="target").options) == 1001         # the predicted one + every class
    assert at.selectbox(key="cam").value == "features.10"           # AlexNet's last convolution
    at.radio(key="method").set_value("occlusion").run()
    assert not at.exception
    assert f"**{13 * 13 + 1} forward**" in _text(at)                # 32-px window, 16-px stride on 224


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_page_ends_with_exercises_that_accept_the_answer_hint_a_slip_and_reveal_the_steps(lang):
    check_exercise_block("attribution", lang, seed="class7")
