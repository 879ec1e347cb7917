"""The architectures of the lessons, by name: ``build("vgg16", batch_norm=True, head="gap", num_classes=10)``.

Every builder takes ``in_channels`` and ``num_classes`` and works on 28×28, 32×32 and 224×224 inputs (where a
classic design needs a fixed map size, adaptive pooling provides it — each module says where).
``MODELS`` maps a name to its ``ModelInfo``: title, lesson ("classic", "inception", "residual", "training"),
default input (C, H, W), every option with its default, and the builder.
"""
from __future__ import annotations

import ast
import difflib
import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from types import ModuleType
from typing import Any

from torch import nn

from cnnlab.models import alexnet as _alexnet
from cnnlab.models import inception as _inception
from cnnlab.models import lenet as _lenet
from cnnlab.models import nin as _nin
from cnnlab.models import resnet as _resnet
from cnnlab.models import vgg as _vgg
from cnnlab.models.alexnet import AlexNet, alexnet
from cnnlab.errors import term
from cnnlab.models.errors import ModelError
from cnnlab.models.inception import GoogLeNet, GoogLeNetOutput, Inception, googlenet, inception_module
from cnnlab.models.lenet import LeNet5, lenet5
from cnnlab.models.nin import NiN, nin
from cnnlab.models.resnet import (BasicBlock, Bottleneck, PreActBasicBlock, PreActBottleneck, ResNet,
                                  ZeroPadShortcut, cifar_resnet, resnet)
from cnnlab.models.vgg import VGG, small_vgg, vgg

__all__ = [
    "build", "MODELS", "ModelInfo", "ModelError", "model_names", "model_source",
    "LeNet5", "AlexNet", "VGG", "NiN", "Inception", "GoogLeNet", "GoogLeNetOutput", "ResNet",
    "BasicBlock", "Bottleneck", "PreActBasicBlock", "PreActBottleneck", "ZeroPadShortcut",
    "lenet5", "alexnet", "vgg", "small_vgg", "nin", "googlenet", "inception_module", "resnet", "cifar_resnet",
]


@dataclass(frozen=True)
class ModelInfo:
    """One registry entry; ``options`` holds every accepted option with its default (in_channels, num_classes too)."""
    name: str
    title: str
    lesson: str
    default_input: tuple[int, int, int]
    options: dict[str, Any]
    builder: Callable[..., nn.Module]
    source: tuple[str, ...] = field(default=(), repr=False)  # module-level names shown by model_source()
    module: ModuleType | None = field(default=None, repr=False)


MODELS: dict[str, ModelInfo] = {}


def _register(name: str, title: str, lesson: str, default_input: tuple[int, int, int], builder: Callable,
              module: ModuleType, source: tuple[str, ...], fixed: dict | None = None, **defaults: Any) -> None:
    """Options = the builder's keyword defaults (minus ``fixed`` ones) updated by ``defaults``."""
    fixed = fixed or {}
    params = inspect.signature(builder).parameters
    options = {k: p.default for k, p in params.items() if k not in fixed and p.default is not inspect.Parameter.empty}
    options.update(defaults)
    MODELS[name] = ModelInfo(name, title, lesson, default_input, options,
                             partial(builder, **fixed) if fixed else builder, source, module)


_LENET = ("ACTIVATIONS", "LeNet5", "lenet5")
_register("lenet5", "LeNet-5", "classic", (1, 32, 32), lenet5, _lenet, _LENET)
_register("lenet5_modern", "LeNet-5 (ReLU + max pool)", "classic", (1, 32, 32), lenet5, _lenet, _LENET, classic=False)
_register("alexnet", "AlexNet", "classic", (3, 224, 224), alexnet, _alexnet, ("cfgs", "make_layers", "AlexNet", "alexnet"))
for _depth, _cfg in ((11, "A"), (13, "B"), (16, "D"), (19, "E")):
    _register(f"vgg{_depth}", f"VGG-{_depth}", "classic", (3, 224, 224), vgg, _vgg,
              ("cfgs", "make_layers", "VGG", "vgg"), fixed={"cfg": _cfg})
