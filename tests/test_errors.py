"""Errors as data: the engine raises a code, values and a place; cnnlab/i18n/errors.py words them in English and
Korean (``str(exc)`` is the English one-liner the command line prints); pages show them in their own language."""
from __future__ import annotations

import ast
import pickle
import re
from pathlib import Path

import pytest
import torch
from pagetest import assert_no_exception, english_sentences, image_file, open_page
from torch import nn

from cnnlab import i18n
from cnnlab.arithmetic import bottleneck_cost, conv2d, factorize_cost, linear, output_size, pool2d, receptive_field
from cnnlab.attribution import attribute, occlusion_windows
from cnnlab.codegen import sequential_code
from cnnlab.data import dataset_info, load_dataset
from cnnlab.degradation import deep_stack, resolve_preset
from cnnlab.errors import CnnlabError, LayerError, Quote, Where, term
from cnnlab.feature_maps import feature_maps, first_conv
from cnnlab.i18n.errors import error_message, error_text
from cnnlab.images import fit_image, load_image, load_sample
from cnnlab.models import build
from cnnlab.pretrained import load_bundled, torchvision_model
from cnnlab.spec import build_spec, parse_spec, spec_rows
from cnnlab.summary import summarize
from cnnlab.train import TrainConfig, make_optimizer, pick_device, train

ROOT = Path(__file__).resolve().parents[1]
HANGUL = re.compile(r"[\uac00-\ud7a3]")
PREFIX = {"ImageError": "images.err_", "LabError": "training_lab."}   # the rest: "errors."
ERROR_CLASSES = {"CnnlabError", "LayerError", "ImageError", "LabError", "AttributionError", "DegradationError",
                 "DatasetUnavailable", "ModelUnavailable", "TrainError", "TrainingDiverged", "ModelError"}


def _raise_sites() -> list[tuple[str, int, str, str, set[str] | None]]:
    """(file, line, class, code, keyword names or None for **values) of every cnnlab error built with a literal code."""
    sites = []
    for path in sorted((ROOT / "cnnlab").rglob("*.py")):
        if "i18n" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ERROR_CLASSES):
                continue
            if not node.args or not isinstance(node.args[0], ast.Constant) or not isinstance(node.args[0].value, str):
                continue
            names = None if any(k.arg is None for k in node.keywords) else {k.arg for k in node.keywords}
            sites.append((str(path.relative_to(ROOT)), node.lineno, node.func.id, node.args[0].value, names))
    return sites


SITES = _raise_sites()


def test_the_engine_builds_no_sentences_only_codes():
    assert len(SITES) > 80
    for file, line, cls, code, _ in SITES:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", code), f"{file}:{line}: {cls}({code!r}) — a sentence, not a code"


@pytest.mark.parametrize("file, line, cls, code, names", SITES, ids=[f"{s[0]}:{s[1]}" for s in SITES])
def test_every_error_code_has_english_and_korean_words_for_its_values(file, line, cls, code, names):
    key = PREFIX.get(cls, "errors.") + code
    assert i18n.has(key), f"{file}:{line}: no text for {key}"
    for part in (key, key + "_fix"):
        if not i18n.has(part):
            continue
        for lang in ("en", "ko"):
            wanted = set(re.findall(r"\{(\w+)", i18n.strings()[part][lang]))
            if names is not None:
                assert wanted <= names, f"{file}:{line}: {part} [{lang}] needs {wanted - names}"
        assert HANGUL.search(i18n.t(part, "ko"))


# One call per kind of problem a student can meet (and a few the command line meets), each raising its code.
def _tiny() -> nn.Module:
    return nn.Sequential(nn.Conv2d(1, 2, 3), nn.ReLU(), nn.Flatten(), nn.Linear(2 * 6 * 6, 3))


