"""Lesson 5, data augmentation: each operation of cnnlab.augmentation does what the lesson says, checked against
torch on tensors and PIL images; the page (AppTest) renders in en and ko, sliders at their extremes, uploads."""
from __future__ import annotations

import pickle

import numpy as np
import pytest
import torch
from pagetest import check_exercise_block, image_file, open_page
from PIL import Image
from streamlit.testing.v1 import AppTest
from torchvision.transforms import v2

from cnnlab.augmentation import (FIELDS, IMAGENET_EIGVAL, IMAGENET_EIGVEC, OPERATIONS, PRESETS, AugmentConfig,
                                 PCALighting, build_augmentation, build_single, config_code, draws, operation_draws,
                                 preset)


def _digit() -> torch.Tensor:
    x = torch.zeros(1, 28, 28, dtype=torch.uint8)
    x[0, 4:24, 10:14] = 255     # a vertical stroke left of centre: not mirror-symmetric
    x[0, 4:8, 10:20] = 200
    return x


def _photo(c: int = 3, h: int = 24, w: int = 32) -> torch.Tensor:
    g = torch.Generator().manual_seed(0)
    return torch.randint(40, 216, (c, h, w), dtype=torch.uint8, generator=g)   # away from 0/255: no clipping


def _seeded(transform, x, seed=0):
    torch.manual_seed(seed)
    return transform(x)


def test_default_config_is_the_identity():
    x = _photo()
    assert AugmentConfig().enabled == ()
    assert torch.equal(build_augmentation(AugmentConfig())(x), x)
    assert torch.equal(build_augmentation(None)(x), x)


def test_single_flip_equals_torch_flip_on_the_width_axis():
    x = _digit()
    assert torch.equal(build_single(AugmentConfig(), "flip")(x), torch.flip(x, dims=[-1]))


def test_random_flip_gives_either_the_image_or_its_mirror_and_both_occur():
    x = _digit()
    outs = draws(x, build_augmentation(AugmentConfig(flip=True)), 40, seed=1)
    mirrored = [torch.equal(o, torch.flip(x, dims=[-1])) for o in outs]
    assert all(m or torch.equal(o, x) for m, o in zip(mirrored, outs))
    assert 0 < sum(mirrored) < 40


def test_rotation_of_zero_degrees_is_the_identity():
    x = _photo()
    assert torch.equal(build_single(AugmentConfig(rotation=0.0), "rotation")(x), x)


def test_rotation_matches_torchvisions_rotate_with_the_drawn_angle():
    x = _digit()
    config = AugmentConfig(rotation=30.0)
    out = _seeded(build_single(config, "rotation"), x, seed=3)
    torch.manual_seed(3)
    angle = torch.empty(1).uniform_(-30.0, 30.0).item()   # RandomRotation's own draw
    expected = v2.functional.rotate(x, angle, interpolation=v2.InterpolationMode.BILINEAR, fill=0)
    assert torch.equal(out, expected)
    assert not torch.equal(out, x)


def test_shear_moves_pixels_but_keeps_shape_and_dtype():
    x = _digit()
    out = _seeded(build_single(AugmentConfig(shear=30.0), "shear"), x)
    assert out.shape == x.shape and out.dtype == x.dtype
    assert not torch.equal(out, x)


def test_crop_keeps_the_input_size_and_zooms_in():
    x = _photo(3, 40, 60)
    out = _seeded(build_single(AugmentConfig(crop=0.2), "crop"), x)
    assert out.shape == x.shape and out.dtype == torch.uint8
    assert not torch.equal(out, x)


def test_elastic_warp_keeps_shape_and_is_gentle_for_small_alpha():
    x = _photo(1, 28, 28).float() / 255
    strong = _seeded(build_single(AugmentConfig(elastic_alpha=40.0, elastic_sigma=4.0), "elastic"), x)
    weak = _seeded(build_single(AugmentConfig(elastic_alpha=0.5, elastic_sigma=4.0), "elastic"), x)
    assert strong.shape == x.shape
    assert (weak - x).abs().mean() < (strong - x).abs().mean()
    assert torch.isfinite(strong).all()


def test_elastic_with_a_kernel_larger_than_the_image_still_works():
    x = torch.full((1, 5, 5), 100, dtype=torch.uint8)
    assert _seeded(build_augmentation(AugmentConfig(elastic_alpha=30.0, elastic_sigma=20.0)), x).shape == (1, 5, 5)


def test_pca_lighting_shifts_every_pixel_of_a_channel_by_the_same_amount():
    x = _photo()
    out = _seeded(build_single(AugmentConfig(pca_std=0.1), "pca"), x, seed=5)
    delta = out.to(torch.int16) - x.to(torch.int16)
    for c in range(3):
        assert (delta[c] == delta[c, 0, 0]).all()
    assert delta.abs().sum() > 0


def test_pca_lighting_shift_is_eigvec_times_alpha_times_eigval():
    x = torch.full((3, 4, 4), 0.5)
    out = _seeded(PCALighting(0.1), x, seed=7)
    torch.manual_seed(7)
    alpha = torch.randn(3) * 0.1
    expected = torch.tensor(IMAGENET_EIGVEC) @ (alpha * torch.tensor(IMAGENET_EIGVAL))
    torch.testing.assert_close(out[:, 0, 0] - 0.5, expected)


def test_pca_lighting_on_a_grey_image_shifts_it_uniformly():
    x = torch.full((1, 6, 6), 128, dtype=torch.uint8)
    out = _seeded(PCALighting(0.5), x, seed=2)
    assert out.shape == x.shape and len(out.unique()) == 1


