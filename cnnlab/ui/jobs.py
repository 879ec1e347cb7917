"""The job service as the pages use it: one service per server, the session's owner id, a heartbeat, a job panel.

    from cnnlab.ui import jobs
    jobs.register(KEY, consume=…, finish=…)     # once, at import: how the page's record follows its job's events
    jobs.submit(KEY, recipe, **record)          # Train: queued for this session (a refusal is shown, worded)
    jobs.stop(KEY)                              # Stop: queued or running
    jobs.panel(KEY, draw=…, running_text=…)     # queue place / progress, polled in a fragment, until the job ends
    jobs.outcome(KEY)                           # after the end: stopped / failed / lost, worded in the page's language

* One ``JobService`` per server (``st.cache_resource``: it is thread-safe and every session shares it), made by
  ``cnnlab.jobs.make_backend()``: worker processes here, or a Ray cluster. Nothing trains in this process.
* A session's owner id is random (``secrets``), kept in ``st.session_state`` and never shown; the service binds
  every job to it, so a student can neither see nor stop another student's job.
* While a session has a job queued or running, every page keeps it alive with a heartbeat fragment (every
  ``HEARTBEAT_SECONDS``); when the job ends it is settled there and then (the trained model reaches the other
  pages) and the heartbeat stops. A closed tab's job is cancelled: Streamlit reports the session disconnected
  for ``GONE_GRACE`` seconds (``Classroom.leavers``), or else the service's owner timeout fires.
* The page's record of its job (``st.session_state[KEY]``) grows from the job's events through ``consume``; when
  the job ends ``finish`` turns the result into what the page keeps (the latest run), the record is dropped and
  the outcome kept for ``outcome``. Per session that is one live record and the page's latest result.
"""
from __future__ import annotations

import secrets
import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import streamlit as st

from cnnlab import i18n
from cnnlab.teacher import Classroom
from cnnlab.ui.core import lang, show_error, t

if TYPE_CHECKING:
    from cnnlab.jobs import JobService, JobStatus, Limits, Recipe

__all__ = ["OWNER_KEY", "ACTIVE_KEY", "POLL_SECONDS", "HEARTBEAT_SECONDS", "GONE_GRACE", "classroom", "service",
           "owner", "register", "visit", "submit", "stop", "active", "panel", "outcome", "failure_text", "device",
           "limits", "fit"]

OWNER_KEY = "cnnlab.jobs.owner"      # this session's random owner id (never shown)
ACTIVE_KEY = "cnnlab.jobs.active"    # {job id: record key} of this session's jobs not yet settled
POLL_SECONDS = 1.0                   # a job panel's refresh while its job is queued or running
HEARTBEAT_SECONDS = 15.0             # other pages' keep-alive while a job is queued or running
GONE_GRACE = 20.0                    # a disconnected session this long is gone: its job is cancelled
REAP_SECONDS = 5.0


@dataclass(frozen=True)
class _Handler:
    consume: Callable[[dict[str, Any], list[dict[str, Any]]], None]
    finish: Callable[[dict[str, Any], "JobStatus", dict[str, Any] | None], None]


_HANDLERS: dict[str, _Handler] = {}


# ---------------------------------------------------------------- the server's pieces
@st.cache_resource(show_spinner=False)
def classroom() -> Classroom:
    """The server's live sessions and the teacher's upload limit (light: no torch, no workers)."""
    return Classroom(upload_mb=int(st.get_option("server.maxUploadSize")))


@st.cache_resource(show_spinner=False)
def service() -> "JobService":
    """The server's one job service (workers start with the first jobs). Also starts the thread that cancels the
    jobs of sessions Streamlit reports closed."""
    from cnnlab.jobs import JobService, make_backend

    # a stopped job scores its network on the test set before it ends: give that a minute before killing it
    svc = JobService(make_backend(grace_seconds=60.0), max_finished=100)
    threading.Thread(target=_reaper, args=(weakref.ref(svc), classroom()), name="cnnlab-jobs-reaper",
                     daemon=True).start()
    return svc


def _connected(session_id: str) -> bool:
    """Whether Streamlit reports the session connected (True when it cannot tell: never cancel on a guess)."""
    try:
        from streamlit.runtime import Runtime

        return Runtime.instance().is_active_session(session_id) is not False
    except Exception:  # noqa: BLE001 — no runtime, or one without this call
        return True


def _reaper(ref: "weakref.ref[JobService]", room: Classroom) -> None:
    stop = threading.Event()
    while not stop.wait(REAP_SECONDS):
        svc = ref()
        if svc is None:
            return
        for gone in room.leavers(_connected, GONE_GRACE):
            svc.cancel_owner(gone, "owner_left")
        del svc


def device() -> str:
    """Where jobs run (cpu / cuda), as the backend says."""
    try:
        return str(service().backend.device)
    except Exception:  # noqa: BLE001 — a Ray cluster out of reach: the page says so when a job is asked for
        return "?"


# ---------------------------------------------------------------- this session
def owner() -> str:
    value = st.session_state.get(OWNER_KEY)
    if not value:
        value = st.session_state[OWNER_KEY] = secrets.token_urlsafe(16)
    return value