TRIGGERS = {
    "kernel_too_big": lambda: conv2d(4, 8, 16, 7, layer=Where(index=2, text="conv 16 k=7")),
    "dilated_kernel_too_big": lambda: conv2d(4, 1, 1, 3, dilation=3),
    "same_needs_stride_1": lambda: conv2d(28, 3, 8, 5, stride=2, padding="same"),
    "groups_not_divisible": lambda: conv2d(8, 6, 8, 3, groups=4),
    "pool_padding_over_half": lambda: pool2d(8, 3, 3, 1, padding=2),
    "below_one": lambda: conv2d(8, 3, 4, 0),
    "input_below_one": lambda: output_size(0, 3),
    "negative_padding": lambda: conv2d(8, 3, 4, 3, padding=-1),
    "bad_padding": lambda: conv2d(8, 3, 4, 3, padding="full"),
    "not_whole": lambda: conv2d(8, 3, 4, True),
    "avg_pool_dilation": lambda: pool2d(8, 3, 2, dilation=2, mode="avg"),
    "bad_pool_mode": lambda: pool2d(8, 3, 2, mode="min"),
    "fc_no_features": lambda: linear(0, 3),
    "settings_below_one": lambda: receptive_field([(0, 1, 1)]),
    "sizes_below_one": lambda: bottleneck_cost(h=0),
    "factorize_kernel": lambda: factorize_cost(8, kernel=4),
    "empty_spec": lambda: parse_spec(""),
    "empty_layer": lambda: parse_spec("conv 16 || relu"),
    "unknown_layer": lambda: parse_spec("relu | linear 10"),
    "needs_out": lambda: parse_spec("conv"),
    "bad_out": lambda: parse_spec("fc zero"),
    "pool_needs_type": lambda: parse_spec("pool min"),
    "no_options": lambda: parse_spec("relu 3"),
    "unexpected_token": lambda: parse_spec("conv 16 k"),
    "unknown_option": lambda: parse_spec("conv 16 kk=3"),
    "option_twice": lambda: parse_spec("conv 16 k=3 k=5"),
    "option_no_value": lambda: parse_spec("conv 16 k="),
    "option_not_whole": lambda: parse_spec("conv 16 k=-1"),
    "option_too_small": lambda: parse_spec("conv 16 k=0"),
    "dropout_probability": lambda: parse_spec("dropout 1.5"),
    "bias_value": lambda: parse_spec("conv 8 bias=yes"),
    "pool_padding_not_number": lambda: parse_spec("pool max p=same"),
    "bad_spec_input": lambda: spec_rows("relu", (3, 8)),
    "needs_image": lambda: build_spec("fc 10 | conv 4", (3, 8, 8)),
    "too_many_params": lambda: build_spec("fc 100000", (3, 224, 224)),
    "bad_class_name": lambda: sequential_code("my net", [], (1, 2, 2), (1,), 0, ""),
    "input_too_small": lambda: summarize(build("alexnet"), (3, 16, 16)),
    "channel_mismatch": lambda: summarize(nn.Sequential(nn.Conv2d(4, 8, 3)), (3, 8, 8)),
    "shape_mismatch": lambda: summarize(nn.Sequential(nn.Flatten(), nn.Linear(5, 2)), (3, 2, 2)),
    "bad_input_size": lambda: summarize(nn.Linear(2, 2), (3, -1)),
    "no_such_layer": lambda: feature_maps(_tiny(), torch.zeros(1, 1, 8, 8), "nope"),
    "no_conv_layer": lambda: first_conv(nn.Sequential(nn.Linear(2, 2))),
    "unknown_dataset": lambda: dataset_info("imagenet21k"),
    "dataset_missing": lambda: load_dataset("cifar10", root="/nonexistent"),
    "model_not_offered": lambda: torchvision_model("vit_h_14"),
    "no_bundled_model": lambda: load_bundled("nope"),
    "unknown_model": lambda: build("vgg61"),
    "unknown_model_option": lambda: build("vgg16", batchnorm=True),
    "bad_model_option": lambda: build("vgg16", head="mlp"),
    "cifar_depth": lambda: build("cifar_resnet", depth=21),
    "unknown_device": lambda: pick_device("tpu"),
    "bad_lr": lambda: make_optimizer(nn.Linear(2, 2), TrainConfig(lr=-1)),
    "unknown_optimizer": lambda: make_optimizer(nn.Linear(2, 2), TrainConfig(optimizer="lion")),
    "epochs_below_one": lambda: next(train(nn.Linear(2, 2), [], [], TrainConfig(epochs=0))),
    "unknown_preset": lambda: resolve_preset("huge"),
    "depth_below_two": lambda: deep_stack(1, "relu"),
    "window_too_big": lambda: occlusion_windows(8, 9, 1),
    "one_image": lambda: attribute(_tiny(), torch.zeros(2, 1, 8, 8), 0, "saliency"),
    "not_conv_layer": lambda: attribute(_tiny(), torch.zeros(1, 1, 8, 8), 0, "gradcam", layer="3"),
    "empty": lambda: load_image(b""),
    "svg": lambda: load_image(b"<svg width='1' height='1'></svg>"),
    "not_image": lambda: load_image(b"Dear teacher,\nthis is my homework.\n"),
    "corrupt": lambda: load_image(b"\x89PNG\r\n\x1a\n not really"),
    "unknown_sample": lambda: load_sample("nope"),
    "channels": lambda: fit_image(load_sample("cat"), (2, 8, 8)),
}


