"""Browser-check steps for the training lab (merged into scripts/browser_check.py's ``--upload`` interaction steps).

In one browser session, as a student would: train LeNet-5 to the end (curves, confusion matrix, mistakes), train it again with
augmentation (the first run must stay on the chart in grey), train
again and press Stop after a few seconds (the page must say it stopped, keep the curves, no exception box), then
open the feature-map page from the sidebar: the network trained in this session must be the chosen model.
"""
from __future__ import annotations

import time

from browser_check import Context, check_page, shot, wait_idle

PRIMARY = '[data-testid="stBaseButton-primary"]'
SECONDARY = '[data-testid="stBaseButton-secondary"]'
STOPPED = {"en": "stopped", "ko": "중지"}
SESSION = {"en": "Trained in this session", "ko": "이 세션에서 훈련"}
AUGMENT = {"en": "Data augmentation", "ko": "데이터 증강"}
PREVIOUS = {"en": "previous run", "ko": "이전 실행"}


def _charts(page) -> int:
    return page.locator('[data-testid="stPlotlyChart"]').count()


def _alerts(page, text: str) -> int:
    return page.locator('[data-testid="stAlert"]').filter(has_text=text).count()


def training_lab_run_stop_and_hand_off(page, ctx: Context) -> list[str]:
    failures: list[str] = []
    where = f"{ctx.url_path}?lang={ctx.lang}"

    started = time.monotonic()
    page.locator(PRIMARY).first.click()
    wait_idle(page, max(ctx.timeout_ms, 180_000))
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
    wait_idle(page, max(ctx.timeout_ms, 180_000))
    failures += check_page(page, f"{where} after training with augmentation")
    if PREVIOUS[ctx.lang] not in page.locator('[data-testid="stPlotlyChart"]').first.inner_text():
        failures.append(f"{where}: the previous run is not drawn for comparison")
    shot(page, ctx.out / f"{ctx.url_path}-{ctx.lang}-compare.png")

    # 30 epochs: long enough that Stop surely lands mid-training
    page.goto(page.url.split("?")[0] + f"?lang={ctx.lang}&epochs=30", timeout=ctx.timeout_ms)
    wait_idle(page, ctx.timeout_ms)
    page.locator(PRIMARY).first.click()
    page.wait_for_timeout(4_000)
    page.locator(SECONDARY).filter(has_text="Stop" if ctx.lang == "en" else "중지").first.click()
    wait_idle(page, ctx.timeout_ms)
    failures += check_page(page, f"{where} after Stop")
    if _alerts(page, STOPPED[ctx.lang]) == 0:
        failures.append(f"{where}: no 'stopped' message after pressing Stop mid-training")
    shot(page, ctx.out / f"{ctx.url_path}-{ctx.lang}-stopped.png")

    page.locator('[data-testid="stSidebarNav"] a[href$="/feature_maps"]').first.click()
    wait_idle(page, ctx.timeout_ms)
    failures += check_page(page, f"feature_maps?lang={ctx.lang} after training")
    chosen = page.locator('[data-testid="stSelectbox"] input').first.input_value()   # the selected option
    if SESSION[ctx.lang] not in chosen:
        failures.append(f"feature_maps?lang={ctx.lang}: the session's trained model is not chosen ({chosen!r})")
    shot(page, ctx.out / f"feature_maps-{ctx.lang}-session-model.png")
    return failures


UPLOAD_STEPS = {"training_lab": training_lab_run_stop_and_hand_off}
