#!/usr/bin/env python
"""Size a server for a class: simulated students on Streamlit's own websocket protocol, no browser.

    python benchmarks/bench_classroom.py                             # 30 students browse every page for 90 s
    python benchmarks/bench_classroom.py --students 10,20,30,40      # one round per class size → students per core
    python benchmarks/bench_classroom.py --scenario train --students 4 --sliders 10
    python benchmarks/bench_classroom.py --url http://HOST:8501 --server-pid PID     # a server already running
    python benchmarks/bench_classroom.py --markdown                  # the tables as markdown (README)

Without --url it starts ``streamlit run app.py`` on a free loopback port (the project's classroom config and
thread setting, --threads to try another; disconnected sessions are kept --ttl s instead of the config's 120 s so
that a round's memory can be read back within seconds), warms it up like a teacher before class (one visit of every
page with one widget move each), then runs each round on the same server.

A student is one websocket to ``/_stcore/stream`` speaking the protobufs the Streamlit frontend speaks (BackMsg /
ForwardMsg): a script run is a ``rerun_script`` ClientState (the page, the URL query, every widget's value, the
fragment of the widget that moved, as the browser sends them) answered by deltas and a ``script_finished``. Like
the browser, a student keeps big elements of its last runs and names them in each request, so the server sends an
unchanged figure as its hash only. All students share one asyncio loop in this process (a few % of one core for 30).

Scenarios:
  browse  N students arrive over ~10 s, each on a random page (in English or Korean); then, until the round ends:
          think (--think s, uniformly 0.5–1.5×), then move one widget a little (a slider 1–3 steps, else a number,
          select, radio or toggle) or, one time in four, switch page in the sidebar (same session).
  train   N students on /training_lab press Train at the same moment while --sliders others move sliders on
          /conv_arithmetic; a training is finished when its page shows the final accuracy metric (a metric in %) and
          no progress bar below 100 % — with a page that trains in the script run or one that polls a job with
          ``st.fragment(run_every=…)`` (the client reruns such fragments on their timer, as the browser does).

Each round prints p50 / p95 / max seconds per kind of action (open = a fresh session on a page, page_switch,
rerun = a widget move, train, auto = a fragment's timer), exception boxes (Streamlit's red traceback element; the
app's friendly ``st.error`` boxes are counted apart), timeouts and disconnects, the server's CPU (cores busy) and
memory (RSS before the round, its peak, after everyone left, and after their sessions expired), and the CPU other
processes took meanwhile (a busy machine skews every latency); below the table, the slowest pages and what the
network carried (MB/s to the class, KB per action by page; the JSON has every page's figures). Then the guidance: the largest class whose rerun and
page-switch p95 stayed within --target s with no exception box and no timeout, per core of the server.

Exit status: 0 when no round had an exception box, timeout or disconnect (train: and every training finished),
else 1; 2 when the server does not come up.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import random
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cnnlab.lessons import SECTIONS  # noqa: E402

PAGES = [page.name for section in SECTIONS for page in section.pages if page.name != "home"]
EARLY_FOR_RERUN, FRAGMENT_RUN = 2, 3       # ForwardMsg.ScriptFinishedStatus
ALERT_ERROR = 1                            # Alert.Format.ERROR
LANGUAGE_SWITCH = "cnnlab.lang_switch"     # cnnlab.ui.core's sidebar radio: not a lesson's widget
MOVABLE = ("slider", "number_input", "selectbox", "radio", "checkbox")
KINDS = ("open", "page_switch", "rerun", "train", "auto")
MESSAGE_AGE = 2                            # the frontend's cache keeps an element this many runs (maxCachedMessageAge)


# ------------------------------------------------------------------------------------------------ one student
@dataclass
class Widget:
    id: str
    kind: str             # slider | number_input | selectbox | radio | checkbox | button
    value: Any = None
    lo: float = 0.0
    hi: float = 0.0
    step: float = 1.0
    options: list[str] = field(default_factory=list)
    fragment: str = ""    # the st.fragment it belongs to: a move reruns only that fragment
    disabled: bool = False

    @property
    def key(self) -> str:
        """The app's widget key (Streamlit's id is ``$$ID-<hash>-<key>``)."""
        parts = self.id.split("-", 2)
        return parts[2] if len(parts) == 3 else self.id


@dataclass
class Run:
    """One script run the student asked for: from sending the request to the page's final ``script_finished``."""
    kind: str
    page: str
    start: float = field(default_factory=time.perf_counter)
    seconds: float = float("nan")
    exceptions: list[str] = field(default_factory=list)
    error_boxes: int = 0
    reused: int = 0        # elements the browser's message cache supplied (the server sent only their hash)
    received: int = 0      # bytes of ForwardMsgs the run brought (what the network carries to the student)
    error_texts: list[str] = field(default_factory=list)   # the first line of each st.error box, to reproduce
    metrics: list[tuple[str, str]] = field(default_factory=list)
    progress: dict = field(default_factory=dict)   # delta path -> the progress bar's value (0–100) still shown
    timed_out: bool = False
    disconnected: bool = False
    query: str = ""

    @property
    def ok(self) -> bool:
        return not (self.exceptions or self.timed_out or self.disconnected)


