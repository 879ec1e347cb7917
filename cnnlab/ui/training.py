"""Streamlit pieces of the training lab: a reusable live-training widget and the lab's run/analysis bookkeeping.

``live_training(events, epochs=…, chart=…, status=…, record=…)`` consumes any ``cnnlab.train.train`` event stream
and draws, while it runs, a progress bar with the time left (in ``status``) and loss/accuracy curves that grow
(in ``chart``). It writes every finished epoch into ``record`` (a dict kept in ``st.session_state``) as it goes.

Stop: pressing any button while a script runs makes Streamlit interrupt that run at its next element update and
rerun the script. The widget updates the progress bar every ≤ 0.25 s, so a Stop lands mid-epoch; the run's
record still says "running" on the rerun, which marks it "stopped" and keeps the partly trained model — the
network keeps what it learned (``resolve_interrupted``). Tests can also pass ``should_stop`` to ``train``.
"""
from __future__ import annotations

import math
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import streamlit as st
import torch

from cnnlab import train as tr
from cnnlab.data import DatasetInfo, dataset_info, load_dataset, make_loaders
from cnnlab.figures.training import CurveLabels, training_curves_figure
from cnnlab.ui.core import t

__all__ = ["RUN_KEY", "TRAINED_KEY", "CUSTOM_KEY", "LabSettings", "curve_labels", "live_training", "start_run",
           "resolve_interrupted", "analysis", "current_run", "curves", "describe"]

RUN_KEY = "train.run"              # the latest run's record (dict), this session
TRAINED_KEY = "cnnlab.trained"     # cnnlab.train.TrainedModel for the feature-map / attribution pages
from cnnlab.ui.build_your_own import HANDOFF_KEY as CUSTOM_KEY  # the network "Build your own" sent
MAX_MISTAKES = 24


def curve_labels() -> CurveLabels:
    return CurveLabels(loss=t("train.fig_loss"), accuracy=t("train.fig_acc"), epoch=t("train.fig_epoch"),
                       train=t("train.fig_train"), test=t("train.fig_test"), steps=t("train.fig_steps"),
                       true=t("train.fig_true"), predicted=t("train.fig_pred"), misclassified=t("train.fig_mis"))


def curves(record: dict[str, Any]) -> Any:
    """The run's loss/accuracy figure, with the run before it in grey when there was one."""
    previous = record.get("previous") or {}
    return training_curves_figure(record["history"], curve_labels(), epochs=record["epochs"], steps=record["steps"],
                                  previous=previous.get("history", ()), previous_name=previous.get("name", ""))


def describe(settings: LabSettings) -> str:
    """A run's settings in a few words, for the grey "previous run" curves."""
    return t("train.previous", model=t(f"train.model_{settings.model}"), lr=f"{settings.lr:g}",
             aug=t("train.aug_on") if settings.augment else t("train.aug_off"))


def _draw(chart: Any, record: dict[str, Any], n: int) -> None:
    # each redraw needs its own element key: the same figure type with other numbers is a new element
    fig = curves(record)
    chart.plotly_chart(fig, width="stretch", key=f"{record.get('key', 'train')}_live_{n}")


