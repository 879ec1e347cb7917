"""Lesson 5, the training lab: its settings as a job recipe, the analysis a run brings back, and the page (AppTest)
in en/ko — Train queues a job in the app's job service (quick mode ?subset=N), the page polls it, shows the queue
place, Stop works queued and running, two sessions train at once, a session that left loses its job, another
session's job stays invisible, failures are worded."""
from __future__ import annotations

import json
import time
from dataclasses import replace
from pathlib import Path

import pytest
import torch
from jobwait import numbers
from pagetest import check_exercise_block, open_page, until_job_ends
from streamlit.testing.v1 import AppTest

from cnnlab.augmentation import preset
from cnnlab.data import make_loaders
from cnnlab.jobs import Limits, load_weights, run_job, trained_model
from cnnlab.train import TrainedModel
from cnnlab.training_lab import Analysis, LabSettings, lab_job

ROOT = Path(__file__).resolve().parents[1]
JOB = "training_lab.job"
# 7,500 steps: Stop / leaving always lands while it trains (and the test set stays quick to score)
LONG = {"epochs": 30, "batch": 16, "subset": 4000}


def test_the_pages_settings_become_the_jobs_recipe():
    job = lab_job(LabSettings(lr=1e-3, epochs=3, batch_size=64, cosine=False, augment=True, subset=500))
    assert (job.kind, job.model, job.dataset, job.lr, job.epochs, job.batch_size) == \
        ("train", "lenet5_modern", "mnist10k", 1e-3, 3, 64)
    assert (job.schedule, job.subset, job.test_subset, job.seed) == ("constant", 500, 500, 0)
    assert job.augment == preset("digits").to_dict() and lab_job(LabSettings()).augment is None
    custom = lab_job(LabSettings(model="custom"), {"spec": "flatten | fc 10", "input": [1, 28, 28]})
    assert (custom.model, custom.spec, custom.spec_input) == ("custom", "flatten | fc 10", (1, 28, 28))
    assert lab_job(LabSettings(model="custom"), None).spec_input is None   # the job then fails: custom_input


def test_the_analysis_a_run_brings_back_is_torchs_predictions_counted_by_true_and_predicted_class():
    job = replace(lab_job(LabSettings(epochs=1, batch_size=64, subset=256)), threads=1)
    result = run_job(job, lambda event: None)
    found = Analysis.from_result(result)
    model = trained_model(result).model
    x, y = next(iter(make_loaders("mnist10k", 64, subset=256, test_subset=256, test_batch_size=256)[1]))
    with torch.no_grad():
        pred = model(x).argmax(1)
    expected = torch.zeros(10, 10, dtype=torch.long)
    for p, t in zip(pred, y):
        expected[t, p] += 1
    assert found.matrix == expected.tolist() and found.wrong == (pred != y).nonzero().flatten().tolist()
    assert found.pred == pred[pred != y].tolist() and found.true == y[pred != y].tolist()
    assert found.acc == pytest.approx((pred == y).float().mean().item())


def errors(at) -> list[str]:
    return [e.value for e in at.error]


def running(at, timeout: float = 120.0) -> None:
    """Rerun until the session's job has trained at least one step."""
    end = time.monotonic() + timeout
    while not (at.session_state[JOB]["status"].state == "running" and at.session_state[JOB]["steps"]):
        assert time.monotonic() < end, "the job did not start training"
        time.sleep(0.2)
        at.run()


@pytest.mark.parametrize("lang, title", [("en", "Training lab"), ("ko", "훈련 실험실")])
def test_page_renders_with_the_lab_defaults(lang, title):
    at = open_page("training_lab", lang)
    assert not at.exception and not errors(at)
    assert at.title[0].value == title
    assert at.selectbox(key="model").value == "lenet5_modern" and at.selectbox(key="data").value == "mnist10k"
    assert at.slider(key="epochs").value == 8 and at.selectbox(key="batch").value == 128
    assert at.selectbox(key="lr").value == pytest.approx(0.004) and at.toggle(key="cosine").value
    assert "cnnlab.trained" not in at.session_state


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_train_queues_a_job_the_page_polls_until_the_curves_and_the_trained_model_are_there(lang, app_jobs):
    at = open_page("training_lab", lang, subset=512, epochs=2, batch=32)
    at.button(key="train_start").click().run()
    assert not at.exception and not errors(at)
    record = at.session_state[JOB]   # the script returned at once: the job runs in a worker process
    assert record["status"].state in ("queued", "running") and "cnnlab.trained" not in at.session_state
    until_job_ends(at)
    assert not at.exception and not errors(at)
    trained = at.session_state["cnnlab.trained"]
    assert isinstance(trained, TrainedModel) and trained.input_size == (1, 28, 28)
    assert [h["epoch"] for h in trained.history] == [1, 2] and trained.test_acc > 0.3   # chance is 0.1
    assert not trained.model.training and next(trained.model.parameters()).device.type == "cpu"
    assert len(at.get("plotly_chart")) == 3   # curves, confusion matrix, misclassified digits
    assert at.metric[0].value == f"{trained.test_acc:.2%}"
    run = at.session_state["training_lab.run"]
    assert sum(sum(row) for row in run["analysis"].matrix) == 512 and run["status"] == "done"
    assert len(run["steps"]) == 2 * 16 and len(run["history"]) == 2   # every step's loss is on the curve
    # the same recipe in this process gives the very same network (seeded job, the worker's thread count)
    alone = run_job(replace(lab_job(LabSettings(epochs=2, batch_size=32, subset=512)), threads=app_jobs.backend.threads),
                    lambda event: None)
    assert all(torch.equal(v, load_weights(alone)[k]) for k, v in trained.model.state_dict().items())


