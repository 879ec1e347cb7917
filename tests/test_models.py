"""cnnlab.models: the lesson's networks have the parameter counts of torchvision / the curriculum, and run."""
from __future__ import annotations

import pytest
import torch
import torchvision
from torch import nn

from cnnlab.models import MODELS, ModelError, build, model_names, model_source
from cnnlab.models.inception import Inception
from cnnlab.models.resnet import BasicBlock, Bottleneck, make_shortcut

REQUIRED = ["lenet5", "lenet5_modern", "alexnet", "vgg11", "vgg13", "vgg16", "vgg19", "small_vgg", "nin",
            "inception", "googlenet", "resnet18", "resnet34", "resnet50", "resnet101", "resnet152",
            "plain20", "plain32", "plain44", "plain56", "plain110",
            "resnet20", "resnet32", "resnet44", "resnet56", "resnet110"]
# Forward passes of these at full width cost seconds on a shared CPU: their shapes are checked on meta tensors.
BIG = {"alexnet", "vgg11", "vgg13", "vgg16", "vgg19", "googlenet", "resnet34", "resnet50", "resnet101",
       "resnet152", "nin"}


def n_params(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())


def meta_build(name: str, **options) -> nn.Module:
    with torch.device("meta"):
        return build(name, **options)


def test_registry_has_every_lesson_network():
    assert set(REQUIRED) <= set(model_names())
    assert model_names() == list(MODELS)


@pytest.mark.parametrize("name, reference", [
    ("vgg16", torchvision.models.vgg16), ("resnet18", torchvision.models.resnet18),
    ("resnet34", torchvision.models.resnet34), ("resnet50", torchvision.models.resnet50),
    ("resnet101", torchvision.models.resnet101), ("resnet152", torchvision.models.resnet152),
    ("alexnet", torchvision.models.alexnet), ("vgg11", torchvision.models.vgg11),
    ("vgg19", torchvision.models.vgg19),
])
def test_imagenet_networks_have_torchvisions_layers_and_parameter_counts(name, reference):
    with torch.device("meta"):
        theirs = reference(weights=None)
    ours = meta_build(name, in_channels=3, num_classes=1000)
    assert n_params(ours) == n_params(theirs)
    # same parameter names and shapes: torchvision's weights would load into cnnlab's network
    assert {k: v.shape for k, v in ours.state_dict().items()} == {k: v.shape for k, v in theirs.state_dict().items()}


def test_vgg_with_batch_norm_matches_torchvisions_bn_variant():
    with torch.device("meta"):
        theirs = torchvision.models.vgg16_bn(weights=None)
    assert n_params(meta_build("vgg16", batch_norm=True)) == n_params(theirs)


def test_lesson_counts_from_the_curriculum():
    assert n_params(meta_build("vgg16")) == 138_357_544
    assert n_params(meta_build("alexnet")) == 61_100_840
    assert n_params(build("lenet5")) == 61_706
    first_fc = meta_build("vgg16").classifier[0]
    assert (first_fc.in_features, first_fc.out_features) == (25_088, 4_096)
    assert n_params(first_fc) == 102_764_544


def test_gap_head_removes_most_of_vggs_parameters():
    fc, gap = n_params(meta_build("vgg16")), n_params(meta_build("vgg16", head="gap"))
    conv = 14_714_688  # VGG-16's 13 conv layers: torchvision.models.vgg16().features
    with torch.device("meta"):
        assert n_params(torchvision.models.vgg16().features) == conv
    assert gap == conv + 512 * 1000 + 1000
    assert gap < fc / 9


def test_alexnet_grouped_layout_is_the_papers_60_million():
    # paper layout by hand: 96-256-384-384-256 channels, conv2/4/5 see half their input (groups=2), 9216→4096→4096→1000
    convs = (11 * 11 * 3 * 96 + 96) + (5 * 5 * 48 * 256 + 256) + (3 * 3 * 256 * 384 + 384) \
        + (3 * 3 * 192 * 384 + 384) + (3 * 3 * 192 * 256 + 256)
    fcs = (9216 * 4096 + 4096) + (4096 * 4096 + 4096) + (4096 * 1000 + 1000)
    model = meta_build("alexnet", grouped=True, lrn=True)
    assert n_params(model) == convs + fcs == 60_965_224
    assert [m.groups for m in model.features if isinstance(m, nn.Conv2d)] == [1, 2, 1, 2, 2]
    assert sum(isinstance(m, nn.LocalResponseNorm) for m in model.features) == 2


