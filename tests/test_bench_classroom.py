"""benchmarks/bench_classroom.py's own client against a real server: a short class of three students browsing."""
from __future__ import annotations

import asyncio
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


def test_the_client_keeps_big_elements_as_the_browser_does():
    # A slider in one tab of the augmentation page: the other tabs' figures are unchanged, so the server sends their
    # hashes, and the client shows them from its message cache (with every widget still there to move).
    port = bench.free_port()
    url = f"http://127.0.0.1:{port}"
    server = bench.start_server(port, ttl=5)

    async def visit() -> tuple:
        student = bench.Student(url, run_timeout=90)
        opened = await student.open("augmentation", "lang=en")
        widgets = set(student.widgets)
        moved = await student.set(student.widgets["rot"], [float(student.widgets["rot"].value[0]) + 5])
        after = set(student.widgets)
        await student.close()
        return opened, moved, widgets, after

    try:
        assert bench.wait_healthy(url, 90)
        opened, moved, widgets, after = asyncio.run(visit())
    finally:
        server.terminate()
        server.wait(15)
    assert opened.ok and moved.ok, (opened.exceptions, moved.exceptions)
    assert opened.reused == 0 and moved.reused > 0
    assert moved.received < opened.received
    assert {"rot", "crop", "hue", "draws"} <= widgets == after
