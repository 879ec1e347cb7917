"""Failures as data: every way a summary can fail becomes one ``LayerError`` naming the layer, with a reason.

``LayerError.reason`` is a code (``input_too_small``, ``channel_mismatch`` ...) that ``cnnlab.i18n.errors`` words,
with its fix, in the page's language; ``values`` carry the numbers (channels expected and got, the kernel and the
padded input ...) and ``detail``: the problem in cnnlab's words (a ``Term``) or PyTorch's message (a ``Quote``).
``Refused`` is raised by layers computed by formula when torch would refuse the input; other failures are
diagnosed from the op torch refused and its arguments (``Counter.failure``).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable

from cnnlab.arithmetic import output_size
from cnnlab.errors import LayerError, Quote, Term, Where, term
from cnnlab.summary.ops import FAST_SHAPES
from cnnlab.summary.shapes import aten
from cnnlab.summary.windows import per_dim

if TYPE_CHECKING:
    from cnnlab.summary.counter import Counter


class Refused(Exception):
    """A layer that torch would refuse on this input (found without running it)."""

    def __init__(self, reason: str, detail: Term, **values: Any):
        super().__init__(reason)
        self.reason, self.detail, self.values = reason, detail, values


_DATA_OPS = {aten._local_scalar_dense.default, aten.nonzero.default, aten.equal.default, aten.is_nonzero.default,
             aten.masked_select.default, aten.item.default}
_SHAPE_OPS = {aten.mm.default, aten.addmm.default, aten.bmm.default, aten.baddbmm.default, aten.view.default,
              aten._unsafe_view.default, aten.reshape.default, aten.expand.default, aten.cat.default}
_POOL_OPS = {aten.max_pool2d_with_indices.default: (2, True), aten.max_pool3d_with_indices.default: (3, True),
             aten.avg_pool2d.default: (2, False), aten.avg_pool3d.default: (3, False)}


def _diagnose(exc: BaseException, failure: tuple[Any, tuple] | None) -> tuple[str, Term | Quote, dict[str, Any]]:
    """(reason, detail, values) for an exception raised while the copy ran; the detail is cnnlab's own words
    (a Term) when the problem is known, else PyTorch's message (a Quote)."""
    text = str(exc).strip()
    first = Quote(text.splitlines()[0] if text else type(exc).__name__)
    if isinstance(exc, Refused):
        return exc.reason, exc.detail, exc.values
    func, args = failure if failure is not None else (None, ())
    if func is aten.convolution.default and not args[6]:
        x, w, groups = args[0], args[1], args[8]
        if x.dim() == w.dim() and x.shape[1] != w.shape[1] * groups:
            return "channel_mismatch", term("errors.d_channels", type="Conv", expected=w.shape[1] * groups,
                                            got=x.shape[1]), {"expected": w.shape[1] * groups, "got": x.shape[1]}
        windows = [(n, k, s, p, d) for n, k, s, p, d in zip(x.shape[2:], w.shape[2:], *(
            per_dim(v, x.dim() - 2) or [] for v in (args[3], args[4], args[5])))]
        refusal = too_small(windows)
        if refusal:
            return refusal.reason, refusal.detail, refusal.values
    if func in _POOL_OPS:
        n, has_dilation = _POOL_OPS[func]
        x, kernel = args[0], per_dim(args[1], n) or []
        stride = per_dim(args[2], n) if len(args) > 2 and args[2] else kernel
        padding = per_dim(args[3], n) if len(args) > 3 else [0] * n
        dilation = per_dim(args[4], n) if has_dilation and len(args) > 4 else [1] * n
        ceil = bool(args[5] if has_dilation else args[4]) if len(args) > (5 if has_dilation else 4) else False
        if any(2 * p > k for p, k in zip(padding or [], kernel)):
            return "bad_setting", term("errors.d_pool_padding", padding=list(padding), kernel=list(kernel)), \
                {"padding": padding, "kernel": kernel}
        refusal = too_small(zip(x.shape[-n:], kernel, stride or [], padding or [], dilation or []), ceil)
        if refusal:
            return refusal.reason, refusal.detail, refusal.values
    if func in _DATA_OPS or "meta" in text.lower() and ("item()" in text or "numpy" in text.lower()
                                                          or "data-dependent" in text or "copy out" in text):
        return "not_traceable", first, {}
    if "uninitialized" in text.lower() or "lazy" in text.lower():
        return "lazy_module", first, {}
    if "channel" in text.lower() or "num_features" in text or "running_mean should contain" in text:
        return "channel_mismatch", first, {}
    if func in _SHAPE_OPS or func in FAST_SHAPES or any(w in text for w in ("shape", "size", "dimension", "D input")):
        return "shape_mismatch", first, {}
    return "layer_error", first, {}


def too_small(windows: Iterable[tuple[int, ...]], ceil_mode: bool = False) -> Refused | None:
    """The refusal for the first (size, kernel, stride, padding, dilation) whose window does not fit, or None."""
    for n, k, s, p, d in windows:
        try:
            output_size(n, k, s, p, d, ceil_mode)
        except LayerError as e:  # the arithmetic's problem, without its fix, quoted inside the summary's message
            return Refused("input_too_small", Term(e.key, tuple(e.values.items())), kernel=k, dilation=d,
                           padded_input=n + 2 * p)
    return None


def checked_size(value: Any) -> tuple[int, ...]:
    """(C, H, W)-like sizes without the batch dimension; a single int is a 1-D input of that many features."""
    items = (value,) if isinstance(value, int) and not isinstance(value, bool) else value
    try:
        sizes = tuple(items)
        if not sizes or any(isinstance(v, bool) or not hasattr(v, "__index__") for v in sizes):
            raise TypeError
        sizes = tuple(int(v) for v in sizes)
    except TypeError:
        raise LayerError("bad_input_size", value=repr(value), input_size=repr(value)) from None
    if any(v < 1 for v in sizes):
        raise LayerError("bad_input_size", value="×".join(map(str, sizes)), input_size=sizes)
    return sizes


def as_layer_error(exc: BaseException, counter: Counter | None, title: str, size: tuple[int, ...]) -> LayerError:
    where = counter.stack[-1] if counter is not None and counter.stack else None
    reason, detail, values = _diagnose(exc, counter.failure if counter is not None else None)
    layer = where.info.name if where is not None and where.info.name else values.pop("layer", None) or None
    layer_type = where.info.type if where is not None else None
    place = Where(layer=layer or None, layer_type=layer_type if layer else None, model=title)
    return LayerError(reason, place, input_size=size, detail=detail, **values)
