"""Lesson 2, the architecture explorer: cnnlab.architectures and its figures, and the page (AppTest) in en and ko.

Numbers on the page equal what torch counts.
"""
from __future__ import annotations

import json

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
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


# ---------------------------------------------------------------- issue 11: what the explorer teaches, checked
def _text(at: AppTest) -> str:
    from pagetest import visible_texts

    return "\n".join(text for _, text in visible_texts(at))


def _googlenet_torch() -> tuple[int, int, int]:
    """(inference, aux1, aux2) parameters of cnnlab's GoogLeNet, counted by torch module by module."""
    with torch.device("meta"):
        model = build("googlenet")
    aux1, aux2 = (sum(p.numel() for p in m.parameters()) for m in (model.aux1, model.aux2))
    return sum(p.numel() for p in model.parameters()) - aux1 - aux2, aux1, aux2


def test_googlenet_counts_one_inference_the_papers_5x5_and_torchvisions_3x3_variant():
    import torchvision

    from cnnlab.architectures import branch_5x5_extra, param_split

    inference, aux1, aux2 = _googlenet_torch()
    assert inference == 6_998_552  # the number for the paper's 5×5 branch
    with torch.device("meta"):
        model = build("googlenet").eval()  # the explorer counts one inference (meta_model is in eval mode)
        bn = build("googlenet", batch_norm=True, aux_logits=False)
    split = param_split(summarize(model, (3, 224, 224)))
    assert (split.inference, split.training_only) == (inference, (("aux1", aux1), ("aux2", aux2)))
    heavy = heaviest_layer(summarize(model, (3, 224, 224)))
    assert heavy.name == "fc" and not heavy.name.startswith("aux")
    tv = torchvision.models.googlenet(weights=None, aux_logits=False, init_weights=False)
    assert sum(p.numel() for p in bn.parameters()) - branch_5x5_extra(bn) == sum(p.numel() for p in tv.parameters())


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_googlenet_page_headlines_inference_and_shows_the_auxiliary_heads_apart(lang):
    import torchvision

    at = _page(lang, model="googlenet")
    assert_no_exception(at)
    inference, aux1, aux2 = _googlenet_torch()
    assert at.metric[0].label == i18n.t("architectures.params_inference", lang)
    assert _metric(at, 0) == fmt_int(inference)
    heads = f"aux1 ({fmt_int(aux1)}), aux2 ({fmt_int(aux2)})"
    assert any(c.value == i18n.t("architectures.training_only_note", lang, heads=heads, n=fmt_int(aux1 + aux2),
                                 total=fmt_int(inference + aux1 + aux2)) for c in at.caption)
    assert "**fc** (Linear)" in at.markdown[0].value and "aux1" not in at.markdown[0].value
    table = at.dataframe[0].value
    aux_rows = table[table["layer"].str.startswith("aux")]
    assert set(aux_rows["output"]) == {i18n.t("architectures.training_only", lang)}
    assert aux_rows["params"].sum() == aux1 + aux2
    tv = torchvision.models.googlenet(weights=None, aux_logits=False, init_weights=False)
    with torch.device("meta"):
        alexnet = sum(p.numel() for p in build("alexnet").parameters())
    text = _text(at)
    assert i18n.t("architectures.note_googlenet_params", lang, inference=fmt_int(inference),
                  aux=fmt_int(aux1 + aux2), tv=fmt_int(sum(p.numel() for p in tv.parameters()))) in text
    ratio = i18n.t("architectures.note_googlenet_ratio", lang, ratio=f"{alexnet / inference:.1f}",
                   alexnet=fmt_int(alexnet), inference=fmt_int(inference))
    assert ratio in text and "8.7" in ratio and "12" in ratio


def test_comparing_alexnet_with_googlenet_uses_inference_parameters():
    at = _open_tab(_page(model="alexnet", vs="googlenet"), 4)
    assert_no_exception(at)
    inference, _, _ = _googlenet_torch()
    assert list(at.dataframe[-1].value["params"])[1] == inference
    assert any("8.7×" in m.value for m in at.markdown)


