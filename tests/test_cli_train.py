"""`python -m cnnlab train`: the JSON contract of issue 4, progress on stderr, bad input → exit 2 and one line."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cnnlab import cli

ROOT = Path(__file__).resolve().parents[1]
EPOCH_KEYS = {"epoch", "train_loss", "train_acc", "test_loss", "test_acc", "seconds"}


def run_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cnnlab", "train", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, env={**os.environ, "CNNLAB_DATA": str(ROOT / "no-such-data"), **(env or {})})


def test_json_output_matches_the_contract_and_progress_goes_to_stderr():
    proc = run_cli("lenet5_modern", "--dataset", "mnist10k", "--epochs", "2", "--batch-size", "64", "--lr", "0.004",
                   "--device", "cpu", "--seed", "3", "--subset", "512", "--json")
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)   # stdout is exactly one JSON object
    assert set(result) == {"model", "dataset", "device", "epochs", "final_test_acc", "seconds", "images_per_second"}
    assert (result["model"], result["dataset"], result["device"]) == ("lenet5_modern", "mnist10k", "cpu")
    assert [e["epoch"] for e in result["epochs"]] == [1, 2]
    assert all(set(e) == EPOCH_KEYS for e in result["epochs"])
    assert all(0 <= e[k] <= 1 for e in result["epochs"] for k in ("train_acc", "test_acc"))
    assert result["final_test_acc"] == result["epochs"][-1]["test_acc"] > 0.3    # chance is 0.1
    assert result["seconds"] >= sum(e["seconds"] for e in result["epochs"]) * 0.99
    assert result["images_per_second"] > 0
    assert "epoch 1/2" in proc.stderr and "100%" in proc.stderr and "Traceback" not in proc.stderr


def test_text_output_is_one_summary_line(capsys):
    status = cli.main(["train", "lenet5", "--epochs", "1", "--subset", "256", "--device", "cpu"])
    out = capsys.readouterr().out
    assert status == 0 and out.count("\n") == 1
    assert out.startswith("lenet5 on mnist10k (cpu): test accuracy ")


@pytest.mark.parametrize("args, words", [
    (["nosuchnet"], "unknown model"),
    (["lenet5", "--dataset", "cifar10"], "download=True"),
    (["lenet5", "--dataset", "imagenet"], "unknown dataset"),
    (["lenet5", "--epochs", "0"], "at least 1"),
    (["lenet5", "--batch-size", "-4"], "at least 1"),
    (["lenet5", "--lr", "-1"], "learning rate"),
    (["lenet5", "--device", "tpu"], "device"),
    (["lenet5", "--epochs", "many"], "invalid int value"),
    (["lenet5", "--optimizer", "rmsprop"], "invalid choice"),
])
def test_bad_arguments_exit_2_with_one_line_and_no_traceback(args, words, capsys):
    with pytest.raises(SystemExit) if words.startswith("invalid") else _no_raise() as exit_info:
        status = cli.main(["train", *args])
    if exit_info is not None and hasattr(exit_info, "value"):
        status = exit_info.value.code
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.strip() and "%]" not in line]
    assert status == 2 and len(lines) == 1 and words in lines[0] and "Traceback" not in err


def test_a_diverging_learning_rate_is_a_one_line_error():
    proc = run_cli("lenet5_modern", "--lr", "10", "--epochs", "1", "--subset", "512", "--device", "cpu", "--json")
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.strip().splitlines()[-1].startswith("cnnlab train: error: training diverged")


class _no_raise:
    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return False
