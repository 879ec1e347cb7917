"""`python -m cnnlab` as a student runs it: summary and train — the JSON contracts, the table, one-line errors.

The commands run in this process (``cli.main``); two smoke tests start a real ``python -m cnnlab``.
"""
from __future__ import annotations

import json

import pytest
from clitest import assert_one_line_error, run_main, run_process

LAYER_KEYS = {"name", "type", "output_shape", "params", "macs"}
TOP_KEYS = {"model", "input", "layers", "total_params", "total_macs", "output_shape"}
EPOCH_KEYS = {"epoch", "train_loss", "train_acc", "test_loss", "test_acc", "seconds"}


def summary_json(capsys, *args: str) -> dict:
    ran = run_main(capsys, "summary", *args, "--json")
    assert ran.status == 0, ran.err
    payload = json.loads(ran.out)  # the whole stdout is exactly one JSON object
    assert isinstance(payload, dict)
    assert TOP_KEYS <= payload.keys()
    assert all(LAYER_KEYS <= row.keys() for row in payload["layers"])
    return payload


# ---------------------------------------------------------------- a real process
def test_help_is_fast_because_torch_is_not_imported():
    check = ("import sys, cnnlab.cli\ntry:\n    cnnlab.cli.main(['--help'])\nexcept SystemExit as e:\n"
             "    assert e.code == 0\nsys.exit('torch' in sys.modules)")
    ran = run_process("-c", check)
    assert ran.status == 0, ran.err
    assert "summary" in ran.out and "train" in ran.out and "degradation" in ran.out


def test_a_real_process_exits_2_with_one_line_for_an_impossible_layer():
    ran = run_process("summary", "--spec", "relu | conv 16 k=7", "--input", "3,4,4")
    assert_one_line_error(ran, "layer 2 (conv 16 k=7): kernel 7 is larger than the padded input 4×4 — lower k or "
                               "add padding")


# ---------------------------------------------------------------- summary
def test_spec_json_follows_the_contract_with_the_lesson_bottleneck_numbers(capsys):
    payload = summary_json(capsys, "--spec", "conv 16 k=1 | relu | conv 32 k=5 p=same", "--input", "192,28,28")
    assert payload["input"] == [192, 28, 28]
    assert payload["output_shape"] == [32, 28, 28]
    assert payload["total_macs"] == 2_408_448 + 10_035_200 == 12_443_648
    assert payload["total_params"] == (192 * 16 + 16) + (16 * 32 * 25 + 32)
    assert [row["macs"] for row in payload["layers"] if row["macs"]] == [2_408_448, 10_035_200]
    assert payload["spec"] == "conv 16 k=1 | relu | conv 32 k=5 p=same"


def test_spec_table_is_aligned_with_totals_and_the_mac_convention(capsys):
    ran = run_main(capsys, "summary", "--spec", "conv 10 k=5 p=2", "--input", "3,32,32")
    assert ran.status == 0, ran.err
    lines = ran.out.splitlines()
    assert lines[0] == "spec — input 3×32×32"
    row = next(line for line in lines if line.lstrip().startswith("0 "))
    assert row.split()[1:] == ["Conv2d", "10×32×32", "760", "768,000", "5×5"]   # (5·5·3 + 1)·10 = 760
    assert "Total parameters: 760" in ran.out and "FLOPs" in ran.out and "MAC" in ran.out


def test_cnnlab_model_json_has_the_lesson_parameter_count(capsys):
    payload = summary_json(capsys, "alexnet")
    assert payload["input"] == [3, 224, 224]
    assert payload["total_params"] == 61_100_840
    assert payload["output_shape"] == [1000]


def test_cnnlab_model_takes_input_and_classes(capsys):
    payload = summary_json(capsys, "resnet20", "--input", "3,32,32", "--classes", "7")
    assert payload["input"] == [3, 32, 32]
    assert payload["output_shape"] == [7]