_register("small_vgg", "Small VGG (digits)", "training", (1, 28, 28), small_vgg, _vgg,
          ("cfgs", "make_layers", "VGG", "small_vgg"))
_register("nin", "Network in Network", "inception", (3, 32, 32), nin, _nin, ("cfg", "nin_block", "NiN", "nin"))
_register("inception", "Inception module", "inception", (192, 28, 28), inception_module, _inception,
          ("conv_relu", "Inception", "InceptionDemo", "inception_module"))
_register("googlenet", "GoogLeNet", "inception", (3, 224, 224), googlenet, _inception,
          ("conv_relu", "Inception", "InceptionAux", "GoogLeNetOutput", "cfg", "GoogLeNet", "googlenet"))
_RESNET = ("conv3x3", "conv1x1", "ZeroPadShortcut", "make_shortcut", "BasicBlock", "Bottleneck", "ResNet")
for _depth in (18, 34, 50, 101, 152):
    _register(f"resnet{_depth}", f"ResNet-{_depth}", "residual", (3, 224, 224), resnet, _resnet,
              _RESNET + ("imagenet_layers", "resnet"), fixed={"depth": _depth})
for _depth in (20, 32, 44, 56, 110):
    _register(f"plain{_depth}", f"Plain-{_depth} (CIFAR)", "residual", (3, 32, 32), cifar_resnet, _resnet,
              _RESNET + ("cifar_resnet",), fixed={"depth": _depth}, residual=False)
    _register(f"resnet{_depth}", f"ResNet-{_depth} (CIFAR)", "residual", (3, 32, 32), cifar_resnet, _resnet,
              _RESNET + ("cifar_resnet",), fixed={"depth": _depth})
_register("cifar_resnet", "CIFAR ResNet (6n+2)", "residual", (3, 32, 32), cifar_resnet, _resnet,
          _RESNET + ("cifar_resnet",))


def model_names() -> list[str]:
    """Every registered name, in lesson order."""
    return list(MODELS)


def _info(name: str) -> ModelInfo:
    if name not in MODELS:
        close = difflib.get_close_matches(name, MODELS, n=3, cutoff=0.5)
        hint = term("errors.did_you_mean_any", words=close) if close else None
        raise ModelError("unknown_model", name=name, suggest=hint, known=list(MODELS))
    return MODELS[name]


def build(name: str, **options: Any) -> nn.Module:
    """The network ``name`` with ``options`` over its defaults; ModelError for unknown names or options."""
    info = _info(name)
    unknown = sorted(set(options) - set(info.options))
    if unknown:
        raise ModelError("unknown_model_option", name=name, options=unknown, valid=list(info.options))
    return info.builder(**{**info.options, **options})


def _definition(module: ModuleType, name: str) -> str:
    """Source text of a class, function or module-level assignment (config tables) in ``module``."""
    obj = getattr(module, name)
    if inspect.isclass(obj) or inspect.isfunction(obj):
        return inspect.getsource(obj)
    text = inspect.getsource(module)
    for node in ast.parse(text).body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        if any(isinstance(t, ast.Name) and t.id == name for t in targets):
            return ast.get_source_segment(text, node) + "\n"
    raise ModelError("no_definition", name=name, module=module.__name__)


def model_source(name: str) -> str:
    """Readable PyTorch source of the network: its config tables, block classes and builder."""
    info = _info(name)
    assert info.module is not None
    header = f"# {info.module.__name__.replace('.', '/')}.py — {info.title}"
    func = getattr(info.builder, "func", info.builder)
    defaults = {k: p.default for k, p in inspect.signature(func).parameters.items()}
    # what this name sets beyond its builder's own defaults (the depth of "vgg16", residual=False of "plain20")
    changed = {**getattr(info.builder, "keywords", {}),
               **{k: v for k, v in info.options.items() if defaults.get(k, v) != v}}
    if changed:
        call = ", ".join(f"{k}={v!r}" for k, v in changed.items())
        header += f"\n# build({name!r}) = {func.__name__}({call})"
    return "\n\n".join([header] + [_definition(info.module, n).rstrip() + "\n" for n in info.source])
