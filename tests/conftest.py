"""Shared test settings: hypothesis profile and a repo-root import path."""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# Torch layers run on tiny tensors here; wall-clock deadlines would only measure the machine's load.
# Nothing in the tests may download: the app's torchvision-weights loader reads this and never tries the network.
os.environ.setdefault("CNNLAB_OFFLINE", "1")

# Under pytest-xdist (pytest.ini: one worker per core) each worker gets one torch thread: two workers with two
# spinning threads each on two cores only wait for each other. Set before torch is imported, so the processes the
# tests start (CLI runs, app replicas) inherit it too; tests that are about thread counts set their own.
if os.environ.get("PYTEST_XDIST_WORKER"):
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    import torch

    torch.set_num_threads(1)

# pytest-xdist (pytest.ini runs two workers, one per core): these modules start job workers, a Ray head or
# `cnnlab serve`, with timeouts sized for one module at a time. They go to one worker as one unit of work (the
# largest, so it is handed out first) and run there one after another, never beside each other. (xdist's own
# `--dist loadgroup` cannot do this under pytest 9: it renames the items through an attribute pytest no longer reads.)
CLUSTER_MODULES = {"tests/test_jobs.py", "tests/test_jobs_ray.py", "tests/test_serve.py"}


def pytest_xdist_make_scheduler(config, log):
    if config.getvalue("dist") != "load":
        return None   # another --dist mode chosen on the command line: xdist's own scheduler
    from xdist.scheduler import LoadScopeScheduling

    class ClusterModulesTogether(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return "cluster" if nodeid.split("::", 1)[0] in CLUSTER_MODULES else nodeid

    return ClusterModulesTogether(config, log)


settings.register_profile(
    "cnnlab",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=os.environ.get("CI") == "true",
)
settings.load_profile("cnnlab")


@pytest.fixture(scope="session")
def alexnet_checkpoint(tmp_path_factory):
    """An AlexNet state dict (random weights) saved once per test process: building and saving 61M weights takes
    seconds, so the fixtures below copy this file instead. Read-only: they hand the tests copies or links."""
    import torch
    import torchvision

    path = tmp_path_factory.mktemp("alexnet") / "alexnet.pth"
    torch.save(torchvision.models.alexnet(weights=None).state_dict(), path)
    return path


@pytest.fixture
def cached_alexnet(tmp_path, alexnet_checkpoint):
    """A torch hub cache holding an AlexNet checkpoint under torchvision's file name (random weights: the
    ImageNet-model code paths run offline, without the 233 MB download)."""
    import torch
    import torchvision

    from cnnlab.ui.pretrained import forget_models

    weights = torchvision.models.AlexNet_Weights.DEFAULT
    folder = tmp_path / "checkpoints"
    folder.mkdir()
    os.link(alexnet_checkpoint, folder / weights.url.rsplit("/", 1)[1])   # a second name, no copy (only read)
    old = torch.hub.get_dir()
    torch.hub.set_dir(str(tmp_path))
    forget_models()
    yield weights
    torch.hub.set_dir(old)
    forget_models()


@pytest.fixture
def app_jobs():
    """The app's job service (``cnnlab.ui.jobs.service()``, shared with the pages AppTest runs in this process),
    with the teacher's limits and the owner timeout put back after the test and no job of the test left running."""
    from cnnlab.jobs import ACTIVE
    from cnnlab.ui import jobs

    service = jobs.service()
    limits, timeout = service.limits, service.owner_timeout
    yield service
    service.set_limits(limits)
    service.owner_timeout = timeout
    for status in service.admin_jobs():
        if status.state in ACTIVE:
            service.admin_cancel(status.job_id)
    end = time.monotonic() + 30.0   # the next test gets every worker free
    while any(s.state in ACTIVE for s in service.admin_jobs()) and time.monotonic() < end:
        time.sleep(0.05)