@pytest.mark.parametrize("lang, words", [("en", ["Training diverged", "learning rate 10", "try 1)"]),
                                         ("ko", ["훈련이 발산했습니다", "학습률 10", "예: 1"])])
def test_a_diverging_run_fails_with_the_reason_worded_in_the_pages_language(lang, words, app_jobs):
    at = open_page("training_lab", lang, subset=256, lr="10")   # floats go in the URL as ui writes them
    at.button(key="train_start").click().run()
    until_job_ends(at)
    assert not at.exception
    (message,) = errors(at)
    assert all(w in message for w in words), message
    assert "cnnlab.trained" not in at.session_state


def test_stop_while_running_keeps_what_the_network_learned(app_jobs):
    at = open_page("training_lab", "en", **LONG)
    at.button(key="train_start").click().run()
    running(at)
    at.button(key="train_stop").click().run()
    until_job_ends(at, timeout=60)
    assert not at.exception and not errors(at)
    run = at.session_state["training_lab.run"]
    assert run["status"] == "stopped" and len(run["history"]) < 30 and run["steps"]
    assert any("stopped" in w.value for w in at.warning)
    assert isinstance(at.session_state["cnnlab.trained"], TrainedModel)


@pytest.mark.parametrize("lang, words", [("en", ["number **1** in the queue", "Stopped before it started"]),
                                         ("ko", ["대기열 **1**번째", "시작하기 전에 중지했습니다"])])
def test_the_queue_place_is_shown_and_stop_while_queued_ends_the_job_at_once(lang, words, app_jobs):
    app_jobs.set_limits(Limits(max_running=1))
    other = app_jobs.submit("another-student", replace(lab_job(LabSettings(model="resnet20", epochs=30,
                                                                           subset=2000)), batch_size=16))
    at = open_page("training_lab", lang, subset=256, epochs=1)
    at.button(key="train_start").click().run()
    assert not at.exception and at.session_state[JOB]["status"].state == "queued"
    assert any(words[0] in i.value for i in at.info)
    at.button(key="train_stop").click().run()
    assert not at.exception and JOB not in at.session_state   # a queued job ends at once
    assert any(words[1] in i.value for i in at.info) and "cnnlab.trained" not in at.session_state
    assert app_jobs.status(other, "another-student").state == "running"   # the other student's job goes on


def test_two_sessions_train_at_once_each_getting_the_numbers_it_gets_alone(app_jobs):
    first, second = (open_page("training_lab", "en", subset=512, epochs=2, batch=32) for _ in range(2))
    for at in (first, second):
        at.button(key="train_start").click().run()
    assert first.session_state[JOB]["id"] != second.session_state[JOB]["id"]
    assert first.session_state["cnnlab.jobs.owner"] != second.session_state["cnnlab.jobs.owner"]
    states = {at.session_state[JOB]["status"].state for at in (first, second)}
    assert states <= {"queued", "running"}
    for at in (first, second):
        until_job_ends(at)
        assert not at.exception and not errors(at)
    a, b = (at.session_state["cnnlab.trained"] for at in (first, second))
    assert a.test_acc == b.test_acc and [numbers(h) for h in a.history] == [numbers(h) for h in b.history]
    assert all(torch.equal(v, b.model.state_dict()[k]) for k, v in a.model.state_dict().items())


