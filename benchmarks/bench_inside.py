"""Seeing-inside speed: an AlexNet-size forward pass with one layer's feature maps captured and drawn, and the cost
of each attribution method — with a bare ``model(x)`` forward measured in the same run as the peer.

    python benchmarks/bench_inside.py [--repeat 15] [--threads 2] [--markdown]

Issue 5's target: AlexNet forward + rendering on a 224×224 image ≤ 150 ms of compute on two CPU cores.
"rendering" = building the plotly figure of the maps and serialising it to JSON, as Streamlit does before sending.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import torch
import torchvision

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cnnlab.attribution import METHODS, attribute, cost  # noqa: E402
from cnnlab.feature_maps import feature_maps, first_conv  # noqa: E402
from cnnlab.figures.attribution import attribution_overlay  # noqa: E402
from cnnlab.figures.feature_maps import feature_map_grid, filter_grid  # noqa: E402
from cnnlab.images import load_sample, to_tensor  # noqa: E402
from cnnlab.pretrained import IMAGENET_MEAN, IMAGENET_STD, load_bundled, preprocess  # noqa: E402


def _median_ms(fn, repeat: int) -> float:
    fn()   # warm-up (allocator, lazy imports)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(1000 * (time.perf_counter() - start))
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args(argv)
    torch.set_num_threads(args.threads)

    alexnet = torchvision.models.alexnet(weights=None).eval()   # same compute as the pretrained one
    x = to_tensor(load_sample("cat"), (3, 224, 224), IMAGENET_MEAN, IMAGENET_STD)
    rows: list[tuple[str, float, str]] = []

    with torch.no_grad():
        bare = _median_ms(lambda: alexnet(x), args.repeat)
    rows.append(("AlexNet 224×224: bare model(x) (peer)", bare, ""))
    for layer in ("features.0", "features.10"):
        def page_step(layer: str = layer) -> None:
            maps = feature_maps(alexnet, x, layer)
            feature_map_grid(maps, max_maps=32, cols=8).to_json()
        ms = _median_ms(page_step, args.repeat)
        rows.append((f"AlexNet: forward + maps of {layer} + figure (32 maps)", ms,
                     f"{ms / bare:.2f}× bare; target ≤ 150 ms: {'met' if ms <= 150 else 'MISSED'}"))
    ms = _median_ms(lambda: filter_grid(first_conv(alexnet)[1]).to_json(), args.repeat)
    rows.append(("AlexNet: first-layer filter grid (64 filters)", ms, ""))

    lenet = load_bundled()
    xd = preprocess(load_sample("digit_3"), lenet)
    settings = {"lenet": dict(steps=32, window=4, stride=2), "alexnet": dict(steps=32, window=32, stride=16)}
    for name, model, inp, size in (("LeNet-5 28×28", lenet.model, xd, (1, 28, 28)),
                                   ("AlexNet 224×224", alexnet, x, (3, 224, 224))):
        opts = settings["lenet" if size[1] == 28 else "alexnet"]
        for method in METHODS:
            repeat = max(3, args.repeat // (5 if method in ("occlusion", "integrated_gradients") else 1))
            image = inp[0] * 0 + 0.5

            def run(method: str = method) -> None:
                heat = attribute(model, inp, 3, method, **opts)
                attribution_overlay(image.clamp(0, 1), heat).to_json()
            ms = _median_ms(run, repeat)
            c = cost(method, size, **opts)
            rows.append((f"{name}: {method} + overlay", ms, f"{c.forward} forward / {c.backward} backward"))

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"torch {torch.__version__}, {args.threads} threads, median of {args.repeat}, load average {load:.1f}")
    if args.markdown:
        print("| step | median ms | note |\n|---|---:|---|")
        for label, ms, note in rows:
            print(f"| {label} | {ms:.1f} | {note} |")
    else:
        for label, ms, note in rows:
            print(f"{label:58s} {ms:9.1f} ms  {note}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
