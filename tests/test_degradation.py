"""Lesson 3, degradation: presets run to the JSON contract, gradients behave as the lesson says, the CLI, the asset,
and the page (AppTest): precomputed curves at once (en, ko), the live re-run, the gradient charts, errors."""
from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
import torch
from clitest import assert_one_line_error, run_main
from pagetest import check_exercise_block, open_page, shown_page, until_job_ends
from torch import nn
from torch.nn import functional as F

from cnnlab import degradation as deg
from cnnlab.data import make_loaders

ROOT = Path(__file__).resolve().parents[1]
TINY = replace(deg.PRESETS["classroom"], depths=(8, 14), epochs=1, subset=256, test_subset=256)


def check_contract(result: dict) -> None:
    """The CLI JSON contract, checked here independently of ``deg.validate_result``."""
    assert {"preset", "device", "seconds", "runs"} <= result.keys()
    assert isinstance(result["preset"], str) and isinstance(result["device"], str)
    assert isinstance(result["seconds"], (int, float)) and result["seconds"] >= 0
    for run in result["runs"]:
        assert {"depth", "residual", "train_error", "test_error"} <= run.keys()
        assert isinstance(run["depth"], int) and isinstance(run["residual"], bool)
        for key in ("train_error", "test_error"):
            assert isinstance(run[key], list) and run[key]
            assert all(isinstance(e, float) and 0.0 <= e <= 1.0 for e in run[key])


def test_tiny_preset_trains_every_twin_and_returns_the_json_contract():
    events = list(deg.run_preset(TINY, device="cpu"))
    done = events[-1]
    assert isinstance(done, deg.PresetDone) and not done.stopped
    result = done.result
    check_contract(result)
    json.loads(json.dumps(result))  # plain JSON, no tensors or tuples-only types
    assert [(r["depth"], r["residual"]) for r in result["runs"]] == [(8, False), (14, False), (8, True), (14, True)]
    assert all(len(r["train_error"]) == 1 and len(r["test_error"]) == 1 for r in result["runs"])
    assert result["device"] == "cpu" and result["preset"] == "classroom"
    fractions = [e.fraction for e in events if isinstance(e, deg.Progress)]
    assert fractions == sorted(fractions) and fractions[-1] == pytest.approx(1.0)
    starts = [e for e in events if isinstance(e, deg.RunStart)]
    assert [(s.depth, s.residual) for s in starts] == [(8, False), (14, False), (8, True), (14, True)]


def test_stop_ends_the_preset_early_with_only_finished_runs():
    calls = iter(range(10**6))
    done = list(deg.run_preset(TINY, device="cpu", should_stop=lambda: next(calls) >= 3))[-1]
    assert isinstance(done, deg.PresetDone) and done.stopped
    # 256 images / batch 128 = 2 steps per run: the 3rd question is the second run's first step
    assert [(r["depth"], r["residual"]) for r in done.result["runs"]] == [(8, False)]


def test_bad_presets_raise_the_domain_error():
    with pytest.raises(deg.DegradationError, match="unknown preset"):
        list(deg.run_preset("huge"))
    with pytest.raises(deg.DegradationError, match="6n\\+2"):
        list(deg.run_preset(replace(TINY, depths=(8, 10))))
    assert issubclass(deg.DegradationError, ValueError)


def test_full_preset_offline_says_how_to_get_cifar10(tmp_path, monkeypatch):
    monkeypatch.setenv("CNNLAB_DATA", str(tmp_path))
    with pytest.raises(deg.DatasetUnavailable, match="CIFAR-10.*download=True"):
        list(deg.run_preset("full", device="cpu"))


def _probe_batch() -> tuple[torch.Tensor, torch.Tensor]:
    loader, _, _ = make_loaders("mnist10k", 128, image_size=16, subset=128, test_subset=1, seed=0)
    return next(iter(loader))


def _autograd_norms(model: nn.Module, x: torch.Tensor, y: torch.Tensor) -> list[float]:
    layers = [m for m in model.modules() if isinstance(m, (nn.Conv2d, nn.Linear))]
    model.train()
    grads = torch.autograd.grad(F.cross_entropy(model(x), y), [m.weight for m in layers])
    return [g.norm().item() for g in grads]


