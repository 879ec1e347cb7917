"""Figure of lesson 1, convolution arithmetic: the kernel sliding over the padded input.

The builder takes a ``ConvArithmetic``/``PoolArithmetic`` and translated labels. Cell coordinates are 0-based,
rows top to bottom. The figure is written as one plain spec and turned into a ``go.Figure`` once: plotly validates
every ``update_*``/``add_*`` call separately, which cost tens of milliseconds per slider move.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go

from cnnlab.arithmetic import ConvArithmetic, PoolArithmetic

__all__ = ["SlidingLabels", "window_cells", "sliding_window_figure"]

# Colours readable on a projector and for red-green colour blindness (blue/orange pair).
PAD, INPUT, FEED, FEED_PAD = "#cfcfcf", "#ffffff", "#f28e2b", "#f9c99a"
GRID = "#9a9a9a"  # shows through the gaps between cells as grid lines
OUT, OUT_SEL = "#dbe9f6", "#1f77b4"
HOVER_TEXT_MAX = 64   # padded inputs up to this size get a hover text per cell (its input coordinates)
_HIDDEN_AXIS = dict(showticklabels=False, showgrid=False, zeroline=False, ticks="")


@dataclass(frozen=True)
class SlidingLabels:
    """Translated texts for :func:`sliding_window_figure`."""

    input_title: str = "Padded input (grey = padding)"
    output_title: str = "Output"
    padding: str = "padding"
    input: str = "input"
    feeds: str = "feeds the chosen output cell"
    row: str = "row"
    col: str = "column"


def window_cells(layer: ConvArithmetic | PoolArithmetic, row: int, col: int) -> list[tuple[int, int]]:
    """Padded-grid cells (r, c) read by output cell (row, col): start at row·s, step by the dilation."""
    (kh, kw), (sh, sw), (dh, dw) = layer.kernel, layer.stride, layer.dilation
    return [(row * sh + i * dh, col * sw + j * dw) for i in range(kh) for j in range(kw)]


def _rect(x0: float, x1: float, y0: float, y1: float, axis: str, **style) -> dict:
    return dict(type="rect", x0=x0, x1=x1, y0=y0, y1=y1, xref=f"x{axis}", yref=f"y{axis}", **style)


def sliding_window_figure(layer: ConvArithmetic | PoolArithmetic, row: int = 0, col: int = 0,
                          labels: SlidingLabels = SlidingLabels()) -> go.Figure:
    """Left: the padded input with the cells that feed output (row, col); right: the output grid, same cell size."""
    (top, left), (h_in, w_in) = layer.padding, layer.padded_input  # "same" + even kernel: one more bottom/right
    h_out, w_out = layer.out_h, layer.out_w
    row = max(0, min(h_out - 1, row))
    col = max(0, min(w_out - 1, col))

    # Input codes: 0 padding, 1 input, 2 input read by the chosen cell, 3 padding read by it.
    rr, cc = np.mgrid[0:h_in, 0:w_in]
    is_pad = (rr < top) | (rr >= top + layer.in_h) | (cc < left) | (cc >= left + layer.in_w)
    feeds = np.zeros((h_in, w_in), dtype=bool)
    for r, c in window_cells(layer, row, col):
        feeds[r, c] = True
    z = np.where(feeds, np.where(is_pad, 3, 2), np.where(is_pad, 0, 1))
    hover_in: dict = {"hoverinfo": "text"}
    if max(h_in, w_in) <= HOVER_TEXT_MAX:
        text = np.where(is_pad, labels.padding,
                        np.char.add(np.char.add(f"{labels.input} (", (rr - top).astype(str)),
                                    np.char.add(np.char.add(", ", (cc - left).astype(str)), ")")))
        hover_in["text"] = np.where(feeds, np.char.add(text.astype(str), f" — {labels.feeds}"), text).astype(object)
    else:  # an AlexNet-sized input: a text per cell would be a megabyte per slider move; plotly fills in the cell
        hover_in = {"hovertemplate": f"{labels.row} %{{y}}, {labels.col} %{{x}}<extra></extra>"}
    out_z = np.zeros((h_out, w_out))
    out_z[row, col] = 1
    orr, occ = np.mgrid[0:h_out, 0:w_out]
    out_text = np.char.add(np.char.add(f"{labels.row} ", orr.astype(str)),
                           np.char.add(f", {labels.col} ", occ.astype(str))).astype(object)

    gap_in = 1 if max(h_in, w_in) <= 48 else 0  # thin grid lines stop being visible on big grids
    gap_out = 1 if max(h_out, w_out) <= 48 else 0
    scale = [[0.0, PAD], [0.25, PAD], [0.25, INPUT], [0.5, INPUT], [0.5, FEED], [0.75, FEED],
             [0.75, FEED_PAD], [1.0, FEED_PAD]]
    data = [
        dict(type="heatmap", z=z, **hover_in, zmin=0, zmax=3, colorscale=scale, showscale=False,
             xgap=gap_in, ygap=gap_in, xaxis="x", yaxis="y"),
        dict(type="heatmap", z=out_z, text=out_text, hoverinfo="text", zmin=0, zmax=1, showscale=False,
             colorscale=[[0, OUT], [0.5, OUT], [0.5, OUT_SEL], [1, OUT_SEL]], xgap=gap_out, ygap=gap_out,
             xaxis="x2", yaxis="y2"),
    ]
    (span_h, span_w), (sh, sw) = layer.effective_kernel, layer.stride
    r0, c0 = row * sh, col * sw
    shapes = [
        # grid lines: a grey sheet under the cells shows through the gaps between them
        # (grids too big for grid lines get a thin frame instead, so a white input still shows where it ends)
        _rect(-0.5, w_in - 0.5, -0.5, h_in - 0.5, "", fillcolor=GRID if gap_in else INPUT,
              line=dict(width=0 if gap_in else 1, color=GRID), layer="below"),
        _rect(-0.5, w_out - 0.5, -0.5, h_out - 0.5, "2", fillcolor=GRID if gap_out else INPUT,
              line=dict(width=0 if gap_out else 1, color=GRID), layer="below"),
        # the window's outline (its full span, dilation gaps included) and the chosen output cell
        _rect(c0 - 0.5, c0 + span_w - 0.5, r0 - 0.5, r0 + span_h - 0.5, "",
              line=dict(color="#b85c00", width=3)),
        _rect(col - 0.5, col + 0.5, row - 0.5, row + 0.5, "2", line=dict(color="#0b3d66", width=3)),
    ]
    if (h_in, w_in) != (layer.in_h, layer.in_w):  # the real input's border
        shapes.append(_rect(left - 0.5, left + layer.in_w - 0.5, top - 0.5, top + layer.in_h - 0.5, "",
                            line=dict(color="#555555", width=1.5, dash="dot")))
    # Both panels on one scale (a cell is a cell): the output, drawn top-left, is visibly smaller than the input.
    extent = max(h_in, w_in, h_out, w_out)
    margin = 0.5 + extent / 400   # a little room, so the frames' lines on the grids' edges are not cut in half
    x_range, y_range = [-margin, extent - 1 + margin], [extent - 1 + margin, -margin]
    title = dict(xref="paper", yref="paper", y=1.0, yanchor="bottom", showarrow=False,
                 font=dict(size=14, color="#555555"))
    layout = dict(
        xaxis=dict(domain=[0, 0.47], range=x_range, **_HIDDEN_AXIS),
        yaxis=dict(range=y_range, autorange=False, scaleanchor="x", **_HIDDEN_AXIS),
        xaxis2=dict(domain=[0.53, 1], range=x_range, **_HIDDEN_AXIS),
        yaxis2=dict(range=y_range, autorange=False, scaleanchor="x2", **_HIDDEN_AXIS),
        shapes=shapes,
        annotations=[dict(text=labels.input_title, x=0.235, **title),
                     dict(text=labels.output_title, x=0.765, **title)],
        # tall enough for square cells across the page's width, without dwarfing small grids
        height=int(min(620, max(320, 12 * extent + 120))),
        margin=dict(l=10, r=10, t=40, b=10), plot_bgcolor="white", paper_bgcolor="white",
    )
    return go.Figure(dict(data=data, layout=layout))
