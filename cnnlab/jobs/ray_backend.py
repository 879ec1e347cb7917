"""The Ray backend: jobs run in Ray actors, on whichever node of a Ray cluster has room.

    backend = RayBackend("ray://head:10001")     # or "auto", "HOST:6379", "local"; see make_backend()
    service = JobService(backend)

Only this module imports Ray, and only ``make_backend`` (when ``CNNLAB_RAY_ADDRESS`` is set) or a caller
imports this module: without the variable nothing about Ray is imported or started.

* A job runs in a ``JobActor`` created with the job's resource request: ``num_cpus`` = the recipe's threads and,
  when the cluster has GPUs, a fraction of one (``gpu_fraction``, 0.25 by default: four students' small jobs
  share a GPU). An actor is a worker process of its own that runs one job at a time, set up as a local worker is
  (``setup_worker``): a seeded recipe gives the same numbers here as on the local pool.
* Warm actors: an actor whose job ended (done or stopped) waits ``idle_seconds`` (10) for this backend's next
  job of the same size before it ends and its CPUs / GPU share go back to the cluster. In a busy class the next
  queued job takes it at once, without a fresh process and torch's import (or a new CUDA context); the wait is
  short because a warm actor holds resources that other app replicas sharing the cluster may be waiting for.
  ``idle_seconds=0``: a fresh actor for every job.
* The actor runs ``run_job`` in its ``run`` call and keeps the events; the driver long-polls ``events`` (one
  outstanding call per job, all waited on with one ``ray.wait`` in a collector thread), so events stream back
  while the job runs.
* Stop is Ray's cancellation: ``ray.cancel`` on the running ``run`` call sets the task's cancelled flag, which
  is ``run_job``'s ``should_stop``; the job ends after its current step with what it learned (fetched with
  ``outcome``). A job that ignores it for ``grace_seconds`` is killed (``cancelled``). A job that has not
  started yet (its actor waits for resources) is cancelled by killing the waiting actor.
* A worker process or node that dies fails the job's calls with ``RayActorError``: that job is reported
  ``lost`` ("the worker was lost — run again") and every other job carries on.
* Code travels with the jobs: ``cnnlab/`` and ``assets/`` (the bundled digits) are the connection's working
  directory (Ray's ``runtime_env``), so the cluster needs only the same Python packages, not this checkout.

Settings (arguments, else environment variables): ``CNNLAB_RAY_THREADS`` (CPU threads per job, 1),
``CNNLAB_RAY_GPU_FRACTION`` (0.25), ``CNNLAB_RAY_JOBS`` (jobs at once; default: what the cluster's CPUs — or GPU
shares — hold now), ``CNNLAB_RAY_IDLE_SECONDS`` (10), ``CNNLAB_RAY_SHIP_CODE`` (1; 0 when every node already
has this very cnnlab on its path).
"""
from __future__ import annotations

import atexit
import os
import shutil
import socket
import tempfile
import threading
import time
import weakref
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import ray
from ray.exceptions import GetTimeoutError, RayActorError, RayError, TaskCancelledError

from cnnlab.jobs.local import setup_worker
from cnnlab.jobs.recipe import TERMINAL, Recipe, run_job
from cnnlab.jobs.service import Backend, BackendBusy

__all__ = ["RayBackend", "RayUnavailable", "settings_from_env"]

_ROOT = Path(__file__).resolve().parents[2]   # the folder holding cnnlab/ and assets/
_SHIPPED = ("cnnlab", "assets")
_LONG_POLL = 1.0        # seconds an events call waits in the actor for something new
_RESOURCES_TTL = 5.0    # seconds the cluster's resources are cached for ``capacity``


class RayUnavailable(RuntimeError):
    """The Ray cluster could not be reached (or Ray is not installed); the message names the address."""


def settings_from_env(environ: dict[str, str] | None = None) -> dict[str, Any]:
    """RayBackend's keyword arguments from the ``CNNLAB_RAY_*`` variables (those that are set)."""
    env = os.environ if environ is None else environ
    out: dict[str, Any] = {}
    for key, name, kind in (("threads", "CNNLAB_RAY_THREADS", int), ("gpu_fraction", "CNNLAB_RAY_GPU_FRACTION", float),
                            ("jobs", "CNNLAB_RAY_JOBS", int), ("idle_seconds", "CNNLAB_RAY_IDLE_SECONDS", float)):
        if env.get(name, "").strip():
            out[key] = kind(env[name])
    if env.get("CNNLAB_RAY_SHIP_CODE", "").strip():
        out["ship_code"] = env["CNNLAB_RAY_SHIP_CODE"].strip().lower() not in ("0", "false", "no")
    return out


