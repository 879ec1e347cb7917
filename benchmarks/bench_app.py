#!/usr/bin/env python
"""App speed: script time of a rerun after a slider change (AppTest), and time to the first page after start.

    python benchmarks/bench_app.py                 # both
    python benchmarks/bench_app.py --no-startup    # reruns only (no browser needed)

Targets: a rerun of the arithmetic and architecture pages ≤ 100 ms; the first page ready ≤ 5 s after
``streamlit run``. Rerun times are the wall time of ``AppTest.run()`` after ``set_value`` (the script itself plus
AppTest's small overhead), median and max over reruns that each move the slider to a value not seen before
(so ``st.cache_data`` hits do not flatter the figure), after two warm-up runs (lazy imports). Startup uses the browser check's helpers: ``streamlit run`` → health → Chromium
opens ``/`` and waits until the script has finished.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# (page file, slider key, values: one new value per rerun, so that no cache hides the work; extra query params)
CASES = [
    ("pages/conv_arithmetic.py", "n", list(range(33, 64)), {}),
    ("pages/conv_arithmetic.py", "k", [3, 5, 7, 9, 11, 1, 2, 4, 6, 8, 10] * 3, {}),
    ("pages/one_by_one.py", "bn_h", list(range(29, 60)), {}),
    ("pages/architectures.py", "size", list(range(200, 231)), {}),  # VGG-16 by default
    ("pages/feature_maps.py", "maps", [4, 8, 12, 16, 20, 24, 28, 32, 36, 40] * 3, {}),   # bundled LeNet-5
    ("pages/feature_maps.py", "ks", [1, 2, 3, 4] * 8, {}),
    ("pages/attribution.py", "steps", list(range(4, 129, 4)), {"method": "integrated_gradients"}),
]
TARGET_MS = 100.0


# The page runs inside a timing wrapper, so the figure is the script's own time (AppTest's wall time adds its
# polling, ~10–50 ms here). st.stop() and exceptions still record the time (finally).
WRAPPER = """
import runpy, time
import streamlit as st
_t0 = time.perf_counter()
try:
    runpy.run_path({path!r}, run_name="__main__")
finally:
    st.session_state["bench.ms"] = (time.perf_counter() - _t0) * 1000
"""


def bench_rerun(page: str, key: str, values: list[int], params: dict, repeats: int) -> tuple[float, float, float] | str:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_string(WRAPPER.format(path=str(ROOT / page)), default_timeout=120)
    at.query_params["lang"] = "en"
    for k, v in params.items():
        at.query_params[k] = str(v)
    at.run()
    if at.exception:
        return f"page raised: {at.exception[0].message}"
    try:
        slider = at.slider(key=key)
    except KeyError:
        return f"no slider with key {key!r}"
    for v in (values[0], values[1]):  # warm-up: lazy imports, first-use costs
        at.slider(key=key).set_value(v).run()
    script, wall = [], []
    for i in range(repeats):
        at.slider(key=key).set_value(values[(i + 2) % len(values)])
        start = time.perf_counter()
        at.run()
        wall.append((time.perf_counter() - start) * 1000)
        if at.exception:
            return f"page raised: {at.exception[0].message}"
        script.append(at.session_state["bench.ms"])
    del slider
    return statistics.median(script), max(script), statistics.median(wall)


def bench_startup(chromium: str) -> tuple[float, float] | str:
    sys.path.insert(0, str(ROOT / "scripts"))
    from browser_check import free_port, start_app, wait_health, wait_idle

    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return "playwright not installed"
    import tempfile

    port = free_port()
    log = Path(tempfile.mkdtemp(prefix="cnnlab-bench-")) / "streamlit.log"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_page()
        t0 = time.perf_counter()
        proc = start_app(port, log)
        try:
            health = wait_health(port, proc)
            page.goto(f"http://127.0.0.1:{port}/?lang=en")
            wait_idle(page)
            ready = time.perf_counter() - t0 - 0.7  # wait_idle's fixed settle pauses are not the app's time
        finally:
            proc.terminate()
            proc.wait(10)
            browser.close()
            shutil.rmtree(log.parent, ignore_errors=True)
    return health, ready


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--no-startup", action="store_true")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args(argv)

    print(f"script time of a rerun after a slider change (AppTest, {args.repeats} reruns; target ≤ {TARGET_MS:.0f} ms)")
    print(f"{'page':32} {'slider':8} {'median ms':>10} {'max ms':>8} {'AppTest wall ms':>16}")
    for page, key, values, params in CASES:
        result = bench_rerun(page, key, values, params, args.repeats)
        if isinstance(result, str):
            print(f"{page:32} {key:8} {result}")
        else:
            med, worst, wall = result
            flag = "ok" if med <= TARGET_MS else "SLOW"
            print(f"{page:32} {key:8} {med:10.1f} {worst:8.1f} {wall:16.1f}  {flag}")
    if not args.no_startup:
        result = bench_startup(args.chromium)
        if isinstance(result, str):
            print(f"startup: {result}")
        else:
            health, ready = result
            flag = "ok" if ready <= 5 else "SLOW"
            print(f"startup: server healthy {health:.2f} s, first page ready {ready:.2f} s after `streamlit run`"
                  f"  (target ≤ 5 s) {flag}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