@settings(max_examples=60, deadline=None)
@given(n=st.integers(1, 40), out=st.integers(1, 40))
def test_adaptive_windows_are_torchs(n, out):
    from cnnlab.arithmetic import adaptive_window, adaptive_windows

    x = torch.ones(1, 1, n, requires_grad=True)
    y = torch.nn.functional.adaptive_avg_pool1d(x, out)
    windows = []
    for i in range(out):
        (grad,) = torch.autograd.grad(y[0, 0, i], x, retain_graph=True)
        read = grad[0, 0].nonzero().flatten()
        windows.append((int(read.min()), int(read.max()) + 1))
    assert adaptive_windows(n, out) == windows
    kernel, stride = adaptive_window(n, out)
    assert kernel == max(e - s for s, e in windows)
    # the largest step between windows (at least 1: growing a map moves no window further than one cell)
    assert out == 1 or stride == max(1, max(b[0] - a[0] for a, b in zip(windows, windows[1:])))


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_alexnets_receptive_fields_grow_to_195_at_its_last_pool(lang):
    at = _page(lang, model="alexnet", size=224)
    assert_no_exception(at)
    table = at.dataframe[0].value
    with torch.device("meta"):
        windows = [n for n, m in build("alexnet").features.named_children()
                   if isinstance(m, (nn.Conv2d, nn.MaxPool2d, nn.AdaptiveMaxPool2d))]
    rf = dict(zip(table["layer"], table["rf"]))
    # the textbook sequence: conv1 11, pool 19, conv2 51, pool 67, conv3–5 99, 131, 163, the last pool 195
    assert [rf[f"features.{n}"] for n in windows] == [f"{r}×{r}" for r in (11, 19, 51, 67, 99, 131, 163, 195)]
    assert rf["classifier.1"] == i18n.t("architectures.rf_whole", lang)


def test_alexnets_last_pool_at_224_has_exactly_the_papers_3x3_stride_2_windows():
    from cnnlab.arithmetic import adaptive_window, adaptive_windows

    x = torch.randn(1, 1, 13, 13)
    assert torch.equal(nn.AdaptiveMaxPool2d(6)(x), nn.MaxPool2d(3, 2)(x))
    assert adaptive_window(13, 6) == (3, 2) and adaptive_windows(13, 6)[-1] == (10, 13)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_alexnet_explains_224_against_227_and_names_the_56_at_227(lang):
    from cnnlab.architectures import first_conv

    def out(n, p):
        return nn.Conv2d(3, 1, 11, 4, p, device="meta")(torch.zeros(1, 3, n, n, device="meta")).shape[-1]

    assert (first_conv(227, 11, 4, 0).out, first_conv(224, 11, 4, 2).out, first_conv(227, 11, 4, 2).out) == \
        (out(227, 0), out(224, 2), out(227, 2)) == (55, 55, 56)
    assert float(first_conv(224, 11, 4, 0).exact) == (224 - 11) / 4 + 1 == 54.25
    with torch.device("meta"):
        conv1 = build("alexnet").features[0]
    assert (conv1.kernel_size, conv1.stride, conv1.padding) == ((11, 11), (4, 4), (2, 2))
    text = _text(_page(lang, model="alexnet", size=224))
    assert i18n.t("architectures.note_alexnet_input", lang, bad="(224 − 11) / 4 + 1 = 54.25",
                  paper="(227 − 11) / 4 + 1 = 55", ours="(224 + 2·2 − 11) / 4 + 1 = 55.25",
                  floored=f"⌊(224 + 2·2 − 11) / 4⌋ + 1 = {out(224, 2)}") in text
    at = _page(lang, model="alexnet", size=227)
    assert_no_exception(at)
    assert at.dataframe[0].value["output"].iloc[0] == f"64×{out(227, 2)}×{out(227, 2)}"
    assert i18n.t("architectures.note_alexnet_here", lang, n=227, formula="(227 + 2·2 − 11) / 4 + 1 = 56", out=out(227, 2),
                  paper_note=i18n.t("architectures.note_alexnet_227", lang, paper_shape="55×55")) in _text(at)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_alexnet_notes_relu_dropout_overlapping_pools_lrn_and_two_gpus(lang):
    text = _text(_page(lang, model="alexnet"))
    with torch.device("meta"):
        grouped = sum(p.numel() for p in build("alexnet", grouped=True).parameters())
        single = sum(p.numel() for p in build("alexnet").parameters())
    for key in ("note_alexnet_relu", "note_alexnet_pool", "note_alexnet_lrn"):
        assert i18n.t(f"architectures.{key}", lang) in text
    assert i18n.t("architectures.note_alexnet_dropout", lang, p="0.5", scale="2") in text
    assert i18n.t("architectures.note_alexnet_gpus", lang, grouped=fmt_int(grouped), single=fmt_int(single)) in text
    # dropout really is off at test time and scales by 1/(1 − p) in training
    drop = nn.Dropout(0.5)
    x = torch.ones(1000)
    assert torch.equal(drop.eval()(x), x) and set(drop.train()(x).unique().tolist()) <= {0.0, 2.0}


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_vgg_says_padding_1_and_why_only_3x3(lang):
    with torch.device("meta"):
        convs = [m for m in build("vgg16").features if isinstance(m, nn.Conv2d)]
    assert {(m.kernel_size, m.stride, m.padding) for m in convs} == {((3, 3), (1, 1), (1, 1))}
    size = [nn.Conv2d(1, 1, 3, 1, p)(torch.zeros(1, 1, 224, 224)).shape[-1] for p in (1, 2)]
    assert size == [224, 226]
    channels = []
    for m in convs:
        if not channels or channels[-1] != m.out_channels:
            channels.append(m.out_channels)
    text = _text(_page(lang, model="vgg16"))
    assert i18n.t("architectures.note_vgg", lang, same=f"(224 + 2·1 − 3) / 1 + 1 = {size[0]}",
                  wrong=f"(224 + 2·2 − 3) / 1 + 1 = {size[1]}", channels=" → ".join(map(str, channels))) in text
    # two 3×3 = one 5×5 receptive field with 18C² instead of 25C² weights (C = 64, no biases)
    c = 64
    assert 2 * nn.Conv2d(c, c, 3, bias=False).weight.numel() == 18 * c * c
    assert i18n.t("architectures.note_vgg_stack", lang, rf2=5, w5="25C²", w2="18C²", rf3=7, w7="49C²", w3="27C²") in text


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_vggs_fully_connected_layers_hold_the_parameters_not_the_multiply_adds(lang):
    with torch.device("meta"):
        fc_model, gap_model = build("vgg16"), build("vgg16", head="gap")
    params, macs = _torch_counts(fc_model, (3, 224, 224))
    fc = [m for m in fc_model.modules() if isinstance(m, nn.Linear)]
    fc_params = sum(p.numel() for m in fc for p in m.parameters())
    fc_macs = sum(m.in_features * m.out_features for m in fc)
    gap_params, gap_macs = _torch_counts(gap_model, (3, 224, 224))
    assert (format_count(fc_params), format_count(params), f"{100 * fc_macs / macs:.1f}") == \
        ("123.6 M", "138.4 M", "0.8")
    assert format_count(gap_params) == "15.23 M" and gap_macs / macs > 0.99
    for head in ("fc", "gap"):  # the note is the same whichever head is on
        text = _text(_page(lang, model="vgg16", head=head))
        assert i18n.t("architectures.note_vgg_head", lang, fc_params="123.6 M", params="138.4 M",
                      pshare=f"{100 * fc_params / params:.1f}", mshare="0.8", macs=format_count(macs),
                      gap_params=format_count(gap_params), gap_macs=format_count(gap_macs)) in text


