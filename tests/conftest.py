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

settings.register_profile(
    "cnnlab",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=os.environ.get("CI") == "true",
)
settings.load_profile("cnnlab")


@pytest.fixture
def cached_alexnet(tmp_path):
    """A torch hub cache holding an AlexNet checkpoint under torchvision's file name (random weights: the
    ImageNet-model code paths run offline, without the 233 MB download)."""
    import torch
    import torchvision

    from cnnlab.ui.pretrained import forget_models

    weights = torchvision.models.AlexNet_Weights.DEFAULT
    folder = tmp_path / "checkpoints"
    folder.mkdir()
    torch.save(torchvision.models.alexnet(weights=None).state_dict(), folder / weights.url.rsplit("/", 1)[1])
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
