"""A tiny layer language for building your own CNN: text -> list[LayerSpec] -> nn.Sequential or PyTorch code.

Grammar (layers separated by ``|``; a newline also separates layers; keywords are case-insensitive)::

    conv OUT [k=K] [s=S] [p=P|same|valid] [d=D] [g=G] [bias=0|1]   defaults k=3 s=1 p=0 d=1 g=1 bias=1
    pool max|avg [k=K] [s=S] [p=P]                                  defaults k=2, s=k, p=0
    relu | sigmoid | tanh | bn | flatten | gap | fc OUT | dropout [P]   (dropout default P=0.5)

``bn`` is BatchNorm2d on a C×H×W tensor and BatchNorm1d on a vector; ``gap`` is global average pooling to C×1×1.
``fc`` after a C×H×W tensor flattens it first (an ``nn.Flatten`` is inserted and shown in the code), because that
is what every classic network does and a student should not have to remember it.
Every error is a ``LayerError`` (a code, its values and the 1-based layer with its text as a ``Where``), worded by
``cnnlab.i18n.errors``: ``layer 2 (conv 16 k=7): …`` in English, ``2번 층(conv 16 k=7): …`` in Korean.
"""
from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Sequence

from cnnlab.arithmetic import conv2d, fmt_int, fmt_shape, linear, pool2d
from cnnlab.codegen import Call, sequential_code
from cnnlab.errors import LayerError, Term, Where, term

if TYPE_CHECKING:  # torch is imported only when a network is actually built
    from torch import nn

__all__ = ["LayerSpec", "SpecRow", "parse_spec", "parse_layer", "split_layers", "spec_rows", "build_spec",
           "spec_to_code", "MAX_PARAMS"]

KINDS = ("conv", "pool", "relu", "sigmoid", "tanh", "bn", "flatten", "fc", "gap", "dropout")
SHAPE_KEEPING = ("relu", "sigmoid", "tanh", "bn", "dropout")  # a broken row of these kinds still has a known shape
# What students coming from other libraries type, mapped to this grammar.
KIND_ALIASES = {"conv2d": "conv", "linear": "fc", "dense": "fc", "maxpool": "pool max", "avgpool": "pool avg",
                "batchnorm": "bn", "batchnorm2d": "bn", "globalavgpool": "gap", "flat": "flatten"}
OPTIONS = {"conv": {"k": 3, "s": 1, "p": 0, "d": 1, "g": 1, "bias": True},  # option -> default
           "pool": {"k": 2, "s": None, "p": 0}, "dropout": {"p": 0.5}}
OPTION_ALIASES = {"kernel": "k", "kernel_size": "k", "stride": "s", "padding": "p", "pad": "p", "dilation": "d",
                  "groups": "g"}
MAX_PARAMS = 300_000_000  # build_spec refuses bigger networks: ~1.2 GB of float32 weights on a shared server


@dataclass(frozen=True)
class LayerSpec:
    """One parsed layer: ``kind`` in KINDS, ``options`` with every default filled in, and the text it came from."""

    kind: str
    options: dict[str, Any] = field(default_factory=dict)
    text: str = ""


@dataclass(frozen=True)
class SpecRow:
    """What one layer does to the shape, for a per-row table; ``error`` is the row's problem (a LayerError, worded
    by ``cnnlab.i18n.errors.error_message`` without the layer label) or None."""

    index: int                                 # 0-based position
    text: str
    kind: str | None
    input_shape: tuple[int, ...] | None
    output_shape: tuple[int, ...] | None
    params: int
    macs: int
    error: LayerError | None


def _label(index: int, text: str) -> Where:
    return Where(index=index, text=text)