def test_a_session_that_stops_polling_gets_its_job_cancelled(app_jobs):
    at = open_page("training_lab", "en", **LONG)
    at.button(key="train_start").click().run()
    running(at)
    job = at.session_state[JOB]["id"]
    app_jobs.owner_timeout = 1.0   # and the session makes no call from now on (its tab was closed)
    end = time.monotonic() + 30.0
    while not any(s.job_id == job and s.state == "cancelled" for s in app_jobs.admin_jobs()):
        assert time.monotonic() < end, "the job of a session that left still runs"
        time.sleep(0.1)
    (status,) = [s for s in app_jobs.admin_jobs() if s.job_id == job]
    assert status.reason == "owner_left"


def test_another_sessions_job_can_be_neither_seen_nor_stopped(app_jobs):
    owner = open_page("training_lab", "en", **LONG)
    owner.button(key="train_start").click().run()
    running(owner)
    stolen = dict(owner.session_state[JOB])
    intruder = open_page("training_lab", "en")
    intruder.session_state[JOB] = stolen   # even holding the job's id …
    intruder.session_state["cnnlab.jobs.active"] = {stolen["id"]: JOB}
    intruder.button(key="train_stop").click().run()
    assert not intruder.exception and JOB not in intruder.session_state   # … it is "no such job" for them
    assert not intruder.get("plotly_chart") and "cnnlab.trained" not in intruder.session_state
    owner.run()
    assert owner.session_state[JOB]["status"].state == "running" and not owner.session_state[JOB]["status"].stop_requested


def test_missing_torchvision_dataset_shows_how_to_get_it(monkeypatch, tmp_path, app_jobs):
    monkeypatch.setenv("CNNLAB_DATA", str(tmp_path))
    at = open_page("training_lab", "ko", data="cifar10", subset=64)
    at.button(key="train_start").click().run()
    until_job_ends(at)
    assert not at.exception
    (message,) = errors(at)
    assert "이 데이터셋이 이 컴퓨터에 없습니다" in message and "download=True" in message


def test_custom_network_from_build_your_own_is_offered_and_trains(app_jobs):
    at = open_page("training_lab", "en")
    at.session_state["cnnlab.custom_spec"] = {"spec": "conv 4 k=3 | relu | pool max | flatten | fc 10",
                                              "input": (1, 28, 28)}
    at.run()
    assert "custom" in at.selectbox(key="model").options or "My network (from Build your own)" in \
        at.selectbox(key="model").options
    at.selectbox(key="model").set_value("custom")
    at.query_params["subset"] = "256"
    at.slider(key="epochs").set_value(1)
    at.run()
    at.button(key="train_start").click().run()
    until_job_ends(at)
    assert not at.exception and not errors(at)
    assert at.session_state["cnnlab.trained"].name == "custom"


@pytest.mark.parametrize("lang, spec, words", [
    ("ko", "conv 4 k=3 | relu | flatten | fc 7", ["fc 10", "출력은 7개"]),
    ("en", "conv 4 k=3 | relu | flatten | fc 10", ["expects inputs of 3×28×28", "1×28×28"]),
])
def test_a_custom_network_that_does_not_fit_the_data_is_a_friendly_error(lang, spec, words, app_jobs):
    at = open_page("training_lab", lang)
    channels = 3 if "expects" in words[0] else 1
    at.session_state["cnnlab.custom_spec"] = {"spec": spec, "input": (channels, 28, 28)}
    at.run()
    at.selectbox(key="model").set_value("custom")
    at.query_params["subset"] = "64"
    at.run()
    at.button(key="train_start").click().run()
    until_job_ends(at)
    assert not at.exception
    (message,) = errors(at)
    assert all(w in message for w in words), message


def test_a_second_run_is_drawn_over_the_first_for_comparison(app_jobs):
    at = open_page("training_lab", "en", subset=256, epochs=2, batch=64)
    at.button(key="train_start").click().run()
    until_job_ends(at)
    first = [h["test_acc"] for h in at.session_state["training_lab.run"]["history"]]
    at.toggle(key="aug").set_value(True).run()
    at.button(key="train_start").click().run()
    until_job_ends(at)
    assert not at.exception and not errors(at)
    run = at.session_state["training_lab.run"]
    assert run["settings"].augment and [h["test_acc"] for h in run["previous"]["history"]] == first
    assert "augmentation off" in run["previous"]["name"]
    curves = json.loads(at.get("plotly_chart")[0].proto.spec)
    grey = [trace for trace in curves["data"] if trace["name"].startswith("previous run")]
    assert len(grey) == 4 and grey[-1]["y"] == pytest.approx([100 * a for a in first])   # test accuracy, %
    assert any("Grey: the run before this one" in c.value for c in at.caption)


