"""cnnlab.explorer (diagram graph, layout, summary rows, table <-> spec) and the architecture figures."""
from __future__ import annotations

import pytest
import torch
import torchvision
from torch import nn

from cnnlab.explorer import (
    DEFAULT_INPUT,
    DEFAULT_SPEC,
    layer_row,
    layout,
    network_graph,
    row_text,
    spec_text,
)
from cnnlab.spec import build_spec, parse_spec


def _meta(builder, **kw) -> nn.Module:
    # The diagram needs the structure only: no weights, no memory.
    with torch.device("meta"):
        return builder(**kw)


@pytest.fixture(scope="module")
def googlenet() -> nn.Module:
    return _meta(torchvision.models.googlenet, aux_logits=True, init_weights=False)


def _torch_shapes(model: nn.Module, input_size: tuple[int, int, int]) -> dict[str, list[tuple[int, ...]]]:
    """Output shape of every leaf module, captured with forward hooks on a meta tensor (torch's own answer)."""
    shapes: dict[str, list[tuple[int, ...]]] = {}
    handles = []
    for name, m in model.named_modules():
        if not list(m.children()):
            handles.append(m.register_forward_hook(
                lambda mod, i, o, name=name: shapes.setdefault(name, []).append(tuple(o.shape[1:]))))
    model.eval()
    with torch.no_grad():
        model(torch.zeros(1, *input_size, device="meta"))
    for h in handles:
        h.remove()
    return shapes


@pytest.mark.parametrize(
    "builder, kwargs, depth",
    [
        (torchvision.models.vgg16, {}, 16),  # 13 conv + 3 FC
        (torchvision.models.alexnet, {}, 8),  # 5 conv + 3 FC
        (torchvision.models.resnet18, {}, 18),  # projection shortcuts are off the longest path
        (torchvision.models.resnet50, {}, 50),
        (torchvision.models.googlenet, {"aux_logits": True, "init_weights": False}, 22),  # the paper's "22 layers"
    ],
)
def test_depth_counts_weight_layers_on_the_longest_path_like_the_papers(builder, kwargs, depth):
    assert network_graph(_meta(builder, **kwargs)).depth == depth


def test_resnet_skip_connections_are_adds_before_the_last_relu():
    graph = network_graph(_meta(torchvision.models.resnet18))
    adds = [n for n in graph.nodes if n.kind == "add"]
    assert len(adds) == 8  # 2 BasicBlocks in each of 4 stages
    incoming = {n.id: sum(1 for _, d in graph.edges if d == n.id) for n in adds}
    assert set(incoming.values()) == {2}  # main path + shortcut
    assert all(n.extras == ("ReLU",) for n in adds)  # g(z + a): the ReLU comes after the addition
    projections = [n for n in graph.nodes if n.kind == "conv" and n.label.startswith("conv 1×1")]
    assert len(projections) == 3  # W_s where layer2/3/4 halve the size and double the channels
    assert graph.blocks["layer1.0"] == "BasicBlock"


def test_inception_branches_meet_in_a_concat_with_the_summed_channels(googlenet):
    graph = network_graph(googlenet, _torch_shapes(googlenet, (3, 224, 224)))
    concats = [n for n in graph.nodes if n.kind == "concat"]
    assert len(concats) == 9  # inception 3a, 3b, 4a–4e, 5a, 5b
    first = concats[0]
    assert first.block == "inception3a"
    assert sum(1 for _, d in graph.edges if d == first.id) == 4
    # 64 + 128 + 32 + 32 = 256 channels on 28×28 (torch computes the same when it runs the module).
    assert first.shape == (256, 28, 28)
    pos = layout(graph)
    sources = [s for s, d in graph.edges if d == first.id]
    # The four branches end side by side, in four different lanes.
    assert len({round(pos[s].x, 3) for s in sources}) == 4


@pytest.mark.parametrize("builder", [torchvision.models.resnet50, torchvision.models.mobilenet_v2])
def test_layout_never_puts_two_boxes_on_top_of_each_other(builder, googlenet):
    for model in (_meta(builder), googlenet):
        pos = layout(network_graph(model))
        rows: dict[int, list[float]] = {}
        for p in pos.values():
            rows.setdefault(p.rank, []).append(p.x)
        for xs in rows.values():
            xs.sort()
            assert all(b - a >= 1.0 - 1e-9 for a, b in zip(xs, xs[1:]))


def test_every_edge_goes_down_the_page():
    graph = network_graph(_meta(torchvision.models.resnet18))
    pos = layout(graph)
    assert all(pos[s].rank < pos[d].rank for s, d in graph.edges)


