"""Browser-check steps for the training lab (merged into scripts/browser_check.py's ``--upload`` interaction steps).

In one browser session, as a student would: train LeNet-5 to the end (the job runs in the job service; the page
polls: curves, confusion matrix, mistakes), train it again with augmentation (the first run must stay on the chart
in grey). Then a queue: the teacher (another browser context, signed in on the teacher's page) lets one job run
at a time; this student starts a long run, a second student (a third context) presses Train and must see their
place in the queue, presses Stop while queued (the page must say it stopped before it started), and this student
presses Stop mid-training (the page must say it stopped and keep the curves). No exception box anywhere. Last,
the feature-map page from the sidebar: the network trained in this session must be the chosen model.
"""
from __future__ import annotations

import os
import time

from browser_check import Context, check_page, shot, wait_idle

PRIMARY = '[data-testid="stBaseButton-primary"]'
SECONDARY = '[data-testid="stBaseButton-secondary"]'
ALERT = '[data-testid="stAlert"]'
STOPPED = {"en": "stopped", "ko": "중지"}
SESSION = {"en": "Trained in this session", "ko": "이 세션에서 훈련"}
AUGMENT = {"en": "Data augmentation", "ko": "데이터 증강"}
PREVIOUS = {"en": "previous run", "ko": "이전 실행"}
STOP = {"en": "Stop", "ko": "중지"}
QUEUED = {"en": "number 1 in the queue", "ko": "대기열 1번째"}
NEVER_STARTED = {"en": "Stopped before it started", "ko": "시작하기 전에 중지했습니다"}
RUNNING_AT_ONCE = {"en": "Jobs running at once", "ko": "동시에 실행할 작업 수"}
APPLY = {"en": "Apply limits", "ko": "한도 적용"}
SIGN_IN = {"en": "Sign in", "ko": "로그인"}


def _charts(page) -> int:
    return page.locator('[data-testid="stPlotlyChart"]').count()


def _alerts(page, text: str) -> int:
    return page.locator(ALERT).filter(has_text=text).count()


def _trained(page, timeout_ms: int) -> None:
    """After Train: wait for the job's progress bar (a free worker slot: no queue here), then for its results — the
    three metrics, drawn fresh, with no progress bar left — and for the page to settle."""
    page.locator('[data-testid="stProgress"]').first.wait_for(timeout=timeout_ms)
    page.wait_for_function(
        """() => {
            const fresh = el => !el.closest('[data-stale="true"]');
            const metrics = [...document.querySelectorAll('[data-testid="stMetric"]')].filter(fresh);
            return metrics.length >= 3 && !document.querySelector('[data-testid="stProgress"]');
        }""", timeout=timeout_ms)
    wait_idle(page, timeout_ms)


def _training(page, timeout_ms: int) -> None:
    """Wait (briefly) until the job has trained a few steps: the progress text names its epoch and step."""
    try:
        page.wait_for_function(
            """() => { const p = document.querySelector('[data-testid="stProgress"]');
                       return p && /[0-9]+\/[0-9]+/.test(p.innerText) && /[1-9][0-9]*%/.test(p.innerText); }""",
            timeout=timeout_ms)
    except Exception:  # noqa: BLE001 — a screenshot of an earlier moment is still worth taking
        pass


def teacher_limit(browser, ctx: Context, running: int) -> list[str]:
    """Sign in on the teacher's page in a context of its own and set "jobs running at once"."""
    teacher = browser.new_context(viewport={"width": 1400, "height": 900})
    page = teacher.new_page()
    try:
        page.goto(f"http://127.0.0.1:{ctx.port}/teacher?lang={ctx.lang}", timeout=ctx.timeout_ms)
        wait_idle(page, ctx.timeout_ms)
        page.locator('[data-testid="stTextInput"] input').first.fill(ctx.teacher_password)
        page.locator(PRIMARY).filter(has_text=SIGN_IN[ctx.lang]).first.click()
        box = page.locator('[data-testid="stNumberInput"]').filter(has_text=RUNNING_AT_ONCE[ctx.lang]).first
        box.wait_for(timeout=ctx.timeout_ms)
        box.locator("input").fill(str(running))
        page.locator('[data-testid="stFormSubmitButton"] button').filter(has_text=APPLY[ctx.lang]).first.click()
        page.locator(ALERT).filter(has_text="한도를 적용했습니다" if ctx.lang == "ko" else "Limits applied").first \
            .wait_for(timeout=ctx.timeout_ms)
        return check_page(page, f"teacher?lang={ctx.lang} setting jobs at once to {running}")
    finally:
        teacher.close()


