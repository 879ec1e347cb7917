"""No English sentence on a Korean page: every page, rendered in Korean in its main states, read as a student reads
it — markdown, captions, headers, metrics, buttons, options, help texts, error boxes, table headers and cells, and
the plotly figures' titles, axes, legends, hover texts and box labels (see ``pagetest.visible_texts``).

Code names (Conv2d, ReLU, features.0), formulas, units and model names may stay; a run of English words that reads
as a sentence, or an English word in a short label ("conv", "MACs", "train"), fails (``pagetest.english_on_page``).
"""
from __future__ import annotations

import pytest
from pagetest import (assert_no_exception, english_label_words, english_on_page, english_sentences, open_page,
                      shown_page, until_job_ends, visible_texts)

from cnnlab.lessons import page_names

VIEWS = [
    ("home", {}),
    ("conv_arithmetic", {}),
    ("conv_arithmetic", {"n": 28, "k": 3, "s": 2, "d": 2, "pad": "number", "p": 0}),
    ("conv_arithmetic", {"pad": "same", "k": 4}),
    ("conv_arithmetic", {"mode": "pool", "pk": 3, "ps": 2, "pp": 1, "pool": "avg"}),
    ("architectures", {}),
    ("architectures", {"model": "vgg16", "view": "chart"}),
    ("architectures", {"model": "googlenet", "view": "diagram"}),
    ("architectures", {"model": "resnet20", "view": "compare"}),
    ("architectures", {"model": "lenet5_modern", "view": "code"}),
    ("build_your_own", {}),
    ("degradation", {}),
    ("one_by_one", {}),
    ("augmentation", {}),
    ("augmentation", {"kind": "digits"}),
    ("training_lab", {}),
    ("feature_maps", {}),
    ("attribution", {}),
    ("attribution", {"method": "integrated_gradients"}),
    ("attribution", {"method": "gradcam"}),
    ("attribution", {"method": "occlusion"}),
]


def test_every_page_is_covered():
    assert {name for name, _ in VIEWS} == set(page_names())


@pytest.mark.parametrize("name, params", VIEWS, ids=[f"{n}-{'-'.join(map(str, p.values())) or 'default'}"
                                                    for n, p in VIEWS])
def test_a_korean_page_has_no_english_sentence(name, params):
    at = shown_page(name, "ko", **params)
    assert_no_exception(at)
    assert len(visible_texts(at)) > 10
    assert english_on_page(at) == []


def test_a_trained_network_and_its_analysis_are_korean_too(app_jobs):
    at = open_page("training_lab", "ko", subset=256, epochs=1, batch=64)
    at.button(key="train_start").click().run()
    until_job_ends(at)
    assert_no_exception(at)
    assert at.get("plotly_chart")                       # curves, confusion matrix, mistakes
    assert english_on_page(at) == []


def test_a_diverging_run_is_explained_in_korean(app_jobs):
    at = open_page("training_lab", "ko", subset=256, lr="10")
    at.button(key="train_start").click().run()
    until_job_ends(at)
    assert_no_exception(at)
    assert at.error and english_on_page(at) == []


def _training(at, timeout: float = 120.0) -> None:
    """Rerun (as the page's polling does) until the session's job has trained a step."""
    import time

    end = time.monotonic() + timeout
    while not (at.session_state["training_lab.job"]["status"].state == "running"
               and at.session_state["training_lab.job"]["steps"]):
        assert time.monotonic() < end, "the job did not start training"
        time.sleep(0.2)
        at.run()


def test_the_job_panel_is_korean_while_queued_running_and_stopped(app_jobs):
    from cnnlab.jobs import Limits

    app_jobs.set_limits(Limits(max_running=1))   # one job at a time: the second student waits in the queue
    first = open_page("training_lab", "ko", epochs=30, batch=16, subset=4000)
    first.button(key="train_start").click().run()
    _training(first)
    assert_no_exception(first)
    assert first.session_state["training_lab.job"]["status"].state == "running" and english_on_page(first) == []
    second = open_page("training_lab", "ko", subset=256, epochs=1, batch=64)
    second.button(key="train_start").click().run()
    assert_no_exception(second)
    assert any("대기열 **1**번째" in i.value for i in second.info) and english_on_page(second) == []
    for at in (second, first):   # Stop while queued, then while running
        at.button(key="train_stop").click().run()
        until_job_ends(at)
        assert_no_exception(at)
        assert english_on_page(at) == []
    assert any("시작하기 전에 중지했습니다" in i.value for i in second.info)
    assert any("훈련을 중지했습니다" in w.value for w in first.warning)


def test_the_teachers_page_is_korean_with_a_running_and_a_failed_job(monkeypatch, app_jobs):
    from cnnlab import teacher as tc

    monkeypatch.setenv(tc.PASSWORD_ENV, "a class of thirty")
    failed = open_page("training_lab", "ko", subset=256, lr="10")
    failed.button(key="train_start").click().run()
    until_job_ends(failed)
    running = open_page("training_lab", "en", epochs=30, batch=16, subset=4000)
    running.button(key="train_start").click().run()
    at = open_page("teacher", "ko")
    assert english_on_page(at) == []   # the sign-in form
    at.text_input(key="teacher_password").input("a class of thirty")
    at.button(key="teacher_sign_in").click().run()
    assert_no_exception(at)
    assert len(at.dataframe) == 2 and at.metric
    notes = list(at.dataframe[1].value["비고"])
    assert "발산함 (학습률이 너무 큼)" in notes
    assert english_on_page(at) == []


