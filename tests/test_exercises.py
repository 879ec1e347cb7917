"""Exercises: valid for every lesson and seed, answers equal torch's, every known slip gets its own hint, en + ko.

The answers are checked against real torch layers run on zeros (or on the meta device for big ones), real loaders
and captum's own attribution runs — never against the exercise engine itself.
"""
from __future__ import annotations

import re
import string

import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest
from torch import nn
from torch.utils.flop_counter import FlopCounterMode

from cnnlab import i18n
from cnnlab.exercises import (LESSONS, AnswerError, Exercise, answer_text, check, generate, new_seed, normalize_seed,
                              parse_answer)

seeds = st.text(alphabet=string.ascii_letters + string.digits + "-_", min_size=1, max_size=12)
HANGUL = re.compile(r"[\uac00-\ud7a3]")
PLACEHOLDER = re.compile(r"\{[a-z_0-9]+\}")


def _typed(ex: Exercise, value) -> str:
    """What a student types (or picks) for this value."""
    return value if ex.answer_kind == "choice" else answer_text(ex, value)


def _of_kind(lesson: str, kind: str, seed: str) -> Exercise:
    """The exercise of this kind in the seed's first block (each block holds every kind of the lesson once)."""
    for index in range(len(LESSONS[lesson])):
        ex = generate(lesson, seed, index)
        if ex.kind == kind:
            return ex
    raise AssertionError(f"{kind} missing from the first block of {lesson}/{seed}")


def _chw(t: torch.Tensor) -> tuple[int, int, int]:
    """A torch output's shape as every page writes it: C×H×W (the batch dimension dropped)."""
    return tuple(t.shape[1:])


# ---------------------------------------------------------------- every lesson, every seed
@pytest.mark.parametrize("lesson", list(LESSONS))
@settings(max_examples=25)
@given(seed=seeds, index=st.integers(0, 40))
def test_every_exercise_accepts_its_answer_and_gives_each_slip_its_own_hint(lesson, seed, index):
    ex = generate(lesson, seed, index)
    assert (ex.lesson, ex.seed, ex.index) == (lesson, seed, index)
    assert ex.kind in LESSONS[lesson] and ex.steps and ex.mistakes
    assert check(ex, _typed(ex, ex.answer)).correct
    for m in ex.mistakes:
        verdict = check(ex, _typed(ex, m.wrong))
        assert (verdict.status, verdict.hint, verdict.step) == ("wrong", m.hint, m.step), (ex.kind, m)
        assert 0 <= m.step < len(ex.steps)
    if ex.answer_kind == "shape":
        assert all(isinstance(v, int) and v >= 1 for v in ex.answer)
    if ex.answer_kind == "choice":
        assert ex.answer in ex.choices and len(ex.labels) == len(ex.choices)


@settings(max_examples=20)
@given(seed=seeds)
def test_the_same_seed_gives_the_same_set_and_each_block_visits_every_kind(seed):
    for lesson, kinds in LESSONS.items():
        first = [generate(lesson, seed, i) for i in range(len(kinds))]
        assert first == [generate(lesson, seed, i) for i in range(len(kinds))]
        assert sorted(ex.kind for ex in first) == sorted(kinds)


def test_different_seeds_give_different_sets():
    sets = {tuple(answer_text(generate("conv_arithmetic", s, i)) for i in range(7)) for s in ("a", "b", "c", "d")}
    assert len(sets) > 1


def test_unknown_lesson_and_negative_index_are_refused():
    with pytest.raises(KeyError):
        generate("nope", "x", 0)
    with pytest.raises(ValueError):
        generate("conv_arithmetic", "x", -1)