def test_alexnet_last_adaptive_pool_is_torchvisions_3x3_stride2_pool_at_224():
    x = torch.randn(2, 256, 13, 13)  # conv5's map of a 224×224 image
    assert torch.equal(nn.AdaptiveMaxPool2d(6)(x), nn.MaxPool2d(3, 2)(x))


@pytest.mark.parametrize("name, reference, size", [
    ("alexnet", torchvision.models.alexnet, 224),  # at 224 the adaptive last pool is torchvision's pool
    ("resnet18", torchvision.models.resnet18, 64),
])
def test_network_computes_torchvisions_function_with_its_weights(name, reference, size):
    torch.manual_seed(0)
    theirs = reference(weights=None).eval()
    ours = build(name).eval()
    ours.load_state_dict(theirs.state_dict())
    x = torch.randn(1, 3, size, size)
    with torch.no_grad():
        torch.testing.assert_close(ours(x), theirs(x))


def test_lenet5_classic_shapes_follow_the_paper():
    model = build("lenet5").eval()
    shapes = []
    hooks = [m.register_forward_hook(lambda m, i, o: shapes.append(tuple(o.shape[1:])))
             for m in model.features if isinstance(m, (nn.Conv2d, nn.AvgPool2d))]
    model(torch.zeros(1, 1, 32, 32))
    for h in hooks:
        h.remove()
    assert shapes == [(6, 28, 28), (6, 14, 14), (16, 10, 10), (16, 5, 5)]
    # the squashing comes after the pooling, as in the original
    kinds = [type(m) for m in model.features]
    assert kinds == [nn.Conv2d, nn.AvgPool2d, nn.Tanh, nn.Conv2d, nn.AvgPool2d, nn.Tanh]


def test_lenet5_padding_2_makes_28x28_digits_take_the_32x32_path():
    model = build("lenet5", padding=2).eval()
    out = model.features(torch.zeros(1, 1, 28, 28))
    assert out.shape == (1, 16, 5, 5)
    assert n_params(model) == 61_706


def test_lenet5_modern_uses_relu_and_max_pooling():
    kinds = {type(m) for m in build("lenet5_modern").modules()}
    assert nn.ReLU in kinds and nn.MaxPool2d in kinds and nn.Tanh not in kinds and nn.AvgPool2d not in kinds


@pytest.mark.parametrize("name", REQUIRED + ["cifar_resnet"])
@pytest.mark.parametrize("in_channels", [1, 3])
def test_every_network_gives_one_score_per_class_on_small_images(name, in_channels):
    sizes = (28, 32)
    if name in BIG:
        model = meta_build(name, in_channels=in_channels, num_classes=10).eval()
        for s in sizes:
            assert model(torch.zeros(2, in_channels, s, s, device="meta")).shape == (2, 10)
    else:
        model = build(name, in_channels=in_channels, num_classes=10).eval()
        with torch.no_grad():
            for s in sizes:
                assert model(torch.zeros(2, in_channels, s, s)).shape == (2, 10)


@pytest.mark.parametrize("name", [n for n in REQUIRED if n != "inception"])
def test_every_network_runs_at_224(name):
    model = meta_build(name).eval()
    classes = MODELS[name].options["num_classes"]
    assert model(torch.zeros(1, MODELS[name].default_input[0], 224, 224, device="meta")).shape == (1, classes)


def test_inception_module_concatenates_to_256_channels():
    module = Inception(192, 64, (96, 128), (16, 32), 32)
    with torch.no_grad():
        assert module(torch.zeros(1, 192, 28, 28)).shape == (1, 256, 28, 28)
        assert build("inception")(torch.zeros(1, 192, 28, 28)).shape == (1, 256, 28, 28)
    assert build("inception", num_classes=10)(torch.zeros(1, 192, 28, 28)).shape == (1, 10)


