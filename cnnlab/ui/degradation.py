"""Streamlit pieces of the degradation page: which result to show, the live re-run, the figures' labels.

The live re-run is a job of the job service (``cnnlab.jobs.degradation_recipe``): its record (``JOB_KEY``) grows
from the job's events while the page polls, and when it ends the result lands in ``LIVE_KEY[preset]`` — after a
Stop, every epoch trained so far. Tests may put a smaller ``Preset`` in ``st.session_state[OVERRIDE_KEY]`` to make
the re-run take seconds.
"""
from __future__ import annotations

from typing import Any

import streamlit as st

from cnnlab import degradation as deg
from cnnlab.figures.degradation import CurveLabels, GradLabels, error_curves_figure
from cnnlab.ui import jobs
from cnnlab.ui.core import t

LIVE_KEY = "degradation.live"          # {preset name: result dict (possibly partial) with a "partial" flag}
JOB_KEY = "degradation.job"            # the queued/running re-run's record
OVERRIDE_KEY = "degradation.override"  # a deg.Preset replacing the chosen one (tests)

__all__ = ["LIVE_KEY", "JOB_KEY", "OVERRIDE_KEY", "curve_labels", "grad_labels", "current_result", "recipe", "start", "stop",
           "panel", "outcome", "run_label", "curves", "gradient_data", "settings_of", "paper_tables"]


def curve_labels() -> CurveLabels:
    return CurveLabels(plain=t("degradation.fig_plain"), residual=t("degradation.fig_residual"),
                       epoch=t("degradation.fig_epoch"), error=t("degradation.fig_error"),
                       layers=t("degradation.fig_layers", depth="{depth}"),
                       train=t("degradation.fig_train"), test=t("degradation.fig_test"))


def grad_labels(title: str) -> GradLabels:
    return GradLabels(title=title, layer=t("degradation.grad_layer"), norm=t("degradation.grad_norm"))


def run_label(depth: int, residual: bool) -> str:
    return t("degradation.run_residual" if residual else "degradation.run_plain", depth=depth)


def preset_for(name: str) -> deg.Preset:
    """The preset to run: a test override if one is set, else the named one."""
    override = st.session_state.get(OVERRIDE_KEY)
    return override if isinstance(override, deg.Preset) else deg.PRESETS[name]


def current_result(name: str) -> tuple[dict[str, Any] | None, str]:
    """(result, "live" | "precomputed" | "none"): this session's live run wins over the shipped one."""
    live = st.session_state.get(LIVE_KEY, {}).get(name)
    if live and live.get("runs"):
        return live, "live"
    pre = _precomputed(name)
    return (pre, "precomputed") if pre else (None, "none")


@st.cache_data(max_entries=4, show_spinner=False)
def _precomputed(name: str) -> dict[str, Any] | None:
    return deg.load_precomputed(name)


@st.cache_data(max_entries=2, show_spinner=False)
def gradient_data() -> dict[str, Any]:
    """The gradient-norm lesson: precomputed if shipped, else computed once per server (a few seconds)."""
    return deg.load_gradient_lesson() or deg.gradient_lesson()


def settings_of(result: dict[str, Any]) -> dict[str, Any]:
    """How a result was made: the settings stored with a precomputed one, else the preset it names (or the override)."""
    if isinstance(result.get("settings"), dict):
        return result["settings"]
    override = st.session_state.get(OVERRIDE_KEY)
    if isinstance(override, deg.Preset) and override.name == result.get("preset"):
        return deg.preset_settings(override)
    preset = deg.PRESETS.get(result.get("preset", ""))
    return deg.preset_settings(preset) if preset else {}


def curves(result: dict[str, Any], show_test: bool) -> Any:
    """The paper-style figure; colours and the epoch axis follow the preset, so a growing live run keeps them."""
    settings = settings_of(result)
    return error_curves_figure(result, curve_labels(), epochs=settings.get("epochs"),
                               depths=settings.get("depths"), show_test=show_test)


def recipe(name: str) -> Any:
    """The live re-run of preset ``name`` (or the test override) as a job, within the teacher's limits (a caption
    says when they shorten it)."""
    from cnnlab.jobs import degradation_recipe

    return jobs.fit(degradation_recipe(preset_for(name)))


def start(name: str, job: Any) -> bool:
    """Queue the re-run ``job`` (from :func:`recipe`); its curves grow on the page while it runs elsewhere."""
    settings = {**deg.preset_settings(preset_for(name)), **(job.preset or {})}
    return jobs.submit(JOB_KEY, job, preset=name, settings=settings, runs=[], progress=None, seconds=0.0,
                       device=None)