def test_the_teachers_limits_cap_the_epochs_slider_and_shorten_the_run(app_jobs):
    app_jobs.set_limits(Limits(max_epochs=3, max_subset=300))
    at = open_page("training_lab", "en", epochs=8, batch=64)
    assert at.slider(key="epochs").max == 3 and at.slider(key="epochs").value == 3
    assert any("at most 3 epochs and 300 training images" in c.value for c in at.caption)
    at.button(key="train_start").click().run()
    until_job_ends(at)
    assert not at.exception and not errors(at)
    trained = at.session_state["cnnlab.trained"]
    assert len(trained.history) == 3
    assert app_jobs.admin_jobs()[-1].recipe["subset"] == 300


def test_one_job_per_student_across_pages_and_the_other_pages_keep_it_alive(app_jobs):
    from cnnlab.degradation import PRESETS

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state["degradation.override"] = replace(PRESETS["classroom"], depths=(8, 14), epochs=30, subset=2000)
    at.run()
    at.switch_page("pages/degradation.py").run()
    at.button(key="deg_rerun").click().run()
    job = at.session_state["degradation.job"]["id"]
    at.switch_page("pages/training_lab.py").run()   # reading another lesson while the re-run goes on
    at.button(key="train_start").click().run()
    assert not at.exception and JOB not in at.session_state
    assert any("Your previous run is still queued or running" in e.value for e in at.error)
    app_jobs.owner_timeout = 2.0
    for _ in range(3):   # the student stays on this page: its heartbeat keeps the re-run alive
        time.sleep(1.0)
        at.run()
    assert at.session_state["degradation.job"]["status"].state == "running"
    (status,) = [s for s in app_jobs.admin_jobs() if s.job_id == job]
    assert status.state == "running" and not status.stop_requested


def test_stop_during_a_degradation_rerun_keeps_every_epoch_trained(app_jobs):
    from cnnlab.degradation import PRESETS

    slow = replace(PRESETS["classroom"], depths=(8, 14), epochs=20, subset=2000, test_subset=200)
    at = open_page("degradation", "ko", timeout=120, state={"degradation.override": slow})
    at.button(key="deg_rerun").click().run()
    end = time.monotonic() + 120.0
    while not any(r["train_error"] for r in at.session_state["degradation.job"]["runs"]):
        assert time.monotonic() < end, "no epoch finished"
        time.sleep(0.3)
        at.run()
    at.button(key="deg_stop").click().run()
    until_job_ends(at, "degradation.job", timeout=60)
    assert not at.exception and not at.error
    live = at.session_state["degradation.live"]["classroom"]
    assert live["partial"] and live["runs"] and all(r["train_error"] for r in live["runs"])
    assert any("중지했습니다" in w.value for w in at.warning)


CODES = ("diverged", "dataset_unavailable", "bad_layer", "bad_model", "bad_setting", "custom_input", "custom_classes",
         "out_of_memory", "internal", "backend", "lost")
VALUES = {"lr": 10.0, "loss": 1e9, "dataset": "cifar10", "root": "data", "layer": "layer 2 (conv 16 k=7)",
          "model": "nosuchnet", "spec": [3, 32, 32], "data": [1, 28, 28], "out": [7], "classes": 10,
          "error": "RuntimeError", "detail": "an English message for the teacher's log"}


def _worded(codes: tuple[str, ...], values: dict) -> None:
    import streamlit as st

    from cnnlab.ui import jobs

    for code in codes:
        title, message = jobs.failure_text({"code": code, "values": values})
        st.markdown(f"{code}|{title}|{message}")


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_every_job_failure_code_is_worded_in_the_pages_language(lang):
    import re

    at = AppTest.from_function(_worded, args=(CODES, VALUES), default_timeout=30)
    at.query_params["lang"] = lang
    at.run()
    texts = [m.value.split("|") for m in at.markdown]
    assert [code for code, _, _ in texts] == list(CODES)
    assert len({message for _, _, message in texts}) == len(CODES)   # each code its own wording
    for code, title, message in texts:
        assert "{" not in message and "common." not in message and "detail" not in message, (code, message)
        assert "English message" not in message   # the engine's English text stays in the teacher's log
        if lang == "ko":   # Korean words, and no English sentence (code, names and paths may stay as they are)
            prose = re.sub(r"`[^`]*`|layer 2 \(conv 16 k=7\)|nosuchnet|RuntimeError|CNNLAB_DATA|CIFAR-10", "", message)
            assert re.search(r"[\uac00-\ud7a3]", title + message) and not re.search(r"[A-Za-z]{5,}", prose), \
                (code, message)
    by_code = {code: message for code, _, message in texts}
    assert "run again" in by_code["lost"] if lang == "en" else "다시 실행하세요" in by_code["lost"]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_page_ends_with_exercises_that_accept_the_answer_hint_a_slip_and_reveal_the_steps(lang):
    check_exercise_block("training_lab", lang, seed="class7")