# ---------------------------------------------------------------- answers equal torch's
@settings(max_examples=30)
@given(seed=seeds)
def test_conv_arithmetic_answers_equal_torch(seed):
    ex = _of_kind("conv_arithmetic", "conv_out", seed)
    v = ex.values
    out = nn.Conv2d(v["c"], v["f"], v["k"], v["s"], v["p"], v["d"])(torch.zeros(1, v["c"], v["n"], v["n"]))
    assert ex.answer == _chw(out)

    for kind in ("conv_params", "conv_macs"):
        ex = _of_kind("conv_arithmetic", kind, seed)
        v = ex.values
        layer = nn.Conv2d(v["c"], v["f"], v["k"], v["s"], v["p"])
        out = layer(torch.zeros(1, v["c"], v["n"], v["n"]))
        expected = (sum(p.numel() for p in layer.parameters()) if kind == "conv_params"
                    else out.numel() * layer.weight[0].numel())
        assert ex.answer == expected

    ex = _of_kind("conv_arithmetic", "pool_out", seed)
    v = ex.values
    pool = (nn.MaxPool2d if "max" in ex.prompt else nn.AvgPool2d)(v["k"], v["s"], v["p"])
    assert ex.answer == _chw(pool(torch.zeros(1, v["c"], v["n"], v["n"])))

    ex = _of_kind("conv_arithmetic", "pool_params", seed)
    v = ex.values
    pool = (nn.MaxPool2d if "max" in ex.prompt else nn.AvgPool2d)(v["k"], v["s"], v["p"])
    assert ex.answer == sum(p.numel() for p in pool.parameters()) == 0

    ex = _of_kind("conv_arithmetic", "conv_vs_fc", seed)
    v = ex.values
    out = nn.Conv2d(v["c"], v["f"], v["k"], padding="same")(torch.zeros(1, v["c"], v["n"], v["n"]))
    fc = nn.Linear(v["c"] * v["n"] * v["n"], out.numel(), device="meta")
    assert ex.answer == sum(p.numel() for p in fc.parameters())


