"""Figure of the attribution page: the image with an attribution map laid over it."""
from __future__ import annotations

import plotly.graph_objects as go
import torch

from cnnlab.figures.images import image_trace
from cnnlab.images import to_pil

__all__ = ["attribution_overlay"]

# transparent → yellow → red: readable over black digits and over photos alike
HEAT = [[0.0, "rgba(255,237,0,0)"], [0.2, "rgba(255,237,0,0.15)"], [0.5, "rgba(255,150,0,0.55)"],
        [1.0, "rgba(230,0,0,0.9)"]]


def attribution_overlay(image: torch.Tensor, heat: torch.Tensor, *, title: str | None = None,
                        height: int = 360) -> go.Figure:
    """The image (``[C, H, W]`` in 0–1) with the attribution (``[H, W]`` in 0–1) laid over it in red."""
    x = image.detach().cpu().float().clamp(0, 1)
    fig = go.Figure()
    fig.add_trace(image_trace(to_pil(x.expand(3, -1, -1) if x.shape[0] == 1 else x)))
    fig.add_trace(go.Heatmap(z=heat.detach().cpu().float().numpy(), zmin=0, zmax=1, colorscale=HEAT,
                             showscale=False, hovertemplate="x %{x}, y %{y}: %{z:.2f}<extra></extra>"))
    fig.update_xaxes(visible=False, range=[-0.5, x.shape[2] - 0.5], constrain="domain")
    fig.update_yaxes(visible=False, range=[x.shape[1] - 0.5, -0.5], scaleanchor="x", constrain="domain")
    fig.update_layout(height=height, margin=dict(l=5, r=5, t=40 if title else 5, b=5), plot_bgcolor="white",
                      title=dict(text=title or "", x=0.5, xanchor="center", font=dict(size=15)))
    return fig
