"""cnnlab.jobs on Ray: the RayBackend against a real Ray head that this module starts (and stops) on 127.0.0.1.

The head is `ray start --head --block` with 2 CPUs, token authentication, its own temp dir and free ports, in a
process group of its own: the module ends it by that group's id, never with `ray stop` (which would end every
Ray on the machine). Tiny recipes (a few steps of LeNet-5 on a slice of the bundled digits), as in test_jobs.py.
"""
from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
import torch

from cnnlab import cli
from cnnlab.jobs import FINISHED, JobNotFound, JobService, LocalBackend, lab_recipe, load_weights, run_job
from jobwait import numbers, wait, wait_for_event
from rayhead import RAY_ENV, free_ports, start_head

ROOT = Path(__file__).resolve().parents[1]
TINY = lab_recipe(epochs=1, subset=256, test_subset=200, batch_size=64, threads=1)   # 4 steps
LONG = replace(TINY, epochs=400, test_subset=64)                                      # stopped long before the end


@pytest.fixture(scope="module")
def head():
    """A private Ray head (2 CPUs, token auth, its own temp dir and ports), stopped after the module."""
    with pytest.MonkeyPatch.context() as env:   # start_head sets Ray's variables; put them back after
        for key in (*RAY_ENV, "RAY_AUTH_TOKEN", "CNNLAB_RAY_ADDRESS"):
            env.delenv(key, raising=False)
        head = start_head(num_cpus=2)
        try:
            yield head
        finally:
            group = head.process.pid
            head.stop()
            assert not _processes_in_group(group), "Ray processes outlived the head"


def _processes_in_group(group: int, wait: float = 10.0) -> list[int]:
    """Processes still in ``group`` once ``wait`` seconds have passed (the killed ones need a moment to go)."""
    end = time.monotonic() + wait
    while True:
        found = []
        for entry in Path("/proc").iterdir():
            try:
                if entry.name.isdigit() and os.getpgid(int(entry.name)) == group:
                    found.append(int(entry.name))
            except (ProcessLookupError, PermissionError):
                pass
        if not found or time.monotonic() > end:
            return found
        time.sleep(0.2)


@pytest.fixture(scope="module")
def service(head):
    from cnnlab.jobs.ray_backend import RayBackend

    # 3 jobs at once on 2 CPUs: the third waits inside Ray for a CPU (the "queued in the cluster" case)
    backend = RayBackend(head.address, threads=1, jobs=3, idle_seconds=3.0, grace_seconds=5.0)
    service = JobService(backend, tick_seconds=0.2)
    yield service
    service.shutdown()


@pytest.fixture(scope="module")
def reference():
    """TINY on the local pool (a LocalBackend worker process, 1 thread): what every Ray run of it must give."""
    local = JobService(LocalBackend(workers=1, threads=1), tick_seconds=0.2)
    job = local.submit("ref", TINY)
    assert wait(local, job, "ref").state == "done"
    result = local.result(job, "ref")
    local.shutdown()
    return result


def same_numbers(result: dict, reference: dict) -> bool:
    mine, theirs = load_weights(result), load_weights(reference)
    return (list(mine) == list(theirs) and all(torch.equal(v, theirs[k]) for k, v in mine.items())
            and [numbers(h) for h in result["history"]] == [numbers(h) for h in reference["history"]]
            and result["analysis"] == reference["analysis"])


# ---------------------------------------------------------------- without the variable: no Ray at all
def test_without_the_variable_the_local_backend_runs_and_ray_is_never_imported():
    code = ("import os, sys\n"
            "os.environ.pop('CNNLAB_RAY_ADDRESS', None)\n"
            "from cnnlab.jobs import JobService, LocalBackend, make_backend\n"
            "from cnnlab import cli\n"
            "cli.build_parser()\n"
            "backend = make_backend(workers=1, threads=1)\n"
            "JobService(backend, tick_seconds=None).shutdown()\n"
            "print(type(backend).__name__, sorted(m for m in sys.modules if m == 'ray' or m.startswith('ray.')))\n")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["LocalBackend", "[]"]


def test_the_variable_makes_the_backend_a_ray_backend_sized_by_the_cluster(head, monkeypatch):
    from cnnlab.jobs import make_backend
    from cnnlab.jobs.ray_backend import RayBackend

    monkeypatch.setenv("CNNLAB_RAY_ADDRESS", head.address)
    monkeypatch.setenv("CNNLAB_RAY_GPU_FRACTION", "0.5")
    backend = make_backend()
    try:
        assert isinstance(backend, RayBackend) and backend.address == head.address
        assert (backend.capacity, backend.threads, backend.device) == (2, 1, "cpu")   # 2 CPUs, 1 per job
        assert backend.cluster_resources()["CPU"] == 2.0
        monkeypatch.setattr(backend, "_cluster", lambda: {"CPU": 16.0, "GPU": 3.0})   # GPU nodes joined
        assert (backend.device, backend.capacity) == ("cuda", 6)   # half a GPU per job: 6 jobs on 3 GPUs
    finally:
        backend.shutdown()


