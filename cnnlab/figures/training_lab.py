"""Figures for the training lab: growing loss/accuracy curves, the confusion matrix, the misclassified images.

``training_curves_figure`` takes plain lists (the per-epoch history as dicts — ``cnnlab.train.Epoch.to_dict()`` —
and optional per-step losses), so the page can redraw it while a run grows; the x axis is fixed to the planned
number of epochs, so the curves grow into an empty frame instead of the frame rescaling under them.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

__all__ = ["CurveLabels", "training_curves_figure", "confusion_matrix_figure", "misclassified_figure"]

TRAIN_COLOR, TEST_COLOR, STEP_COLOR = "#4e79a7", "#e15759", "rgba(78,121,167,0.35)"
PREVIOUS_COLOR = "#9c9c9c"


@dataclass(frozen=True)
class CurveLabels:
    """Translated texts for the training figures."""
    loss: str = "Loss (cross-entropy)"
    accuracy: str = "Accuracy (%)"
    epoch: str = "epoch"
    train: str = "train"
    test: str = "test"
    steps: str = "train (each step)"
    true: str = "true class"
    predicted: str = "predicted class"
    misclassified: str = "{true} → {pred}"


def training_curves_figure(history: Sequence[dict[str, float]], labels: CurveLabels = CurveLabels(), *,
                           epochs: int | None = None, steps: Sequence[tuple[float, float]] = (),
                           previous: Sequence[dict[str, float]] = (), previous_name: str = "",
                           height: int = 380) -> go.Figure:
    """Loss (left) and accuracy (right) per epoch, train and test; ``steps``: (fractional epoch, loss) points.

    ``previous``: the epochs of the run before, drawn in grey (train dotted, test dashed) for a side-by-side
    comparison — e.g. the same network without augmentation.
    """
    fig = make_subplots(rows=1, cols=2, horizontal_spacing=0.1, subplot_titles=(labels.loss, labels.accuracy))
    if previous:
        px_ = [h["epoch"] for h in previous]
        for key, dash in (("train", "dot"), ("test", "dash")):
            name = f"{previous_name} · {labels.train if key == 'train' else labels.test}"
            style = dict(color=PREVIOUS_COLOR, dash=dash, width=1.5)
            fig.add_trace(go.Scatter(x=px_, y=[h[f"{key}_loss"] for h in previous], mode="lines", name=name,
                                     legendgroup=f"prev_{key}", line=style,
                                     hovertemplate="%{y:.4f}<extra>" + name + "</extra>"), row=1, col=1)
            fig.add_trace(go.Scatter(x=px_, y=[100 * h[f"{key}_acc"] for h in previous], mode="lines",
                                     name=name, legendgroup=f"prev_{key}", showlegend=False, line=style,
                                     hovertemplate="%{y:.2f} %<extra>" + name + "</extra>"), row=1, col=2)
    if steps:
        xs, ys = zip(*steps)
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", name=labels.steps, line=dict(color=STEP_COLOR, width=1),
                                 hovertemplate="%{y:.3f}<extra></extra>"), row=1, col=1)
    x = [h["epoch"] for h in history]
    for key, name, color, dash in (("train", labels.train, TRAIN_COLOR, "solid"), ("test", labels.test, TEST_COLOR, "dash")):
        fig.add_trace(go.Scatter(x=x, y=[h[f"{key}_loss"] for h in history], mode="lines+markers", name=name,
                                 legendgroup=key, line=dict(color=color, dash=dash),
                                 hovertemplate="%{y:.4f}<extra>" + name + "</extra>"), row=1, col=1)
        fig.add_trace(go.Scatter(x=x, y=[100 * h[f"{key}_acc"] for h in history], mode="lines+markers", name=name,
                                 legendgroup=key, showlegend=False, line=dict(color=color, dash=dash),
                                 hovertemplate="%{y:.2f} %<extra>" + name + "</extra>"), row=1, col=2)
    last = max(epochs or 0, len(history), len(previous), 1)
    for col in (1, 2):
        fig.update_xaxes(title_text=labels.epoch, range=[0, last + 0.2], dtick=1 if last <= 12 else None,
                         row=1, col=col)
    accs = [100 * h[k] for h in (*history, *previous) for k in ("train_acc", "test_acc")]
    low = min(accs, default=0.0)
    fig.update_yaxes(range=[max(0.0, min(90.0, low) - 2), 100.5], row=1, col=2)
    fig.update_yaxes(rangemode="tozero", row=1, col=1)
    fig.update_layout(height=height, margin=dict(l=40, r=20, t=40, b=40), legend=dict(orientation="h", y=-0.2))
    return fig


def confusion_matrix_figure(matrix: Any, classes: Sequence[str], labels: CurveLabels = CurveLabels(),
                            height: int = 460) -> go.Figure:
    """Counts ``[true, predicted]`` as a heatmap with the numbers written in; the diagonal is the correct ones."""
    m = np.asarray(matrix)
    names = [str(c) for c in classes]
    # colour by the share of each true class (row) so a rare class's mistakes are as visible as a common one's
    share = m / np.maximum(m.sum(axis=1, keepdims=True), 1)
    fig = go.Figure(go.Heatmap(z=share, x=names, y=names, text=m, texttemplate="%{text}", colorscale="Blues",
                               showscale=False, hovertemplate=f"{labels.true}: %{{y}}<br>{labels.predicted}: %{{x}}"
                                                              "<br>%{text}<extra></extra>"))
    fig.update_xaxes(title_text=labels.predicted, side="bottom", type="category")
    fig.update_yaxes(title_text=labels.true, autorange="reversed", type="category")
    fig.update_layout(height=height, margin=dict(l=40, r=20, t=20, b=40))
    return fig


def misclassified_figure(images: Any, true: Sequence[int], pred: Sequence[int], classes: Sequence[str],
                         labels: CurveLabels = CurveLabels(), *, columns: int = 8, tile: int = 90) -> go.Figure:
    """A grid of images (``[N, C, H, W]`` or ``[N, H, W]``, values 0–1) titled "true → predicted"."""
    x = np.asarray(images, dtype=np.float32)
    if x.ndim == 3:
        x = x[:, None]
    n = len(x)
    columns = max(1, min(columns, n))
    rows = max(1, -(-n // columns))
    titles = [labels.misclassified.format(true=classes[t], pred=classes[p]) for t, p in zip(true, pred)]
    gap = 24                         # px between rows: room for the "true → predicted" titles
    plot_height = rows * tile + (rows - 1) * gap
    fig = make_subplots(rows=rows, cols=columns, subplot_titles=titles, horizontal_spacing=0.01,
                        vertical_spacing=gap / plot_height if rows > 1 else 0.0)
    for i in range(n):
        img = np.clip(x[i], 0, 1)
        r, c = divmod(i, columns)
        if img.shape[0] == 1:   # grey: white strokes on black, like the digits themselves
            trace = go.Heatmap(z=img[0], colorscale="gray", zmin=0, zmax=1, showscale=False, hoverinfo="skip")
        else:
            trace = go.Image(z=(img.transpose(1, 2, 0) * 255).astype(np.uint8), hoverinfo="skip")
        fig.add_trace(trace, row=r + 1, col=c + 1)
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, autorange="reversed", scaleanchor=None)
    fig.update_annotations(font_size=12)
    fig.update_layout(height=plot_height + 35, width=None, margin=dict(l=5, r=5, t=30, b=5))
    return fig
