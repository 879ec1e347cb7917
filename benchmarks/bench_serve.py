#!/usr/bin/env python
"""A class browsing the app: one Streamlit process vs `python -m cnnlab serve --replicas N` (HAProxy in front).

    python benchmarks/bench_serve.py                          # 30 students, 90 s, 1 process vs 2 replicas
    python benchmarks/bench_serve.py --students 10 --seconds 30 --markdown

Runs the classroom load tool's `browse` scenario (each student opens a random page in English or Korean, then
thinks ~2 s and moves a widget, or switches page 1 time in 4) first against `streamlit run app.py` alone (torch
may use every core), then through `serve`'s proxy (each replica gets cores / N threads), in the same invocation.
Prints the p95 latency of each kind of action and the errors of both runs, the ratio replicas / one process, and
how many sessions HAProxy sent to each replica. The tool is ../shared/tools/classroom_load.py (or --load-tool,
or $CNNLAB_LOAD_TOOL); it opens each websocket without the SERVERID cookie, which is fine here: a session stays
on the connection it opened (the cookie matters for a browser's uploads, media and reconnects).
A busy machine skews both runs: each run first waits (up to --wait-quiet s) for the CPUs to be idle, and reports
the cores its server(s) used and the cores other processes used meanwhile (`other cores busy`).
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cnnlab import serve  # noqa: E402

KINDS = ("open", "page_switch", "rerun")


def machine_busy_s() -> float:
    """Busy CPU seconds of the whole machine so far (/proc/stat)."""
    with open("/proc/stat") as fh:
        v = [int(x) for x in fh.readline().split()[1:9]]
    return (sum(v) - v[3] - v[4]) / os.sysconf("SC_CLK_TCK")


def tree_cpu_s(root: int) -> float:
    """CPU seconds used so far by ``root`` and its descendants (the server: one process, or serve's children)."""
    stats: dict[int, tuple[int, float]] = {}
    for entry in Path("/proc").iterdir():
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            stats[int(entry.name)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK"))
        except (OSError, ValueError, IndexError):
            continue
    total, todo = 0.0, [root]
    while todo:
        pid = todo.pop()
        total += stats.get(pid, (0, 0.0))[1]
        todo += [child for child, (ppid, _) in stats.items() if ppid == pid]
    return total


def wait_quiet(seconds: float) -> float:
    """Up to ``seconds``: wait until the machine is below 0.3 busy cores (2 s windows); returns the last reading."""
    busy = 0.0
    for _ in range(max(1, int(seconds / 2))):
        b0 = machine_busy_s()
        time.sleep(2)
        busy = (machine_busy_s() - b0) / 2
        if busy < 0.3:
            break
    return busy


def load(tool: Path, url: str, args: argparse.Namespace, server: int, server_pid: int | None) -> dict:
    """The browse scenario; adds ``other_cores_busy``: CPU used meanwhile by neither the server(s) nor the tool."""
    cmd = [sys.executable, str(tool), "--url", url, "--scenario", "browse", "--students", str(args.students),
           "--minutes", str(args.seconds / 60), "--think", str(args.think), "--json", "--settle", "1"]
    if server_pid:
        cmd += ["--server-pid", str(server_pid)]
    if args.pages:
        cmd += ["--pages", args.pages]
    t0, busy0, server0 = time.monotonic(), machine_busy_s(), tree_cpu_s(server)
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=args.seconds + 600)
    wall, busy, server_s = time.monotonic() - t0, machine_busy_s() - busy0, tree_cpu_s(server) - server0
    if not done.stdout.strip():
        raise SystemExit(f"bench_serve: the load tool printed nothing: {done.stderr[-800:]}")
    result = json.loads(done.stdout.splitlines()[0])
    result["server_cores_busy"] = round(server_s / wall, 2)
    result["other_cores_busy"] = round(max(0.0, busy - server_s - result["client_cpu_s"]) / wall, 2)
    return result


def one_process(tool: Path, args: argparse.Namespace) -> dict:
    quiet = wait_quiet(args.wait_quiet)
    port = serve.free_ports(1)[0]
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
                             "--server.address", "127.0.0.1", "--server.headless", "true"], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
                            env=dict(os.environ, OMP_NUM_THREADS=str(os.cpu_count() or 1)))
    try:
        deadline = time.monotonic() + 180
        while not serve.healthy(port):
            if proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("bench_serve: streamlit did not start")
            time.sleep(0.25)
        return {**load(tool, f"http://127.0.0.1:{port}", args, proc.pid, proc.pid), "busy_before": quiet}
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


