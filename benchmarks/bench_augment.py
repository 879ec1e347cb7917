"""Training throughput with augmentation on vs off (target: augmented ≥ 50 % of unaugmented images/s).

The lab default (LeNet-5 modern, the bundled digits, batch 128, the lab recipe, the "digits" augmentation preset)
trained by ``cnnlab.train`` three ways, interleaved so a change in machine load hits all alike:

* plain     — no augmentation (``TensorLoader``: batches sliced from one normalised tensor);
* batched   — ``cnnlab.augmentation`` on each whole batch on the training device (``AugmentedLoader``);
* per-image — the peer: the pipeline cnnlab used before, torchvision ``transforms.v2`` applied to one digit at a
  time in a DataLoader worker (1 worker on ≤ 2 cores, else 2). A trimmed copy of it lives in this file only.

Images/s is training images per second of training time (evaluation excluded), as ``cnnlab.train`` reports it.
Then the time to augment one batch of 128 × 1 × 28 × 28 digits on 1 and 2 threads, both ways.

    python benchmarks/bench_augment.py                       # 2 epochs, 3 repeats, cpu, 2 threads
    python benchmarks/bench_augment.py --device cuda --markdown
    python benchmarks/bench_augment.py --no-peer             # skip the slow per-image peer
"""
from __future__ import annotations

import argparse
import dataclasses
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import torch  # noqa: E402
from torch.nn import functional as F  # noqa: E402
from torchvision.transforms import v2  # noqa: E402

from cnnlab import train as tr  # noqa: E402
from cnnlab.augmentation import AugmentConfig, build_augmentation, preset  # noqa: E402
from cnnlab.data import load_dataset, make_loaders  # noqa: E402
from cnnlab.images import normalize  # noqa: E402


# ---------------------------------------------------------------- the peer: cnnlab's old per-image pipeline
class _CropSameSize(v2.RandomResizedCrop):
    def __init__(self, scale: tuple[float, float]) -> None:
        super().__init__(size=1, scale=scale, antialias=True)

    def make_params(self, flat_inputs: list[Any]) -> dict[str, Any]:
        return {**super().make_params(flat_inputs), "out_size": list(v2.query_size(flat_inputs))}

    def transform(self, inpt: Any, params: dict[str, Any]) -> Any:
        params = dict(params)
        size = params.pop("out_size")
        return self._call_kernel(v2.functional.resized_crop, inpt, **params, size=size,
                                 interpolation=self.interpolation, antialias=self.antialias)


class _ElasticWarp(v2.ElasticTransform):
    """The old cnnlab ElasticWarp: torchvision's transform with a separable, size-capped Gaussian."""

    def make_params(self, flat_inputs: list[Any]) -> dict[str, Any]:
        height, width = v2.query_size(flat_inputs)
        field = torch.rand(2, 1, height, width) * 2 - 1
        sigma = float(self.sigma[0])
        radius = max(0, min(int(4 * sigma), height - 1, width - 1))
        if radius > 0:
            x = torch.arange(-radius, radius + 1, dtype=torch.float32)
            k = torch.exp(-0.5 * (x / sigma) ** 2)
            k = k / k.sum()
            field = F.pad(field, (radius, radius, radius, radius), mode="reflect")
            field = F.conv2d(F.conv2d(field, k.view(1, 1, 1, -1)), k.view(1, 1, -1, 1))
        dx, dy = field[0:1] * self.alpha[0] / width, field[1:2] * self.alpha[1] / height
        return dict(displacement=torch.cat([dx, dy], 1).permute(0, 2, 3, 1))


def per_image_pipeline(c: AugmentConfig) -> v2.Compose:
    """The old builder for the geometric operations the digits preset uses (crop, rotation, shear, warp)."""
    bilinear = v2.InterpolationMode.BILINEAR
    return v2.Compose([_CropSameSize((c.crop, 1.0)), v2.RandomRotation(c.rotation, interpolation=bilinear),
                       v2.RandomAffine(0.0, shear=(-c.shear, c.shear, -c.shear, c.shear), interpolation=bilinear),
                       _ElasticWarp(alpha=c.elastic_alpha, sigma=c.elastic_sigma)])


class _PerImage(torch.utils.data.Dataset):
    def __init__(self, images: torch.Tensor, labels: torch.Tensor, transform: Any) -> None:
        self.images, self.labels, self.transform = images, labels, transform
        self.mean, self.std = (0.1307,), (0.3081,)

    def __len__(self) -> int:
        return len(self.labels)

    def __getitem__(self, i: int) -> tuple[torch.Tensor, torch.Tensor]:
        x = self.transform(self.images[i]).float().div(255)
        return normalize(x, self.mean, self.std), self.labels[i]


def per_image_loader(config: AugmentConfig, batch_size: int, device: torch.device) -> torch.utils.data.DataLoader:
    xtr, ytr, _, _ = load_dataset("mnist10k")
    workers = 1 if (os.cpu_count() or 1) <= 2 else 2
    return torch.utils.data.DataLoader(_PerImage(xtr, ytr, per_image_pipeline(config)), batch_size=batch_size,
                                       shuffle=True, num_workers=workers, pin_memory=device.type == "cuda",
                                       generator=torch.Generator().manual_seed(0), persistent_workers=True)