# ---------------------------------------------------------------- jobs on the cluster
def test_a_job_streams_its_events_and_gives_the_local_pools_numbers(service, reference):
    job = service.submit("alice", TINY)
    assert wait(service, job, "alice").state == "done"
    events = service.events(job, "alice")
    assert [e["type"] for e in events] == ["start"] + ["step"] * 4 + ["epoch", "done"]
    assert events[0]["threads"] == 1 and events[0]["device"] == "cpu"
    result = service.result(job, "alice")
    assert same_numbers(result, reference)   # bit for bit: weights, losses, accuracies, confusion matrix
    assert events[-1]["test_acc"] == result["test_acc"] == reference["test_acc"]


def test_a_warm_worker_takes_the_next_job_then_ends_when_idle(service, reference):
    first = service.submit("carol", replace(TINY, seed=5))
    assert wait(service, first, "carol").state == "done"
    warm = service.backend.warm_pids()
    assert warm and service.backend.worker_pids() == {}   # its process waits for a next job ...
    second = service.submit("dave", TINY)
    pid = service.backend.worker_pids()[second]
    assert pid in warm   # ... and takes this one at once: no new process ...
    assert wait(service, second, "dave").state == "done"
    assert same_numbers(service.result(second, "dave"), reference)   # ... with the numbers of a fresh one
    os.kill(pid, signal.SIGKILL)   # a warm worker dies while it waits: the next job must not be "lost"
    third = service.submit("erin", TINY)
    assert wait(service, third, "erin").state == "done"
    assert same_numbers(service.result(third, "erin"), reference)
    warm = service.backend.warm_pids()
    end = time.monotonic() + 30
    while service.backend.warm_pids() or any(_alive(p) for p in warm):   # and warm workers end after idle_seconds
        assert time.monotonic() < end, "a warm worker outlived idle_seconds"
        time.sleep(0.1)


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_stop_while_waiting_for_a_cpu_and_while_running(service):
    first, second = service.submit("a", LONG), service.submit("b", LONG)   # both CPUs taken ...
    steps = wait_for_event(service, first, "a", "step")
    wait_for_event(service, second, "b", "step")
    assert service.status(first, "a").state == "running"   # events arrive while it runs
    waiting = service.submit("c", TINY)   # ... so inside Ray this one waits for a CPU
    queued = service.submit("d", TINY)    # and this one waits in the service's queue (3 jobs at once)
    time.sleep(1.0)
    assert waiting not in service.backend.worker_pids() and service.status(waiting, "c").state == "running"
    assert service.status(queued, "d").position == 1
    assert service.cancel(queued, "d") and service.cancel(waiting, "c")
    assert service.events(queued, "d") == [{"type": "cancelled", "reason": "owner"}]   # never reached Ray
    assert wait(service, waiting, "c", timeout=20).state == "cancelled"
    assert service.events(waiting, "c") == [{"type": "cancelled", "reason": "queued"}]   # no process ever ran it
    assert service.result(waiting, "c") is None
    assert service.cancel(first, "a") and service.cancel(second, "b")   # ray.cancel: stops after the current step
    status = wait(service, first, "a", timeout=20)
    assert (status.state, status.reason) == ("cancelled", "owner")
    result = service.result(first, "a")
    assert result["stopped"] and result["epoch"] < 400 and len(result["weights"]) > 0   # what it learned so far
    events = service.events(first, "a")
    assert events[-1]["type"] == "stopped" and len(steps) >= 2
    done_steps = [e["global_step"] for e in events if e["type"] == "step"]
    assert done_steps == list(range(1, len(done_steps) + 1))   # every step's event, once, in order
    assert wait(service, second, "b", timeout=20).state == "cancelled"


def test_a_killed_worker_loses_that_job_only_and_the_others_carry_on(service, reference):
    victim = service.submit("victim", LONG)
    wait_for_event(service, victim, "victim", "step")
    neighbour = service.submit("neighbour", TINY)
    wait_for_event(service, neighbour, "neighbour", "start")
    os.kill(service.backend.worker_pids()[victim], signal.SIGKILL)   # the process running the job dies
    status = wait(service, victim, "victim", timeout=30)
    assert (status.state, status.error["code"]) == ("lost", "lost")   # the page says: the worker was lost — run again
    assert service.events(victim, "victim")[-1]["type"] == "lost" and service.result(victim, "victim") is None
    assert wait(service, neighbour, "neighbour").state == "done"
    assert same_numbers(service.result(neighbour, "neighbour"), reference)


