"""AppTest of pages/augmentation.py: renders in en and ko, sliders at their extremes, good and broken uploads."""
from __future__ import annotations

import io

import pytest
from PIL import Image
from pagetest import open_page
from streamlit.testing.v1 import AppTest

from cnnlab.augment import PRESETS, config_code



def _page(lang: str = "en", **params) -> AppTest:
    return open_page("augmentation", lang, **params)


def _charts(at: AppTest) -> int:
    return len(at.get("plotly_chart"))


def _png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(buf, "PNG")
    return buf.getvalue()


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_page_renders_every_operation_and_the_grid(lang):
    at = _page(lang)
    assert not at.exception and not at.error
    assert _charts(at) == 8            # 7 single-operation tabs + the pipeline grid
    assert len(at.tabs) == 7
    assert at.title[0].value == ("Data augmentation" if lang == "en" else "데이터 증강")


def test_photo_preset_is_on_the_sliders_and_in_the_code():
    at = _page("en")
    photos = PRESETS["photos"]
    assert at.slider(key="crop").value == photos.crop
    assert at.slider(key="pca").value == photos.pca_std
    assert at.toggle(key="flip").value is True
    assert config_code(photos) in [c.value for c in at.code]


def test_switching_to_digits_loads_the_digit_preset_and_a_digit_sample():
    at = _page("en")
    at.radio(key="kind").set_value("digits").run()
    assert not at.exception
    digits = PRESETS["digits"]
    assert at.toggle(key="flip").value is False
    assert at.slider(key="ea").value == digits.elastic_alpha
    assert at.selectbox(key="img").value == "digit_3"
    assert config_code(digits) in [c.value for c in at.code]


def test_digits_with_mirroring_warn_that_the_label_changes():
    at = _page("en", kind="digits")
    assert not any("mirrored digits" in w.value for w in at.warning)
    at.toggle(key="flip").set_value(True).run()
    assert any("mirrored digits are different symbols" in w.value for w in at.warning)
    at_ko = _page("ko", kind="digits", flip=1)
    assert any("좌우 반전" in w.value for w in at_ko.warning)


@pytest.mark.parametrize("extreme", ["min", "max"])
def test_every_slider_at_its_extreme_renders_without_error(extreme):
    at = _page("en")
    for slider in at.slider:
        slider.set_value(slider.min if extreme == "min" else slider.max)
    at.number_input(key="seed").set_value(9999 if extreme == "max" else 0)
    at.run()
    assert not at.exception and not at.error
    assert _charts(at) == 8


def test_switching_everything_off_says_draws_equal_the_original():
    at = _page("en", kind="digits")
    for key, value in dict(crop=1.0, rot=0.0, shear=0.0, ea=0.0).items():
        at.slider(key=key).set_value(value)
    at.run()
    assert any("No augmentation is switched on" in i.value for i in at.info)
    assert "build_augmentation(AugmentConfig())" in [c.value for c in at.code]


def test_new_draws_button_moves_the_seed():
    at = _page("en")
    at.button[1].click().run()   # [0] is "reset to the preset"
    assert at.number_input(key="seed").value == 1
    assert at.query_params["seed"] in ("1", ["1"])


def test_shared_link_reproduces_the_view():
    at = _page("ko", kind="photos", rot=45, img="coffee", seed=7)
    assert not at.exception
    assert at.slider(key="rot").value == 45
    assert at.selectbox(key="img").value == "coffee"
    assert at.number_input(key="seed").value == 7


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_good_upload_is_used_and_broken_upload_shows_an_error_and_falls_back(lang):
    at = _page(lang)
    at.file_uploader(key="img_upload").set_value(("red.png", _png(), "image/png")).run()
    assert not at.exception and not at.error
    assert any("red.png" in c.value and "64×48" in c.value for c in at.caption)

    at.file_uploader(key="img_upload").set_value(("broken.png", b"\x89PNG\r\n\x1a\n not really", "image/png")).run()
    assert not at.exception
    assert len(at.error) == 1
    assert ("truncated or corrupt" if lang == "en" else "손상") in at.error[0].value
    assert _charts(at) == 8            # the sample is shown instead


def test_svg_upload_explains_vector_formats():
    at = _page("en")
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"></svg>'
    at.file_uploader(key="img_upload").set_value(("logo.png", svg, "image/png")).run()
    assert not at.exception
    assert "vector format" in at.error[0].value
