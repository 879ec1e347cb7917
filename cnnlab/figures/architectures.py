"""Figures of the architecture explorer: parameters and MACs per layer, two networks side by side.

Every builder takes ``lang`` and draws its words through :func:`cnnlab.i18n.t`; numbers come from
:mod:`cnnlab.summary` and :mod:`cnnlab.architectures`. The network diagram is ``cnnlab.figures.diagram``.
"""
from __future__ import annotations

import math

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from cnnlab.arithmetic import fmt_int
from cnnlab.architectures import Side, format_count, heaviest_layer, param_split, weight_rows
from cnnlab.figures.diagram import KIND_COLOURS
from cnnlab.i18n import t

__all__ = ["HEAVY_COLOUR", "params_macs_figure", "comparison_figure"]

HEAVY_COLOUR = "#E45756"   # the layer holding the most parameters


def _bar_kind(layer_type: str) -> str:
    return "fc" if "linear" in layer_type.lower() else "conv"


def params_macs_figure(summary, *, log: bool = False, lang: str = "en") -> go.Figure:
    """Two bar charts over the weight layers: parameters (top) and MACs (bottom).

    The layer holding the most parameters is drawn in red with its share written next to it, so
    that VGG-16's first fully connected layer (~74 % of all parameters) jumps out.
    """
    rows = [r for r in weight_rows(summary) if r.executed]  # one inference: GoogLeNet's aux heads are left out
    heavy = heaviest_layer(summary)
    names = [r.name for r in rows]
    fig = make_subplots(
        rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.06,
        subplot_titles=(t("architectures.chart_params", lang), t("architectures.chart_macs", lang)),
    )
    colours = [
        HEAVY_COLOUR if heavy and r.name == heavy.name else KIND_COLOURS[_bar_kind(r.type)] for r in rows
    ]
    total_p = max(param_split(summary).inference, 1)
    total_m = max(summary.total_macs, 1)
    fig.add_trace(
        go.Bar(
            x=names, y=[r.params for r in rows], marker_color=colours, name=t("architectures.params", lang),
            customdata=[[r.type, fmt_int(r.params), 100 * r.params / total_p] for r in rows],
            hovertemplate="%{x} (%{customdata[0]})<br>" + t("architectures.hover_params", lang, n="%{customdata[1]}")
                          + " · %{customdata[2]:.1f} %<extra></extra>",
        ),
        row=1, col=1,
    )
    fig.add_trace(
        go.Bar(
            x=names, y=[r.macs for r in rows], marker_color=[KIND_COLOURS[_bar_kind(r.type)] for r in rows],
            name=t("architectures.macs", lang),
            customdata=[[r.type, fmt_int(r.macs), 100 * r.macs / total_m] for r in rows],
            hovertemplate="%{x} (%{customdata[0]})<br>" + t("architectures.hover_macs", lang, n="%{customdata[1]}")
                          + " · %{customdata[2]:.1f} %<extra></extra>",
        ),
        row=2, col=1,
    )
    if heavy is not None and heavy.params > 0:
        fig.add_annotation(
            x=heavy.name, y=(heavy.params if not log else _log10(heavy.params)), xref="x", yref="y",
            text=t("architectures.heaviest_note", lang, name=heavy.name, params=fmt_int(heavy.params),
                   share=f"{heavy.share:.1f}"),
            showarrow=True, arrowhead=2, ax=-40 if names.index(heavy.name) > len(names) / 2 else 40, ay=25,
            xanchor="right" if names.index(heavy.name) > len(names) / 2 else "left",
            bgcolor="rgba(255,255,255,0.85)", font=dict(color=HEAVY_COLOUR, size=12),
        )
    axis_type = "log" if log else "linear"
    fig.update_yaxes(type=axis_type, row=1, col=1, title_text=t("architectures.params", lang))
    fig.update_yaxes(type=axis_type, row=2, col=1, title_text=t("architectures.macs", lang))
    fig.update_xaxes(tickangle=-60, tickfont=dict(size=10), row=2, col=1)
    fig.update_layout(
        height=560, showlegend=False, bargap=0.15, margin=dict(l=10, r=10, t=40, b=10),
        separators=".,",
    )
    return fig


def _log10(v: float) -> float:
    return math.log10(max(v, 1))


# ---------------------------------------------------------------------------------------------
def comparison_figure(a: Side, b: Side, *, lang: str = "en") -> go.Figure:
    """Side by side: total parameters, MACs and depth of two architectures."""
    metrics = [("params", t("architectures.params", lang)), ("macs", t("architectures.macs", lang)),
               ("depth", t("architectures.depth", lang))]
    fig = make_subplots(rows=1, cols=3, subplot_titles=[m[1] for m in metrics], horizontal_spacing=0.08)
    for col, (key, _) in enumerate(metrics, start=1):
        for side, colour in ((a, "#4C78A8"), (b, "#F58518")):
            value = getattr(side, key)
            fig.add_trace(
                go.Bar(
                    x=[side.title], y=[value], marker_color=colour, name=side.title,
                    text=[format_count(value) if key != "depth" else str(value)], textposition="outside",
                    hovertext=[fmt_int(value)], hoverinfo="text", showlegend=False, cliponaxis=False,
                ),
                row=1, col=col,
            )
        top = max(getattr(a, key), getattr(b, key), 1)
        fig.update_yaxes(range=[0, top * 1.22], row=1, col=col, showticklabels=False)
    fig.update_xaxes(tickfont=dict(size=11))
    fig.update_layout(height=330, margin=dict(l=10, r=10, t=40, b=10), bargap=0.35)
    return fig