def test_two_sessions_jobs_run_at_once_each_with_its_own_numbers(service, reference):
    jobs = {"bob": service.submit("bob", replace(LONG, seed=7)), "alice": service.submit("alice", TINY)}
    together = False
    while service.status(jobs["alice"], "alice").state not in FINISHED:
        pids = service.backend.worker_pids()
        together = together or (set(jobs.values()) <= set(pids) and pids[jobs["alice"]] != pids[jobs["bob"]])
        time.sleep(0.02)
    assert together   # both ran at the same time, in two processes
    assert service.status(jobs["bob"], "bob").state == "running"
    with pytest.raises(JobNotFound):
        service.events(jobs["bob"], "alice")   # and neither sees the other's job
    service.cancel(jobs["bob"], "bob")
    assert wait(service, jobs["bob"], "bob").state == "cancelled"
    alice, bob = (service.result(jobs[o], o) for o in ("alice", "bob"))
    assert same_numbers(alice, reference) and bob["stopped"] and bob["weights"] != alice["weights"]


def test_a_diverging_job_fails_with_its_code(service):
    job = service.submit("wild", replace(TINY, lr=10.0, epochs=3))
    status = wait(service, job, "wild")
    assert (status.state, status.error["code"], status.error["values"]["lr"]) == ("failed", "diverged", 10.0)


# ---------------------------------------------------------------- the command line
def test_cli_train_with_ray_keeps_the_json_contract_and_the_numbers(head, capsys):
    status = cli.main(["train", "lenet5_modern", "--epochs", "2", "--batch-size", "64", "--subset", "256",
                       "--seed", "3", "--device", "cpu", "--ray", head.address, "--json"])
    captured = capsys.readouterr()
    assert status == 0, captured.err
    result = json.loads(captured.out)   # stdout is exactly one JSON object
    assert set(result) == {"model", "dataset", "device", "epochs", "final_test_acc", "seconds", "images_per_second"}
    assert (result["model"], result["dataset"], result["device"]) == ("lenet5_modern", "mnist10k", "cpu")
    here = run_job(lab_recipe(epochs=2, batch_size=64, subset=256, seed=3, device="cpu", threads=1, log_every=5),
                   lambda event: None)
    assert [numbers(e) for e in result["epochs"]] == [
        {k: h[k] for k in ("epoch", "train_loss", "train_acc", "test_loss", "test_acc")} for h in here["history"]]
    assert result["final_test_acc"] == here["history"][-1]["test_acc"]
    assert "epoch 2/2" in captured.err and "Traceback" not in captured.err


def test_cli_train_through_the_ray_client(head):
    proc = subprocess.run(   # a process of its own: Ray allows one connection per process, and this one is a client
        [sys.executable, "-m", "cnnlab", "train", "lenet5", "--epochs", "1", "--subset", "128", "--batch-size", "64",
         "--device", "cpu", "--ray", head.client, "--json"], cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["epochs"][0]["epoch"] == 1


def test_cli_train_with_a_wrong_ray_address_is_one_line(capsys):
    status = cli.main(["train", "lenet5", "--epochs", "1", "--ray", f"127.0.0.1:{free_ports(1)[0]}", "--json"])
    captured = capsys.readouterr()
    assert status == 2 and captured.out == "" and "Traceback" not in captured.err
    assert captured.err.strip().splitlines()[-1].startswith("cnnlab train: error: cannot join the Ray cluster at")


# ---------------------------------------------------------------- last: what the cluster wrote
def test_ray_named_no_address_but_loopback_in_its_logs(head):
    sessions = list(head.temp.glob("session_*/logs"))
    text = "\n".join(p.read_text(errors="replace") for logs in sessions for p in logs.rglob("*") if p.is_file())
    assert sessions and "127.0.0.1" in text
    found = set(re.findall(r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])", text))
    assert found == {"127.0.0.1"}
    assert not any(address in text for address in machine_addresses())


def machine_addresses() -> set[str]:
    """This machine's own IPv4 addresses (not loopback), as far as it can tell without the network."""
    found: set[str] = set()
    try:
        found.update(socket.gethostbyname_ex(socket.gethostname())[2])
    except OSError:
        pass
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 1))   # a UDP "connect" sends nothing: it only picks the route
            found.add(probe.getsockname()[0])
        except OSError:
            pass
    return {a for a in found if not a.startswith("127.") and a != "0.0.0.0"}
