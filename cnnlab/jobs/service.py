"""The job service: a fair FIFO queue for heavy work, in front of a backend that runs the jobs elsewhere.

    service = JobService(LocalBackend())                  # once per server (the page layer caches it)
    job = service.submit(owner, lab_recipe(lr=1e-3))      # owner: the student's session id (server side)
    new = service.events(job, owner, since=len(seen))     # the page's fragment polls every second or so
    service.status(job, owner)                            # state, queue position, estimated start
    service.result(job, owner)                            # plain data once finished (weights as bytes)
    service.cancel(job, owner)                            # Stop: queued or running

States: ``queued`` → ``running`` → ``done`` | ``failed`` | ``cancelled`` | ``lost`` (the worker died), or
``queued`` → ``cancelled``. A job stopped while running keeps what it learned: ``result`` is the partly trained
network. Every job's event list ends with exactly one terminal event (done, stopped, failed, cancelled, lost).

Rules, all enforced here so that every backend (local processes, a cluster) behaves the same:

* Jobs are bound to their owner: a job id (``secrets.token_urlsafe``) is unguessable, and a wrong owner gets
  ``JobNotFound`` — the same answer as for an id that never existed. Only the ``admin_*`` views cross owners.
* One active job per owner by default (``Limits.jobs_per_owner``): a second ``submit`` is refused with code
  ``busy`` and the active job's id — the page offers Stop instead. Refusing rather than replacing means a
  double click cannot cost a student their place in the queue, and Stop stays an explicit choice. A job being
  stopped does not count, so Stop then Train works at once (the new job starts when the old one has ended).
* The queue is served in submission order, skipping owners that already have a job running, with at most
  ``capacity`` jobs running (the backend's slots, or the teacher's lower ``Limits.max_running``).
* An owner that made no call (any method taking ``owner``, or ``heartbeat``) for ``owner_timeout`` seconds has
  left: their jobs are cancelled and their finished jobs dropped. The page pings from every page, not only the
  training page, so a student reading another lesson keeps their job.
* Memory stays bounded: a finished job is dropped ``keep_seconds`` after it ended, and beyond ``max_finished``
  finished jobs the oldest go first (fetched ones before unfetched ones). Step events stop being stored after
  ``MAX_EVENTS`` per job (epoch and terminal events always are).

Estimated start: the queue is simulated over the slots — a running job ends after its time left (from its
progress, or from the pace of recent jobs of the same recipe shape), a queued one lasts the pace of recent jobs
per epoch × its epochs. Unknown until some job of the class has finished (None).
"""
from __future__ import annotations

import heapq
import itertools
import math
import secrets
import threading
import time
import weakref
from abc import ABC, abstractmethod
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from cnnlab.jobs.recipe import KINDS, TERMINAL, Recipe

__all__ = ["STATES", "ACTIVE", "FINISHED", "MAX_EVENTS", "JobError", "JobNotFound", "JobRefused", "BackendBusy",
           "Limits", "JobStatus", "Backend", "Report", "JobService"]

STATES = ("queued", "running", "done", "failed", "cancelled", "lost")
ACTIVE = ("queued", "running")
FINISHED = ("done", "failed", "cancelled", "lost")
MAX_EVENTS = 5_000   # step events kept per job (~2 MB); a long run should raise Recipe.log_every
_STATE_OF = {"done": "done", "stopped": "cancelled", "failed": "failed", "cancelled": "cancelled", "lost": "lost"}


class JobError(Exception):
    """A request the service turns down, as data: ``code`` plus ``values`` (the page words it)."""

    def __init__(self, code: str, **values: Any) -> None:
        super().__init__(code, values)
        self.code, self.values = code, values


class JobNotFound(JobError):
    """No such job for this owner (a job of another owner gives exactly this too)."""

    def __init__(self) -> None:
        super().__init__("not_found")


class JobRefused(JobError):
    """``submit`` said no: ``busy`` (job_id, limit), ``too_many_epochs`` (epochs, limit), ``subset_too_large``
    (subset, limit), ``bad_recipe`` (field, value) or ``shut_down``."""


class BackendBusy(Exception):
    """A backend has no free slot right now (the job stays queued and is tried again)."""


