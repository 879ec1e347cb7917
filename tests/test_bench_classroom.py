"""benchmarks/bench_classroom.py's own client against a real server: a short class of three students browsing."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("bench_classroom", ROOT / "benchmarks" / "bench_classroom.py")
bench = sys.modules["bench_classroom"] = importlib.util.module_from_spec(_spec)   # dataclasses look it up there
_spec.loader.exec_module(bench)


def test_three_students_browse_every_page_without_an_exception_box():
    args = bench.parse(["--students", "3", "--seconds", "10", "--think", "1", "--no-warm-up", "--no-expired",
                        "--settle", "0.5", "--ttl", "5", "--run-timeout", "60"])
    report = bench.run(args)
    (result,) = report["rounds"]
    assert result["exceptions"] == 0, result["exception_samples"]
    assert result["timeouts"] == 0 and result["disconnects"] == 0
    assert result["latency_s"]["open"]["n"] >= 3                      # every student got a page
    moves = sum(result["latency_s"].get(kind, {}).get("n", 0) for kind in ("rerun", "page_switch"))
    assert moves > 0
    assert result["rss_mb"]["peak"] > report["rss_mb_start"] > 0      # the client read the server's memory
    assert "students per core" in report["guidance"] or "fewer than" in report["guidance"]