def stop() -> None:
    jobs.stop(JOB_KEY)


def _partial(record: dict[str, Any]) -> dict[str, Any]:
    """The re-run so far as a result (runs with at least one epoch: a Stop never leaves an empty curve)."""
    return {"preset": preset_for(record["preset"]).name, "device": record["device"] or jobs.device(),
            "seconds": round(record["seconds"], 2), "runs": [r for r in record["runs"] if r["train_error"]],
            "settings": record["settings"], "partial": True}


def _consume(record: dict[str, Any], events: list[dict[str, Any]]) -> None:
    for event in events:
        kind = event["type"]
        if kind == "start":
            record["device"] = event["device"]
        elif kind == "run_start":
            record["runs"].append({"depth": event["depth"], "residual": event["residual"], "train_error": [],
                                   "test_error": []})
        elif kind == "progress":
            record["progress"] = event
        elif kind == "run_epoch" and record["runs"]:
            record["runs"][-1]["train_error"].append(event["train_error"])
            record["runs"][-1]["test_error"].append(event["test_error"])
            record["seconds"] = event["seconds"]


def _finish(record: dict[str, Any], status: Any, result: dict[str, Any] | None) -> None:
    """Done: the job's result replaces the curves; stopped: every epoch trained so far stays."""
    if result is None:
        return
    live = st.session_state.setdefault(LIVE_KEY, {})
    live[record["preset"]] = _partial(record) if result["stopped"] else result["result"]


jobs.register(JOB_KEY, consume=_consume, finish=_finish)


def _running_text(record: dict[str, Any], status: Any) -> str:
    event = record.get("progress")
    if event is None or not record["runs"]:
        return t("degradation.progress_start")
    run = record["runs"][-1]
    left = status.estimated_left
    return t("degradation.progress", run=run_label(run["depth"], run["residual"]), epoch=event["epoch"],
             percent=int(100 * event["fraction"]), left="…" if left is None else f"{left:.0f}")


def panel(show_test: bool) -> bool:
    """The re-run's queue place or progress and its growing curves, polled in a fragment; True while it runs."""
    return jobs.panel(JOB_KEY, running_text=_running_text, draw=lambda record: st.plotly_chart(
        curves(_partial(record), show_test), width="stretch", key="deg_live"))


def outcome() -> dict[str, Any] | None:
    """How the last re-run ended, when worth saying (failed, lost, stopped by the teacher …)."""
    return jobs.outcome(JOB_KEY)


# ---------------------------------------------------------------- the paper's figures beside the experiment
def _setup_column(setup: deg.PresetSetup, paper: bool) -> list[str]:
    """One column of the comparison table (rows: data, image shape, depths, widths, training, augmentation)."""
    from cnnlab.arithmetic import fmt_int, fmt_shape

    joined = "/".join(str(d) for d in setup.depths)
    depths = (t("degradation.depths_paper", plain=joined, resnet="/".join(str(d) for d in deg.PAPER_RESNET_TEST_ERROR))
              if paper else t("degradation.depths_preset", depths=joined))
    training = t("degradation.training_value", steps=fmt_int(setup.steps), batch=setup.batch_size,
                 epochs=f"{setup.epochs:.0f}" if setup.epochs >= 10 else f"{setup.epochs:.1f}",
                 optimizer={"sgd": "SGD"}.get(setup.optimizer, "Adam"), lr=f"{setup.lr:g}")
    return [t(f"degradation.ds_{setup.dataset}", images=fmt_int(setup.images)), fmt_shape(setup.shape), depths,
            "/".join(str(w) for w in setup.widths), training,
            t("degradation.augment_paper") if setup.augmented else t("degradation.augment_none")]


def paper_tables(name: str) -> tuple[dict[str, list], dict[str, list]]:
    """(the paper's ResNet test errors, paper-vs-preset settings) as ``st.dataframe`` columns."""
    errors = {t("degradation.paper_depth"): list(deg.PAPER_RESNET_TEST_ERROR),
              t("degradation.paper_test_error"): [f"{e:.2f}" for e in deg.PAPER_RESNET_TEST_ERROR.values()]}
    rows = ["dataset", "shape", "depths", "widths", "training", "augment"]
    setup = {t("degradation.col_setting"): [t(f"degradation.row_{r}") for r in rows],
             t("degradation.col_paper"): _setup_column(deg.PAPER_SETUP, True),
             t("degradation.col_preset"): _setup_column(deg.preset_setup(preset_for(name)), False)}
    return errors, setup
