"""Drawing a network's diagram graph (``cnnlab.diagram``): where each box goes, and the plotly figure.

``layout`` puts boxes in rows by longest path from the input, parallel branches in lanes side by side;
``diagram_figure`` draws them top to bottom with skip connections as red arcs and blocks shaded and named.
Few traces, no per-box shapes: a 100-layer diagram still serialises in milliseconds.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import plotly.graph_objects as go

from cnnlab.arithmetic import fmt_shape
from cnnlab.diagram import NetworkGraph, split_label
from cnnlab.i18n import t

__all__ = ["KIND_COLOURS", "Placed", "layout", "diagram_figure"]

# One colour per kind of box; the same colours in the bar chart (conv vs fc).
KIND_COLOURS = {
    "conv": "#4C78A8",
    "fc": "#B279A2",
    "pool": "#54A24B",
    "add": "#F58518",
    "concat": "#72B7B2",
    "mul": "#F58518",
    "input": "#BAB0AC",
    "output": "#BAB0AC",
    "other": "#D8D8D8",
}
SKIP_COLOUR = "#E45756"


@dataclass(frozen=True)
class Placed:
    """Where a box goes: ``x`` in lane units (0 = centre), ``rank`` = row from the top."""

    x: float
    rank: int


def layout(graph: NetworkGraph) -> dict[int, Placed]:
    """Place boxes in rows by longest path; parallel branches get lanes side by side."""
    preds: dict[int, list[int]] = defaultdict(list)
    for s, d in graph.edges:
        preds[d].append(s)
    rank: dict[int, int] = {}
    for node in graph.nodes:  # topological order
        rank[node.id] = max((rank[p] + 1 for p in preds[node.id]), default=0)
    by_rank: dict[int, list[int]] = defaultdict(list)
    for node in graph.nodes:
        by_rank[rank[node.id]].append(node.id)
    x: dict[int, float] = {}
    for r in sorted(by_rank):
        ids = by_rank[r]
        wanted = {i: (sum(x[p] for p in preds[i]) / len(preds[i]) if preds[i] else 0.0) for i in ids}
        # Siblings fanning out of the same place spread symmetrically around it.
        same: dict[float, list[int]] = defaultdict(list)
        for i in ids:
            same[round(wanted[i], 6)].append(i)
        for centre, members in same.items():
            for k, i in enumerate(members):
                wanted[i] = centre + k - (len(members) - 1) / 2
        ordered = sorted(ids, key=lambda i: (wanted[i], ids.index(i)))
        placed: list[float] = []
        for i in ordered:
            pos = wanted[i] if not placed else max(wanted[i], placed[-1] + 1.0)
            placed.append(pos)
            x[i] = pos
        if len(ordered) > 1 and placed[-1] - placed[0] > 0:
            # Pushing right drifted the row; re-centre it on what it wanted.
            shift = (sum(wanted[i] for i in ordered) - sum(placed)) / len(placed)
            for i in ordered:
                x[i] += shift
    return {i: Placed(x[i], rank[i]) for i in x}


ROW = 1.0  # vertical distance between ranks (data units)
BOX_H = 0.62
BOX_W = 0.88


def _words(label: str, lang: str) -> str:
    """A box label in ``lang``: its word translated ("max pool 3×3 /2" → "최대 풀링 3×3 /2"), names kept."""
    key, rest = split_label(label)
    return t(f"diagram.w_{key}", lang) + rest if key else label


def _node_text(node, lang: str, with_extras: bool) -> str:
    if node.kind == "input":
        label = t("diagram.input", lang)
    elif node.kind == "output":
        label = t("diagram.output", lang)
    elif node.kind == "concat":
        label = t("diagram.concat", lang)
    else:
        label = _words(node.label, lang)
    if with_extras and node.extras:
        label += f" <span style='color:#555'>· {' · '.join(_words(e, lang) for e in node.extras)}</span>"
    return label


def diagram_figure(graph: NetworkGraph, *, lang: str = "en") -> go.Figure:
    """The network top to bottom: a box per weight layer (BN/ReLU folded in, shown after "·"),
    parallel branches side by side, skip connections as red arcs, blocks shaded and named."""
    pos = layout(graph)
    nodes = {n.id: n for n in graph.nodes}
    xs = [p.x for p in pos.values()] or [0.0]
    lanes = max(xs) - min(xs) + 1
    wide = lanes <= 2.01  # room for "· BN · ReLU" and the shape beside each box
    by_rank: dict[int, list[int]] = defaultdict(list)
    for i, p in pos.items():
        by_rank[p.rank].append(i)

    def y(i: int) -> float:
        return -pos[i].rank * ROW

    fig = go.Figure()

    # Blocks (residual blocks, Inception modules): a shaded frame behind their boxes.
    members: dict[str, list[int]] = defaultdict(list)
    for n in graph.nodes:
        if n.block in graph.blocks:
            members[n.block].append(n.id)
    bx, by, label_x, label_y, label_t = [], [], [], [], []
    x_right = max(xs) + BOX_W / 2
    for block, ids in members.items():
        x0 = min(pos[i].x for i in ids) - BOX_W / 2 - 0.06
        x1 = max(pos[i].x for i in ids) + BOX_W / 2 + 0.06
        y0 = min(y(i) for i in ids) - BOX_H / 2 - 0.12
        y1 = max(y(i) for i in ids) + BOX_H / 2 + 0.12
        bx += [x0, x1, x1, x0, x0, None]
        by += [y0, y0, y1, y1, y0, None]
        label_y.append(y1 - 0.05)
        label_t.append(f"{block} · {graph.blocks[block]}")
    if bx:
        fig.add_trace(go.Scatter(x=bx, y=by, fill="toself", mode="lines", line=dict(color="#C9C9C9", width=1),
                                 fillcolor="rgba(200,200,200,0.18)", hoverinfo="skip", showlegend=False))

    # Arrows: straight to the next row; longer ones run down their own lane when it is free, otherwise
    # around the boxes on the side. Red = a skip connection (the arrow ends in an add).
    gx, gy, kx, ky = [], [], [], []
    main_rank: dict[int, int] = defaultdict(int)
    for s, d in graph.edges:
        main_rank[d] = max(main_rank[d], pos[s].rank)
    arc_right, arc_left = x_right, min(xs) - BOX_W / 2
    for s, d in graph.edges:
        x0, y0, x1, y1 = pos[s].x, y(s) - BOX_H / 2, pos[d].x, y(d) + BOX_H / 2
        # Into an add, the input from the nearest row is the main path; the others are the shortcuts.
        skip = nodes[d].kind in ("add", "mul") and pos[s].rank < main_rank[d]
        between = [i for r in range(pos[s].rank + 1, pos[d].rank) for i in by_rank[r]]
        out_x, out_y = (kx, ky) if skip else (gx, gy)
        if not between:
            out_x += [x0, x1, None]
            out_y += [y0, y1, None]
            continue
        if not any(abs(pos[i].x - x0) < BOX_W / 2 + 0.05 for i in between):
            # Down the source's own lane, then into the target from the row above it.
            out_x += [x0, x0, x1, None]
            out_y += [y0, y(d) + ROW - BOX_H / 2, y1, None]
            continue
        centre = sum(pos[i].x for i in between) / len(between)
        if x0 >= centre:
            side = max(pos[i].x for i in between) + BOX_W / 2 + 0.18
            arc_right = max(arc_right, side)
            edge_x0, edge_x1 = x0 + BOX_W / 2, x1 + BOX_W / 2
        else:
            side = min(pos[i].x for i in between) - BOX_W / 2 - 0.18
            arc_left = min(arc_left, side)
            edge_x0, edge_x1 = x0 - BOX_W / 2, x1 - BOX_W / 2
        out_x += [edge_x0, side, side, edge_x1, None]
        out_y += [y(s), y(s) - 0.35, y(d) + 0.35, y(d), None]
    fig.add_trace(go.Scatter(x=gx, y=gy, mode="lines", line=dict(color="#8A8A8A", width=1.4),
                             hoverinfo="skip", showlegend=False))
    if kx:
        fig.add_trace(go.Scatter(x=kx, y=ky, mode="lines", line=dict(color=SKIP_COLOUR, width=2, shape="spline"),
                                 name=t("diagram.skip", lang), hoverinfo="skip"))

    # Boxes: one filled trace per kind (legend = the kinds present).
    polys: dict[str, tuple[list, list]] = defaultdict(lambda: ([], []))
    for n in graph.nodes:
        cx, cy = pos[n.id].x, y(n.id)
        w = BOX_W if n.kind not in ("add", "mul", "concat") else min(BOX_W, 0.6)
        px, py = polys[n.kind]
        px += [cx - w / 2, cx + w / 2, cx + w / 2, cx - w / 2, cx - w / 2, None]
        py += [cy - BOX_H / 2, cy - BOX_H / 2, cy + BOX_H / 2, cy + BOX_H / 2, cy - BOX_H / 2, None]
    for kind, (px, py) in polys.items():
        fig.add_trace(go.Scatter(
            x=px, y=py, fill="toself", mode="lines", line=dict(color="white", width=1),
            fillcolor=KIND_COLOURS.get(kind, KIND_COLOURS["other"]), opacity=0.35 if kind != "add" else 0.55,
            name=t(f"diagram.kind_{kind}", lang), hoverinfo="skip",
            showlegend=kind not in ("input", "output"),
        ))

    # Text in the boxes, shapes beside them (single-lane rows only), hover with the details.
    tx, ty, tt, hx, hy, ht = [], [], [], [], [], []
    shape_y, shape_t, sizes = [], [], []
    for n in graph.nodes:
        cx, cy = pos[n.id].x, y(n.id)
        tx.append(cx)
        ty.append(cy)
        tt.append(_node_text(n, lang, wide))
        hx.append(cx)
        hy.append(cy)
        detail = [_node_text(n, lang, True)]
        if n.shape:
            key = "diagram.shape" if len(n.shape) == 3 else "diagram.shape_flat"  # C×H×W, or a flat vector
            detail.append(t(key, lang, shape=fmt_shape(n.shape)))
        if n.modules:
            detail.append(", ".join(n.modules[:6]) + (" …" if len(n.modules) > 6 else ""))
        if n.block:
            detail.append(f"{n.block} ({n.block_type})")
        ht.append("<br>".join(detail))
        crowded = len(by_rank[pos[n.id].rank]) > 1
        sizes.append((10 if crowded else 12) if wide else (11 if lanes <= 4 else 10))
        if n.shape and not crowded:
            shape_y.append(cy)
            shape_t.append(fmt_shape(n.shape))
    fig.add_trace(go.Scatter(x=tx, y=ty, text=tt, mode="text", textfont=dict(size=sizes, color="#1F1F1F"),
                             hoverinfo="skip", showlegend=False))
    if shape_t:
        # Output shapes in a column right of the boxes and arcs: C×H×W down the page.
        shape_x = [arc_right + 0.08] * len(shape_t)
        fig.add_trace(go.Scatter(x=shape_x, y=shape_y, text=shape_t, mode="text", textposition="middle right",
                                 textfont=dict(size=10, color="#6B6B6B"), hoverinfo="skip", showlegend=False))
    if label_t:
        # Block names in a column left of the diagram; names starting on the same row are stacked.
        margin_x = arc_left - 0.06
        seen_rows: dict[float, int] = defaultdict(int)
        for k, ly in enumerate(label_y):
            row = round(ly, 3)
            label_y[k] = ly - 0.32 * seen_rows[row]
            seen_rows[row] += 1
            label_x.append(margin_x)
        fig.add_trace(go.Scatter(x=label_x, y=label_y, text=label_t, mode="text", textposition="bottom left",
                                 textfont=dict(size=9, color="#7A7A7A"), hoverinfo="skip", showlegend=False))
    fig.add_trace(go.Scatter(x=hx, y=hy, mode="markers", marker=dict(size=18, opacity=0), hovertext=ht,
                             hoverinfo="text", showlegend=False))

    ranks = max((p.rank for p in pos.values()), default=0) + 1
    left = arc_left - (1.25 if label_t else 0.1)  # room for block names
    right = max(arc_right, x_right) + (1.05 if shape_t else 0.3)
    fig.update_xaxes(visible=False, range=[left, right], fixedrange=True)
    fig.update_yaxes(visible=False, range=[-(ranks - 1) * ROW - 0.6, 0.6], fixedrange=True)
    fig.update_layout(
        height=int(ranks * 34 + 70), margin=dict(l=0, r=0, t=30, b=0),
        legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0, font=dict(size=11)),
        plot_bgcolor="white", dragmode=False,
    )
    return fig
