"""The one PyTorch code generator: a layer as a constructor call that is both written out and built.

    call = Call("Conv2d", (3, 16), (("kernel_size", 3), ("padding", 1)))
    call.code()     # "nn.Conv2d(3, 16, kernel_size=3, padding=1)"  — the text a student copies
    call.build()    # nn.Conv2d(3, 16, kernel_size=3, padding=1)     — the module built from the same call

Because the text and the module come from one ``Call``, the code shown for a network is the network built.
``sequential_code`` writes a whole ``nn.Module`` class around a list of calls (``cnnlab.spec.spec_to_code``).
"""
from __future__ import annotations

import keyword
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cnnlab.arithmetic import fmt_int, fmt_shape
from cnnlab.errors import LayerError

if TYPE_CHECKING:  # torch is imported only when a module is actually built
    from torch import nn

__all__ = ["Call", "sequential_code"]


@dataclass(frozen=True)
class Call:
    """``nn.<cls>(*args, **kwargs)``; keyword arguments are (name, value) pairs in the order they are written."""

    cls: str
    args: tuple[Any, ...] = ()
    kwargs: tuple[tuple[str, Any], ...] = ()

    def code(self) -> str:
        parts = [repr(a) for a in self.args] + [f"{k}={v!r}" for k, v in self.kwargs]
        return f"nn.{self.cls}({', '.join(parts)})"

    def build(self) -> "nn.Module":
        from torch import nn

        return getattr(nn, self.cls)(*self.args, **dict(self.kwargs))


def sequential_code(class_name: str, lines: Sequence[tuple[Call, str]], input_size: tuple[int, int, int],
                    output_shape: Sequence[int], params: int, doc: str) -> str:
    """Copy-pasteable code: a class holding ``nn.Sequential(calls)`` (each call with its comment), then a run
    on a zero input that prints the output shape and the parameter count."""
    if not class_name.isidentifier() or keyword.iskeyword(class_name):
        raise LayerError("bad_class_name", name=class_name)
    rows = [(f"{call.code()},", comment) for call, comment in lines]
    width = max(len(code) for code, _ in rows)
    body = "\n".join(f"            {code:<{width}}  # {comment}" for code, comment in rows)
    c, h, w = input_size
    out_shape = ", ".join(str(v) for v in (1, *output_shape))
    return f'''import torch
from torch import nn


class {class_name}(nn.Module):
    """{doc}"""

    def __init__(self) -> None:
        super().__init__()
        self.layers = nn.Sequential(  # input: {fmt_shape(input_size)}
{body}
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.layers(x)


model = {class_name}()
x = torch.zeros(1, {c}, {h}, {w})  # a batch of one {fmt_shape(input_size)} input
print(model(x).shape)  # torch.Size([{out_shape}])
print(sum(p.numel() for p in model.parameters()), "parameters")  # {fmt_int(params)}
'''
