"""Browser-check steps for the teacher's page (merged into scripts/browser_check.py's ``--upload`` steps).

The check runs the app with a teacher password (``Context.teacher_password``). Here: a wrong password must be
refused (an error, no tables), then the right one signs in: the class, the job table and the server's load are
shown with no exception box. Then a student (a browser context of their own) starts a long run in the training
lab; the teacher picks it in the cancel list and cancels it; the student's page says the teacher stopped it.
A screenshot of each.
"""
from __future__ import annotations

from browser_check import Context, check_page, shot, wait_idle
from browser_steps_training import LONG, PRIMARY, SECONDARY, _alert, _training

WRONG = {"en": "Wrong password", "ko": "비밀번호가 틀렸습니다"}
SIGN_IN = {"en": "Sign in", "ko": "로그인"}
STUDENTS = {"en": "Students here now", "ko": "지금 접속한 학생"}
CANCEL = {"en": "Cancel this job", "ko": "이 작업 취소"}
CANCELLED = {"en": "Cancelled:", "ko": "취소했습니다"}
TEACHER_STOPPED = {"en": "Your teacher stopped this run.", "ko": "선생님이 이 훈련을 중지했습니다."}


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
    return failures + cancel_a_students_job(page, ctx)


def cancel_a_students_job(page, ctx: Context) -> list[str]:
    where = f"{ctx.url_path}?lang={ctx.lang}"
    failures: list[str] = []
    other = page.context.browser.new_context(viewport={"width": 1400, "height": 900})
    student = other.new_page()
    try:
        student.goto(f"http://127.0.0.1:{ctx.port}/training_lab?lang={ctx.lang}&{LONG}", timeout=ctx.timeout_ms)
        wait_idle(student, ctx.timeout_ms)
        student.locator(PRIMARY).first.click()
        if not _training(student, ctx.timeout_ms):
            failures.append(f"{where}: the student's run did not start")
        button = page.locator(SECONDARY).filter(has_text=CANCEL[ctx.lang]).first
        button.wait_for(timeout=ctx.timeout_ms)   # the live part (every 3 s) lists the student's job
        shot(page, ctx.out / f"{ctx.url_path}-{ctx.lang}-a-job.png")
        button.click()   # the only job: the picker's first choice
        if not _alert(page, CANCELLED[ctx.lang], ctx.timeout_ms):
            failures.append(f"{where}: cancelling the student's job is not confirmed")
        failures += check_page(page, f"{where} after cancelling a job")
        shot(page, ctx.out / f"{ctx.url_path}-{ctx.lang}-cancelled.png")
        if not _alert(student, TEACHER_STOPPED[ctx.lang], ctx.timeout_ms):
            failures.append(f"{where}: the student's page does not say the teacher stopped the run")
        wait_idle(student, ctx.timeout_ms)
        failures += check_page(student, f"training_lab?lang={ctx.lang} stopped by the teacher")
        shot(student, ctx.out / f"training_lab-{ctx.lang}-stopped-by-teacher.png")
    finally:
        other.close()
    return failures


UPLOAD_STEPS = {"teacher": teacher_sign_in}
