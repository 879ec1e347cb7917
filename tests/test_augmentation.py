"""Lesson 5, data augmentation: the one batch augmentation of cnnlab.augmentation does what the lesson says —
each operation checked against torchvision's own functions with the drawn parameters, or measured on a known image —
reproducibly from a seeded generator; the training loader and the page use it; the page (AppTest) in en and ko."""
from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st
from pagetest import check_exercise_block, image_file, open_page
from PIL import Image
from streamlit.testing.v1 import AppTest
from torchvision.transforms.v2 import InterpolationMode
from torchvision.transforms.v2 import functional as TF

from cnnlab import augmentation as aug
from cnnlab.augmentation import (FIELDS, IMAGENET_EIGVAL, IMAGENET_EIGVEC, OPERATIONS, PRESETS, AugmentConfig,
                                 build_augmentation, config_code, draws, only, operation_draws, pca_offsets, preset)
from cnnlab.images import to_pil, to_uint8_tensor

BILINEAR = InterpolationMode.BILINEAR


def gen(seed: int = 0) -> torch.Generator:
    return torch.Generator().manual_seed(seed)


def _digit() -> torch.Tensor:
    x = torch.zeros(1, 28, 28, dtype=torch.uint8)
    x[0, 4:24, 10:14] = 255     # a vertical stroke left of centre: not mirror-symmetric
    x[0, 4:8, 10:20] = 200
    return x


def _photos(b: int = 4, c: int = 3, h: int = 24, w: int = 32, seed: int = 0) -> torch.Tensor:
    """Float 0–1 pictures away from 0 and 1 (no clipping)."""
    return 0.15 + 0.7 * torch.rand(b, c, h, w, generator=gen(seed))


def _run(config: AugmentConfig, x: torch.Tensor, seed: int = 0):
    """(output, parameters) of ``config``'s augmentation on batch ``x`` with a generator seeded ``seed``."""
    a = build_augmentation(config)
    params = a.sample(len(x), x.shape[-2], x.shape[-1], gen(seed))
    return a.apply(x, params), params


def _interior(t: torch.Tensor, margin: int = 6) -> torch.Tensor:
    return t[..., margin:-margin, margin:-margin]


# ---------------------------------------------------------------- identity, shapes, dtypes, determinism
@pytest.mark.parametrize("dtype", [torch.uint8, torch.float32])
def test_everything_off_is_exactly_the_input(dtype):
    x = _photos()
    x = (x * 255).to(torch.uint8) if dtype == torch.uint8 else x
    assert AugmentConfig().enabled == ()
    assert build_augmentation(AugmentConfig())(x, gen()) is x
    assert build_augmentation(None)(x, gen()) is x


@pytest.mark.parametrize("name", ["digits", "photos"])
@pytest.mark.parametrize("channels, h, w", [(1, 28, 28), (3, 28, 28), (3, 20, 36)])
@pytest.mark.parametrize("dtype", [torch.uint8, torch.float32, torch.float64])
def test_presets_keep_shape_dtype_and_range(name, channels, h, w, dtype):
    x = _photos(5, channels, h, w)
    x = (x * 255).to(torch.uint8) if dtype == torch.uint8 else x.to(dtype)
    out = build_augmentation(preset(name, elastic_alpha=10.0))(x, gen())
    assert out.shape == x.shape and out.dtype == x.dtype and out.device == x.device
    if dtype != torch.uint8:
        assert torch.isfinite(out).all() and out.min() >= 0 and out.max() <= 1


def test_same_seed_same_batch_gives_the_same_output_and_leaves_the_global_generator_alone():
    x = _photos(8)
    every = AugmentConfig(flip=True, crop=0.5, rotation=20, shear=10, elastic_alpha=30, brightness=0.3, contrast=0.3,
                          saturation=0.3, hue=0.1, pca_std=0.1)
    a = build_augmentation(every)
    state = torch.get_rng_state()
    first, again, other = a(x, gen(7)), a(x, gen(7)), a(x, gen(8))
    assert torch.equal(first, again) and not torch.equal(first, other)
    assert torch.equal(torch.get_rng_state(), state)
    assert not torch.equal(first[0], first[1])            # every image draws its own parameters


