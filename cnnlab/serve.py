"""`python -m cnnlab serve`: several Streamlit processes behind one HAProxy, for a class too big for one process.

A Streamlit session lives in one process: its websocket, its uploaded files and its media (images, downloads)
are kept in that process's memory. So the proxy pins each browser to one replica with a cookie (``SERVERID``,
set on the first page load, sent with the websocket, uploads and media requests). HAProxy checks every replica
on ``/_stcore/health``; when one dies, the browsers that were on it reconnect (Streamlit's frontend retries on
its own), ``option redispatch`` sends them to a live replica, where they start a fresh session, and the students
on the other replicas notice nothing. The supervisor here restarts a dead replica (not one that keeps dying) and
stops every child on Ctrl-C / SIGTERM. Replicas share only what is read-only (the repository's assets); heavy
work goes to the job service, as in one process.

Pure Python (no streamlit import): the replicas are ``python -m streamlit run app.py`` child processes.
"""
from __future__ import annotations

import csv
import errno
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, TextIO

HEALTH_PATH = "/_stcore/health"
COOKIE = "SERVERID"
REPLICA_HEADER = "X-Cnnlab-Replica"   # the proxy names the replica that answered (for tests and debugging)
APP = Path(__file__).resolve().parents[1] / "app.py"
RESTARTS_PER_MINUTE = 3               # a replica that dies this often within a minute is left down
INSTALL_HINT = ("haproxy is not installed — install it with `sudo apt-get install haproxy` (Debian/Ubuntu) or "
                "`brew install haproxy` (macOS), or set CNNLAB_HAPROXY to its path")


class ServeError(Exception):
    """A one-line reason `serve` cannot go on; ``status`` 2 for bad options, 1 for a failure while running."""

    def __init__(self, message: str, status: int = 2) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class ServeOptions:
    replicas: int = 2
    port: int = 8501
    address: str = "127.0.0.1"
    app: Path = APP
    log_dir: Path | None = None       # keep the replicas' and the proxy's logs here (default: a temp dir, removed)
    start_timeout: float = 180.0      # seconds for every replica to answer its health check


# --- the proxy's configuration --------------------------------------------------------------------------------

def haproxy_config(address: str, port: int, servers: list[tuple[str, int]], stats_socket: str | None = None) -> str:
    """HAProxy config for `serve`: a frontend on address:port and one server line per (name, loopback port)."""
    lines = [f"    server {name} 127.0.0.1:{p} cookie {name}" for name, p in servers]
    stats = [f"    stats socket {stats_socket} mode 600 level admin"] if stats_socket else []
    return _config(f"{address}:{port}", f"cookie {COOKIE} insert indirect nocache httponly", lines, stats)


def compose_haproxy_config(service: str = "app", port: int = 8501, slots: int = 8) -> str:
    """HAProxy config for compose.yaml: up to ``slots`` replicas of ``service``, found through Docker's DNS.

    Servers appear and leave as the service scales; their cookie values come from their address (``dynamic``).
    """
    lines = [f"    server-template {service} {slots} {service}:{port} check resolvers docker init-addr none",
             "    dynamic-cookie-key cnnlab-classroom"]
    tail = ["", "resolvers docker",
            "    nameserver dns 127.0.0.11:53   # Docker's embedded DNS: the service name -> every replica",
            "    hold valid 5s",
            "", "frontend stats   # http://127.0.0.1:8404/ on the host (compose publishes it on loopback only)",
            "    bind :8404", "    stats enable", "    stats uri /", "    stats refresh 5s"]
    return _config(f":{port}", f"cookie {COOKIE} insert indirect nocache httponly dynamic", lines, [], tail)


def _config(bind: str, cookie: str, servers: list[str], global_extra: list[str], tail: list[str] = ()) -> str:
    return "\n".join([
        "# Written by cnnlab (cnnlab/serve.py); one process per replica, sticky by cookie.",
        "global",
        "    maxconn 4096",
        *global_extra,
        "",
        "defaults",
        "    mode http",
        "    option dontlognull",
        "    option redispatch 1          # a dead replica's browsers go to a live one on their first retry",
        "    retries 3",
        "    retry-on conn-failure empty-response   # a replica that died with the request on its doorstep",
        "    timeout connect 2s",
        "    timeout client 60s",
        "    timeout server 60s",
        "    timeout http-request 15s",
        "    timeout queue 30s",
        "    timeout tunnel 1h            # a websocket after its upgrade: a student's whole session",
        "    timeout client-fin 5s",
        "",
        "frontend classroom",
        f"    bind {bind}",
        "    monitor-uri /haproxy-health",
        "    default_backend streamlit",
        "",
        "backend streamlit",
        "    balance leastconn             # websockets last the whole lesson: count open connections",
        f"    {cookie}",
        f"    option httpchk GET {HEALTH_PATH}",
        "    http-check expect status 200",
        "    default-server check inter 1s fastinter 500ms downinter 1s fall 2 rise 2",
        f"    http-response set-header {REPLICA_HEADER} %[srv_name]",
        *servers,
        *tail,
        "",
    ])


