"""cnnlab.summarize vs torchinfo vs fvcore on the same model instances, in one run.

    python benchmarks/bench_summary.py [--repeat 5] [--markdown]

Prints the median milliseconds per summary and the speed-up ratios, plus whether each tool's parameter
and MAC totals agree with cnnlab's (torchinfo's "mult-adds" and fvcore's "flops" are both MACs).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
import warnings
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
warnings.filterwarnings("ignore")

import torch  # noqa: E402
import torchvision  # noqa: E402

from cnnlab.models import build  # noqa: E402
from cnnlab.summary import summarize  # noqa: E402


def median_ms(fn: Callable[[], object], repeat: int) -> tuple[float, object]:
    result = fn()  # warm-up (first call pays one-off costs for every tool alike)
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--markdown", action="store_true", help="print a markdown table")
    args = parser.parse_args()

    import torchinfo
    from fvcore.nn import FlopCountAnalysis, parameter_count

    torch.set_num_threads(max(1, torch.get_num_threads()))
    models = [
        ("cnnlab vgg16", lambda: build("vgg16")),
        ("cnnlab resnet50", lambda: build("resnet50")),
        ("cnnlab googlenet", lambda: build("googlenet", aux_logits=False)),
        ("torchvision resnet50", lambda: torchvision.models.resnet50()),
        ("torchvision mobilenet_v3_large", lambda: torchvision.models.mobilenet_v3_large()),
        ("torchvision efficientnet_b0", lambda: torchvision.models.efficientnet_b0()),
        ("torchvision densenet121", lambda: torchvision.models.densenet121()),
        ("torchvision convnext_tiny", lambda: torchvision.models.convnext_tiny()),
        ("torchvision vit_b_16", lambda: torchvision.models.vit_b_16()),
    ]
    rows = []
    for label, make in models:
        model = make().eval()
        x = torch.zeros(1, 3, 224, 224)

        def run_fvcore() -> tuple[int, int]:
            flops = FlopCountAnalysis(model, x)
            flops.unsupported_ops_warnings(False)
            flops.uncalled_modules_warnings(False)
            return parameter_count(model)[""], int(flops.total())

        ours_ms, ours = median_ms(lambda: summarize(model, (3, 224, 224)), args.repeat)
        info_ms, info = median_ms(lambda: torchinfo.summary(model, input_size=(1, 3, 224, 224), verbose=0),
                                  max(1, args.repeat // 2))
        fv_ms, (fv_params, fv_macs) = median_ms(run_fvcore, max(1, args.repeat // 2))
        rows.append((label, ours_ms, info_ms, fv_ms, ours.total_params, ours.total_macs,
                     info.total_params, info.total_mult_adds, fv_params, fv_macs))
        print(f"{label:32s} cnnlab {ours_ms:7.1f} ms  torchinfo {info_ms:7.1f} ms  fvcore {fv_ms:7.1f} ms  "
              f"×{info_ms / ours_ms:5.1f} / ×{fv_ms / ours_ms:5.1f}", file=sys.stderr)

    if args.markdown:
        print("| model (224×224, batch 1) | cnnlab ms | torchinfo ms | fvcore ms | × faster than torchinfo "
              "| × faster than fvcore | cnnlab params | cnnlab GMACs | torchinfo GMACs | fvcore GMACs |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for label, o, i, f, p, m, ip, im, fp, fm in rows:
            print(f"| {label} | {o:.1f} | {i:.1f} | {f:.1f} | {i / o:.1f} | {f / o:.1f} | {p:,} | {m / 1e9:.3f} "
                  f"| {im / 1e9:.3f} | {fm / 1e9:.3f} |")
    else:
        for label, o, i, f, p, m, ip, im, fp, fm in rows:
            agree = "params agree" if p == ip == fp else f"params differ ({p:,}/{ip:,}/{fp:,})"
            print(f"{label}: ×{i / o:.1f} vs torchinfo, ×{f / o:.1f} vs fvcore; {agree}; "
                  f"GMACs cnnlab {m / 1e9:.3f}, torchinfo {im / 1e9:.3f}, fvcore {fm / 1e9:.3f}")
    slow = [r[0] for r in rows if r[1] > r[2]]
    print(f"slower than torchinfo on: {', '.join(slow) if slow else 'none'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
