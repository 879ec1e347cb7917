"""A private copy of a shared model: the same classes and structure, with module state of its own.

A classroom is many students in one process, and the loaded models (``st.cache_resource``) are shared by all of
them, so nothing may write to one — not ``model.eval()``, not a hook, not a ReLU's ``inplace`` flag. Work that
needs to do such things does them on ``private_copy(model)``::

    mine = private_copy(model)                 # ~5 µs per module; the weights are not copied
    mine.eval()
    mine.features[0].register_forward_hook(…)  # lands on the copy; ``model`` never sees it

Each module becomes a new object of its class with a shallow copy of its ``__dict__``: its own ``_modules``,
``_parameters``, ``_buffers`` and hook dicts, so ``train()``/``eval()``, hooks and attribute writes stay on the
copy. The tensors are the model's own storage, *detached* (no autograd history reaches the shared weights and no
``.grad`` is written to them; gradients with respect to the input still flow) — or, with ``meta=True``, stand-ins
on PyTorch's meta device (shapes only, for tracing). Hooks already on the model are carried over (pruning and
weight normalisation compute weights in them), rebound to the copy where they are methods of its modules.
"""
from __future__ import annotations

import types
from collections import OrderedDict
from typing import Any

import torch
from torch import nn
from torch.nn.parameter import is_lazy

__all__ = ["private_copy"]

_HOOK_DICTS = tuple(k for k, v in nn.Module().__dict__.items() if type(v) is OrderedDict and "hook" in k)


def private_copy(model: nn.Module, *, meta: bool = False) -> nn.Module:
    """A copy of ``model`` that can be hooked, switched to eval and run without touching ``model``.

    Tensors are shared and detached, or meta stand-ins with ``meta=True``. A module that appears twice in the
    tree (weight tying, a ReLU called from two places) is copied once, so the copy has the same structure.
    """
    clones: dict[int, nn.Module] = {}
    tensors: dict[int, torch.Tensor] = {}

    def tensor(t: torch.Tensor | None) -> torch.Tensor | None:
        if t is None:
            return None
        found = tensors.get(id(t))
        if found is None:
            if meta:
                if is_lazy(t):
                    raise ValueError("a lazy layer has no shape yet: run one real forward first")
                found = torch.empty_strided(t.shape, t.stride(), dtype=t.dtype, device="meta")
            else:
                found = t.detach()
            tensors[id(t)] = found
        return found

    def rebound(hook: Any) -> Any:
        if isinstance(hook, types.MethodType) and id(hook.__self__) in clones:
            return types.MethodType(hook.__func__, clones[id(hook.__self__)])
        return hook

    order: list[tuple[nn.Module, dict]] = []
    todo = [model]
    while todo:
        module = todo.pop()
        if id(module) in clones:
            continue
        state = module.__dict__.copy()  # one atomic read: another thread may be running this module
        clone = object.__new__(type(module))  # no __init__: nothing but the copied state
        clones[id(module)] = clone
        state["_modules"] = state["_modules"].copy()
        order.append((clone, state))
        todo += [child for child in state["_modules"].values() if child is not None]
    for clone, state in order:
        state["_modules"] = {k: None if c is None else clones[id(c)] for k, c in state["_modules"].items()}
        state["_parameters"] = {k: tensor(t) for k, t in state["_parameters"].copy().items()}
        state["_buffers"] = {k: tensor(t) for k, t in state["_buffers"].copy().items()}
        state["_non_persistent_buffers_set"] = set(state["_non_persistent_buffers_set"])
        for key in _HOOK_DICTS:
            if key in state:
                state[key] = OrderedDict((i, rebound(h)) for i, h in state[key].copy().items())
        object.__setattr__(clone, "__dict__", state)
    return clones[id(model)]