# ---------------------------------------------------------------- the actor (one per job, in its own process)
@ray.remote(max_restarts=0, max_task_retries=0, max_concurrency=6)
class JobActor:
    """Runs jobs one at a time: ``run`` does one; ``events`` / ``outcome`` / ``idle`` / ``pid`` answer meanwhile."""

    def __init__(self, threads: int, device: str) -> None:
        setup_worker(threads, device)
        self._device = device
        self._changed = threading.Condition()
        self._job: str | None = None
        self._events: list[dict[str, Any]] = []
        self._outcome: tuple[dict[str, Any], dict[str, Any] | None] | None = None

    def pid(self) -> int:
        return os.getpid()

    def run(self, job_id: str, recipe: Recipe) -> tuple[dict[str, Any], dict[str, Any] | None]:
        """Do the job; returns (terminal event, result). ``ray.cancel`` on this call stops it after a step."""
        if recipe.device == "auto":
            recipe = replace(recipe, device=self._device)
        with self._changed:
            self._job, self._events, self._outcome = job_id, [], None
            self._changed.notify_all()
        final: dict[str, Any] = {}

        def emit(event: dict[str, Any]) -> None:
            if event["type"] in TERMINAL:
                final.update(event)   # returned with the result
                return
            with self._changed:
                self._events.append(event)
                self._changed.notify_all()

        result = run_job(recipe, emit, ray.get_runtime_context().is_canceled)
        if self._device == "cuda":
            import torch

            torch.cuda.empty_cache()   # a warm actor keeps its context, not the job's cached blocks
        with self._changed:
            self._outcome = (final, result)
            self._changed.notify_all()
        return self._outcome

    def events(self, job_id: str, since: int, wait: float) -> tuple[list[dict[str, Any]], bool]:
        """``job_id``'s events from index ``since`` on (waiting up to ``wait`` s for one), and whether it ended."""
        def news() -> bool:
            return self._job == job_id and (len(self._events) > since or self._outcome is not None)

        with self._changed:
            self._changed.wait_for(news, wait)
            if self._job != job_id:
                return [], False   # its run call has not begun here yet
            return self._events[since:], self._outcome is not None

    def outcome(self, job_id: str) -> tuple[dict[str, Any], dict[str, Any] | None] | None:
        """What ``run`` returned for ``job_id`` (also after a cancelled call, whose return Ray drops), else None."""
        with self._changed:
            return self._outcome if self._job == job_id else None

    def idle(self, last_job: str, wait: float) -> bool:
        """Wait up to ``wait`` s for a job after ``last_job``; False if none came (the driver then ends the actor)."""
        with self._changed:
            return self._changed.wait_for(lambda: self._job != last_job, wait)


# ---------------------------------------------------------------- the driver side
@dataclass
class _Job:
    recipe: Recipe
    actor: Any
    size: tuple[int, str]             # (threads, device) of its actor
    warm: bool                        # on an actor that ran an earlier job
    run: Any                          # ObjectRef of JobActor.run
    pid_call: Any | None              # ObjectRef of JobActor.pid; None once answered (or a warm actor's)
    poll: Any | None = None           # the outstanding JobActor.events call
    seen: int = 0                     # events reported so far
    pid: int | None = None            # the worker process, once the actor is up
    deadline: float | None = None     # Stop pressed: kill after this
    killed: str | None = None         # why we killed the actor ourselves: "queued" | "killed" | "shutdown"


@dataclass
class _Warm:
    actor: Any
    size: tuple[int, str]             # (threads, device): it takes only jobs of this size
    pid: int
    sentinel: Any                     # ObjectRef of JobActor.idle: answers when the wait ends, fails if it dies


