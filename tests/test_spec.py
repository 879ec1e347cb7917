"""The layer-spec language: parsing, malformed input, shapes and counts against torch, generated code."""
from __future__ import annotations

import contextlib
import io

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from torch import nn

from cnnlab.arithmetic import LayerError
from cnnlab.spec import LayerSpec, build_spec, parse_spec, spec_rows, spec_to_code


def test_defaults_match_the_grammar():
    conv, pool, avg, drop = parse_spec("conv 16 | pool max | pool avg k=3 | dropout")
    assert conv == LayerSpec("conv", {"out": 16, "k": 3, "s": 1, "p": 0, "d": 1, "g": 1, "bias": True}, "conv 16")
    assert pool.options == {"mode": "max", "k": 2, "s": 2, "p": 0}
    assert avg.options == {"mode": "avg", "k": 3, "s": 3, "p": 0}  # stride defaults to the kernel
    assert drop.options == {"p": 0.5}


def test_every_option_is_read():
    (conv,) = parse_spec("conv 8 k=5 s=2 p=2 d=2 g=4 bias=0")
    assert conv.options == {"out": 8, "k": 5, "s": 2, "p": 2, "d": 2, "g": 4, "bias": False}
    assert parse_spec("conv 8 p=same")[0].options["p"] == "same"
    assert parse_spec("conv 8 p=valid")[0].options["p"] == "valid"
    assert parse_spec("dropout 0.25")[0].options == {"p": 0.25}
    assert parse_spec("fc 10")[0].options == {"out": 10}
    assert [s.kind for s in parse_spec("relu|sigmoid|tanh|bn|flatten|gap")] == [
        "relu", "sigmoid", "tanh", "bn", "flatten", "gap"]


def test_case_whitespace_and_line_breaks_are_forgiven():
    specs = parse_spec("  CONV 16   K=3 \n relu\n| pool MAX\n\n")
    assert [s.kind for s in specs] == ["conv", "relu", "pool"]
    assert specs[0].text == "CONV 16 K=3" and specs[0].options["k"] == 3


@pytest.mark.parametrize("text, message", [
    ("", "the spec is empty"),
    ("conv 16 || relu", "layer 2 (): empty layer"),
    ("conv", "layer 1 (conv): conv needs the number of output channels"),
    ("conv sixteen", "whole number of at least 1, got 'sixteen'"),
    ("conv 0", "at least 1, got '0'"),
    ("linear 10", "unknown layer 'linear' — did you mean 'fc'?"),
    ("reluu", "did you mean 'relu'?"),
    ("conv 16 kk=3", "unknown option 'kk' for conv — did you mean 'k'?"),
    ("conv 16 k=3 k=5", "option 'k' is given twice"),
    ("conv 16 k", "unexpected 'k' — options are written key=value"),
    ("conv 16 k=-1", "k must be a whole number, got '-1'"),
    ("conv 16 k=0", "k must be at least 1"),
    ("conv 16 p=half", "p must be a whole number"),
    ("conv 16 bias=yes", "bias is 0 or 1"),
    ("conv 16 k=", "option 'k' has no value"),
    ("pool", "pool needs its type"),
    ("pool min", "pool needs its type: write 'pool max' or 'pool avg', got 'min'"),
    ("pool max p=same", "pooling padding is a number"),
    ("pool max d=2", "unknown option 'd' for pool"),
    ("relu 3", "relu takes no options, got '3'"),
    ("bn k=3", "bn takes no options"),
    ("fc", "fc needs the number of output features"),
    ("fc 10 20", "fc takes no options, got '20'"),
    ("dropout 1.5", "between 0 and 1"),
    ("dropout x", "between 0 and 1"),
    ("relu | conv 4 | pool max | convv 3", "layer 4 (convv 3): unknown layer 'convv'"),
])
def test_malformed_specs_raise_layer_error_naming_the_layer(text, message):
    with pytest.raises(LayerError) as info:
        parse_spec(text)
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_impossible_layer_message_is_the_documented_one():
    with pytest.raises(LayerError) as info:
        build_spec("relu | conv 16 k=7", (3, 4, 4))
    assert str(info.value) == ("layer 2 (conv 16 k=7): kernel 7 is larger than the padded input 4×4 "
                               "— lower k or add padding")


