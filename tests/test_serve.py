"""`python -m cnnlab serve`: HAProxy in front of several app processes, on loopback, as browsers use it.

The end-to-end test starts `serve --replicas 2`, opens sessions the way a browser does (load the page, keep the
SERVERID cookie, open Streamlit's websocket with it), kills one replica in the middle, and checks that its
students reconnect to the other replica, that the other students notice nothing, that the dead replica comes
back, and that SIGTERM leaves no child behind. It needs haproxy (CI's .ci/run installs it): without it the test
fails, it is not skipped.
"""
from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from http.cookies import SimpleCookie
from pathlib import Path

import pytest

from cnnlab import serve

ROOT = Path(__file__).resolve().parents[1]
FINISHED_EARLY_FOR_RERUN = 2   # streamlit.proto ScriptFinishedStatus: st.rerun() ends a run that continues


def haproxy() -> str:
    try:
        return serve.find_haproxy()
    except serve.ServeError as e:
        pytest.fail(f"these tests need haproxy ({e})")


def cnnlab(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cnnlab", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=60, env=dict(os.environ, PYTHONPATH=str(ROOT), **(env or {})))


# --- the configuration ------------------------------------------------------------------------------------------

def test_haproxy_accepts_the_serve_config_and_the_compose_config(tmp_path):
    configs = {"serve.cfg": serve.haproxy_config("127.0.0.1", 8501, [("r1", 40001), ("r2", 40002)],
                                                 str(tmp_path / "s.sock")),
               "compose.cfg": serve.compose_haproxy_config()}
    for name, text in configs.items():
        (tmp_path / name).write_text(text)
        check = subprocess.run([haproxy(), "-c", "-f", str(tmp_path / name)], capture_output=True, text=True)
        assert check.returncode == 0, check.stderr
        assert "WARNING" not in check.stderr, check.stderr


def test_the_compose_proxy_config_is_the_generated_one():
    # compose.yaml mounts deploy/haproxy.cfg; regenerate it with scripts/write_compose_haproxy.py
    assert (ROOT / "deploy" / "haproxy.cfg").read_text() == serve.compose_haproxy_config()


def test_missing_haproxy_is_one_line_naming_the_install_command():
    result = cnnlab("serve", "--replicas", "2", env={"CNNLAB_HAPROXY": "/nonexistent/haproxy"})
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "apt-get install haproxy" in result.stderr and "Traceback" not in result.stderr


def test_a_busy_port_is_refused_before_any_process_starts():
    haproxy()
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        result = cnnlab("serve", "--port", str(busy.getsockname()[1]))
    assert result.returncode == 2
    assert "already in use — choose another --port" in result.stderr
    assert result.stdout == ""   # no replica was started


# --- a browser, as far as the proxy and Streamlit can tell ---------------------------------------------------

class Browser:
    """Loads the page (keeps the SERVERID cookie), then opens Streamlit's websocket with the cookie and, when it
    reconnects, the previous session id, as Streamlit's frontend does."""

    def __init__(self, base: str) -> None:
        self.base, self.cookie, self.session_id, self.ws, self.replica = base, "", "", None, ""

    def _cookie_from(self, set_cookies: list[str]) -> None:
        for header in set_cookies:
            jar = SimpleCookie(header)
            if serve.COOKIE in jar:
                self.cookie = jar[serve.COOKIE].value

    def load_page(self) -> str:
        request = urllib.request.Request(self.base + "/")
        if self.cookie:
            request.add_header("Cookie", f"{serve.COOKIE}={self.cookie}")
        with urllib.request.urlopen(request, timeout=20) as r:
            assert r.status == 200
            self._cookie_from(r.headers.get_all("Set-Cookie") or [])
            return r.headers[serve.REPLICA_HEADER]

    async def connect(self) -> None:
        from websockets.asyncio.client import connect

        protocols = ["streamlit"] + (["no-xsrf", self.session_id] if self.session_id else [])
        self.ws = await connect(self.base.replace("http://", "ws://") + "/_stcore/stream", subprotocols=protocols,
                                additional_headers={"Cookie": f"{serve.COOKIE}={self.cookie}"}, max_size=None,
                                open_timeout=30, ping_interval=None)
        self.replica = self.ws.response.headers[serve.REPLICA_HEADER]
        self._cookie_from(self.ws.response.headers.get_all("Set-Cookie"))

    async def run_page(self, query: str = "lang=en") -> list[str]:
        """One script run of the home page; the exception boxes it drew."""
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        msg = BackMsg()
        msg.rerun_script.query_string = query
        await self.ws.send(msg.SerializeToString())
        exceptions = []
        while True:
            fwd = ForwardMsg()
            fwd.ParseFromString(await asyncio.wait_for(self.ws.recv(), 90))
            kind = fwd.WhichOneof("type")
            if kind == "new_session" and fwd.new_session.initialize.session_id:
                self.session_id = fwd.new_session.initialize.session_id
            elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                if fwd.delta.new_element.WhichOneof("type") == "exception":
                    exceptions.append(fwd.delta.new_element.exception.message)
            elif kind == "script_finished" and fwd.script_finished != FINISHED_EARLY_FOR_RERUN:
                return exceptions

    async def closed_within(self, seconds: float) -> bool:
        """Whether the server side closes the websocket within ``seconds`` (messages still in flight are read)."""
        from websockets.exceptions import ConnectionClosed

        try:
            async with asyncio.timeout(seconds):
                while True:
                    await self.ws.recv()
        except ConnectionClosed:
            return True
        except TimeoutError:
            return False

    async def open(self) -> None:
        """A student opening the link: page load, websocket, first run."""
        page_replica = self.load_page()
        assert self.cookie == page_replica   # the proxy pinned this browser to the replica that answered
        await self.connect()
        assert self.replica == page_replica  # ... and the websocket went to the same one
        assert await self.run_page() == []


# --- serve, end to end --------------------------------------------------------------------------------------------

class Served:
    """`python -m cnnlab serve` in a child process; its stdout lines collected by a thread."""

    def __init__(self, replicas: int) -> None:
        self.port = serve.free_ports(1)[0]
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "cnnlab", "serve", "--replicas", str(replicas), "--port", str(self.port),
             "--address", "127.0.0.1"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            env=dict(os.environ, PYTHONPATH=str(ROOT), OMP_NUM_THREADS="1"), start_new_session=True)
        self.lines: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.append(line.rstrip("\n"))

    def wait_for(self, needle: str, timeout: float) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = [ln for ln in self.lines if needle in ln]
            if found:
                return found[-1]
            assert self.proc.poll() is None, "serve exited:\n" + "\n".join(self.lines)
            time.sleep(0.2)
        pytest.fail(f"no line with {needle!r} from serve within {timeout} s:\n" + "\n".join(self.lines))

    def pid_of(self, replica: str) -> int:
        line = self.wait_for(f"replica {replica} pid ", 1)
        return int(line.split(" pid ")[1].split()[0])

    def descendants(self) -> set[int]:
        children: dict[int, list[int]] = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                except (OSError, IndexError, ValueError):
                    continue
                children.setdefault(ppid, []).append(int(entry.name))
        found, todo = set(), [self.proc.pid]
        while todo:
            for child in children.get(todo.pop(), []):
                found.add(child)
                todo.append(child)
        return found

    def close(self) -> None:
        """After a failed test: SIGTERM (serve cleans up), then SIGKILL whatever is left."""
        if self.proc.poll() is None:
            children = self.descendants()
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
                return
            except subprocess.TimeoutExpired:
                pass
            for pid in children | self.descendants():
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.fixture
def served():
    haproxy()
    s = Served(replicas=2)
    try:
        yield s
    finally:
        s.close()


