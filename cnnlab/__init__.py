"""cnnlab — the engine behind the classroom app: exact CNN arithmetic, the classic architectures,
a fast per-layer summary, one training loop, and tools to look inside a network.

Pure Python + torch; only ``cnnlab.ui`` imports streamlit.
"""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "summarize", "Summary", "LayerError"]


def __getattr__(name: str):
    # Lazy: `import cnnlab` stays cheap for the CLI's --help and for pages that need only a part.
    if name in ("summarize", "Summary"):
        from cnnlab import summary

        return getattr(summary, name)
    if name == "LayerError":
        from cnnlab.arithmetic import LayerError

        return LayerError
    raise AttributeError(f"module 'cnnlab' has no attribute {name!r}")
