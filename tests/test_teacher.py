"""The teacher's page: the password (constant-time, env or secret), the class registry and who left, limits fitted
to a recipe, the server's numbers; and the page (AppTest): hidden without a password, a wrong one refused, the
right one shows the jobs and cancels any, limits and the upload cap reach the students."""
from __future__ import annotations

import os
import resource
from pathlib import Path

import pytest
from pagetest import image_file, open_page, until_job_ends
from streamlit.testing.v1 import AppTest

from cnnlab import teacher as tc
from cnnlab.degradation import PRESETS, resolve_preset
from cnnlab.jobs import Limits, degradation_recipe, lab_recipe
from cnnlab.lessons import page_names

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "correct horse battery staple"


# ---------------------------------------------------------------- pure pieces
def test_the_password_comes_from_the_environment_first_then_the_secret():
    assert tc.configured_password({}, None) is None
    assert tc.configured_password({tc.PASSWORD_ENV: "   "}, "") is None   # blank is not a password
    assert tc.configured_password({}, "from-secrets") == "from-secrets"
    assert tc.configured_password({tc.PASSWORD_ENV: "from-env"}, "from-secrets") == "from-env"


def test_the_password_is_compared_in_constant_time(monkeypatch):
    calls = []
    real = tc.hmac.compare_digest
    monkeypatch.setattr(tc.hmac, "compare_digest", lambda a, b: calls.append((a, b)) or real(a, b))
    assert tc.password_ok(PASSWORD, PASSWORD) and not tc.password_ok(PASSWORD[:-1], PASSWORD)
    assert calls == [(PASSWORD.encode(), PASSWORD.encode()), (PASSWORD[:-1].encode(), PASSWORD.encode())]
    assert not tc.password_ok("", None) and not tc.password_ok("x", "") and not tc.password_ok(None, "x")
    assert tc.password_ok("비밀번호", "비밀번호")


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_closed_session_is_reported_gone_after_the_grace_and_a_reconnect_keeps_it():
    clock = Clock()
    room = tc.Classroom(clock=clock, stale_seconds=600.0)
    connected = {"s1": True, "s2": True}
    room.visit("alice", "training_lab", "ko", "s1", tracked=True)
    room.visit("bob", "home", "en", "s2", tracked=True)
    room.visit("test", "home", "en", None)                 # never reported connected (AppTest, an old runtime)
    assert set(room.sessions(90.0)) == {"alice", "bob", "test"}
    connected["s1"] = connected["s2"] = False            # both tabs closed …
    assert room.leavers(connected.get, grace=20.0) == []
    clock.now += 10.0
    connected["s2"] = True                               # … bob's came back (a network blip)
    assert room.leavers(connected.get, grace=20.0) == []
    clock.now += 15.0
    assert room.leavers(connected.get, grace=20.0) == ["alice"]
    assert set(room.sessions(90.0)) == {"bob", "test"}
    clock.now += 600.0                                   # untracked sessions are forgotten, never "reported gone"
    assert room.leavers(connected.get, grace=20.0) == [] and set(room.sessions(10_000.0)) == {"bob"}


def test_sessions_show_page_language_and_an_anonymous_tag_only():
    clock = Clock()
    room = tc.Classroom(clock=clock)
    room.visit("owner-secret-id-1", "training_lab", "ko")
    clock.now += 5.0
    (row,) = room.sessions(90.0).values()
    assert (row.page, row.lang, row.idle_seconds) == ("training_lab", "ko", 5.0)
    assert len(row.tag) == 8 and int(row.tag, 16) >= 0 and row.tag not in "owner-secret-id-1"
    assert row.tag == room.tag("owner-secret-id-1") != room.tag("owner-secret-id-2")
    assert tc.Classroom().tag("owner-secret-id-1") != row.tag   # another server, other tags
    room.upload_mb = 0
    assert room.upload_mb == 1


