"""cnnlab.jobs: the queue's rules (with a backend the test drives), and real worker processes end to end.

Real-process tests share one service with two workers (one thread each) and tiny recipes (a few steps of
LeNet-5 on a slice of the bundled digits), so the whole file takes well under a minute on two cores.
"""
from __future__ import annotations


import os
import pickle
import signal
import time
from dataclasses import replace

import pytest
import torch

from cnnlab import train as tr
from cnnlab.data import make_loaders
from cnnlab.degradation import PRESETS, resolve_preset, validate_result
from cnnlab.jobs import (Backend, JobNotFound, JobRefused, JobService, Limits, LocalBackend, Recipe, degradation_recipe,
                         lab_recipe, load_weights, run_job, trained_model)
from jobwait import numbers, wait, wait_for_event

TINY = lab_recipe(epochs=1, subset=256, test_subset=200, batch_size=64)   # 4 steps
LONG = replace(TINY, epochs=400, test_subset=64)                           # 1,600 steps: stopped long before the end


# ---------------------------------------------------------------- the queue's rules, with a backend the test drives
class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class FakeBackend(Backend):
    """Runs nothing: records what the service asks; the test reports events as a worker would."""

    def __init__(self, capacity: int = 1) -> None:
        self.capacity, self.threads = capacity, 1
        self.started: list[str] = []
        self.cancelled: list[str] = []

    def start(self, job_id: str, recipe: Recipe) -> None:
        self.started.append(job_id)

    def cancel(self, job_id: str) -> None:
        self.cancelled.append(job_id)

    def shutdown(self) -> None:
        pass

    def finish(self, job_id: str, kind: str = "done", **values: object) -> None:
        self.report(job_id, {"type": kind, **values}, {"weights": b""} if kind in ("done", "stopped") else None)


def fake_service(capacity: int = 1, **options: object) -> tuple[JobService, FakeBackend, Clock]:
    clock = Clock()
    backend = FakeBackend(capacity)
    return JobService(backend, tick_seconds=None, clock=clock, **options), backend, clock


def test_another_owners_job_is_invisible_and_cannot_be_cancelled():
    service, backend, _ = fake_service()
    job = service.submit("alice", TINY)
    for call in (service.status, service.events, service.result, service.cancel):
        with pytest.raises(JobNotFound):
            call(job, "bob")
        with pytest.raises(JobNotFound):   # an id that never existed gets the very same answer
            call("no-such-job", "alice")
    assert service.cancel_owner("bob") == 0
    assert service.status(job, "alice").state == "running" and backend.cancelled == []
    other = {service.submit(f"s{i}", TINY) for i in range(20)}
    assert len(other | {job}) == 21 and min(len(j) for j in other) >= 20   # unguessable: 128 random bits


def test_a_second_job_of_the_same_owner_is_refused_while_the_first_is_active():
    service, backend, _ = fake_service()
    first = service.submit("alice", TINY)
    with pytest.raises(JobRefused) as refused:
        service.submit("alice", TINY)
    assert refused.value.code == "busy" and refused.value.values["job_id"] == first
    backend.finish(first)
    assert service.status(first, "alice").state == "done"
    second = service.submit("alice", TINY)
    assert backend.started == [first, second]
    service.cancel(second, "alice")   # Stop, then Train at once: allowed, but it waits for the stop to land
    third = service.submit("alice", TINY)
    assert service.status(third, "alice").state == "queued" and backend.started == [first, second]
    backend.finish(second, "stopped", epoch=1, step=1)
    assert service.status(third, "alice").state == "running"


def test_queue_is_served_in_order_with_one_running_job_per_owner():
    service, backend, _ = fake_service(capacity=2, limits=Limits(jobs_per_owner=2))
    a1, a2 = service.submit("a", TINY), service.submit("a", TINY)
    b1, c1 = service.submit("b", TINY), service.submit("c", TINY)
    assert backend.started == [a1, b1]   # a2 is older than b1 but a already has a job running
    assert [service.status(j, o).position for j, o in ((a2, "a"), (c1, "c"))] == [1, 2]
    backend.finish(b1)
    assert backend.started == [a1, b1, c1]   # a2 still waits for a1, however old it is
    backend.finish(a1)
    assert backend.started == [a1, b1, c1, a2]


