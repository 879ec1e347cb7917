"""Precompute the degradation lesson so the page shows results instantly.

    python scripts/precompute_degradation.py                 # classroom preset + gradient norms (CPU, ~1 min)
    python scripts/precompute_degradation.py --preset full --device cuda   # CIFAR-10 (needs it on disk, GPU)
    python scripts/precompute_degradation.py --gradients-only

Writes assets/degradation/<preset>.json (the `python -m cnnlab degradation --json` contract plus the preset's
settings) and assets/degradation/gradients.json (cnnlab.degradation.gradient_lesson()).
A preset whose dataset is missing is skipped with the message that says how to get it.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cnnlab import degradation as deg  # noqa: E402


def write(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {path}", file=sys.stderr)


def run(preset: str, device: str) -> None:
    result = None
    for event in deg.run_preset(preset, device=device):
        if isinstance(event, deg.RunDone):
            kind = "residual" if event.residual else "plain"
            print(f"{preset}: {kind}-{event.depth} train error {[round(e, 4) for e in event.train_error]} "
                  f"({event.seconds:.1f} s)", file=sys.stderr)
        elif isinstance(event, deg.PresetDone):
            result = event.result
    assert result is not None
    deg.validate_result(result)
    eff = deg.effect(result)
    print(f"{preset}: {result['seconds']:.1f} s; plain deep/shallow {eff.plain_ratio:.2f}x; residual "
          f"{eff.residual_shallow:.4f} -> {eff.residual_deep:.4f}; effect shown: {eff.shown}", file=sys.stderr)
    write(deg.ASSET_DIR / f"{preset}.json", {**result, "settings": deg.preset_settings(deg.PRESETS[preset])})


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--preset", action="append", choices=list(deg.PRESETS),
                   help="preset(s) to run (default: classroom, and full when CIFAR-10 is on disk)")
    p.add_argument("--device", default="auto")
    p.add_argument("--gradients-only", action="store_true")
    p.add_argument("--no-gradients", action="store_true")
    args = p.parse_args()
    if not args.gradients_only:
        for preset in args.preset or list(deg.PRESETS):
            try:
                run(preset, args.device)
            except deg.DatasetUnavailable as e:
                print(f"{preset}: skipped — {e}", file=sys.stderr)
    if not args.no_gradients:
        start = time.perf_counter()
        write(deg.ASSET_DIR / "gradients.json", deg.gradient_lesson())
        print(f"gradients: {time.perf_counter() - start:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
