"""The private structural copy the meta pass runs on, so the caller's model is never written to.

A new object of each module's class with its own ``__dict__``, its own parameter/buffer/child/hook dicts and
meta stand-ins for every tensor, so whatever a forward or a hook writes (``self.cell = self.cell.to(x.device)``,
pruning's ``.weight``, a lazy layer's materialised weight) lands on the copy — not even for a moment on the
model, which another thread (another student) may be running. Layers computed by formula (``READ_ONLY``) are
only read, so they are used in place through a read-only stand-in.

Hooks: on the copy only the hooks that compute the module's own weights run (pruning, weight_norm,
spectral_norm and hooks that are methods of the model's modules, such as a lazy layer's initialiser); hooks
that other code registered to watch real runs (feature-map capture) are left out. Plain Python objects a module
holds (other than tensors, modules and lists/dicts/tuples of them) are shared with the copy, as are the classes.
Each copied module gets a counting subclass of its class (``counted_class``) whose ``__call__`` goes straight
to the counter.
"""
from __future__ import annotations

import operator
import types
import weakref
from collections import OrderedDict
from typing import Any

import torch
from torch import nn
from torch.nn.parameter import is_lazy
from torch.nn.utils.prune import BasePruningMethod
from torch.nn.utils.spectral_norm import SpectralNorm
from torch.nn.utils.weight_norm import WeightNorm
from torch.utils.hooks import RemovableHandle

from cnnlab.errors import term
from cnnlab.summary.errors import Refused
from cnnlab.summary.layers import READ_ONLY
from cnnlab.summary.layout import META


_COUNTED: dict[type, type] = {}  # a module class -> its subclass whose __call__ goes straight to the counter


def _counted_call(module: nn.Module, *args: Any, **kwargs: Any) -> Any:
    run, info = module._cnnlab_call
    return run(module, info, *args, **kwargs)


def counted_class(cls: type) -> type | None:
    """``cls`` with a ``__call__`` that skips nn.Module's hook machinery (the copy has no hooks to run) and a
    slot for (the counter's run, its notes on the module), made once per class; None for a class that cannot be
    subclassed."""
    sub = _COUNTED.get(cls)
    if sub is None:
        try:
            sub = type(cls.__name__, (cls,), {"__call__": _counted_call, "__slots__": ("_cnnlab_call",),
                                              "__module__": cls.__module__, "__qualname__": cls.__qualname__})
        except Exception:  # noqa: BLE001 - a metaclass or __init_subclass__ that refuses: count another way
            return None
        sub = _COUNTED.setdefault(cls, sub)
    return sub


def _computes_weights(hook: Any, originals: dict[int, nn.Module]) -> bool:
    """Hooks that run on the copy: those that compute a module's own tensors (see the module docstring)."""
    if isinstance(hook, (BasePruningMethod, WeightNorm, SpectralNorm)):
        return True
    return isinstance(hook, types.MethodType) and id(hook.__self__) in originals


_ATOMIC = frozenset({int, float, bool, str, type(None), torch.dtype, torch.device, torch.Size})
_CONTAINERS = frozenset({dict, OrderedDict, list, set})
_RUN_HOOKS = ("_forward_pre_hooks", "_forward_hooks")
_NO_RUN = ("_backward_pre_hooks", "_backward_hooks")
_MODULE_KEYS = frozenset(nn.Module().__dict__)  # what nn.Module.__init__ sets on every module
_HOOK_DICTS = tuple(k for k, v in nn.Module().__dict__.items() if type(v) is OrderedDict)
_hook_dicts = operator.itemgetter(*_HOOK_DICTS)
# A copy's empty hook dicts: one shared mapping that nothing can write to. Fewer objects per copy matters:
# every object that outlives a garbage-collector generation brings the next full collection closer.
_NO_HOOKS: Any = types.MappingProxyType({})
_NO_HOOK_STATE = dict.fromkeys(_HOOK_DICTS, _NO_HOOKS)
_TENSOR_DICTS = ("_parameters", "_buffers")