@pytest.mark.parametrize("text, message", [
    ("fc 10 | conv 4", "layer 2 (conv 4): conv needs a C×H×W input but gets a vector of 10 features"),
    ("flatten | gap", "gap needs a C×H×W input"),
    ("conv 8 s=2 p=same", "padding 'same' works only with stride 1"),
    ("conv 6 g=4", "not divisible by groups 4"),
    ("pool max k=3 p=2", "more than half the kernel"),
    ("pool max k=9", "kernel 9 is larger than the padded input"),
])
def test_shape_errors_name_the_layer(text, message):
    with pytest.raises(LayerError, match=None) as info:
        build_spec(text, (3, 8, 8))
    assert message in str(info.value)


@pytest.mark.parametrize("size", [(3, 8), (0, 8, 8), (3, 8, "8"), "3,8,8"])
def test_bad_input_size_is_rejected(size):
    with pytest.raises(LayerError, match="C,H,W"):
        spec_rows("relu", size)


def _checks(layers, input_size) -> list[tuple[int, str | None]]:
    return [(row.index, row.error.message if row.error else None) for row in spec_rows(layers, input_size)]


def test_spec_rows_keep_going_while_the_shape_is_known_and_mark_dependents():
    rows = _checks(["conv 16", "reluu", "relu", "dropout 3", "conv 8 k=99", "fc 10", "pool"], (3, 8, 8))
    assert rows[0] == (0, None)
    assert rows[1][1].startswith("unknown layer 'reluu'")  # unknown kind: the shape after it is unknown
    assert rows[2] == (2, "depends on layer 2, which has a problem")
    assert rows[6][1].startswith("pool needs its type")  # its own parse error beats "depends on"
    rows = _checks("conv 16 | dropout 3 | relu | conv 8 k=99 | fc 10", (3, 8, 8))
    assert rows[1][1].startswith("dropout takes a probability")
    assert rows[2] == (2, None)  # dropout keeps the shape, so the next rows are still checked
    assert rows[3][1].startswith("kernel 99 is larger than the padded input 6×6")
    assert rows[4] == (4, "depends on layer 4, which has a problem")
    assert _checks("conv 4 | relu", (3, 8, 8)) == [(0, None), (1, None)]


def test_fc_after_an_image_tensor_flattens_it_first():
    model = build_spec("conv 4 | fc 10", (3, 8, 8))
    assert [type(m) for m in model] == [nn.Conv2d, nn.Flatten, nn.Linear]
    assert model[2].in_features == 4 * 6 * 6
    assert model(torch.zeros(2, 3, 8, 8)).shape == (2, 10)


def test_bn_is_2d_on_images_and_1d_on_vectors():
    model = build_spec("conv 4 | bn | flatten | bn", (3, 5, 5))
    assert isinstance(model[1], nn.BatchNorm2d) and isinstance(model[3], nn.BatchNorm1d)
    assert model[3].num_features == 4 * 3 * 3


def test_too_big_networks_are_refused_before_allocating():
    with pytest.raises(LayerError, match=r"layer 1 \(fc 100000\): the network would have"):
        build_spec("fc 100000", (3, 224, 224))


# --- the lesson's numbers through the spec ---

def test_lesson_conv_example_has_760_params_and_fc_twin_31_467_520():
    rows = spec_rows("conv 10 k=5 p=2", (3, 32, 32))
    assert rows[0].output_shape == (10, 32, 32) and rows[0].params == 760
    assert sum(p.numel() for p in build_spec("conv 10 k=5 p=2", (3, 32, 32)).parameters()) == 760
    assert spec_rows("flatten | fc 10240", (3, 32, 32))[1].params == 31_467_520


def test_lesson_bottleneck_macs_through_the_spec():
    assert spec_rows("conv 32 k=5 p=same", (192, 28, 28))[0].macs == 120_422_400
    rows = spec_rows("conv 16 k=1 | relu | conv 32 k=5 p=same", (192, 28, 28))
    assert [r.macs for r in rows] == [2_408_448, 0, 10_035_200]
    assert sum(r.macs for r in rows) == 12_443_648