def test_a_model_fx_cannot_trace_is_drawn_as_a_chain():
    class Moody(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.conv = nn.Conv2d(1, 4, 3)
            self.relu = nn.ReLU()
            self.fc = nn.Linear(4, 2)

        def forward(self, x):
            if x.sum() > 0:  # data-dependent control flow: torch.fx refuses it
                x = -x
            return self.fc(self.relu(self.conv(x)).mean((2, 3)))

    graph = network_graph(Moody())
    assert not graph.traced
    assert [n.kind for n in graph.nodes] == ["input", "conv", "fc", "output"]
    assert graph.nodes[1].extras == ("ReLU",)
    assert graph.depth == 2


# ---- build-your-own table <-> spec ---------------------------------------------------------


def test_the_default_network_is_lenet5_on_digits_with_61706_parameters():
    model = build_spec(DEFAULT_SPEC, DEFAULT_INPUT)
    assert sum(p.numel() for p in model.parameters()) == 61_706  # CURRICULUM: LeNet-5
    assert tuple(model(torch.zeros(1, *DEFAULT_INPUT)).shape) == (1, 10)


def test_table_rows_round_trip_to_the_same_spec_text():
    rows = [layer_row(spec) for spec in parse_spec(DEFAULT_SPEC)]
    assert spec_text(rows) == DEFAULT_SPEC
    odd = "conv 8 k=3 s=2 p=same d=2 g=2 bias=0 | pool avg k=3 s=1 p=1 | dropout 0.25 | gap | fc 5"
    rows = [layer_row(spec) for spec in parse_spec(odd)]
    assert [s.options for s in parse_spec(spec_text(rows))] == [s.options for s in parse_spec(odd)]


def test_row_text_ignores_columns_the_layer_does_not_use_and_reads_float_cells():
    assert row_text({"layer": "relu", "out": 16.0, "k": 3.0, "p": "same"}) == "relu"
    assert row_text({"layer": "conv", "out": 16.0, "k": 5.0, "s": float("nan"), "p": "2"}) == "conv 16 k=5 p=2"
    assert row_text({"layer": "pool", "mode": None, "k": 3.0, "s": 2.0}) == "pool max k=3 s=2"
    assert row_text({"layer": "dropout", "mode": "0.3"}) == "dropout 0.3"
    assert row_text({"layer": None}) == ""


def test_every_string_the_explorer_pages_use_exists_in_english_and_korean():
    import re
    from pathlib import Path

    from cnnlab.i18n.explorer import STRINGS

    root = Path(__file__).resolve().parents[1]
    used = set()
    for path in ("pages/architectures.py", "pages/build_your_own.py", "cnnlab/figures/architecture.py"):
        used |= set(re.findall(r"""\bt\(\s*["']((?:arch|byo)\.[a-z_]+)["']""", (root / path).read_text()))
    kinds = {"conv", "fc", "pool", "add", "mul", "concat", "input", "output", "other"}
    used |= {f"arch.kind_{k}" for k in kinds}
    assert used - set(STRINGS) == set()
    for key, text in STRINGS.items():
        assert text.get("en") and text.get("ko"), key
        # Same placeholders in both languages, so that .format never fails in one of them.
        assert set(re.findall(r"{(\w+)}", text["en"])) == set(re.findall(r"{(\w+)}", text["ko"])), key


# ---- figures -----------------------------------------------------------------------------


def test_params_chart_shows_vggs_first_fc_layer_in_red_with_three_quarters_of_the_parameters():
    from cnnlab.figures.architecture import HEAVY_COLOUR, params_macs_figure
    from cnnlab.models import build
    from cnnlab.summary import summarize

    with torch.device("meta"):
        model = build("vgg16")
    fig = params_macs_figure(summarize(model, (3, 224, 224)), lang="ko")
    bars = fig.data[0]
    assert sum(bars.y) == sum(p.numel() for p in model.parameters()) == 138_357_544  # every parameter is in a bar
    red = [x for x, c in zip(bars.x, bars.marker.color) if c == HEAVY_COLOUR]
    assert len(red) == 1 and bars.y[list(bars.x).index(red[0])] == 102_764_544  # CURRICULUM: 25,088 → 4,096
    assert "102,764,544" in fig.layout.annotations[-1].text and "74.3" in fig.layout.annotations[-1].text


def test_diagram_figure_draws_skip_arcs_only_where_there_are_adds():
    from cnnlab.figures.architecture import diagram_figure

    def names(builder):
        return {trace.name for trace in diagram_figure(network_graph(_meta(builder))).data}

    assert "skip connection" in names(torchvision.models.resnet18)
    assert "skip connection" not in names(torchvision.models.vgg11)


def test_comparison_figure_puts_both_networks_side_by_side():
    from cnnlab.figures.architecture import comparison_figure

    a = {"title": "VGG-16", "params": 138_357_544, "macs": 15_470_264_320, "depth": 16}
    b = {"title": "ResNet-18", "params": 11_689_512, "macs": 1_814_073_344, "depth": 18}
    fig = comparison_figure(a, b)
    values = {(trace.x[0], trace.xaxis): trace.y[0] for trace in fig.data}
    assert values[("VGG-16", "x")] == 138_357_544 and values[("ResNet-18", "x3")] == 18