def test_students_drawing_at_once_on_one_pipeline_get_what_each_gets_alone():
    # the page's figures are drawn without a lock: one shared pipeline, many sessions' threads at the same moment
    from concurrent.futures import ThreadPoolExecutor

    a = build_augmentation(preset("photos"))
    image = to_pil(_photos(1)[0])
    alone = {seed: aug.draws(image, a, 4, seed=seed) for seed in range(8)}
    with ThreadPoolExecutor(8) as pool:
        together = dict(zip(range(8), pool.map(lambda seed: aug.draws(image, a, 4, seed=seed), range(8))))
    for seed in range(8):
        assert [np.asarray(p).tolist() for p in together[seed]] == [np.asarray(p).tolist() for p in alone[seed]]


@pytest.mark.parametrize("config", [AugmentConfig(brightness=0.5, pca_std=0.2), AugmentConfig(flip=True, hue=0.2),
                                    preset("photos")])
def test_the_input_batch_is_never_changed(config):
    x = _photos(4)
    before = x.clone()
    assert not torch.equal(build_augmentation(config)(x, gen(1)), before)
    assert torch.equal(x, before)


def test_an_image_draws_the_same_numbers_whatever_the_batch_size_and_the_other_operations():
    photos = build_augmentation(PRESETS["photos"]).sample(8, 24, 32, gen(3))
    rotation_alone = build_augmentation(only(PRESETS["photos"], "rotation")).sample(3, 24, 32, gen(3))
    assert torch.equal(rotation_alone.angle, photos.angle[:3])
    assert torch.equal(rotation_alone.crop, torch.tensor([[0.0, 0.0, 32, 24]] * 3))   # crop off: the whole image


def test_a_batch_that_is_not_four_dimensional_or_has_odd_channels_for_colour_is_refused():
    with pytest.raises(ValueError, match="batch"):
        build_augmentation(preset("digits"))(_digit(), gen())
    with pytest.raises(ValueError, match="channels"):
        build_augmentation(AugmentConfig(brightness=0.2))(torch.rand(2, 4, 8, 8), gen())


@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU")
def test_on_a_gpu_the_parameters_and_the_work_stay_on_the_gpu_and_repeat():
    x = _photos(16).cuda()
    a = build_augmentation(preset("photos", shear=10.0, elastic_alpha=20.0))
    out = a(x, torch.Generator("cuda").manual_seed(0))
    assert out.device == x.device and out.shape == x.shape
    assert torch.equal(out, a(x, torch.Generator("cuda").manual_seed(0)))
    # a CPU generator drives a GPU batch too (the parameters move to the batch)
    assert a(x, gen(0)).device == x.device


# ---------------------------------------------------------------- geometry, against torchvision and measured
def test_flip_happens_only_when_enabled_and_gives_the_image_or_its_exact_mirror():
    x = _digit().expand(40, 1, 28, 28)
    out, params = _run(AugmentConfig(flip=True), x, seed=1)
    for o, mirrored in zip(out, params.flip):
        assert torch.equal(o, x[0].flip(-1) if mirrored else x[0])
    assert 0 < int(params.flip.sum()) < 40
    out, params = _run(AugmentConfig(rotation=5.0), x, seed=1)
    assert not params.flip.any()


def _line(angle_of: torch.Tensor) -> torch.Tensor:
    """Orientation (degrees, counter-clockwise on screen) of the bright structure in each image [B, 1, H, W]."""
    b, _, h, w = angle_of.shape
    ys, xs = torch.meshgrid(torch.arange(h, dtype=torch.float64), torch.arange(w, dtype=torch.float64),
                            indexing="ij")
    m = angle_of[:, 0].double()
    total = m.sum((1, 2))
    cx, cy = (m * xs).sum((1, 2)) / total, (m * ys).sum((1, 2)) / total
    dx, dy = xs - cx[:, None, None], -(ys - cy[:, None, None])      # y up
    mu20, mu02, mu11 = (m * dx * dx).sum((1, 2)), (m * dy * dy).sum((1, 2)), (m * dx * dy).sum((1, 2))
    return torch.rad2deg(0.5 * torch.atan2(2 * mu11, mu20 - mu02))


