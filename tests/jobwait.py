"""Shared helpers for the job-service tests (test_jobs.py, test_jobs_ray.py): wait for a state or an event."""
from __future__ import annotations

import time

from cnnlab.jobs import FINISHED, JobService


def wait(service: JobService, job: str, owner: str, until=FINISHED, timeout: float = 90.0):
    """The job's status once its state is in ``until``; fails after ``timeout`` seconds."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        status = service.status(job, owner)
        if status.state in until:
            return status
        time.sleep(0.05)
    raise AssertionError(f"job still {service.status(job, owner).state} after {timeout} s")


def wait_for_event(service: JobService, job: str, owner: str, kind: str, timeout: float = 90.0) -> list[dict]:
    """The job's events once one of type ``kind`` is among them; fails after ``timeout`` seconds."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        events = service.events(job, owner)
        if any(e["type"] == kind for e in events):
            return events
        time.sleep(0.02)
    raise AssertionError(f"no {kind} event after {timeout} s")


def numbers(epoch: dict) -> dict:
    """An epoch's losses and accuracies (its timings differ from run to run)."""
    return {k: v for k, v in epoch.items() if k not in ("seconds", "train_seconds", "images_per_second")}
