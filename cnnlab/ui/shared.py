"""What the sessions of a class share: warm imports, results computed once for everyone, memory given back.

    shared.preload()                        # by ``import cnnlab.ui``: the first imports everything, under a lock
                                            # (and, in a server, gives torch ui_threads() threads)
    key = shared.image_key(image)           # a short fingerprint of a PIL image's pixels (cached per image object)
    key = shared.object_key(model)          # a token for this very object (a loaded model), never reused
    value = shared.result(("attribution", key, …), compute, progress=bar_update)

A class is ~30 students in one process, mostly asking for the same states of the same lesson. Pure results (a
figure for these widget values, a model's answer for this image) are computed once and shared: small ones through
``st.cache_data`` / ``st.cache_resource`` in each lesson's ``cnnlab/ui`` module, heavy forward passes (attribution,
feature maps of big models) through :func:`result`: a bounded LRU of finished results and a small pool of worker
threads (one per core), so a slow computation does not hold a script thread, runs once even if many students ask
at the same time, and still finishes — for the next rerun — when its student moved a slider meanwhile.

Memory: nothing here holds per-session state. When sessions end (Streamlit drops a closed session after
``server.disconnectedSessionTTL``), a janitor thread collects garbage and asks glibc to give freed memory back to
the system (``malloc_trim``), so a server's size after a class returns to its size before it.
"""
from __future__ import annotations

import concurrent.futures
import ctypes
import gc
import hashlib
import importlib
import os
import pkgutil
import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

__all__ = ["preload", "ui_threads", "image_key", "object_key", "result", "forget_results", "trim_memory", "active_sessions"]

_PRELOAD_LOCK = threading.Lock()
_preloaded = False
_JANITOR_SECONDS = 5.0


# ---------------------------------------------------------------- warm imports
def preload() -> None:
    """Import every page's modules once, before any page code runs (idempotent, cheap after the first call).

    Sessions starting at the same moment would otherwise import pandas, torchvision, captum … concurrently from
    different script threads; Python's per-module import locks can then hand one thread a half-initialised module
    (``AttributeError: partially initialized module 'pandas'``). Here the first session imports everything in one
    fixed order while the others wait on one lock. Afterwards the objects that live for the whole process (modules,
    classes) are frozen out of the garbage collector's view, so the full collections Python still runs stay short.
    """
    global _preloaded
    if _preloaded:
        return
    with _PRELOAD_LOCK:
        if _preloaded:
            return
        import pandas  # noqa: F401 - the circular-import victim of concurrent first imports

        for name in ("cnnlab.figures", "cnnlab.ui"):   # cnnlab.ui may be mid-import here (it calls preload)
            package = importlib.import_module(name)
            for info in pkgutil.iter_modules(package.__path__):
                importlib.import_module(f"{name}.{info.name}")
        if _runtime() is not None:   # a server (not a test's AppTest, not a script importing cnnlab.ui)
            import torch

            torch.set_num_threads(ui_threads())
        gc.collect()
        gc.freeze()
        threading.Thread(target=_janitor, name="cnnlab-janitor", daemon=True).start()
        _preloaded = True


def ui_threads() -> int:
    """Threads one torch operation of the app's own work may use: ``CNNLAB_UI_THREADS``, default 1.

    A class's parallelism is its students: many script threads run torch at once (torch releases the GIL), each
    operation is small (a 224-px image, LeNet, one attribution pass). Splitting each across every core as well
    makes the threads wait on each other: 8 augmented 224-px photos took 75–90 ms on one thread and 0.6–1.7 s on
    two on this 2-core machine while other work ran. Set once for the whole process when the first page loads
    (never per session); training jobs run in their own worker processes with their own thread counts.
    """
    try:
        return max(1, int(os.environ.get("CNNLAB_UI_THREADS", "1")))
    except ValueError:
        return 1


# ---------------------------------------------------------------- memory
def _runtime() -> Any:
    from streamlit import runtime

    return runtime.get_instance() if runtime.exists() else None


def active_sessions() -> int | None:
    """Sessions the Streamlit server holds now (connected, or disconnected and not yet expired); None outside one."""
    try:
        rt = _runtime()
        return None if rt is None else int(rt._session_mgr.num_sessions())
    except Exception:  # noqa: BLE001 - an internal API: without it the janitor simply does nothing
        return None


def _drop_expired_sessions() -> None:
    """Streamlit keeps a disconnected session ``server.disconnectedSessionTTL`` seconds for a reconnect, but removes
    an expired one from its store only at the store's next write: after the last student left, never. Expire them
    now, on the server's event loop (where the store lives), so their memory can go."""
    try:
        rt = _runtime()
        store = getattr(getattr(rt._session_mgr, "_session_storage", None), "_cache", None)
        if store is not None and hasattr(store, "expire"):
            rt._get_async_objs().eventloop.call_soon_threadsafe(store.expire)
    except Exception:  # noqa: BLE001 - an internal API: the sessions then go at Streamlit's own pace
        pass


