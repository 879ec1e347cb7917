"""Browser-check steps for the training lab (merged into scripts/browser_check.py's ``--upload`` interaction steps).

Small recipes (``?subset=…&epochs=…``) keep each run to seconds. In one browser session, as a student would: train
LeNet-5 to the end (the job runs in the job service; the page polls: live curves, then curves, confusion matrix,
mistakes), train it again with augmentation (the first run stays on the chart in grey). Then the queue, with the
teacher (a browser context of their own, signed in on the teacher's page) letting one job run at a time: this
student starts a long run; a second student presses Train and sees their place in the queue, presses Stop while
queued (the page says it stopped before it started), presses Train again and closes the tab while queued — the
teacher sees the waiting job go (cancelled: the student left); this student presses Stop mid-training (the page
says it stopped and keeps the curves). Then two students train the same small recipe at once: both finish with
the same test accuracy. No exception box anywhere. Last, the feature-map page from the sidebar: the network
trained in this session must be the chosen model.
"""
from __future__ import annotations

import os
import time

from browser_check import Context, check_page, shot, wait_idle

PRIMARY = '[data-testid="stBaseButton-primary"]'
SECONDARY = '[data-testid="stBaseButton-secondary"]'
ALERT = '[data-testid="stAlert"]'
METRIC = '[data-testid="stMetric"]'
STOPPED = {"en": "stopped", "ko": "중지"}
SESSION = {"en": "Trained in this session", "ko": "이 세션에서 훈련"}
AUGMENT = {"en": "Data augmentation", "ko": "데이터 증강"}
PREVIOUS = {"en": "previous run", "ko": "이전 실행"}
STOP = {"en": "Stop", "ko": "중지"}
QUEUED = {"en": "number 1 in the queue", "ko": "대기열 1번째"}
NEVER_STARTED = {"en": "Stopped before it started", "ko": "시작하기 전에 중지했습니다"}
RUNNING_AT_ONCE = {"en": "Jobs running at once", "ko": "동시에 실행할 작업 수"}
APPLY = {"en": "Apply limits", "ko": "한도 적용"}
APPLIED = {"en": "Limits applied", "ko": "한도를 적용했습니다"}
SIGN_IN = {"en": "Sign in", "ko": "로그인"}
WAITING = {"en": "Jobs waiting", "ko": "대기 중인 작업"}
RUNNING = {"en": "Jobs running", "ko": "실행 중인 작업"}
SLOTS = {"en": "Worker slots", "ko": "작업 슬롯"}
ACCURACY = {"en": "Test accuracy", "ko": "테스트 정확도"}
SMALL = "subset=1000&epochs=2&batch=64"        # a few seconds of training
LONG = "model=small_vgg&subset=4000&epochs=30&batch=16"   # 7,500 small-VGG steps: minutes, always stopped long before its end


def _charts(page) -> int:
    return page.locator('[data-testid="stPlotlyChart"]').count()


def _url(page, ctx: Context, recipe: str) -> str:
    return page.url.split("?")[0] + f"?lang={ctx.lang}&{recipe}"


def _open(page, url: str, ctx: Context) -> None:
    page.goto(url, timeout=ctx.timeout_ms)
    wait_idle(page, ctx.timeout_ms)


def _trained(page, timeout_ms: int) -> None:
    """After Train: wait for the job's results — the three metrics, drawn fresh, with no progress bar or queue
    place left — and for the page to settle."""
    page.wait_for_function(
        """() => {
            const fresh = el => !el.closest('[data-stale="true"]');
            const metrics = [...document.querySelectorAll('[data-testid="stMetric"]')].filter(fresh);
            return metrics.length >= 3 && !document.querySelector('[data-testid="stProgress"]');
        }""", timeout=timeout_ms)
    wait_idle(page, timeout_ms)


def _training(page, timeout_ms: int) -> bool:
    """Wait until the job has trained a few steps (the progress text names its epoch and step); False if not."""
    try:
        page.wait_for_function(
            r"""() => { const p = document.querySelector('[data-testid="stProgress"]');
                       return p && /[0-9]+\/[0-9]+/.test(p.innerText) && /[1-9][0-9]*%/.test(p.innerText); }""",
            timeout=timeout_ms)
        return True
    except Exception:  # noqa: BLE001 — Playwright's TimeoutError
        return False


def _alert(page, text: str, timeout_ms: int) -> bool:
    try:
        page.locator(ALERT).filter(has_text=text).first.wait_for(timeout=timeout_ms)
        return True
    except Exception:  # noqa: BLE001 — Playwright's TimeoutError
        return False


def _metric(page, label: str) -> str:
    box = page.locator(METRIC).filter(has_text=label).first
    return box.locator('[data-testid="stMetricValue"]').inner_text().strip()