def test_deep_sigmoid_net_gets_vanishing_first_layer_gradients_and_relu_does_not():
    # the expectation, with plain torch: a 12-layer sigmoid MLP's first-layer gradient is orders of magnitude
    # smaller than the same ReLU MLP's (sigmoid' ≤ 0.25 at every layer)
    x, y = _probe_batch()

    def mlp(act: type[nn.Module]) -> nn.Sequential:
        torch.manual_seed(0)
        sizes = [256] + [32] * 11 + [10]
        layers: list[nn.Module] = [nn.Flatten()]
        for i, (a, b) in enumerate(zip(sizes, sizes[1:])):
            layers += [nn.Linear(a, b)] + ([act()] if i < len(sizes) - 2 else [])
        return nn.Sequential(*layers)

    torch_sigmoid, torch_relu = _autograd_norms(mlp(nn.Sigmoid), x, y), _autograd_norms(mlp(nn.ReLU), x, y)
    assert torch_sigmoid[0] < torch_relu[0] / 1000

    lesson = deg.activation_gradient_norms(12, width=32)
    assert len(lesson["sigmoid"]) == len(lesson["relu"]) == 12
    assert lesson["sigmoid"][0] < lesson["relu"][0] / 1000
    # and the lesson's numbers are torch's own gradients of its nets
    for act in ("sigmoid", "relu"):
        torch.manual_seed(0)
        model = deg.deep_stack(12, act, width=32, in_features=256)
        assert lesson[act] == pytest.approx(_autograd_norms(model, x, y), rel=1e-4)


def test_plain_and_residual_gradient_norms_cover_every_weight_layer_and_match_autograd():
    from cnnlab.models import cifar_resnet

    depth = 14
    norms = deg.layer_gradient_norms(depth)
    # a 6n+2-layer CIFAR net has exactly 6n+2 weight layers (the paper's count); option-A shortcuts add none
    assert len(norms["plain"]) == len(norms["residual"]) == depth
    x, y = _probe_batch()
    for residual in (False, True):
        torch.manual_seed(0)
        model = cifar_resnet(depth, residual=residual, widths=(8, 16, 32), shortcut="A", in_channels=1)
        expected = _autograd_norms(model, x, y)
        assert norms["residual" if residual else "plain"] == pytest.approx(expected, rel=1e-3)
    assert all(v > 1e-3 for v in norms["residual"])   # the identity path keeps every gradient alive


def test_cli_json_is_one_object_matching_the_contract_with_progress_on_stderr(capsys):
    ran = run_main(capsys, "degradation", "--tiny", "--device", "cpu", "--json")
    assert ran.status == 0, ran.err
    result = json.loads(ran.out)
    check_contract(result)
    assert result["preset"] == "classroom" and result["device"] == "cpu"
    assert set(result) == {"preset", "device", "seconds", "runs"}   # exactly the contract
    assert all(set(r) == {"depth", "residual", "train_error", "test_error"} for r in result["runs"])
    assert len(result["runs"]) == 4
    assert "%" in ran.err and "residual-8" in ran.err


def test_cli_table_lists_each_depth_with_its_final_errors(capsys, monkeypatch):
    # The shipped classroom result, replayed through the command (its training is the JSON test's above).
    result = deg.load_precomputed("classroom")
    monkeypatch.setattr(deg, "run_preset", lambda preset, device="auto": iter([deg.PresetDone(result)]))
    ran = run_main(capsys, "degradation")
    assert ran.status == 0, ran.err
    lines = ran.out.splitlines()
    assert lines[0].startswith(f"degradation preset 'classroom' on {result['device']}")
    final = final_errors()
    depths = sorted({d for d, _ in final})
    rows = [line.split() for line in lines[2:2 + len(depths)]]
    assert [int(row[0]) for row in rows] == depths
    assert [row[1:3] for row in rows] == [[f"{final[(d, False)]:.2%}", f"{final[(d, True)]:.2%}"] for d in depths]
    ratio = final[(depths[-1], False)] / final[(depths[0], False)]
    assert lines[-1].startswith(f"deepest plain / shallowest plain training error: {ratio:.1f}×")


