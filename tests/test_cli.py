"""`python -m cnnlab summary` as a student runs it: the JSON contract, the table, and one-line errors."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LAYER_KEYS = {"name", "type", "output_shape", "params", "macs"}
TOP_KEYS = {"model", "input", "layers", "total_params", "total_macs", "output_shape"}


def cnnlab(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "CNNLAB_DEBUG"} | {"PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "cnnlab", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300)


def summary_json(*args: str) -> dict:
    result = cnnlab("summary", *args, "--json")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)  # the whole stdout is exactly one JSON object
    assert isinstance(payload, dict)
    assert TOP_KEYS <= payload.keys()
    assert all(LAYER_KEYS <= row.keys() for row in payload["layers"])
    return payload


def assert_one_line_error(result: subprocess.CompletedProcess, *needles: str) -> None:
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    for needle in needles:
        assert needle in result.stderr


def test_help_is_fast_because_torch_is_not_imported():
    check = "import sys, cnnlab.cli; sys.exit('torch' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", check], cwd=ROOT).returncode == 0
    result = cnnlab("--help")
    assert result.returncode == 0 and "summary" in result.stdout


def test_spec_json_follows_the_contract_with_the_lesson_bottleneck_numbers():
    payload = summary_json("--spec", "conv 16 k=1 | relu | conv 32 k=5 p=same", "--input", "192,28,28")
    assert payload["input"] == [192, 28, 28]
    assert payload["output_shape"] == [32, 28, 28]
    assert payload["total_macs"] == 2_408_448 + 10_035_200 == 12_443_648
    assert payload["total_params"] == (192 * 16 + 16) + (16 * 32 * 25 + 32)
    assert [row["macs"] for row in payload["layers"] if row["macs"]] == [2_408_448, 10_035_200]


def test_spec_table_is_aligned_with_totals_and_the_mac_convention():
    result = cnnlab("summary", "--spec", "conv 10 k=5 p=2", "--input", "3,32,32")
    assert result.returncode == 0, result.stderr
    assert "760" in result.stdout
    assert "FLOPs" in result.stdout and "MAC" in result.stdout


def test_cnnlab_model_json_has_the_lesson_parameter_count():
    payload = summary_json("alexnet")
    assert payload["input"] == [3, 224, 224]
    assert payload["total_params"] == 61_100_840
    assert payload["output_shape"] == [1000]


def test_cnnlab_model_takes_input_and_classes():
    payload = summary_json("resnet20", "--input", "3,32,32", "--classes", "7")
    assert payload["input"] == [3, 32, 32]
    assert payload["output_shape"] == [7]


def test_torchvision_model_json_matches_torchvision_published_counts():
    payload = summary_json("torchvision:resnet18")
    assert payload["total_params"] == 11_689_512
    assert round(payload["total_macs"] / 1e9, 2) == 1.81  # torchvision's docs: 1.81 GFLOPS (really MACs)
    assert payload["model"] == "torchvision:resnet18"


@pytest.mark.parametrize("args, needles", [
    (["vgg61"], ["unknown model 'vgg61'", "vgg16"]),
    (["torchvision:resnt18"], ["torchvision:resnet18"]),
    (["--spec", "conv", "--input", "3,8,8"], ["layer 1 (conv)"]),
    (["--spec", "relu | conv 16 k=7", "--input", "3,4,4"],
     ["layer 2 (conv 16 k=7): kernel 7 is larger than the padded input 4×4 — lower k or add padding"]),
    (["--spec", "conv 4"], ["--input"]),
    (["--spec", "conv 4", "--input", "3,x,8"], ["--input", "C,H,W"]),
    (["torchvision:vgg11", "--input", "3,16,16"], ["torchvision:vgg11"]),
    (["torchvision:resnet18", "--input", "1,64,64"], ["3 input channels"]),
    (["alexnet", "--classes", "0"], ["--classes"]),
    (["alexnet", "--spec", "relu"], ["either"]),
    ([], ["either"]),
    (["--bogus"], ["--bogus"]),
])
def test_bad_input_exits_2_with_one_line_and_no_traceback(args, needles):
    assert_one_line_error(cnnlab("summary", *args), *needles)


def test_no_command_exits_2_with_one_line():
    assert_one_line_error(cnnlab(), "summary")
