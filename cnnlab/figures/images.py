"""Images in figures, shared by the image pages: a grid of pictures (augmentation draws, feature maps, filters).

Images travel to the browser as small PNG data URIs in ``go.Image(source=...)`` — a 256×256 photo is ~100 kB
that way instead of ~1 MB of JSON numbers — and every panel keeps its pixels square.
"""
from __future__ import annotations

import base64
import io
import math
from collections.abc import Sequence

import plotly.graph_objects as go
from PIL import Image

__all__ = ["data_uri", "image_trace", "preview", "image_grid_figure"]

_HIDDEN_AXIS = dict(showticklabels=False, showgrid=False, zeroline=False, ticks="", fixedrange=True)
HIGHLIGHT = "#f28e2b"   # outline of the original image (orange, readable for red-green colour blindness)


def data_uri(image: Image.Image) -> str:
    """Data URI of a PIL image: JPEG for photos (a tenth of PNG's size), PNG for small or grey images (exact)."""
    buf = io.BytesIO()
    if image.mode == "RGB" and max(image.size) > 64:
        image.save(buf, "JPEG", quality=90)
        kind = "jpeg"
    else:
        image.save(buf, "PNG", compress_level=1)
        kind = "png"
    return f"data:image/{kind};base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def image_trace(image: Image.Image) -> go.Image:
    """One picture as a plotly trace (a data URI, no hover)."""
    return go.Image(source=data_uri(image), hoverinfo="skip")


def preview(image: Image.Image, max_side: int = 256) -> Image.Image:
    """A copy no larger than ``max_side`` pixels per side (small digits are left as they are)."""
    if max(image.size) <= max_side:
        return image
    copy = image.copy()
    copy.thumbnail((max_side, max_side), Image.Resampling.BILINEAR)
    return copy


def _domain(lo: float, hi: float) -> list[float]:
    return [min(1.0, max(0.0, round(lo, 6))), min(1.0, max(0.0, round(hi, 6)))]   # float noise below 0 is invalid


def image_grid_figure(images: Sequence[Image.Image], titles: Sequence[str] | None = None, *, cols: int = 4,
                      highlight_first: bool = False, width_px: int = 1000) -> go.Figure:
    """Images in a ``cols``-wide grid, each with its caption just above it; ``highlight_first`` outlines the first.

    ``width_px`` is the expected drawing width: the height is chosen so that the images fill their cells.
    """
    n = len(images)
    cols = max(1, min(cols, n or 1))
    rows = max(1, math.ceil(n / cols))
    titles = list(titles or [""] * n)
    aspect = max((im.height / im.width for im in images), default=1.0)
    row_px = width_px / cols * aspect + 28            # image + caption
    height = int(rows * row_px + 10)
    gap_x = 0.02
    cell_w = (1 - gap_x * (cols - 1)) / cols
    cell_h = 1 / rows
    caption = 26 / height                             # caption band above each image, as a fraction of the height
    data, layout_axes, shapes = [], {}, []
    for i, image in enumerate(images):
        r, c = divmod(i, cols)
        suffix = "" if i == 0 else str(i + 1)
        x0 = c * (cell_w + gap_x)
        y1 = 1 - r * cell_h
        w, h = image.size
        data.append(dict(type="image", source=data_uri(image), x0=0, y0=0, dx=1, dy=1,
                         xaxis=f"x{suffix}", yaxis=f"y{suffix}", hoverinfo="skip"))
        # constrain="domain": the axes shrink around the image, so the caption (the x axis title, on top) sits
        # right above the picture whatever its aspect ratio.
        caption_font = dict(size=13, color="#444444")
        layout_axes[f"xaxis{suffix}"] = dict(
            domain=_domain(x0, x0 + cell_w), range=[-0.5, w - 0.5], side="top", anchor=f"y{suffix}",
            constrain="domain", title=dict(text=titles[i], standoff=4, font=caption_font), **_HIDDEN_AXIS)
        layout_axes[f"yaxis{suffix}"] = dict(
            domain=_domain(y1 - cell_h, y1 - caption), range=[h - 0.5, -0.5], autorange=False, anchor=f"x{suffix}",
            scaleanchor=f"x{suffix}", scaleratio=1, constrain="domain", **_HIDDEN_AXIS)
        if highlight_first and i == 0:
            shapes.append(dict(type="rect", xref=f"x{suffix}", yref=f"y{suffix}", x0=-0.5, x1=w - 0.5, y0=-0.5,
                               y1=h - 0.5, line=dict(color=HIGHLIGHT, width=3)))
    layout = dict(height=height, margin=dict(l=2, r=2, t=4, b=2), showlegend=False, plot_bgcolor="white",
                  paper_bgcolor="white", shapes=shapes, **layout_axes)
    return go.Figure(dict(data=data, layout=layout))