@pytest.mark.parametrize("args, needle", [
    (["--preset", "huge"], "invalid choice"),
    (["--device", "quantum"], "unknown device"),
    (["--epochs", "3"], "unrecognized arguments"),
    (["--preset", "full", "--device", "cpu"], "CIFAR-10"),
])
def test_cli_bad_arguments_exit_2_with_one_line(args, needle, capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("CNNLAB_DATA", str(tmp_path))
    assert_one_line_error(run_main(capsys, "degradation", *args), needle)


def test_precomputed_classroom_asset_matches_the_contract_and_shows_degradation():
    path = ROOT / "assets" / "degradation" / "classroom.json"
    result = json.loads(path.read_text(encoding="utf-8"))
    check_contract(result)
    final = {(r["depth"], r["residual"]): r["train_error"][-1] for r in result["runs"]}
    depths = sorted({d for d, _ in final})
    assert set(final) == {(d, res) for d in depths for res in (False, True)} and len(depths) >= 3
    lo, hi = depths[0], depths[-1]
    assert final[(hi, False)] >= 2 * final[(lo, False)]        # deeper plain net: worse training error
    assert final[(hi, True)] <= final[(lo, True)] + 0.01        # deeper residual net: no worse
    assert result["seconds"] <= 90
    assert deg.load_precomputed("classroom") == result


def test_precomputed_gradient_asset_shows_vanishing_sigmoid_gradients():
    data = deg.load_gradient_lesson()
    assert data is not None
    acts = data["activations"]
    assert acts["sigmoid"][0] < acts["relu"][0] / 1000
    assert len(data["init"]["plain"]) == len(data["init"]["residual"]) == data["depth"]


def test_gradient_norms_after_training_steps_differ_from_initialisation():
    init = deg.layer_gradient_norms(8)
    trained = deg.layer_gradient_norms(8, train_steps=3)
    for kind in ("plain", "residual"):
        assert len(trained[kind]) == len(init[kind]) == 8
        assert trained[kind] != pytest.approx(init[kind], rel=1e-3)   # the weights moved, so did the gradients


def test_error_figure_puts_plain_left_residual_right_with_one_colour_per_depth():
    from cnnlab.figures.degradation import error_curves_figure

    result = {"preset": "x", "device": "cpu", "seconds": 1.0, "runs": [
        {"depth": d, "residual": r, "train_error": [0.5, e], "test_error": [0.5, e]}
        for d, e in ((8, 0.05), (44, 0.6)) for r in (False, True)]}
    fig = error_curves_figure(result)
    by_side = {(tr.xaxis, tr.legendgroup): tr for tr in fig.data}
    assert set(by_side) == {("x", "8"), ("x", "44"), ("x2", "8"), ("x2", "44")}   # x = plain (left), x2 = residual
    for depth in ("8", "44"):
        assert by_side[("x", depth)].line.color == by_side[("x2", depth)].line.color
    assert by_side[("x", "8")].line.color != by_side[("x", "44")].line.color
    assert list(by_side[("x", "44")].y) == pytest.approx([50.0, 60.0])   # percent


# ---------------------------------------------------------------- the page
def final_errors() -> dict[tuple[int, bool], float]:
    """The shipped asset's final training errors, read here independently of ``deg.final_runs``."""
    result = json.loads((ROOT / "assets" / "degradation" / "classroom.json").read_text(encoding="utf-8"))
    return {(r["depth"], r["residual"]): r["train_error"][-1] for r in result["runs"]}


@pytest.mark.parametrize("lang, plain_word, ratio_word", [("en", "Plain", "×"), ("ko", "평형망", "배")])
def test_page_shows_precomputed_curves_table_and_gradients_at_once(lang, plain_word, ratio_word):
    at = shown_page("degradation", lang)
    assert not at.exception
    assert plain_word in at.title[0].value
    charts = at.get("plotly_chart")
    assert len(charts) == 3   # error curves, sigmoid vs ReLU, plain vs residual gradients
    table = at.dataframe[0].value
    final = final_errors()
    depths = sorted({d for d, _ in final})
    assert list(table.iloc[:, 0]) == depths
    # the table shows the asset's numbers (percent with one decimal)
    assert list(table.iloc[:, 1]) == [f"{final[(d, False)]:.1%}" for d in depths]
    assert list(table.iloc[:, 2]) == [f"{final[(d, True)]:.1%}" for d in depths]
    ratio = final[(depths[-1], False)] / final[(depths[0], False)]
    assert any(f"{ratio:.1f}" in i.value and ratio_word in i.value for i in at.info)
    assert not at.warning


def test_widgets_at_their_extremes_render_in_both_languages(tmp_path, monkeypatch):
    monkeypatch.setenv("CNNLAB_DATA", str(tmp_path))
    for lang in ("en", "ko"):
        at = open_page("degradation", lang, timeout=120)
        at.toggle(key="test").set_value(True).run()
        at.radio(key="when").set_value("trained").run()
        assert not at.exception
        curves = json.loads(at.get("plotly_chart")[0].proto.spec)
        assert any(tr.get("line", {}).get("dash") == "dot" for tr in curves["data"])   # test error shown
        at.radio(key="preset").set_value("full").run()
        assert not at.exception and at.info   # no precomputed full results on this machine: a hint, not a crash
        at.button(key="deg_rerun").click().run()
        until_job_ends(at, "degradation.job")
        assert not at.exception
        assert at.error and "CIFAR-10" in at.error[0].value   # offline: says how to get the data
        assert "download=True" in at.error[0].value


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_live_rerun_trains_the_preset_as_a_job_and_replaces_the_curves(lang):
    at = open_page("degradation", lang, timeout=120, state={"degradation.override": replace(TINY, epochs=2)})
    at.button(key="deg_rerun").click().run()
    assert not at.exception and "degradation.job" in at.session_state   # a job: the page did not wait for it
    until_job_ends(at, "degradation.job")
    assert not at.exception
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    xs = {len(tr["x"]) for tr in spec["data"]}
    assert xs == {2}                       # two epochs per curve, as the tiny preset says
    assert len(spec["data"]) == 4          # plain and residual at depths 8 and 14
    assert len(at.dataframe[0].value) == 2
    live = at.session_state["degradation.live"]["classroom"]
    assert not live.get("partial") and len(live["runs"]) == 4
    # the next rerun (e.g. moving a widget) keeps showing this session's live result
    at.toggle(key="test").set_value(True).run()
    assert not at.exception and len(at.dataframe[0].value) == 2


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_page_ends_with_exercises_that_accept_the_answer_hint_a_slip_and_reveal_the_steps(lang):
    check_exercise_block("degradation", lang, seed="class2")


# ---------------------------------------------------------------- issue 11, item 3: what the page claims
# He et al. 2015 (arXiv:1512.03385), Table 6: CIFAR-10 test error (%) of the residual nets.
PAPER_TABLE_6 = {20: 8.75, 32: 7.51, 44: 7.17, 56: 6.97, 110: 6.43, 1202: 7.93}


def test_the_papers_cifar_figures_are_table_6_and_its_schedule_is_about_164_epochs():
    assert deg.PAPER_RESNET_TEST_ERROR == PAPER_TABLE_6
    assert deg.paper_epochs() == pytest.approx(64_000 * 128 / 50_000)       # 163.84 passes over 50k images
    assert deg.PAPER_SETUP.shape == (3, 32, 32) and deg.PAPER_SETUP.widths == (16, 32, 64)


def test_preset_setup_counts_the_steps_the_real_loader_takes():
    preset = deg.PRESETS["classroom"]
    loader, _, info = make_loaders(preset.dataset, preset.batch_size, image_size=preset.image_size,
                                   subset=preset.subset, test_subset=1)
    setup = deg.preset_setup("classroom")
    assert setup.steps == preset.epochs * len(loader)
    assert setup.images == len(loader.labels) and setup.shape == tuple(info.input_size)
    assert not setup.augmented and setup.depths == (8, 20, 44)


def test_input_gradient_ratio_is_first_over_last_layer():
    assert deg.input_gradient_ratio([8.0, 1.0, 2.0]) == 4.0
    assert deg.input_gradient_ratio([1.0, 4.0]) == 0.25


def _texts(at) -> str:
    from pagetest import visible_texts

    return "\n".join(v for _, v in visible_texts(at)) + "\n".join(c.value for c in at.code)


def _table_cells(at) -> list[str]:
    cells = []
    for frame in [*at.dataframe, *at.table]:
        value = frame.value
        cells += [str(c) for c in value.columns] + [str(v) for col in value.columns for v in value[col]]
    return cells


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_page_states_relu_after_the_sum_the_identity_argument_and_its_limit(lang):
    at = shown_page("degradation", lang)
    assert not at.exception
    text = _texts(at)
    assert "ReLU(F(x) + x)" in text
    assert "a[l+2] = g(a[l]) = a[l]" in text and "a[l] ≥ 0" in text              # the notes' identity argument
    assert "7.93" in text and "6.43" in text and "1202" in text                   # more depth *can* be worse
    for claim in ("just as the ResNet paper reports", "cannot make the network worse", "논문이 보고한 그대로",
                  "나빠지지 않습니다", "F(x) + x를 출력"):
        assert claim not in text


@pytest.mark.parametrize("lang, ours", [("en", "our measurement"), ("ko", "우리가 잰 결과")])
def test_gradient_growth_is_called_this_apps_measurement_with_its_measured_ratio(lang, ours):
    from cnnlab.figures.degradation import times_text
    from cnnlab.ui.degradation import gradient_data

    at = shown_page("degradation", lang)
    plain = gradient_data()["init"]["plain"]
    ratio = plain[0] / plain[-1]
    assert ratio > 1                                   # the shipped measurement: larger gradients near the input
    text = next(m.value for m in at.markdown if times_text(ratio) in m.value and ours in m.value)
    assert "ResNet" in text


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_papers_cifar_results_stand_beside_the_run_with_what_differs(lang):
    at = shown_page("degradation", lang)
    cells = _table_cells(at)
    for depth, error in PAPER_TABLE_6.items():
        assert str(depth) in cells and f"{error:.2f}" in cells
    assert "3×32×32" in cells and "1×16×16" in cells                              # C×H×W, paper vs classroom
    assert "8/20/44" in " ".join(cells) and "16/32/64" in cells and "8/16/32" in cells
    steps = f"{deg.preset_setup('classroom').steps:,}"
    assert any(steps in c and "SGD" not in c for c in cells)                      # the classroom's Adam steps
    assert any("64,000" in c and "164" in c and "SGD" in c for c in cells)        # the paper's schedule
    plain = "56" if lang == "en" else "56층"
    assert any(plain in m.value and "20" in m.value for m in at.markdown)


def _result(res_shallow: float, res_deep: float) -> dict:
    runs = [(8, False, 0.05), (44, False, 0.4), (8, True, res_shallow), (44, True, res_deep)]
    return {"preset": "classroom", "device": "cpu", "seconds": 1.0,
            "runs": [{"depth": d, "residual": r, "train_error": [e], "test_error": [e]} for d, r, e in runs]}


@pytest.mark.parametrize("lang, level_word, lower_word", [("en", "higher, but", "lower."),
                                                           ("ko", "조금 높지만", "더 낮습니다")])
def test_summary_says_the_deep_residual_net_is_slightly_worse_when_it_is(lang, level_word, lower_word):
    at = open_page("degradation", lang, timeout=120, state={"degradation.live": {"classroom": _result(0.050, 0.055)}})
    info = at.info[0].value
    assert "5.5%" in info and "5.0%" in info and level_word in info and lower_word not in info
    at = open_page("degradation", lang, timeout=120, state={"degradation.live": {"classroom": _result(0.05, 0.03)}})
    assert lower_word in at.info[0].value


@pytest.mark.parametrize("lang, dead", [("en", "*dead units*"), ("ko", "*죽은 뉴런*")])
def test_relu_trains_faster_than_sigmoid_and_tanh_and_can_die(lang, dead):
    at = shown_page("degradation", lang)
    text = next(m.value for m in at.markdown if dead in m.value)
    assert "0.25" in text and "tanh" in text and "25 %" in text and "CIFAR-10" in text
    # a dead unit: input negative for every image → output 0 and zero gradient, exactly
    x = torch.randn(64, 4)
    w = torch.zeros(1, 4, requires_grad=True)
    b = torch.tensor([-100.0], requires_grad=True)
    out = F.relu(x @ w.T + b)
    out.sum().backward()
    assert out.abs().sum() == 0 and w.grad.abs().sum() == 0 and b.grad.abs().sum() == 0