def split_layers(text: str) -> list[str]:
    """Split on ``|`` and on line breaks (a line break next to a ``|`` is not an extra separator)."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    joined = ""
    for ln in lines:
        glue = " " if (not joined or joined.endswith("|") or ln.startswith("|")) else " | "
        joined = f"{joined}{glue}{ln}" if joined else ln
    return [" ".join(part.split()) for part in joined.split("|")]


def _suggest(word: str, choices: Sequence[str]) -> Term | None:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return _did_you_mean(close[0]) if close else None


def _did_you_mean(word: str) -> Term:
    return term("errors.did_you_mean", word=word)


def _int(key: str, value: str, minimum: int, label: Where) -> int:
    if not re.fullmatch(r"\d+", value):
        raise LayerError("option_not_whole", label, key=key, value=value, example=max(minimum, 1))
    n = int(value)
    if n < minimum:
        raise LayerError("option_too_small", label, key=key, minimum=minimum, got=n)
    return n


def parse_layer(text: str, index: int = 1) -> LayerSpec:
    """Parse one layer's text (``index`` is the 1-based number used in error messages)."""
    text = " ".join(text.split())
    label = _label(index, text)
    tokens = text.lower().split()
    if not tokens:
        raise LayerError("empty_layer", label)
    kind, args = tokens[0], tokens[1:]
    if kind not in KINDS:
        hint = _did_you_mean(KIND_ALIASES[kind]) if kind in KIND_ALIASES else _suggest(kind, KINDS)
        raise LayerError("unknown_layer", label, kind=kind, suggest=hint, layers=list(KINDS))
    positional = [a for a in args if "=" not in a]
    named = [a for a in args if "=" in a]
    allowed = OPTIONS.get(kind, {})
    options: dict[str, Any] = {}

    if kind in ("conv", "fc"):
        what = term("errors.w_out_channels" if kind == "conv" else "errors.w_out_features")
        if not positional:
            raise LayerError("needs_out", label, kind=kind, what=what)
        if not re.fullmatch(r"\d+", positional[0]) or int(positional[0]) < 1:
            raise LayerError("bad_out", label, what=what, got=positional[0], kind=kind)
        options["out"] = int(positional.pop(0))
    elif kind == "pool":
        if not positional or positional[0] not in ("max", "avg"):
            got = term("errors.got", value=positional[0]) if positional else None
            raise LayerError("pool_needs_type", label, got=got)
        options["mode"] = positional.pop(0)
    elif kind == "dropout" and positional:
        named.insert(0, f"p={positional.pop(0)}")  # `dropout 0.3` is `dropout p=0.3`
    if positional or (named and not allowed):
        if not allowed:
            raise LayerError("no_options", label, kind=kind, got=(positional or named)[0])
        raise LayerError("unexpected_token", label, got=positional[0], options=[k + "=…" for k in allowed])

    for item in named:
        key, _, value = item.partition("=")
        key = key if kind == "dropout" else OPTION_ALIASES.get(key, key)
        if key not in allowed:
            raise LayerError("unknown_option", label, key=key, kind=kind, suggest=_suggest(key, list(allowed)),
                             options=list(allowed))
        if key in options:
            raise LayerError("option_twice", label, key=key)
        if not value:
            raise LayerError("option_no_value", label, key=key)
        options[key] = _option_value(kind, key, value, label)
    for key, default in allowed.items():
        options.setdefault(key, default)
    if kind == "pool" and options["s"] is None:
        options["s"] = options["k"]  # as in torch: stride defaults to the kernel
    return LayerSpec(kind, options, text)


def _option_value(kind: str, key: str, value: str, label: Where) -> Any:
    if kind == "dropout":
        try:
            p = float(value)
        except ValueError:
            p = -1.0
        if not 0.0 <= p <= 1.0:
            raise LayerError("dropout_probability", label, value=value)
        return p
    if key == "p" and value in ("same", "valid"):
        if kind == "pool":
            raise LayerError("pool_padding_not_number", label, value=value)
        return value
    if key == "bias":
        if value not in ("0", "1"):
            raise LayerError("bias_value", label, value=value)
        return value == "1"
    return _int(key, value, 0 if key == "p" else 1, label)


def parse_spec(text: str) -> list[LayerSpec]:
    """Parse a whole spec such as ``"conv 16 k=1 | relu | conv 32 k=5 p=same"``; raises LayerError."""
    parts = split_layers(text)
    if parts == [""]:
        raise LayerError("empty_spec")
    return [parse_layer(part, i + 1) for i, part in enumerate(parts)]