def test_limits_shorten_a_recipe_to_the_teachers_epochs_and_images():
    recipe = lab_recipe(epochs=8)
    assert tc.fit_to_limits(recipe, Limits()) == (recipe, {})
    fitted, changed = tc.fit_to_limits(recipe, Limits(max_epochs=3, max_subset=2000))
    assert (fitted.epochs, fitted.subset, changed) == (3, 2000, {"epochs": 3, "subset": 2000})
    assert tc.fit_to_limits(lab_recipe(epochs=2, subset=500), Limits(max_epochs=3, max_subset=2000))[1] == {}
    deg = degradation_recipe(resolve_preset(PRESETS["classroom"]))
    fitted, changed = tc.fit_to_limits(deg, Limits(max_epochs=2, max_subset=1000))
    assert (fitted.total_epochs, fitted.train_images, changed) == (2, 1000, {"epochs": 2, "subset": 1000})
    assert fitted.preset["depths"] == deg.preset["depths"]


def test_cpu_use_is_the_busy_share_of_proc_stat_between_two_readings(tmp_path):
    stat = tmp_path / "stat"
    stat.write_text("cpu  100 0 100 700 100 0 0 0 0 0\ncpu0 1 2 3 4\n")
    meter = tc.CpuMeter(str(stat))
    assert meter.percent() is None   # one reading says nothing yet
    stat.write_text("cpu  250 0 150 850 150 0 0 0 0 0\n")   # +200 busy, +200 idle (incl. iowait)
    assert meter.percent() == pytest.approx(50.0)
    assert tc.CpuMeter(str(tmp_path / "none")).percent() is None


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="reads Linux's /proc")
def test_memory_figures_are_this_process_and_the_machine():
    rss = tc.process_rss()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024   # Linux reports KiB
    assert 0 < rss <= peak * 1.01
    used, total = tc.machine_memory()
    assert 0 < used < total
    stats = tc.system_stats(tc.CpuMeter(), [os.getpid()])
    assert stats.workers == 1 and stats.workers_rss == pytest.approx(rss, rel=0.2) and stats.cores >= 1


# ---------------------------------------------------------------- the page
def sign_in(at: AppTest, password: str) -> AppTest:
    at.text_input(key="teacher_password").input(password)
    return at.button(key="teacher_sign_in").click().run()


def test_without_a_password_the_page_is_not_in_the_navigation_and_shows_nothing(monkeypatch):
    monkeypatch.delenv(tc.PASSWORD_ENV, raising=False)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90).run()
    assert not at.exception
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/teacher.py")
    assert "teacher" not in page_names() and page_names(teacher=True)[-1] == "teacher"
    direct = open_page("teacher", "en")   # opened by its file: it says how to turn it on, nothing else
    assert not direct.exception and "CNNLAB_TEACHER_PASSWORD" in direct.warning[0].value
    assert not direct.text_input and not direct.dataframe and not direct.button


@pytest.mark.parametrize("lang, wrong", [("en", "Wrong password."), ("ko", "비밀번호가 틀렸습니다.")])
def test_a_wrong_password_is_refused(lang, wrong, monkeypatch):
    monkeypatch.setenv(tc.PASSWORD_ENV, PASSWORD)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("pages/teacher.py").run()   # in the navigation now
    assert not at.exception and at.text_input(key="teacher_password")
    sign_in(at, PASSWORD.upper())
    assert [e.value for e in at.error] == [wrong] and not at.dataframe and not at.metric
    assert "teacher.signed_in" not in at.session_state


def test_after_five_wrong_passwords_even_the_right_one_waits(monkeypatch):
    monkeypatch.setenv(tc.PASSWORD_ENV, PASSWORD)
    at = open_page("teacher", "en")
    for _ in range(5):
        sign_in(at, "guess")
    sign_in(at, PASSWORD)
    assert "Too many wrong passwords" in at.error[0].value and "teacher.signed_in" not in at.session_state


def test_the_password_may_come_from_streamlit_secrets(monkeypatch):
    monkeypatch.delenv(tc.PASSWORD_ENV, raising=False)
    at = AppTest.from_file(str(ROOT / "pages" / "teacher.py"), default_timeout=90)
    at.secrets["teacher_password"] = PASSWORD
    at.run()
    sign_in(at, PASSWORD)
    assert not at.exception and at.session_state["teacher.signed_in"] and at.metric