class Student:
    """One browser tab: a websocket session, the page it shows and the values of its widgets."""

    def __init__(self, url: str, run_timeout: float = 120.0):
        self.ws_url = url.replace("http", "ws", 1).rstrip("/") + "/_stcore/stream"
        self.run_timeout = run_timeout
        self.ws: Any = None
        self.reader: asyncio.Task | None = None
        self.pages: dict[str, str] = {}        # url path -> page script hash (from the navigation message)
        self.page, self.page_hash, self.query = "", "", ""
        self.widgets: dict[str, Widget] = {}   # key -> widget, as the last finished run drew them
        self.drawing: dict[str, Widget] = {}   # … as the run in flight draws them
        self.run: Run | None = None
        self.done: asyncio.Future | None = None
        self.in_flight = asyncio.Lock()        # one run at a time, as in the browser
        self.timers: dict[str, asyncio.Task] = {}   # fragment id -> its run_every timer
        self.watch: Any = None                 # called with every finished run (the train scenario follows them)
        self.on_auto: Any = None               # called with every fragment-timer run
        # The browser's message cache: a big element it received in one of its last MESSAGE_AGE runs is not sent
        # again; the server sends its hash (ref_hash) instead (the frontend's ForwardMsgCache).
        self.cache: dict[str, tuple[ForwardMsg, int]] = {}   # hash -> (message, the run that last used it)
        self.runs_done = 0

    # -- the connection
    async def open(self, page: str, query: str = "") -> Run:
        """A fresh session on ``/page?query`` (a new tab, or a shared link)."""
        await self.close()
        self.pages, self.page, self.page_hash, self.query = {}, page, "", query
        self.widgets, self.drawing, self.cache = {}, {}, {}
        try:
            self.ws = await asyncio.wait_for(connect(self.ws_url, subprotocols=["streamlit"], max_size=None,
                                                     ping_interval=None, close_timeout=5), 30)
        except Exception:  # noqa: BLE001 - a refused or timed-out connection is a disconnect
            return Run("open", page, disconnected=True)
        self.reader = asyncio.create_task(self._read())
        return await self._request("open", page, self._client_state(page_name=page, query=query))

    async def close(self) -> None:
        for task in self.timers.values():
            task.cancel()
        self.timers = {}
        if self.ws is not None:
            try:
                await asyncio.wait_for(self.ws.close(), 10)
            except Exception:  # noqa: BLE001
                pass
        if self.reader is not None:
            self.reader.cancel()
        self.ws = self.reader = None

    @property
    def closed(self) -> bool:
        return self.ws is None

    # -- what the student does
    async def goto(self, page: str) -> Run:
        """A click in the sidebar: the same session shows another page (the URL's query is dropped)."""
        if self.closed or page not in self.pages:
            return await self.open(page, "lang=en")
        return await self._request("page_switch", page,
                                   self._client_state(page_hash=self.pages[page], page_name=page, query="",
                                                      widgets=False))

    async def set(self, widget: Widget, value: Any, kind: str = "rerun") -> Run:
        widget.value = value
        return await self._request(kind, self.page, self._client_state(page_hash=self.page_hash,
                                                                       fragment=widget.fragment))

    async def press(self, key: str, kind: str = "button") -> Run:
        button = self.widgets.get(key)
        if button is None or button.kind != "button":
            return Run(kind, self.page, exceptions=[f"(client) no button {key!r} on {self.page}"])
        return await self._request(kind, self.page, self._client_state(page_hash=self.page_hash,
                                                                       fragment=button.fragment, pressed=button))

    def pick_move(self, rng: random.Random) -> tuple[Widget, Any] | None:
        """A small change a student would make: a slider 1–3 steps, else another widget."""
        usable = [w for w in self.widgets.values() if w.kind in MOVABLE and not w.disabled and w.key != LANGUAGE_SWITCH]
        sliders = [w for w in usable if w.kind == "slider" and w.hi > w.lo and w.value]
        if sliders:
            w = rng.choice(sliders)
            now = float(w.value[0])
            new = min(w.hi, max(w.lo, now + rng.choice((-1, 1)) * rng.randint(1, 3) * w.step))
            if new == now:
                new = min(w.hi, max(w.lo, now - (new - now or w.step)))
            return w, [new, *w.value[1:]]
        others = [w for w in usable if w.kind != "slider"]
        if not others:
            return None
        w = rng.choice(others)
        if w.kind == "number_input":
            now = float(w.value if w.value is not None else w.lo)
            return w, min(w.hi, max(w.lo, now + rng.choice((-1, 1)) * w.step))
        if w.kind == "checkbox":
            return w, not w.value
        choices = [o for o in w.options if o != w.value]
        return (w, rng.choice(choices)) if choices else None

    # -- the protocol
    def _client_state(self, *, page_hash: str = "", page_name: str = "", query: str | None = None,
                      fragment: str = "", auto: bool = False, widgets: bool = True,
                      pressed: Widget | None = None) -> ClientState:
        """What the frontend sends for a run: every widget's value it holds (a button only when pressed)."""
        state = ClientState(query_string=self.query if query is None else query, page_script_hash=page_hash,
                            page_name=page_name, fragment_id=fragment, is_auto_rerun=auto)
        state.cached_message_hashes.extend(self.cache)
        for w in self.widgets.values() if widgets else ():
            if w.kind == "button":
                if w is pressed:
                    state.widget_states.widgets.add(id=w.id, trigger_value=True)
                continue
            if w.value is None:
                continue
            ws = state.widget_states.widgets.add(id=w.id)
            if w.kind == "slider":
                ws.double_array_value.data.extend(float(v) for v in w.value)
            elif w.kind == "number_input":
                ws.double_value = float(w.value)
            elif w.kind in ("selectbox", "radio"):
                ws.string_value = str(w.value)
            else:
                ws.bool_value = bool(w.value)
        return state

    async def _request(self, kind: str, page: str, state: ClientState) -> Run:
        async with self.in_flight:
            run = self.run = Run(kind, page)
            if self.closed:
                run.disconnected = True
                return run
            self.done = asyncio.get_running_loop().create_future()
            message = BackMsg()
            message.rerun_script.CopyFrom(state)
            run.start = time.perf_counter()
            try:
                await self.ws.send(message.SerializeToString())
                await asyncio.wait_for(asyncio.shield(self.done), self.run_timeout)
            except asyncio.TimeoutError:
                run.timed_out = True
                run.seconds = time.perf_counter() - run.start
            except Exception:  # noqa: BLE001 - the socket closed under us
                run.disconnected = True
            finally:
                self.run = self.done = None
        if not run.ok and (run.timed_out or run.disconnected):
            await self.close()   # the page's state is unknown: the student's next action opens a fresh tab
        if self.watch is not None:
            self.watch(run)
        return run

    async def _read(self) -> None:
        try:
            async for data in self.ws:
                if self.run is not None:
                    self.run.received += len(data)
                message = ForwardMsg()
                message.ParseFromString(data)
                if message.WhichOneof("type") == "ref_hash":   # an element the browser holds: as it was
                    held = self.cache.get(message.ref_hash)
                    if held is None:
                        continue
                    self.cache[message.ref_hash] = (held[0], self.runs_done)
                    if self.run is not None:
                        self.run.reused += 1
                    full = ForwardMsg()
                    full.CopyFrom(held[0])
                    full.metadata.CopyFrom(message.metadata)
                    message = full
                elif message.metadata.cacheable and message.hash:
                    self.cache[message.hash] = (message, self.runs_done)
                self._handle(message)
        except Exception:  # noqa: BLE001 - closed or broken
            pass
        finally:
            if self.done is not None and not self.done.done():
                self.run.disconnected = True
                self.done.set_result(None)

    def _handle(self, message: ForwardMsg) -> None:
        kind, run = message.WhichOneof("type"), self.run
        if kind == "new_session":
            self.drawing = {}
            if run is not None:
                run.progress = {}
        elif kind == "navigation":
            self.pages = {p.url_pathname: p.page_script_hash for p in message.navigation.app_pages}
            if message.navigation.page_script_hash:
                self.page_hash = message.navigation.page_script_hash
                self.page = next((p for p, h in self.pages.items() if h == self.page_hash), self.page)
        elif kind == "page_info_changed":
            self.query = message.page_info_changed.query_string
        elif kind == "auto_rerun":
            fragment = message.auto_rerun.fragment_id
            if fragment not in self.timers or self.timers[fragment].done():
                self.timers[fragment] = asyncio.get_running_loop().create_task(
                    self._timer(fragment, max(0.05, message.auto_rerun.interval)))
        elif kind == "stop_auto_rerun":
            for fragment in message.stop_auto_rerun.fragment_ids:
                task = self.timers.pop(fragment, None)
                if task is not None:
                    task.cancel()
        elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
            self._element(message.delta.new_element, message.delta.fragment_id, tuple(message.metadata.delta_path))
        elif kind == "script_finished" and message.script_finished != EARLY_FOR_RERUN:  # st.rerun(): a run follows
            self.runs_done += 1
            self.cache = {h: held for h, held in self.cache.items() if held[1] >= self.runs_done - MESSAGE_AGE}
            if message.script_finished == FRAGMENT_RUN:
                self.widgets.update(self.drawing)   # a fragment redraws its own part only
            else:
                self.widgets = self.drawing
            self.drawing = {}
            if run is not None and self.done is not None and not self.done.done():
                run.seconds = time.perf_counter() - run.start
                run.query = self.query
                self.done.set_result(None)

    def _element(self, element: Any, fragment: str, path: tuple) -> None:
        kind, run = element.WhichOneof("type"), self.run
        if run is not None and kind != "progress":
            run.progress.pop(path, None)   # an element replaced the progress bar there
        if kind == "exception":
            if run is not None:
                run.exceptions.append(f"{element.exception.type}: {element.exception.message}"[:300])
        elif kind == "alert":
            if run is not None and element.alert.format == ALERT_ERROR:
                run.error_boxes += 1
                run.error_texts.append(element.alert.body.strip().splitlines()[-1][:200])
        elif kind == "progress":
            if run is not None:
                run.progress[path] = int(element.progress.value)
        elif kind == "metric":
            if run is not None:
                run.metrics.append((element.metric.label, element.metric.body))
        elif kind in MOVABLE or kind == "button":
            proto = getattr(element, kind)
            held = self.widgets.get(Widget(proto.id, kind).key)
            held = held.value if held is not None and held.id == proto.id else None
            w = Widget(proto.id, kind, fragment=fragment, disabled=getattr(proto, "disabled", False))
            if kind == "slider":
                w.lo, w.hi, w.step = proto.min, proto.max, proto.step or 1.0
                w.value = list(proto.value) if proto.set_value else held or list(proto.default)
            elif kind == "number_input":
                w.lo = proto.min if proto.has_min else -1e9
                w.hi = proto.max if proto.has_max else 1e9
                w.step = proto.step or 1.0
                w.value = proto.value if proto.set_value else held if held is not None else proto.default
            elif kind in ("selectbox", "radio"):
                w.options = list(proto.options)
                if proto.set_value and proto.HasField("raw_value"):
                    w.value = proto.raw_value
                elif held is not None:
                    w.value = held
                elif proto.HasField("default") and 0 <= proto.default < len(w.options):
                    w.value = w.options[proto.default]
            elif kind == "checkbox":
                w.value = proto.value if proto.set_value else held if held is not None else proto.default
            self.drawing[w.key] = w

    async def _timer(self, fragment: str, every: float) -> None:
        """st.fragment(run_every=…): rerun the fragment on its timer while nothing else runs, as the browser."""
        try:
            while not self.closed and fragment in self.timers:
                await asyncio.sleep(every)
                if self.in_flight.locked() or self.closed:
                    continue
                run = await self._request("auto", self.page, self._client_state(page_hash=self.page_hash,
                                                                                fragment=fragment, auto=True))
                if self.on_auto is not None:
                    self.on_auto(run)
        except asyncio.CancelledError:
            pass

    async def train(self, key: str = "train_start") -> Run:
        """Press Train, then follow the page (fragment timers, reruns) until it shows the final accuracy."""
        def finished(run: Run) -> bool:
            return any(body.endswith("%") for _, body in run.metrics) and all(v >= 100 for v in run.progress.values())

        t0 = time.perf_counter()
        first = await self.press(key, kind="train")
        if not first.ok or finished(first):
            return first
        result = Run("train", self.page, start=t0, exceptions=list(first.exceptions))
        seen = asyncio.get_running_loop().create_future()

        def follow(run: Run) -> None:
            result.exceptions += run.exceptions
            if not seen.done() and (finished(run) or not run.ok):
                result.metrics, result.disconnected = run.metrics, run.disconnected
                seen.set_result(None)

        self.watch = follow
        try:
            await asyncio.wait_for(seen, self.run_timeout)
        except asyncio.TimeoutError:
            result.timed_out = True
        finally:
            self.watch = None
        result.seconds = time.perf_counter() - t0
        return result