@pytest.mark.parametrize("code", TRIGGERS)
def test_each_problem_is_raised_as_its_code_and_worded_in_both_languages(code):
    with pytest.raises(CnnlabError) as caught:
        TRIGGERS[code]()
    exc = caught.value
    assert exc.code == code
    english, korean = error_text(exc, "en"), error_text(exc, "ko")
    assert str(exc) == english and "\n" not in english        # the command line's one line
    for text in (english, korean):
        assert "{" not in text and "None" not in text, text    # every placeholder filled
    assert HANGUL.search(korean) and english_sentences(korean) == [], korean
    assert korean.endswith((".", "?")), korean


def test_a_spec_error_names_its_row_in_the_words_of_each_language():
    with pytest.raises(LayerError) as caught:
        build_spec("relu | pool max k=3 p=2", (3, 8, 8))
    exc = caught.value
    assert str(exc) == "layer 2 (pool max k=3 p=2): pooling padding 2 is more than half the kernel 3 — use p=1 or less"
    assert error_text(exc, "ko") == "2번 층(pool max k=3 p=2): 풀링 패딩 2가 커널 3의 절반보다 큽니다. p=1 이하로 하세요."
    assert error_message(exc, "ko") == "풀링 패딩 2가 커널 3의 절반보다 큽니다. p=1 이하로 하세요."
    assert (exc.code, exc.values["padding"], exc.values["kernel"], exc.where.index) == ("pool_padding_over_half", "2",
                                                                                        "3", 2)


def test_a_summary_error_quotes_the_arithmetic_problem_in_the_pages_language():
    with pytest.raises(LayerError) as caught:
        summarize(build("alexnet"), (3, 16, 16), name="alexnet")
    exc = caught.value
    assert exc.layer.startswith("features.") and exc.layer_type == "MaxPool2d" and exc.reason == "input_too_small"
    korean = error_text(exc, "ko")
    assert korean.startswith(f"alexnet: {exc.layer} 층(MaxPool2d): 입력 3×16×16에서는 실행할 수 없습니다: 커널 3")
    assert korean.endswith("더 큰 입력을 써 보세요.")


def test_korean_particles_follow_the_numbers_in_the_message():
    cases = {(3, 2): "커널 3이", (2, 1): "커널 2가", (7, 5): "커널 7이", (9, 8): "커널 9가"}
    for (k, n), words in cases.items():
        with pytest.raises(LayerError) as caught:
            conv2d(n, 1, 1, k)
        assert words in error_text(caught.value, "ko")


def test_text_from_outside_cnnlab_is_quoted_as_code_on_a_korean_page():
    error = LayerError("shape_mismatch", Where(layer="fc", layer_type="Linear"), input_size=(3, 2, 2),
                       detail=Quote("mat1 and mat2 shapes cannot be multiplied (1x12 and 5x2)"))
    assert "`mat1 and mat2 shapes cannot be multiplied (1x12 and 5x2)`" in error_text(error, "ko")
    assert "cannot run on input 3×2×2: mat1 and mat2 shapes" in str(error)
    plain = ValueError("something broke")
    assert error_text(plain, "en") == "something broke"
    assert error_text(plain, "ko") == "예상하지 못한 문제가 생겼습니다: `something broke`."


def test_an_error_raised_the_old_way_still_reads_as_its_sentence():
    assert str(LayerError("kernel too big", "layer 2 (conv)")) == "layer 2 (conv): kernel too big"
    assert "`kernel too big`" in error_text(LayerError("kernel too big"), "ko")


def test_an_error_crosses_a_process_boundary_with_its_data():
    with pytest.raises(LayerError) as caught:
        build_spec("relu | conv 16 k=7", (3, 4, 4))
    copy = pickle.loads(pickle.dumps(caught.value))
    assert (copy.code, copy.values, copy.where, str(copy)) == (caught.value.code, caught.value.values,
                                                                caught.value.where, str(caught.value))
    assert error_text(copy, "ko").startswith("2번 층(conv 16 k=7): 커널 7이 패딩을 더한 입력 4×4보다 큽니다.")