def _slots() -> int:
    """The app's worker slots (its local job pool: one per core given to it; the app runs on this machine)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def teacher_desk(browser, ctx: Context):
    """A browser context signed in on the teacher's page: (context, page)."""
    teacher = browser.new_context(viewport={"width": 1400, "height": 900})
    page = teacher.new_page()
    _open(page, f"http://127.0.0.1:{ctx.port}/teacher?lang={ctx.lang}", ctx)
    page.locator('[data-testid="stTextInput"] input').first.fill(ctx.teacher_password)
    page.locator(PRIMARY).filter(has_text=SIGN_IN[ctx.lang]).first.click()
    page.locator('[data-testid="stNumberInput"]').filter(has_text=RUNNING_AT_ONCE[ctx.lang]).first \
        .wait_for(timeout=ctx.timeout_ms)
    wait_idle(page, ctx.timeout_ms)
    return teacher, page


def set_running(page, ctx: Context, running: int) -> list[str]:
    """On the signed-in teacher's page: "jobs running at once" = ``running``."""
    box = page.locator('[data-testid="stNumberInput"]').filter(has_text=RUNNING_AT_ONCE[ctx.lang]).first
    box.locator("input").fill(str(running))
    page.locator('[data-testid="stFormSubmitButton"] button').filter(has_text=APPLY[ctx.lang]).first.click()
    # "Limits applied" may still be there from the last time: wait for the slots metric ("running / at once")
    if not (_alert(page, APPLIED[ctx.lang], ctx.timeout_ms)
            and _until(lambda: _metric(page, SLOTS[ctx.lang]).endswith(f"/ {running}"), 30)):
        return [f"teacher?lang={ctx.lang}: setting jobs at once to {running} was not confirmed"]
    return check_page(page, f"teacher?lang={ctx.lang} setting jobs at once to {running}")


def _until(check, timeout_s: float) -> bool:
    """Wait (the teacher's live part refreshes every 3 s) until ``check()`` holds."""
    end = time.monotonic() + timeout_s
    while time.monotonic() < end:
        try:
            if check():
                return True
        except Exception:  # noqa: BLE001 — redrawn under our feet: try again
            pass
        time.sleep(0.5)
    return False


def _until_metric(page, label: str, value: str, timeout_s: float) -> bool:
    return _until(lambda: _metric(page, label) == value, timeout_s)


def queue_stop_and_leave(page, ctx: Context) -> list[str]:
    """One job at a time: a second student sees the queue, stops while queued, queues again and closes the tab."""
    browser = page.context.browser
    where = f"{ctx.url_path}?lang={ctx.lang}"
    teacher, desk = teacher_desk(browser, ctx)
    failures = set_running(desk, ctx, 1)
    try:
        _open(page, _url(page, ctx, LONG), ctx)
        page.locator(PRIMARY).first.click()
        if not _training(page, ctx.timeout_ms):
            failures.append(f"{where}: the long run did not start training")

        other = browser.new_context(viewport={"width": 1400, "height": 900})
        second = other.new_page()
        try:
            _open(second, _url(page, ctx, SMALL), ctx)
            second.locator(PRIMARY).first.click()
            if not _alert(second, QUEUED[ctx.lang], ctx.timeout_ms):
                failures.append(f"{where}: the second student does not see their place in the queue")
            failures += check_page(second, f"{where} (second student, queued)")
            shot(second, ctx.out / f"{ctx.url_path}-{ctx.lang}-queued.png")
            second.locator(SECONDARY).filter(has_text=STOP[ctx.lang]).first.click()
            if not _alert(second, NEVER_STARTED[ctx.lang], ctx.timeout_ms):
                failures.append(f"{where}: Stop while queued does not say the run never started")
            failures += check_page(second, f"{where} (second student, stopped while queued)")
            shot(second, ctx.out / f"{ctx.url_path}-{ctx.lang}-stopped-queued.png")
            second.locator(PRIMARY).first.click()   # queued again, then the tab closes
            if not _alert(second, QUEUED[ctx.lang], ctx.timeout_ms):
                failures.append(f"{where}: the second student's second run is not queued")
        finally:
            other.close()
        if not _until_metric(desk, WAITING[ctx.lang], "1", 15):
            failures.append(f"{where}: the teacher does not see the closed tab's job waiting")
        # Streamlit reports the session disconnected; after cnnlab.ui.jobs.GONE_GRACE (20 s) its job is cancelled
        if not _until_metric(desk, WAITING[ctx.lang], "0", 60):
            failures.append(f"{where}: the job of a student who closed the tab is still waiting after 60 s")
        if _metric(desk, RUNNING[ctx.lang]) != "1":
            failures.append(f"{where}: the first student's run did not go on while the other student left")
        failures += check_page(desk, f"teacher?lang={ctx.lang} after a student left")
        shot(desk, ctx.out / f"teacher-{ctx.lang}-student-left.png")

        page.locator(SECONDARY).filter(has_text=STOP[ctx.lang]).first.click()
        if not _alert(page, STOPPED[ctx.lang], ctx.timeout_ms):
            failures.append(f"{where}: no 'stopped' message after pressing Stop mid-training")
        wait_idle(page, ctx.timeout_ms)
        if _charts(page) < 3:
            failures.append(f"{where}: after Stop the curves and the analysis are not shown")
        failures += check_page(page, f"{where} after Stop")
        shot(page, ctx.out / f"{ctx.url_path}-{ctx.lang}-stopped.png")
        failures += set_running(desk, ctx, _slots())   # back to every worker slot
    finally:
        teacher.close()
    return failures