class Copy:
    """A structural copy of a module tree with meta stand-ins, sharing nothing that a forward could write.

    Layers computed by formula (``ANALYTIC``: Conv, BatchNorm, ReLU ...) are only read, never run, so they
    are not copied: a read-only stand-in of a counting subclass shares their attribute dict (a third of the
    cost of a whole summary on a MobileNet otherwise)."""

    def __init__(self, model: nn.Module):
        self.clone_of: dict[int, nn.Module] = {}       # id(original module) -> its copy
        self.stand_in: dict[int, torch.Tensor] = {}    # id(original tensor) -> meta stand-in
        self.originals: list[Any] = []                 # keeps ids unique while the copy lives
        # (name, original, copy, the copy's own parameters), in named_modules order, each module once
        self.modules: list[tuple[str, nn.Module, nn.Module, tuple[torch.Tensor, ...]]] = []
        self.dicts: dict[int, dict] = {}               # id(original dict) -> its copy, for hook handles
        self.trainable: dict[int, bool] = {}           # id(a parameter as the copy sees it) -> requires_grad
        self.handles: list[tuple[RemovableHandle, RemovableHandle]] = []
        self.requires_grad: dict[int, bool] = {}
        states: list[tuple[str, nn.Module, nn.Module, dict | None]] = []
        todo = [("", model)]
        while todo:  # pre-order walk, like named_modules; each module is copied once
            name, module = todo.pop()
            if id(module) in self.clone_of:
                continue
            cls, original = type(module), module.__dict__
            if isinstance(module, torch.jit.ScriptModule):
                raise Refused("not_traceable", term("errors.d_torchscript", name=name or "model"), layer=name)
            counted = counted_class(cls) if cls.__call__ is nn.Module.__call__ else None
            if (cls in READ_ONLY and counted is not None and "forward" not in original
                    and not original["_forward_hooks"] and not original["_forward_pre_hooks"]):
                clone = object.__new__(counted)
                object.__setattr__(clone, "__dict__", original)  # read, never written: see READ_ONLY
                self.clone_of[id(module)] = clone
                states.append((name, module, clone, None))
                continue
            # one atomic copy (another thread may be running this module); hook dicts are nearly always empty
            if any(_hook_dicts(original)):
                state = original.copy()  # hooks may have to run: the module keeps its class and __call__
                clone = object.__new__(cls)
            else:
                state = original | _NO_HOOK_STATE
                clone = object.__new__(counted or cls)  # no __init__, no class-level side effects
            self.clone_of[id(module)] = clone
            children = state["_modules"] = state["_modules"].copy()
            states.append((name, module, clone, state))
            self.originals.append(module)
            todo += [(f"{name}.{key}" if name else key, child) for key, child in reversed(children.items())
                     if child is not None]
        read_only = []
        for name, module, clone, state in states:
            if state is None:  # a read-only stand-in: its parameters are the layer's own (see below)
                read_only.append((len(self.modules), module._parameters.copy()))
                self.modules.append((name, module, clone, ()))
                continue
            # nn.Module's own bookkeeping first, then the class's attributes
            if state["_forward_hooks"] is not _NO_HOOKS:
                for key in _HOOK_DICTS:
                    value = state[key]
                    if key in _RUN_HOOKS and value:
                        value = OrderedDict((i, h) for i, h in value.copy().items()
                                            if _computes_weights(h, self.clone_of))
                    # no gradients in a shape pass; a hook dict left empty is the shared read-only one
                    state[key] = self._copy(value, key=state[key]) if value and key not in _NO_RUN else _NO_HOOKS
            if state["_modules"]:
                state["_modules"] = {k: None if c is None else self.clone_of[id(c)]
                                     for k, c in state["_modules"].items()}
            for key in _TENSOR_DICTS:
                value = state[key]
                state[key] = {k: None if t is None else self._stand_in(t) for k, t in value.copy().items()} \
                    if value else {}
            for k, t in state["_parameters"].items():
                if t is not None:
                    self.trainable[id(t)] = self.requires_grad[id(t)]
            state["_non_persistent_buffers_set"] = set(state["_non_persistent_buffers_set"])
            for key in state.keys() - _MODULE_KEYS:  # the class's own attributes
                value = state[key]
                kind = type(value)
                if kind in _ATOMIC or kind is tuple and all(type(v) in _ATOMIC for v in value):
                    continue
                state[key] = kind() if kind in _CONTAINERS and not value else self._copy(value)
            object.__setattr__(clone, "__dict__", state)
            own = tuple(p for p in state["_parameters"].values() if p is not None)
            self.modules.append((name, module, clone, own))
        for i, params in read_only:
            # a parameter tied to a copied module (weight tying) is counted through that module's stand-in
            own = tuple(self.stand_in.get(id(p), p) for p in params.values() if p is not None)
            self.trainable.update((id(o), p.requires_grad) for o, p in zip(own, [p for p in params.values()
                                                                                    if p is not None]))
            self.modules[i] = (*self.modules[i][:3], own)
        for old, new in self.handles:  # a handle removes its hook from the copy's dicts, never the original's
            new.id = old.id
            new.hooks_dict_ref = weakref.ref(self.dicts.get(id(old.hooks_dict_ref()), OrderedDict()))
            new.extra_dict_ref = tuple(weakref.ref(self.dicts.get(id(r()), OrderedDict())) for r in old.extra_dict_ref)
        self.root = self.clone_of[id(model)]

    def _copy(self, value: Any, depth: int = 0, key: Any = None) -> Any:
        """``value`` with tensors, modules and their bound methods replaced by the copy's; containers copied."""
        kind = type(value)
        if kind in _ATOMIC:
            return value
        if isinstance(value, torch.Tensor):
            return self._stand_in(value)
        if isinstance(value, nn.Module):
            return self.clone_of.get(id(value), value)
        if kind is types.MethodType and id(value.__self__) in self.clone_of:
            return types.MethodType(value.__func__, self.clone_of[id(value.__self__)])
        if kind is RemovableHandle:
            new = RemovableHandle.__new__(RemovableHandle)
            self.handles.append((value, new))
            return new
        if depth > 2:
            return value
        if kind is dict or kind is OrderedDict:
            new = kind((k, self._copy(v, depth + 1)) for k, v in value.copy().items()) if value else kind()
            self.dicts[id(value if key is None else key)] = new
            return new
        if kind is tuple:
            return value if all(type(v) in _ATOMIC for v in value) else tuple(self._copy(v, depth + 1) for v in value)
        if kind is list or kind is set:
            return kind(self._copy(v, depth + 1) for v in value.copy())
        return value

    def _stand_in(self, tensor: torch.Tensor) -> torch.Tensor:
        found = self.stand_in.get(id(tensor))
        if found is None:
            if is_lazy(tensor):
                found = type(tensor)(requires_grad=tensor.requires_grad, device="meta", dtype=tensor.dtype)
            else:  # torch.empty_like would be ~50× slower for a model built on the meta device
                found = torch.empty_strided(tensor.shape, tensor.stride(), dtype=tensor.dtype, device=META)
            self.stand_in[id(tensor)] = found
            self.requires_grad[id(found)] = tensor.requires_grad
            self.originals.append(tensor)
        return found