def proxy_stats(stats_socket: str, timeout: float = 5.0) -> dict[str, dict[str, str]]:
    """``show stat`` from HAProxy's socket: server name -> its row (``status`` UP/DOWN, ``stot`` sessions …)."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.settimeout(timeout)
        s.connect(stats_socket)
        s.sendall(b"show stat\n")
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    rows = csv.DictReader(data.decode().lstrip("# ").splitlines())
    return {r["svname"]: r for r in rows if r.get("pxname") == "streamlit" and r["svname"] != "BACKEND"}


# --- small helpers ----------------------------------------------------------------------------------------------

def find_haproxy() -> str:
    """The haproxy binary: $CNNLAB_HAPROXY, else on PATH or in the sbin folders Debian installs it to."""
    given = os.environ.get("CNNLAB_HAPROXY")
    if given:
        if os.access(given, os.X_OK) and os.path.isfile(given):
            return given
        raise ServeError(f"CNNLAB_HAPROXY={given} is not an executable file; {INSTALL_HINT}")
    path = os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/usr/local/sbin", "/sbin"])
    found = shutil.which("haproxy", path=path)
    if not found:
        raise ServeError(INSTALL_HINT)
    return found


def free_ports(n: int, host: str = "127.0.0.1") -> list[int]:
    """``n`` distinct ports the OS says are free on ``host`` now (held open together so they differ)."""
    held = []
    try:
        for _ in range(n):
            s = socket.socket()
            s.bind((host, 0))
            held.append(s)
        return [s.getsockname()[1] for s in held]
    finally:
        for s in held:
            s.close()


def _check_listen(address: str, port: int) -> None:
    try:
        infos = socket.getaddrinfo(address, port, type=socket.SOCK_STREAM)
    except socket.gaierror as e:
        raise ServeError(f"--address {address}: not an address of this machine ({e.strerror})") from None
    family, _, _, _, sockaddr = infos[0]
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(sockaddr)
        except OSError as e:
            reason = "already in use — choose another --port" if e.errno == errno.EADDRINUSE else e.strerror
            raise ServeError(f"cannot listen on {address}:{port}: {reason}") from None


def healthy(port: int, host: str = "127.0.0.1", timeout: float = 2.0) -> bool:
    try:
        with urllib.request.urlopen(f"http://{host}:{port}{HEALTH_PATH}", timeout=timeout) as r:
            return r.status == 200
    except OSError:
        return False


def _die_with_parent() -> None:  # runs in the child before exec: if serve is SIGKILLed, its children follow
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _spawn(cmd: list[str], log: Path, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.Popen:
    """A child in its own process group (a terminal's Ctrl-C reaches serve alone; serve stops children in order)."""
    with open(log, "ab") as out:
        return subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT, env=env,
                                cwd=cwd, start_new_session=True,
                                preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None)