def _receptive_field(kernels: tuple[int, ...], strides: tuple[int, ...]) -> int:
    """Width of the input region that moves one output cell of a conv stack (by its gradient)."""
    n = 1
    for k, s in zip(reversed(kernels), reversed(strides)):
        n = (n - 1) * s + k                     # the smallest input that gives a 1×1 output
    n += 20
    x = torch.zeros(1, 1, n, n, requires_grad=True)
    y = x
    for k, s in zip(kernels, strides):
        conv = nn.Conv2d(1, 1, k, s, bias=False)
        nn.init.ones_(conv.weight)
        y = conv(y)
    y[0, 0, y.shape[2] // 2, y.shape[3] // 2].backward()
    cols = (x.grad[0, 0] != 0).any(dim=0).nonzero()
    return int(cols.max() - cols.min() + 1)


@settings(max_examples=20)
@given(seed=seeds)
def test_receptive_field_equals_the_gradient_footprint_in_torch(seed):
    ex = _of_kind("conv_arithmetic", "receptive_field", seed)
    assert ex.answer == _receptive_field(ex.values["kernels"], ex.values["strides"])


def _meta(name: str, **options) -> nn.Module:
    from cnnlab.models import build

    with torch.device("meta"):
        return build(name, **options)


@settings(max_examples=20)
@given(seed=seeds)
def test_architecture_answers_equal_the_real_layers(seed):
    ex = _of_kind("architectures", "arch_layer", seed)
    v = ex.values
    name = {"LeNet-5": "lenet5", "AlexNet": "alexnet", "VGG-16": "vgg16"}[v["model"]]
    layer = dict(_meta(name).named_modules())[v["layer"]]
    assert ex.answer == _chw(layer(torch.zeros(1, v["c"], v["h"], v["h"], device="meta")))

    ex = _of_kind("architectures", "arch_fc", seed)
    v = ex.values
    name = {"LeNet-5": "lenet5", "AlexNet": "alexnet", "VGG-16": "vgg16"}[v["model"]]
    fc = dict(_meta(name).named_modules())[ex.values["layer"]]
    assert (fc.in_features, fc.out_features) == (v["fin"], v["fout"])
    assert ex.answer == sum(p.numel() for p in fc.parameters())

    ex = _of_kind("architectures", "arch_flatten", seed)
    name = {"LeNet-5": "lenet5", "AlexNet": "alexnet", "VGG-16": "vgg16"}[ex.values["model"]]
    assert ex.answer == dict(_meta(name).named_modules())[ex.values["layer"]].in_features

    ex = _of_kind("architectures", "arch_compare", seed)
    counts = {}
    for cid in ex.choices:
        model = _meta(cid, **({"aux_logits": False} if cid == "googlenet" else {})).eval()
        if ex.prompt.endswith("params"):
            counts[cid] = sum(p.numel() for p in model.parameters())
        else:  # torch's own counter: 2 FLOPs per multiply-add of every convolution and matrix product
            with FlopCounterMode(display=False) as flops:
                model(torch.zeros(1, 3, 224, 224, device="meta"))
            counts[cid] = flops.get_total_flops() // 2
    assert ex.answer == max(counts, key=counts.get)

    ex = _of_kind("architectures", "alexnet_224", seed)
    if ex.prompt.endswith("out"):
        assert ex.answer == nn.Conv2d(3, 96, 11, 4)(torch.zeros(1, 3, 224, 224)).shape[-1]
    elif ex.prompt.endswith("padding"):
        assert nn.Conv2d(3, 96, 11, 4, ex.answer)(torch.zeros(1, 3, 224, 224)).shape[-1] == 55
        assert nn.Conv2d(3, 96, 11, 4, ex.answer - 1)(torch.zeros(1, 3, 224, 224)).shape[-1] != 55
    else:
        n = ex.answer
        assert nn.Conv2d(3, 96, 11, 4)(torch.zeros(1, 3, n, n)).shape[-1] == 55
        assert nn.Conv2d(3, 96, 11, 4)(torch.zeros(1, 3, n - 1, n - 1)).shape[-1] != 55


def test_architecture_lesson_numbers():
    """The curriculum's numbers: AlexNet's 224 gives 54 (227 gives 55) and VGG-16's first FC layer."""
    seen = {}
    for s in range(60):
        for i in range(5):
            ex = generate("architectures", f"n{s}", i)
            seen[(ex.kind, ex.prompt, ex.values.get("model"), ex.values.get("layer"))] = ex.answer
    assert seen[("alexnet_224", "exercises.alexnet_224.prompt_out", None, None)] == 54
    assert seen[("alexnet_224", "exercises.alexnet_224.prompt_input", None, None)] == 227
    assert seen[("alexnet_224", "exercises.alexnet_224.prompt_padding", None, None)] == 2
    assert seen[("arch_fc", "exercises.arch_fc.prompt", "VGG-16", "classifier.0")] == 102_764_544
    assert seen[("arch_flatten", "exercises.arch_flatten.prompt", "VGG-16", "classifier.0")] == 25_088


@settings(max_examples=20)
@given(seed=seeds)
def test_build_your_own_answers_equal_the_built_network(seed):
    from cnnlab.spec import build_spec

    for kind in ("byo_shape", "byo_params"):
        ex = _of_kind("build_your_own", kind, seed)
        c, h, w = ex.values["input"]          # C×H×W, as every page writes a shape
        net = build_spec(ex.values["spec"], (c, h, w))
        if kind == "byo_shape":
            assert ex.answer == _chw(net(torch.zeros(1, c, h, w)))
        else:
            assert ex.answer == sum(p.numel() for p in net.parameters())


def _zero_block_by_hand(value: float, residual: bool) -> float:
    """a[l+2] = g(z[l+2] (+ a[l])) with two zero 3×3 convs, written out with torch."""
    a = torch.full((1, 4, 4, 4), value)
    conv1, conv2 = nn.Conv2d(4, 4, 3, padding=1), nn.Conv2d(4, 4, 3, padding=1)
    for conv in (conv1, conv2):
        nn.init.zeros_(conv.weight)
        nn.init.zeros_(conv.bias)
    with torch.no_grad():
        z = conv2(torch.relu(conv1(a)))
        return float(torch.relu(z + a if residual else z)[0, 0, 0, 0])


@settings(max_examples=20)
@given(seed=seeds)
def test_degradation_answers(seed):
    ex = _of_kind("degradation", "sigmoid_max", seed)
    assert ex.answer == pytest.approx(0.25)
    ex = _of_kind("degradation", "sigmoid_chain", seed)
    assert ex.answer == 4 ** ex.values["n"]            # 0.25ⁿ = 1/4ⁿ
    ex = _of_kind("degradation", "residual_zero", seed)
    residual = ex.prompt.endswith("residual")
    assert ex.answer == pytest.approx(_zero_block_by_hand(ex.values["v"], residual))
    assert ex.answer == (ex.values["v"] if residual else 0)  # a[l+2] = g(a[l]) = a[l] for a ReLU output
    ex = _of_kind("degradation", "cifar_depth", seed)
    assert ex.answer == 6 * ex.values["n"] + 2
    assert _of_kind("degradation", "shortcut_where", seed).answer == "before"


def test_the_shortcut_is_added_before_the_last_relu_in_cnnlabs_block():
    """z = −10 everywhere, a[l] = 3: g(z + a) = 0, while g(z) + a would be 3."""
    from cnnlab.models import BasicBlock

    block = BasicBlock(2, 2).eval()
    with torch.no_grad():
        for m in block.modules():
            if isinstance(m, nn.Conv2d):
                m.weight.zero_()
        block.bn2.bias.fill_(-10.0)
        assert float(block(torch.full((1, 2, 4, 4), 3.0)).max()) == 0.0


@settings(max_examples=20)
@given(seed=seeds)
def test_one_by_one_answers_equal_torch(seed):
    v = (ex := _of_kind("one_by_one", "obo_shape", seed)).values
    assert ex.answer == _chw(nn.Conv2d(v["c"], v["f"], 1)(torch.zeros(1, v["c"], v["h"], v["h"])))
    v = (ex := _of_kind("one_by_one", "obo_macs", seed)).values
    assert ex.answer == v["h"] * v["h"] * v["f"] * nn.Conv2d(v["c"], v["f"], 1).weight[0].numel()

    ex = _of_kind("one_by_one", "bottleneck", seed)
    v = ex.values
    x = torch.zeros(1, v["cin"], v["h"], v["h"])
    direct = nn.Conv2d(v["cin"], v["cout"], v["k"], padding="same")
    reduce = nn.Conv2d(v["cin"], v["b"], 1)
    conv = nn.Conv2d(v["b"], v["cout"], v["k"], padding="same")

    def macs(layer, inp):
        return layer(inp).numel() * layer.weight[0].numel()

    with_bottleneck = macs(reduce, x) + macs(conv, reduce(x))
    expected = {"direct": macs(direct, x), "total": with_bottleneck,
                "saving": macs(direct, x) / with_bottleneck}[ex.prompt.rsplit("_", 1)[1]]
    assert ex.answer == pytest.approx(expected)

    ex = _of_kind("one_by_one", "inception_concat", seed)
    from cnnlab.models import Inception

    v = ex.values
    with torch.device("meta"):
        module = Inception(v["c"], v["c1"], (v["r2"], v["c2"]), (v["r3"], v["c3"]), v["c4"])
        assert ex.answer == _chw(module(torch.zeros(1, v["c"], v["h"], v["h"])))

    ex = _of_kind("one_by_one", "factorize", seed)
    v = ex.values
    if ex.prompt.endswith("stacked"):
        layers = [nn.Conv2d(v["c"], v["c"], 3, bias=False, device="meta") for _ in range(v["n"])]
    else:
        layers = [nn.Conv2d(v["c"], v["c"], v["k"], bias=False, device="meta")]
    assert ex.answer == sum(p.numel() for layer in layers for p in layer.parameters())


def test_one_by_one_lesson_numbers():
    """Curriculum: 120,422,400 vs 12,443,648 MACs; Inception 3a concatenates 64 + 128 + 32 + 32 = 256 channels."""
    found = {}
    for s in range(80):
        for i in range(5):
            ex = generate("one_by_one", f"n{s}", i)
            if ex.kind == "bottleneck" and ex.values == dict(h=28, cin=192, cout=32, k=5, b=16):
                found[ex.prompt] = ex.answer
            if ex.kind == "inception_concat" and ex.values["name"] == "inception3a":
                found["3a"] = ex.answer
    assert found["exercises.bottleneck.prompt_direct"] == 120_422_400
    assert found["exercises.bottleneck.prompt_total"] == 12_443_648
    assert found["exercises.bottleneck.prompt_saving"] == pytest.approx(120_422_400 / 12_443_648)
    assert found["3a"] == (256, 28, 28)        # C×H×W


def _windows(n: int, c: int, pad: int = 0) -> int:
    image = F.pad(torch.zeros(1, 1, n, n), (pad,) * 4)
    return image.unfold(2, c, 1).unfold(3, c, 1).shape[2:4].numel()


@settings(max_examples=20)
@given(seed=seeds)
def test_augmentation_answers_count_the_crops_torch_can_cut(seed):
    v = (ex := _of_kind("augmentation", "crops", seed)).values
    assert ex.answer == _windows(v["n"], v["c"])
    v = (ex := _of_kind("augmentation", "crops_mirror", seed)).values
    assert ex.answer == 2 * _windows(v["n"], v["c"])
    v = (ex := _of_kind("augmentation", "pad_crop", seed)).values
    assert ex.answer == _windows(v["n"], v["n"], v["p"])


def test_alexnet_crops_are_2178_not_the_papers_2048():
    ex = next(e for s in range(80) if (e := _of_kind("augmentation", "crops_mirror", f"a{s}")).values["c"] == 224
              and e.values["n"] == 256)
    assert ex.answer == 2 * 33 * 33 == 2178
    assert check(ex, "2048").hint == "exercises.hint.crop_plus_one"


@settings(max_examples=10)
@given(seed=seeds)
def test_training_lab_answers_equal_a_torch_dataloader(seed):
    from torch.utils.data import DataLoader

    for kind in ("iters", "last_batch", "steps_total", "images_seen"):
        ex = _of_kind("training_lab", kind, seed)
        v = ex.values
        loader = DataLoader(range(v["n"]), batch_size=v["b"])
        expected = {"iters": len(loader), "last_batch": len(list(loader)[-1]),
                    "steps_total": v.get("e", 0) * len(loader),
                    "images_seen": v.get("e", 0) * sum(len(b) for b in loader)}[kind]
        assert ex.answer == expected


@settings(max_examples=20)
@given(seed=seeds)
def test_feature_map_answers_equal_torch(seed):
    from cnnlab.feature_maps import KERNELS

    v = (ex := _of_kind("feature_maps", "kernel_out", seed)).values
    weight = KERNELS["sobel_x"][None, None]
    assert weight.shape[-1] == v["k"]
    out = F.conv2d(torch.zeros(1, 1, v["n"], v["n"]), weight, stride=v["s"], padding=v["p"])
    assert ex.answer == tuple(out.shape[2:])
    v = (ex := _of_kind("feature_maps", "n_maps", seed)).values
    layer = nn.Conv2d(v["c"], v["f"], v["k"], v["s"], v["p"])
    assert ex.answer == layer(torch.zeros(1, v["c"], v["n"], v["n"])).shape[1]
    ex = _of_kind("feature_maps", "filter_weights", seed)
    name = {"LeNet-5": "lenet5", "AlexNet": "alexnet", "VGG-16": "vgg16", "ResNet-18": "resnet18",
            "GoogLeNet": "googlenet"}[ex.values["model"]]
    assert ex.answer == dict(_meta(name).named_modules())[ex.values["layer"]].weight[0].numel()


@settings(max_examples=10)
@given(seed=seeds)
def test_attribution_answers_count_captums_real_passes(seed):
    from captum.attr import IntegratedGradients, Occlusion

    images = [0]
    model = nn.Sequential(nn.Flatten(), nn.LazyLinear(2))
    model.register_forward_pre_hook(lambda _m, args: images.__setitem__(0, images[0] + args[0].shape[0]))

    v = (ex := _of_kind("attribution", "occlusion", seed)).values
    x = torch.rand(1, 1, v["n"], v["n"])
    model(x)
    images[0] = 0
    Occlusion(model).attribute(x, sliding_window_shapes=(1, v["w"], v["w"]), strides=(1, v["s"], v["s"]),
                               target=0, perturbations_per_eval=512)
    assert ex.answer == images[0]

    v = (ex := _of_kind("attribution", "ig_passes", seed)).values
    images[0] = 0
    IntegratedGradients(model).attribute(x, target=0, n_steps=v["m"])
    assert ex.answer == 2 * images[0]            # every image forward is also differentiated backward


# ---------------------------------------------------------------- reading answers
@pytest.mark.parametrize("text", ["760", "760.0", " 760 ", "7,60", "7 6 0"])
def test_whole_numbers_are_read_friendly(text):
    ex = _of_kind("conv_arithmetic", "conv_params", "lesson")
    assert parse_answer(ex, text) == 760


@pytest.mark.parametrize("text, code", [("12.4M", "suffix"), ("3k", "suffix"), ("", "empty"), ("lots", "not_number"),
                                        ("32 MACs", "not_number")])
def test_unreadable_numbers_say_why(text, code):
    ex = _of_kind("conv_arithmetic", "conv_params", "lesson")
    with pytest.raises(AnswerError) as err:
        parse_answer(ex, text)
    assert err.value.code == code
    verdict = check(ex, text)
    assert verdict.status == "unparseable" and verdict.hint == f"exercises.parse.{code}"


def test_number_forms():
    ints = _of_kind("degradation", "sigmoid_chain", "x")
    assert parse_answer(ints, "4^10") == 4 ** 10 == parse_answer(ints, "1,048,576")
    floats = _of_kind("degradation", "sigmoid_max", "x")
    for text in ("0.25", ".25", "1/4", "25%"):
        assert check(floats, text).correct, text
    assert check(floats, "0.5").hint == "exercises.hint.sigmoid_value"
    assert check(floats, "0.252").hint == "exercises.hint.close_float"
    assert check(floats, "0.3").hint == "exercises.hint.generic"


@pytest.mark.parametrize("text", ["10×32×32", "10x32x32", "10 X 32 X 32", "10*32*32", "(10, 32, 32)", "10 32 32"])
def test_shapes_are_read_in_any_usual_notation(text):
    ex = _of_kind("conv_arithmetic", "conv_out", "lesson")
    assert parse_answer(ex, text) == (10, 32, 32)


def test_a_shape_needs_all_its_parts():
    ex = _of_kind("conv_arithmetic", "conv_out", "lesson")
    verdict = check(ex, "32×32")
    assert verdict.status == "unparseable" and verdict.hint == "exercises.parse.shape3"


def test_choices_by_id_label_position_or_letter():
    ex = _of_kind("architectures", "arch_compare", "lesson")
    first, second = ex.choices
    assert parse_answer(ex, first) == parse_answer(ex, "1") == parse_answer(ex, "A") == first
    assert parse_answer(ex, ex.labels[1].upper()) == parse_answer(ex, "b") == second


def test_the_conv_lesson_example_and_its_slips():
    """32×32×3, ten 5×5 filters, stride 1, padding 2 → 32×32×10 (CURRICULUM), written C×H×W as on every page:
    3×32×32 → 10×32×32; each slip named, and the notes' H×W×C order gets the order hint."""
    ex = _lesson_example("conv_out")
    assert check(ex, "10×32×32").correct
    assert check(ex, "10×31×31").hint == "exercises.hint.plus_one"
    assert check(ex, "10×30×30").hint == "exercises.hint.pad_once"
    assert check(ex, "10×28×28").hint == "exercises.hint.no_pad"
    assert check(ex, "3×32×32").hint == "exercises.hint.channels_in"
    assert check(ex, "32×32×10").hint == "exercises.hint.order"
    assert check(ex, "5×5×5").hint == "exercises.hint.generic"


def _lesson_example(kind: str) -> Exercise:
    return next(e for s in range(300) if (e := _of_kind("conv_arithmetic", kind, f"e{s}")).values["n"] == 32
                and e.values["c"] == 3 and e.values["f"] == 10 and e.values["k"] == 5 and e.values.get("p", 2) == 2
                and e.values.get("s", 1) == 1 and e.values.get("d", 1) == 1)


def test_the_notes_parameter_counts_and_their_slips():
    """(5·5·3 + 1)·10 = 760 for the conv; (32·32·3 + 1)·(32·32·10) = 31,467,520 as a fully connected layer."""
    ex = _lesson_example("conv_params")
    assert ex.answer == 760
    assert check(ex, "750").hint == "exercises.hint.no_bias"
    assert check(ex, "260").hint == "exercises.hint.no_channels"
    ex = _lesson_example("conv_vs_fc")
    assert ex.answer == 31_467_520
    assert check(ex, "760").hint == "exercises.hint.fc_is_conv"


@settings(max_examples=40)
@given(seed=seeds)
def test_each_conv_slip_is_what_torch_gives_under_that_wrong_assumption(seed):
    ex = _of_kind("conv_arithmetic", "conv_out", seed)
    v = ex.values

    def shape(c=v["c"], f=v["f"], n=v["n"], s=v["s"], p=v["p"], d=v["d"]):
        return _chw(nn.Conv2d(c, f, v["k"], s, p, d)(torch.zeros(1, c, n, n)))

    assumptions = {"exercises.hint.span": lambda: shape(d=1), "exercises.hint.no_pad": lambda: shape(p=0),
                   "exercises.hint.stride_ignored": lambda: shape(s=1),
                   "exercises.hint.pad_once": lambda: shape(n=v["n"] + v["p"], p=0),
                   "exercises.hint.channels_in": lambda: shape(f=v["c"])}
    for m in ex.mistakes:
        if m.hint in assumptions:
            assert m.wrong == assumptions[m.hint](), m.hint


def test_seeds():
    assert normalize_seed("class-7_b") == "class-7_b"
    assert normalize_seed("") is None and normalize_seed(None) is None and normalize_seed("a b") is None
    assert normalize_seed("x" * 50) == "x" * 32
    fresh = new_seed()
    assert normalize_seed(fresh) == fresh and len(fresh) == 6


# ---------------------------------------------------------------- texts
def _texts(ex: Exercise) -> list[tuple[str, dict]]:
    """Every (key, values) the block may show for this exercise."""
    out = [(ex.prompt, ex.text_values())]
    out += [(s.key, ex.text_values(s.fmt)) for s in ex.steps]
    out += [(m.hint, ex.text_values(m.fmt)) for m in ex.mistakes]
    out += [(label, {}) for label in ex.labels if label.startswith("exercises.")]
    if ex.note:
        out.append((ex.note, ex.text_values()))
    if ex.format_key:
        out.append((ex.format_key, {}))
    return out


@pytest.mark.parametrize("lesson", list(LESSONS))
def test_every_text_exists_in_english_and_korean_with_all_its_values(lesson):
    for s in range(30):
        for i in range(len(LESSONS[lesson])):
            ex = generate(lesson, f"t{s}", i)
            for key, values in _texts(ex):
                assert i18n.has(key), key
                for code in ("en", "ko"):
                    text = i18n.t(key, code, **values)
                    assert not PLACEHOLDER.search(text), (key, code, text)
                assert HANGUL.search(i18n.strings()[key]["ko"]) or key.startswith("exercises.choice."), key


def test_block_and_answer_texts_exist_in_both_languages():
    from pathlib import Path

    import cnnlab.ui.exercises as block

    used = set(re.findall(r'"(exercises\.[a-z_.]+)"', Path(block.__file__).read_text(encoding="utf-8")))
    assert len(used) > 10
    for key in used:
        assert i18n.has(key) and HANGUL.search(i18n.strings()[key]["ko"]), key
    keys = [k for k in i18n.strings() if k.startswith("exercises.")]
    assert len(keys) > 200
    for key in keys:
        assert set(i18n.strings()[key]) >= {"en", "ko"}, key
    for code in ("parse.empty", "parse.not_number", "parse.suffix", "parse.choice", "parse.shape2", "parse.shape3",
                 "hint.generic", "hint.close_float", "hint.close_int", "format.int", "format.float"):
        assert i18n.has(f"exercises.{code}"), code


# ---------------------------------------------------------------- the Streamlit block
def _block_script():
    from cnnlab.ui.exercises import exercise_block

    exercise_block("conv_arithmetic")


def _app(lang: str, seed: str | None = "lesson") -> AppTest:
    at = AppTest.from_function(_block_script, default_timeout=60)
    at.query_params["lang"] = lang
    if seed:
        at.query_params["ex"] = seed
    return at.run()


def _answer(at: AppTest, text: str) -> AppTest:
    at.text_input[0].input(text)
    at.button(key="ex_check_conv_arithmetic").click()
    return at.run()


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_block_accepts_the_right_answer_and_scores_it(lang):
    at = _app(lang)
    assert not at.exception
    ex = generate("conv_arithmetic", "lesson", 0)
    assert i18n.t(ex.prompt, lang, **ex.text_values()) in at.markdown[0].value
    at = _answer(at, answer_text(ex))
    assert not at.exception
    assert at.success[0].value == i18n.t("exercises.correct", lang, answer=answer_text(ex))
    score = i18n.t("exercises.score", lang, correct=1, attempted=1)
    assert any(m.value == score for m in at.markdown)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_block_gives_the_hint_of_a_known_slip_and_reveals_the_steps(lang):
    at = _app(lang)
    ex = generate("conv_arithmetic", "lesson", 0)
    slip = ex.mistakes[0]
    at = _answer(at, answer_text(ex, slip.wrong))
    warning = at.warning[0].value
    assert i18n.t(slip.hint, lang, **ex.text_values(slip.fmt)) in warning
    step = ex.steps[slip.step]
    assert i18n.t(step.key, lang, **ex.text_values(step.fmt)) in warning
    assert not at.code                                   # the worked answer stays hidden until Reveal
    assert any(m.value == i18n.t("exercises.score", lang, correct=0, attempted=1) for m in at.markdown)

    at.button(key="ex_reveal_conv_arithmetic").click()
    at = at.run()
    assert [c.value for c in at.code] == [s.formula for s in ex.steps]
    assert any(m.value == i18n.t("exercises.answer", lang, answer=answer_text(ex)) for m in at.markdown)
    if lang == "ko":
        assert HANGUL.search(warning)


def test_block_new_exercise_keeps_the_seed_and_a_missing_seed_is_written_to_the_url():
    at = _app("en", seed=None)
    seed = at.query_params["ex"]
    seed = seed[0] if isinstance(seed, list) else seed
    assert normalize_seed(seed) == seed
    first = generate("conv_arithmetic", seed, 0)
    assert i18n.t(first.prompt, "en", **first.text_values()) in at.markdown[0].value
    at.button(key="ex_next_conv_arithmetic").click()
    at = at.run()
    second = generate("conv_arithmetic", seed, 1)
    assert i18n.t(second.prompt, "en", **second.text_values()) in at.markdown[0].value
    now = at.query_params["ex"]
    assert (now[0] if isinstance(now, list) else now) == seed


def test_block_puts_the_class_seed_back_when_a_page_switch_drops_the_url():
    at = _app("en", seed="class7")
    del at.query_params["ex"]                 # st.navigation drops the URL's parameters on a page switch
    at = at.run()
    now = at.query_params["ex"]
    assert (now[0] if isinstance(now, list) else now) == "class7"
    first = generate("conv_arithmetic", "class7", 0)
    assert i18n.t(first.prompt, "en", **first.text_values()) in at.markdown[0].value


def test_block_reads_nonsense_input_without_scoring_it():
    at = _app("en")
    at = _answer(at, "12.4M")
    assert at.info[0].value == i18n.t("exercises.parse.suffix", "en")
    assert any(c.value == i18n.t("exercises.score_none", "en") for c in at.caption)


def test_block_with_a_choice_exercise():
    def script():
        from cnnlab.ui.exercises import exercise_block

        exercise_block("architectures")

    seed, index = next((s, i) for s in (f"c{k}" for k in range(50)) for i in range(5)
                       if generate("architectures", s, i).kind == "arch_compare")
    at = AppTest.from_function(script, default_timeout=120)
    at.query_params["ex"] = seed
    at.run()
    for _ in range(index):
        at.button(key="ex_next_architectures").click()
        at.run()
    ex = generate("architectures", seed, index)
    at.radio[0].set_value(ex.answer)
    at.button(key="ex_check_architectures").click()
    at.run()
    assert not at.exception
    assert at.success[0].value == i18n.t("exercises.correct", "en", answer=ex.labels[ex.choices.index(ex.answer)])


def test_a_choice_without_a_pick_asks_for_one():
    ex = _of_kind("degradation", "shortcut_where", "x")
    verdict = check(ex, None)
    assert verdict.status == "unparseable" and verdict.hint == "exercises.parse.choice"
