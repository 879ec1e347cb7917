"""What summarize returns: one ``LayerRow`` per module, the ``Summary`` with totals, as a dict or a text table."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

CONVENTION = "1 MAC = one multiply-add, counted for conv and linear layers; FLOPs ≈ 2 × MACs"


@dataclass
class LayerRow:
    """One executed module (or one module that owns parameters but never ran, with executed=False)."""

    name: str
    type: str
    output_shape: tuple[int, ...]
    params: int
    macs: int
    rf: int | None = None
    jump: int | None = None
    depth: int = 0
    executed: bool = True


@dataclass
class Summary:
    model: str
    input_size: tuple[int, ...]
    layers: list[LayerRow]
    total_params: int
    total_macs: int
    output_shape: tuple[int, ...]
    trainable_params: int = 0
    convention: str = field(default=CONVENTION)

    @property
    def total_flops(self) -> int:
        """FLOPs ≈ 2 × MACs."""
        return 2 * self.total_macs

    def to_dict(self) -> dict[str, Any]:
        layers = []
        for row in self.layers:
            d = asdict(row)
            d["output_shape"] = list(row.output_shape)
            layers.append(d)
        return {
            "model": self.model,
            "input": list(self.input_size),
            "layers": layers,
            "total_params": self.total_params,
            "trainable_params": self.trainable_params,
            "total_macs": self.total_macs,
            "total_flops_approx": self.total_flops,
            "output_shape": list(self.output_shape),
            "convention": self.convention,
        }

    def to_table(self) -> str:
        """An aligned text table with totals, like torchinfo's."""
        head = ("Layer", "Type", "Output shape", "Params", "MACs", "RF")
        rows = [head]
        for r in self.layers:
            shape = "×".join(map(str, r.output_shape)) if r.executed else "(not run)"
            rf = "" if r.rf is None else f"{r.rf}×{r.rf}"
            rows.append(("  " * max(r.depth - 1, 0) + r.name, r.type, shape, f"{r.params:,}", f"{r.macs:,}", rf))
        widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
        right = {3, 4}

        def line(row: tuple[str, ...]) -> str:
            return "  ".join(c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths))).rstrip()

        rule = "-" * len(line(head))
        out = [f"{self.model} — input {'×'.join(map(str, self.input_size))}", rule, line(head), rule]
        out += [line(r) for r in rows[1:]]
        out += [
            rule,
            f"Total parameters: {self.total_params:,} (trainable {self.trainable_params:,})",
            f"Total MACs: {self.total_macs:,} ({self.total_macs / 1e9:.3f} G); FLOPs ≈ {self.total_flops:,}",
            f"Output shape: {'×'.join(map(str, self.output_shape))}",
            f"Convention: {CONVENTION}.",
        ]
        return "\n".join(out)
