"""A private Ray head on 127.0.0.1 for tests and benchmarks: `ray start --head --block` in a process group of its own.

    head = start_head(num_cpus=2)        # sets RAY_AUTH_TOKEN etc. in os.environ for drivers of this process
    ... RayBackend(head.address) or RayBackend(head.client) ...
    head.stop()

Its own temp dir and free ports, so several can run on one machine; token authentication with a fresh token;
`RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER=0` so Ray binds 127.0.0.1 only. ``stop`` ends its process group by id, never
`ray stop` (which ends every Ray on the machine).
"""
from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

RAY_ENV = {"RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER": "0",   # Ray binds 127.0.0.1, not the machine's address
           "RAY_AUTH_MODE": "token", "RAY_USAGE_STATS_ENABLED": "0"}


@dataclass
class Head:
    address: str          # 127.0.0.1:PORT of its GCS: what a driver joins
    client: str           # ray://127.0.0.1:PORT: Ray's client server
    temp: Path            # its --temp-dir (session folders, logs)
    env: dict[str, str]   # what a driver needs in its environment (the token …)
    process: subprocess.Popen

    def stop(self) -> None:
        """End the head's process group: the head, its GCS, raylet, agents and every Ray worker it started."""
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(3)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            pass
        try:
            os.killpg(self.process.pid, signal.SIGKILL)   # what SIGTERM left (not all of Ray's processes stop on it)
        except ProcessLookupError:
            pass
        self.process.wait()
        shutil.rmtree(self.temp, ignore_errors=True)


def free_ports(n: int) -> list[int]:
    sockets = [socket.socket() for _ in range(n)]
    for s in sockets:
        s.bind(("127.0.0.1", 0))
    ports = [s.getsockname()[1] for s in sockets]
    for s in sockets:
        s.close()
    return ports


def start_head(num_cpus: int = 2, timeout: float = 90.0) -> Head:
    """Start the head and wait until it is up; puts ``Head.env`` into ``os.environ`` (drivers read it from there)."""
    temp = Path(tempfile.mkdtemp(prefix="cnr-", dir="/tmp"))   # short: Ray's socket paths must stay < 108 bytes
    gcs, client, dashboard, agent_http, agent_grpc, metrics, runtime_env, node, objects = free_ports(9)
    env = {**RAY_ENV, "RAY_AUTH_TOKEN": secrets.token_hex(16)}
    os.environ.update(env)
    os.environ.pop("CNNLAB_RAY_ADDRESS", None)
    command = [sys.executable, "-m", "ray.scripts.scripts", "start", "--head", "--block", f"--port={gcs}",
               f"--num-cpus={num_cpus}", "--num-gpus=0", "--include-dashboard=false", f"--dashboard-port={dashboard}",
               f"--ray-client-server-port={client}", f"--dashboard-agent-listen-port={agent_http}",
               f"--dashboard-agent-grpc-port={agent_grpc}", f"--metrics-export-port={metrics}",
               f"--runtime-env-agent-port={runtime_env}", f"--node-manager-port={node}",
               f"--object-manager-port={objects}", f"--temp-dir={temp}", "--disable-usage-stats"]
    log_path = temp / "head.log"
    with open(log_path, "w") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                   start_new_session=True)   # its own process group: Head.stop ends it by its id
    head = Head(f"127.0.0.1:{gcs}", f"ray://127.0.0.1:{client}", temp, env, process)
    end = time.monotonic() + timeout
    while "Ray runtime started" not in log_path.read_text():
        if process.poll() is not None or time.monotonic() > end:
            text = log_path.read_text()
            head.stop()
            raise RuntimeError(f"the Ray head did not start in {timeout:.0f} s:\n{text}")
        time.sleep(0.2)
    return head
