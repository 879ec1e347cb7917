"""Figures of lesson 4, 1×1 convolutions & Inception: the bottleneck's and the factorisation's cost bars.

Builders take ``BottleneckCost``/``FactorizeCost`` (``cnnlab.arithmetic``) and translated labels, and return
plotly figures, each written as one plain spec (see ``cnnlab.figures.conv_arithmetic``).
"""
from __future__ import annotations

import plotly.graph_objects as go

from cnnlab.arithmetic import BottleneckCost, FactorizeCost, fmt_int

__all__ = ["bottleneck_figure", "factorize_figure"]

BLUE, ORANGE = "#1f77b4", "#f28e2b"   # readable for red-green colour blindness


def _bar_layout(title: str, height: int, **axes) -> dict:
    return dict(title=dict(text=title, x=0, font=dict(size=15)), height=height, barmode="stack",
                margin=dict(l=10, r=10, t=80, b=10), legend=dict(orientation="h", y=-0.15),
                plot_bgcolor="white", paper_bgcolor="white", separators=".,", **axes)


def bottleneck_figure(cost: BottleneckCost, *, direct: str, bottleneck: str, reduce_part: str, conv_part: str,
                      title: str, unit: str = "MACs") -> go.Figure:
    """Stacked bars: the direct k×k conv vs 1×1 reduce + k×k conv (MACs); each bar labelled with its total."""
    x = [direct, bottleneck]
    hover = "%{y:,} " + unit
    data = [
        dict(type="bar", x=x, y=[0, cost.reduce_macs], name=reduce_part, marker_color=ORANGE, hovertemplate=hover),
        dict(type="bar", x=x, y=[cost.direct_macs, cost.conv_macs], name=conv_part, marker_color=BLUE,
             text=[fmt_int(cost.direct_macs), fmt_int(cost.total_macs)], textposition="outside", cliponaxis=False,
             hovertemplate=hover),
    ]
    yaxis = dict(title=dict(text=unit), tickformat="~s", gridcolor="#eeeeee",
                 range=[0, 1.15 * max(cost.direct_macs, cost.total_macs)])
    return go.Figure(dict(data=data, layout=_bar_layout(title, 360, yaxis=yaxis)))


def factorize_figure(cost: FactorizeCost, *, single: str, stacked: str, params: str, macs: str,
                     title: str) -> go.Figure:
    """Two panels: parameters and MACs of one k×k conv vs the stack of 3×3 convs."""
    x = [single, stacked]
    data, axes, notes = [], {}, []
    panels = ((params, cost.single_params, cost.stacked_params), (macs, cost.single_macs, cost.stacked_macs))
    for i, (name, a, b) in enumerate(panels, start=1):
        suffix = "" if i == 1 else "2"
        data.append(dict(type="bar", x=x, y=[a, b], marker_color=[BLUE, ORANGE], showlegend=False,
                         text=[fmt_int(a), fmt_int(b)], textposition="outside", textangle=0, cliponaxis=False,
                         hovertemplate="%{y:,}", xaxis=f"x{suffix}", yaxis=f"y{suffix}"))
        domain = [0, 0.41] if i == 1 else [0.59, 1]
        axes[f"xaxis{suffix}"] = dict(domain=domain, anchor=f"y{suffix}")
        axes[f"yaxis{suffix}"] = dict(anchor=f"x{suffix}", range=[0, 1.2 * max(a, b)], tickformat="~s",
                                      gridcolor="#eeeeee")
        notes.append(dict(text=name, x=sum(domain) / 2, y=1.0, xref="paper", yref="paper", yanchor="bottom",
                          showarrow=False, font=dict(size=14, color="#555555")))
    return go.Figure(dict(data=data, layout=_bar_layout(title, 380, annotations=notes, **axes)))
