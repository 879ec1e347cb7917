"""Figures for the degradation lesson: error curves of plain vs residual twins, per-layer gradient norms.

``error_curves_figure`` draws the ResNet paper's Fig. 1/6 layout: plain nets on the left, residual nets on the
right, one colour per depth (the same colour on both sides), the same y axis on both, so "the deepest plain
net sits highest, the deepest residual net lowest" is visible at a glance. It takes a result dict (the CLI JSON
contract) that may be partial — the page redraws it while the runs grow.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import plotly.graph_objects as go
from plotly.subplots import make_subplots

__all__ = ["CurveLabels", "GradLabels", "depth_colors", "error_curves_figure", "gradient_norms_figure", "times_text"]

# Shallow → deep: blue, orange, red, purple, green (distinct on a projector and for red-green colour blindness).
PALETTE = ("#4e79a7", "#f28e2b", "#e15759", "#b07aa1", "#59a14f", "#9c755f")


@dataclass(frozen=True)
class CurveLabels:
    """Translated texts for :func:`error_curves_figure`."""
    plain: str = "Plain networks"
    residual: str = "Residual networks (ResNet)"
    epoch: str = "epoch"
    error: str = "training error (%)"
    layers: str = "{depth} layers"
    train: str = "train"
    test: str = "test"


@dataclass(frozen=True)
class GradLabels:
    """Translated texts for :func:`gradient_norms_figure`."""
    title: str = ""
    layer: str = "layer (input side → output side)"
    norm: str = "‖∂loss/∂W‖ (log scale)"


def depth_colors(depths: list[int]) -> dict[int, str]:
    """One colour per depth, shallow to deep."""
    return {d: PALETTE[i % len(PALETTE)] for i, d in enumerate(sorted(set(depths)))}


def error_curves_figure(result: dict[str, Any], labels: CurveLabels = CurveLabels(), *, epochs: int | None = None,
                        depths: list[int] | None = None, show_test: bool = False, height: int = 420) -> go.Figure:
    """Training error (%) per epoch; left plain, right residual; solid = train, dotted = test when ``show_test``."""
    runs = result.get("runs", [])
    depths = depths or sorted({r["depth"] for r in runs})
    colors = depth_colors(depths)
    epochs = epochs or max((len(r["train_error"]) for r in runs), default=1)
    fig = make_subplots(rows=1, cols=2, shared_yaxes=True, horizontal_spacing=0.06,
                        subplot_titles=(labels.plain, labels.residual))
    top = 0.0
    for run in sorted(runs, key=lambda r: r["depth"]):
        col = 2 if run["residual"] else 1
        name = labels.layers.format(depth=run["depth"])
        series = [("train_error", "solid", labels.train)] + ([("test_error", "dot", labels.test)] if show_test else [])
        for key, dash, kind in series:
            ys = [100 * e for e in run[key]]
            if not ys:
                continue
            top = max(top, max(ys))
            fig.add_trace(go.Scatter(
                x=list(range(1, len(ys) + 1)), y=ys, mode="lines+markers", name=name,
                legendgroup=str(run["depth"]), showlegend=bool(col == 1 and key == "train_error"),
                line=dict(color=colors.get(run["depth"], "#555"), width=3 if key == "train_error" else 1.5, dash=dash),
                hovertemplate=f"{name} · {kind}: %{{y:.1f}}%<extra></extra>"), row=1, col=col)
    for col in (1, 2):
        fig.update_xaxes(title_text=labels.epoch, range=[0.8, epochs + 0.2], dtick=1, row=1, col=col)
    fig.update_yaxes(title_text=labels.error, range=[0, max(10.0, min(100.0, top * 1.08))], row=1, col=1)
    fig.update_layout(height=height, margin=dict(l=10, r=10, t=40, b=10), legend=dict(orientation="h", y=-0.2),
                      hovermode="x unified")
    return fig


def gradient_norms_figure(series: dict[str, list[float]], names: dict[str, str] | None = None,
                          labels: GradLabels = GradLabels(), height: int = 360) -> go.Figure:
    """One line per network: the gradient norm of each weight layer, input side first, on a log axis."""
    names = names or {}
    colors = {"plain": PALETTE[2], "residual": PALETTE[0], "sigmoid": PALETTE[2], "relu": PALETTE[0]}
    fig = go.Figure()
    for i, (key, values) in enumerate(series.items()):
        ys = [max(v, 1e-12) for v in values]   # a log axis cannot show 0
        fig.add_trace(go.Scatter(x=list(range(1, len(ys) + 1)), y=ys, mode="lines+markers", name=names.get(key, key),
                                 line=dict(color=colors.get(key, PALETTE[i % len(PALETTE)]), width=2.5),
                                 hovertemplate="%{x}: %{y:.2e}<extra>" + names.get(key, key) + "</extra>"))
    fig.update_layout(title=labels.title or None, height=height, margin=dict(l=10, r=10, t=40 if labels.title else 10, b=10),
                      xaxis_title=labels.layer, yaxis_title=labels.norm, yaxis_type="log",
                      yaxis_exponentformat="power",   # 10⁻¹², not plotly's SI "1p" that students misread
                      legend=dict(orientation="h", y=-0.25))
    return fig


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def times_text(factor: float) -> str:
    """A ratio for the text: ``"40"`` below 10,000, else the power of ten ``"10¹¹"``."""
    if factor < 1e4:
        return f"{factor:.0f}"
    return "10" + str(round(math.log10(factor))).translate(_SUPERSCRIPT)