class RayBackend(Backend):
    """Jobs as Ray actors on a cluster (see the module docstring)."""

    def __init__(self, address: str | None = None, *, threads: int | None = None, gpu_fraction: float | None = None,
                 jobs: int | None = None, idle_seconds: float | None = None, device: str = "auto",
                 ship_code: bool | None = None, grace_seconds: float = 10.0, poll_seconds: float = 0.2) -> None:
        env = settings_from_env()
        self.address = address or os.environ.get("CNNLAB_RAY_ADDRESS", "").strip() or "auto"
        self.threads = max(1, threads or env.get("threads", 1))
        self.gpu_fraction = gpu_fraction or env.get("gpu_fraction", 0.25)
        if not 0 < self.gpu_fraction <= 1:
            raise ValueError(f"gpu_fraction must be in (0, 1], got {self.gpu_fraction}")
        self._jobs_limit = jobs or env.get("jobs")
        self.idle_seconds = env.get("idle_seconds", 10.0) if idle_seconds is None else idle_seconds
        self.grace_seconds, self.poll_seconds = grace_seconds, poll_seconds
        self._owns_connection = _connect(self.address, env.get("ship_code", True) if ship_code is None else ship_code)
        self._resources: dict[str, float] = {}
        self._resources_at = -_RESOURCES_TTL
        self._device = device
        self._jobs: dict[str, _Job] = {}
        self._warm: list[_Warm] = []      # actors waiting for a next job, oldest first
        self._lock = threading.RLock()
        self._closed = False
        self._collector: threading.Thread | None = None
        atexit.register(_shutdown_at_exit, weakref.ref(self))

    # ------------------------------------------------------------ Backend
    @property
    def device(self) -> str:   # type: ignore[override]
        """Where new jobs run: ``cuda`` while the cluster has GPUs (nodes may join after the app started), else cpu."""
        if self._device == "auto":
            return "cuda" if self._cluster().get("GPU", 0.0) > 0 else "cpu"
        return self._device

    @property
    def capacity(self) -> int:   # type: ignore[override]
        """Jobs at once: ``jobs`` if given, else the job-sized slots of the cluster's CPUs (GPU shares on GPUs)."""
        if self._jobs_limit:
            return self._jobs_limit
        resources = self._cluster()
        slots = int(resources.get("CPU", 0.0) // self.threads)
        if self.device == "cuda":
            slots = min(slots, int(resources.get("GPU", 0.0) / self.gpu_fraction + 1e-9))
        return max(1, slots)

    def start(self, job_id: str, recipe: Recipe) -> None:
        with self._lock:
            if self._closed:
                raise RuntimeError("the backend is shut down")
            if len(self._jobs) >= self.capacity:
                raise BackendBusy()
            self._jobs[job_id] = self._launch(job_id, recipe, warm=True)
            self._ensure_collector()

    def cancel(self, job_id: str) -> None:
        with self._lock:
            job = self._jobs.get(job_id)
            if job is None or job.deadline is not None or job.killed:
                return
            if job.pid is None:   # still waiting for resources (or starting): nothing learned yet, drop it
                job.killed = "queued"
                _kill(job.actor)
            else:
                job.deadline = time.monotonic() + self.grace_seconds
                ray.cancel(job.run)   # an actor task: sets its cancelled flag, which the job checks every step

    def shutdown(self, timeout: float = 5.0) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
            for job in self._jobs.values():
                job.killed = job.killed or "shutdown"
                _kill(job.actor)
            for warm in self._warm:
                _kill(warm.actor)
            self._warm.clear()
        if self._collector is not None:
            self._collector.join(timeout)
        with self._lock:
            self._jobs.clear()
        if self._owns_connection:
            _disconnect()
            self._owns_connection = False

    # ------------------------------------------------------------ extras
    def worker_pids(self) -> dict[str, int]:
        """job id -> pid of the Ray worker process running it (once it runs; for the teacher's view and tests)."""
        with self._lock:
            return {job_id: job.pid for job_id, job in self._jobs.items() if job.pid is not None}

    def warm_pids(self) -> list[int]:
        """pids of the warm actors waiting for a next job, oldest first."""
        with self._lock:
            return [w.pid for w in self._warm]

    def cluster_resources(self) -> dict[str, float]:
        """The cluster's resources (CPU, GPU, memory …), refreshed every few seconds."""
        return dict(self._cluster())

    # ------------------------------------------------------------ inside
    def _launch(self, job_id: str, recipe: Recipe, warm: bool) -> _Job:
        """Start ``recipe`` on a warm actor of its size (if ``warm`` and there is one), else on a new actor."""
        size = (recipe.threads or self.threads, self.device)
        actor = next((w for w in self._warm if w.size == size), None) if warm else None
        if actor is not None:   # no new process, no import
            self._warm.remove(actor)
            job = _Job(recipe, actor.actor, size, True, actor.actor.run.remote(job_id, recipe), None, pid=actor.pid)
            job.poll = job.actor.events.remote(job_id, 0, _LONG_POLL)
            return job
        if self._warm:   # warm actors of another size hold resources this one may need
            _kill(self._warm.pop(0).actor)
        threads, device = size
        request: dict[str, Any] = {"num_cpus": threads}
        if device == "cuda":
            request["num_gpus"] = self.gpu_fraction
        new = JobActor.options(**request).remote(threads, device)
        return _Job(recipe, new, size, False, new.run.remote(job_id, recipe), new.pid.remote())

    def _cluster(self) -> dict[str, float]:
        now = time.monotonic()
        if now - self._resources_at > _RESOURCES_TTL:
            try:
                self._resources = ray.cluster_resources()
            except RayError:
                pass   # keep the last answer; the next call tries again
            self._resources_at = now
        return self._resources

    def _ensure_collector(self) -> None:
        if self._collector is None or not self._collector.is_alive():
            self._collector = threading.Thread(target=self._collect, name="cnnlab-ray-collector", daemon=True)
            self._collector.start()

    def _collect(self) -> None:
        while True:
            with self._lock:
                if self._closed and not self._jobs:
                    return
                waiting = {ref: job_id for job_id, job in self._jobs.items()
                           for ref in (job.run, job.pid_call, job.poll) if ref is not None}
                waiting.update((w.sentinel, "") for w in self._warm)
            if not waiting:
                time.sleep(self.poll_seconds)
                continue
            try:
                ready, _ = ray.wait(list(waiting), num_returns=1, timeout=self.poll_seconds)
                if ready:   # and whatever else is ready by now
                    ready, _ = ray.wait(list(waiting), num_returns=len(waiting), timeout=0)
            except Exception:   # noqa: BLE001 — the connection went (shutdown) or hiccuped: look again
                if self._closed:
                    return
                ready = []
            reports: list[tuple[str, dict[str, Any], dict[str, Any] | None]] = []
            with self._lock:
                answered = set(ready)
                for warm in [w for w in self._warm if w.sentinel in answered]:
                    self._warm.remove(warm)   # it waited long enough (or died): end it, free its resources
                    _kill(warm.actor)
                for job_id in dict.fromkeys(waiting[ref] for ref in ready if waiting[ref]):
                    job = self._jobs[job_id]
                    for ref in (job.pid_call, job.poll, job.run):   # in this order: the run call ends the job
                        if ref is not None and ref in answered:
                            self._handle(job_id, job, ref, reports)
                now = time.monotonic()
                for job_id, job in list(self._jobs.items()):
                    if job.deadline is not None and now > job.deadline and not job.killed:
                        job.killed = "killed"   # ignored Stop: its run call fails and is reported cancelled
                        _kill(job.actor)
                if self._closed:
                    self._jobs.clear()
            for job_id, event, result in reports:   # outside the lock: the service may start the next job
                self.report(job_id, event, result)

    def _handle(self, job_id: str, job: _Job, ref: Any, reports: list) -> None:
        """One of ``job``'s calls has answered (or failed)."""
        if ref is job.pid_call:
            job.pid_call = None
            try:
                job.pid = ray.get(ref)
            except RayError:
                return   # the run call fails the same way and says so
            job.poll = job.actor.events.remote(job_id, 0, _LONG_POLL)
        elif ref is job.poll:
            job.poll = None
            try:
                events, ended = ray.get(ref)
            except RayError:
                return
            reports.extend((job_id, event, None) for event in events)
            job.seen += len(events)
            if not ended:
                job.poll = job.actor.events.remote(job_id, job.seen, _LONG_POLL)
        elif ref is job.run:
            del self._jobs[job_id]
            event, result = self._ending(job_id, job)
            if event["type"] == "lost" and job.warm and job.seen == 0 and not self._closed:
                # a warm actor that had died while it waited: nothing of this job ran there, start it afresh
                self._jobs[job_id] = self._launch(job_id, job.recipe, warm=False)
                return
            if event["type"] in ("done", "stopped", "failed"):   # run_job ended: the actor is up and holds
                try:                                             # the events the last long-poll had not brought
                    events, _ = ray.get(job.actor.events.remote(job_id, job.seen, 0.0), timeout=30.0)
                    reports.extend((job_id, e, None) for e in events)
                except (RayError, GetTimeoutError):
                    pass
            if event["type"] in ("done", "stopped") and job.pid is not None and self.idle_seconds > 0 \
                    and not self._closed:   # a warm actor for the next job (a failed job's process is not reused)
                self._warm.append(_Warm(job.actor, job.size, job.pid,
                                        job.actor.idle.remote(job_id, self.idle_seconds)))
            else:
                _kill(job.actor)   # frees its CPUs / GPU share now
            reports.append((job_id, event, result))

    def _ending(self, job_id: str, job: _Job) -> tuple[dict[str, Any], dict[str, Any] | None]:
        """The terminal event and result of a job whose run call has answered."""
        try:
            final, result = ray.get(job.run)
            return final, result
        except TaskCancelledError:
            if not job.killed:   # Stop landed: Ray drops a cancelled call's return, the actor keeps it
                try:
                    outcome = ray.get(job.actor.outcome.remote(job_id), timeout=30.0)
                except (RayError, GetTimeoutError):
                    outcome = None
                if outcome is not None:
                    return outcome
            return {"type": "cancelled", "reason": job.killed or "queued"}, None
        except RayActorError as exc:
            if job.killed:
                return {"type": "cancelled", "reason": job.killed}, None
            return {"type": "lost", "error": type(exc).__name__, "detail": _first_line(exc)}, None
        except RayError as exc:   # the actor could not be created (runtime env, unschedulable …)
            if job.killed:
                return {"type": "cancelled", "reason": job.killed}, None
            return {"type": "failed", "code": "backend",
                    "values": {"error": type(exc).__name__, "detail": _first_line(exc)}}, None


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:300] if text else type(exc).__name__


