"""Browser-check steps for the teacher's page (merged into scripts/browser_check.py's ``--upload`` steps).

The check runs the app with a teacher password (``Context.teacher_password``). Here: a wrong password must be
refused (an error, no tables), then the right one signs in: the class, the job table and the server's load are
shown with no exception box; a screenshot of each.
"""
from __future__ import annotations

from browser_check import Context, check_page, shot, wait_idle

PRIMARY = '[data-testid="stBaseButton-primary"]'
WRONG = {"en": "Wrong password", "ko": "비밀번호가 틀렸습니다"}
SIGN_IN = {"en": "Sign in", "ko": "로그인"}
STUDENTS = {"en": "Students here now", "ko": "지금 접속한 학생"}


def _sign_in(page, ctx: Context, password: str) -> None:
    page.locator('[data-testid="stTextInput"] input').first.fill(password)
    page.locator(PRIMARY).filter(has_text=SIGN_IN[ctx.lang]).first.click()
    page.wait_for_timeout(500)
    wait_idle(page, ctx.timeout_ms)


def teacher_sign_in(page, ctx: Context) -> list[str]:
    where = f"{ctx.url_path}?lang={ctx.lang}"
    failures: list[str] = []
    _sign_in(page, ctx, ctx.teacher_password + "x")
    if page.locator('[data-testid="stAlert"]').filter(has_text=WRONG[ctx.lang]).count() == 0:
        failures.append(f"{where}: a wrong password is not refused")
    if page.locator('[data-testid="stDataFrame"], [data-testid="stMetric"]').count():
        failures.append(f"{where}: the class is shown after a wrong password")
    failures += check_page(page, f"{where} wrong password")
    shot(page, ctx.out / f"{ctx.url_path}-{ctx.lang}-wrong-password.png")

    _sign_in(page, ctx, ctx.teacher_password)
    try:
        page.get_by_text(STUDENTS[ctx.lang]).first.wait_for(timeout=ctx.timeout_ms)
    except Exception:  # noqa: BLE001 — Playwright's TimeoutError
        failures.append(f"{where}: the right password does not open the teacher's page")
    page.wait_for_timeout(3500)   # one refresh of the live part
    failures += check_page(page, f"{where} signed in")
    shot(page, ctx.out / f"{ctx.url_path}-{ctx.lang}-signed-in.png")
    return failures


UPLOAD_STEPS = {"teacher": teacher_sign_in}