# ---------------------------------------------------------------- the detector itself
@pytest.mark.parametrize("text", [
    "layer 2 (conv 16 k=7): kernel 7 is larger than the padded input 4×4 — lower k or add padding",
    "파일이 잘렸거나 손상된 것 같습니다 (image file is truncated). 다시 저장하세요.",
    "Fix these rows first:",
])
def test_the_detector_finds_english_sentences(text):
    assert english_sentences(text)


@pytest.mark.parametrize("text", [
    "`nn.Conv2d(C, C′, kernel_size=1)`를 정수 가중치로 적용합니다.", "Network in Network", "LeNet-5 (ReLU + 최대 풀링)",
    "FLOPs ≈ 2 × MAC = 2 × 1,536 = 3,072", "features.0 · Conv2d → 64×55×55", "‖∂loss/∂W‖ (로그 눈금)",
    "PyTorch 기본값(count_include_pad=True)에서는", "ImageNet으로 훈련한 resnet18 (torchvision)",
])
def test_the_detector_lets_names_code_and_formulas_through(text):
    assert english_sentences(text) == [] and english_label_words(text) == []


@pytest.mark.parametrize("label", ["conv 3×3, 64", "max pool 3×3 /2", "MACs", "train", "fc 1000"])
def test_an_english_word_in_a_label_is_found(label):
    assert english_label_words(label)


# ---------------------------------------------------------------- issue 11, item by item, in both languages
def _all_text(at) -> str:
    return "\n".join(text for _, text in visible_texts(at))


@pytest.mark.parametrize("name, params", VIEWS[:12], ids=[n for n, _ in VIEWS[:12]])
def test_one_word_per_concept_on_the_rendered_korean_page_and_no_korean_on_the_english_one(name, params):
    import re

    from cnnlab.i18n.glossary import GLOSSARY

    korean = _all_text(shown_page(name, "ko", **params))
    assert [v for entry in GLOSSARY.values() for v in entry["ko_avoid"] if v in korean] == []
    english = _all_text(shown_page(name, "en", **params))
    assert re.findall(r"[\uac00-\ud7a3]+", english.replace("Language · 언어", "").replace("한국어", "")) == []


@pytest.mark.parametrize("lang, heaviest, particle", [
    ("en", "Heaviest layer: **classifier.0** (Linear) holds **48,120** of 61,706 parameters", None),
    ("ko", "가장 무거운 층은 **classifier.0** (Linear)입니다. 전체 파라미터 61,706개 중 **48,120**개로", "(Linear)이(가)"),
])
def test_the_heaviest_layer_sentence_puts_no_particle_after_a_code_name(lang, heaviest, particle):
    at = shown_page("architectures", lang)
    text = _all_text(at)
    assert heaviest in text
    assert particle is None or particle not in text


@pytest.mark.parametrize("lang, boxes, chart", [
    ("en", ["conv 7×7, 64 /2", "max pool 3×3 /2", "conv 1×1, 64", "global avg pool", "fc 1000"], "MACs"),
    ("ko", ["합성곱 7×7, 64 /2", "최대 풀링 3×3 /2", "합성곱 1×1, 64", "전역 평균 풀링", "완전 연결 1000"], "MAC"),
])
def test_diagram_boxes_and_chart_axes_speak_the_pages_language(lang, boxes, chart):
    import json

    at = shown_page("architectures", lang, model="googlenet", view="diagram")
    texts = {t for _, t in visible_texts(at)}
    for box in boxes:
        assert any(text.startswith(box) for text in texts), box
    at = shown_page("architectures", lang, model="vgg16", view="chart")
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    titles = [axis["title"]["text"] for key, axis in spec["layout"].items() if key.startswith("yaxis")]
    assert chart in titles and spec["data"][1]["name"] == chart
    assert ("MACs" in spec["data"][1]["hovertemplate"]) == (lang == "en")


@pytest.mark.parametrize("lang, method", [("en", "Saliency"), ("ko", "현저성 맵")])
def test_the_saliency_method_has_its_name_in_the_pages_language(lang, method):
    at = shown_page("attribution", lang)
    assert method in at.radio(key="method").options or method in [o for r in at.radio for o in r.options]
    assert "saliency 맵" not in _all_text(at)


@pytest.mark.parametrize("lang, phrase", [("en", "it only takes the average of each window"),
                                          ("ko", "각 창에서 평균을 낼 뿐입니다")])
def test_average_pooling_averages(lang, phrase):
    at = shown_page("conv_arithmetic", lang, mode="pool", pool="avg")
    assert phrase in _all_text(at)


@pytest.mark.parametrize("lang, phrase", [("en", "after 60 training steps"), ("ko", "훈련 60 스텝 뒤")])
def test_training_steps_are_steps(lang, phrase):
    at = shown_page("degradation", lang)
    assert phrase in _all_text(at)


@pytest.mark.parametrize("lang, phrase", [
    ("en", "stride 2 moves the window 2 cells at a time"), ("ko", "스트라이드 2는 창을 한 번에 2칸씩 옮깁니다"),
])
def test_particles_after_numbers_fit_the_number(lang, phrase):
    at = shown_page("conv_arithmetic", lang, s=2)
    assert phrase.lower() in _all_text(at).lower()
    if lang == "ko":
        at = shown_page("conv_arithmetic", lang, s=3)
        assert "스트라이드 3은 창을 한 번에 3칸씩 옮깁니다" in _all_text(at)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_every_lesson_on_the_home_page_is_described_in_whole_sentences(lang):
    at = shown_page("home", lang)
    lessons = [m.value.split("\n", 1)[1] for m in at.markdown if m.value.startswith("**") and "\n" in m.value]
    assert len(lessons) == 6
    for text in lessons:
        assert text.endswith("다." if lang == "ko" else "."), text
        if lang == "ko":
            assert "층별로:" not in text and not text.endswith(("방법.", "것.", "이유."))
