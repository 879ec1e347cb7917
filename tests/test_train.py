"""cnnlab.train: learning happens, Stop works mid-epoch, divergence is caught, devices and seeds behave."""
from __future__ import annotations

import math

import pytest
import torch
from torch import nn

from cnnlab import train as tr
from cnnlab.data import make_loaders
from cnnlab.models import build
from cnnlab.train import Done, Epoch, GradNorms, Step, Stopped, TrainConfig, TrainedModel, TrainError, TrainingDiverged


def lenet() -> nn.Module:
    tr.seed_everything(0)
    return build("lenet5_modern", padding=2)


@pytest.fixture(scope="module")
def small():
    """1,024 training digits and 500 test digits: enough to learn well above chance in a second or two."""
    return make_loaders("mnist10k", 64, subset=1024, test_subset=500)


def run(model, loaders, **config):
    train_loader, test_loader, _ = loaders
    should_stop = config.pop("should_stop", lambda: False)
    # one thread: on a shared 2-core machine two spinning threads per test only slow everyone down
    config = {"device": "cpu", "threads": 1, **config}
    return list(tr.train(model, train_loader, test_loader, TrainConfig(**config),
                         should_stop=should_stop))


def test_training_lowers_the_loss_and_beats_chance_by_far(small):
    events = run(lenet(), small, epochs=2)
    steps = [e for e in events if isinstance(e, Step)]
    epochs = [e for e in events if isinstance(e, Epoch)]
    assert len(steps) == 2 * 16 and len(epochs) == 2 and isinstance(events[-1], Done)
    first, last = sum(s.loss for s in steps[:4]) / 4, sum(s.loss for s in steps[-4:]) / 4
    assert first > 2.0 and last < first / 3          # starts near ln 10 = 2.30, falls a lot
    assert epochs[-1].test_acc > 0.6 and epochs[-1].train_loss < epochs[0].train_loss   # chance is 0.1
    assert events[-1].history == epochs


def test_epoch_test_accuracy_and_loss_match_a_count_by_torch(small):
    model = lenet()
    epoch = next(e for e in run(model, small, epochs=1) if isinstance(e, Epoch))
    _, test_loader, _ = small
    model.eval()
    with torch.no_grad():
        xs, ys = zip(*test_loader)
        out = model(torch.cat(xs))
        y = torch.cat(ys)
    assert epoch.test_acc == pytest.approx((out.argmax(1) == y).float().mean().item())
    assert epoch.test_loss == pytest.approx(nn.functional.cross_entropy(out, y).item(), rel=1e-5)


def test_epoch_timing_fields_are_consistent(small):
    events = run(lenet(), small, epochs=1)
    epoch, done = events[-2], events[-1]
    assert 0 < epoch.train_seconds <= epoch.seconds <= done.seconds
    assert epoch.images_per_second == pytest.approx(1024 / epoch.train_seconds)
    assert done.images_per_second == pytest.approx(1024 / done.train_seconds)
    assert epoch.lr == pytest.approx(2e-3) and set(epoch.to_dict()) >= {"epoch", "train_loss", "test_acc"}


def test_should_stop_ends_training_mid_epoch(small):
    model = lenet()
    before = [p.detach().clone() for p in model.parameters()]
    asked = []

    def stop_after_three_steps() -> bool:
        asked.append(1)
        return len(asked) > 3

    events = run(model, small, epochs=5, should_stop=stop_after_three_steps)
    assert isinstance(events[-1], Stopped)
    assert (events[-1].epoch, events[-1].step) == (1, 3) and events[-1].history == []
    assert [e.step for e in events if isinstance(e, Step)] == [1, 2, 3]
    assert not any(isinstance(e, Epoch) for e in events)
    assert any(not torch.equal(a, b) for a, b in zip(before, model.parameters()))   # the 3 steps were kept


def test_huge_learning_rate_raises_training_diverged_with_advice(small):
    with pytest.raises(TrainingDiverged) as err:
        run(lenet(), small, epochs=1, lr=10.0)
    message = str(err.value)
    assert "diverged" in message and "lower the learning rate" in message and "try 1" in message
    assert isinstance(err.value, ValueError)