def _stop_all(procs: list[subprocess.Popen], grace: float) -> None:
    """SIGTERM each process group, wait up to ``grace`` s in all, SIGKILL what is left (groups included)."""
    for p in procs:
        if p.poll() is None:
            _signal_group(p.pid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    for p in procs:
        try:
            p.wait(timeout=max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            _signal_group(p.pid, signal.SIGKILL)
            p.wait()
        _signal_group(p.pid, signal.SIGKILL)   # anything the child left behind in its group


def _signal_group(pgid: int, sig: int) -> None:
    try:
        os.killpg(pgid, sig)
    except (ProcessLookupError, PermissionError):
        pass


def _tail(path: Path, lines: int = 12) -> str:
    try:
        text = path.read_text(errors="replace").splitlines()[-lines:]
    except OSError:
        return ""
    return "\n".join("    " + ln for ln in text)


def _exit_text(code: int) -> str:
    if code < 0:
        try:
            return f"signal {signal.Signals(-code).name}"
        except ValueError:
            return f"signal {-code}"
    return f"status {code}"


# --- the supervisor ---------------------------------------------------------------------------------------------

@dataclass
class _Replica:
    name: str
    port: int
    log: Path
    proc: subprocess.Popen | None = None
    deaths: list[float] = field(default_factory=list)
    starting: bool = True
    given_up: bool = False


class Cluster:
    """N replicas + HAProxy in ``run_dir``; ``start`` → ``supervise`` (until stopped) → ``stop``."""

    def __init__(self, opts: ServeOptions, haproxy: str, run_dir: Path, out: TextIO = sys.stdout,
                 err: TextIO = sys.stderr) -> None:
        self.opts, self.haproxy, self.run_dir, self.out, self.err = opts, haproxy, run_dir, out, err
        ports = free_ports(opts.replicas)
        self.replicas = [_Replica(f"r{i + 1}", p, run_dir / f"r{i + 1}.log") for i, p in enumerate(ports)]
        self.config = run_dir / "haproxy.cfg"
        self.stats_socket = run_dir / "haproxy.sock"
        self.proxy: subprocess.Popen | None = None
        threads = max(1, (os.cpu_count() or 1) // opts.replicas)
        self.env = dict(os.environ, PYTHONUNBUFFERED="1")
        self.env.setdefault("OMP_NUM_THREADS", str(threads))   # N replicas share the cores
        self.env.setdefault("MKL_NUM_THREADS", self.env["OMP_NUM_THREADS"])
        # one signing secret for every replica: a cookie Streamlit signed on one replica stays valid on another
        self.env.setdefault("STREAMLIT_SERVER_COOKIE_SECRET", secrets.token_hex(32))

    def say(self, text: str, err: bool = False) -> None:
        stream = self.err if err else self.out
        print(f"cnnlab serve: {text}", file=stream, flush=True)

    # -- start
    def start(self, stopping: Callable[[], bool]) -> bool:
        """Replicas up and healthy, then the proxy; False when stopped (Ctrl-C) before it was ready."""
        servers = [(r.name, r.port) for r in self.replicas]
        self.config.write_text(haproxy_config(self.opts.address, self.opts.port, servers, str(self.stats_socket)))
        check = subprocess.run([self.haproxy, "-c", "-q", "-f", str(self.config)], capture_output=True, text=True)
        if check.returncode != 0:
            first = next((ln for ln in (check.stderr + check.stdout).splitlines() if "ALERT" in ln), check.stderr)
            raise ServeError(f"haproxy rejects its configuration: {first.strip()}", 1)
        for r in self.replicas:
            self._start_replica(r)
        deadline = time.monotonic() + self.opts.start_timeout
        while any(r.starting for r in self.replicas):
            if stopping():
                return False
            for r in self.replicas:
                if r.proc is not None and r.proc.poll() is not None:
                    self.say(f"{r.log.name}:\n{_tail(r.log)}", err=True)
                    raise ServeError(f"replica {r.name} exited while starting ({_exit_text(r.proc.returncode)}); "
                                     f"its log is above", 1)
                if r.starting and healthy(r.port, timeout=1.0):
                    r.starting = False
            if time.monotonic() > deadline:
                slow = ", ".join(r.name for r in self.replicas if r.starting)
                raise ServeError(f"replica {slow} did not answer {HEALTH_PATH} within {self.opts.start_timeout:.0f} s "
                                 f"(raise --start-timeout on a slow machine)", 1)
            time.sleep(0.25)
        self.proxy = _spawn([self.haproxy, "-db", "-f", str(self.config)], self.run_dir / "haproxy.log")
        for _ in range(100):   # the proxy answers its monitor URI once it listens (about 10 ms)
            if stopping() or self.proxy.poll() is not None or self._proxy_up():
                break
            time.sleep(0.1)
        if self.proxy.poll() is not None:
            self.say(f"haproxy.log:\n{_tail(self.run_dir / 'haproxy.log')}", err=True)
            raise ServeError(f"haproxy exited at start ({_exit_text(self.proxy.returncode)}); its log is above", 1)
        self.say(f"haproxy pid {self.proxy.pid}, stats socket {self.stats_socket}")
        return not stopping()

    def _proxy_up(self) -> bool:
        host = "127.0.0.1" if self.opts.address in ("0.0.0.0", "", "::") else self.opts.address
        try:
            with urllib.request.urlopen(f"http://{host}:{self.opts.port}/haproxy-health", timeout=1) as r:
                return r.status == 200
        except OSError:
            return False

    def _start_replica(self, r: _Replica) -> None:
        cmd = [sys.executable, "-m", "streamlit", "run", str(self.opts.app), "--server.port", str(r.port),
               "--server.address", "127.0.0.1", "--server.headless", "true"]
        # the app's folder is the working directory: its .streamlit/config.toml (fileWatcherType = "none") applies
        r.proc = _spawn(cmd, r.log, env=dict(self.env, CNNLAB_REPLICA=r.name), cwd=self.opts.app.parent)
        r.starting = True
        self.say(f"replica {r.name} pid {r.proc.pid} on 127.0.0.1:{r.port}")

    # -- run
    def supervise(self, stopping: Callable[[], bool]) -> int:
        """Until stopped: restart a replica that died (unless it keeps dying); fail if the proxy dies."""
        while not stopping():
            if self.proxy is not None and self.proxy.poll() is not None:
                self.say(f"haproxy.log:\n{_tail(self.run_dir / 'haproxy.log')}", err=True)
                raise ServeError(f"haproxy exited ({_exit_text(self.proxy.returncode)}); stopping the replicas", 1)
            for r in self.replicas:
                self._watch(r)
            if all(r.given_up for r in self.replicas):
                raise ServeError("every replica keeps failing; stopping (their logs are above)", 1)
            time.sleep(0.5)
        return 0

    def _watch(self, r: _Replica) -> None:
        if r.given_up or r.proc is None:
            return
        code = r.proc.poll()
        if code is None:
            if r.starting and healthy(r.port, timeout=1.0):
                r.starting = False
                self.say(f"replica {r.name} is back (pid {r.proc.pid})")
            return
        _signal_group(r.proc.pid, signal.SIGKILL)   # whatever it left in its group
        now = time.monotonic()
        r.deaths = [t for t in r.deaths if now - t < 60] + [now]
        self.say(f"replica {r.name} (pid {r.proc.pid}) exited ({_exit_text(code)}); its students reconnect to "
                 f"the other replicas", err=True)
        if len(r.deaths) >= RESTARTS_PER_MINUTE:
            r.given_up = True
            self.say(f"replica {r.name} died {len(r.deaths)} times within a minute; leaving it down. "
                     f"Its log:\n{_tail(r.log)}", err=True)
            return
        self._start_replica(r)

    # -- stop
    def stop(self, grace: float = 10.0) -> None:
        """The proxy first (no new connection lands on a replica that is going), then every replica."""
        procs = [p for p in [self.proxy, *(r.proc for r in self.replicas)] if p is not None]
        _stop_all(procs, grace)


def run(opts: ServeOptions, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    """Start, supervise and stop the replicas and the proxy; returns the exit status (raises ServeError)."""
    if not 1 <= opts.replicas <= 64:
        raise ServeError(f"--replicas must be between 1 and 64, got {opts.replicas}")
    if not 1 <= opts.port <= 65535:
        raise ServeError(f"--port must be between 1 and 65535, got {opts.port}")
    if not opts.app.is_file():
        raise ServeError(f"no app at {opts.app}")
    haproxy = find_haproxy()
    _check_listen(opts.address, opts.port)

    stop_requested: list[int] = []
    previous = {}
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        previous[sig] = signal.signal(sig, lambda signum, frame: stop_requested.append(signum))
    if opts.log_dir is not None:
        opts.log_dir.mkdir(parents=True, exist_ok=True)
    run_dir = Path(opts.log_dir or tempfile.mkdtemp(prefix="cnnlab-serve-"))
    cluster = None
    try:
        cluster = Cluster(opts, haproxy, run_dir, out, err)
        if cluster.start(lambda: bool(stop_requested)):
            cluster.say(f"ready — {opts.replicas} replica{'s' if opts.replicas > 1 else ''} behind "
                        f"http://{opts.address}:{opts.port} (Ctrl-C stops everything)")
            return cluster.supervise(lambda: bool(stop_requested))
        return 0
    finally:
        if cluster is not None:
            cluster.say("stopping" + (f" ({signal.Signals(stop_requested[0]).name})" if stop_requested else ""))
            cluster.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if opts.log_dir is None:
            shutil.rmtree(run_dir, ignore_errors=True)
        else:
            (run_dir / "haproxy.sock").unlink(missing_ok=True)