def trim_memory() -> None:
    """Collect garbage and hand memory glibc holds but does not use back to the system (Linux; else a no-op)."""
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def _janitor() -> None:
    """Every few seconds: if sessions ended (or expired) since the last look, give their memory back."""
    seen = active_sessions()
    while True:
        time.sleep(_JANITOR_SECONDS)
        now = active_sessions()
        if now is not None and seen is not None and now < seen:
            _drop_expired_sessions()
            time.sleep(0.5)   # let the event loop drop them
            trim_memory()
        seen = now


# ---------------------------------------------------------------- shared results
_KEYS: dict[int, tuple[weakref.ref, str]] = {}   # id(image) -> (a weak reference to it, its fingerprint)
_KEYS_LOCK = threading.Lock()


def image_key(image: Any) -> str:
    """A fingerprint of a PIL image (size, mode and an MD5 of its pixels), computed once per image object."""
    ident = id(image)
    with _KEYS_LOCK:
        entry = _KEYS.get(ident)
    if entry is not None and entry[0]() is image:
        return entry[1]
    digest = hashlib.md5(image.tobytes(), usedforsecurity=False).hexdigest()[:20]
    found = f"{image.mode}{image.width}x{image.height}:{digest}"
    with _KEYS_LOCK:   # PIL images are unhashable: keyed by id, forgotten when the image goes
        _KEYS[ident] = (weakref.ref(image, lambda _ref, ident=ident: _KEYS.pop(ident, None)), found)
    return found


_TOKENS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_COUNTER = iter(range(1, 1 << 62))


def object_key(obj: Any) -> str:
    """A token naming ``obj`` (a model) in shared keys: the same for the object's whole life, never given to another
    object (unlike ``id``, which a new object may reuse once the old one is gone)."""
    with _KEYS_LOCK:
        found = _TOKENS.get(obj)
        if found is None:
            found = _TOKENS[obj] = f"{type(obj).__name__}#{next(_COUNTER)}"
    return found


class _Results:
    """Finished results by key (LRU, bounded) and the computations in flight (one per key)."""

    def __init__(self, max_entries: int, workers: int):
        self.max_entries = max_entries
        self.done: OrderedDict[Hashable, Any] = OrderedDict()
        self.running: dict[Hashable, concurrent.futures.Future] = {}
        self.lock = threading.Lock()
        self.pool = concurrent.futures.ThreadPoolExecutor(max_workers=workers, thread_name_prefix="cnnlab-heavy")

    def submit(self, key: Hashable, compute: Callable[[Callable[[float], None]], Any]
               ) -> tuple[Any, concurrent.futures.Future | None, list[float]]:
        """(value, None, _) for a finished key, else (None, the future computing it, its progress cell)."""
        with self.lock:
            if key in self.done:
                self.done.move_to_end(key)
                return self.done[key], None, [1.0]
            future = self.running.get(key)
            if future is None:
                cell = [0.0]
                future = self.pool.submit(self._run, key, compute, cell)
                future.cnnlab_progress = cell  # type: ignore[attr-defined]
                self.running[key] = future
            return None, future, future.cnnlab_progress  # type: ignore[attr-defined]

    def _run(self, key: Hashable, compute: Callable[[Callable[[float], None]], Any], cell: list[float]) -> Any:
        def progress(fraction: float) -> None:
            cell[0] = min(max(float(fraction), 0.0), 1.0)

        try:
            value = compute(progress)
        except BaseException:
            with self.lock:
                self.running.pop(key, None)
            raise
        with self.lock:
            self.running.pop(key, None)
            self.done[key] = value
            while len(self.done) > self.max_entries:
                self.done.popitem(last=False)
        return value

    def clear(self) -> None:
        with self.lock:
            self.done.clear()


_RESULTS = _Results(max_entries=256, workers=max(1, min(4, os.cpu_count() or 1)))


def result(key: Hashable, compute: Callable[[Callable[[float], None]], Any], *,
           progress: Callable[[float], None] | None = None, poll: float = 0.1) -> Any:
    """``compute(progress)`` once per ``key`` for the whole server, on a worker thread; the caller waits.

    ``key`` must name everything the result depends on (it is shared by every session). While waiting, ``progress``
    (e.g. a Streamlit progress bar's update) is called with the fraction done every ``poll`` seconds — a Streamlit
    call, so a rerun requested meanwhile stops the *waiting* script at once, while the computation goes on and its
    result is ready for the next run. Exceptions of ``compute`` reach every caller waiting for that key.
    """
    value, future, cell = _RESULTS.submit(key, compute)
    if future is None:
        return value
    while True:
        try:
            return future.result(timeout=poll)
        except concurrent.futures.TimeoutError:
            if progress is not None:
                progress(cell[0])


def forget_results() -> None:
    """Drop every finished shared result (tests; after models changed)."""
    _RESULTS.clear()
