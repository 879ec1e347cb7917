"""Lesson 5, the training lab: cnnlab.training_lab's choices and analysis, and the page (AppTest) in en/ko —
it trains live (quick mode ?subset=N), keeps the model, shows errors."""
from __future__ import annotations

import json

import pytest
import torch
from pagetest import check_exercise_block, open_page

from cnnlab.data import dataset_info, make_loaders
from cnnlab.train import TrainedModel
from cnnlab.training_lab import LabError, LabSettings, analyse, custom_image_size, lab_model


def test_a_custom_network_must_fit_the_datasets_images_and_classes():
    custom = LabSettings(model="custom")
    assert custom_image_size(LabSettings(), None) is None
    assert custom_image_size(custom, {"spec": "fc 10", "input": (1, 16, 16)}) == 16
    with pytest.raises(LabError) as mismatch:
        custom_image_size(custom, {"spec": "fc 10", "input": (3, 32, 32)})
    assert mismatch.value.key == "training_lab.custom_mismatch" and mismatch.value.fmt["data"] == "1×28×28"
    with pytest.raises(LabError) as classes:
        lab_model(custom, dataset_info("mnist10k"), {"spec": "flatten | fc 7", "input": (1, 28, 28)})
    assert classes.value.fmt == {"out": "7", "dataset": "MNIST digits (10,000 bundled)", "classes": 10}
    model = lab_model(LabSettings(model="lenet5"), dataset_info("mnist10k"), None)
    assert model(torch.zeros(2, 1, 28, 28)).shape == (2, 10)


def test_the_analysis_is_torchs_predictions_counted_by_true_and_predicted_class():
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(784, 10))
    _, test, _ = make_loaders("mnist10k", 64, test_subset=100)
    found = analyse(model, test, 10)
    x, y = next(iter(make_loaders("mnist10k", 64, test_subset=100, test_batch_size=100)[1]))
    pred = model(x).argmax(1)
    expected = torch.zeros(10, 10, dtype=torch.long)
    for p, t in zip(pred, y):
        expected[t, p] += 1
    assert found.matrix == expected.tolist() and found.wrong == (pred != y).nonzero().flatten().tolist()
    assert found.acc == pytest.approx((pred == y).float().mean().item())


def errors(at) -> list[str]:
    return [e.value for e in at.error]


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
    run = at.session_state["training_lab.run"]
    assert sum(sum(row) for row in run["analysis"].matrix) == 512 and run["status"] == "done"
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
    run = at.session_state["training_lab.run"]
    # what a Stop click leaves behind: Streamlit interrupted the script while the record said "running"
    run["status"] = "running"
    run.pop("analysis")
    at.button(key="train_stop").click().run()
    assert not at.exception
    run = at.session_state["training_lab.run"]
    assert run["status"] == "stopped" and "analysis" in run
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
    first = [h["test_acc"] for h in at.session_state["training_lab.run"]["history"]]
    at.toggle(key="aug").set_value(True).run()
    at.button(key="train_start").click().run()
    assert not at.exception and not errors(at)
    run = at.session_state["training_lab.run"]
    assert run["settings"].augment and [h["test_acc"] for h in run["previous"]["history"]] == first
    assert "augmentation off" in run["previous"]["name"]
    curves = json.loads(at.get("plotly_chart")[0].proto.spec)
    grey = [trace for trace in curves["data"] if trace["name"].startswith("previous run")]
    assert len(grey) == 4 and grey[-1]["y"] == pytest.approx([100 * a for a in first])   # test accuracy, %
    assert any("Grey: the run before this one" in c.value for c in at.caption)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_page_ends_with_exercises_that_accept_the_answer_hint_a_slip_and_reveal_the_steps(lang):
    check_exercise_block("training_lab", lang, seed="class7")