def two_at_once(page, ctx: Context) -> list[str]:
    """Two students press Train on the same small recipe together: both finish, with the same test accuracy."""
    where = f"{ctx.url_path}?lang={ctx.lang}"
    other = page.context.browser.new_context(viewport={"width": 1400, "height": 900})
    second = other.new_page()
    failures: list[str] = []
    try:
        _open(page, _url(page, ctx, SMALL), ctx)
        _open(second, _url(page, ctx, SMALL), ctx)
        page.locator(PRIMARY).first.click()
        second.locator(PRIMARY).first.click()
        for p in (page, second):
            _trained(p, max(ctx.timeout_ms, 180_000))
        accuracies = [_metric(p, ACCURACY[ctx.lang]) for p in (page, second)]
        print(f"  {where}: two students at once, test accuracy {accuracies[0]} and {accuracies[1]}")
        if accuracies[0] != accuracies[1]:
            failures.append(f"{where}: the same recipe trained at once gave {accuracies[0]} and {accuracies[1]}")
        for who, p in (("first", page), ("second", second)):
            failures += check_page(p, f"{where} ({who} of two students at once)")
        shot(second, ctx.out / f"{ctx.url_path}-{ctx.lang}-two-at-once.png")
    finally:
        other.close()
    return failures


def training_lab_run_stop_and_hand_off(page, ctx: Context) -> list[str]:
    failures: list[str] = []
    where = f"{ctx.url_path}?lang={ctx.lang}"
    long_ms = max(ctx.timeout_ms, 180_000)

    _open(page, _url(page, ctx, SMALL), ctx)
    started = time.monotonic()
    page.locator(PRIMARY).first.click()
    _training(page, 30_000)
    shot(page, ctx.out / f"{ctx.url_path}-{ctx.lang}-training.png")   # the live curves while the job runs
    _trained(page, long_ms)
    seconds = time.monotonic() - started
    failures += check_page(page, f"{where} after training")
    if _charts(page) < 3:   # curves, confusion matrix, misclassified digits
        failures.append(f"{where}: after training only {_charts(page)} charts (curves, confusion, mistakes expected)")
    print(f"  {where}: trained to the end in {seconds:.1f} s (browser wall time, {SMALL})")
    shot(page, ctx.out / f"{ctx.url_path}-{ctx.lang}-trained.png")

    # the same network again with augmentation: the first run stays on the chart in grey for comparison
    page.locator('[data-testid="stCheckbox"]').filter(has_text=AUGMENT[ctx.lang]).first.click()
    wait_idle(page, ctx.timeout_ms)
    page.locator(PRIMARY).first.click()
    _trained(page, long_ms)
    failures += check_page(page, f"{where} after training with augmentation")
    if PREVIOUS[ctx.lang] not in page.locator('[data-testid="stPlotlyChart"]').first.inner_text():
        failures.append(f"{where}: the previous run is not drawn for comparison")
    shot(page, ctx.out / f"{ctx.url_path}-{ctx.lang}-compare.png")

    failures += queue_stop_and_leave(page, ctx)
    failures += two_at_once(page, ctx)

    page.locator('[data-testid="stSidebarNav"] a[href$="/feature_maps"]').first.click()
    wait_idle(page, ctx.timeout_ms)
    failures += check_page(page, f"feature_maps?lang={ctx.lang} after training")
    chosen = page.locator('[data-testid="stSelectbox"] input').first.input_value()   # the selected option
    if SESSION[ctx.lang] not in chosen:
        failures.append(f"feature_maps?lang={ctx.lang}: the session's trained model is not chosen ({chosen!r})")
    shot(page, ctx.out / f"feature_maps-{ctx.lang}-session-model.png")
    return failures


UPLOAD_STEPS = {"training_lab": training_lab_run_stop_and_hand_off}
