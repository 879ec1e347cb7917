"""Shared test settings: hypothesis profile and a repo-root import path."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# Torch layers run on tiny tensors here; wall-clock deadlines would only measure the machine's load.
settings.register_profile(
    "cnnlab",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=os.environ.get("CI") == "true",
)
settings.load_profile("cnnlab")