def replicated(tool: Path, args: argparse.Namespace) -> dict:
    quiet = wait_quiet(args.wait_quiet)
    port = serve.free_ports(1)[0]
    proc = subprocess.Popen([sys.executable, "-m", "cnnlab", "serve", "--replicas", str(args.replicas), "--port",
                             str(port)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            start_new_session=True)
    try:
        stats_socket = ""
        for line in proc.stdout:   # serve prints its replicas, the stats socket, then "ready"
            if "stats socket" in line:
                stats_socket = line.rsplit(" ", 1)[1].strip()
            if "ready" in line:
                break
        else:
            raise SystemExit("bench_serve: serve exited before it was ready")
        result = {**load(tool, f"http://127.0.0.1:{port}", args, proc.pid, None), "busy_before": quiet}
        result["sessions_per_replica"] = {name: int(row["stot"]) for name, row in
                                          serve.proxy_stats(stats_socket).items()}
        return result
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=60)


def row(name: str, r: dict) -> list[str]:
    lat, err = r["latency_s"], r["errors"]
    p95 = [f"{lat[k]['p95']:.2f}" if lat.get(k, {}).get("n") else "-" for k in KINDS]
    return [name, *p95, str(r["actions"]), str(err["exceptions"]), str(err["timeouts"]), str(err["disconnects"]),
            f"{r['server_cores_busy']:.2f}", f"{r['other_cores_busy']:.2f}"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--students", type=int, default=30)
    ap.add_argument("--seconds", type=float, default=90.0, help="length of each run")
    ap.add_argument("--think", type=float, default=2.0, help="mean think time between a student's actions, s")
    ap.add_argument("--replicas", type=int, default=2)
    ap.add_argument("--pages", default="", help="comma-separated url paths to browse (default: every page)")
    ap.add_argument("--wait-quiet", type=float, default=60.0,
                    help="before each run, wait up to this long for other processes to leave the CPUs")
    ap.add_argument("--load-tool", type=Path, default=Path(os.environ.get(
        "CNNLAB_LOAD_TOOL", ROOT.parent / "shared" / "tools" / "classroom_load.py")))
    ap.add_argument("--markdown", action="store_true", help="print a markdown table")
    ap.add_argument("--json", action="store_true", help="also print both runs' full JSON reports")
    args = ap.parse_args()
    if not args.load_tool.is_file():
        print(f"bench_serve: no classroom load tool at {args.load_tool} (give --load-tool)", file=sys.stderr)
        return 2
    serve.find_haproxy()

    single = one_process(args.load_tool, args)
    many = replicated(args.load_tool, args)
    header = ["setup", *(f"{k} p95 s" for k in KINDS), "actions", "exceptions", "timeouts", "disconnects",
              "server cores", "other cores busy"]
    rows = [row("1 process", single), row(f"serve --replicas {args.replicas}", many)]
    if args.markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for r in rows:
            print("| " + " | ".join(r) + " |")
    else:
        widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]
        for r in [header, *rows]:
            print("  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths))))
    for k in KINDS:
        a, b = single["latency_s"].get(k, {}), many["latency_s"].get(k, {})
        if a.get("n") and b.get("n"):
            print(f"{k}: p95 {args.replicas} replicas / 1 process = {b['p95'] / a['p95']:.2f}")
    print(f"sessions per replica (HAProxy): {many['sessions_per_replica']}")
    for name, r in (("1 process", single), ("replicas", many)):
        for sample in r["errors"]["samples"]:
            print(f"{name}: {sample}")
    print(f"{args.students} students, {args.seconds:.0f} s per run, think {args.think} s, {os.cpu_count()} cores, "
          f"pages: {args.pages or 'all'}")
    if args.json:
        print(json.dumps({"one_process": single, "replicated": many}))
    errors = [r["errors"] for r in (single, many)]
    return 0 if all(not (e["exceptions"] or e["timeouts"] or e["disconnects"]) for e in errors) else 1


if __name__ == "__main__":
    sys.exit(main())
