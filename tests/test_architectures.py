"""Lesson 2, the architecture explorer: cnnlab.architectures and its figures, and the page (AppTest) in en and ko.

Numbers on the page equal what torch counts.
"""
from __future__ import annotations

import json

import pytest
import torch
from pagetest import assert_no_exception, check_exercise_block, open_page, open_through_app
from streamlit.testing.v1 import AppTest
from torch import nn

from cnnlab import i18n
from cnnlab.architectures import (NETWORKS, Side, build_call, compare, default_rival, failed_layer, format_count,
                                  heaviest_layer, lesson_options, table_rows)
from cnnlab.arithmetic import fmt_int
from cnnlab.errors import LayerError, Where, term
from cnnlab.models import MODELS, build
from cnnlab.summary import summarize


def test_every_lesson_network_is_a_cnnlab_model_with_its_toggles():
    assert set(NETWORKS) <= set(MODELS)
    assert [k for k, _ in lesson_options(MODELS["vgg16"].options)] == ["batch_norm", "head"]
    assert ("residual", False) in lesson_options(MODELS["plain20"].options)


def test_rows_count_every_parameter_once_and_name_vggs_heaviest_layer():
    with torch.device("meta"):
        model = build("vgg16")
    summary = summarize(model, (3, 224, 224))
    rows = table_rows(summary, "whole input")
    assert sum(r["params"] for r in rows) == sum(p.numel() for p in model.parameters()) == 138_357_544
    heavy = heaviest_layer(summary)
    assert (heavy.name, heavy.params, round(heavy.share, 1)) == ("classifier.0", 25_088 * 4096 + 4096, 74.3)
    assert format_count(summary.total_macs) == "15.47 G" and format_count(999) == "999"


def test_a_comparison_says_which_has_more_parameters_and_spots_the_twins():
    vgg, resnet = Side("VGG-16", 138_357_544, 1, 16), Side("ResNet-18", 11_689_512, 1, 18)
    verdict = compare("vgg16", vgg, "resnet18", resnet)
    assert (verdict.bigger, verdict.smaller, round(verdict.ratio, 1), verdict.same) == (vgg, resnet, 11.8, False)
    plain, res = Side("Plain-20", 5, 1, 20), Side("ResNet-20", 5, 1, 20)
    assert compare("plain20", plain, "resnet20", res).twins and compare("plain20", plain, "resnet20", res).same
    assert default_rival("resnet18", NETWORKS) == "lenet5" and default_rival("vgg16", NETWORKS) == "resnet18"
    assert build_call("vgg16", (("head", "gap"), ("num_classes", 1000)), MODELS["vgg16"].options) == \
        "cnnlab.models.build('vgg16', head='gap')"


def test_an_engine_error_names_its_layer_as_data():
    error = LayerError("input_too_small", Where(layer="features.5"), input_size=(3, 16, 16), detail=None)
    assert failed_layer(error) == "features.5" and failed_layer(ValueError("x")) is None
    error = LayerError("input_too_small", Where(layer="features.5", layer_type="MaxPool2d"), input_size=(3, 16, 16))
    assert failed_layer(error) == "features.5 (MaxPool2d)"


def _page(lang: str = "en", **params) -> AppTest:
    return open_page("architectures", lang, **params)