def live_training(events: Iterator[tr.Event], *, epochs: int, chart: Any, status: Any, record: dict[str, Any],
                  redraw_seconds: float = 1.0, bar_seconds: float = 0.25) -> tr.Done:
    """Consume a training event stream with a live progress bar (time left) and growing curves.

    ``record`` gets ``history`` (epoch dicts), ``steps`` ((fractional epoch, loss) points), ``epochs``, ``status``
    ("running" → "done" | "stopped") and ``seconds``; errors from the stream (``TrainingDiverged`` …) propagate
    after the stream is closed (which restores torch's thread count).
    """
    record.setdefault("history", [])
    record.setdefault("steps", [])
    record.update(epochs=epochs, status="running")
    bar = status.progress(0.0, text=t("train.progress_start"))
    last_bar = last_draw = 0.0
    draws = 0
    eval_seconds = 0.0
    done: tr.Done | None = None
    try:
        for event in events:
            now = time.perf_counter()
            if isinstance(event, tr.Step):
                record["steps"].append((event.epoch - 1 + event.step / event.steps_per_epoch, event.loss))
                record["seconds"] = event.seconds
                if now - last_bar >= bar_seconds or event.global_step == event.total_steps:
                    last_bar = now
                    left = tr.time_left(event, eval_seconds)
                    fraction = event.global_step / event.total_steps
                    bar.progress(min(1.0, fraction), text=t(
                        "train.progress", epoch=event.epoch, epochs=epochs, step=event.step,
                        steps=event.steps_per_epoch, percent=int(100 * fraction),
                        left="…" if math.isnan(left) else f"{left:.0f}"))
                if now - last_draw >= redraw_seconds:
                    last_draw = now
                    draws += 1
                    _draw(chart, record, draws)
            elif isinstance(event, tr.Epoch):
                eval_seconds = event.seconds - event.train_seconds
                record["history"].append(event.to_dict())
                record["images_per_second"] = event.images_per_second   # kept if Stop ends the run early
                last_draw = now
                draws += 1
                _draw(chart, record, draws)
            elif isinstance(event, tr.Done):
                done = event
                record["seconds"], record["device"] = event.seconds, event.device
                record["images_per_second"] = event.images_per_second
                record["status"] = "stopped" if isinstance(event, tr.Stopped) else "done"
    finally:
        close = getattr(events, "close", None)
        if close is not None:
            close()
    status.empty()
    assert done is not None
    return done


@dataclass(frozen=True)
class LabSettings:
    """What the page's widgets chose."""
    model: str = "lenet5_modern"   # a cnnlab.train.LAB_MODELS name or "custom"
    dataset: str = "mnist10k"
    optimizer: str = "adam"
    lr: float = 4e-3
    epochs: int = 8
    batch_size: int = 128
    cosine: bool = True
    augment: bool = False
    subset: int | None = None      # quick mode (tests, ?subset=N): first N train and test images
    device: str = "auto"


def _augmentation(info: DatasetInfo) -> Any:
    from cnnlab.augmentation import preset

    return preset("digits" if info.input_size[0] == 1 else "photos")


class LabError(ValueError):
    """A model that cannot take this dataset (custom network of another size); the message is translated."""


def _model(settings: LabSettings, info: DatasetInfo) -> torch.nn.Module:
    if settings.model != "custom":
        return tr.build_model(settings.model, info.input_size, len(info.classes))
    from cnnlab.spec import build_spec

    custom = st.session_state.get(CUSTOM_KEY) or {}
    spec_input = tuple(custom.get("input", ()))
    model = build_spec(custom.get("spec", ""), spec_input)
    with torch.no_grad():
        out = model(torch.zeros(1, *spec_input))
    if out.ndim != 2 or out.shape[1] != len(info.classes):
        raise LabError(t("train.custom_classes", out="×".join(map(str, out.shape[1:])), dataset=info.title,
                         classes=len(info.classes)))
    return model


def _image_size(settings: LabSettings) -> int | None:
    """A custom network fixes the input size: digits/photos are resized to its H×W (same channels only)."""
    if settings.model != "custom":
        return None
    custom = st.session_state.get(CUSTOM_KEY) or {}
    c, h, w = tuple(custom.get("input", (0, 0, 0)))
    data = dataset_info(settings.dataset).input_size
    if c != data[0] or h != w:
        raise LabError(t("train.custom_mismatch", spec=f"{c}×{h}×{w}", dataset=settings.dataset,
                         data="×".join(map(str, data))))
    return h