def test_the_right_password_shows_the_class_and_its_jobs_and_cancels_any(monkeypatch, app_jobs):
    monkeypatch.setenv(tc.PASSWORD_ENV, PASSWORD)
    student = open_page("training_lab", "en", epochs=30, batch=16, subset=4000)
    student.button(key="train_start").click().run()
    job = student.session_state["training_lab.job"]["id"]
    at = sign_in(open_page("teacher", "ko"), PASSWORD)
    assert not at.exception and at.session_state["teacher.signed_in"]
    sessions, jobs = (d.value for d in at.dataframe)
    tag = app_jobs_tag(app_jobs, job)
    assert tag in list(sessions["학생 (익명)"]) and "훈련 실험실" in list(sessions["페이지"])
    row = jobs[jobs["학생 (익명)"] == tag].iloc[0]
    assert row["상태"] in ("대기 중", "실행 중") and "30 에포크" in row["내용"] and "4000장" in row["내용"]
    assert student.session_state["cnnlab.jobs.owner"] not in " ".join(map(str, sessions.values.ravel()))
    assert at.metric[0].label == "접속한 학생" and int(at.metric[0].value) >= 2   # the student and the teacher
    at.selectbox(key="teacher_cancel_pick").set_value(job).run()
    at.button(key="teacher_cancel").click().run()
    assert not at.exception and "취소했습니다" in at.success[0].value
    until_job_ends(student)
    assert any("Your teacher stopped this run." in w.value for w in student.warning)
    (status,) = [s for s in app_jobs.admin_jobs() if s.job_id == job]
    assert (status.state, status.reason) == ("cancelled", "teacher")


def app_jobs_tag(service, job: str) -> str:
    from cnnlab.ui import jobs

    (owner,) = [s.owner for s in service.admin_jobs() if s.job_id == job]
    return jobs.classroom().tag(owner)


def test_limits_set_on_the_page_hold_for_new_jobs_and_uploads(monkeypatch, app_jobs):
    from cnnlab.ui import jobs

    monkeypatch.setenv(tc.PASSWORD_ENV, PASSWORD)
    room = jobs.classroom()
    upload = room.upload_mb
    try:
        at = sign_in(open_page("teacher", "en"), PASSWORD)
        at.number_input(key="teacher_max_running").set_value(1)
        at.number_input(key="teacher_max_epochs").set_value(4)
        at.number_input(key="teacher_max_subset").set_value(1000)
        at.number_input(key="teacher_upload_mb").set_value(1)
        at.button[-1].click().run()   # the form's Apply
        assert not at.exception and "Limits applied" in at.success[0].value
        assert app_jobs.limits == Limits(jobs_per_owner=1, max_running=1, max_epochs=4, max_subset=1000)
        assert app_jobs.capacity == 1 and room.upload_mb == 1
        page = open_page("feature_maps", "ko")
        big = image_file(size=(1400, 1400))
        big += bytes(2 * 2**20 - len(big))   # a 2 MB file: over the teacher's 1 MB
        page.file_uploader(key="img_upload").set_value(("big.png", big, "image/png")).run()
        assert not page.exception and "최대 1 MB" in page.error[0].value
    finally:
        room.upload_mb = upload


def test_the_degradation_rerun_is_fitted_to_the_teachers_limits(app_jobs):
    app_jobs.set_limits(Limits(max_epochs=1, max_subset=300))
    at = open_page("degradation", "ko", timeout=120)
    assert any("최대 1 에포크, 훈련 이미지 300장" in c.value for c in at.caption)
    at.button(key="deg_rerun").click().run()   # the classroom preset's 4 epochs of 4,000 images: shortened, not refused
    assert not at.exception and not at.error
    (status,) = [s for s in app_jobs.admin_jobs() if s.job_id == at.session_state["degradation.job"]["id"]]
    assert (status.recipe["preset"]["epochs"], status.recipe["preset"]["subset"]) == (1, 300)
    until_job_ends(at, "degradation.job")
    assert not at.exception and not at.error
    assert all(len(run["train_error"]) == 1 for run in at.session_state["degradation.live"]["classroom"]["runs"])
