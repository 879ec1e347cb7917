"""Lesson 2 — build your own CNN: the editable layer table and its spec text, one the mirror of the other.

A table row is one layer of the spec grammar (``cnnlab.spec`` parses and checks it); columns a layer does not use
are ignored, defaults are left out of the text so it stays as short as a student would write it.
"""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from cnnlab.errors import LayerError
from cnnlab.spec import LayerSpec, SpecRow, parse_layer, parse_spec, split_layers

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["TABLE_COLUMNS", "DEFAULT_SPEC", "DEFAULT_INPUT", "row_text", "spec_text", "layer_row", "table_frame",
           "readable_rows", "first_errors"]

TABLE_COLUMNS = ("layer", "out", "k", "s", "p", "mode", "more")
DEFAULT_SPEC = ("conv 6 k=5 p=2 | relu | pool max | conv 16 k=5 | relu | pool max | flatten | "
                "fc 120 | relu | fc 84 | relu | fc 10")  # LeNet-5 with ReLU/max pool on 1×28×28 digits
DEFAULT_INPUT = (1, 28, 28)


def _blank(value) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def _num(value) -> str:
    """A table cell as grammar text: 5.0 -> "5" (the editor stores numbers as floats)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def row_text(row: Mapping) -> str:
    """One table row as a layer of the spec grammar; columns the layer does not use are ignored."""
    kind = "" if _blank(row.get("layer")) else str(row["layer"]).strip().lower()
    parts = [kind]

    def opt(key: str, default: str | None = None) -> None:
        # Defaults are left out so that the text stays as short as the student would write it.
        value = row.get(key)
        if not _blank(value) and _num(value) != default:
            parts.append(f"{key}={_num(value)}")

    if kind in ("conv", "fc"):
        if not _blank(row.get("out")):
            parts.append(_num(row["out"]))
    if kind == "conv":
        opt("k"), opt("s", "1"), opt("p", "0")
    elif kind == "pool":
        mode = row.get("mode")
        parts.append("max" if _blank(mode) else str(mode).strip().lower())
        k = "2" if _blank(row.get("k")) else _num(row["k"])
        opt("k", "2"), opt("s", k), opt("p", "0")
    elif kind == "dropout" and not _blank(row.get("mode")):
        parts.append(_num(row["mode"]))
    if not _blank(row.get("more")):
        parts.append(str(row["more"]).strip())
    return " ".join(p for p in parts if p)


def spec_text(rows: Sequence[Mapping]) -> str:
    """The whole table as one spec string (`python -m cnnlab summary --spec` accepts it)."""
    return " | ".join(row_text(r) for r in rows)


def layer_row(spec: LayerSpec) -> dict:
    """A parsed :class:`cnnlab.spec.LayerSpec` as a table row (defaults shown, rare options under "more")."""
    o = dict(spec.options)
    row = {c: None for c in TABLE_COLUMNS}
    row["layer"] = spec.kind
    more = []
    if spec.kind in ("conv", "fc"):
        row["out"] = o.get("out")
    if spec.kind == "conv":
        row["k"], row["s"] = o.get("k", 3), o.get("s", 1)
        row["p"] = str(o.get("p", 0))
        if o.get("d", 1) != 1:
            more.append(f"d={o['d']}")
        if o.get("g", 1) != 1:
            more.append(f"g={o['g']}")
        if not o.get("bias", True):
            more.append("bias=0")
    elif spec.kind == "pool":
        row["mode"] = o.get("mode", "max")
        row["k"] = o.get("k", 2)
        row["s"] = o.get("s") or row["k"]
        row["p"] = str(o.get("p", 0))
    elif spec.kind == "dropout":
        row["mode"] = f"{o.get('p', 0.5):g}"
    row["more"] = " ".join(more) or None
    return row


def table_frame(text: str) -> "pd.DataFrame":
    """The editor's table for a spec text; raises LayerError for a text that does not parse."""
    return _frame(parse_spec(text))


def readable_rows(text: str) -> "pd.DataFrame":
    """The editor's table of the layers of ``text`` that parse, in order (a shared link with a typo in one row)."""
    specs = []
    for i, part in enumerate(split_layers(text)):
        try:
            specs.append(parse_layer(part, i + 1))
        except LayerError:
            continue
    return _frame(specs)


def _frame(specs: Sequence[LayerSpec]) -> "pd.DataFrame":
    import pandas as pd

    frame = pd.DataFrame([layer_row(s) for s in specs], columns=list(TABLE_COLUMNS))
    # Numbers as floats with NaN for "not used": what the editor gives back anyway.
    return frame.astype({"out": "float64", "k": "float64", "s": "float64"})


def first_errors(rows: Sequence[SpecRow]) -> list[SpecRow]:
    """The broken rows worth showing: the first one, and any later row whose input shape is still known (a row
    after a broken one only waits for its input)."""
    errors = [r for r in rows if r.error is not None]
    return [r for r in errors if r is errors[0] or r.input_shape is not None]
