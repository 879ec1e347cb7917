"""Overhead of cnnlab.train's generic loop vs a bare hand-written PyTorch loop (target: ratio ≤ 1.05).

Same model (freshly built from the same seed), same in-memory data (``cnnlab.data.make_loaders``), same batch
size, optimizer and thread count; both train and then evaluate on the test set once per epoch. The two are
interleaved (bare, cnnlab, bare, cnnlab, …) so a change in machine load hits both alike; the ratio is of the
medians and of the minima (the minimum is the better estimate on a shared, noisy machine). Also checks the
lab recipe's accuracy (LeNet-5 on the bundled digits, target ≥ 98 % in ≤ 30 s on 2 CPU cores) with ``--recipe``.

    python benchmarks/bench_train.py                    # lenet5_modern, 2 epochs, 3 repeats, cpu
    python benchmarks/bench_train.py --model small_vgg --epochs 1 --repeats 2 --markdown
    python benchmarks/bench_train.py --recipe           # + the full lab recipe once (accuracy and seconds)
"""
from __future__ import annotations

import argparse
import dataclasses
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import torch  # noqa: E402
from torch.nn import functional as F  # noqa: E402

from cnnlab import train as tr  # noqa: E402
from cnnlab.data import make_loaders  # noqa: E402


def bare_loop(model: torch.nn.Module, train_loader, test_loader, epochs: int, lr: float, device: torch.device,
              total_steps: int) -> float:
    """What a student would write by hand: Adam + cosine, train, then evaluate once per epoch. Returns seconds."""
    start = time.perf_counter()
    model.to(device).train()
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=total_steps)
    for _ in range(epochs):
        model.train()
        for x, y in train_loader:
            loss = F.cross_entropy(model(x), y)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            sched.step()
        model.eval()
        correct = 0
        with torch.no_grad():
            for x, y in test_loader:
                correct += (model(x).argmax(1) == y).sum().item()
    if device.type == "cuda":
        torch.cuda.synchronize()
    return time.perf_counter() - start


def cnnlab_loop(model: torch.nn.Module, train_loader, test_loader, config: tr.TrainConfig) -> tuple[float, float]:
    """The one training loop, every event consumed. Returns (seconds, final test accuracy)."""
    start = time.perf_counter()
    acc = 0.0
    for event in tr.train(model, train_loader, test_loader, config):
        if isinstance(event, tr.Epoch):
            acc = event.test_acc
    return time.perf_counter() - start, acc


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--model", default="lenet5_modern")
    p.add_argument("--epochs", type=int, default=2)
    p.add_argument("--batch-size", type=int, default=tr.LAB_BATCH_SIZE)
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--device", default="cpu")
    p.add_argument("--threads", type=int, default=tr.default_threads())
    p.add_argument("--recipe", action="store_true", help="also run the lab recipe once and report accuracy/seconds")
    p.add_argument("--markdown", action="store_true")
    args = p.parse_args(argv)

    device = tr.pick_device(args.device)
    torch.set_num_threads(args.threads)   # the bare loop gets the same threads cnnlab.train would use
    config = dataclasses.replace(tr.LAB_DEFAULT, epochs=args.epochs, device=str(device), threads=args.threads,
                                 amp=False)  # the bare loop has no autocast: compare like with like
    train_loader, test_loader, info = make_loaders("mnist10k", args.batch_size, device=device)
    total = len(train_loader) * args.epochs

    def fresh() -> torch.nn.Module:
        tr.seed_everything(0)
        return tr.build_model(args.model, info.input_size, len(info.classes))

    cnnlab_loop(fresh(), train_loader, test_loader, dataclasses.replace(config, epochs=1))   # warm-up
    bare, ours = [], []
    for _ in range(args.repeats):
        bare.append(bare_loop(fresh(), train_loader, test_loader, args.epochs, config.lr, device, total))
        ours.append(cnnlab_loop(fresh(), train_loader, test_loader, config)[0])

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    rows = [("bare PyTorch loop", bare), ("cnnlab.train", ours)]
    ratio_med = statistics.median(ours) / statistics.median(bare)
    ratio_min = min(ours) / min(bare)
    head = (f"{args.model}, mnist10k 8000/2000, batch {args.batch_size}, {args.epochs} epochs, {device}, "
            f"{args.threads} threads, {args.repeats} repeats, load average {load:.1f}")
    if args.markdown:
        print(f"**{head}**\n\n| loop | median s | min s | runs |\n|---|---|---|---|")
        for name, xs in rows:
            print(f"| {name} | {statistics.median(xs):.2f} | {min(xs):.2f} | {', '.join(f'{x:.2f}' for x in xs)} |")
        print(f"| **ratio cnnlab / bare** | **{ratio_med:.3f}** | **{ratio_min:.3f}** | target ≤ 1.05 |")
    else:
        print(head)
        print(f"{'loop':<20} {'median s':>9} {'min s':>7}  runs")
        for name, xs in rows:
            print(f"{name:<20} {statistics.median(xs):>9.2f} {min(xs):>7.2f}  {', '.join(f'{x:.2f}' for x in xs)}")
        print(f"{'ratio cnnlab/bare':<20} {ratio_med:>9.3f} {ratio_min:>7.3f}  (target ≤ 1.05)")

    if args.recipe:
        recipe = dataclasses.replace(tr.LAB_DEFAULT, device=str(device), threads=args.threads)
        seconds, acc = cnnlab_loop(fresh(), train_loader, test_loader, recipe)
        line = (f"lab recipe ({args.model}, Adam {recipe.lr:g} cosine, {recipe.epochs} epochs, batch "
                f"{args.batch_size}): test accuracy {acc:.2%} in {seconds:.1f} s (target ≥ 98 % in ≤ 30 s)")
        print(f"\n{line}" if not args.markdown else f"\n- {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