def test_rotation_turns_a_line_by_the_drawn_angle_within_the_range():
    x = torch.zeros(64, 1, 41, 41)
    x[:, :, 20, 8:33] = 1.0                                           # a horizontal line through the centre
    out, params = _run(AugmentConfig(rotation=30.0), x, seed=2)
    measured = _line(out)
    assert params.angle.abs().max() <= 30 and params.angle.abs().max() > 25   # the range is used, not exceeded
    torch.testing.assert_close(measured, params.angle.double(), atol=1.0, rtol=0)


def test_rotation_equals_torchvisions_rotate_with_the_drawn_angle():
    x = _photos()
    out, params = _run(AugmentConfig(rotation=30.0), x, seed=3)
    for o, xi, angle in zip(out, x, params.angle.tolist()):
        expected = TF.rotate(xi, angle, interpolation=BILINEAR)
        torch.testing.assert_close(_interior(o), _interior(expected), atol=1e-5, rtol=0)


def test_shear_equals_torchvisions_affine_with_the_drawn_angles():
    x = _photos()
    out, params = _run(AugmentConfig(shear=20.0), x, seed=4)
    assert params.shear.abs().max() <= 20
    for o, xi, (sx, sy) in zip(out, x, params.shear.tolist()):
        # torchvision's affine turns clockwise for positive angles: the same shear has the opposite sign there
        expected = TF.affine(xi, angle=0.0, translate=[0, 0], scale=1.0, shear=[-sx, -sy], interpolation=BILINEAR)
        torch.testing.assert_close(_interior(o), _interior(expected), atol=1e-5, rtol=0)


@given(st.floats(0.05, 0.95), st.integers(0, 10_000))
def test_crop_boxes_cover_the_area_range_with_allowed_aspects_inside_the_image(smallest, seed):
    _, params = _run(AugmentConfig(crop=smallest), torch.zeros(16, 1, 20, 30), seed=seed)
    left, top, w, h = params.crop.unbind(1)
    area = w * h / (20 * 30)
    largest = 20 * (20 * 4 / 3) / (20 * 30)     # the biggest box of an allowed aspect: the fallback when none fits
    assert (area >= min(smallest, largest) - 1e-5).all() and (area <= 1 + 1e-5).all()
    assert ((w / h >= 0.75 - 1e-5) & (w / h <= 4 / 3 + 1e-5)).all()
    assert (left >= 0).all() and (top >= 0).all() and (left + w <= 30 + 1e-4).all() and (top + h <= 20 + 1e-4).all()


def test_crop_equals_torchvisions_resized_crop_of_the_drawn_box():
    x = _photos()
    a = build_augmentation(AugmentConfig(crop=0.3))
    params = a.sample(4, 24, 32, gen(5))
    params = replace(params, crop=params.crop.round())                 # whole-pixel boxes, as torchvision's
    out = a.apply(x, params)
    for o, xi, (left, top, w, h) in zip(out, x, params.crop.int().tolist()):
        expected = TF.resized_crop(xi, top, left, h, w, [24, 32], antialias=False)
        torch.testing.assert_close(o[:, 1:-1, 1:-1], expected[:, 1:-1, 1:-1], atol=1e-5, rtol=0)
        assert not torch.equal(o, xi)


def test_warp_equals_torchvisions_elastic_with_the_drawn_displacement():
    x = _photos(3, 1, 28, 28)
    out, params = _run(AugmentConfig(elastic_alpha=40.0, elastic_sigma=4.0), x, seed=6)
    assert params.displacement.shape == (3, 28, 28, 2)
    for o, xi, d in zip(out, x, params.displacement):
        normalised = d / torch.tensor([28 / 2, 28 / 2])                 # pixels → grid_sample's [-1, 1] units
        expected = TF.elastic(xi, normalised[None], interpolation=BILINEAR)
        torch.testing.assert_close(_interior(o, 4), _interior(expected, 4), atol=1e-5, rtol=0)


