"""Shared test settings: hypothesis profile and a repo-root import path."""
from __future__ import annotations

import os
import sys
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
