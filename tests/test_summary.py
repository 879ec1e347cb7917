"""cnnlab.summarize is exact: parameters against p.numel(), MACs against an independent hook count on a real
forward pass and against torchvision's published operation counts, shapes against a real forward pass."""
from __future__ import annotations

import math
import warnings

import pytest
import torch
import torchvision
from hypothesis import given, settings
from hypothesis import strategies as st
from torch import nn

from cnnlab.arithmetic import LayerError
from cnnlab.models import build
from cnnlab.summary import summarize

warnings.filterwarnings("ignore", category=FutureWarning)


def reference_macs(model: nn.Module, x: torch.Tensor) -> tuple[int, torch.Tensor]:
    """Independent reference: forward hooks on conv and linear modules during a real CPU forward."""
    total = 0

    def conv_hook(m: nn.Module, inp, out) -> None:
        nonlocal total
        total += out.numel() * (m.in_channels // m.groups) * math.prod(m.kernel_size)

    def linear_hook(m: nn.Module, inp, out) -> None:
        nonlocal total
        total += out.numel() * m.in_features

    handles = []
    for m in model.modules():
        if isinstance(m, (nn.Conv1d, nn.Conv2d, nn.Conv3d)):
            handles.append(m.register_forward_hook(conv_hook))
        elif isinstance(m, nn.Linear):
            handles.append(m.register_forward_hook(linear_hook))
    try:
        with torch.no_grad():
            out = model(x)
    finally:
        for h in handles:
            h.remove()
    return total, out


# torchvision CNNs whose every multiply-add happens in conv/linear modules, small enough for a real forward.
FOREIGN = [
    ("resnet18", 64), ("resnet50", 64), ("resnext50_32x4d", 64), ("mobilenet_v2", 64), ("mobilenet_v3_small", 64),
    ("efficientnet_b0", 64), ("densenet121", 64), ("squeezenet1_0", 64), ("shufflenet_v2_x0_5", 64),
    ("regnet_y_400mf", 64), ("mnasnet0_5", 64), ("googlenet", 64), ("alexnet", 96), ("vgg11", 64),
    ("convnext_tiny", 64), ("inception_v3", 96),
]


@pytest.mark.parametrize("name,size", FOREIGN)
def test_foreign_models_match_numel_and_reference_hook_count(name: str, size: int) -> None:
    torch.manual_seed(0)
    kwargs = {"init_weights": False} if name in ("googlenet", "inception_v3") else {}
    model = torchvision.models.get_model(name, weights=None, **kwargs).eval()
    s = summarize(model, (3, size, size))
    assert s.total_params == sum(p.numel() for p in model.parameters())
    ref, out = reference_macs(model, torch.randn(1, 3, size, size))
    assert s.total_macs == ref
    assert s.output_shape == tuple(out.shape[1:])


@pytest.mark.parametrize("name", ["lenet5", "lenet5_modern", "alexnet", "vgg16", "small_vgg", "nin", "googlenet",
                                  "inception", "resnet18", "resnet50", "plain20", "resnet56"])
def test_cnnlab_models_match_numel_and_reference_hook_count(name: str) -> None:
    model = build(name).eval()
    c = next(m for m in model.modules() if isinstance(m, nn.Conv2d)).in_channels
    size = 32 if name not in ("alexnet", "googlenet") else 64
    s = summarize(model, (c, size, size))
    assert s.total_params == sum(p.numel() for p in model.parameters())
    ref, out = reference_macs(model, torch.randn(1, c, size, size))
    assert s.total_macs == ref
    assert s.output_shape == tuple(out.shape[1:])


# regnet_y_128gf (644M parameters) is left out only because building it takes gigabytes on the CI machine.
TOO_BIG_TO_BUILD = {"regnet_y_128gf"}


def _all_classification_models() -> list[str]:
    return sorted(set(torchvision.models.list_models(module=torchvision.models)) - TOO_BIG_TO_BUILD)


def _build_published_architecture(name: str, size: int) -> nn.Module:
    """The architecture exactly as its DEFAULT weights were published, built without weights."""
    kwargs: dict = {}
    if name == "googlenet":
        kwargs = {"init_weights": False, "aux_logits": False}  # published without the auxiliary heads
    elif name == "inception_v3":
        kwargs = {"init_weights": False}
    elif name.startswith("vit_"):
        kwargs = {"image_size": size}  # vit_h_14's DEFAULT weights are the 518×518 SWAG ones
    if name.startswith("regnet"):  # RegNet's width computation cannot run on the meta device
        return torchvision.models.get_model(name, weights=None, **kwargs).eval()
    with torch.device("meta"):  # building on meta skips allocating hundreds of millions of weights
        return torchvision.models.get_model(name, weights=None, **kwargs).eval()


@pytest.mark.parametrize("name", _all_classification_models())
def test_total_macs_agree_with_torchvision_published_ops(name: str) -> None:
    """torchvision's `_ops` (labelled GFLOPS, really GMACs) for every classification model, at its crop size."""
    weights = torchvision.models.get_model_weights(name).DEFAULT
    size = weights.transforms().crop_size[0]
    model = _build_published_architecture(name, size)
    s = summarize(model, (3, size, size))
    assert s.total_params == weights.meta["num_params"]
    assert abs(s.total_macs / 1e9 - weights.meta["_ops"]) <= 0.0006, (s.total_macs / 1e9, weights.meta["_ops"])


def test_curriculum_totals_for_vgg16_and_alexnet() -> None:
    vgg = summarize(build("vgg16"), (3, 224, 224))
    assert vgg.total_params == 138_357_544
    assert round(vgg.total_macs / 1e9, 2) == 15.47
    first_fc = next(r for r in vgg.layers if r.type == "Linear")
    assert first_fc.params == 102_764_544
    alex = summarize(build("alexnet"), (3, 224, 224))
    assert alex.total_params == 61_100_840
    assert round(alex.total_macs / 1e9, 3) == 0.714


def test_a_layer_called_twice_counts_params_once_and_macs_twice() -> None:
    class Twice(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.conv = nn.Conv2d(4, 4, 3, padding=1)

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            return self.conv(torch.relu(self.conv(x)))

    model = Twice()
    s = summarize(model, (4, 8, 8))
    conv_rows = [r for r in s.layers if r.name == "conv"]
    assert len(conv_rows) == 2
    assert [r.params for r in conv_rows] == [4 * 4 * 9 + 4, 0]
    assert s.total_params == sum(p.numel() for p in model.parameters())
    assert s.total_macs == reference_macs(model, torch.randn(1, 4, 8, 8))[0] == 2 * 8 * 8 * 4 * 4 * 9


def test_summarize_leaves_the_model_untouched() -> None:
    model = build("resnet18", num_classes=10)
    model.train()
    before = {k: v.clone() for k, v in model.state_dict().items()}
    summarize(model, (3, 32, 32))
    assert model.training
    after = model.state_dict()
    assert all(torch.equal(before[k], after[k]) and after[k].device.type == "cpu" for k in before)
    assert all(not m._forward_hooks and not m._forward_pre_hooks and "forward" not in m.__dict__
               for m in model.modules())
    model.eval()
    out = model(torch.randn(2, 3, 32, 32))
    assert out.shape == (2, 10) and torch.isfinite(out).all()


def test_modules_that_never_run_still_count_their_parameters() -> None:
    model = build("googlenet", aux_logits=True).eval()  # the auxiliary heads run only in training
    s = summarize(model, (3, 224, 224))
    assert s.total_params == sum(p.numel() for p in model.parameters())
    not_run = [r for r in s.layers if not r.executed]
    assert not_run and all(r.name.startswith(("aux1", "aux2")) for r in not_run)


def _gradient_receptive_field(model: nn.Module, size: int) -> int:
    """Receptive field measured by torch: the input rows that influence the centre output cell."""
    x = torch.zeros(1, 1, size, size, requires_grad=True)
    out = model(x)
    h, w = out.shape[-2:]
    out[0, 0, h // 2, w // 2].backward()
    rows = (x.grad[0, 0].abs().sum(dim=1) != 0).nonzero().flatten()
    return int(rows.max() - rows.min() + 1)


@settings(max_examples=25)
@given(st.lists(st.tuples(st.sampled_from(["conv", "avg"]), st.integers(1, 3), st.integers(1, 2),
                          st.integers(1, 2)), min_size=1, max_size=4))
def test_receptive_field_matches_gradient_measurement(chain: list[tuple[str, int, int, int]]) -> None:
    layers: list[nn.Module] = []
    for kind, k, s, d in chain:
        if kind == "conv":  # positive weights: every cell in the window really influences the output
            conv = nn.Conv2d(1, 1, 2 * k - 1, stride=s, dilation=d, bias=False)
            nn.init.constant_(conv.weight, 1.0)
            layers.append(conv)
        else:
            layers.append(nn.AvgPool2d(k + 1, stride=s))
    model = nn.Sequential(*layers)
    s = summarize(model, (1, 97, 97))
    assert s.layers[-1].rf == _gradient_receptive_field(model, 97)


def test_receptive_fields_of_the_lessons() -> None:
    two_3x3 = summarize(nn.Sequential(nn.Conv2d(8, 8, 3, padding=1), nn.Conv2d(8, 8, 3, padding=1)), (8, 16, 16))
    assert [r.rf for r in two_3x3.layers] == [3, 5]  # two stacked 3×3 see a 5×5 window
    vgg = summarize(build("vgg16"), (3, 224, 224))
    convs = [r for r in vgg.layers if r.type == "Conv2d"]
    assert convs[-1].rf == 196 and convs[-1].jump == 16  # conv5_3
    resnet = summarize(build("resnet18"), (3, 224, 224))
    last_conv = [r for r in resnet.layers if r.type == "Conv2d"][-1]
    assert last_conv.rf == 435 and last_conv.jump == 32  # across every residual add
    assert resnet.layers[-1].rf is None  # after global pooling the output sees the whole image


def test_too_small_input_names_the_layer() -> None:
    model = torchvision.models.vgg11(weights=None)
    with pytest.raises(LayerError, match=r"layer features\.\d+ \(MaxPool2d\).*larger input"):
        summarize(model, (3, 16, 16))
    with pytest.raises(LayerError):
        summarize(model, (3, 0, 32))


def test_to_dict_has_the_cli_contract() -> None:
    d = summarize(build("lenet5"), (1, 32, 32)).to_dict()
    assert {"model", "input", "layers", "total_params", "total_macs", "output_shape"} <= set(d)
    assert d["total_params"] == 61_706 and d["output_shape"] == [10]
    assert all({"name", "type", "output_shape", "params", "macs"} <= set(row) for row in d["layers"])
    assert sum(row["params"] for row in d["layers"]) == d["total_params"]


# summarize sizes max pooling, concatenation and matrix products by formula (their meta kernels are slow):
# the shapes must be exactly torch's, ceil_mode's "last window must start inside" rule included.
@given(n=st.integers(1, 40), k=st.integers(1, 7), s=st.integers(1, 4), p=st.integers(0, 3), d=st.integers(1, 2),
       ceil=st.booleans())
@settings(max_examples=150)
def test_max_pool_output_shape_is_torchs(n, k, s, p, d, ceil):
    pool = nn.MaxPool2d(k, s, p, d, ceil_mode=ceil)
    try:
        expected = tuple(pool(torch.zeros(1, 2, n, n + 1)).shape[1:])
    except RuntimeError:
        with pytest.raises(LayerError):
            summarize(pool, (2, n, n + 1))
        return
    assert summarize(pool, (2, n, n + 1)).output_shape == expected


class _CatMM(nn.Module):
    def __init__(self, widths: list[int], out: int):
        super().__init__()
        self.branches = nn.ModuleList(nn.Conv2d(3, w, 1) for w in widths)
        self.fc = nn.Linear(sum(widths) * 4, out)
        self.fc2 = nn.Linear(out, 2, bias=False)

    def forward(self, x):
        y = torch.cat([b(x) for b in self.branches], dim=1)
        return self.fc2(self.fc(y.flatten(1)))


@given(widths=st.lists(st.integers(1, 5), min_size=1, max_size=4), out=st.integers(1, 9))
@settings(max_examples=40)
def test_concatenation_and_linear_layers_match_torch(widths, out):
    model = _CatMM(widths, out)
    summary = summarize(model, (3, 2, 2))
    assert summary.output_shape == tuple(model(torch.zeros(1, 3, 2, 2)).shape[1:])
    fc = next(r for r in summary.layers if r.name == "fc")
    assert fc.output_shape == (out,) and fc.macs == sum(widths) * 4 * out
