"""The local backend: persistent worker processes on this machine, one job at a time each.

    backend = LocalBackend()          # CPU: one worker per core, 1 thread each; CUDA: 2 workers per GPU

Why processes: torch's thread count and RNGs are process-wide, and the GIL makes threads share one core's
Python; a worker process owns its RNG and thread count for the job it runs, so a recipe gives the same numbers
alone or in a class of 30, and the Streamlit process never trains.

* A worker is a fresh interpreter (``subprocess`` running ``_worker_main``), never a fork of a process that has
  threads and torch loaded. Not ``multiprocessing``'s spawn either: it re-runs the parent's ``__main__`` in the
  child, and inside Streamlit ``__main__`` is the page script that ran last. Workers start lazily at the first
  jobs (``start_workers`` starts them all now) and stay up between jobs.
* CPU: ``capacity`` = the cores given to this process, ``threads`` per job = max(1, cores // capacity).
  CUDA (picked when present): ``jobs_per_gpu`` × GPUs workers; each sees one GPU (``CUDA_VISIBLE_DEVICES``) so
  several small jobs share it; cuDNN autotuning is off and deterministic kernels are asked for, so a seeded job
  gives the same numbers however loaded the GPU is.
* Each worker has two pipes of its own: jobs and stop requests in, events out. The worker reads its pipe between
  steps, so Stop needs no shared lock that a killed process could leave held, and a killed worker cannot corrupt
  another's pipe. One collector thread waits on every worker's pipe: events stream back as they come, a worker
  that dies is noticed at once (its pipe closes: the job is reported ``lost``, a replacement starts), and a job
  that ignores Stop for ``grace_seconds`` is killed (reported ``cancelled``) and its worker replaced.
* ``shutdown`` (also at interpreter exit) stops jobs, ends workers, and kills those that do not end in time; if
  the parent dies, a worker sees its pipe close and ends (a busy one after its current step).
"""
from __future__ import annotations

import atexit
import itertools
import multiprocessing.connection as mpc
import os
import subprocess
import sys
import threading
import time
import weakref
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from cnnlab.jobs.recipe import TERMINAL, Recipe, run_job
from cnnlab.jobs.service import Backend, BackendBusy

__all__ = ["LocalBackend", "cores", "setup_worker"]

_ROOT = str(Path(__file__).resolve().parents[2])   # the folder holding the cnnlab package


