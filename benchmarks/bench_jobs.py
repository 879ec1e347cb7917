"""A class pressing Train together: the job service vs the same jobs one after another (issue 9).

Targets: N students press Train at once (the lab default: LeNet-5, 8 epochs of the bundled digits) while others
move sliders; every job finishes with exactly the accuracy it gets alone, and the last one is done within
1.2× the time of the N jobs run one after another.

Three measurements in one run, so machine load hits all of them alike:

1. sequential — N × ``run_job`` one after another in this process with ``default_threads()`` threads: what one
   student alone gets today (the time baseline). On a loaded machine two-thread runs slow down far more than
   one-thread jobs (their threads wait for each other), so a second ratio uses N × the alone time below.
2. alone      — the service recipe (the backend's thread share) as the only job on the service: the accuracy
   reference ("the accuracy it gets alone") and one job's time on a worker.
3. together   — N copies submitted at once; the time from the submissions until the last one is done (workers
   already started and warm, as on a server that has run a job before), while ``--sliders`` threads here do
   page-like work (a model summary for a new input size every 0.3 s; their latency is printed too).

    python benchmarks/bench_jobs.py                     # N = 10 (about 5 minutes on an idle 2-core machine)
    python benchmarks/bench_jobs.py --jobs 4            # shorter
    python benchmarks/bench_jobs.py --jobs 4 --epochs 2 --subset 2000   # quick look
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cnnlab import train as tr  # noqa: E402
from cnnlab.jobs import FINISHED, JobService, LocalBackend, lab_recipe, run_job  # noqa: E402


def sliders(stop: threading.Event, latencies: list[float], seed: int) -> None:
    """A student moving an input-size slider on the architecture page: a summary for a new size every 0.3 s."""
    from cnnlab.models import build
    from cnnlab.summary import summarize

    model = build("resnet18")
    size = 160 + seed
    while not stop.is_set():
        size = 160 + (size - 159) % 96
        start = time.perf_counter()
        summarize(model, (3, size, size))
        latencies.append(time.perf_counter() - start)
        stop.wait(0.3)


def wait_all(service: JobService, jobs: dict[str, str], timeout: float) -> dict[str, float]:
    """owner -> seconds from now until their job finished."""
    start, done = time.perf_counter(), {}
    while len(done) < len(jobs):
        for owner, job in jobs.items():
            if owner not in done and service.status(job, owner).state in FINISHED:
                done[owner] = time.perf_counter() - start
        if time.perf_counter() - start > timeout:
            raise SystemExit(f"timed out: {len(done)} of {len(jobs)} jobs finished in {timeout:.0f} s")
        time.sleep(0.05)
    return done


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--jobs", type=int, default=10, help="students pressing Train together (default 10)")
    p.add_argument("--sliders", type=int, default=5, help="threads doing page work meanwhile (default 5)")
    p.add_argument("--epochs", type=int, default=None, help="default: the lab's 8")
    p.add_argument("--subset", type=int, default=None, help="training and test images (default: all)")
    p.add_argument("--workers", type=int, default=None, help="service concurrency (default: the cores)")
    p.add_argument("--sequential-threads", type=int, default=None,
                   help="threads of the sequential runs (default: default_threads(), today's setting)")
    args = p.parse_args(argv)
    began = time.perf_counter()

    recipe = lab_recipe(device="cpu", subset=args.subset, test_subset=args.subset,
                        **({"epochs": args.epochs} if args.epochs else {}))
    backend = LocalBackend(args.workers, device="cpu")
    service = JobService(backend, owner_timeout=3600.0)
    alone_threads = args.sequential_threads or tr.default_threads()
    print(f"lab recipe: {recipe.model}, {recipe.epochs} epochs, batch {recipe.batch_size}, "
          f"{'all' if recipe.subset is None else recipe.subset} images; {os.cpu_count()} cores; "
          f"service: {backend.capacity} workers × {backend.threads} thread(s); sequential: {alone_threads} threads",
          flush=True)

    # warm-up: every worker imports torch and runs a tiny job; this process loads the data once
    tiny = replace(recipe, epochs=1, subset=256, test_subset=256)
    warm = {f"warm{i}": service.submit(f"warm{i}", tiny) for i in range(backend.capacity)}
    run_job(replace(tiny, threads=alone_threads), lambda event: None)
    wait_all(service, warm, 600)

    sequential, seq_acc = [], []
    for _ in range(args.jobs):
        start = time.perf_counter()
        result = run_job(replace(recipe, threads=alone_threads), lambda event: None)
        sequential.append(time.perf_counter() - start)
        seq_acc.append(result["test_acc"])
    print(f"sequential: {sum(sequential):.1f} s for {args.jobs} jobs "
          f"({', '.join(f'{s:.1f}' for s in sequential)}); accuracy {seq_acc[0]:.2%}", flush=True)

    job = service.submit("alone", recipe)
    alone_seconds = wait_all(service, {"alone": job}, 3600)["alone"]
    alone = service.result(job, "alone")
    print(f"alone on the service: {alone_seconds:.1f} s, accuracy {alone['test_acc']:.2%}", flush=True)

    stop, latencies = threading.Event(), []
    threads = [threading.Thread(target=sliders, args=(stop, latencies, i), daemon=True) for i in range(args.sliders)]
    for t in threads:
        t.start()
    start = time.perf_counter()
    jobs = {f"student{i}": service.submit(f"student{i}", recipe) for i in range(args.jobs)}
    finished = wait_all(service, jobs, 3600)
    together = time.perf_counter() - start
    stop.set()
    for t in threads:
        t.join()
    results = {owner: service.result(job, owner) for owner, job in jobs.items()}
    service.shutdown()

    failed = [o for o, r in results.items() if r is None]
    same = [o for o, r in results.items() if r is not None and r["test_acc"] == alone["test_acc"]
            and r["weights"] == alone["weights"]]
    ratio = together / sum(sequential)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"together:   last of {args.jobs} done after {together:.1f} s (first {min(finished.values()):.1f} s); "
          f"load average {load:.1f}")
    if latencies:
        print(f"sliders:    {len(latencies)} summaries, median {1000 * statistics.median(latencies):.0f} ms, "
              f"max {1000 * max(latencies):.0f} ms")
    print(f"ratio together / sequential = {ratio:.2f} (target ≤ 1.2); together / ({args.jobs} × alone on the "
          f"service) = {together / (args.jobs * alone_seconds):.2f}")
    print(f"identical to the alone run (accuracy and weights): {len(same)} of {args.jobs}"
          + (f"; failed: {failed}" if failed else "")
          + f"; sequential at {alone_threads} threads: {seq_acc[0]:.2%}")
    print(f"the benchmark took {time.perf_counter() - began:.0f} s in all")
    return 0 if len(same) == args.jobs else 1


if __name__ == "__main__":
    raise SystemExit(main())
