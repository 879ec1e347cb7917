"""The Ray backend vs the local pool: what running the lab default job on Ray costs (issue 10).

Three backends with the same slots — ``--jobs`` jobs at once, ``--threads`` CPU threads each: the local pool
(LocalBackend: persistent worker processes), Ray with warm workers (RayBackend: a finished job's actor takes
the next job) and Ray with a fresh worker per job (``idle_seconds=0``: what the first job of a quiet class pays —
a new process that imports torch). Each is warmed first (a tiny job: workers up, code shipped), then, taking
turns so that other load on the machine hits all three alike, ``--repeat`` times:

1. alone    — one lab default job (LeNet-5, 8 epochs of the bundled digits, batch 128): submit → done, and
   submit → first event;
2. together — ``--jobs`` copies submitted at once, until the last is done.

Printed: median times, the ratios to the local pool and the overhead in seconds, and whether every Ray job gave
the same weights as the local pool (it must: same recipe, same threads). The Ray cluster is a private head on
127.0.0.1 (tests/rayhead.py; it counts twice the CPUs, so the warm backend's idle workers never keep the other
Ray backend waiting) unless ``--address`` names one.

    python benchmarks/bench_ray.py                      # the lab default, 2 jobs × 1 thread
    python benchmarks/bench_ray.py --epochs 2 --repeat 3
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from cnnlab.jobs import FINISHED, JobService, LocalBackend, lab_recipe  # noqa: E402


def run(service: JobService, recipes: dict[str, object], timeout: float = 3600.0) -> dict[str, tuple]:
    """owner -> (seconds to the first event, seconds to done, result), all submitted at once."""
    start = time.perf_counter()
    jobs = {owner: service.submit(owner, recipe) for owner, recipe in recipes.items()}
    first: dict[str, float] = {}
    done: dict[str, float] = {}
    while len(done) < len(jobs):
        now = time.perf_counter() - start
        for owner, job in jobs.items():
            if owner not in first and service.events(job, owner):
                first[owner] = now
            if owner not in done and service.status(job, owner).state in FINISHED:
                done[owner] = now
                if service.status(job, owner).state != "done":
                    raise SystemExit(f"{owner}'s job ended {service.status(job, owner)}")
        if now > timeout:
            raise SystemExit(f"timed out after {timeout:.0f} s")
        time.sleep(0.02)
    return {o: (first[o], done[o], service.result(jobs[o], o)) for o in jobs}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--jobs", type=int, default=2, help="jobs at once on each backend (default 2)")
    p.add_argument("--threads", type=int, default=1, help="CPU threads per job (default 1)")
    p.add_argument("--epochs", type=int, default=None, help="default: the lab's 8")
    p.add_argument("--repeat", type=int, default=1, help="alone runs per backend; the median is printed")
    p.add_argument("--address", default=None, help="a Ray cluster to use instead of a private head")
    args = p.parse_args(argv)

    recipe = lab_recipe(device="cpu", threads=args.threads, **({"epochs": args.epochs} if args.epochs else {}))
    tiny = replace(recipe, epochs=1, subset=256, test_subset=256)
    head = None
    if args.address is None:
        from rayhead import start_head

        head = start_head(num_cpus=2 * args.jobs * args.threads)
    from cnnlab.jobs.ray_backend import RayBackend

    address = args.address or head.address
    backends = {"local": LocalBackend(args.jobs, threads=args.threads, device="cpu"),
                "ray": RayBackend(address, threads=args.threads, jobs=args.jobs, idle_seconds=3600.0),
                "ray-fresh": RayBackend(address, threads=args.threads, jobs=args.jobs, idle_seconds=0.0)}
    services = {name: JobService(backend, owner_timeout=3600.0) for name, backend in backends.items()}
    print(f"lab recipe: {recipe.model}, {recipe.epochs} epochs, batch {recipe.batch_size}, all 8,000 images; "
          f"{os.cpu_count()} cores; each backend: {args.jobs} jobs at once × {args.threads} thread(s)", flush=True)
    alone: dict[str, list[tuple]] = {name: [] for name in services}
    together: dict[str, list[float]] = {name: [] for name in services}
    results: dict[str, list[dict]] = {name: [] for name in services}
    try:
        for service in services.values():   # warm: workers up, code shipped
            run(service, {f"warm{i}": tiny for i in range(args.jobs)})
        for _ in range(args.repeat):   # taking turns: load from elsewhere hits every backend alike
            for name, service in services.items():
                alone[name].append(run(service, {"alone": recipe})["alone"])
                results[name].append(alone[name][-1][2])
            for name, service in services.items():
                runs = run(service, {f"s{i}": recipe for i in range(args.jobs)})
                together[name].append(max(r[1] for r in runs.values()))
                results[name] += [r[2] for r in runs.values()]
    finally:
        for service in services.values():
            service.shutdown()
        if head is not None:
            head.stop()

    med = statistics.median
    for name in services:
        print(f"{name:9}: alone {med(r[1] for r in alone[name]):6.1f} s (first event after "
              f"{med(r[0] for r in alone[name]):.2f} s); together {med(together[name]):6.1f} s for {args.jobs} jobs "
              f"(runs: {', '.join(f'{r[1]:.1f}' for r in alone[name])} / "
              f"{', '.join(f'{t:.1f}' for t in together[name])})")
    a_local, t_local = med(r[1] for r in alone["local"]), med(together["local"])
    for name in ("ray", "ray-fresh"):
        a, t = med(r[1] for r in alone[name]), med(together[name])
        print(f"{name} / local: alone {a / a_local:.2f} ({a - a_local:+.1f} s per job), "
              f"together {t / t_local:.2f} ({t - t_local:+.1f} s)")
    reference = results["local"][0]
    on_ray = results["ray"] + results["ray-fresh"]
    same = sum(r["weights"] == reference["weights"] for r in on_ray)
    print(f"Ray jobs with the local pool's weights: {same} of {len(on_ray)}; test accuracy "
          f"{reference['test_acc']:.2%}; load average {os.getloadavg()[0]:.1f} (other work on the machine skews "
          f"every figure)")
    return 0 if same == len(on_ray) else 1


if __name__ == "__main__":
    raise SystemExit(main())
