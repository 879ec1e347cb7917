"""Streamlit pieces of lesson 1 (convolution arithmetic): the sliding-window figure, built once per setting; the
notes' two slips, each loadable onto the sliders."""
from __future__ import annotations

import streamlit as st

from cnnlab.arithmetic import ConvArithmetic, PoolArithmetic, conv2d
from cnnlab.conv_arithmetic import NOTE_EXAMPLES, exact_size_formula, note_layer
from cnnlab.figures.conv_arithmetic import SlidingLabels, sliding_window_figure
from cnnlab.ui.core import formula, t

__all__ = ["sliding_figure", "load_example", "notes_corrections"]


@st.cache_resource(max_entries=128, show_spinner=False)
def sliding_figure(layer: ConvArithmetic | PoolArithmetic, row: int, col: int, labels: SlidingLabels):
    """The kernel over the padded input for output cell (row, col); shared by every session (read-only: Streamlit
    only serialises it), so a class on the same setting builds it once."""
    return sliding_window_figure(layer, row, col, labels)


def load_example(name: str) -> None:
    """Put one ``NOTE_EXAMPLES`` layer on the sliders (a button's callback: runs before the widgets are drawn)."""
    st.session_state["mode"] = "conv"
    st.session_state.update(NOTE_EXAMPLES[name])


def _buttons(names: tuple[str, ...]) -> None:
    for name, column in zip(names, st.columns(len(names))):
        column.button(t(f"conv_arithmetic.load_{name}"), key=f"load_{name}", on_click=load_example, args=(name,),
                      width="stretch")


def notes_corrections() -> None:
    """AlexNet's 224 vs 227 and VGG's padding 1 vs the notes' 2, worked with the size rule; buttons load each."""
    st.subheader(t("conv_arithmetic.notes_head"))
    st.markdown(t("conv_arithmetic.notes_alexnet"))
    formula("\n".join(exact_size_formula(note_layer(name)) for name in ("alexnet_224", "alexnet_227")))
    padded = conv2d(224, 3, 64, 11, 4, 2)   # torchvision's AlexNet: 224 with padding 2
    st.markdown(t("conv_arithmetic.notes_alexnet_fix", torchvision=padded.size_formula("h")))
    _buttons(("alexnet_224", "alexnet_227"))
    st.markdown(t("conv_arithmetic.notes_vgg"))
    formula("\n".join(exact_size_formula(note_layer(name)) for name in ("vgg_p1", "vgg_p2")))
    _buttons(("vgg_p1", "vgg_p2"))