def register(key: str, *, consume: Callable[[dict[str, Any], list[dict[str, Any]]], None],
             finish: Callable[[dict[str, Any], "JobStatus", dict[str, Any] | None], None]) -> None:
    """How the record under ``key`` follows its job: ``consume(record, new_events)`` while it runs, ``finish(record,
    status, result)`` once (result None when nothing was trained). Call at import of the page's ui module."""
    _HANDLERS[key] = _Handler(consume, finish)


def visit(page: str) -> None:
    """Every page run (``setup_page``): note the session for the teacher; keep a queued/running job alive."""
    try:
        from streamlit.runtime.scriptrunner import get_script_run_ctx

        ctx = get_script_run_ctx()
        session_id = ctx.session_id if ctx is not None else None
    except Exception:  # noqa: BLE001
        session_id = None
    tracked = False
    if session_id is not None:
        try:
            from streamlit.runtime import Runtime

            tracked = Runtime.instance().is_active_session(session_id) is True
        except Exception:  # noqa: BLE001
            tracked = False
    classroom().visit(owner(), page, lang(), session_id, tracked)
    if st.session_state.get(ACTIVE_KEY):
        _heartbeat()


def _heartbeat() -> None:
    @st.fragment(run_every=HEARTBEAT_SECONDS)
    def _beat() -> None:
        svc = service()
        svc.heartbeat(owner())
        ended = [key for key in list(st.session_state.get(ACTIVE_KEY, {}).values()) if _settle(key)]
        if ended and not st.session_state.get(ACTIVE_KEY):
            st.rerun()   # every job ended: a full run draws this page without the heartbeat

    _beat()


def active(key: str) -> bool:
    """Whether this session's job under ``key`` is still queued or running (as last seen)."""
    return key in st.session_state


def submit(key: str, recipe: "Recipe", **record: Any) -> bool:
    """Queue ``recipe`` for this session, its record (``record`` + job id) under ``key``; False (and a worded
    message) if it cannot start."""
    from cnnlab.jobs import JobRefused

    if key in st.session_state:
        show_error(None, title=t("common.job_refused"), message=t("common.job_refused_busy"))
        return False
    try:
        job_id = service().submit(owner(), recipe)
    except JobRefused as exc:
        show_error(None, title=t("common.job_refused"), message=_refusal(exc.code, exc.values))
        return False
    except Exception as exc:  # noqa: BLE001 — the backend cannot be reached (a Ray cluster down …)
        title, message = failure_text({"code": "backend", "values": {"error": type(exc).__name__}})
        show_error(None, title=title, message=message)
        return False
    st.session_state[key] = {**record, "id": job_id, "seen": 0, "status": None}
    st.session_state.pop(f"{key}.outcome", None)
    st.session_state.setdefault(ACTIVE_KEY, {})[job_id] = key
    return True


def stop(key: str) -> None:
    """Stop this session's job under ``key``: a queued one at once, a running one after its current step."""
    from cnnlab.jobs import JobNotFound

    record = st.session_state.get(key)
    if record is None:
        return
    try:
        service().cancel(record["id"], owner())
    except JobNotFound:
        pass   # already gone: the next settle says so


def _settle(key: str) -> bool:
    """Bring the record under ``key`` up to date; True once its job has ended (the record is then settled)."""
    from cnnlab.jobs import FINISHED, JobNotFound

    record = st.session_state.get(key)
    if record is None:
        return True
    svc, me, handler = service(), owner(), _HANDLERS.get(key)
    if handler is None:   # the page's ui module is not loaded in this process (cannot happen after its submit)
        svc.heartbeat(me)
        return False
    try:
        status = svc.status(record["id"], me)
        events = svc.events(record["id"], me, since=record["seen"])
    except JobNotFound:   # dropped by the service (the session was away too long)
        _end(key, record, {"state": "gone"})
        return True
    record["seen"] += len(events)
    record["status"] = status
    if events:
        handler.consume(record, events)
    if status.state not in FINISHED:
        return False
    result = svc.result(record["id"], me)
    handler.finish(record, status, result)
    _end(key, record, {"state": status.state, "reason": status.reason, "error": status.error,
                       "has_result": result is not None})
    return True


def _end(key: str, record: dict[str, Any], outcome: dict[str, Any]) -> None:
    st.session_state.pop(key, None)
    st.session_state[f"{key}.outcome"] = outcome
    st.session_state.get(ACTIVE_KEY, {}).pop(record["id"], None)


def panel(key: str, *, draw: Callable[[dict[str, Any]], None],
          running_text: Callable[[dict[str, Any], "JobStatus"], str], every: float = POLL_SECONDS) -> bool:
    """While the job under ``key`` is queued or running: its queue place (and estimated start) or a progress bar,
    then ``draw(record)``, refreshed every ``every`` s in a fragment — the script thread never waits for the job.
    When the job ends the whole page reruns once (results, outcome) and polling stops. True while active."""
    if key not in st.session_state:
        return False

    @st.fragment(run_every=every)
    def _poll() -> None:
        if _settle(key):
            st.rerun()   # the page draws the result (or says what went wrong) without this fragment
        record = st.session_state[key]
        _progress(record["status"], running_text(record, record["status"]))
        draw(record)

    _poll()
    return key in st.session_state