def test_a_term_value_is_worded_in_the_language_of_the_message():
    error = CnnlabError("below_one", what=term("stride"), got=0, opt="s")
    assert str(error) == "the stride must be at least 1, got 0 — use s=1 or more"
    assert error_text(error, "ko") == "스트라이드는 1 이상이어야 합니다(현재 0). s=1 이상으로 하세요."


# ---------------------------------------------------------------- the pages show them in their language
def _korean_errors(at) -> list[str]:
    return [box.value for box in [*at.error, *at.warning]]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_build_your_own_words_a_broken_row_in_the_pages_language(lang):
    at = open_page("build_your_own", lang, spec="conv 6 k=5 | relu | pool max k=3 p=2 | fc 10")
    assert_no_exception(at)
    message = at.error[0].value
    if lang == "ko":
        assert "3번 줄(pool max k=3 p=2): 풀링 패딩 2가 커널 3의 절반보다 큽니다. p=1 이하로 하세요." in message
        assert english_sentences(message) == []
    else:
        assert "Row 3 (pool max k=3 p=2): pooling padding 2 is more than half the kernel 3 — use p=1 or less" in message


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_shared_link_with_an_unreadable_row_says_what_is_wrong_and_keeps_the_text(lang):
    spec = "conv 6 k=5 | relu | convv 3 | flatten | fc 10"
    at = open_page("build_your_own", lang, spec=spec)
    assert_no_exception(at)
    warning = at.warning[0].value
    if lang == "ko":
        assert "3번 층(convv 3): 알 수 없는 층 'convv'입니다" in warning and "혹시 'conv'인가요?" in warning
        assert english_sentences(warning) == []
    else:
        assert "layer 3 (convv 3): unknown layer 'convv' — did you mean 'conv'?" in warning
    assert at.text_area[0].value == spec                     # the student's text, kept for editing
    assert at.query_params["spec"] == spec                   # the link is not rewritten to another network
    table = at.dataframe[0].value                            # the rows that could be read, not LeNet
    assert table["layer"].tolist() == ["conv", "relu", "flatten", "fc"]
    fixed = spec.replace("convv", "conv")
    at.text_area[0].set_value(fixed).run()                   # the student fixes the typo: the table follows
    assert_no_exception(at)
    assert not at.warning and at.dataframe[0].value["layer"].tolist() == ["conv", "relu", "conv", "flatten", "fc"]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_shared_link_with_an_impossible_layer_names_the_row(lang):
    at = open_page("build_your_own", lang, spec="conv 16 k=99 | fc 10")
    assert_no_exception(at)
    message = at.error[0].value
    assert ("1번 줄(conv 16 k=99): 커널 99가 패딩을 더한 입력 28×28보다 큽니다" if lang == "ko"
            else "Row 1 (conv 16 k=99): kernel 99 is larger than the padded input 28×28") in message
    assert at.text_area[0].value == "conv 16 k=99 | fc 10"


def test_architectures_words_an_impossible_input_in_korean():
    at = open_page("architectures", "ko", model="alexnet", size=16)
    assert_no_exception(at)
    message = at.error[0].value
    assert "입력 3×16×16에서는 실행할 수 없습니다: 커널 3이 패딩을 더한 입력 1보다 큽니다. 더 큰 입력을 써 보세요." in message
    assert english_sentences(message) == []


@pytest.mark.parametrize("params", [dict(n=4, k=9, pad="number", p=0), dict(pad="same", s=2),
                                    dict(mode="pool", n=2, pk=8), dict(n=4, k=3, d=4, pad="number", p=0)])
def test_conv_arithmetic_words_an_impossible_setting_in_korean(params):
    at = open_page("conv_arithmetic", "ko", **params)
    assert_no_exception(at)
    assert at.error and all(english_sentences(box) == [] for box in _korean_errors(at))
    assert HANGUL.search(at.error[0].value)


def test_a_broken_upload_is_worded_in_korean():
    at = open_page("augmentation", "ko")
    at.file_uploader(key="img_upload").set_value(("broken.png", b"\x89PNG\r\n\x1a\n not really", "image/png")).run()
    assert_no_exception(at)
    message = at.error[0].value
    assert "파일이 잘렸거나 손상된 것 같습니다" in message and english_sentences(message) == []
    at.file_uploader(key="img_upload").set_value(("notes.png", b"Dear teacher,\nthis is my homework.\n",
                                                  "image/png")).run()
    assert "텍스트 파일로 보입니다" in at.error[0].value and english_sentences(at.error[0].value) == []
    at.file_uploader(key="img_upload").set_value(("red.png", image_file(), "image/png")).run()
    assert not at.error