def _check_input(input_size: Sequence[int]) -> tuple[int, int, int]:
    if (not isinstance(input_size, (tuple, list)) or len(input_size) != 3
            or not all(isinstance(v, int) and not isinstance(v, bool) and v >= 1 for v in input_size)):
        raise LayerError("bad_spec_input", got=repr(input_size))
    return tuple(input_size)  # type: ignore[return-value]


def _infer(spec: LayerSpec, shape: tuple[int, ...], label: Where) -> tuple[tuple[int, ...], int, int]:
    """(output shape, params, MACs) of one layer on an input shape (C, H, W) or (features,)."""
    o = spec.options
    kind = spec.kind
    if kind in ("conv", "pool", "gap") and len(shape) != 3:
        raise LayerError("needs_image", label, kind=kind, features=shape[0])
    if kind == "conv":
        a = conv2d(shape[1:], shape[0], o["out"], o.get("k", 3), o.get("s", 1), o.get("p", 0), o.get("d", 1),
                   o.get("g", 1), o.get("bias", True), layer=label)
        return a.output_shape, a.params, a.macs
    if kind == "pool":
        k = o.get("k", 2)
        a = pool2d(shape[1:], shape[0], k, o.get("s") or k, o.get("p", 0), mode=o["mode"], layer=label)
        return a.output_shape, 0, 0
    if kind == "gap":
        return (shape[0], 1, 1), 0, 0
    if kind == "flatten":
        return (math.prod(shape),), 0, 0
    if kind == "fc":
        a = linear(math.prod(shape), o["out"])
        return (o["out"],), a.params, a.macs
    if kind == "bn":
        return shape, 2 * shape[0], 0  # weight and bias per channel; running stats are buffers
    if kind in ("relu", "sigmoid", "tanh", "dropout"):
        return shape, 0, 0
    raise LayerError("unknown_layer", label, kind=kind, suggest=None, layers=list(KINDS))


def spec_rows(layers: str | Sequence[LayerSpec | str], input_size: Sequence[int]) -> list[SpecRow]:
    """Shape, params and MACs per layer; keeps going after an error while the shape is still known."""
    items = split_layers(layers) if isinstance(layers, str) else list(layers)
    shape: tuple[int, ...] | None = _check_input(input_size)
    broken_at = 0  # 1-based layer whose error made the shape unknown
    rows: list[SpecRow] = []
    for i, item in enumerate(items):
        text = item.text if isinstance(item, LayerSpec) else " ".join(str(item).split())
        label = _label(i + 1, text)
        kind = item.kind if isinstance(item, LayerSpec) else (text.lower().split() or [None])[0]
        kind = kind if kind in KINDS else None
        try:
            spec = item if isinstance(item, LayerSpec) else parse_layer(text, i + 1)
        except LayerError as e:
            rows.append(SpecRow(i, text, kind, shape, None, 0, 0, e))
            if kind not in SHAPE_KEEPING and shape is not None:
                shape, broken_at = None, i + 1
            continue
        if shape is None:
            rows.append(SpecRow(i, text, kind, None, None, 0, 0, LayerError("depends_on", label, row=broken_at)))
            continue
        try:
            out, params, macs = _infer(spec, shape, label)
        except LayerError as e:
            rows.append(SpecRow(i, text, kind, shape, None, 0, 0, e))
            if kind not in SHAPE_KEEPING:
                shape, broken_at = None, i + 1
            continue
        rows.append(SpecRow(i, text, kind, shape, out, params, macs, None))
        shape = out
    return rows


def _layers(layers: str | Sequence[LayerSpec | str]) -> list[LayerSpec]:
    if isinstance(layers, str):
        return parse_spec(layers)
    return [x if isinstance(x, LayerSpec) else parse_layer(str(x), i + 1) for i, x in enumerate(layers)]


