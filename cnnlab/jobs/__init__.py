"""The job service: heavy work (training, the degradation re-run) runs outside the Streamlit process.

Three layers, each replaceable without touching the others:

* ``recipe``  — ``Recipe`` (plain values) and ``run_job(recipe, emit, should_stop)``: the one function that does
  a job, called by every backend and by scripts. Events and results are plain dicts; failures are codes.
* ``service`` — ``JobService``: owners, the fair FIFO queue, limits, status and estimates, owner timeouts,
  bounded memory. It talks to a ``Backend`` through ``start`` / ``cancel`` / ``shutdown`` and a ``report``
  callback, and knows nothing about processes.
* ``local``   — ``LocalBackend``: persistent spawn-started worker processes on this machine (CPU or GPUs).
  A cluster backend (Ray) implements the same ``Backend`` contract.

    from cnnlab.jobs import JobService, LocalBackend, lab_recipe
    service = JobService(LocalBackend())
    job = service.submit("session-1", lab_recipe(epochs=2))
"""
from __future__ import annotations

from cnnlab.jobs.local import LocalBackend, cores
from cnnlab.jobs.recipe import (FAILURES, KINDS, TERMINAL, JobFailure, Recipe, degradation_recipe, lab_recipe,
                                load_weights, run_job, trained_model)
from cnnlab.jobs.service import (ACTIVE, FINISHED, MAX_EVENTS, STATES, Backend, BackendBusy, JobError, JobNotFound,
                                 JobRefused, JobService, JobStatus, Limits, Report)

__all__ = ["Recipe", "KINDS", "TERMINAL", "FAILURES", "JobFailure", "lab_recipe", "degradation_recipe", "run_job",
           "trained_model", "load_weights", "STATES", "ACTIVE", "FINISHED", "MAX_EVENTS", "JobError", "JobNotFound",
           "JobRefused", "BackendBusy", "Limits", "JobStatus", "Backend", "Report", "JobService", "LocalBackend",
           "cores"]