def _kill(actor: Any) -> None:
    try:
        ray.kill(actor, no_restart=True)
    except (RayError, ValueError):
        pass


def _shutdown_at_exit(ref: "weakref.ref[RayBackend]") -> None:
    backend = ref()
    if backend is not None:
        backend.shutdown()


# ---------------------------------------------------------------- the connection (one per process)
_connection_lock = threading.Lock()
_connection_users = 0       # RayBackends sharing the connection this module made
_connected_to = ""


def _connect(address: str, ship_code: bool) -> bool:
    """Join the cluster at ``address`` unless this process already is; True if this call connected.

    Ray allows one connection per process: a second backend (the CLI inside a test, say) shares the first one's.
    """
    global _connection_users, _connected_to
    with _connection_lock:
        if ray.is_initialized() and not _connection_users:
            return False   # someone else's connection (a script's ray.init): theirs to use and to close
        if ray.is_initialized() and address == _connected_to:
            _connection_users += 1
            return True
        _check_listening(address)
        if ray.is_initialized():
            raise RayUnavailable(f"cannot join the Ray cluster at {address!r}: this process is joined to "
                                 f"{_connected_to!r} already (Ray allows one cluster per process)")
        options: dict[str, Any] = {"address": address, "namespace": "cnnlab", "log_to_driver": False}
        with tempfile.TemporaryDirectory(prefix="cnnlab-ray-code-") as folder:
            if ship_code:   # exactly cnnlab/ and assets/; Ray uploads it once (keyed on its content)
                for name in _SHIPPED:
                    shutil.copytree(_ROOT / name, Path(folder) / name,
                                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
                options["runtime_env"] = {"working_dir": folder}
            try:
                ray.init(**options)
            except (ConnectionError, RayError, RuntimeError, ValueError) as exc:
                raise RayUnavailable(f"cannot join the Ray cluster at {address!r}: {_first_line(exc)}") from exc
        _connection_users, _connected_to = 1, address
        return True


def _check_listening(address: str, timeout: float = 5.0) -> None:
    """Fail at once when nothing listens where Ray would dial (Ray itself retries for minutes).

    Ray dials a head given as 127.0.0.1 at this machine's network address unless
    ``RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER=0``; a head started with that variable listens on 127.0.0.1 only.
    """
    dialed = address.removeprefix("ray://")
    if not address.startswith("ray://"):   # a driver: where Ray's own address rules send it (``auto`` included)
        try:
            from ray._private.services import canonicalize_bootstrap_address

            dialed = canonicalize_bootstrap_address(address) or ""
        except ImportError:   # Ray moved it: check the address as given
            pass
        except Exception as exc:   # noqa: BLE001 — e.g. "auto" with no cluster on this machine
            raise RayUnavailable(f"cannot join the Ray cluster at {address!r}: {_first_line(exc)}") from exc
    host, _, port = dialed.rpartition(":")
    if not host or not port.isdigit():
        return   # "local": this process starts its own
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=timeout).close()
    except OSError as exc:
        hint = "" if dialed == address.removeprefix("ray://") else (
            f" (Ray dials {dialed}; for a head on 127.0.0.1 set RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER=0 here too)")
        raise RayUnavailable(f"cannot join the Ray cluster at {address!r}: nothing answers there{hint}") from exc


def _disconnect() -> None:
    global _connection_users
    with _connection_lock:
        _connection_users = max(0, _connection_users - 1)
        if _connection_users == 0 and ray.is_initialized():
            ray.shutdown()
