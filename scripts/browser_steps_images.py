"""Browser-check steps for pages with the image picker (merged into scripts/browser_check.py's ``--upload``).

On every page with the image picker (augmentation, feature maps, attribution): upload a good PNG (the page must say it uses it and draw its figures), then a broken
one (a translated "truncated or corrupt" error must appear, the sample is used instead, no exception box).
"""
from __future__ import annotations

from browser_check import Context, check_page, shot, wait_idle

UPLOADER = '[data-testid="stFileUploader"] input[type="file"]'
CORRUPT = {"en": "truncated or corrupt", "ko": "손상"}


def _text(page) -> str:
    return page.locator('[data-testid="stMain"]').first.inner_text()


def _figures(page) -> int:
    return page.locator('[data-testid="stPlotlyChart"]').count()


def image_page_uploads(page, ctx: Context) -> list[str]:
    """Good upload → used (caption names it); broken upload → error shown, sample figures still drawn."""
    failures: list[str] = []
    where = f"{ctx.url_path}?lang={ctx.lang}"
    if page.locator(UPLOADER).count() == 0:
        return [f"{where}: no file uploader on the page"]
    before = _figures(page)

    page.locator(UPLOADER).first.set_input_files(str(ctx.files["good"]))
    wait_idle(page, ctx.timeout_ms)
    failures += check_page(page, f"{where} after uploading the good image")
    if ctx.files["good"].name not in _text(page):
        failures.append(f"{where}: the page does not say it uses the uploaded {ctx.files['good'].name}")
    if _figures(page) < before:
        failures.append(f"{where}: figures disappeared after a good upload ({_figures(page)} < {before})")
    shot(page, ctx.out / f"{ctx.url_path}-{ctx.lang}-upload-good.png")

    page.locator(UPLOADER).first.set_input_files(str(ctx.files["broken"]))
    wait_idle(page, ctx.timeout_ms)
    failures += check_page(page, f"{where} after uploading the broken image")
    errors = page.locator('[data-testid="stAlert"]').filter(has_text=CORRUPT.get(ctx.lang, CORRUPT["en"]))
    if errors.count() == 0:
        failures.append(f"{where}: no 'corrupt file' error after uploading a broken image")
    if _figures(page) < before:
        failures.append(f"{where}: figures disappeared after a broken upload ({_figures(page)} < {before})")
    shot(page, ctx.out / f"{ctx.url_path}-{ctx.lang}-upload-broken.png")
    return failures


UPLOAD_STEPS = {name: image_page_uploads for name in ("augmentation", "feature_maps", "attribution")}