def _plan(layers: str | Sequence[LayerSpec | str], input_size: Sequence[int]
          ) -> list[tuple[int, LayerSpec, tuple[int, ...], tuple[int, ...], int]]:
    """Validate everything; (1-based index, spec, input shape, output shape, params) per layer or the first error."""
    specs = _layers(layers)
    if not specs:
        raise LayerError("empty_spec")
    shape: tuple[int, ...] = _check_input(input_size)
    plan = []
    for i, spec in enumerate(specs, start=1):
        out, params, _ = _infer(spec, shape, _label(i, spec.text))
        plan.append((i, spec, shape, out, params))
        shape = out
    return plan


def _calls(spec: LayerSpec, shape: tuple[int, ...]) -> list[Call]:
    """The PyTorch constructor calls of one layer (an ``fc`` on a C×H×W tensor gets its ``nn.Flatten`` first)."""
    o = spec.options
    if spec.kind == "conv":
        kwargs = [("kernel_size", o.get("k", 3))]
        for name, value, default in (("stride", o.get("s", 1), 1), ("padding", o.get("p", 0), 0),
                                     ("dilation", o.get("d", 1), 1), ("groups", o.get("g", 1), 1)):
            if value != default and value != "valid":
                kwargs.append((name, value))
        if not o.get("bias", True):
            kwargs.append(("bias", False))
        return [Call("Conv2d", (shape[0], o["out"]), tuple(kwargs))]
    if spec.kind == "pool":
        k = o.get("k", 2)
        kwargs = [("kernel_size", k)]
        if (o.get("s") or k) != k:
            kwargs.append(("stride", o["s"]))
        if o.get("p", 0):
            kwargs.append(("padding", o["p"]))
        return [Call("MaxPool2d" if o["mode"] == "max" else "AvgPool2d", (), tuple(kwargs))]
    if spec.kind == "fc":
        flatten = [Call("Flatten")] if len(shape) > 1 else []
        return flatten + [Call("Linear", (math.prod(shape), o["out"]))]
    if spec.kind == "bn":
        return [Call(f"BatchNorm{'2' if len(shape) == 3 else '1'}d", (shape[0],))]
    if spec.kind == "dropout":
        return [Call("Dropout", (), (("p", o.get("p", 0.5)),))]
    return [Call({"relu": "ReLU", "sigmoid": "Sigmoid", "tanh": "Tanh", "flatten": "Flatten",
                  "gap": "AdaptiveAvgPool2d"}[spec.kind], (1,) if spec.kind == "gap" else ())]


def build_spec(layers: str | Sequence[LayerSpec | str], input_size: tuple[int, int, int], *,
               max_params: int | None = MAX_PARAMS) -> "nn.Sequential":
    """Validate the spec against the input shape and build it as an ``nn.Sequential``; raises LayerError."""
    from torch import nn

    plan = _plan(layers, input_size)
    total = sum(p for *_, p in plan)
    if max_params is not None and total > max_params:
        i, spec, *_ = max(plan, key=lambda row: row[4])
        raise LayerError("too_many_params", _label(i, spec.text), total=total, limit=max_params)
    return nn.Sequential(*(call.build() for _, spec, shape, _, _ in plan for call in _calls(spec, shape)))


def spec_to_code(layers: str | Sequence[LayerSpec | str], input_size: tuple[int, int, int],
                 class_name: str = "MyNet") -> str:
    """Copy-pasteable PyTorch code for the spec: an nn.Module class whose comments show each output shape."""
    plan = _plan(layers, input_size)
    lines: list[tuple[Call, str]] = []
    for i, spec, shape, out, _ in plan:
        calls = _calls(spec, shape)
        for call in calls[:-1]:  # the auto-inserted Flatten before fc
            lines.append((call, f"(fc needs a vector) → {fmt_int(math.prod(shape))}"))
        lines.append((calls[-1], f"layer {i}: {spec.text} → {fmt_shape(out)}"))
    text = " | ".join(spec.text for _, spec, *_ in plan)
    return sequential_code(class_name, lines, input_size, plan[-1][3], sum(p for *_, p in plan), text)