def test_queue_position_and_estimated_start_come_from_recent_durations():
    service, backend, clock = fake_service(capacity=1)
    first = service.submit("a", TINY)
    waiting = service.submit("b", TINY)
    status = service.status(waiting, "b")
    assert (status.state, status.position, status.estimated_start) == ("queued", 1, None)   # nothing measured yet
    clock.now += 30.0
    backend.finish(first)   # one epoch took 30 s
    third = service.submit("c", TINY)
    clock.now += 10.0
    assert service.status(waiting, "b").estimated_left == pytest.approx(20.0)   # running 10 s of an expected 30
    status = service.status(third, "c")
    assert (status.position, status.estimated_start, status.estimated_left) == (1, pytest.approx(20.0),
                                                                                 pytest.approx(50.0))
    longer = service.submit("d", replace(TINY, epochs=3))
    assert service.status(longer, "d").estimated_start == pytest.approx(50.0)
    assert service.status(longer, "d").estimated_left == pytest.approx(50.0 + 90.0)


def test_cancel_of_a_queued_job_ends_it_at_once_without_the_backend():
    service, backend, _ = fake_service(capacity=1)
    service.submit("a", TINY)
    queued = service.submit("b", TINY)
    assert service.cancel(queued, "b") is True
    status = service.status(queued, "b")
    assert (status.state, status.reason, status.position) == ("cancelled", "owner", 0)
    assert service.events(queued, "b") == [{"type": "cancelled", "reason": "owner"}]
    assert queued not in backend.started and backend.cancelled == []
    assert service.cancel(queued, "b") is False


def test_owner_who_stops_calling_loses_queued_and_running_jobs():
    service, backend, clock = fake_service(capacity=1, owner_timeout=60.0)
    running = service.submit("gone", TINY)
    service.submit("here", TINY)
    clock.now += 45.0
    service.heartbeat("here")
    clock.now += 30.0   # "gone" silent for 75 s, "here" for 30 s
    service.tick()
    assert backend.cancelled == [running]           # the worker is told to stop ...
    backend.finish(running, "stopped", epoch=1, step=2)   # ... and says it did
    assert len(backend.started) == 2                # the next student's job starts at once
    service.heartbeat("gone")   # even if the student comes back, the finished job went with the old session
    service.tick()
    clock.now += 61.0
    service.heartbeat("here")
    service.tick()
    with pytest.raises(JobNotFound):
        service.status(running, "gone")


def test_limits_refuse_recipes_beyond_them_with_the_numbers():
    service, _, _ = fake_service(limits=Limits(max_epochs=5, max_subset=2000))
    with pytest.raises(JobRefused) as refused:
        service.submit("a", replace(TINY, epochs=6))
    assert (refused.value.code, refused.value.values) == ("too_many_epochs", {"epochs": 6, "limit": 5})
    with pytest.raises(JobRefused) as refused:
        service.submit("a", replace(TINY, subset=None))   # all 8,000 images
    assert (refused.value.code, refused.value.values) == ("subset_too_large", {"subset": None, "limit": 2000})
    with pytest.raises(JobRefused) as refused:
        service.submit("a", degradation_recipe(resolve_preset(replace(PRESETS["classroom"], epochs=9))))
    assert refused.value.code == "too_many_epochs"
    with pytest.raises(JobRefused) as refused:
        service.submit("a", replace(TINY, batch_size=0))
    assert refused.value.values == {"field": "batch_size", "value": 0}
    assert service.submit("a", replace(TINY, epochs=5, subset=2000))


def test_finished_jobs_are_dropped_after_a_while_and_beyond_the_cap():
    service, backend, clock = fake_service(capacity=1, keep_seconds=100.0, max_finished=2)
    jobs = []
    for owner in ("a", "b", "c"):
        jobs.append(service.submit(owner, TINY))
        backend.finish(jobs[-1])
        clock.now += 1.0
    service.result(jobs[1], "b")   # fetched: goes first when over the cap
    service.tick()
    states = {j: s.state for j, s in ((s.job_id, s) for s in service.admin_jobs())}
    assert set(states) == {jobs[0], jobs[2]}
    clock.now += 101.0
    for owner in ("a", "c"):
        service.heartbeat(owner)
    service.tick()
    assert service.admin_jobs() == []