def test_inception_uses_the_papers_true_5x5_branch():
    module = Inception(192, 64, (96, 128), (16, 32), 32)
    kernels = [m.kernel_size for m in module.branch3.modules() if isinstance(m, nn.Conv2d)]
    assert kernels == [(1, 1), (5, 5)]
    names = [n for n, m in meta_build("googlenet").named_children() if isinstance(m, Inception)]
    assert names == ["inception3a", "inception3b", "inception4a", "inception4b", "inception4c", "inception4d",
                     "inception4e", "inception5a", "inception5b"]


def test_googlenet_returns_aux_outputs_only_while_training():
    model = meta_build("googlenet", num_classes=10)
    x = torch.zeros(2, 3, 224, 224, device="meta")
    out = model.train()(x)
    assert isinstance(out, tuple) and [t.shape for t in out] == [(2, 10)] * 3
    assert out.logits is out[0]
    assert model.eval()(x).shape == (2, 10)
    no_aux = meta_build("googlenet", aux_logits=False)
    assert no_aux.train()(x).shape == (2, 1000)
    assert n_params(no_aux) < n_params(model)


@pytest.mark.parametrize("depth", [20, 32, 44, 56, 110])
def test_plain_and_residual_twins_have_identical_parameters_with_option_a(depth):
    plain, res = meta_build(f"plain{depth}"), meta_build(f"resnet{depth}")
    assert n_params(plain) == n_params(res)
    assert [type(m) for m in plain.modules() if isinstance(m, (nn.Conv2d, nn.BatchNorm2d, nn.Linear))] == \
        [type(m) for m in res.modules() if isinstance(m, (nn.Conv2d, nn.BatchNorm2d, nn.Linear))]
    convs = sum(isinstance(m, nn.Conv2d) for m in res.modules())
    assert convs + 1 == depth  # 6n+2 weight layers: convs + the final FC


def test_cifar_resnet_20_has_the_papers_0_27_million_parameters():
    # He et al. 2015, Table 6: ResNet-20 has 0.27M parameters (option A shortcuts add none)
    assert round(n_params(build("resnet20")) / 1e6, 2) == 0.27


def test_projection_shortcuts_add_parameters_only_where_shapes_change():
    a, b = build("cifar_resnet", shortcut="A"), build("cifar_resnet", shortcut="B")
    projections = [m for m in b.modules() if isinstance(m, BasicBlock) and m.downsample is not None]
    assert len(projections) == 2  # entering stage 2 and stage 3
    extra = (16 * 32 + 2 * 32) + (32 * 64 + 2 * 64)  # 1×1 conv (no bias) + BN per projection
    assert n_params(b) - n_params(a) == extra


def test_make_layer_adds_projection_exactly_when_stride_or_width_changes():
    model = meta_build("resnet50")
    firsts = [getattr(model, f"layer{i}")[0] for i in range(1, 5)]
    assert all(isinstance(b, Bottleneck) and b.downsample is not None for b in firsts)  # 64 → 256 at stride 1 too
    rest = [b for i in range(1, 5) for b in getattr(model, f"layer{i}")[1:]]
    assert all(b.downsample is None for b in rest)
    model18 = meta_build("resnet18")
    assert model18.layer1[0].downsample is None and model18.layer2[0].downsample is not None


@pytest.mark.parametrize("depth, widths", [(8, (8, 16, 32)), (20, (8, 16, 32)), (44, (16, 32, 64))])
@pytest.mark.parametrize("residual", [True, False])
def test_degradation_lesson_networks_run_on_16x16_digits(depth, widths, residual):
    model = build("cifar_resnet", depth=depth, residual=residual, widths=widths, in_channels=1, num_classes=10)
    assert model(torch.randn(4, 1, 16, 16)).shape == (4, 10)


