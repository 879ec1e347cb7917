"""The counting: a TorchDispatchMode that sees every ATen op of the meta pass, and the module frames around them.

Per module call (a frame): MACs of its convolutions and matrix products (``ops.MAC_RULES``) and the parameters
it is first to *use* — so a layer called twice is counted once for parameters and twice for MACs, and weights
used functionally (MultiheadAttention) are still found. Along every tensor it carries a receptive field
``(rf, jump)`` through residual adds and concatenations (or ``GLOBAL``: the tensor sees the whole input).
Layers computed by formula (``layers.ANALYTIC``) run inside their frame without dispatching any op.
"""
from __future__ import annotations

import functools
from collections import OrderedDict
from typing import TYPE_CHECKING, Any, Callable

import torch
from torch import nn
from torch.nn.parameter import is_lazy
from torch.utils._python_dispatch import TorchDispatchMode

from cnnlab.arithmetic import adaptive_window, receptive_field_step
from cnnlab.summary.layers import ANALYTIC
from cnnlab.summary.ops import GLOBAL, OPS, OTHER_OP, flattens, window_of
from cnnlab.summary.result import LayerRow

if TYPE_CHECKING:
    from cnnlab.summary.copy import Copy


def collect(obj: Any, acc: list[torch.Tensor]) -> None:
    """Append every tensor in nested tuples/lists/dicts to ``acc`` (a lean tree_flatten: this runs per op)."""
    if isinstance(obj, torch.Tensor):
        acc.append(obj)
    elif isinstance(obj, (tuple, list, dict)):
        for item in obj.values() if isinstance(obj, dict) else obj:
            if isinstance(item, torch.Tensor):
                acc.append(item)
            elif isinstance(item, (tuple, list, dict)):
                collect(item, acc)


def first_tensor(obj: Any) -> torch.Tensor | None:
    found: list[torch.Tensor] = []
    collect(obj, found)
    return found[0] if found else None


def _to_meta(obj: Any) -> Any:
    """A tensor that the forward built on the CPU (``torch.arange(n)``), moved to meta to meet the others."""
    if isinstance(obj, torch.Tensor):
        return obj if obj.is_meta else torch.empty_like(obj, device="meta")
    if type(obj) in (list, tuple):
        return type(obj)(_to_meta(o) for o in obj)
    return obj


class _Frame:
    """One module call in progress."""

    __slots__ = ("module", "info", "slot", "params", "macs")

    def __init__(self, module: nn.Module, info: _Info, slot: int):
        self.module, self.info, self.slot, self.params, self.macs = module, info, slot, 0, 0


class _Info:
    """What the counter knows about one module of the copy: its name, own parameters and how to run it. (No
    reference back to the counter: without a cycle, everything a pass built is freed as soon as it ends, not
    by the garbage collector.)"""

    __slots__ = ("name", "type", "leaf", "own", "impl", "analytic", "called")

    def __init__(self, name: str, original: nn.Module, clone: nn.Module, own: tuple[torch.Tensor, ...]):
        self.name, self.type, self.own = name, type(original).__name__, own
        self.called = False
        self.leaf = not clone._modules
        own_forward = clone.__dict__.get("forward")  # an instance attribute (a monkey-patched forward)
        self.impl: Callable[..., Any] = ANALYTIC.get(type(original)) if own_forward is None else None
        self.analytic = self.impl is not None
        if own_forward is not None:
            self.impl = lambda _module, *a, **k: own_forward(*a, **k)
        elif self.impl is None:
            self.impl = type(original).forward


