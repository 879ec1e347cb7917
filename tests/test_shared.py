"""cnnlab.ui.shared: results computed once for the whole class, keys for images and models, the app's torch threads."""
from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest
import torch
from PIL import Image

from cnnlab.ui import shared

ROOT = Path(__file__).resolve().parents[1]


def test_many_students_asking_for_one_result_get_one_computation():
    key = ("test", uuid.uuid4().hex)
    calls, start = [], threading.Barrier(8)

    def compute(progress):
        calls.append(1)
        progress(0.5)
        time.sleep(0.2)
        return object()

    got: list[object] = []

    def student() -> None:
        start.wait()
        got.append(shared.result(key, compute))

    threads = [threading.Thread(target=student) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert len(calls) == 1 and len(got) == 8 and all(value is got[0] for value in got)
    assert shared.result(key, compute) is got[0] and len(calls) == 1          # finished: served from the store


def test_a_waiting_student_sees_the_progress_and_a_failure_is_not_kept():
    key = ("test", uuid.uuid4().hex)
    seen: list[float] = []

    def slow(progress):
        progress(0.25)
        time.sleep(0.3)
        return 7

    assert shared.result(key, slow, progress=seen.append, poll=0.02) == 7
    assert seen and set(seen) <= {0.0, 0.25} and seen[-1] == 0.25

    failing = ("test", uuid.uuid4().hex)
    tries = []

    def broken(progress):
        tries.append(1)
        raise ValueError("no")

    for _ in range(2):
        with pytest.raises(ValueError, match="no"):
            shared.result(failing, broken)
    assert len(tries) == 2                                                   # the next rerun tries again


def test_image_keys_follow_the_pixels_and_object_keys_the_object():
    a = Image.new("RGB", (8, 8), (10, 20, 30))
    b = Image.new("RGB", (8, 8), (10, 20, 30))
    c = Image.new("RGB", (8, 8), (10, 20, 31))
    assert shared.image_key(a) == shared.image_key(b) != shared.image_key(c)
    m1, m2 = torch.nn.Linear(2, 2), torch.nn.Linear(2, 2)
    assert shared.object_key(m1) == shared.object_key(m1) != shared.object_key(m2)


@pytest.mark.parametrize(("value", "threads"), [(None, 1), ("3", 3), ("0", 1), ("-2", 1), ("many", 1)])
def test_the_app_gives_each_torch_operation_one_thread_unless_told(monkeypatch, value, threads):
    if value is None:
        monkeypatch.delenv("CNNLAB_UI_THREADS", raising=False)
    else:
        monkeypatch.setenv("CNNLAB_UI_THREADS", value)
    assert shared.ui_threads() == threads


def test_importing_the_ui_outside_a_server_leaves_torch_threads_alone():
    # a script or a test importing cnnlab.ui keeps torch's threads (OMP_NUM_THREADS=2 here); only a server sets them
    code = "import torch; import cnnlab.ui; print(torch.get_num_threads())"
    env = {k: v for k, v in os.environ.items() if k != "CNNLAB_UI_THREADS"} | {"OMP_NUM_THREADS": "2"}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split()[-1] == "2"