def test_warp_field_is_torchvisions_blurred_noise_scaled_by_alpha():
    noise = torch.rand(2, 1, 40, 40, generator=gen(0)) * 2 - 1
    for sigma in (1.0, 2.5, 4.0):
        radius = int(4 * sigma)
        blurred = TF.gaussian_blur(noise, [2 * radius + 1] * 2, [sigma, sigma])
        m = aug._smoothing_matrix(40, sigma, torch.device("cpu"))
        torch.testing.assert_close(m @ noise @ m.T, blurred, atol=1e-5, rtol=0)
    strong = build_augmentation(AugmentConfig(elastic_alpha=40.0)).sample(2, 28, 28, gen(1)).displacement
    weak = build_augmentation(AugmentConfig(elastic_alpha=10.0)).sample(2, 28, 28, gen(1)).displacement
    torch.testing.assert_close(strong, 4 * weak)
    # smooth: neighbouring pixels move together
    d = strong[..., 0]
    assert torch.corrcoef(torch.stack([d[:, :, :-1].flatten(), d[:, :, 1:].flatten()]))[0, 1] > 0.9


def test_warp_with_a_kernel_larger_than_the_image_still_works():
    x = torch.full((2, 1, 5, 5), 100, dtype=torch.uint8)
    out = build_augmentation(AugmentConfig(elastic_alpha=30.0, elastic_sigma=20.0))(x, gen())
    assert out.shape == x.shape


def test_corners_from_outside_the_image_get_the_fill_value():
    x = torch.full((1, 1, 21, 21), 0.5)
    for fill in (0, 255):
        out, _ = _run(AugmentConfig(rotation=45.0, fill=fill), x.expand(8, 1, 21, 21), seed=9)
        turned = out[_run(AugmentConfig(rotation=45.0), x.expand(8, 1, 21, 21), seed=9)[1].angle.abs() > 30]
        assert len(turned) and (turned[:, 0, 0, 0] == fill / 255).all()
        assert (turned[:, 0, 10, 10] == 0.5).all()


# ---------------------------------------------------------------- colour
@pytest.mark.parametrize("field, index, adjust", [
    ("brightness", 0, TF.adjust_brightness), ("contrast", 1, TF.adjust_contrast),
    ("saturation", 2, TF.adjust_saturation), ("hue", 3, TF.adjust_hue)])
def test_colour_jitter_equals_torchvisions_adjustment_with_the_drawn_factor(field, index, adjust):
    x = _photos(6)
    spread = 0.4 if field != "hue" else 0.3
    out, params = _run(AugmentConfig(**{field: spread}), x, seed=10)
    drawn = params.color[:, index]
    neutral = 0.0 if field == "hue" else 1.0
    assert ((drawn - neutral).abs() <= spread + 1e-6).all() and not torch.allclose(drawn, torch.full_like(drawn, neutral))
    for o, xi, f in zip(out, x, drawn.tolist()):
        torch.testing.assert_close(o, adjust(xi, f), atol=2e-6, rtol=0)


def test_saturation_and_hue_leave_grey_images_alone_and_brightness_scales_them():
    x = _photos(4, 1, 28, 28)
    out, _ = _run(AugmentConfig(saturation=0.5, hue=0.2), x)
    assert torch.equal(out, x)
    out, params = _run(AugmentConfig(brightness=0.5), x)
    torch.testing.assert_close(out, (x * params.color[:, 0, None, None, None]).clamp(0, 1))


def test_pca_colour_adds_its_own_offset_to_r_g_and_b_the_same_for_every_pixel():
    x = _photos(8)
    out, params = _run(AugmentConfig(pca_std=0.1), x, seed=11)
    delta = out - x
    per_channel = delta.mean((2, 3))                                   # [B, 3]
    torch.testing.assert_close(delta, per_channel[:, :, None, None].expand_as(delta), atol=1e-6, rtol=0)
    torch.testing.assert_close(per_channel, params.pca_shift, atol=1e-6, rtol=0)
    assert (per_channel.max(1).values - per_channel.min(1).values > 1e-4).all()   # R, G, B move differently


