"""The teacher's page: who is in class, what runs, how loaded the server is, and the limits students get.

Pure pieces (no Streamlit), each testable alone:

* ``configured_password`` / ``password_ok`` — the page exists only when a password is configured
  (``$CNNLAB_TEACHER_PASSWORD`` or the ``teacher_password`` secret); it is compared in constant time.
* ``Classroom`` — the server's live sessions (an anonymous owner id → page, language, when last seen), the
  teacher's upload limit, and which sessions Streamlit reports closed (``leavers``: their jobs are cancelled).
  It never stores personal data; ``tag(owner)`` is the short anonymised name the teacher sees.
* ``fit_to_limits`` — a job recipe within the teacher's epoch and image limits.
* ``system_stats`` — CPU use (``CpuMeter``), memory of the machine, this process and the job workers, GPU memory.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import sys
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cnnlab.jobs import Limits, Recipe

__all__ = ["PASSWORD_ENV", "SECRET_KEY", "configured_password", "password_ok", "Visit", "SessionRow", "Classroom",
           "fit_to_limits", "GpuStats", "SystemStats", "CpuMeter", "process_rss", "machine_memory", "gpu_stats",
           "system_stats"]

PASSWORD_ENV = "CNNLAB_TEACHER_PASSWORD"
SECRET_KEY = "teacher_password"


# ---------------------------------------------------------------- the password
def configured_password(environ: Mapping[str, str] | None = None, secret: Any = None) -> str | None:
    """The teacher password: ``$CNNLAB_TEACHER_PASSWORD``, else the ``teacher_password`` secret; None if neither."""
    env = os.environ if environ is None else environ
    for value in (env.get(PASSWORD_ENV), secret):
        if isinstance(value, str) and value.strip():
            return value
    return None


def password_ok(given: str, expected: str | None) -> bool:
    """Whether ``given`` is the password, compared in constant time (no password configured: never)."""
    if not expected or not isinstance(given, str):
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


# ---------------------------------------------------------------- who is in class
@dataclass
class Visit:
    """One session as the server last saw it."""
    page: str
    lang: str
    seen: float
    session_id: str | None = None    # Streamlit's session id
    tracked: bool = False            # Streamlit reported the session connected at least once
    gone_since: float | None = None  # when Streamlit first reported it disconnected


@dataclass(frozen=True)
class SessionRow:
    """A live session as the teacher sees it: no personal data, an anonymised tag."""
    tag: str
    page: str
    lang: str
    idle_seconds: float


class Classroom:
    """The server's live sessions and the teacher's settings that are not job limits; thread-safe.

    ``visit`` is called on every page run. A session the Streamlit runtime reported connected is *tracked*: once
    the runtime reports it disconnected for ``grace`` seconds (the tab was closed, not a network blip), ``leavers``
    returns it (its jobs are cancelled) and forgets it. Untracked sessions (tests, a runtime without the report)
    are forgotten ``stale_seconds`` after their last visit; the job service's own owner timeout covers their jobs.
    """

    def __init__(self, *, upload_mb: int = 10, stale_seconds: float = 3600.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._lock = threading.Lock()
        self._visits: dict[str, Visit] = {}
        self._salt = secrets.token_bytes(16)   # tags differ from server to server, and mean nothing outside it
        self._upload_mb = upload_mb
        self.stale_seconds = stale_seconds
        self._clock = clock

    def visit(self, owner: str, page: str, lang: str, session_id: str | None = None, tracked: bool = False) -> None:
        with self._lock:
            old = self._visits.get(owner)
            self._visits[owner] = Visit(page, lang, self._clock(), session_id,
                                        tracked or (old is not None and old.tracked and old.session_id == session_id))

    def leavers(self, is_connected: Callable[[str], bool], grace: float) -> list[str]:
        """Owners whose session Streamlit reports closed for ``grace`` seconds (forgotten here); stale ones are
        forgotten too (not returned: nothing reported them gone)."""
        gone: list[str] = []
        with self._lock:
            now = self._clock()
            for owner, v in list(self._visits.items()):
                if v.tracked and v.session_id is not None:
                    if is_connected(v.session_id):
                        v.gone_since = None
                        continue
                    v.gone_since = now if v.gone_since is None else v.gone_since
                    if now - v.gone_since >= grace:
                        gone.append(owner)
                        del self._visits[owner]
                elif now - v.seen > self.stale_seconds:
                    del self._visits[owner]
        return gone

    def forget(self, owner: str) -> None:
        with self._lock:
            self._visits.pop(owner, None)

    def sessions(self, live_seconds: float) -> dict[str, SessionRow]:
        """owner -> row for the sessions still here: tracked and connected, or seen within ``live_seconds``."""
        with self._lock:
            now = self._clock()
            return {o: SessionRow(self.tag(o), v.page, v.lang, now - v.seen) for o, v in self._visits.items()
                    if (v.gone_since is None if v.tracked else now - v.seen <= live_seconds)}

    def tag(self, owner: str) -> str:
        """A short anonymised name for ``owner`` (the same for its session and its jobs; 8 hex digits)."""
        return hmac.new(self._salt, owner.encode("utf-8"), hashlib.sha256).hexdigest()[:8]

    @property
    def upload_mb(self) -> int:
        return self._upload_mb

    @upload_mb.setter
    def upload_mb(self, value: int) -> None:
        self._upload_mb = max(1, int(value))


# ---------------------------------------------------------------- limits
def fit_to_limits(recipe: "Recipe", limits: "Limits") -> tuple["Recipe", dict[str, int]]:
    """``recipe`` within the teacher's epoch and training-image limits, and what was lowered ({"epochs": N, …})."""
    changed: dict[str, int] = {}
    epochs, images = recipe.total_epochs, recipe.train_images
    if limits.max_epochs is not None and epochs > limits.max_epochs:
        changed["epochs"] = epochs = limits.max_epochs
    if limits.max_subset is not None and (images is None or images > limits.max_subset):
        changed["subset"] = images = limits.max_subset
    if not changed:
        return recipe, changed
    if recipe.kind == "degradation":
        preset = {**(recipe.preset or {}), "epochs": epochs, "subset": images}
        return replace(recipe, preset=preset), changed
    return replace(recipe, epochs=epochs, subset=images), changed


