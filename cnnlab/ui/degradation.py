"""Streamlit pieces of the degradation page: which result to show, the live re-run, the figures' labels.

The live run stores its result in ``st.session_state`` after every epoch (``LIVE_KEY[preset]``), so pressing
Stop — which makes Streamlit interrupt the running script and rerun it — keeps the finished runs and epochs.
Tests may put a smaller ``Preset`` in ``st.session_state[OVERRIDE_KEY]`` to make the live run take seconds.
"""
from __future__ import annotations

import math
import time
from typing import Any

import streamlit as st

from cnnlab import degradation as deg
from cnnlab.figures.degradation import CurveLabels, GradLabels, error_curves_figure
from cnnlab.train import pick_device
from cnnlab.ui.core import show_error, t

LIVE_KEY = "degradation.live"          # {preset name: result dict (possibly partial) with "stopped"/"partial" flags}
OVERRIDE_KEY = "degradation.override"  # a deg.Preset replacing the chosen one (tests)

__all__ = ["LIVE_KEY", "OVERRIDE_KEY", "curve_labels", "grad_labels", "current_result", "live_run", "run_label",
           "curves", "gradient_data"]


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


def live_run(name: str, chart: Any, status: Any, show_test: bool, device: str = "auto") -> dict[str, Any] | None:
    """Train the preset here, redrawing ``chart`` after every epoch and a progress bar in ``status``.

    Returns the finished result, or None after showing an error (dataset missing, bad device).
    """
    preset = preset_for(name)
    runs: list[dict[str, Any]] = []
    try:
        where = str(pick_device(device))
    except ValueError:
        where = device
    partial = {"preset": preset.name, "device": where, "seconds": 0.0, "runs": runs, "partial": True}
    store = st.session_state.setdefault(LIVE_KEY, {})
    bar = status.progress(0.0, text=t("degradation.progress_start"))
    chart.plotly_chart(curves(partial, show_test), width="stretch", key="deg_live_0")   # empty axes at once
    current: dict[str, Any] | None = None
    redraws = 0
    start = time.perf_counter()
    try:
        for event in deg.run_preset(preset, device=device):
            if isinstance(event, deg.RunStart):
                current = {"depth": event.depth, "residual": event.residual, "train_error": [], "test_error": []}
                runs.append(current)
            elif isinstance(event, deg.Progress):
                left = "…" if math.isnan(event.seconds_left) else f"{event.seconds_left:.0f}"
                label = run_label(current["depth"], current["residual"]) if current else ""
                bar.progress(min(1.0, event.fraction), text=t("degradation.progress", run=label, epoch=event.epoch,
                                                                 percent=int(100 * event.fraction), left=left))
            elif isinstance(event, deg.RunEpoch) and current is not None:
                current["train_error"].append(event.train_error)
                current["test_error"].append(event.test_error)
                partial["seconds"] = round(time.perf_counter() - start, 2)
                # keep only runs with at least one epoch, so a Stop never leaves an empty curve behind
                store[name] = {**partial, "runs": [r for r in runs if r["train_error"]]}
                redraws += 1   # each redraw needs its own element id (same figure type, same arguments)
                chart.plotly_chart(curves(store[name], show_test), width="stretch",
                                   key=f"deg_live_{redraws}")
            elif isinstance(event, deg.PresetDone):
                store[name] = event.result
    except (deg.DatasetUnavailable, deg.DegradationError, ValueError) as exc:
        status.empty()
        show_error(exc, title=t("degradation.err_title"))
        return None
    status.empty()
    return store.get(name)


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