def test_teacher_sees_every_job_and_can_cancel_any():
    service, backend, _ = fake_service(capacity=1)
    a, b = service.submit("a", TINY), service.submit("b", TINY)
    jobs = service.admin_jobs()
    assert [(s.job_id, s.owner, s.state) for s in jobs] == [(a, "a", "running"), (b, "b", "queued")]
    assert jobs[0].recipe["epochs"] == 1 and jobs[0].recipe["threads"] == 1   # the backend's share, filled in
    assert service.admin_cancel(a) and service.admin_cancel(b)
    backend.finish(a, "stopped", epoch=1, step=1)
    assert [(service.status(j, o).state, service.status(j, o).reason) for j, o in ((a, "a"), (b, "b"))] == [
        ("cancelled", "teacher"), ("cancelled", "teacher")]
    assert set(service.sessions()) == {"a", "b"}


# ---------------------------------------------------------------- run_job in this process
def test_run_job_gives_plain_data_and_a_model_that_scores_what_it_says():
    events: list[dict] = []
    result = run_job(replace(TINY, threads=1), events.append)
    assert [e["type"] for e in events] == ["start"] + ["step"] * 4 + ["epoch", "done"]
    assert pickle.loads(pickle.dumps(result)) == result and events[-1]["test_acc"] == result["test_acc"]
    assert result["history"] == [{k: v for k, v in events[-2].items() if k != "type"}]
    model = trained_model(result).model
    _, test_loader, _ = make_loaders("mnist10k", 64, subset=256, test_subset=200)
    preds, truth = tr.predict(model, test_loader)
    assert (preds == truth).float().mean().item() == result["test_acc"] == result["analysis"]["acc"]
    assert sum(map(sum, result["analysis"]["matrix"])) == 200 == len(truth)
    assert result["analysis"]["wrong"] == torch.nonzero(preds != truth).flatten().tolist()
    assert Recipe.from_dict(TINY.to_dict()) == TINY


def test_run_job_seeds_init_shuffling_and_augmentation_whatever_the_global_rng_did_before():
    from cnnlab.augmentation import preset

    recipe = replace(TINY, augment=preset("digits").to_dict(), threads=1, subset=128)
    first = run_job(recipe, lambda e: None)
    torch.rand(1000)   # other work moved the global generator
    before = torch.get_rng_state()
    second = run_job(recipe, lambda e: None)
    assert first["weights"] == second["weights"] and first["history"][0]["train_loss"] == \
        second["history"][0]["train_loss"]
    assert torch.equal(torch.get_rng_state(), before)   # and the job put the caller's generator back
    plain = run_job(replace(recipe, augment=None), lambda e: None)
    assert plain["weights"] != first["weights"]   # the augmentation really ran


def test_run_job_reports_failures_as_codes_with_values():
    def failure(recipe: Recipe) -> dict:
        events: list[dict] = []
        assert run_job(replace(recipe, threads=1), events.append) is None
        assert events[-1]["type"] == "failed"
        return events[-1]

    spec = "conv 4 k=5 | relu | pool max | fc 7"
    bad = failure(replace(TINY, model="custom", spec=spec, spec_input=(1, 28, 28)))
    assert (bad["code"], bad["values"]["out"], bad["values"]["classes"]) == ("custom_classes", [7], 10)
    bad = failure(replace(TINY, model="custom", spec=spec, spec_input=(3, 28, 28)))
    assert (bad["code"], bad["values"]["spec"]) == ("custom_input", [3, 28, 28])
    bad = failure(replace(TINY, model="custom", spec="conv 4 k=40", spec_input=(1, 28, 28)))
    assert bad["code"] == "bad_layer" and bad["values"]["layer"].startswith("layer 1")
    bad = failure(replace(TINY, lr=10.0, epochs=3))
    assert bad["code"] == "diverged" and bad["values"]["lr"] == 10.0
    assert failure(replace(TINY, dataset="imagenet"))["code"] == "dataset_unavailable"


