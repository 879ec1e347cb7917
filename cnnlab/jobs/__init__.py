"""The job service: heavy work (training, the degradation re-run) runs outside the Streamlit process.

Three layers, each replaceable without touching the others:

* ``recipe``  — ``Recipe`` (plain values) and ``run_job(recipe, emit, should_stop)``: the one function that does
  a job, called by every backend and by scripts. Events and results are plain dicts; failures are codes.
* ``service`` — ``JobService``: owners, the fair FIFO queue, limits, status and estimates, owner timeouts,
  bounded memory. It talks to a ``Backend`` through ``start`` / ``cancel`` / ``shutdown`` and a ``report``
  callback, and knows nothing about processes.
* ``local``   — ``LocalBackend``: persistent spawn-started worker processes on this machine (CPU or GPUs).
* ``ray_backend`` — ``RayBackend``: one Ray actor per job on a Ray cluster (imported only when asked for).

    from cnnlab.jobs import JobService, lab_recipe, make_backend
    service = JobService(make_backend())       # LocalBackend, or RayBackend when CNNLAB_RAY_ADDRESS is set
    job = service.submit("session-1", lab_recipe(epochs=2))
"""
from __future__ import annotations

import os
from typing import Any

from cnnlab.jobs.local import LocalBackend, cores
from cnnlab.jobs.recipe import (FAILURES, KINDS, TERMINAL, JobFailure, Recipe, degradation_recipe, lab_recipe,
                                load_weights, run_job, trained_model)
from cnnlab.jobs.service import (ACTIVE, FINISHED, MAX_EVENTS, STATES, Backend, BackendBusy, JobError, JobNotFound,
                                 JobRefused, JobService, JobStatus, Limits, Report)

__all__ = ["Recipe", "KINDS", "TERMINAL", "FAILURES", "JobFailure", "lab_recipe", "degradation_recipe", "run_job",
           "trained_model", "load_weights", "STATES", "ACTIVE", "FINISHED", "MAX_EVENTS", "JobError", "JobNotFound",
           "JobRefused", "BackendBusy", "Limits", "JobStatus", "Backend", "Report", "JobService", "LocalBackend",
           "cores", "make_backend"]   # and RayBackend, imported on first use (it imports Ray)


def make_backend(**local_options: Any) -> Backend:
    """The server's backend: a ``RayBackend`` joining ``$CNNLAB_RAY_ADDRESS`` (``auto``, ``ray://HOST:10001``,
    ``HOST:PORT`` or ``local``) when it is set, else ``LocalBackend(**local_options)``. Ray is imported only then."""
    address = os.environ.get("CNNLAB_RAY_ADDRESS", "").strip()
    if not address:
        return LocalBackend(**local_options)
    try:
        from cnnlab.jobs.ray_backend import RayBackend
    except ImportError as exc:
        raise RuntimeError(f"CNNLAB_RAY_ADDRESS={address} asks for Ray, which is not installed "
                           f"(pip install -r requirements-cluster.txt): {exc}") from exc
    return RayBackend(address)


def __getattr__(name: str) -> Any:   # ``from cnnlab.jobs import RayBackend`` imports Ray then, not before
    if name == "RayBackend":
        from cnnlab.jobs.ray_backend import RayBackend

        return RayBackend
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