@dataclass(frozen=True)
class Limits:
    """What the teacher allows."""
    jobs_per_owner: int = 1              # queued + running jobs one student may have
    max_running: int | None = None       # jobs running at once (None = every backend slot)
    max_epochs: int | None = None        # per job (per network for a degradation run)
    max_subset: int | None = None        # training images per job; when set, "all images" is refused too


@dataclass(frozen=True)
class JobStatus:
    """Where a job stands (plain values). ``owner`` and ``recipe`` are filled in the admin views only."""
    job_id: str
    state: str                           # one of STATES
    position: int = 0                    # 1-based place in the queue; 0 when not queued
    estimated_start: float | None = None  # seconds from now until it should start (queued), None if unknown
    estimated_left: float | None = None   # seconds from now until it should end (queued or running)
    progress: float = 0.0                # 0–1
    events: int = 0                      # events stored so far
    stop_requested: bool = False         # Stop pressed, the worker is finishing the current step
    reason: str | None = None            # why stopped/cancelled: owner | teacher | owner_left | shutdown
    error: dict[str, Any] | None = None  # failed / lost: {"code": …, "values": {…}}
    seconds_queued: float = 0.0
    seconds_running: float = 0.0
    has_result: bool = False
    owner: str = ""
    recipe: dict[str, Any] | None = None


Report = Callable[[str, dict[str, Any], "dict[str, Any] | None"], None]


class Backend(ABC):
    """Where jobs run. The service calls ``start``/``cancel``/``shutdown``; the backend calls ``report``.

    Contract: after ``start(job_id, recipe)`` the backend reports zero or more events of that job and then exactly
    one terminal event — ``done``/``stopped`` (with the result), ``failed`` (code, values), ``cancelled`` (it had
    to be killed) or ``lost`` (its worker died) — from any thread, never while holding a lock the service could
    wait for. ``start`` returns at once (raise ``BackendBusy`` if no slot is free); ``cancel`` asks a running job
    to stop (its terminal event comes later) and ignores unknown ids.
    """
    capacity: int = 1                    # jobs that can run at once
    threads: int = 1                     # CPU threads each job gets (fills Recipe.threads)
    device: str = "cpu"                  # where jobs run: cpu | cuda

    def bind(self, report: Report) -> None:
        self._report = report

    def report(self, job_id: str, event: dict[str, Any], result: dict[str, Any] | None = None) -> None:
        getattr(self, "_report", lambda *a: None)(job_id, event, result)

    @abstractmethod
    def start(self, job_id: str, recipe: Recipe) -> None: ...

    @abstractmethod
    def cancel(self, job_id: str) -> None: ...

    @abstractmethod
    def shutdown(self) -> None: ...


@dataclass
class _Job:
    id: str
    owner: str
    recipe: Recipe
    submitted: float
    state: str = "queued"
    events: list[dict[str, Any]] = field(default_factory=list)
    result: dict[str, Any] | None = None
    error: dict[str, Any] | None = None
    reason: str | None = None
    started: float | None = None
    finished: float | None = None
    progress: float = 0.0
    stop_requested: bool = False
    fetched: bool = False


def _pace_key(recipe: Recipe) -> tuple[Any, ...]:
    """Recipes with the same key take about the same time per epoch."""
    preset = tuple(sorted((k, str(v)) for k, v in (recipe.preset or {}).items() if k not in ("epochs", "seed")))
    return (recipe.kind, recipe.model, recipe.spec, recipe.dataset, recipe.batch_size, recipe.subset,
            recipe.augment is not None, recipe.threads, preset)


