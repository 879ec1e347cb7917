#!/usr/bin/env python
"""Open every page of the app in real Chromium (Playwright), in English and Korean; fail on exception boxes.

    python scripts/browser_check.py                      # all pages, en + ko, screenshots in ./screenshots/
    python scripts/browser_check.py --pages conv_arithmetic,one_by_one --langs ko --out /tmp/shots
    python scripts/browser_check.py --upload             # also upload a good and a broken image where a page has an uploader

It starts ``streamlit run app.py --server.headless true --server.port <free port> --server.address 127.0.0.1``,
waits for ``/_stcore/health``, opens ``/<url_path>?lang=<lang>`` for every page of ``cnnlab.lessons`` (app.py's map),
waits until the script has finished (``stApp`` reports ``notRunning`` and no "Running…" status widget is shown),
fails on any ``[data-testid="stException"]``, checks that the sidebar shows app.py's lessons (not Streamlit's folder-based page list — the first
page opened is a non-home link, as a shared link would be), checks once that the sidebar's 한국어 switch sets
``?lang=ko`` and survives a page change (skip with ``--no-switch``), and saves a full-page PNG per page and language
(``<out>/<url_path>-<lang>.png``; uploads add ``…-upload-good``/``…-upload-broken``). Exit status 1 on any failure.

Needs Chromium (``apt-get install chromium``; default ``/usr/bin/chromium``, or ``--chromium PATH``) and the
``playwright`` Python package (no ``playwright install`` needed: the system Chromium is used).

Adding a step for a page (e.g. the image pages' uploads), without editing this file: create
``scripts/browser_steps_<area>.py`` with ``def my_step(page, ctx) -> list[str]`` that drives the page and returns
failure messages, and ``UPLOAD_STEPS = {"<url_path>": my_step}``. Import the helpers with
``from browser_check import wait_idle, check_page, shot, upload_good_and_broken`` (this folder is on ``sys.path``
when the check runs). ``ctx`` (``Context``) has ``out``, ``lang``, ``url_path``, ``files`` (``"good"``/``"broken"``
sample images), ``timeout_ms``, ``port`` and ``teacher_password`` (the app runs with one, so the teacher's page is
listed; ``$CNNLAB_TEACHER_PASSWORD`` or a random one). Without an entry, ``--upload`` runs ``upload_good_and_broken`` on every page
that shows a file uploader (good image, then broken image; no exception box allowed; a screenshot after each).
"""
from __future__ import annotations

import argparse
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNNING = '[data-testid="stStatusWidget"] [data-testid^="stStatusWidgetRunning"]'
EXCEPTION = '[data-testid="stException"]'


@dataclass
class Context:
    """What a page step needs: where to save, the sample files, the language."""

    out: Path
    lang: str
    url_path: str
    files: dict[str, Path] = field(default_factory=dict)
    timeout_ms: int = 60_000
    port: int = 0                    # the app's port (a step may open more browser contexts on it)
    teacher_password: str = ""       # the app runs with this teacher password (the teacher's page is listed)