def test_pca_offsets_are_eigvec_times_alpha_times_eigval_with_alpha_of_std_sigma():
    shift = build_augmentation(AugmentConfig(pca_std=0.1)).sample(4000, 1, 1, gen(12)).pca_shift
    alpha = torch.linalg.solve(torch.tensor(IMAGENET_EIGVEC), shift.T).T / torch.tensor(IMAGENET_EIGVAL)
    assert torch.allclose(alpha.mean(0), torch.zeros(3), atol=0.01)
    assert torch.allclose(alpha.std(0), torch.full((3,), 0.1), rtol=0.05)


def test_pca_colour_shifts_a_grey_image_by_the_mean_of_the_three_offsets():
    x = torch.full((3, 1, 6, 6), 0.5)
    out, params = _run(AugmentConfig(pca_std=0.5), x, seed=2)
    torch.testing.assert_close(out, (0.5 + params.pca_shift.mean(1))[:, None, None, None].expand_as(out))


def test_pca_offsets_the_page_prints_are_those_of_draw_one():
    image = to_pil(_photos(1)[0])
    r, g, b = pca_offsets(0.1, seed=4)
    _, params = _run(AugmentConfig(pca_std=0.1), to_uint8_tensor(image)[None].float() / 255, seed=4)
    assert (r, g, b) == tuple(float(v) for v in params.pca_shift[0] * 255)


# ---------------------------------------------------------------- configs, presets, the page's helpers
def test_digit_preset_never_flips():
    assert PRESETS["digits"].flip is False
    assert "flip" not in PRESETS["digits"].enabled
    assert PRESETS["photos"].flip is True


def test_enabled_operations_come_in_pipeline_order_and_only_keeps_one():
    every = AugmentConfig(flip=True, crop=0.5, rotation=1, shear=1, elastic_alpha=1, brightness=0.1, pca_std=0.1)
    assert every.enabled == OPERATIONS
    for name in OPERATIONS:
        assert only(every, name).enabled == (name,)
    assert "rotation(±10°" in repr(build_augmentation(PRESETS["photos"]))


@pytest.mark.parametrize("bad", [dict(crop=0.0), dict(rotation=-1), dict(shear=90), dict(hue=0.6),
                                 dict(elastic_sigma=0), dict(pca_std=-0.1)])
def test_impossible_settings_raise_value_error(bad):
    with pytest.raises(ValueError):
        AugmentConfig(**bad)


def test_unknown_names_raise_value_error():
    with pytest.raises(ValueError):
        preset("cats")
    with pytest.raises(ValueError):
        only(AugmentConfig(), "zoom")


def test_page_draws_are_the_training_pipeline_on_a_batch_of_copies():
    image = to_pil(_photos(1, 3, 30, 40)[0])
    config = preset("photos", shear=10.0, elastic_alpha=10.0)
    pipeline = build_augmentation(config)
    shown = draws(image, pipeline, 5, seed=21)
    batch = to_uint8_tensor(image)[None].expand(5, 3, 30, 40)
    expected = pipeline(batch, gen(21))
    assert [np.asarray(p).tobytes() for p in shown] == [np.asarray(to_pil(e)).tobytes() for e in expected]
    assert len({np.asarray(p).tobytes() for p in shown}) == 5


def test_training_batches_are_the_pipeline_applied_to_the_shuffled_digits_with_the_loaders_seed():
    from cnnlab.data import AUGMENT_SEED_OFFSET, load_dataset, make_loaders

    config = preset("digits")
    train, _, info = make_loaders("mnist10k", 16, augment=config, subset=64, test_subset=16, seed=3)
    images, labels = next(iter(train))
    x, y = load_dataset("mnist10k")[:2]
    order = torch.randperm(64, generator=gen(3))[:16]
    expected = build_augmentation(config)(x[order].float() / 255, gen(3 + AUGMENT_SEED_OFFSET))
    torch.testing.assert_close(images, (expected - info.mean[0]) / info.std[0])
    assert torch.equal(labels, y[order])