class Counter(TorchDispatchMode):
    """Counts MACs and first uses of parameters per module; carries (rf, jump) along tensors."""

    def __init__(self, title: str, copy: Copy):
        super().__init__()
        self.title = title
        self.param_ids: dict[int, torch.Tensor] = {}  # id(parameter) -> parameter, until its first use is counted
        self.stack: list[_Frame] = []
        self.rows: list[LayerRow | None] = []
        self.rf: dict[int, Any] = {}
        self.keep: list[torch.Tensor] = []  # keeps tensors alive so their ids stay unique during the pass
        self.failure: tuple[Any, tuple] | None = None  # the op torch refused, with its arguments
        self.infos: list[_Info] = []  # in the order of copy.modules
        self.info_of: dict[int, _Info] = {}  # for copies that keep their class (their hooks must run)
        for name, original, clone, own in copy.modules:
            self.param_ids.update((id(s), s) for s in own)
            info = _Info(name, original, clone, own)
            self.infos.append(info)
            if type(clone) is not type(original):  # a counting subclass: its __call__ comes to run()
                object.__setattr__(clone, "_cnnlab_call", (self.run, info))  # a slot: Module.__setattr__ is slow
                continue
            self.info_of[id(clone)] = info
            hooks = clone.__dict__
            if hooks["_forward_pre_hooks"] or hooks["_forward_hooks"]:
                # hooks that compute weights (pruning, weight_norm, lazy init) run inside the module's frame
                hooks["_forward_pre_hooks"] = OrderedDict([(-1, self.enter_hook), *hooks["_forward_pre_hooks"].items()])
                hooks["_forward_hooks"] = OrderedDict([*hooks["_forward_hooks"].items(), (-1, self.leave_hook)])
                if info.analytic:
                    hooks["forward"] = functools.partial(info.impl, self, clone)
            else:  # a class with its own __call__, or one that cannot be subclassed: count inside its forward
                hooks["forward"] = functools.partial(self.run, clone, info)

    # -- module frames
    def run(self, module: nn.Module, info: _Info, *args: Any, **kwargs: Any) -> Any:
        frame = _Frame(module, info, len(self.rows))
        self.stack.append(frame)
        self.rows.append(None)
        out = info.impl(self, module, *args, **kwargs) if info.analytic else info.impl(module, *args, **kwargs)
        self.leave(module, out)
        return out

    def enter_hook(self, module: nn.Module, args: Any) -> None:
        self.stack.append(_Frame(module, self.info_of[id(module)], len(self.rows)))
        self.rows.append(None)

    def leave_hook(self, module: nn.Module, args: Any, output: Any) -> None:
        self.leave(module, output)

    def leave(self, module: nn.Module, output: Any) -> None:
        frame = self.stack.pop()
        while frame.module is not module and self.stack:  # frames left open by an exception someone caught
            frame = self.stack.pop()
        info = frame.info
        info.called = True
        self.failure = None
        if info.own:  # parameters no op touched (layers computed by formula, an unused ParameterList) count here
            pop = self.param_ids.pop
            for s in info.own:
                if pop(id(s), None) is not None:
                    frame.params += numel_or_zero(s)
        if not (info.leaf or frame.macs or frame.params):
            return
        out = output if type(output) is torch.Tensor else first_tensor(output)
        rf = jump = None
        if out is not None:
            found = self.rf.get(id(out))
            if type(found) is tuple:
                rf, jump = found
        name = info.name
        self.rows[frame.slot] = LayerRow(
            name or self.title, info.type, tuple(out.shape[1:]) if out is not None else (), frame.params,
            frame.macs, rf, jump, name.count(".") + 1 if name else 0)

    # -- ops
    def set_info(self, t: torch.Tensor, value: Any) -> None:
        self.rf[id(t)] = value
        self.keep.append(t)

    def follow(self, src: torch.Tensor, out: torch.Tensor, value: Any = None) -> None:
        """``out`` sees what ``src`` sees (or ``value``, e.g. everything, when ``src`` is tracked at all)."""
        info = self.rf.get(id(src))
        if info is not None:
            self.set_info(out, info if value is None else value)

    def window(self, src: torch.Tensor, out: torch.Tensor, kernel: int, stride: int, dilation: int) -> None:
        """A sliding window along H grows the receptive field (``arithmetic.receptive_field_step``)."""
        info = self.rf.get(id(src))
        if info is not None:
            self.set_info(out, info if info == GLOBAL else receptive_field_step(*info, kernel, stride, dilation))

    def adaptive(self, src: torch.Tensor, out: torch.Tensor, n: int) -> None:
        """Adaptive pooling over ``n`` spatial dimensions: the identity at the target size, everything when it pools
        to one cell, else the windows it has at this input size (13 → 6 is AlexNet's 3×3/2 pool)."""
        size_in, size_out = tuple(src.shape[-n:]), tuple(out.shape[-n:])
        if size_in == size_out:
            self.follow(src, out)
        elif all(v == 1 for v in size_out):
            self.follow(src, out, GLOBAL)
        else:
            self.window(src, out, *adaptive_window(size_in[0], size_out[0]), 1)

    @classmethod
    def _should_skip_dynamo(cls) -> bool:
        return False  # nothing is compiled here; torch's dynamo guard around every op costs ~2 µs

    def __torch_dispatch__(self, func, types, args=(), kwargs=None):
        shape, shape_kwargs, mac_rule, rf_rule, method = OPS.get(id(func), OTHER_OP)
        tensors: list[torch.Tensor] = []
        for a in args:   # flat fast path: aten args are tensors, scalars, int lists and (rarely) tensor lists
            if isinstance(a, torch.Tensor):
                tensors.append(a)
            elif (type(a) is list or type(a) is tuple) and a and type(a[0]) is not int:
                collect(a, tensors)
        if kwargs:
            collect(kwargs, tensors)
        for t in tensors:
            # a tensor the forward built on the CPU, or a layer's own weight used functionally by its parent
            # (layers computed by formula are not copied): a meta copy meets the others; the counting below
            # still sees the original
            if not t.is_meta:
                if any(u.is_meta for u in tensors):
                    args, kwargs = _to_meta(args), {k: _to_meta(v) for k, v in (kwargs or {}).items()}
                break
        out = None
        if kwargs:
            if shape_kwargs is not None:
                out = shape_kwargs(args, kwargs)
        elif shape is not None:
            out = shape(args)
        if out is None:
            try:  # the kernel itself, without OpOverload.__call__ (or as a Tensor method: see ops.METHODS)
                out = method(*args) if method is not None and not kwargs else func._op(*args, **(kwargs or {}))
            except Exception:
                self.failure = (func, args)
                raise
        if self.stack:
            frame = self.stack[-1]
            if self.param_ids:
                for t in tensors:
                    s = self.param_ids.pop(id(t), None)
                    if s is not None:
                        if is_lazy(s):  # touched while a lazy layer materialises it: count its first real use
                            self.param_ids[id(t)] = s
                        else:
                            frame.params += s.numel()
            if mac_rule is not None:
                frame.macs += int(mac_rule(args, out))
        rf = self.rf
        if type(out) is torch.Tensor and (rf_rule is None or rf_rule == "view"):
            seen = None  # most ops: out sees what all its inputs see
            for t in tensors:
                info = rf.get(id(t))
                if info is not None:
                    if seen is None:
                        seen = info
                    elif info is GLOBAL or seen is GLOBAL:
                        seen = GLOBAL
                    else:
                        seen = (max(seen[0], info[0]), max(seen[1], info[1]))
            if seen is not None:
                if rf_rule is not None and seen is not GLOBAL and flattens(tensors[0], out):
                    seen = GLOBAL
                rf[id(out)] = seen
                self.keep.append(out)
            return out
        for t in tensors:
            if id(t) in rf:
                self._propagate(rf_rule, args, tensors, out)
                break
        return out

    def _propagate(self, rule: str | None, args: tuple, tensors: list[torch.Tensor], out: Any) -> None:
        outs: list[torch.Tensor] = []
        collect(out, outs)
        if not outs:
            return
        infos = [self.rf[id(t)] for t in tensors if id(t) in self.rf]
        if rule == "global" or GLOBAL in infos:
            value: Any = GLOBAL
        else:
            value = (max(i[0] for i in infos), max(i[1] for i in infos))
            x = tensors[0]
            if rule in ("conv", "maxpool", "avgpool"):
                win = window_of(args, rule)
                src = self.rf.get(id(x))
                if win is None or src is None or src == GLOBAL:
                    value = GLOBAL if win is None else src
                else:
                    value = receptive_field_step(*src, *win)
            elif rule == "adaptive":
                self.adaptive(x, outs[0], 2)
                return
        for o in outs:
            self.set_info(o, value)


def numel_or_zero(t: torch.Tensor) -> int:
    return 0 if is_lazy(t) else t.numel()