def app_pages() -> list[tuple[str, str, bool]]:
    """(page file stem, url path, is default) in app.py's order: the pages of ``cnnlab.lessons`` and the teacher's
    page (the check runs the app with a teacher password)."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from cnnlab.lessons import HOME, page_names

    return [(name, name, name == HOME) for name in page_names(teacher=True)]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_app(port: int, log: Path, teacher_password: str) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
           "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"]
    env = {**os.environ, "CNNLAB_TEACHER_PASSWORD": teacher_password}
    return subprocess.Popen(cmd, cwd=ROOT, stdout=log.open("w"), stderr=subprocess.STDOUT, env=env)


def wait_health(port: int, proc: subprocess.Popen, timeout: float = 60) -> float:
    """Seconds until ``/_stcore/health`` answers ok."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if proc.poll() is not None:
            raise SystemExit(f"streamlit exited with status {proc.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                if r.read().strip() == b"ok":
                    return time.perf_counter() - start
        except OSError:
            pass
        time.sleep(0.1)
    raise SystemExit(f"streamlit was not healthy after {timeout:.0f} s")


def wait_idle(page, timeout_ms: int = 60_000) -> None:
    """Wait until the script run has finished: stApp not running and no running status widget."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout_ms)
    page.wait_for_timeout(300)  # let a rerun triggered by the last action start
    idle = """() => {
            const app = document.querySelector('[data-testid="stApp"]');
            const state = app && app.getAttribute('data-test-script-state');
            return state === 'notRunning' && !document.querySelector('%s');
        }""" % RUNNING.replace("'", "\\'")
    for _ in range(10):   # idle twice in a row: a session's first run reruns itself (app.py's navigation) at once
        page.wait_for_function(idle, timeout=timeout_ms)
        page.wait_for_timeout(400)  # plotly and dataframes draw after the script ends
        if page.evaluate(idle):
            break


def shot(page, path: Path) -> None:
    """Full-page screenshot: Streamlit scrolls inside its main section, so grow the viewport to fit first."""
    width, shown = page.viewport_size["width"], 0
    for _ in range(3):   # the taller viewport lays the page out again, which can make it taller still
        height = min(int(page.evaluate(
            """() => { const m = document.querySelector('[data-testid="stMain"]') || document.body;
                       return Math.max(m.scrollHeight, document.body.scrollHeight); }""")) + 40, 16_000)
        if height <= shown:
            break
        shown = height
        page.set_viewport_size({"width": width, "height": height})
        # The resize makes the page lay out (and draw charts) again: wait until nothing is stale or a skeleton.
        try:
            page.wait_for_function(
                """() => !document.querySelector('[data-stale="true"], [data-testid="stSkeleton"], '
                                                  + '[data-testid="stAppSkeleton"]')""",
                timeout=30_000,
            )
        except Exception:  # noqa: BLE001 — a page polling a job (a fragment every second) may never be all fresh
            pass
        page.wait_for_timeout(800)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size({"width": width, "height": 900})


def check_page(page, where: str, n_pages: int | None = None) -> list[str]:
    """Failure messages for exception boxes on the page (and, given ``n_pages``, a wrong sidebar navigation)."""
    failures = []
    if n_pages is not None:
        links = len(page.query_selector_all('[data-testid="stSidebarNav"] a'))
        if links != n_pages:  # e.g. Streamlit's folder-based page list instead of app.py's lessons
            failures.append(f"{where}: sidebar lists {links} pages, app.py has {n_pages}")
    for box in page.query_selector_all(EXCEPTION):
        text = " ".join(box.inner_text().split())[:300]
        failures.append(f"{where}: exception box: {text}")
    return failures


def make_samples(folder: Path) -> dict[str, Path]:
    """A small valid PNG (a gradient with a square) and a file that only claims to be one."""
    from PIL import Image, ImageDraw

    good = folder / "good.png"
    img = Image.new("RGB", (96, 96), "white")
    draw = ImageDraw.Draw(img)
    for x in range(96):
        draw.line([(x, 0), (x, 95)], fill=(x * 2, 120, 255 - x * 2))
    draw.rectangle([28, 28, 68, 68], fill=(250, 200, 0))
    img.save(good)
    broken = folder / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n this is not really an image")
    return {"good": good, "broken": broken}


def upload_good_and_broken(page, ctx: Context) -> list[str]:
    """Upload the good image, then the broken one; both must end without an exception box."""
    inputs = page.query_selector_all('[data-testid="stFileUploader"] input[type="file"]')
    if not inputs:
        return []
    failures = []
    for kind in ("good", "broken"):
        inputs = page.query_selector_all('[data-testid="stFileUploader"] input[type="file"]')
        inputs[0].set_input_files(str(ctx.files[kind]))
        wait_idle(page, ctx.timeout_ms)
        where = f"{ctx.url_path}?lang={ctx.lang} after uploading the {kind} image"
        failures += check_page(page, where)
        shot(page, ctx.out / f"{ctx.url_path}-{ctx.lang}-upload-{kind}.png")
    return failures


def language_switch_step(page, port: int, pages: list[tuple[str, str, bool]], timeout_ms: int) -> list[str]:
    """Click 한국어 in the sidebar, then another page in the navigation: the URL and the page stay Korean."""
    failures = []
    page.goto(f"http://127.0.0.1:{port}/?lang=en", timeout=timeout_ms)
    wait_idle(page, timeout_ms)
    page.locator('[data-testid="stSidebar"] label').filter(has_text="한국어").first.click()
    wait_idle(page, timeout_ms)
    if "lang=ko" not in page.url:
        failures.append(f"language switch: URL did not get ?lang=ko ({page.url})")
    others = [url for _, url, default in pages if not default]
    if others:
        page.locator(f'[data-testid="stSidebarNav"] a[href$="/{others[0]}"]').first.click()
        wait_idle(page, timeout_ms)
        title = page.locator("h1").first.inner_text() if page.locator("h1").count() else ""
        if not re.search(r"[\uac00-\ud7a3]", title) or "lang=ko" not in page.url:
            failures.append(f"language switch: after opening /{others[0]} from the sidebar the page is not Korean "
                            f"(title {title!r}, URL {page.url})")
    failures += check_page(page, "language switch")
    return failures


# url path -> step run with --upload (after the page's first screenshot). Other helpers add theirs without
# editing this file: any scripts/browser_steps_*.py defining UPLOAD_STEPS = {"url_path": step} is merged in.
UPLOAD_STEPS: dict[str, Callable[[object, Context], list[str]]] = {}


def load_steps() -> dict[str, Callable[[object, Context], list[str]]]:
    """UPLOAD_STEPS here plus those of every scripts/browser_steps_*.py."""
    import importlib.util

    steps = dict(UPLOAD_STEPS)
    for path in sorted(Path(__file__).parent.glob("browser_steps_*.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        steps.update(getattr(module, "UPLOAD_STEPS", {}))
    return steps


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", help="comma-separated url paths (default: every page in app.py)")
    parser.add_argument("--langs", default="en,ko", help="comma-separated languages (default: en,ko)")
    parser.add_argument("--out", default="screenshots", help="screenshot folder (default: ./screenshots)")
    parser.add_argument("--upload", action="store_true", help="also upload a good and a broken image")
    parser.add_argument("--no-switch", action="store_true", help="skip the sidebar language-switch check")
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--timeout", type=float, default=90, help="seconds per page (default 90)")
    args = parser.parse_args(argv)

    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    pages = app_pages()
    sys.path.insert(0, str(Path(__file__).parent))  # step modules import this file as `browser_check`
    steps = load_steps() if args.upload else {}
    if args.pages:
        wanted = [p.strip() for p in args.pages.split(",") if p.strip()]
        unknown = set(wanted) - {url for _, url, _ in pages}
        if unknown:
            print(f"unknown page(s): {', '.join(sorted(unknown))}", file=sys.stderr)
            return 2
        pages = [p for p in pages if p[1] in wanted]
    # Open a non-home page first: a shared link is often the first visit after `streamlit run`.
    pages.sort(key=lambda p: p[2])
    langs = [x.strip() for x in args.langs.split(",") if x.strip()]
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    timeout_ms = int(args.timeout * 1000)

    port = free_port()
    tmp = Path(tempfile.mkdtemp(prefix="cnnlab-browser-"))
    log = tmp / "streamlit.log"
    teacher_password = os.environ.get("CNNLAB_TEACHER_PASSWORD") or secrets.token_urlsafe(12)
    proc = start_app(port, log, teacher_password)
    failures: list[str] = []
    try:
        health = wait_health(port, proc)
        print(f"streamlit healthy on 127.0.0.1:{port} after {health:.2f} s")
        files = make_samples(tmp)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=args.chromium, args=["--no-sandbox"])
            context = browser.new_context(viewport={"width": args.width, "height": 900}, locale="en-US")
            page = context.new_page()
            n_pages = len(app_pages())
            for name, url, is_default in pages:
                for lang in langs:
                    where = f"/{url}?lang={lang}"
                    start = time.perf_counter()
                    try:
                        page.goto(f"http://127.0.0.1:{port}/{'' if is_default else url}?lang={lang}",
                                  timeout=timeout_ms)
                        wait_idle(page, timeout_ms)
                    except PlaywrightError as exc:
                        failures.append(f"{where}: did not finish running: {str(exc).splitlines()[0]}")
                        continue
                    took = time.perf_counter() - start
                    found = check_page(page, where, n_pages)
                    errors = len(page.query_selector_all('[data-testid="stAlertContentError"]'))
                    path = out / f"{url}-{lang}.png"
                    shot(page, path)
                    if args.upload:
                        ctx = Context(out, lang, url, files, timeout_ms, port, teacher_password)
                        step = steps.get(url, upload_good_and_broken)
                        try:
                            found += step(page, ctx)
                        except PlaywrightError as exc:
                            found.append(f"{where}: upload step failed: {str(exc).splitlines()[0]}")
                    failures += found
                    status = "FAIL" if found else "ok"
                    print(f"{status:4} {where:32} {took:5.2f} s  error boxes: {errors}  {path}")
            if not args.no_switch:
                found = language_switch_step(page, port, app_pages(), timeout_ms)
                failures += found
                print(f"{'FAIL' if found else 'ok':4} language switch in the sidebar (English → 한국어, then a page change)")
            browser.close()
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
    if failures:
        print("\n".join(["", "FAILURES:"] + failures), file=sys.stderr)
        print(f"(streamlit log: {log})", file=sys.stderr)
        return 1
    shutil.rmtree(tmp, ignore_errors=True)  # kept on failure, for the streamlit log
    print(f"all {len(pages) * len(langs)} page views passed; screenshots in {out}/")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
