"""Streamlit pieces of lesson 1 (convolution arithmetic): the sliding-window figure, built once per setting."""
from __future__ import annotations

import streamlit as st

from cnnlab.arithmetic import ConvArithmetic, PoolArithmetic
from cnnlab.figures.conv_arithmetic import SlidingLabels, sliding_window_figure

__all__ = ["sliding_figure"]


@st.cache_resource(max_entries=128, show_spinner=False)
def sliding_figure(layer: ConvArithmetic | PoolArithmetic, row: int, col: int, labels: SlidingLabels):
    """The kernel over the padded input for output cell (row, col); shared by every session (read-only: Streamlit
    only serialises it), so a class on the same setting builds it once."""
    return sliding_window_figure(layer, row, col, labels)