def test_a_custom_network_trains_and_comes_back_as_the_same_network():
    spec = "conv 4 k=5 | relu | pool max | fc 10"
    result = run_job(replace(TINY, model="custom", spec=spec, spec_input=(1, 28, 28), threads=1), lambda e: None)
    model = trained_model(result, name="mine").model
    weights = load_weights(result)
    assert [k for k in model.state_dict()] == list(weights)
    assert all(torch.equal(v, weights[k]) for k, v in model.state_dict().items())


# ---------------------------------------------------------------- real worker processes
@pytest.fixture(scope="module")
def service():
    backend = LocalBackend(workers=2, threads=1, grace_seconds=3.0)
    backend.start_workers()
    service = JobService(backend, tick_seconds=0.2)
    yield service
    workers = list(backend._workers)
    service.shutdown()
    assert all(w.process.poll() is not None for w in workers)


@pytest.fixture(scope="module")
def alone(service):
    """TINY run alone on the service: the reference for every other run of it."""
    job = service.submit("alone", TINY)
    assert wait(service, job, "alone").state == "done"
    return service.result(job, "alone"), service.events(job, "alone")


def test_job_in_a_worker_streams_events_and_matches_run_job_here(service, alone):
    result, events = alone
    assert [e["type"] for e in events] == ["start"] + ["step"] * 4 + ["epoch", "done"]
    assert events[0]["threads"] == 1 and result["device"] == "cpu"
    here = run_job(replace(TINY, threads=1), lambda e: None)
    assert result["weights"] == here["weights"] and result["history"][0]["test_acc"] == here["history"][0]["test_acc"]


def test_same_recipe_alone_and_in_a_crowd_gives_identical_numbers(service, alone):
    crowd = {"x": replace(TINY, lr=1e-3, seed=3), "y": replace(TINY, model="lenet5"), "me": TINY,
             "z": replace(TINY, batch_size=32)}
    jobs = {owner: service.submit(owner, recipe) for owner, recipe in crowd.items()}
    for owner, job in jobs.items():
        assert wait(service, job, owner).state == "done"
    mine = service.result(jobs["me"], "me")
    reference = load_weights(alone[0])
    assert all(torch.equal(v, reference[k]) for k, v in load_weights(mine).items())
    assert [numbers(h) for h in mine["history"]] == [numbers(h) for h in alone[0]["history"]]
    assert mine["analysis"] == alone[0]["analysis"]
    assert service.result(jobs["x"], "x")["weights"] != mine["weights"]   # another seed really differs


def test_an_augmented_recipe_alone_and_among_others_gives_bit_identical_weights_and_accuracy(service):
    from cnnlab.augmentation import preset

    mine = replace(TINY, augment=preset("digits").to_dict())   # per-image random warps, drawn from the job's seed
    job = service.submit("me", mine)
    assert wait(service, job, "me").state == "done"
    alone = service.result(job, "me")
    others = {"p": replace(TINY, seed=5), "q": replace(mine, seed=7), "r": replace(TINY, model="lenet5")}
    jobs = {owner: service.submit(owner, recipe) for owner, recipe in others.items()}
    jobs["me"] = service.submit("me", mine)      # the same recipe again, now among three others
    for owner, job in jobs.items():
        assert wait(service, job, owner).state == "done"
    again = service.result(jobs["me"], "me")
    assert again["weights"] == alone["weights"]   # the serialised state dict, byte for byte
    assert again["test_acc"] == alone["test_acc"] and again["analysis"] == alone["analysis"]
    assert [numbers(h) for h in again["history"]] == [numbers(h) for h in alone["history"]]
    assert service.result(jobs["q"], "q")["weights"] != alone["weights"]   # another seed draws other warps