def test_lenet_through_the_spec_shrinks_height_and_grows_channels():
    text = "conv 6 k=5 | sigmoid | pool avg | conv 16 k=5 | sigmoid | pool avg | fc 120 | tanh | fc 84 | tanh | fc 10"
    rows = spec_rows(text, (1, 32, 32))
    assert [r.output_shape for r in rows if r.kind in ("conv", "pool")] == [
        (6, 28, 28), (6, 14, 14), (16, 10, 10), (16, 5, 5)]
    model = build_spec(text, (1, 32, 32))
    assert sum(r.params for r in rows) == sum(p.numel() for p in model.parameters()) == 61_706


# --- property: the spec's shapes, params and MACs are torch's ---

LAYER = st.one_of(
    st.builds(lambda o, k, s, p, g: f"conv {o} k={k} s={s} p={p} g={g}", st.sampled_from([2, 4, 6]),
              st.integers(1, 4), st.integers(1, 2), st.sampled_from(["0", "1", "2", "same", "valid"]),
              st.sampled_from([1, 2])),
    st.builds(lambda m, k, s, p: f"pool {m} k={k} s={s} p={p}", st.sampled_from(["max", "avg"]),
              st.integers(1, 3), st.integers(1, 3), st.integers(0, 1)),
    st.sampled_from(["relu", "sigmoid", "tanh", "bn", "dropout 0.3", "flatten", "gap", "fc 5"]),
)


@pytest.mark.filterwarnings("ignore:Using padding='same'")
@settings(max_examples=120)
@given(layers=st.lists(LAYER, min_size=1, max_size=6), c=st.sampled_from([2, 4]), hw=st.integers(1, 10))
def test_spec_shapes_params_and_macs_equal_torch(layers, c, hw):
    rows = spec_rows(layers, (c, hw, hw))
    errors = [r for r in rows if r.error]
    if errors:
        bad = errors[0]
        spec = parse_spec(bad.text)[0]
        o = spec.options
        if spec.kind in ("conv", "pool") and len(bad.input_shape) == 3:
            # the first problem is a layer torch itself refuses on that input
            with pytest.raises((RuntimeError, ValueError)):
                if spec.kind == "conv":
                    layer = nn.Conv2d(bad.input_shape[0], o["out"], o["k"], o["s"], o["p"], groups=o["g"])
                else:
                    layer = (nn.MaxPool2d if o["mode"] == "max" else nn.AvgPool2d)(o["k"], o["s"], o["p"])
                layer(torch.zeros(1, *bad.input_shape))
        return
    model = build_spec(layers, (c, hw, hw)).eval()
    macs = []

    def count(module, inputs, output):
        if isinstance(module, nn.Conv2d):
            macs.append(output.numel() * module.weight.shape[1] * module.weight.shape[2] * module.weight.shape[3])
        elif isinstance(module, nn.Linear):
            macs.append(module.in_features * module.out_features)

    for m in model:
        m.register_forward_hook(count)
    out = model(torch.zeros(1, c, hw, hw))
    assert tuple(out.shape[1:]) == rows[-1].output_shape
    assert sum(r.params for r in rows) == sum(p.numel() for p in model.parameters())
    assert sum(r.macs for r in rows) == sum(macs)


# --- generated code ---

def test_generated_code_runs_and_builds_the_same_network():
    text = ("conv 16 k=1 | relu | conv 32 k=5 p=same | pool max | bn | conv 8 k=3 s=2 p=valid g=2 bias=0 "
            "| gap | fc 10 | dropout 0.2")
    code = spec_to_code(text, (192, 28, 28), class_name="Bottleneck")
    namespace: dict = {}
    with contextlib.redirect_stdout(io.StringIO()) as printed:
        exec(compile(code, "<spec_to_code>", "exec"), namespace)
    model = namespace["model"]
    built = build_spec(text, (192, 28, 28))
    assert type(model).__name__ == "Bottleneck"
    assert {k: v.shape for k, v in model.layers.state_dict().items()} == {
        k: v.shape for k, v in built.state_dict().items()}
    assert [repr(m) for m in model.layers] == [repr(m) for m in built]
    assert "torch.Size([1, 10])" in printed.getvalue()
    assert "# layer 3: conv 32 k=5 p=same → 32×28×28" in code
    assert "# (fc needs a vector) → 8" in code


def test_generated_code_rejects_a_bad_class_name():
    with pytest.raises(LayerError, match="class name"):
        spec_to_code("relu", (1, 4, 4), class_name="my net")