# ---------------------------------------------------------------- measurements
def images_per_second(train_loader: Any, test_loader: Any, info: Any, config: tr.TrainConfig, model: str) -> float:
    tr.seed_everything(0)
    net = tr.build_model(model, info.input_size, len(info.classes))
    done = None
    for event in tr.train(net, train_loader, test_loader, config):
        if isinstance(event, tr.Done):
            done = event
    assert done is not None
    return done.images_per_second


def batch_ms(fn: Any, threads: int, repeats: int, device: torch.device) -> float:
    """Median milliseconds of ``fn()`` with ``threads`` CPU threads."""
    before = torch.get_num_threads()
    torch.set_num_threads(threads)
    try:
        for _ in range(3):
            fn()
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            fn()
            if device.type == "cuda":
                torch.cuda.synchronize()
            times.append(time.perf_counter() - start)
        return statistics.median(times) * 1e3
    finally:
        torch.set_num_threads(before)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--model", default="lenet5_modern")
    p.add_argument("--epochs", type=int, default=2)
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--batch-size", type=int, default=tr.LAB_BATCH_SIZE)
    p.add_argument("--device", default="cpu")
    p.add_argument("--threads", type=int, default=tr.default_threads())
    p.add_argument("--no-peer", action="store_true", help="skip the old per-image pipeline")
    p.add_argument("--markdown", action="store_true")
    args = p.parse_args(argv)

    device = tr.pick_device(args.device)
    config = dataclasses.replace(tr.LAB_DEFAULT, epochs=args.epochs, device=str(device), threads=args.threads)
    digits = preset("digits")
    load_before = os.getloadavg()[0]
    plain, test_loader, info = make_loaders("mnist10k", args.batch_size, device=device)
    batched, _, _ = make_loaders("mnist10k", args.batch_size, device=device, augment=digits)
    runs: dict[str, tuple[Any, list[float]]] = {"plain": (plain, []), "batched": (batched, [])}
    if not args.no_peer:
        runs["per-image"] = (per_image_loader(digits, args.batch_size, device), [])
    for loader, _ in runs.values():   # warm-up: one epoch each (and the peer's worker starts)
        images_per_second(loader, test_loader, info, dataclasses.replace(config, epochs=1), args.model)
    for _ in range(args.repeats):
        for loader, results in runs.values():
            results.append(images_per_second(loader, test_loader, info, config, args.model))

    x = load_dataset("mnist10k")[0][:args.batch_size].to(device)
    augmentation, generator = build_augmentation(digits), torch.Generator(device).manual_seed(0)
    peer = per_image_pipeline(digits)
    timings = {"batched": [batch_ms(lambda: augmentation(x.float() / 255, generator), t, 100, device)
                           for t in (1, 2)]}
    if not args.no_peer:
        xc = x.cpu()
        timings["per-image"] = [batch_ms(lambda: torch.stack([peer(d) for d in xc]), t, 10, device) for t in (1, 2)]
    load_after = os.getloadavg()[0]

    med = {name: statistics.median(r) for name, (_, r) in runs.items()}
    ratio = med["batched"] / med["plain"]
    head = (f"{args.model}, mnist10k 8000/2000, batch {args.batch_size}, digits preset, {args.epochs} epochs, "
            f"{device}, {args.threads} threads, {args.repeats} repeats, load average {load_before:.1f} → "
            f"{load_after:.1f}")
    shape = f"{args.batch_size}×1×28×28"
    if args.markdown:
        print(f"**{head}**\n\n| training | median images/s | runs |\n|---|---:|---|")
        for name, (_, r) in runs.items():
            print(f"| {name} | {med[name]:,.0f} | {', '.join(f'{v:,.0f}' for v in r)} |")
        print(f"| **batched / plain** | **{ratio:.2f}** | target ≥ 0.5 |")
        if "per-image" in med:
            print(f"| batched / per-image | {med['batched'] / med['per-image']:.1f} × | |")
        print(f"\n| augment one batch {shape} | 1 thread ms | 2 threads ms |\n|---|---:|---:|")
        for name, (one, two) in timings.items():
            print(f"| {name} | {one:.2f} | {two:.2f} |")
    else:
        print(head)
        for name, (_, r) in runs.items():
            print(f"{name:<10} {med[name]:>9,.0f} images/s   ({', '.join(f'{v:,.0f}' for v in r)})")
        print(f"ratio batched/plain {ratio:.2f} (target ≥ 0.5)")
        if "per-image" in med:
            print(f"batched is {med['batched'] / med['per-image']:.1f}× the per-image pipeline")
        for name, (one, two) in timings.items():
            print(f"augment one batch {shape}, {name}: {one:.2f} ms on 1 thread, {two:.2f} ms on 2 threads")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
