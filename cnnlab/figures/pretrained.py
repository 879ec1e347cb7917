"""Figure shared by both "seeing inside" pages: the network's top-k prediction."""
from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

__all__ = ["top_k_figure"]


def top_k_figure(top: Sequence[tuple[int, str, float]], *, title: str | None = None,
                 axis: str = "probability") -> go.Figure:
    """Horizontal bars of the most probable classes, the most probable on top."""
    labels = [name for _, name, _ in top][::-1]
    values = [p for _, _, p in top][::-1]
    fig = go.Figure(go.Bar(x=values, y=labels, orientation="h", marker_color="#4e79a7",
                           text=[f"{p:.1%}" for p in values], textposition="auto",
                           hovertemplate="%{y}: %{x:.2%}<extra></extra>"))
    fig.update_xaxes(range=[0, 1], tickformat=".0%", title=axis)
    fig.update_yaxes(type="category", automargin=True)
    fig.update_layout(height=60 + 34 * len(top), margin=dict(l=10, r=10, t=40 if title else 10, b=40),
                      title=dict(text=title or "", font=dict(size=15)), plot_bgcolor="white")
    return fig