# ---------------------------------------------------------------- how loaded the server is
@dataclass(frozen=True)
class GpuStats:
    index: int
    name: str
    used_bytes: int | None
    total_bytes: int


@dataclass(frozen=True)
class SystemStats:
    cores: int
    cpu_percent: float | None        # whole machine, since the previous reading (None at the first)
    load: float | None               # 1-minute load average
    memory_used: int | None          # bytes, whole machine (total − available)
    memory_total: int | None
    app_rss: int | None              # bytes, this (the Streamlit) process
    workers_rss: int | None          # bytes, the job workers together
    workers: int
    gpus: tuple[GpuStats, ...]


class CpuMeter:
    """Machine CPU use between two readings of ``/proc/stat`` (Linux); None elsewhere or at the first reading."""

    def __init__(self, path: str = "/proc/stat") -> None:
        self.path = path
        self._last: tuple[int, int] | None = None
        self._lock = threading.Lock()

    def _read(self) -> tuple[int, int] | None:
        try:
            with open(self.path, encoding="ascii") as f:
                fields = [int(v) for v in f.readline().split()[1:]]
        except (OSError, ValueError):
            return None
        idle = fields[3] + (fields[4] if len(fields) > 4 else 0)   # idle + iowait
        return sum(fields), idle

    def percent(self) -> float | None:
        now = self._read()
        with self._lock:
            last, self._last = self._last, now
        if now is None or last is None or now[0] <= last[0]:
            return None
        total, idle = now[0] - last[0], now[1] - last[1]
        return 100.0 * (total - idle) / total


def process_rss(pid: int | None = None) -> int | None:
    """Resident memory of a process in bytes (``/proc/<pid>/statm``); None if unknown."""
    try:
        with open(f"/proc/{pid or os.getpid()}/statm", encoding="ascii") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError, AttributeError):
        return None


def machine_memory() -> tuple[int, int] | None:
    """(used, total) bytes of the machine from ``/proc/meminfo``; None if unknown."""
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            info = {line.split(":")[0]: int(line.split()[1]) * 1024 for line in f if line.count(":") == 1}
        return info["MemTotal"] - info["MemAvailable"], info["MemTotal"]
    except (OSError, ValueError, KeyError, IndexError):
        return None


def gpu_stats() -> tuple[GpuStats, ...]:
    """Memory in use on each CUDA GPU (all processes: the jobs run in workers), read through NVML when torch can;
    empty without CUDA. Torch is only asked if this process has imported it (the job service does)."""
    torch = sys.modules.get("torch")
    if torch is None:
        return ()
    try:
        if not torch.cuda.is_available():
            return ()
        out = []
        for i in range(torch.cuda.device_count()):
            props = torch.cuda.get_device_properties(i)
            try:
                used = int(torch.cuda.device_memory_used(i))   # NVML: no CUDA context in this process
            except Exception:  # noqa: BLE001 — no NVML (pynvml) here: say "unknown" rather than open a context
                used = None
            out.append(GpuStats(i, props.name, used, int(props.total_memory)))
        return tuple(out)
    except Exception:  # noqa: BLE001 — a broken driver must not take the teacher's page down
        return ()


def system_stats(meter: CpuMeter, worker_pids: Iterable[int] = ()) -> SystemStats:
    """The server's numbers now; ``worker_pids`` are the job workers' processes."""
    pids = list(worker_pids)
    rss = [process_rss(pid) for pid in pids]
    memory = machine_memory()
    try:
        load = os.getloadavg()[0]
    except (OSError, AttributeError):
        load = None
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count() or 1
    return SystemStats(cores, meter.percent(), load, memory[0] if memory else None, memory[1] if memory else None,
                       process_rss(), sum(r for r in rss if r is not None) if pids else 0, len(pids), gpu_stats())