def test_two_replicas_sticky_sessions_survive_a_dead_replica_and_stop_cleanly(served):
    served.wait_for("ready", timeout=180)
    stats_socket = served.wait_for("stats socket", 1).rsplit(" ", 1)[1]
    base = f"http://127.0.0.1:{served.port}"

    async def scenario() -> None:
        students = [Browser(base) for _ in range(4)]
        for b in students:
            await b.open()
        on = {name: [b for b in students if b.replica == name] for name in ("r1", "r2")}
        assert on["r1"] and on["r2"], [b.replica for b in students]   # the proxy spreads the class
        assert all(int(row["stot"]) >= 1 for row in serve.proxy_stats(stats_socket).values())

        os.kill(served.pid_of("r1"), signal.SIGKILL)   # a replica dies in the middle of the lesson
        for b in on["r1"]:
            assert await b.closed_within(15)           # its students' websockets close ...
            await b.connect()                          # ... and reconnect (old cookie and session id)
            assert b.replica == "r2" and b.cookie == "r2"
            assert await b.run_page("lang=ko") == []
            assert b.load_page() == "r2"               # stickiness holds after the move: media, uploads
        for b in on["r2"]:                             # the others noticed nothing: same socket, runs fine
            assert await b.run_page("lang=ko") == []

        served.wait_for("replica r1 is back", timeout=120)
        deadline = time.monotonic() + 20
        while serve.proxy_stats(stats_socket)["r1"]["status"] != "UP":
            assert time.monotonic() < deadline, "the proxy did not take the restarted replica back"
            await asyncio.sleep(0.25)
        newcomer = Browser(base)
        await newcomer.open()
        assert newcomer.replica == "r1"   # leastconn: the restarted, empty replica takes the next student
        for b in students + [newcomer]:
            await b.ws.close()

    asyncio.run(scenario())

    children = served.descendants()
    haproxy_pid = int(served.wait_for("haproxy pid", 1).split("haproxy pid ")[1].split(",")[0])
    assert {served.pid_of("r1"), served.pid_of("r2"), haproxy_pid} <= children   # r1: the restarted one
    served.proc.send_signal(signal.SIGTERM)
    assert served.proc.wait(timeout=60) == 0
    assert "cnnlab serve: stopping (SIGTERM)" in served.lines
    assert [pid for pid in children if alive(pid)] == []