class JobService:
    """The scheduler; backend-agnostic and thread-safe (one instance serves every session of the server)."""

    def __init__(self, backend: Backend, *, limits: Limits = Limits(), owner_timeout: float = 90.0,
                 keep_seconds: float = 900.0, max_finished: int = 200, tick_seconds: float | None = 1.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.backend = backend
        self.owner_timeout, self.keep_seconds, self.max_finished = owner_timeout, keep_seconds, max_finished
        self._limits = limits
        self._clock = clock
        self._lock = threading.RLock()
        self._jobs: dict[str, _Job] = {}          # insertion order is submission order: the FIFO
        self._seen: dict[str, float] = {}         # owner -> time of their last call
        self._pace: dict[tuple[Any, ...], deque[float]] = {}   # seconds per epoch of recent done jobs, per key
        self._recent: deque[float] = deque(maxlen=20)
        self._closed = False
        backend.bind(self._on_report)
        self._stop = threading.Event()
        if tick_seconds:
            ref = weakref.ref(self)
            threading.Thread(target=_ticker, args=(ref, self._stop, tick_seconds), name="cnnlab-jobs-tick",
                             daemon=True).start()

    # ------------------------------------------------------------ student calls (owner-bound)
    def submit(self, owner: str, recipe: Recipe) -> str:
        """Queue ``recipe`` for ``owner``; returns the job id. Raises ``JobRefused``."""
        with self._lock:
            if self._closed:
                raise JobRefused("shut_down")
            self._check(recipe)
            now = self._clock()
            self._seen[owner] = now
            # a job already told to stop does not count: Stop then Train works at once (the new job waits for it)
            active = [j for j in self._jobs.values() if j.owner == owner and j.state in ACTIVE and not j.stop_requested]
            if len(active) >= self._limits.jobs_per_owner:
                raise JobRefused("busy", job_id=active[0].id, limit=self._limits.jobs_per_owner)
            if recipe.threads is None:
                recipe = replace(recipe, threads=self.backend.threads)
            job = _Job(secrets.token_urlsafe(16), owner, recipe, now)
            self._jobs[job.id] = job
            self._schedule()
            return job.id

    def status(self, job_id: str, owner: str) -> JobStatus:
        with self._lock:
            return self._status(self._get(job_id, owner), self._estimates())

    def events(self, job_id: str, owner: str, since: int = 0) -> list[dict[str, Any]]:
        """The job's events from index ``since`` on (read-only dicts); also tells the service the owner is here."""
        with self._lock:
            return self._get(job_id, owner).events[max(0, since):]

    def result(self, job_id: str, owner: str) -> dict[str, Any] | None:
        """The finished job's result (done, or cancelled after it ran), else None."""
        with self._lock:
            job = self._get(job_id, owner)
            if job.state not in FINISHED:
                return None
            job.fetched = True
            return job.result

    def cancel(self, job_id: str, owner: str) -> bool:
        """Stop the job (queued: at once; running: after its current step). False if it had already ended."""
        with self._lock:
            return self._cancel(self._get(job_id, owner), "owner")

    def cancel_owner(self, owner: str, reason: str = "owner") -> int:
        """Stop every active job of ``owner`` (``reason`` "owner_left": the page saw the session end); returns how
        many."""
        with self._lock:
            return sum(self._cancel(j, reason) for j in list(self._jobs.values()) if j.owner == owner)

    def heartbeat(self, owner: str) -> None:
        """The owner is still here (call it on every page, so a job survives the student reading other lessons)."""
        with self._lock:
            self._seen[owner] = self._clock()

    def active_job(self, owner: str) -> str | None:
        """The owner's queued or running job, if any (e.g. after the page lost its job id)."""
        with self._lock:
            self._seen[owner] = self._clock()
            return next((j.id for j in self._jobs.values() if j.owner == owner and j.state in ACTIVE), None)

    # ------------------------------------------------------------ teacher calls
    @property
    def limits(self) -> Limits:
        return self._limits

    def set_limits(self, limits: Limits) -> None:
        """New limits apply to new submissions and to scheduling; running jobs go on."""
        with self._lock:
            self._limits = limits
            self._schedule()

    @property
    def capacity(self) -> int:
        """Jobs that may run at once now."""
        cap = self._limits.max_running
        return max(1, min(self.backend.capacity, cap if cap is not None else self.backend.capacity))

    def admin_jobs(self) -> list[JobStatus]:
        """Every job the service holds, in submission order, with owner and recipe (without the result)."""
        with self._lock:
            est = self._estimates()
            return [replace(self._status(j, est), owner=j.owner, recipe=j.recipe.to_dict())
                    for j in self._jobs.values()]

    def admin_cancel(self, job_id: str) -> bool:
        with self._lock:
            job = self._jobs.get(job_id)
            if job is None:
                raise JobNotFound()
            return self._cancel(job, "teacher")

    def sessions(self) -> dict[str, float]:
        """Owners seen within ``owner_timeout``: seconds since each one's last call."""
        with self._lock:
            now = self._clock()
            return {o: now - t for o, t in self._seen.items() if now - t <= self.owner_timeout}

    # ------------------------------------------------------------ housekeeping
    def tick(self) -> None:
        """Cancel jobs of owners who left, drop old finished jobs, start queued jobs (runs every tick_seconds)."""
        with self._lock:
            now = self._clock()
            gone = {o for o, t in self._seen.items() if now - t > self.owner_timeout}
            for job in list(self._jobs.values()):
                if job.owner in gone and job.state in ACTIVE:
                    self._cancel(job, "owner_left")
            finished = [j for j in self._jobs.values() if j.state in FINISHED]
            for job in finished:
                if job.owner in gone or now - (job.finished or now) > self.keep_seconds:
                    del self._jobs[job.id]
            finished = [j for j in self._jobs.values() if j.state in FINISHED]
            extra = len(finished) - self.max_finished
            if extra > 0:
                finished.sort(key=lambda j: (not j.fetched, j.finished or 0.0))
                for job in finished[:extra]:
                    del self._jobs[job.id]
            owners = {j.owner for j in self._jobs.values()}
            for owner in gone - owners:
                del self._seen[owner]
            self._schedule()

    def shutdown(self) -> None:
        """Cancel everything and stop the backend (its workers). The service refuses new jobs after."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            self._stop.set()
            for job in self._jobs.values():
                self._cancel(job, "shutdown")
        self.backend.shutdown()   # outside the lock: its collector may still be reporting
        with self._lock:
            for job in self._jobs.values():
                if job.state == "running":
                    self._finish(job, "cancelled", {"type": "cancelled", "reason": "shutdown"}, None)
                    job.reason = job.reason or "shutdown"

    # ------------------------------------------------------------ inside
    def _check(self, recipe: Recipe) -> None:
        if recipe.kind not in KINDS:
            raise JobRefused("bad_recipe", field="kind", value=recipe.kind)
        for name, value in (("epochs", recipe.total_epochs), ("batch_size", recipe.batch_size),
                            ("subset", recipe.train_images), ("test_subset", recipe.test_subset)):
            if value is None and name in ("subset", "test_subset"):
                continue   # all images
            if not isinstance(value, int) or value < 1:
                raise JobRefused("bad_recipe", field=name, value=value)
        limits = self._limits
        if limits.max_epochs is not None and recipe.total_epochs > limits.max_epochs:
            raise JobRefused("too_many_epochs", epochs=recipe.total_epochs, limit=limits.max_epochs)
        if limits.max_subset is not None and (recipe.train_images or math.inf) > limits.max_subset:
            raise JobRefused("subset_too_large", subset=recipe.train_images, limit=limits.max_subset)

    def _get(self, job_id: str, owner: str) -> _Job:
        job = self._jobs.get(job_id) if isinstance(job_id, str) else None
        if job is None or not secrets.compare_digest(job.owner.encode(), str(owner).encode()):
            raise JobNotFound()
        self._seen[owner] = self._clock()
        return job

    def _cancel(self, job: _Job, reason: str) -> bool:
        if job.state == "queued":
            self._finish(job, "cancelled", {"type": "cancelled", "reason": reason}, None)
            job.reason = reason
            return True
        if job.state == "running" and not job.stop_requested:
            job.stop_requested, job.reason = True, reason
            self.backend.cancel(job.id)
            return True
        return False

    def _finish(self, job: _Job, state: str, event: dict[str, Any], result: dict[str, Any] | None) -> None:
        now = self._clock()
        job.state, job.result, job.finished = state, result, now
        job.events.append(event)
        if state == "done":
            job.progress = 1.0
            if job.started is not None:
                per_epoch = (now - job.started) / max(1, job.recipe.total_epochs)
                self._pace.setdefault(_pace_key(job.recipe), deque(maxlen=5)).append(per_epoch)
                self._recent.append(per_epoch)
        elif state in ("failed", "lost"):
            job.error = {"code": event.get("code", state), "values": event.get("values", {})}

    def _on_report(self, job_id: str, event: dict[str, Any], result: dict[str, Any] | None = None) -> None:
        with self._lock:
            job = self._jobs.get(job_id)
            if job is None or job.state != "running":
                return
            kind = event.get("type")
            if kind in TERMINAL:
                if kind == "lost":
                    event = {"code": "lost", "values": {k: v for k, v in event.items() if k != "type"}, **event}
                self._finish(job, _STATE_OF[kind], event, result)
                if kind == "stopped" and job.reason is None:
                    job.reason = "stopped"
                self._schedule()
                return
            if kind == "step":
                job.progress = event["global_step"] / max(1, event["total_steps"])
            elif kind == "progress":
                job.progress = float(event["fraction"])
            if kind not in ("step", "progress") or len(job.events) < MAX_EVENTS:
                job.events.append(event)

    def _schedule(self) -> None:
        running = [j for j in self._jobs.values() if j.state == "running"]
        free = self.capacity - len(running)
        busy = {j.owner for j in running}
        for job in list(self._jobs.values()):
            if free <= 0 or self._closed:
                return
            if job.state != "queued" or job.owner in busy:
                continue
            job.state, job.started = "running", self._clock()
            try:
                self.backend.start(job.id, job.recipe)
            except BackendBusy:
                job.state, job.started = "queued", None
                return
            except Exception as exc:   # the backend could not start it (spawn failed …): the job fails
                self._finish(job, "failed", {"type": "failed", "code": "backend",
                                             "values": {"error": type(exc).__name__, "detail": str(exc)}}, None)
                continue
            busy.add(job.owner)
            free -= 1

    def _duration(self, recipe: Recipe) -> float | None:
        """Expected seconds for the whole job, from recent jobs of the same shape (else any recent job)."""
        recent = self._pace.get(_pace_key(recipe)) or self._recent
        if not recent:
            return None
        return sorted(recent)[len(recent) // 2] * recipe.total_epochs

    def _left(self, job: _Job, now: float) -> float | None:
        if job.stop_requested:
            return 0.0
        elapsed = now - (job.started or now)
        if job.progress >= 0.05:
            return elapsed * (1.0 - job.progress) / job.progress
        expected = self._duration(job.recipe)
        return None if expected is None else max(0.0, expected - elapsed)

    def _estimates(self) -> dict[str, tuple[float | None, float | None]]:
        """job id -> (seconds until it starts, seconds until it ends), simulating the queue over the slots."""
        now = self._clock()
        out: dict[str, tuple[float | None, float | None]] = {}
        ends: list[float] = []
        for job in self._jobs.values():
            if job.state == "running":
                left = self._left(job, now)
                out[job.id] = (0.0, left)
                ends.append(math.inf if left is None else left)
        slots = self.capacity
        ends += [0.0] * max(0, slots - len(ends))
        heapq.heapify(ends)
        for _ in range(len(ends) - slots):   # more running than slots (limit lowered): those ends free no slot
            heapq.heappop(ends)
        for job in self._jobs.values():
            if job.state == "queued":
                start = heapq.heappop(ends)
                duration = self._duration(job.recipe)
                end = math.inf if duration is None else start + duration
                heapq.heappush(ends, end)
                out[job.id] = (None if math.isinf(start) else start, None if math.isinf(end) else end)
        return out

    def _status(self, job: _Job, estimates: dict[str, tuple[float | None, float | None]]) -> JobStatus:
        now = self._clock()
        queued = [j.id for j in self._jobs.values() if j.state == "queued"]
        start, left = estimates.get(job.id, (None, None))
        left_queue = job.started if job.started is not None else (job.finished or now)
        return JobStatus(
            job.id, job.state, position=queued.index(job.id) + 1 if job.state == "queued" else 0,
            estimated_start=start if job.state == "queued" else None,
            estimated_left=left if job.state in ACTIVE else None, progress=job.progress, events=len(job.events),
            stop_requested=job.stop_requested, reason=job.reason,
            error=job.error, seconds_queued=left_queue - job.submitted,
            seconds_running=((job.finished or now) - job.started) if job.started is not None else 0.0,
            has_result=job.result is not None)


def _ticker(ref: "weakref.ref[JobService]", stop: threading.Event, seconds: float) -> None:
    while not stop.wait(seconds):
        service = ref()
        if service is None:
            return
        service.tick()
        del service