@pytest.mark.parametrize("block, last_bn", [(BasicBlock, "bn2"), (Bottleneck, "bn3")])
def test_residual_block_with_zero_weights_is_the_identity(block, last_bn):
    """a[l+2] = relu(0 + a[l]) = a[l] for a[l] ≥ 0 — the curriculum's reason why blocks can't hurt."""
    torch.manual_seed(0)
    planes = 4
    inplanes = planes * block.expansion
    x = torch.relu(torch.randn(2, inplanes, 8, 8))  # a[l] comes out of a ReLU: non-negative
    res = block(inplanes, planes).eval()
    nn.init.zeros_(getattr(res, last_bn).weight)
    with torch.no_grad():
        torch.testing.assert_close(res(x), x)
    zero_conv = block(inplanes, planes).eval()
    for m in zero_conv.modules():
        if isinstance(m, nn.Conv2d):
            nn.init.zeros_(m.weight)
    with torch.no_grad():
        torch.testing.assert_close(zero_conv(x), x)
        plain = block(inplanes, planes, residual=False).eval()
        plain.load_state_dict(zero_conv.state_dict())
        assert torch.count_nonzero(plain(x)) == 0  # the plain twin collapses to zero instead


def test_option_a_shortcut_subsamples_and_pads_zero_channels():
    x = torch.randn(1, 16, 8, 8)
    y = make_shortcut("A", 16, 32, 2)(x)
    assert y.shape == (1, 32, 4, 4)
    assert torch.equal(y[:, :16], x[:, :, ::2, ::2]) and not y[:, 16:].any()


def test_preactivation_variant_builds_and_runs():
    model = build("resnet20", preact=True, in_channels=1)
    assert model(torch.randn(2, 1, 16, 16)).shape == (2, 10)
    assert meta_build("resnet50", preact=True)(torch.zeros(1, 3, 224, 224, device="meta")).shape == (1, 1000)


def test_unknown_model_is_a_value_error_with_close_names():
    with pytest.raises(ValueError, match="did you mean.*vgg16") as err:
        build("vgg61")
    assert not isinstance(err.value, KeyError)
    assert isinstance(err.value, ModelError)


def test_unknown_or_invalid_option_names_the_valid_ones():
    with pytest.raises(ModelError, match="valid options: .*batch_norm.*head"):
        build("vgg16", batchnorm=True)
    with pytest.raises(ModelError, match="head"):
        build("vgg16", head="mlp")
    with pytest.raises(ModelError, match="6n\\+2"):
        build("cifar_resnet", depth=21)
    with pytest.raises(ModelError, match="shortcut"):
        build("resnet20", shortcut="C")


def test_registry_entries_describe_their_defaults():
    for name, info in MODELS.items():
        assert {"in_channels", "num_classes"} <= set(info.options), name
        assert len(info.default_input) == 3 and info.title and info.lesson
    assert len({info.title for info in MODELS.values()}) == len(MODELS)  # titles identify a network in URLs
    assert MODELS["plain20"].options["residual"] is False and MODELS["resnet20"].options["residual"] is True


@pytest.mark.parametrize("name, expected", [
    ("vgg16", ["cfgs", "def make_layers", "class VGG", "build('vgg16') = vgg(cfg='D')"]),
    ("resnet50", ["class Bottleneck", "def _make_layer", "out += identity", "imagenet_layers"]),
    ("googlenet", ["class Inception(", "class InceptionAux", "inception3a"]),
    ("plain20", ["residual=False", "def cifar_resnet"]),
])
def test_model_source_shows_the_readable_pytorch_code(name, expected):
    text = model_source(name)
    compile(text, name, "exec")  # valid Python
    for part in expected:
        assert part in text


def test_models_trace_with_torch_fx_for_the_architecture_diagram():
    for name in ("googlenet", "resnet18", "resnet20", "alexnet", "lenet5"):
        graph = torch.fx.symbolic_trace(meta_build(name).train()).graph
        called = {node.target for node in graph.nodes if node.op == "call_module"}
        model = meta_build(name)
        convs = {n for n, m in model.named_modules() if isinstance(m, torch.nn.Conv2d)}
        assert convs and convs <= called   # every convolution is a box of the diagram