def start_run(settings: LabSettings, chart: Any, status: Any) -> dict[str, Any]:
    """Train with ``settings`` live; the record (and, after, the TrainedModel) lands in ``st.session_state``.

    Raises ``DatasetUnavailable``, ``TrainingDiverged``, ``LabError``, ``LayerError``/``TrainError`` (all ValueError).
    """
    old = st.session_state.pop(RUN_KEY, None)
    previous = {"history": old["history"], "name": describe(old["settings"])} if old and old.get("history") else None
    device = tr.pick_device(settings.device)
    tr.seed_everything(0)
    image_size = _image_size(settings)
    train_loader, test_loader, info = make_loaders(
        settings.dataset, settings.batch_size, image_size=image_size, device=device, subset=settings.subset,
        test_subset=settings.subset, augment=_augmentation(dataset_info(settings.dataset)) if settings.augment else None)
    model = _model(settings, info)
    config = tr.TrainConfig(epochs=settings.epochs, lr=settings.lr, optimizer=settings.optimizer,
                            schedule="cosine" if settings.cosine else "constant", device=str(device))
    record: dict[str, Any] = {"settings": settings, "model": model, "info": info, "device": str(device),
                              "key": "train", "history": [], "steps": [], "previous": previous}
    st.session_state[RUN_KEY] = record   # before training: a Stop (rerun) finds the partly trained model here
    live_training(tr.train(model, train_loader, test_loader, config), epochs=settings.epochs, chart=chart,
                  status=status, record=record)
    _finish(record, test_loader)
    return record


def _finish(record: dict[str, Any], test_loader: Any = None) -> None:
    """Confusion matrix + mistakes on the test set, and the TrainedModel for the other pages."""
    settings: LabSettings = record["settings"]
    info: DatasetInfo = record["info"]
    model: torch.nn.Module = record["model"]
    if test_loader is None:   # after a Stop the loaders are gone: rebuild the (cheap, in-memory) test set
        _, test_loader, _ = make_loaders(settings.dataset, settings.batch_size, image_size=info.input_size[1],
                                         device=next(model.parameters()).device, subset=settings.subset,
                                         test_subset=settings.subset)
    preds, truth = tr.predict(model, test_loader)
    matrix = tr.confusion_matrix(preds, truth, len(info.classes))
    wrong = torch.nonzero(preds != truth).flatten()
    record["analysis"] = {"matrix": matrix.tolist(), "wrong": wrong.tolist(), "pred": preds[wrong].tolist(),
                          "true": truth[wrong].tolist(), "acc": (preds == truth).float().mean().item()}
    history = [_epoch(h) for h in record["history"]]
    name = settings.model
    trained = tr.TrainedModel.from_run(name, model, info, history)
    if not history:   # stopped in the first epoch: the accuracy just measured is all there is
        trained.test_acc = record["analysis"]["acc"]
    record["model"] = trained.model
    st.session_state[TRAINED_KEY] = trained


def _epoch(h: dict[str, float]) -> tr.Epoch:
    return tr.Epoch(**h)


def resolve_interrupted() -> None:
    """A run still marked "running" on a new script run was interrupted by Stop: keep it as "stopped"."""
    record = st.session_state.get(RUN_KEY)
    if record and record.get("status") == "running":
        record["status"] = "stopped"
        _finish(record)


def current_run() -> dict[str, Any] | None:
    return st.session_state.get(RUN_KEY)


def analysis(record: dict[str, Any], limit: int = MAX_MISTAKES) -> tuple[Any, list[int], list[int], int]:
    """(misclassified test images 0–1 [n, C, H, W], their true labels, predictions, total mistakes)."""
    settings: LabSettings = record["settings"]
    a = record["analysis"]
    _, _, xte, _ = _test_images(settings.dataset, settings.subset)
    idx = a["wrong"][:limit]
    images = xte[idx].float().div(255).numpy() if idx else xte[:0].float().numpy()
    return images, a["true"][:limit], a["pred"][:limit], len(a["wrong"])


@st.cache_data(max_entries=2, show_spinner=False)
def _test_images(dataset: str, subset: int | None) -> tuple[Any, Any, torch.Tensor, Any]:
    xtr, ytr, xte, yte = load_dataset(dataset)
    return None, None, (xte[:subset] if subset else xte), None