def test_stop_while_queued_and_while_running(service):
    job = service.submit("stopper", LONG)
    busy = service.submit("busy", LONG)          # both workers taken ...
    queued = service.submit("queued", TINY)      # ... so this one waits
    events = wait_for_event(service, job, "stopper", "step")
    assert service.status(job, "stopper").state == "running"   # events arrive while it runs
    assert service.status(queued, "queued").position == 1
    assert service.cancel(queued, "queued")
    assert service.status(queued, "queued").state == "cancelled"
    assert service.events(queued, "queued") == [{"type": "cancelled", "reason": "owner"}]   # it never started
    assert service.cancel(job, "stopper") and service.cancel(busy, "busy")
    status = wait(service, job, "stopper", timeout=10.0)
    assert (status.state, status.reason) == ("cancelled", "owner")
    result = service.result(job, "stopper")
    assert result["stopped"] and result["epoch"] < 400 and len(result["weights"]) > 0   # what it learned so far
    assert service.events(job, "stopper")[-1]["type"] == "stopped" and len(events) >= 2
    assert wait(service, busy, "busy", timeout=10.0).state == "cancelled"
    assert service.result(queued, "queued") is None


def test_owner_who_stops_polling_gets_a_running_job_cancelled(service):
    job = service.submit("leaver", LONG)
    wait_for_event(service, job, "leaver", "step")
    service.owner_timeout = 0.5   # and "leaver" calls nothing from now on
    try:
        end = time.monotonic() + 20.0
        while job in service.backend.worker_pids():   # until the worker has stopped the job
            assert time.monotonic() < end, "the job of an owner who left still runs"
            time.sleep(0.05)
    finally:
        service.owner_timeout = 90.0
    left = [s for s in service.admin_jobs() if s.job_id == job]   # dropped soon after: the owner is gone
    assert all((s.state, s.reason) == ("cancelled", "owner_left") for s in left)


def test_a_diverging_run_fails_for_its_student_while_the_neighbour_finishes(service):
    bad = service.submit("wild", replace(TINY, lr=10.0, epochs=3))
    good = service.submit("calm", TINY)
    status = wait(service, bad, "wild")
    assert (status.state, status.error["code"], status.error["values"]["lr"]) == ("failed", "diverged", 10.0)
    assert service.result(bad, "wild") is None
    assert wait(service, good, "calm").state == "done"


def test_a_degradation_rerun_runs_as_a_job(service):
    preset = resolve_preset(replace(PRESETS["classroom"], depths=(8,), epochs=1, subset=256, test_subset=100))
    job = service.submit("deg", degradation_recipe(preset))
    assert wait(service, job, "deg").state == "done"
    result = service.result(job, "deg")
    validate_result(result["result"])
    kinds = [e["type"] for e in service.events(job, "deg")]
    assert kinds.count("run_done") == 2 and kinds[-1] == "done" and "run_epoch" in kinds



def test_a_worker_killed_mid_job_loses_that_job_only(service, alone):
    job = service.submit("victim", LONG)
    wait_for_event(service, job, "victim", "step")
    os.kill(service.backend.worker_pids()[job], signal.SIGKILL)
    status = wait(service, job, "victim", timeout=20.0)
    assert (status.state, status.error["code"]) == ("lost", "lost")
    assert service.events(job, "victim")[-1]["type"] == "lost"
    after = service.submit("next", TINY)   # the service goes on (on the other worker or the replacement)
    assert wait(service, after, "next").state == "done"
    assert service.result(after, "next")["weights"] == alone[0]["weights"]


PAGE = '''
import os, time
import streamlit as st
from cnnlab.jobs import JobService, LocalBackend, lab_recipe
with open(os.environ["CNNLAB_TEST_MARKER"], "a") as f:   # a worker that re-ran this page would add a line
    f.write(f"{os.getpid()}\\n")
service = JobService(LocalBackend(workers=1, threads=1))
job = service.submit("me", lab_recipe(epochs=1, subset=64, test_subset=64, batch_size=64))
while service.status(job, "me").state in ("queued", "running"):
    time.sleep(0.05)
st.write(service.status(job, "me").state)
service.shutdown()
'''


def test_a_job_started_from_a_streamlit_page_does_not_rerun_the_page_in_its_worker(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    marker = tmp_path / "runs.txt"
    monkeypatch.setenv("CNNLAB_TEST_MARKER", str(marker))
    page = tmp_path / "page.py"
    page.write_text(PAGE)
    at = AppTest.from_file(str(page)).run(timeout=60)
    assert not at.exception and [m.value for m in at.markdown] == ["done"]
    assert marker.read_text().split() == [str(os.getpid())]