def _torch_v1_macs(name: str) -> int:
    """MACs of the ResNet with the paper's stride placement: torch counts a model whose strides were moved."""
    from cnnlab.models import Bottleneck

    with torch.device("meta"):
        model = build(name)
    for m in model.modules():
        if isinstance(m, Bottleneck) and m.conv2.stride == (2, 2):
            m.conv1.stride, m.conv2.stride = (2, 2), (1, 1)
    return _torch_counts(model, (3, 224, 224))[1]


@pytest.mark.parametrize("name, paper", [("resnet50", "3.8 G"), ("resnet101", "7.6 G"), ("resnet152", "11.3 G")])
def test_resnet_macs_are_explained_by_torchvisions_stride_placement(name, paper):
    from cnnlab.architectures import v1_stride_macs

    with torch.device("meta"):
        model = build(name)
    summary = summarize(model, (3, 224, 224))
    v1 = _torch_v1_macs(name)
    assert v1_stride_macs(model, summary) == v1
    macs = _torch_counts(model, (3, 224, 224))[1]
    for lang in ("en", "ko"):
        text = _text(_page(lang, model=name))
        assert i18n.t("architectures.note_resnet_v15", lang, macs=format_count(macs), paper=paper,
                      v1=format_count(v1)) in text
    assert format_count(macs) in ("4.09 G", "7.80 G", "11.51 G")


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_diagram_caption_places_the_addition_as_the_block_does(lang):
    caption = _open_tab(_page(lang, model="resnet20"), 2).caption
    assert any(i18n.t("architectures.diagram_skips_post", lang) in c.value for c in caption)
    caption = _open_tab(_page(lang, model="resnet20", preact="True"), 2).caption
    assert any(i18n.t("architectures.diagram_skips_preact", lang) in c.value for c in caption)
    assert not any(i18n.t("architectures.diagram_skips_post", lang) in c.value for c in caption)
    caption = _open_tab(_page(lang, model="vgg16"), 2).caption
    assert not any("a[l+2]" in c.value for c in caption)
    # the block itself: with pre-activation nothing follows the addition
    from cnnlab.models import BasicBlock, PreActBasicBlock

    x = -torch.ones(1, 4, 5, 5)
    post, pre = BasicBlock(4, 4).eval(), PreActBasicBlock(4, 4).eval()
    for block in (post, pre):
        for p in block.parameters():
            nn.init.zeros_(p)
    assert torch.equal(post(x), torch.zeros_like(x)) and torch.equal(pre(x), x)  # ReLU after the add, or not


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_lenet_shows_h_and_w_shrinking_while_channels_grow(lang):
    with torch.device("meta"):
        model = build("lenet5")
    shapes = [(1, 32, 32)]
    hooks = [m.register_forward_hook(lambda m, i, o: shapes.append(tuple(o.shape[1:])))
             for m in model.features if isinstance(m, (nn.Conv2d, nn.AvgPool2d))]
    model(torch.zeros(1, 1, 32, 32, device="meta"))
    for h in hooks:
        h.remove()
    path = " → ".join("×".join(map(str, s)) for s in shapes)
    assert path == "1×32×32 → 6×28×28 → 6×14×14 → 16×10×10 → 16×5×5"  # the curriculum's LeNet
    assert i18n.t("architectures.note_lenet", lang, path=path) in _text(_page(lang, model="lenet5"))


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_nin_googlenet_resnet_and_cifar_nets_have_their_notes(lang):
    with torch.device("meta"):
        nin_params = sum(p.numel() for p in build("nin").parameters())
        modules = sum(type(m).__name__ == "Inception" for m in build("googlenet").modules())
    assert modules == 9
    assert i18n.t("architectures.note_nin", lang, classes=10, params=fmt_int(nin_params)) in _text(
        _page(lang, model="nin"))
    assert i18n.t("architectures.note_googlenet", lang, modules=modules) in _text(_page(lang, model="googlenet"))
    assert i18n.t("architectures.note_resnet", lang) in _text(_page(lang, model="resnet18"))
    assert i18n.t("architectures.note_cifar", lang) in _text(_page(lang, model="plain20"))


