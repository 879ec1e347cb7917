#!/usr/bin/env python
"""Write deploy/haproxy.cfg (the proxy of compose.yaml) from cnnlab.serve, the one place HAProxy's config is made.

    python scripts/write_compose_haproxy.py          # then commit deploy/haproxy.cfg (a test compares them)
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cnnlab.serve import compose_haproxy_config  # noqa: E402

if __name__ == "__main__":
    target = ROOT / "deploy" / "haproxy.cfg"
    target.write_text(compose_haproxy_config())
    print(f"wrote {target.relative_to(ROOT)}")