# ------------------------------------------------------------------------------------------------ the server
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def healthy(url: str, timeout: float = 2.0) -> bool:
    try:
        with urllib.request.urlopen(url + "/_stcore/health", timeout=timeout) as response:
            return response.status == 200
    except Exception:  # noqa: BLE001
        return False


def start_server(port: int, ttl: float, threads: int | None = None, app_dir: Path = ROOT) -> subprocess.Popen:
    """``streamlit run app.py`` on loopback with the checkout's config (and a shorter session TTL)."""
    env = {**os.environ, **({"CNNLAB_UI_THREADS": str(threads)} if threads else {})}
    cmd = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true", "--server.port",
           str(port), "--server.address", "127.0.0.1", "--server.disconnectedSessionTTL", str(int(ttl))]
    return subprocess.Popen(cmd, cwd=app_dir, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def wait_healthy(url: str, seconds: float = 60.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if healthy(url):
            return True
        time.sleep(0.3)
    return False


def rss_mb(pid: int | None) -> float | None:
    try:
        with open(f"/proc/{pid}/status") as fh:
            return next(round(int(line.split()[1]) / 1024, 1) for line in fh if line.startswith("VmRSS:"))
    except (OSError, StopIteration, TypeError):
        return None


def cpu_s(pid: int | None) -> float:
    """CPU seconds (user + system) of a process so far; 0 when unknown."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError, TypeError):
        return 0.0


def machine_busy_s() -> float:
    """Busy CPU seconds of the whole machine so far (/proc/stat)."""
    try:
        with open("/proc/stat") as fh:
            v = [int(x) for x in fh.readline().split()[1:9]]
        return (sum(v) - v[3] - v[4]) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError):
        return 0.0


# ------------------------------------------------------------------------------------------------ the rounds
def stats(values: list[float]) -> dict[str, Any]:
    v = sorted(x for x in values if x == x)
    if not v:
        return {"n": 0}
    rank = min(len(v), math.ceil(0.95 * len(v))) - 1                  # nearest-rank 95th percentile
    return {"n": len(v), "p50": round(statistics.median(v), 3), "p95": round(v[rank], 3), "max": round(v[-1], 3)}


class Round:
    """One class of N students on the server; collects every run and the server's readings."""

    def __init__(self, url: str, pid: int | None, args: argparse.Namespace, students: int):
        self.url, self.pid, self.args, self.n = url, pid, args, students
        self.runs: list[Run] = []
        self.rss_peak = 0.0
        self.deadline = 0.0

    def record(self, run: Run) -> Run:
        self.runs.append(run)
        return run

    def left(self) -> float:
        return self.deadline - time.perf_counter()

    async def think(self, rng: random.Random) -> None:
        await asyncio.sleep(max(0.0, min(self.left(), rng.uniform(0.5, 1.5) * self.args.think)))

    async def _sample_rss(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            self.rss_peak = max(self.rss_peak, rss_mb(self.pid) or 0.0)
            try:
                await asyncio.wait_for(stop.wait(), 0.5)
            except asyncio.TimeoutError:
                pass

    async def browser(self, i: int, pages: list[str]) -> None:
        rng = random.Random(self.args.seed * 1000 + i)
        student = Student(self.url, self.args.run_timeout)
        await asyncio.sleep(i * min(0.5, 10.0 / self.n))   # a class does not arrive in the same millisecond
        lang = rng.choice(("en", "ko"))
        self.record(await student.open(rng.choice(pages), f"lang={lang}"))
        while self.left() > 0:
            await self.think(rng)
            if self.left() <= 0:
                break
            if student.closed:
                self.record(await student.open(rng.choice(pages), f"lang={lang}"))
                continue
            move = student.pick_move(rng)
            if move is None or rng.random() < 0.25:
                self.record(await student.goto(rng.choice([p for p in pages if p != student.page] or pages)))
            else:
                self.record(await student.set(*move))
        await student.close()

    async def trainer(self, i: int, start: asyncio.Event, loaded: list[int], trained: list[Run]) -> None:
        student = Student(self.url, self.args.run_timeout)
        student.on_auto = self.record
        self.record(await student.open("training_lab", "lang=en" + (f"&{self.args.train_query}"
                                                                    if self.args.train_query else "")))
        loaded.append(i)
        await start.wait()
        trained.append(self.record(await student.train()))
        await student.close()

    async def slider_mover(self, i: int, done: asyncio.Event) -> None:
        rng = random.Random(self.args.seed * 7919 + i)
        student = Student(self.url, self.args.run_timeout)
        self.record(await student.open("conv_arithmetic", "lang=en"))
        while not done.is_set() and self.left() > 0:
            await self.think(rng)
            move = student.pick_move(rng)
            if move is not None and not student.closed:
                self.record(await student.set(*move))
            elif student.closed:
                self.record(await student.open("conv_arithmetic", "lang=en"))
        await student.close()

    async def play(self) -> dict[str, Any]:
        args = self.args
        stop = asyncio.Event()
        sampler = asyncio.create_task(self._sample_rss(stop))
        rss_before, cpu0, busy0, me0 = rss_mb(self.pid), cpu_s(self.pid), machine_busy_s(), time.process_time()
        t0 = time.perf_counter()
        self.deadline = t0 + args.seconds
        extra: dict[str, Any] = {}
        if args.scenario == "browse":
            await asyncio.gather(*(self.browser(i, args.pages) for i in range(self.n)))
        else:
            start, done, loaded, trained = asyncio.Event(), asyncio.Event(), [], []
            self.deadline = t0 + args.run_timeout + args.seconds
            movers = [asyncio.create_task(self.slider_mover(i, done)) for i in range(args.sliders)]
            trainers = [asyncio.create_task(self.trainer(i, start, loaded, trained)) for i in range(self.n)]
            while len(loaded) < self.n and time.perf_counter() - t0 < 120:
                await asyncio.sleep(0.2)
            await asyncio.sleep(min(args.seconds / 3, 10))   # the slider students' baseline
            start.set()
            await asyncio.gather(*trainers)
            await asyncio.sleep(min(args.seconds / 3, 10))
            done.set()
            await asyncio.gather(*movers)
            finished = [r for r in trained if r.ok and r.metrics]
            extra = {"trainings": len(trained), "finished": len(finished),
                     "train_s": stats([r.seconds for r in finished])}
        wall = time.perf_counter() - t0
        server_cores = (cpu_s(self.pid) - cpu0) / wall if self.pid else None
        me = (time.process_time() - me0) / wall
        others = max(0.0, (machine_busy_s() - busy0) / wall - (server_cores or 0.0) - me)
        stop.set()
        await sampler
        return {"rss_before": rss_before, "wall_s": round(wall, 1), "server_cores": server_cores,
                "other_cores": round(others, 2), **extra}

    def summary(self, readings: dict[str, Any]) -> dict[str, Any]:
        by_kind = {k: stats([r.seconds for r in self.runs if r.kind == k and r.ok]) for k in KINDS}
        samples = [f"{r.page}?{r.query}: {e}" for r in self.runs for e in r.exceptions][:5]
        return {
            "students": self.n, "scenario": self.args.scenario, "actions": len(self.runs),
            "latency_s": {k: v for k, v in by_kind.items() if v["n"]},
            "exceptions": sum(len(r.exceptions) for r in self.runs), "exception_samples": samples,
            "error_boxes": sum(r.error_boxes for r in self.runs),
            "per_page": {page: {**{k: v for k in ("page_switch", "rerun") if (v := stats(
                [r.seconds for r in self.runs if r.kind == k and r.page == page and r.ok]))["n"]},
                "kb_per_action": round(statistics.mean(r.received for r in self.runs if r.page == page) / 1024, 1)}
                for page in sorted({r.page for r in self.runs})},
            "sent_mb_per_s": round(sum(r.received for r in self.runs) / 2**20 / max(1.0, self.args.seconds), 2),
            "error_box_samples": sorted({f"{r.page}?{r.query}: {e}" for r in self.runs for e in r.error_texts})[:8],
            "timeouts": sum(r.timed_out for r in self.runs), "disconnects": sum(r.disconnected for r in self.runs),
            "rss_mb": {"before": readings.pop("rss_before"), "peak": self.rss_peak or None},
            **readings,
        }


async def warm_up(url: str, pages: list[str]) -> None:
    """What a teacher does before class: every page once, one widget moved on each (imports, models, caches)."""
    rng = random.Random(0)
    student = Student(url, 300)
    for page in pages:
        await student.open(page, "lang=en")
        move = student.pick_move(rng)
        if move is not None:
            await student.set(*move)
    await student.close()


def ok(result: dict[str, Any], target: float) -> bool:
    """The class fits: rerun and page-switch p95 within ``target`` s, no exception box, no timeout."""
    lat = result["latency_s"]
    return (not result["exceptions"] and not result["timeouts"] and not result["disconnects"]
            and lat.get("rerun", {}).get("n", 0) > 0   # no widget move measured: nothing to say
            and all(lat.get(k, {}).get("p95", 0.0) <= target for k in ("rerun", "page_switch")))


def guidance(results: list[dict[str, Any]], target: float, cores: int) -> str:
    fits = [r["students"] for r in results if ok(r, target)]
    misses = [r["students"] for r in results if not ok(r, target)]
    if not fits:
        return (f"No class size tried kept rerun and page-switch p95 within {target:g} s without errors: fewer than "
                f"{min(misses) / cores:.1f} students per core here. Try fewer students, or more processes "
                f"(python -m cnnlab serve --replicas N).")
    best = max(fits)
    more = "" if any(m > best for m in misses) else " (the most tried: try a bigger class for the limit)"
    return (f"Held {best} students on {cores} core{'s' * (cores != 1)} with rerun and page-switch p95 ≤ {target:g} s "
            f"and no exception box: about {best / cores:.0f} students per core{more}. For a bigger class, a "
            f"bigger machine, or one process per ~2 cores: python -m cnnlab serve --replicas N.")


def table(results: list[dict[str, Any]], markdown: bool) -> str:
    head = ["students", "actions", "open p50/p95", "page switch p50/p95/max", "rerun p50/p95/max", "train p50/max",
            "exceptions", "error boxes", "timeouts", "server cores", "other cores", "RSS MB before/peak/left/expired"]

    def lat(r: dict, k: str, parts: tuple[str, ...]) -> str:
        s = r["latency_s"].get(k)
        return "–" if not s else " / ".join(f"{s[p]:.2f}" for p in parts)

    def mb(v: Any) -> str:
        return "–" if v is None else f"{v:.0f}"

    rows = [[str(r["students"]), str(r["actions"]), lat(r, "open", ("p50", "p95")),
             lat(r, "page_switch", ("p50", "p95", "max")), lat(r, "rerun", ("p50", "p95", "max")),
             lat(r, "train", ("p50", "max")), str(r["exceptions"]), str(r["error_boxes"]), str(r["timeouts"]),
             "–" if r["server_cores"] is None else f"{r['server_cores']:.2f}", f"{r['other_cores']:.2f}",
             " / ".join(mb(r["rss_mb"].get(k)) for k in ("before", "peak", "left", "expired"))] for r in results]
    if markdown:
        return "\n".join("| " + " | ".join(row) + " |" for row in [head, ["---"] * len(head), *rows])
    widths = [max(len(row[i]) for row in [head, *rows]) for i in range(len(head))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(row, widths)) for row in [head, *rows])


async def main_async(args: argparse.Namespace, url: str, pid: int | None) -> list[dict[str, Any]]:
    results = []
    for n in args.students:
        one = Round(url, pid, args, n)
        readings = await one.play()
        result = one.summary(readings)
        await asyncio.sleep(args.settle)
        result["rss_mb"]["left"] = rss_mb(pid)                    # every student gone, sessions kept for a reconnect
        if pid and args.ttl is not None and not args.no_expired:
            await asyncio.sleep(args.ttl + 6 + args.settle)       # expired, and the app's janitor has run
            result["rss_mb"]["expired"] = rss_mb(pid)
        results.append(result)
        lat = result["latency_s"].get("rerun", {})
        print(f"  {n} students: {result['actions']} actions, rerun p95 {lat.get('p95', '–')} s, "
              f"{result['exceptions']} exceptions", file=sys.stderr, flush=True)   # a ramp takes a while
    return results


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--url", help="a running server (default: start `streamlit run app.py` on loopback)")
    ap.add_argument("--server-pid", type=int, help="with --url: the server's pid, for its CPU and memory")
    ap.add_argument("--scenario", choices=("browse", "train"), default="browse")
    ap.add_argument("--students", default="30", help="class sizes, one round each, e.g. 10,20,30 (train: trainers)")
    ap.add_argument("--seconds", type=float, default=90.0, help="length of a browse round")
    ap.add_argument("--think", type=float, default=2.0, help="mean think time between actions, s")
    ap.add_argument("--pages", default=",".join(PAGES), help="url paths the students visit")
    ap.add_argument("--sliders", type=int, default=5, help="train: students moving sliders meanwhile")
    ap.add_argument("--train-query", default="", help="train: extra URL query of the lab, e.g. epochs=2")
    ap.add_argument("--target", type=float, default=1.0, help="rerun / page-switch p95 a class should get, s")
    ap.add_argument("--run-timeout", type=float, default=120.0, help="a run slower than this is a timeout, s")
    ap.add_argument("--settle", type=float, default=5.0, help="wait after a round before reading memory, s")
    ap.add_argument("--ttl", type=float, default=15.0,
                    help="own server: seconds a disconnected session is kept (the classroom config keeps 120)")
    ap.add_argument("--threads", type=int, help="own server: CNNLAB_UI_THREADS, torch threads per operation of "
                                                 "the app's own work (default: the app's, 1)")
    ap.add_argument("--app-dir", default=str(ROOT), help="own server: the checkout to run (e.g. an older commit's, "
                                                         "for a before/after comparison)")
    ap.add_argument("--no-warm-up", action="store_true", help="skip the teacher's warm-up visit")
    ap.add_argument("--no-expired", action="store_true", help="do not wait for the sessions to expire")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--json", action="store_true", help="one JSON object on stdout")
    ap.add_argument("--markdown", action="store_true", help="the table as markdown")
    args = ap.parse_args(argv)
    args.students = [int(n) for n in str(args.students).split(",") if n.strip()]
    args.pages = [p for p in args.pages.split(",") if p]
    return args


def run(args: argparse.Namespace) -> dict[str, Any]:
    """Start (or use) the server, warm it up, play every round; the report as a dict."""
    server = None
    url, pid = (args.url.rstrip("/"), args.server_pid) if args.url else (None, None)
    if url is None:
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        server = start_server(port, args.ttl, args.threads, Path(args.app_dir))
        pid = server.pid
    else:
        args.ttl = None   # another server's session lifetime is its own: no "expired" reading
    try:
        if not wait_healthy(url):
            raise SystemExit(2)
        report: dict[str, Any] = {"url": url, "cores": os.cpu_count(), "rss_mb_start": rss_mb(pid)}
        if not args.no_warm_up:
            asyncio.run(warm_up(url, args.pages))
            # read after the warm-up's sessions expired too: the level a class's "expired" reading compares with
            time.sleep(args.settle + (args.ttl + 6 if args.ttl is not None else 0))
            report["rss_mb_warm"] = rss_mb(pid)
        report["rounds"] = asyncio.run(main_async(args, url, pid))
        report["guidance"] = guidance(report["rounds"], args.target, os.cpu_count() or 1)
        return report
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(15)
            except subprocess.TimeoutExpired:
                server.kill()


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    report = run(args)
    rounds = report["rounds"]
    if args.json:
        print(json.dumps(report))
    else:
        print(f"\n{args.scenario}: {', '.join(map(str, args.students))} students, think {args.think:g} s, "
              f"{args.seconds:g} s a round; server RSS {report.get('rss_mb_start')} MB at start, "
              f"{report.get('rss_mb_warm')} MB after the warm-up")
        print(table(rounds, args.markdown))
        for r in rounds:
            for sample in r["exception_samples"]:
                print(f"  exception ({r['students']} students): {sample}")
            for sample in r["error_box_samples"]:
                print(f"  error box ({r['students']} students): {sample}")
            slow = sorted(((v.get("rerun", {}).get("p95", 0), p) for p, v in r["per_page"].items()), reverse=True)
            print(f"  slowest reruns ({r['students']} students), p95 s: "
                  + ", ".join(f"{p} {p95:.2f}" for p95, p in slow[:4]))
            heavy = sorted(((v["kb_per_action"], p) for p, v in r["per_page"].items()), reverse=True)
            print(f"  network ({r['students']} students): {r['sent_mb_per_s']:.2f} MB/s to the class; KB per action: "
                  + ", ".join(f"{p} {kb:,.0f}" for kb, p in heavy[:4]))
            if r.get("other_cores", 0) > 0.3:
                print(f"  note ({r['students']} students): other processes kept {r['other_cores']:.2f} cores busy "
                      f"meanwhile: latencies are worse than on an idle machine")
        print(report["guidance"])
    bad = any(r["exceptions"] or r["timeouts"] or r["disconnects"] for r in rounds)
    if args.scenario == "train":
        bad = bad or any(r.get("finished", 0) < r.get("trainings", 0) for r in rounds)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