def test_colour_jitter_brightness_scales_pixels():
    x = _photo()
    out = _seeded(build_single(AugmentConfig(brightness=0.5), "color"), x)
    assert out.shape == x.shape and not torch.equal(out, x)


def test_colour_jitter_works_on_grey_digits():
    x = _digit()
    out = _seeded(build_augmentation(AugmentConfig(brightness=0.4, contrast=0.4, saturation=0.4, hue=0.1)), x)
    assert out.shape == x.shape and out.dtype == torch.uint8


@pytest.mark.parametrize("name", ["digits", "photos"])
@pytest.mark.parametrize("channels", [1, 3])
def test_presets_preserve_shape_and_dtype_on_uint8_and_float(name, channels):
    pipeline = build_augmentation(preset(name))
    x = _photo(channels, 28, 28)
    assert _seeded(pipeline, x).shape == x.shape
    assert _seeded(pipeline, x).dtype == torch.uint8
    xf = x.float() / 255
    assert _seeded(pipeline, xf).dtype == torch.float32


@pytest.mark.parametrize("mode, size", [("RGB", (45, 30)), ("L", (28, 28))])
def test_pipeline_works_on_pil_images(mode, size):
    image = Image.fromarray(np.random.default_rng(0).integers(0, 256, size[::-1] + ((3,) if mode == "RGB" else ()),
                                                              dtype=np.uint8), mode)
    out = _seeded(build_augmentation(PRESETS["photos"]), image)
    assert isinstance(out, Image.Image) and out.mode == mode and out.size == size


def test_same_seed_gives_the_same_draws_and_does_not_touch_the_global_generator():
    x = _photo()
    pipeline = build_augmentation(preset("photos", elastic_alpha=10.0))
    torch.manual_seed(123)
    before = torch.rand(1)
    torch.manual_seed(123)
    a = draws(x, pipeline, 4, seed=9)
    after = torch.rand(1)
    b = draws(x, pipeline, 4, seed=9)
    assert all(torch.equal(p, q) for p, q in zip(a, b))
    assert not all(torch.equal(a[0], o) for o in a[1:])
    assert torch.equal(before, after)


def test_pipeline_survives_pickling_for_dataloader_workers():
    pipeline = build_augmentation(preset("photos", elastic_alpha=10.0, shear=5.0))
    clone = pickle.loads(pickle.dumps(pipeline))
    x = _photo()
    assert torch.equal(_seeded(pipeline, x), _seeded(clone, x))


def test_digit_preset_never_flips():
    assert PRESETS["digits"].flip is False
    assert "flip" not in PRESETS["digits"].enabled
    assert PRESETS["photos"].flip is True


def test_enabled_operations_come_in_pipeline_order():
    every = AugmentConfig(flip=True, crop=0.5, rotation=1, shear=1, elastic_alpha=1, brightness=0.1, pca_std=0.1)
    assert every.enabled == OPERATIONS
    assert len(build_augmentation(every).transforms) == len(OPERATIONS)


@pytest.mark.parametrize("bad", [dict(crop=0.0), dict(rotation=-1), dict(shear=90), dict(hue=0.6),
                                 dict(elastic_sigma=0), dict(pca_std=-0.1)])
def test_impossible_settings_raise_value_error(bad):
    with pytest.raises(ValueError):
        AugmentConfig(**bad)


def test_unknown_names_raise_value_error():
    with pytest.raises(ValueError):
        preset("cats")
    with pytest.raises(ValueError):
        build_single(AugmentConfig(), "zoom")


def test_training_loader_augments_digits_in_a_worker_process():
    from cnnlab.data import make_loaders

    train, _, info = make_loaders("mnist10k", batch_size=16, augment=preset("digits"), subset=32, test_subset=16,
                                  num_workers=1)
    images, labels = next(iter(train))
    assert images.shape == (16, *info.input_size) and images.dtype == torch.float32
    assert torch.isfinite(images).all() and labels.shape == (16,)


def test_every_field_belongs_to_one_operation_and_an_operation_alone_changes_only_its_own_part():
    fields = [f for name in OPERATIONS for f in FIELDS[name]]
    assert sorted(fields) == sorted(f for f in AugmentConfig().to_dict() if f != "fill")
    photo = Image.fromarray(_photo().permute(1, 2, 0).numpy())
    config = AugmentConfig(rotation=30.0)
    pictures, off = operation_draws(config, "rotation", photo, 3, seed=1)
    assert not off and len(pictures) == 3 and any(np.asarray(p).tobytes() != np.asarray(photo).tobytes()
                                                  for p in pictures)
    pictures, off = operation_draws(config, "shear", photo, 3, seed=1)   # off: the image itself
    assert off and all(np.asarray(p).tobytes() == np.asarray(photo).tobytes() for p in pictures)
    pictures, off = operation_draws(config, "flip", photo, 3, seed=1)    # one mirror image
    assert not off and len(pictures) == 1
    assert np.array_equal(np.asarray(pictures[0]), np.asarray(photo)[:, ::-1])


# ---------------------------------------------------------------- the page
def _page(lang: str = "en", **params) -> AppTest:
    return open_page("augmentation", lang, **params)


def _charts(at: AppTest) -> int:
    return len(at.get("plotly_chart"))


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
    at.file_uploader(key="img_upload").set_value(("red.png", image_file(), "image/png")).run()
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


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_page_ends_with_exercises_that_accept_the_answer_hint_a_slip_and_reveal_the_steps(lang):
    check_exercise_block("augmentation", lang, seed="class7")
