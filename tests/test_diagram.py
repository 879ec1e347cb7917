"""The network diagram: cnnlab.diagram's graph against torch, its layout and its figure; safe beside other threads."""
from __future__ import annotations

import threading

import pytest
import torch
import torchvision
from torch import nn

from cnnlab.diagram import network_graph
from cnnlab.figures.diagram import diagram_figure, layout


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


def test_a_model_that_needs_tensor_values_is_drawn_as_a_chain():
    class Moody(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.conv = nn.Conv2d(1, 4, 3)
            self.relu = nn.ReLU()
            self.fc = nn.Linear(4, 2)

        def forward(self, x):
            if x.sum() > 0:  # data-dependent control flow: a shapes-only pass cannot decide it
                x = -x
            return self.fc(self.relu(self.conv(x)).mean((2, 3)))

    graph = network_graph(Moody())
    assert not graph.traced
    assert [n.kind for n in graph.nodes] == ["input", "conv", "fc", "output"]
    assert graph.nodes[1].extras == ("ReLU",)
    assert graph.depth == 2


def test_diagram_figure_draws_skip_arcs_only_where_there_are_adds():
    def names(builder):
        return {trace.name for trace in diagram_figure(network_graph(_meta(builder))).data}

    assert "skip connection" in names(torchvision.models.resnet18)
    assert "skip connection" not in names(torchvision.models.vgg11)


def test_diagrams_built_while_another_thread_runs_forwards_disturb_nothing():
    # torch.fx.symbolic_trace patched nn.Module.__call__ for the whole process while it traced: a forward pass in
    # another thread (another student) then failed. The diagram now runs a private copy: the real model, running
    # in another thread meanwhile, and other models alike see nothing — same outputs, no error.
    torch.manual_seed(0)
    shared = torchvision.models.resnet18(num_classes=10).eval()   # real weights; also drawn below
    other = torchvision.models.vgg11(num_classes=10).eval()
    x = torch.randn(1, 3, 32, 32)
    with torch.no_grad():
        expected = [shared(x), other(x)]
    errors: list[str] = []
    runs = [0]
    building = threading.Event()
    stop = threading.Event()

    def forwards() -> None:
        while not stop.is_set():
            try:
                with torch.no_grad():
                    outs = [shared(x), other(x)]
                if not all(torch.equal(a, b) for a, b in zip(outs, expected)):
                    errors.append("a forward pass gave another result")
            except Exception as exc:  # noqa: BLE001 - any failure is the finding
                errors.append(repr(exc))
            runs[0] += building.is_set()

    thread = threading.Thread(target=forwards)
    thread.start()
    try:
        building.set()
        graphs = [network_graph(m, input_size=(3, 32, 32)) for m in (shared, _meta(torchvision.models.resnet50))
                  for _ in range(3)]
    finally:
        stop.set()
        thread.join()
    assert errors == []
    assert runs[0] > 0                      # the forwards really ran while the diagrams were built
    assert [g.depth for g in graphs] == [18] * 3 + [50] * 3
    assert graphs[0] == graphs[1] == graphs[2]
    assert not shared.training and not any(m._forward_hooks or m._forward_pre_hooks for m in shared.modules())
