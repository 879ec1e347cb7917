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
from typing import Any

import streamlit as st
import torch

from cnnlab import train as tr
from cnnlab.data import DatasetInfo, DatasetUnavailable, dataset_info, load_dataset, make_loaders
from cnnlab.figures.training_lab import CurveLabels, training_curves_figure
from cnnlab.training_lab import (Analysis, LabSettings, analyse, custom_image_size, lab_augmentation,
                                 lab_model)
from cnnlab.ui.build_your_own import HANDOFF_KEY as CUSTOM_KEY  # the network "Build your own" sent
from cnnlab.ui.core import show_error, t

__all__ = ["RUN_KEY", "TRAINED_KEY", "CUSTOM_KEY", "curve_labels", "live_training", "quick_subset", "start_run",
           "train_now", "resolve_interrupted", "analysis", "current_run", "curves", "describe"]

RUN_KEY = "training_lab.run"       # the latest run's record (dict), this session
TRAINED_KEY = "cnnlab.trained"     # cnnlab.train.TrainedModel for the feature-map / attribution pages
MAX_MISTAKES = 24


def curve_labels() -> CurveLabels:
    fig = {name: t(f"training_lab.fig_{key}") for name, key in (
        ("loss", "loss"), ("accuracy", "acc"), ("epoch", "epoch"), ("train", "train"), ("test", "test"),
        ("steps", "steps"), ("true", "true"), ("predicted", "pred"), ("misclassified", "mis"))}
    return CurveLabels(**fig)


def curves(record: dict[str, Any]) -> Any:
    """The run's loss/accuracy figure, with the run before it in grey when there was one."""
    previous = record.get("previous") or {}
    return training_curves_figure(record["history"], curve_labels(), epochs=record["epochs"], steps=record["steps"],
                                  previous=previous.get("history", ()), previous_name=previous.get("name", ""))


def describe(settings: LabSettings) -> str:
    """A run's settings in a few words, for the grey "previous run" curves."""
    return t("training_lab.previous", model=t(f"training_lab.model_{settings.model}"), lr=f"{settings.lr:g}",
             aug=t("training_lab.aug_on") if settings.augment else t("training_lab.aug_off"))


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
    bar = status.progress(0.0, text=t("training_lab.progress_start"))
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
                        "training_lab.progress", epoch=event.epoch, epochs=epochs, step=event.step,
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


def quick_subset() -> int | None:
    """``?subset=N`` trains on the first N images only: a quick mode for tests and slow machines (no widget)."""
    try:
        return max(1, int(st.query_params.get("subset", ""))) or None
    except ValueError:
        return None


def train_now(settings: LabSettings, chart: Any, status: Any) -> None:
    """:func:`start_run`, with what went wrong said in the page's language instead of raised."""
    try:
        start_run(settings, chart, status)
        return
    except tr.TrainingDiverged as exc:
        show_error(exc, title=t("training_lab.diverged_title"), message=t(
            "training_lab.diverged", lr=f"{exc.lr:g}", loss=f"{exc.loss:.3g}", lower=f"{exc.lr / 10:g}"))
        st.session_state.pop(RUN_KEY, None)
    except DatasetUnavailable as exc:
        show_error(exc, title=t("training_lab.dataset_missing"))
    except ValueError as exc:   # LabError, LayerError (custom network), TrainError: worded in the page's language
        show_error(exc, title=t("training_lab.err_title"))
    status.empty()


def start_run(settings: LabSettings, chart: Any, status: Any) -> dict[str, Any]:
    """Train with ``settings`` live; the record (and, after, the TrainedModel) lands in ``st.session_state``.

    Raises ``DatasetUnavailable``, ``TrainingDiverged``, ``LabError``, ``LayerError``/``TrainError`` (all ValueError).
    """
    old = st.session_state.pop(RUN_KEY, None)
    previous = {"history": old["history"], "name": describe(old["settings"])} if old and old.get("history") else None
    device = tr.pick_device(settings.device)
    tr.seed_everything(0)
    custom = st.session_state.get(CUSTOM_KEY)
    augment = lab_augmentation(dataset_info(settings.dataset)) if settings.augment else None
    train_loader, test_loader, info = make_loaders(
        settings.dataset, settings.batch_size, image_size=custom_image_size(settings, custom), device=device,
        subset=settings.subset, test_subset=settings.subset, augment=augment)
    model = lab_model(settings, info, custom)
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
    record["analysis"] = analyse(model, test_loader, len(info.classes))
    history = [tr.Epoch(**h) for h in record["history"]]
    trained = tr.TrainedModel.from_run(settings.model, model, info, history)
    if not history:   # stopped in the first epoch: the accuracy just measured is all there is
        trained.test_acc = record["analysis"].acc
    record["model"] = trained.model
    st.session_state[TRAINED_KEY] = trained


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
    a: Analysis = record["analysis"]
    xte = _test_images(settings.dataset, settings.subset)
    idx = a.wrong[:limit]
    images = xte[idx].float().div(255).numpy() if idx else xte[:0].float().numpy()
    return images, a.true[:limit], a.pred[:limit], len(a.wrong)


@st.cache_data(max_entries=2, show_spinner=False)
def _test_images(dataset: str, subset: int | None) -> torch.Tensor:
    """The test images (uint8), as the run saw them: the first ``subset`` in quick mode."""
    xte = load_dataset(dataset)[2]
    return xte[:subset] if subset else xte