def test_torchvision_model_json_matches_torchvision_published_counts(capsys):
    payload = summary_json(capsys, "torchvision:resnet18")
    assert payload["total_params"] == 11_689_512
    assert round(payload["total_macs"] / 1e9, 2) == 1.81  # torchvision's docs: 1.81 GFLOPS (really MACs)
    assert payload["model"] == "torchvision:resnet18"


@pytest.mark.parametrize("args, needles", [
    (["vgg61"], ["unknown model 'vgg61'", "vgg16"]),
    (["torchvision:resnt18"], ["torchvision:resnet18"]),
    (["--spec", "conv", "--input", "3,8,8"], ["layer 1 (conv)"]),
    (["--spec", "conv 4"], ["--input"]),
    (["--spec", "conv 4", "--input", "3,x,8"], ["--input", "C,H,W"]),
    (["torchvision:vgg11", "--input", "3,16,16"], ["torchvision:vgg11"]),
    (["torchvision:resnet18", "--input", "1,64,64"], ["3 input channels"]),
    (["alexnet", "--classes", "0"], ["--classes"]),
    (["alexnet", "--spec", "relu"], ["either"]),
    ([], ["either"]),
    (["--bogus"], ["--bogus"]),
])
def test_bad_summary_input_exits_2_with_one_line_and_no_traceback(args, needles, capsys):
    assert_one_line_error(run_main(capsys, "summary", *args), *needles)


def test_no_command_exits_2_with_one_line(capsys):
    assert_one_line_error(run_main(capsys), "summary")


# ---------------------------------------------------------------- train
def test_train_json_matches_the_contract_and_progress_goes_to_stderr(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("CNNLAB_DATA", str(tmp_path))
    ran = run_main(capsys, "train", "lenet5_modern", "--dataset", "mnist10k", "--epochs", "2", "--batch-size", "64",
                   "--lr", "0.004", "--device", "cpu", "--seed", "3", "--subset", "512", "--json")
    assert ran.status == 0, ran.err
    result = json.loads(ran.out)   # stdout is exactly one JSON object
    assert set(result) == {"model", "dataset", "device", "epochs", "final_test_acc", "seconds", "images_per_second"}
    assert (result["model"], result["dataset"], result["device"]) == ("lenet5_modern", "mnist10k", "cpu")
    assert [e["epoch"] for e in result["epochs"]] == [1, 2]
    assert all(set(e) == EPOCH_KEYS for e in result["epochs"])
    assert all(0 <= e[k] <= 1 for e in result["epochs"] for k in ("train_acc", "test_acc"))
    assert result["final_test_acc"] == result["epochs"][-1]["test_acc"] > 0.3    # chance is 0.1
    assert result["seconds"] >= sum(e["seconds"] for e in result["epochs"]) * 0.99
    assert result["images_per_second"] > 0
    assert "epoch 1/2" in ran.err and "100%" in ran.err and "Traceback" not in ran.err


def test_train_text_output_is_one_summary_line(capsys):
    ran = run_main(capsys, "train", "lenet5", "--epochs", "1", "--subset", "256", "--device", "cpu")
    assert ran.status == 0 and ran.out.count("\n") == 1
    assert ran.out.startswith("lenet5 on mnist10k (cpu): test accuracy ")


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
def test_bad_train_arguments_exit_2_with_one_line_and_no_traceback(args, words, capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("CNNLAB_DATA", str(tmp_path / "no-such-data"))
    assert_one_line_error(run_main(capsys, "train", *args), words)


def test_a_diverging_learning_rate_is_a_one_line_error(capsys):
    ran = run_main(capsys, "train", "lenet5_modern", "--lr", "10", "--epochs", "1", "--subset", "512", "--device",
                   "cpu", "--json")
    assert ran.status == 2 and ran.out == ""
    assert ran.err.strip().splitlines()[-1].startswith("cnnlab train: error: training diverged")