def _torch_counts(model: nn.Module, input_size: tuple[int, int, int]) -> tuple[int, int]:
    """(parameters, MACs) as torch itself sees them: numel of the parameters; conv and linear MACs from the
    output shapes of a forward pass on a meta tensor (1 MAC = one multiply-add)."""
    macs = 0

    def hook(module, inputs, output):
        nonlocal macs
        if isinstance(module, nn.Conv2d):
            kh, kw = module.kernel_size
            macs += output[0].numel() * (module.in_channels // module.groups) * kh * kw
        elif isinstance(module, nn.Linear):
            macs += output[0].numel() * module.in_features

    handles = [m.register_forward_hook(hook) for m in model.modules() if isinstance(m, (nn.Conv2d, nn.Linear))]
    model.eval()
    with torch.no_grad():
        model(torch.zeros(1, *input_size, device="meta"))
    for h in handles:
        h.remove()
    return sum(p.numel() for p in model.parameters()), macs


def _metric(at: AppTest, index: int) -> str:
    return at.metric[index].value


def _exact_macs(at: AppTest) -> str:
    """The exact MAC count from the caption under the metrics (the metric itself shows "15.47 G")."""
    import re

    for caption in at.caption:
        found = re.search(r"([\d,]+) MACs ·|MAC ([\d,]+)회", caption.value)
        if found:
            return found.group(1) or found.group(2)
    raise AssertionError("no exact MAC count on the page")


@pytest.mark.parametrize("lang, title", [("en", "Architecture explorer"), ("ko", "구조 탐색기")])
def test_page_renders_in_both_languages(lang, title):
    at = _page(lang)
    assert_no_exception(at)
    assert at.title[0].value == title
    assert len(at.metric) == 4


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_vgg16_shows_138_million_parameters_and_its_first_fc_layer_holding_three_quarters(lang):
    at = _page(lang, model="vgg16", size=224)
    assert_no_exception(at)
    assert _metric(at, 0) == "138,357,544"  # the lesson's number
    note = at.markdown[0].value
    assert "102,764,544" in note and "74.3 %" in note  # 102,764,544 / 138,357,544


def test_vgg16_macs_are_torchs_count_and_follow_the_input_size_slider():
    at = _page(model="vgg16", size=224)
    with torch.device("meta"):
        model = build("vgg16")
    macs = _torch_counts(model, (3, 224, 224))[1]
    assert _exact_macs(at) == fmt_int(macs)
    assert _metric(at, 1) == f"{macs / 1e9:.2f} G" == "15.47 G"  # the lesson's number
    at.slider(key="size").set_value(112).run()
    assert_no_exception(at)
    assert _exact_macs(at) == fmt_int(_torch_counts(model, (3, 112, 112))[1])


def test_gap_head_removes_most_of_vggs_parameters():
    at = _page(model="vgg16", size=224)
    at.selectbox(key="head").set_value("gap").run()
    assert_no_exception(at)
    with torch.device("meta"):
        params, _ = _torch_counts(build("vgg16", head="gap"), (3, 224, 224))
    assert _metric(at, 0) == fmt_int(params)
    assert params < 138_357_544 // 5


def test_channels_and_classes_change_resnet18s_count():
    at = _page(model="resnet18", size=224)
    assert _metric(at, 0) == "11,689,512"  # torchvision's ResNet-18
    at.selectbox(key="c").set_value(1)
    at.number_input(key="classes").set_value(10).run()
    assert_no_exception(at)
    with torch.device("meta"):
        params, _ = _torch_counts(build("resnet18", in_channels=1, num_classes=10), (1, 224, 224))
    assert _metric(at, 0) == fmt_int(params)
    assert _metric(at, 3) == "10"


def test_a_shared_link_opens_resnet50_with_the_torch_counts_and_depth_50():
    at = _page("ko", model="resnet50", size=224)
    assert_no_exception(at)
    with torch.device("meta"):
        params, macs = _torch_counts(build("resnet50"), (3, 224, 224))
    assert (_metric(at, 0), _exact_macs(at), _metric(at, 2)) == (fmt_int(params), fmt_int(macs), "50")


def test_picking_a_network_starts_from_its_usual_input():
    at = _page(model="lenet5")
    at.selectbox(key="model").set_value("alexnet").run()
    assert_no_exception(at)
    assert at.slider(key="size").value == 224
    assert _metric(at, 0) == "61,100,840"  # AlexNet, torchvision layout (the lesson's number)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_an_impossible_input_size_shows_a_message_naming_the_layer_not_an_exception(lang):
    at = _page(lang, model="alexnet", size=16)
    assert_no_exception(at)
    assert at.error, "expected an error box"
    with torch.device("meta"):
        layers = [n for n, m in build("alexnet").named_modules() if n and not list(m.children())]
    assert any(n in at.error[0].value for n in layers)  # it names the layer that breaks
    assert not at.metric


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_failing_layer_is_named_in_the_pages_language_from_the_errors_data(lang, monkeypatch):
    # The engine raises the layer as data (LayerError.layer / .layer_type); the page words it, it parses no text.
    def summarize_too_small(model, input_size, *, name=None):
        raise LayerError("input_too_small", Where(layer="features.5", layer_type="MaxPool2d", model=name),
                         input_size=input_size, detail=term("errors.kernel_too_big", kernel="3", padded="1×1"))

    monkeypatch.setattr("cnnlab.summary.summarize", summarize_too_small)
    at = _page(lang, model="alexnet", size=17)
    assert_no_exception(at)
    message = at.error[0].value
    assert i18n.t("architectures.error_layer", lang, layer="features.5 (MaxPool2d)") in message
    assert i18n.t("architectures.error_title", lang) in message
    assert ("kernel 3 is larger than the padded input 1×1 — try a larger input" if lang == "en"
            else "입력 3×17×17에서는 실행할 수 없습니다: 커널 3이 패딩을 더한 입력 1×1보다 큽니다. 더 큰 입력을 써 보세요.") \
        in message
    assert not at.metric


def _open_tab(at: AppTest, index: int) -> AppTest:
    at.session_state["view"] = at.tabs[index].label
    return at.run()


def test_diagram_draws_skip_connections_for_resnet_and_none_for_the_plain_twin():
    at = _open_tab(_page(model="resnet20"), 2)
    assert_no_exception(at)
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert any(trace.get("name") == "skip connection" for trace in spec["data"])
    at = _open_tab(_page(model="plain20"), 2)
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert not any(trace.get("name") == "skip connection" for trace in spec["data"])


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_chart_code_and_comparison_tabs_render(lang):
    at = _page(lang, model="googlenet", size=224)
    for index in (1, 3):
        _open_tab(at, index)
        assert_no_exception(at)
    assert "class" in at.code[0].value
    at = _open_tab(at, 4)
    assert_no_exception(at)
    table = at.dataframe[-1].value
    with torch.device("meta"):
        vs = sum(p.numel() for p in build("resnet18").parameters())
    assert int(table["params"].iloc[1]) == vs


def test_switching_to_the_plain_twin_turns_the_shortcuts_off():
    at = _page(model="resnet20")
    assert at.toggle(key="residual").value is True
    at.selectbox(key="model").set_value("plain20").run()
    assert_no_exception(at)
    assert at.toggle(key="residual").value is False
    at = _open_tab(at, 2)
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert not any(trace.get("name") == "skip connection" for trace in spec["data"])


def test_page_renders_through_the_apps_navigation_in_korean():
    at = open_through_app("architectures", "ko")
    assert_no_exception(at)
    assert at.title[0].value == "구조 탐색기"


def test_comparing_the_plain_and_residual_twins_shows_equal_parameters():
    at = _open_tab(_page("ko", model="plain56", vs="resnet56"), 4)
    assert_no_exception(at)
    table = at.dataframe[-1].value
    with torch.device("meta"):
        expected = sum(p.numel() for p in build("resnet56").parameters())
    assert list(table["params"]) == [expected, expected]  # option-A shortcuts have no parameters
    assert any("똑같습니다" in m.value for m in at.markdown)


@pytest.mark.parametrize("lang, whole", [("en", "whole input"), ("ko", "입력 전체")])
def test_table_receptive_fields_follow_the_textbook_recursion_and_fc_layers_see_the_whole_input(lang, whole):
    at = _page(lang, model="vgg16")
    assert_no_exception(at)
    table = at.dataframe[0].value
    rf = dict(zip(table["layer"], table["rf"]))
    # r_l = r_{l-1} + (k - 1)·j_{l-1}, j_l = j_{l-1}·s: VGG's 3×3 stride-1 convs and 2×2 stride-2 pools.
    r, j, expected = 1, 1, {}
    for module_name, module in build("vgg16").features.named_children():
        if isinstance(module, (nn.Conv2d, nn.MaxPool2d)):
            k = module.kernel_size if isinstance(module.kernel_size, int) else module.kernel_size[0]
            s = module.stride if isinstance(module.stride, int) else module.stride[0]
            r, j = r + (k - 1) * j, j * s
            expected[f"features.{module_name}"] = f"{r}×{r}"
    assert expected["features.30"] == "212×212"   # VGG-16's last pool: the textbook 212
    for layer, value in expected.items():
        assert rf[layer] == value
    assert rf["classifier.0"] == whole


def test_params_chart_shows_vggs_first_fc_layer_in_red_with_three_quarters_of_the_parameters():
    from cnnlab.figures.architectures import HEAVY_COLOUR, params_macs_figure

    with torch.device("meta"):
        model = build("vgg16")
    fig = params_macs_figure(summarize(model, (3, 224, 224)), lang="ko")
    bars = fig.data[0]
    assert sum(bars.y) == sum(p.numel() for p in model.parameters()) == 138_357_544  # every parameter is in a bar
    red = [x for x, c in zip(bars.x, bars.marker.color) if c == HEAVY_COLOUR]
    assert len(red) == 1 and bars.y[list(bars.x).index(red[0])] == 102_764_544  # 25,088 → 4,096
    assert "102,764,544" in fig.layout.annotations[-1].text and "74.3" in fig.layout.annotations[-1].text


def test_comparison_figure_puts_both_networks_side_by_side():
    from cnnlab.figures.architectures import comparison_figure

    a = Side("VGG-16", 138_357_544, 15_470_264_320, 16)
    b = Side("ResNet-18", 11_689_512, 1_814_073_344, 18)
    fig = comparison_figure(a, b)
    values = {(trace.x[0], trace.xaxis): trace.y[0] for trace in fig.data}
    assert values[("VGG-16", "x")] == 138_357_544 and values[("ResNet-18", "x3")] == 18


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_page_ends_with_exercises_that_accept_the_answer_hint_a_slip_and_reveal_the_steps(lang):
    check_exercise_block("architectures", lang, seed="class11")
