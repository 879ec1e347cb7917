"""AppTest of pages/attribution.py: en/ko, every method with its stated cost, target choice, uploads."""
from __future__ import annotations

import io
import json

import pytest
import torch
from PIL import Image
from pagetest import open_page
from streamlit.testing.v1 import AppTest

from cnnlab.images import load_sample, to_tensor
from cnnlab.attribution import conv_layers
from cnnlab.inside import load_bundled


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


def _jpeg() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (40, 40), (250, 250, 250)).save(buf, "JPEG")
    return buf.getvalue()


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_uploads_good_and_broken(lang):
    at = _page(lang)
    at.file_uploader(key="img_upload").set_value(("white.jpg", _jpeg(), "image/jpeg")).run()
    assert not at.exception and not at.error
    at.file_uploader(key="img_upload").set_value(("notes.png", b"just some text", "image/png")).run()
    assert not at.exception
    assert len(at.error) == 1
    assert len(at.get("plotly_chart")) == 2


def test_an_imagenet_model_explains_a_photo_with_its_1000_classes(cached_alexnet):
    at = _page("en", model="tv_alexnet", img="cat")
    assert not at.exception and not at.error
    assert "input 3×224×224 · 1000 classes" in _text(at)
    assert len(at.selectbox(key="target").options) == 1001         # the predicted one + every class
    assert at.selectbox(key="cam").value == "features.10"           # AlexNet's last convolution
    at.radio(key="method").set_value("occlusion").run()
    assert not at.exception
    assert f"**{13 * 13 + 1} forward**" in _text(at)                # 32-px window, 16-px stride on 224