def cores() -> int:
    """CPU cores this process may use (respects affinity / container CPU sets)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:   # macOS, Windows
        return os.cpu_count() or 1


@dataclass
class _Worker:
    process: subprocess.Popen
    tasks: mpc.Connection                # → worker: ("job", ticket, job id, recipe) | ("stop", ticket) | ("end",)
    events: mpc.Connection               # ← worker: ("event", job id, event) | ("end", job id, event, result)
    gpu: int | None
    job: str | None = None
    ticket: int = 0
    deadline: float | None = None        # kill after this if the job has not ended


class LocalBackend(Backend):
    """Jobs in worker processes on this machine (see the module docstring)."""

    def __init__(self, workers: int | None = None, *, threads: int | None = None, device: str = "auto",
                 jobs_per_gpu: int = 2, grace_seconds: float = 10.0) -> None:
        import torch

        gpus = torch.cuda.device_count() if device in ("auto", "cuda") and torch.cuda.is_available() else 0
        self.device = "cuda" if gpus else "cpu"
        self.capacity = max(1, workers or (jobs_per_gpu * gpus if gpus else cores()))
        self.threads = max(1, threads or cores() // self.capacity)
        self.grace_seconds = grace_seconds
        self._gpus = list(range(gpus))
        self._workers: list[_Worker] = []
        self._lock = threading.RLock()
        self._tickets = itertools.count(1)
        self._closed = False
        self._collector: threading.Thread | None = None
        atexit.register(_shutdown_at_exit, weakref.ref(self))

    # ------------------------------------------------------------ Backend
    def start(self, job_id: str, recipe: Recipe) -> None:
        with self._lock:
            if self._closed:
                raise RuntimeError("the backend is shut down")
            worker = next((w for w in self._workers if w.job is None and w.process.poll() is None), None)
            if worker is None:
                if len(self._workers) >= self.capacity:
                    raise BackendBusy()
                worker = self._spawn()
            worker.job, worker.ticket, worker.deadline = job_id, next(self._tickets), None
            self._send(worker, ("job", worker.ticket, job_id, recipe))
            self._ensure_collector()

    def cancel(self, job_id: str) -> None:
        with self._lock:
            for w in self._workers:
                if w.job == job_id and w.deadline is None:
                    w.deadline = time.monotonic() + self.grace_seconds
                    self._send(w, ("stop", w.ticket))

    def shutdown(self, timeout: float = 5.0) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
            workers = list(self._workers)
            for w in workers:
                self._send(w, ("end",))
        end = time.monotonic() + timeout
        for w in workers:
            try:
                w.process.wait(max(0.0, end - time.monotonic()))
            except subprocess.TimeoutExpired:
                _kill(w.process)
        if self._collector is not None:
            self._collector.join(timeout)
        with self._lock:
            for w in self._workers:
                _close(w)
            self._workers.clear()

    # ------------------------------------------------------------ extras
    def start_workers(self) -> None:
        """Start every worker now (instead of at the first jobs), so the first jobs do not wait for torch's import."""
        with self._lock:
            while len(self._workers) < self.capacity and not self._closed:
                self._spawn()
            self._ensure_collector()

    def worker_pids(self) -> dict[str, int]:
        """job id -> pid of the worker running it (for the teacher's view and for tests)."""
        with self._lock:
            return {w.job: w.process.pid for w in self._workers if w.job is not None}

    def pids(self) -> list[int]:
        """Every worker's pid, busy or idle (the teacher's memory figures)."""
        with self._lock:
            return [w.process.pid for w in self._workers if w.process.poll() is None]

    # ------------------------------------------------------------ inside
    def _spawn(self) -> _Worker:
        used = [w.gpu for w in self._workers]
        gpu = min(self._gpus, key=used.count) if self._gpus else None
        tasks_r, tasks_w = os.pipe()
        events_r, events_w = os.pipe()
        env = {**os.environ, "OMP_NUM_THREADS": str(self.threads), "MKL_NUM_THREADS": str(self.threads)}
        if gpu is not None:   # this worker sees only its GPU, as cuda:0; deterministic cuBLAS
            env.update(CUDA_VISIBLE_DEVICES=str(gpu), CUBLAS_WORKSPACE_CONFIG=":4096:8")
        code = (f"import sys; sys.path.insert(0, {_ROOT!r}); from cnnlab.jobs.local import _worker_main; "
                f"_worker_main({tasks_r}, {events_w}, {self.threads}, {self.device!r})")
        try:
            # its own session: a Ctrl-C on the server reaches the server, which ends its workers cleanly
            process = subprocess.Popen([sys.executable, "-c", code], pass_fds=(tasks_r, events_w), env=env,
                                       stdin=subprocess.DEVNULL, start_new_session=True)
        finally:
            os.close(tasks_r)    # the worker's ends: closed here, so a dead worker reads as end-of-file
            os.close(events_w)
        worker = _Worker(process, mpc.Connection(tasks_w, readable=False), mpc.Connection(events_r, writable=False),
                         gpu)
        self._workers.append(worker)
        return worker

    @staticmethod
    def _send(w: _Worker, message: tuple) -> None:
        try:
            w.tasks.send(message)
        except OSError:
            pass   # the worker just died: the collector reports its job lost

    def _ensure_collector(self) -> None:
        if self._collector is None or not self._collector.is_alive():
            self._collector = threading.Thread(target=self._collect, name="cnnlab-jobs-collector", daemon=True)
            self._collector.start()

    def _collect(self) -> None:
        while True:
            with self._lock:
                if self._closed and all(w.process.poll() is not None for w in self._workers):
                    return
                pipes = [w.events for w in self._workers]
            if pipes:
                mpc.wait(pipes, timeout=0.1)
            else:
                time.sleep(0.1)
            reports: list[tuple[str, dict[str, Any], dict[str, Any] | None]] = []
            with self._lock:
                now = time.monotonic()
                for w in list(self._workers):
                    if not self._drain(w, reports):   # its pipe closed: the worker died
                        try:
                            w.process.wait(1.0)
                        except subprocess.TimeoutExpired:
                            pass
                        self._retire(w, reports, {"type": "lost", "exitcode": w.process.poll()})
                    elif w.job is not None and w.deadline is not None and now > w.deadline:
                        _kill(w.process)
                        self._drain(w, reports)   # it may have finished in the meantime
                        self._retire(w, reports, {"type": "cancelled", "reason": "killed"})
            for job_id, event, result in reports:   # outside the lock: the service may start the next job
                self.report(job_id, event, result)

    @staticmethod
    def _drain(w: _Worker, reports: list) -> bool:
        """Read every message waiting on ``w``'s pipe; False once the pipe is closed (the worker is gone)."""
        try:
            while w.events.poll(0):
                message = w.events.recv()
                if message[1] != w.job:
                    continue   # a late event of a job already reported
                if message[0] == "end":
                    _, job_id, event, result = message
                    w.job, w.deadline = None, None
                    reports.append((job_id, event, result))
                else:
                    reports.append((message[1], message[2], None))
        except (EOFError, OSError):
            return False
        return True

    def _retire(self, w: _Worker, reports: list, event: dict[str, Any]) -> None:
        """Report ``w``'s job (if any) with ``event``, drop the worker, and start a replacement if it had a job."""
        had_job = w.job is not None
        if had_job:
            reports.append((w.job, event, None))
            w.job = None
        if w.process.poll() is None:
            _kill(w.process)
        _close(w)
        self._workers.remove(w)
        if had_job and not self._closed:
            self._spawn()