class _NaNNet(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.fc = nn.Linear(28 * 28, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc(x.flatten(1)) * float("nan")


def test_nan_loss_raises_training_diverged_at_the_first_step(small):
    with pytest.raises(TrainingDiverged, match="nan at epoch 1, step 1"):
        run(_NaNNet(), small, epochs=1)


def test_same_seed_gives_the_same_run():
    loaders = make_loaders("mnist10k", 64, subset=256, test_subset=100)
    a = [e.to_dict() for e in run(lenet(), loaders, epochs=1) if isinstance(e, Epoch)]
    loaders = make_loaders("mnist10k", 64, subset=256, test_subset=100)
    b = [e.to_dict() for e in run(lenet(), loaders, epochs=1) if isinstance(e, Epoch)]
    keys = ("train_loss", "train_acc", "test_loss", "test_acc")
    assert [tuple(e[k] for k in keys) for e in a] == [tuple(e[k] for k in keys) for e in b]


def test_gradient_norms_cover_every_weight_layer_input_side_first(small):
    events = run(lenet(), small, epochs=1, grad_norms=True, grad_norm_every=8)
    norms = [e for e in events if isinstance(e, GradNorms)]
    assert [e.global_step for e in norms] == [1, 8, 16]
    names = [n for n, m in lenet().named_modules() if isinstance(m, (nn.Conv2d, nn.Linear))]
    assert list(norms[0].norms) == names and all(v > 0 and math.isfinite(v) for v in norms[0].norms.values())


def test_cosine_schedule_decays_to_zero(small):
    epochs = [e for e in run(lenet(), small, epochs=2, schedule="cosine") if isinstance(e, Epoch)]
    assert 0 < epochs[0].lr < 2e-3 and epochs[-1].lr == pytest.approx(0.0, abs=1e-12)


def test_device_cpu_really_trains_on_the_cpu_even_when_cuda_is_reported(small, monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)   # pretend a GPU exists: cpu must still win
    assert tr.pick_device("cpu") == torch.device("cpu")
    monkeypatch.undo()   # torch's optimizers ask CUDA itself when told it exists; the choice above is what counts
    model = lenet()
    events = run(model, small, epochs=1)
    assert events[-1].device == "cpu"
    assert {p.device.type for p in model.parameters()} == {"cpu"}


def test_auto_device_falls_back_to_cpu_without_accelerators(monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    monkeypatch.setattr(torch.backends.mps, "is_available", lambda: False)
    assert tr.pick_device("auto") == torch.device("cpu")


@pytest.mark.skipif(torch.cuda.is_available(), reason="checks the message shown where no CUDA GPU exists")
def test_asking_for_a_missing_gpu_is_a_train_error():
    with pytest.raises(TrainError, match="not available"):
        tr.pick_device("cuda")
    with pytest.raises(TrainError, match="unknown device"):
        tr.pick_device("gpu7")


@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU")
def test_cuda_training_learns_with_mixed_precision():
    loaders = make_loaders("mnist10k", 64, subset=1024, test_subset=500, device="cuda")
    model = lenet()
    events = list(tr.train(model, loaders[0], loaders[1], TrainConfig(epochs=2, device="cuda")))
    assert events[-1].device.startswith("cuda") and next(model.parameters()).is_cuda
    assert events[-2].test_acc > 0.6


def test_cpu_threads_are_capped_during_training_and_restored_after(small):
    before = torch.get_num_threads()
    torch.set_num_threads(2)   # more than the cap, whatever this test process runs with (1 under pytest-xdist)
    try:
        seen = []
        for event in tr.train(lenet(), small[0], small[1], TrainConfig(epochs=1, device="cpu", threads=1)):
            if isinstance(event, Step):
                seen.append(torch.get_num_threads())
        assert set(seen) == {1} and torch.get_num_threads() == 2
    finally:
        torch.set_num_threads(before)


@pytest.mark.parametrize("config, match", [
    (dict(epochs=0), "epochs"), (dict(lr=-1.0), "learning rate"), (dict(lr=float("nan")), "learning rate"),
    (dict(optimizer="rmsprop"), "optimizer"), (dict(schedule="step"), "schedule"), (dict(device="tpu"), "device"),
])
def test_impossible_settings_are_train_errors(small, config, match):
    with pytest.raises(TrainError, match=match):
        run(lenet(), small, **config)


def test_trained_model_from_run_is_on_the_cpu_in_eval_mode(small):
    model = lenet()
    events = run(model, small, epochs=1)
    trained = TrainedModel.from_run("lenet5_modern", model, small[2], events[-1].history)
    assert trained.input_size == (1, 28, 28) and trained.classes == tuple("0123456789")
    assert trained.mean == (0.1307,) and trained.dataset == "mnist10k"
    assert not trained.model.training and next(trained.model.parameters()).device.type == "cpu"
    assert trained.test_acc == events[-2].test_acc and trained.history[0]["epoch"] == 1


def test_predict_returns_labels_for_a_confusion_matrix(small):
    model = lenet()
    run(model, small, epochs=1)
    preds, truth = tr.predict(model, small[1])
    xs, ys = zip(*small[1])
    with torch.no_grad():
        expected = model.eval()(torch.cat(xs)).argmax(1)
    assert preds.shape == truth.shape == (500,) and preds.dtype == torch.int64
    assert torch.equal(preds, expected) and torch.equal(truth, torch.cat(ys))
