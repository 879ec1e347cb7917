"""Streamlit state of the teacher's page: the password gate, the class and its jobs as table rows, limits, load.

The page exists only when a password is configured (``enabled``: ``$CNNLAB_TEACHER_PASSWORD`` or the
``teacher_password`` secret); app.py adds it to the navigation then, and the page itself refuses to work
otherwise (opened by its file or URL). A session signs in once (``SIGNED_IN_KEY``); after ``MAX_TRIES`` wrong
passwords it must wait ``LOCK_SECONDS``. Students appear only as ``Classroom.tag`` (an anonymous hash).
"""
from __future__ import annotations

import os
import time
from typing import Any

import streamlit as st

from cnnlab import i18n
from cnnlab.teacher import SECRET_KEY, CpuMeter, SystemStats, configured_password, password_ok, system_stats
from cnnlab.ui import jobs
from cnnlab.ui.core import t

__all__ = ["SIGNED_IN_KEY", "PICK_KEY", "CANCELLED_KEY", "enabled", "signed_in", "sign_in", "sign_out", "locked_for",
           "session_rows", "job_rows", "job_counts", "gigabytes", "active_jobs", "cancel", "cancel_picked",
           "just_cancelled", "apply_limits", "stats", "upload_ceiling"]

SIGNED_IN_KEY = "teacher.signed_in"
PICK_KEY = "teacher_cancel_pick"      # the cancel picker's widget key (a job id)
CANCELLED_KEY = "teacher.cancelled"   # (label, time) of the job just cancelled
CANCELLED_SHOWN = 15.0                # seconds the "cancelled" note stays
_TRIES_KEY = "teacher.tries"          # (wrong attempts, time of the last one)
MAX_TRIES, LOCK_SECONDS = 5, 30.0
FINISHED_SHOWN = 20                   # the most recent finished jobs listed under the active ones


def _password() -> str | None:
    try:
        secret = st.secrets.get(SECRET_KEY)
    except Exception:  # noqa: BLE001 — no secrets file (StreamlitSecretNotFoundError) or a broken one
        secret = None
    return configured_password(os.environ, secret)


def enabled() -> bool:
    """Whether a teacher password is configured (then, and only then, the teacher's page exists)."""
    return _password() is not None


def signed_in() -> bool:
    return bool(st.session_state.get(SIGNED_IN_KEY)) and enabled()


def locked_for() -> float:
    """Seconds this session must still wait after too many wrong passwords (0 when it may try)."""
    tries, last = st.session_state.get(_TRIES_KEY, (0, 0.0))
    return max(0.0, LOCK_SECONDS - (time.monotonic() - last)) if tries >= MAX_TRIES else 0.0


def sign_in(given: str) -> bool:
    """Check ``given`` in constant time; a wrong one counts towards the lock."""
    if locked_for() > 0:
        return False
    if password_ok(given, _password()):
        st.session_state[SIGNED_IN_KEY] = True
        st.session_state.pop(_TRIES_KEY, None)
        return True
    tries, _ = st.session_state.get(_TRIES_KEY, (0, 0.0))
    st.session_state[_TRIES_KEY] = (tries % MAX_TRIES + 1, time.monotonic())
    return False


def sign_out() -> None:
    st.session_state.pop(SIGNED_IN_KEY, None)


# ---------------------------------------------------------------- the class and its jobs
def _state(state: str | None) -> str:
    return t(f"teacher.state_{state or 'none'}")


def _what(recipe: dict[str, Any]) -> str:
    if recipe.get("kind") == "degradation":
        preset = recipe.get("preset") or {}
        images = preset.get("subset") or t("teacher.all_images")
        return t("teacher.what_degradation", epochs=preset.get("epochs", "?"), images=images)
    model = recipe.get("model", "")
    name = t(f"training_lab.model_{model}") if i18n.has(f"training_lab.model_{model}") else model
    return t("teacher.what_train", model=name, epochs=recipe.get("epochs", "?"),
             images=recipe.get("subset") or t("teacher.all_images"))


def _note(status: Any) -> str:
    if status.error:   # a short reason in the page's language (the student's page words it in full)
        code = str(status.error.get("code", "internal"))
        key = f"teacher.fail_{code}" if i18n.has(f"teacher.fail_{code}") else "teacher.fail_internal"
        return t(key, error=(status.error.get("values") or {}).get("error") or code)
    if status.reason and i18n.has(f"teacher.reason_{status.reason}"):
        return t(f"teacher.reason_{status.reason}")
    return ""