def queue_and_stop(page, ctx: Context) -> list[str]:
    """Two students train while the teacher allows one job at a time: the second sees the queue and stops."""
    failures = teacher_limit(page.context.browser, ctx, 1)
    where = f"{ctx.url_path}?lang={ctx.lang}"
    page.goto(page.url.split("?")[0] + f"?lang={ctx.lang}&epochs=30", timeout=ctx.timeout_ms)
    wait_idle(page, ctx.timeout_ms)
    page.locator(PRIMARY).first.click()
    page.locator('[data-testid="stProgress"]').first.wait_for(timeout=ctx.timeout_ms)   # running

    other = page.context.browser.new_context(viewport={"width": 1400, "height": 900})
    second = other.new_page()
    try:
        second.goto(page.url.split("?")[0] + f"?lang={ctx.lang}&epochs=30", timeout=ctx.timeout_ms)
        wait_idle(second, ctx.timeout_ms)
        second.locator(PRIMARY).first.click()
        try:
            second.locator(ALERT).filter(has_text=QUEUED[ctx.lang]).first.wait_for(timeout=ctx.timeout_ms)
        except Exception:  # noqa: BLE001 — Playwright's TimeoutError: reported below with the screenshot
            failures.append(f"{where}: the second student does not see their place in the queue")
        failures += check_page(second, f"{where} (second student, queued)")
        shot(second, ctx.out / f"{ctx.url_path}-{ctx.lang}-queued.png")
        second.locator(SECONDARY).filter(has_text=STOP[ctx.lang]).first.click()
        try:
            second.locator(ALERT).filter(has_text=NEVER_STARTED[ctx.lang]).first.wait_for(timeout=ctx.timeout_ms)
        except Exception:  # noqa: BLE001
            failures.append(f"{where}: Stop while queued does not say the run never started")
        failures += check_page(second, f"{where} (second student, stopped while queued)")
        shot(second, ctx.out / f"{ctx.url_path}-{ctx.lang}-stopped-queued.png")
    finally:
        other.close()

    page.locator(SECONDARY).filter(has_text=STOP[ctx.lang]).first.click()
    try:
        page.locator(ALERT).filter(has_text=STOPPED[ctx.lang]).first.wait_for(timeout=ctx.timeout_ms)
    except Exception:  # noqa: BLE001
        failures.append(f"{where}: no 'stopped' message after pressing Stop mid-training")
    wait_idle(page, ctx.timeout_ms)
    failures += check_page(page, f"{where} after Stop")
    shot(page, ctx.out / f"{ctx.url_path}-{ctx.lang}-stopped.png")
    return failures + teacher_limit(page.context.browser, ctx, _slots())   # back to every worker slot


def _slots() -> int:
    """The app's worker slots (its local job pool: one per core given to it; the app runs on this machine)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def training_lab_run_stop_and_hand_off(page, ctx: Context) -> list[str]:
    failures: list[str] = []
    where = f"{ctx.url_path}?lang={ctx.lang}"
    long_ms = max(ctx.timeout_ms, 180_000)

    started = time.monotonic()
    page.locator(PRIMARY).first.click()
    _training(page, 30_000)
    shot(page, ctx.out / f"{ctx.url_path}-{ctx.lang}-training.png")   # the live curves while the job runs
    _trained(page, long_ms)
    seconds = time.monotonic() - started
    failures += check_page(page, f"{where} after training")
    if _charts(page) < 3:   # curves, confusion matrix, misclassified digits
        failures.append(f"{where}: after training only {_charts(page)} charts (curves, confusion, mistakes expected)")
    print(f"  {where}: trained to the end in {seconds:.1f} s (browser wall time, page default recipe)")
    shot(page, ctx.out / f"{ctx.url_path}-{ctx.lang}-trained.png")

    # the same network again with augmentation: the first run stays on the chart in grey for comparison
    page.locator('[data-testid="stCheckbox"]').filter(has_text=AUGMENT[ctx.lang]).first.click()
    wait_idle(page, ctx.timeout_ms)
    page.locator(PRIMARY).first.click()
    _trained(page, 3 * long_ms)   # augmentation runs in the job's process: several times slower on a busy CPU
    failures += check_page(page, f"{where} after training with augmentation")
    if PREVIOUS[ctx.lang] not in page.locator('[data-testid="stPlotlyChart"]').first.inner_text():
        failures.append(f"{where}: the previous run is not drawn for comparison")
    shot(page, ctx.out / f"{ctx.url_path}-{ctx.lang}-compare.png")

    failures += queue_and_stop(page, ctx)

    page.locator('[data-testid="stSidebarNav"] a[href$="/feature_maps"]').first.click()
    wait_idle(page, ctx.timeout_ms)
    failures += check_page(page, f"feature_maps?lang={ctx.lang} after training")
    chosen = page.locator('[data-testid="stSelectbox"] input').first.input_value()   # the selected option
    if SESSION[ctx.lang] not in chosen:
        failures.append(f"feature_maps?lang={ctx.lang}: the session's trained model is not chosen ({chosen!r})")
    shot(page, ctx.out / f"feature_maps-{ctx.lang}-session-model.png")
    return failures


UPLOAD_STEPS = {"training_lab": training_lab_run_stop_and_hand_off}