def _kill(process: subprocess.Popen) -> None:
    """SIGKILL and reap; on a loaded machine the reaping may take a while (the collector must not die of it)."""
    process.kill()
    try:
        process.wait(5.0)
    except subprocess.TimeoutExpired:
        pass


def _close(w: _Worker) -> None:
    for conn in (w.tasks, w.events):
        try:
            conn.close()
        except OSError:
            pass


def _shutdown_at_exit(ref: "weakref.ref[LocalBackend]") -> None:
    backend = ref()
    if backend is not None:
        backend.shutdown()


def setup_worker(threads: int, device: str) -> None:
    """Settings of a process that runs jobs one at a time (a local worker, a Ray actor): its thread counts and,
    on CUDA, deterministic kernels — so a seeded job gives the same numbers however loaded the machine is."""
    import torch

    torch.set_num_threads(threads)
    try:
        torch.set_num_interop_threads(threads)
    except RuntimeError:   # only possible before any parallel work; a fresh worker has done none
        pass
    if device == "cuda":
        os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")   # read when cuBLAS starts: before any CUDA work
        torch.backends.cudnn.benchmark = False   # autotuning picks kernels by timing: numbers would follow the load
        torch.backends.cudnn.deterministic = True
        torch.use_deterministic_algorithms(True, warn_only=True)


def _worker_main(tasks_fd: int, events_fd: int, threads: int, device: str) -> None:
    """A worker process: run jobs one at a time until told to end or the parent goes away."""
    tasks = mpc.Connection(tasks_fd, writable=False)
    events = mpc.Connection(events_fd, readable=False)
    setup_worker(threads, device)
    ending = False
    while not ending:
        try:
            message = tasks.recv()
        except (EOFError, OSError):
            return
        if message[0] != "job":
            ending = message[0] == "end"
            continue   # a stop for a job that already ended
        _, ticket, job_id, recipe = message
        if recipe.device == "auto":
            recipe = replace(recipe, device=device)
        final: dict[str, Any] = {}
        stop = False

        def emit(event: dict[str, Any]) -> None:
            if event["type"] in TERMINAL:
                final.update(event)   # sent with the result, in one message
            else:
                events.send(("event", job_id, event))

        def should_stop() -> bool:
            nonlocal stop, ending
            try:
                while not stop and tasks.poll():
                    message = tasks.recv()
                    stop = message[0] == "end" or message == ("stop", ticket)
                    ending = ending or message[0] == "end"
            except (EOFError, OSError):   # the parent is gone
                stop = ending = True
            return stop

        result = run_job(recipe, emit, should_stop)
        events.send(("end", job_id, final, result))