def session_rows() -> list[dict[str, Any]]:
    """The sessions here now: anonymous tag, page, language, their job's state, seconds since their last page run."""
    svc, room = jobs.service(), jobs.classroom()
    active = {s.owner: s.state for s in svc.admin_jobs() if s.state in ("queued", "running")}
    rows = []
    for owner, row in sorted(room.sessions(svc.owner_timeout).items(), key=lambda item: item[1].idle_seconds):
        key = f"lessons.page_{row.page}" if i18n.has(f"lessons.page_{row.page}") else f"{row.page}.title"
        page = t(key) if i18n.has(key) else row.page
        rows.append({t("teacher.col_student"): row.tag, t("teacher.col_page"): page,
                     t("teacher.col_lang"): i18n.LANGUAGE_NAMES.get(row.lang, row.lang),
                     t("teacher.col_job"): _state(active.get(owner)),
                     t("teacher.col_idle"): round(row.idle_seconds)})
    return rows


def job_rows() -> list[dict[str, Any]]:
    """Queued and running jobs (submission order), then the latest finished ones: tag, what, state, place …"""
    room, statuses = jobs.classroom(), jobs.service().admin_jobs()
    live = [s for s in statuses if s.state in ("queued", "running")]
    ended = [s for s in statuses if s.state not in ("queued", "running")][-FINISHED_SHOWN:][::-1]
    rows = []
    for s in live + ended:
        seconds = s.seconds_running if s.state != "queued" else s.seconds_queued
        rows.append({t("teacher.col_student"): room.tag(s.owner), t("teacher.col_what"): _what(s.recipe or {}),
                     t("teacher.col_state"): _state(s.state), t("teacher.col_place"): str(s.position) if s.position else "",
                     t("teacher.col_progress"): f"{s.progress:.0%}", t("teacher.col_time"): round(seconds),
                     t("teacher.col_note"): _note(s)})
    return rows


def job_counts() -> tuple[int, int]:
    """(jobs running, jobs waiting) now."""
    states = [s.state for s in jobs.service().admin_jobs()]
    return states.count("running"), states.count("queued")


def gigabytes(n: int | None, of: int | None = None) -> str:
    """Bytes as "1.2 GB", or "1.2 / 8.0 GB" out of ``of`` ("n/a" in the page's language when unknown)."""
    if n is None:
        return t("teacher.unknown")
    return f"{n / 2**30:.1f} GB" if of is None else f"{n / 2**30:.1f} / {of / 2**30:.1f} GB"


def active_jobs() -> dict[str, str]:
    """job id -> its label for the cancel picker (tag · what · state), queued and running jobs only."""
    room = jobs.classroom()
    return {s.job_id: f"{room.tag(s.owner)} · {_what(s.recipe or {})} · {_state(s.state)}"
            for s in jobs.service().admin_jobs() if s.state in ("queued", "running") and not s.stop_requested}


def cancel(job_id: str) -> bool:
    """Cancel any student's job (the teacher's power); False if it had already ended or is unknown."""
    from cnnlab.jobs import JobNotFound

    try:
        return jobs.service().admin_cancel(job_id)
    except JobNotFound:
        return False


def cancel_picked(labels: dict[str, str]) -> None:
    """The cancel button's callback (before the rerun draws the list again): cancel the picked job."""
    job_id = st.session_state.get(PICK_KEY)
    if job_id is not None and cancel(job_id):
        st.session_state[CANCELLED_KEY] = (labels.get(job_id, job_id), time.monotonic())


def just_cancelled() -> str | None:
    """The label of the job cancelled in the last ``CANCELLED_SHOWN`` seconds (the live part redraws every 3 s)."""
    label, when = st.session_state.get(CANCELLED_KEY) or (None, 0.0)
    return label if time.monotonic() - when < CANCELLED_SHOWN else None


def upload_ceiling() -> int:
    """The server's own upload limit in MB: the teacher's limit can only be lower."""
    return int(st.get_option("server.maxUploadSize"))


def apply_limits(max_running: int, per_student: int, max_epochs: int, max_subset: int, upload_mb: int) -> None:
    """New limits for students (0 = no limit for epochs and images); they hold for new jobs and uploads."""
    from cnnlab.jobs import Limits

    svc = jobs.service()
    svc.set_limits(Limits(jobs_per_owner=max(1, per_student), max_running=max(1, max_running),
                          max_epochs=max_epochs or None, max_subset=max_subset or None))
    jobs.classroom().upload_mb = min(upload_ceiling(), max(1, upload_mb))


@st.cache_resource(show_spinner=False)
def _meter() -> CpuMeter:
    return CpuMeter()


def stats() -> SystemStats:
    """CPU, memory (machine, this process, the job workers) and GPU memory now."""
    backend = jobs.service().backend
    pids = getattr(backend, "pids", None)
    return system_stats(_meter(), pids() if callable(pids) else ())
