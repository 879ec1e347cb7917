"""pages/training_lab.py in AppTest: renders in en/ko, trains live (quick mode ?subset=N), keeps the model, shows errors."""
from __future__ import annotations

import json

import pytest

from cnnlab.train import TrainedModel
from pagetest import open_page


def errors(at) -> list[str]:
    return [e.value for e in at.error]


@pytest.mark.parametrize("lang, title", [("en", "Training lab"), ("ko", "학습 실험실")])
def test_page_renders_with_the_lab_defaults(lang, title):
    at = open_page("training_lab", lang)
    assert not at.exception and not errors(at)
    assert at.title[0].value == title
    assert at.selectbox(key="model").value == "lenet5_modern" and at.selectbox(key="data").value == "mnist10k"
    assert at.slider(key="epochs").value == 8 and at.selectbox(key="batch").value == 128
    assert at.selectbox(key="lr").value == pytest.approx(0.004) and at.toggle(key="cosine").value
    assert "cnnlab.trained" not in at.session_state


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_quick_training_run_draws_curves_and_keeps_the_trained_model(lang):
    at = open_page("training_lab", lang, subset=512, epochs=2, batch=32)
    at.button(key="train_start").click().run()
    assert not at.exception and not errors(at)
    trained = at.session_state["cnnlab.trained"]
    assert isinstance(trained, TrainedModel) and trained.input_size == (1, 28, 28)
    assert [h["epoch"] for h in trained.history] == [1, 2] and trained.test_acc > 0.3   # chance is 0.1
    assert not trained.model.training and next(trained.model.parameters()).device.type == "cpu"
    assert len(at.get("plotly_chart")) == 3   # curves, confusion matrix, misclassified digits
    assert at.metric[0].value == f"{trained.test_acc:.2%}"
    run = at.session_state["train.run"]
    assert sum(sum(row) for row in run["analysis"]["matrix"]) == 512 and run["status"] == "done"
    assert len(run["steps"]) == 2 * 16 and len(run["history"]) == 2   # every step's loss is on the curve


def test_huge_learning_rate_shows_the_divergence_message_not_an_exception():
    at = open_page("training_lab", "en", subset=256, lr="10")   # floats go in the URL as ui writes them
    at.button(key="train_start").click().run()
    assert not at.exception
    (message,) = errors(at)
    assert "Training diverged" in message and "learning rate 10" in message and "try 1)" in message
    assert "cnnlab.trained" not in at.session_state


def test_a_run_interrupted_by_stop_is_kept_as_stopped_with_its_model():
    at = open_page("training_lab", "en", subset=256, epochs=1, batch=64)
    at.button(key="train_start").click().run()
    run = at.session_state["train.run"]
    # what a Stop click leaves behind: Streamlit interrupted the script while the record said "running"
    run["status"] = "running"
    run.pop("analysis")
    at.button(key="train_stop").click().run()
    assert not at.exception
    assert at.session_state["train.run"]["status"] == "stopped" and "analysis" in at.session_state["train.run"]
    assert any("stopped" in w.value for w in at.warning)
    assert isinstance(at.session_state["cnnlab.trained"], TrainedModel)


def test_missing_torchvision_dataset_shows_how_to_get_it(monkeypatch, tmp_path):
    monkeypatch.setenv("CNNLAB_DATA", str(tmp_path))
    at = open_page("training_lab", "ko", data="cifar10", subset=64)
    at.button(key="train_start").click().run()
    assert not at.exception
    (message,) = errors(at)
    assert "이 데이터셋이 이 컴퓨터에 없습니다" in message and "download=True" in message


def test_custom_network_from_build_your_own_is_offered_and_trains():
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
    assert not at.exception and not errors(at)
    assert at.session_state["cnnlab.trained"].name == "custom"


def test_custom_network_with_the_wrong_output_size_is_a_friendly_error():
    at = open_page("training_lab", "ko")
    at.session_state["cnnlab.custom_spec"] = {"spec": "conv 4 k=3 | relu | flatten | fc 7", "input": (1, 28, 28)}
    at.run()
    at.selectbox(key="model").set_value("custom")
    at.query_params["subset"] = "64"
    at.run()
    at.button(key="train_start").click().run()
    assert not at.exception
    (message,) = errors(at)
    assert "fc 10" in message


def test_a_second_run_is_drawn_over_the_first_for_comparison():
    at = open_page("training_lab", "en", subset=256, epochs=2, batch=64)
    at.button(key="train_start").click().run()
    first = [h["test_acc"] for h in at.session_state["train.run"]["history"]]
    at.toggle(key="aug").set_value(True).run()
    at.button(key="train_start").click().run()
    assert not at.exception and not errors(at)
    run = at.session_state["train.run"]
    assert run["settings"].augment and [h["test_acc"] for h in run["previous"]["history"]] == first
    assert "augmentation off" in run["previous"]["name"]
    curves = json.loads(at.get("plotly_chart")[0].proto.spec)
    grey = [trace for trace in curves["data"] if trace["name"].startswith("previous run")]
    assert len(grey) == 4 and grey[-1]["y"] == pytest.approx([100 * a for a in first])   # test accuracy, %
    assert any("Grey: the run before this one" in c.value for c in at.caption)