def test_every_field_belongs_to_one_operation_and_an_operation_alone_changes_only_its_own_part():
    fields = [f for name in OPERATIONS for f in FIELDS[name]]
    assert sorted(fields) == sorted(f for f in AugmentConfig().to_dict() if f != "fill")
    photo = to_pil(to_uint8_tensor(to_pil(_photos(1)[0])))
    config = AugmentConfig(rotation=30.0)
    pictures, off = operation_draws(config, "rotation", photo, 3, seed=1)
    assert not off and len(pictures) == 3 and all(np.asarray(p).tobytes() != np.asarray(photo).tobytes()
                                                  for p in pictures)
    pictures, off = operation_draws(config, "shear", photo, 3, seed=1)   # off: the image itself
    assert off and all(np.asarray(p).tobytes() == np.asarray(photo).tobytes() for p in pictures)
    pictures, off = operation_draws(config, "flip", photo, 3, seed=1)    # one mirror image
    assert not off and len(pictures) == 1
    assert np.array_equal(np.asarray(pictures[0]), np.asarray(photo)[:, ::-1])


def test_operation_draws_work_on_grey_pil_images():
    digit = Image.fromarray(_digit()[0].numpy(), "L")
    for name in OPERATIONS:
        pictures, _ = operation_draws(PRESETS["photos"], name, digit, 3, seed=0)
        assert all(p.mode == "L" and p.size == digit.size for p in pictures)


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


# ---------------------------------------------------------------- issue 11, item 6: what each text says
def _markdown_and_captions(at) -> str:
    return "\n".join([m.value for m in at.markdown] + [c.value for c in at.caption])


@pytest.mark.parametrize("lang, multiply, add, jitter_tab, shift_tab", [
    ("en", "*multiplied*", "*add* a different offset to R, to G and to B", "Colour jitter", "Colour shifting (PCA"),
    ("ko", "배율을 *곱하고*", "R, G, B에 서로 다른 값을 *더합니다*", "색 흔들기", "색 변환 (PCA")])
def test_colour_jitter_multiplies_and_colour_shifting_adds_offsets_per_channel(lang, multiply, add, jitter_tab,
                                                                               shift_tab):
    at = open_page("augmentation", lang, timeout=180)
    assert not at.exception
    tabs = [tab.label for tab in at.tabs]
    assert jitter_tab in tabs and any(label.startswith(shift_tab) for label in tabs)
    text = _markdown_and_captions(at)
    assert multiply in text and add in text
    # and the engine does what the texts say: jitter scales, PCA adds one offset per channel (tests above)
    img = torch.full((1, 3, 4, 4), 0.5)
    out = build_augmentation(AugmentConfig(pca_std=0.5))(img, generator=torch.Generator().manual_seed(0))
    offsets = (out - img)[0].flatten(1)
    assert torch.allclose(offsets, offsets[:, :1].expand_as(offsets)) and len(set(offsets[:, 0].tolist())) == 3


@pytest.mark.parametrize("lang, not_alexnet", [("en", "not AlexNet's recipe"), ("ko", "AlexNet의 방법 그대로는 아닙니다")])
def test_the_photo_preset_is_named_honestly_beside_alexnets_own_recipe(lang, not_alexnet):
    from cnnlab.augmentation import ALEXNET_CROP, PRESETS

    photos = PRESETS["photos"]
    assert photos.rotation > 0 and photos.brightness > 0 and photos.crop < 1     # more than AlexNet used
    at = open_page("augmentation", lang, timeout=180)
    text = _markdown_and_captions(at)
    assert not_alexnet in text and "AlexNet recipe" not in text and "AlexNet 방식" not in text
    note = next(c.value for c in at.caption if not_alexnet in c.value)
    assert f"{photos.crop:.0%}".rstrip("%") + "–100" in note and f"±{photos.rotation:g}°" in note
    assert "224×224" in note and "256×256" in note and ALEXNET_CROP == (224, 256)
    assert f"{(224 / 256) ** 2:.1%}" in text                                     # 76.6 % of the area per crop