def test_a_fully_connected_layer_is_a_convolution_whose_kernel_is_the_whole_map():
    from cnnlab.architectures import fc_as_conv

    torch.manual_seed(0)
    c, h, w, out = 4, 3, 3, 5
    fc = nn.Linear(c * h * w, out)
    conv = fc_as_conv(fc, (c, h, w))
    x = torch.randn(2, c, h, w)
    torch.testing.assert_close(conv(x).flatten(1), fc(x.flatten(1)))
    wide = torch.randn(1, c, 2 * h, 2 * w)  # on a larger map it slides: the classifier at every position
    grid = conv(wide)
    assert grid.shape == (1, out, h + 1, w + 1)
    for i in range(h + 1):
        for j in range(w + 1):
            crop = wide[:, :, i:i + h, j:j + w].flatten(1)
            torch.testing.assert_close(grid[:, :, i, j], fc(crop))


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_why_pooling_and_the_fc_as_conv_lesson_use_vggs_first_fc_layer(lang):
    with torch.device("meta"):
        fc = build("vgg16").classifier[0]
        wide = nn.Conv2d(512, fc.out_features, 7, device="meta")(torch.zeros(1, 512, 14, 14, device="meta"))
    params = sum(p.numel() for p in fc.parameters())
    params2 = nn.Linear(512 * 14 * 14, fc.out_features, device="meta").weight.numel() + fc.out_features
    text = _text(_page(lang, model="vgg16"))
    example = i18n.t("architectures.why_pooling_example", lang, layer="classifier.0", shape="512×7×7",
                     params=fmt_int(params), wider="512×14×14", params2=fmt_int(params2))
    assert i18n.t("architectures.why_pooling", lang, example=example) in text
    assert i18n.t("architectures.fc_as_conv", lang, layer="classifier.0", shape="512×7×7", out=fmt_int(4096),
                  params=fmt_int(params), wider="512×14×14", pos=wide.shape[-1]) in text
    # a network without a flattened map still explains pooling
    assert i18n.t("architectures.why_pooling", lang, example="") in _text(_page(lang, model="resnet18"))


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_shapes_on_the_explorer_are_labelled_c_h_w(lang):
    from pagetest import visible_texts

    at = _page(lang, model="resnet18")
    assert ("column", i18n.t("architectures.col_output", lang)) in visible_texts(at)
    assert "C×H×W" in i18n.t("architectures.col_output", lang)
    assert at.dataframe[0].value["output"].iloc[0] == "64×112×112"  # conv1: channels first
    compare_text = i18n.t("architectures.compare_same_input", lang, shape="3×224×224", classes=1000)
    assert "C×H×W" in compare_text and compare_text in _text(_open_tab(at, 4))
