"""Figures of the feature-map page: activation-map and filter grids, hand-made kernels.

Maps and filters are turned into small grey images (each scaled to its own 0–255, enlarged with nearest-neighbour
so single activations stay square blocks) and drawn by the shared image grid (``cnnlab.figures.images``), which
ships them as PNG data URIs: a grid of 64 maps is a few tens of kB, not megabytes of JSON numbers.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go
import torch
from PIL import Image
from plotly.subplots import make_subplots

from cnnlab.figures.images import image_grid_figure, image_trace

__all__ = ["to_gray_image", "feature_map_grid", "filter_grid", "kernel_figure"]

TILE_PX = 72          # a map is enlarged to at least this many pixels per side


def _to_image(a: np.ndarray, mode: str, min_px: int) -> Image.Image:
    a = np.nan_to_num(np.asarray(a, dtype=np.float32))
    lo, hi = float(a.min()), float(a.max())
    scaled = (a - lo) / (hi - lo) * 255 if hi > lo else np.zeros_like(a)
    image = Image.fromarray(scaled.round().astype(np.uint8), mode)
    factor = max(1, -(-min_px // max(image.size)))
    return image.resize((image.width * factor, image.height * factor), Image.Resampling.NEAREST)


def _numpy(values: torch.Tensor | np.ndarray) -> np.ndarray:
    return values.detach().cpu().float().numpy() if torch.is_tensor(values) else np.asarray(values)


def to_gray_image(values: torch.Tensor | np.ndarray, *, min_px: int = TILE_PX) -> Image.Image:
    """A 2-D array as a grey image scaled to its own min–max (a constant map is black), enlarged to ``min_px``."""
    return _to_image(_numpy(values), "L", min_px)


def _rgb_image(values: torch.Tensor, *, min_px: int = TILE_PX) -> Image.Image:
    """A ``[3, h, w]`` array as one colour image scaled to its own min–max (a filter as the colours it looks for)."""
    return _to_image(_numpy(values).transpose(1, 2, 0), "RGB", min_px)


def feature_map_grid(maps: torch.Tensor, *, max_maps: int = 32, cols: int = 8, width_px: int = 1000) -> go.Figure:
    """The first ``max_maps`` maps of a ``[C, h, w]`` activation, titled by channel number (bright = strong)."""
    n = min(max_maps, maps.shape[0])
    images = [to_gray_image(maps[i]) for i in range(n)]
    return image_grid_figure(images, [f"#{i + 1}" for i in range(n)], cols=min(cols, n), width_px=width_px)


def filter_grid(weight: torch.Tensor, *, max_filters: int = 64, cols: int = 16, width_px: int = 1000) -> go.Figure:
    """First-layer filters ``[O, I, kh, kw]``: colour images when I = 3, else the mean over input channels."""
    n = min(max_filters, weight.shape[0])
    images = [(_rgb_image(weight[i]) if weight.shape[1] == 3 else to_gray_image(weight[i].mean(0)))
              for i in range(n)]
    return image_grid_figure(images, [f"#{i + 1}" for i in range(n)], cols=min(cols, n), width_px=width_px)


def kernel_figure(gray: torch.Tensor, output: torch.Tensor, kernel: torch.Tensor,
                  titles: Sequence[str] = ("input", "kernel", "output"), *, height: int = 320) -> go.Figure:
    """Three panels: the grey input, the kernel's numbers, and the output map (scaled to its own min–max)."""
    fig = make_subplots(rows=1, cols=3, subplot_titles=list(titles), column_widths=[0.42, 0.16, 0.42],
                        horizontal_spacing=0.04)
    fig.add_trace(image_trace(to_gray_image(gray, min_px=1)), row=1, col=1)
    k = kernel.detach().cpu().float().numpy()
    text = [[f"{v:.2g}" for v in row] for row in k]
    fig.add_trace(go.Heatmap(z=k, text=text, texttemplate="%{text}", colorscale="RdBu", zmid=0, showscale=False,
                             hoverinfo="skip", textfont=dict(size=14)), row=1, col=2)
    fig.add_trace(image_trace(to_gray_image(output, min_px=1)), row=1, col=3)
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    fig.update_yaxes(autorange="reversed", scaleanchor="x2", row=1, col=2)
    fig.update_layout(height=height, margin=dict(l=5, r=5, t=30, b=5), plot_bgcolor="white")
    return fig