def _progress(status: "JobStatus", running: str) -> None:
    if status.state == "queued":
        if status.estimated_start is None:
            st.info(t("common.job_queued_unknown", position=status.position), icon=":material/hourglass_top:")
        else:
            st.info(t("common.job_queued", position=status.position, start=f"{status.estimated_start:.0f}"),
                    icon=":material/hourglass_top:")
    elif status.stop_requested:
        st.progress(min(1.0, status.progress), text=t("common.job_stopping"))
    else:
        st.progress(min(1.0, status.progress), text=running)


def outcome(key: str, overrides: dict[str, tuple[str, str]] | None = None) -> dict[str, Any] | None:
    """Say how the last job under ``key`` ended, if worth saying (stopped by the teacher, failed, lost …);
    returns the outcome (None before any). A stop the student asked for is the page's to word (it kept a result)."""
    done = st.session_state.get(f"{key}.outcome")
    if not done:
        return None
    state, reason = done["state"], done.get("reason")
    if state in ("failed", "lost"):
        title, message = failure_text(done.get("error") or {"code": state, "values": {}}, overrides)
        show_error(None, title=title, message=message)
    elif state == "gone":
        st.warning(t("common.job_gone"))
    elif state == "cancelled" and reason == "teacher":
        st.warning(t("common.job_cancelled_teacher"))
    elif state == "cancelled" and reason in ("killed", "shutdown"):
        st.warning(t(f"common.job_cancelled_{reason}"))
    elif state == "cancelled" and not done.get("has_result"):
        st.info(t("common.job_cancelled_queued"))
    return done


# ---------------------------------------------------------------- words
# failures a lesson already words (the training lab's texts read well on every page): code -> (title, message) keys
_WORDING = {"diverged": ("training_lab.diverged_title", "training_lab.diverged"),
            "custom_input": ("training_lab.err_title", "training_lab.custom_mismatch"),
            "custom_classes": ("training_lab.err_title", "training_lab.custom_classes"),
            "dataset_unavailable": ("training_lab.dataset_missing", "common.job_fail_dataset_unavailable")}


def failure_text(error: dict[str, Any], overrides: dict[str, tuple[str, str]] | None = None) -> tuple[str, str]:
    """(title, message) of a failed or lost job in the page's language; ``overrides`` maps a code to a page's own
    (title key, message key). Every code of ``cnnlab.jobs.FAILURES`` + backend + lost has a wording."""
    code, values = error.get("code", "internal"), dict(error.get("values") or {})
    wording = {**_WORDING, **(overrides or {})}
    title_key, message_key = wording.get(code, ("common.job_failed", f"common.job_fail_{code}"))
    if not i18n.has(message_key):
        title_key, message_key = "common.job_failed", "common.job_fail_internal"
        values.setdefault("error", code)
    return t(title_key), t(message_key, **_fmt(code, values))


def _fmt(code: str, values: dict[str, Any]) -> dict[str, Any]:
    """A failure's values as the strings its wording shows."""
    from cnnlab.arithmetic import fmt_shape
    from cnnlab.data import DATASETS, data_root

    out = dict(values)
    if code == "diverged":
        lr, loss = float(values.get("lr", 0.0)), float(values.get("loss", float("nan")))
        out.update(lr=f"{lr:g}", loss=f"{loss:.3g}", lower=f"{lr / 10:g}")
    elif code in ("custom_input", "custom_classes", "dataset_unavailable"):
        name = str(values.get("dataset", ""))
        title = t(f"training_lab.dataset_{name}") if i18n.has(f"training_lab.dataset_{name}") else name
        out["dataset"] = title
        if code == "custom_input":
            out.update(spec=fmt_shape(values.get("spec")), data=fmt_shape(values.get("data")))
        elif code == "custom_classes":
            out["out"] = fmt_shape(values.get("out"))
        else:
            cls = DATASETS.get(name, ("", None))[1] or "CIFAR10"
            root = values.get("root") or data_root()   # the worker's folder, where the job looked
            out["how"] = f"python -c \"import torchvision; torchvision.datasets.{cls}('{root}', download=True)\""
    out.setdefault("error", values.get("error", ""))
    return out


def _refusal(code: str, values: dict[str, Any]) -> str:
    key = f"common.job_refused_{code}"
    return t(key, **values) if i18n.has(key) else t("common.job_refused_bad_recipe", field=code, value="")


def limits() -> "Limits":
    """The teacher's limits now (the job service's)."""
    return service().limits


def fit(recipe: "Recipe") -> "Recipe":
    """``recipe`` within the teacher's epoch and image limits; a caption says so when they shorten it."""
    from cnnlab.teacher import fit_to_limits

    fitted, changed = fit_to_limits(recipe, limits())
    if changed:
        none = t("common.job_no_limit")
        st.caption(t("common.job_limited", epochs=limits().max_epochs or none, subset=limits().max_subset or none))
    return fitted
