"""Streamlit state of the training lab: its job (through ``cnnlab.ui.jobs``), the latest run, the trained model.

Train submits ``cnnlab.training_lab.lab_job(settings)`` to the job service; the page's record of the job
(``JOB_KEY``) grows from the job's step and epoch events (the live curves), and when the job ends its result
becomes the latest run (``RUN_KEY``: curves, confusion matrix, mistakes — the run before it kept in grey) and the
``TrainedModel`` the feature-map and attribution pages use (``TRAINED_KEY``). Per session: one live record, one
run with its predecessor's curves, one model.
"""
from __future__ import annotations

from typing import Any

import streamlit as st
import torch

from cnnlab.data import load_dataset
from cnnlab.figures.training_lab import CurveLabels, training_curves_figure
from cnnlab.training_lab import Analysis, LabSettings, lab_job
from cnnlab.ui import jobs
from cnnlab.ui.build_your_own import HANDOFF_KEY as CUSTOM_KEY  # the network "Build your own" sent
from cnnlab.ui.core import t

__all__ = ["RUN_KEY", "JOB_KEY", "TRAINED_KEY", "CUSTOM_KEY", "curve_labels", "quick_subset", "recipe",
           "start", "stop", "panel", "outcome", "analysis", "current_run", "curves", "describe"]

RUN_KEY = "training_lab.run"       # the latest finished run (dict), this session
JOB_KEY = "training_lab.job"       # the queued/running job's record (dict), this session
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


def quick_subset() -> int | None:
    """``?subset=N`` trains on the first N images only: a quick mode for tests and slow machines (no widget)."""
    try:
        return max(1, int(st.query_params.get("subset", ""))) or None
    except ValueError:
        return None


def recipe(settings: LabSettings) -> Any:
    """The job these settings make, within the teacher's limits (a caption says when they shorten it)."""
    return jobs.fit(lab_job(settings, st.session_state.get(CUSTOM_KEY)))


def start(settings: LabSettings, job: Any) -> bool:
    """Queue ``job`` (from :func:`recipe`) for this session; the latest run becomes the grey comparison."""
    old = st.session_state.get(RUN_KEY)
    previous = {"history": old["history"], "name": describe(old["settings"])} if old and old.get("history") else None
    return jobs.submit(JOB_KEY, job, settings=settings, epochs=job.epochs, test_subset=job.test_subset,
                       history=[], steps=[], step=None, previous=previous)


def stop() -> None:
    jobs.stop(JOB_KEY)


def _consume(record: dict[str, Any], events: list[dict[str, Any]]) -> None:
    for event in events:
        if event["type"] == "step":
            record["steps"].append((event["epoch"] - 1 + event["step"] / event["steps_per_epoch"], event["loss"]))
            record["step"] = event
        elif event["type"] == "epoch":
            record["history"].append({k: v for k, v in event.items() if k != "type"})


def _finish(record: dict[str, Any], status: Any, result: dict[str, Any] | None) -> None:
    """A result (done, or stopped with what it learned) becomes the latest run and the session's trained model."""
    if result is None:
        return
    from cnnlab.jobs import trained_model

    st.session_state[RUN_KEY] = {
        "settings": record["settings"], "history": result["history"], "steps": record["steps"],
        "epochs": record["epochs"], "previous": record["previous"], "status": "stopped" if result["stopped"] else "done",
        "seconds": result["seconds"], "device": result["device"], "images_per_second": result["images_per_second"],
        "analysis": Analysis.from_result(result), "classes": result["classes"], "dataset": result["dataset"],
        "test_subset": record["test_subset"]}
    st.session_state[TRAINED_KEY] = trained_model(result)


jobs.register(JOB_KEY, consume=_consume, finish=_finish)


def _running_text(record: dict[str, Any], status: Any) -> str:
    step = record.get("step")
    if step is None:
        return t("training_lab.progress_start")
    left = status.estimated_left
    return t("training_lab.progress", epoch=step["epoch"], epochs=record["epochs"], step=step["step"],
             steps=step["steps_per_epoch"], percent=int(100 * status.progress),
             left="…" if left is None else f"{left:.0f}")


def panel() -> bool:
    """The job's queue place or progress and its growing curves, polled in a fragment; True while it runs."""
    return jobs.panel(JOB_KEY, running_text=_running_text,
                      draw=lambda record: st.plotly_chart(curves(record), width="stretch", key="train_live"))


def outcome() -> None:
    """How the last job ended, when it did not simply finish (failed, lost, stopped by the teacher …)."""
    jobs.outcome(JOB_KEY)


def current_run() -> dict[str, Any] | None:
    return st.session_state.get(RUN_KEY)


def analysis(record: dict[str, Any], limit: int = MAX_MISTAKES) -> tuple[Any, list[int], list[int], int]:
    """(misclassified test images 0–1 [n, C, H, W], their true labels, predictions, total mistakes)."""
    a: Analysis = record["analysis"]
    xte = _test_images(record["dataset"], record["test_subset"])
    idx = a.wrong[:limit]
    images = xte[idx].float().div(255).numpy() if idx else xte[:0].float().numpy()
    return images, a.true[:limit], a.pred[:limit], len(a.wrong)


@st.cache_data(max_entries=2, show_spinner=False)
def _test_images(dataset: str, subset: int | None) -> torch.Tensor:
    """The test images (uint8), as the run saw them: the first ``subset`` in quick mode."""
    xte = load_dataset(dataset)[2]
    return xte[:subset] if subset else xte
