"""Plotly figure builders for the pages — one package, one submodule per area.

* ``cnnlab.figures.arithmetic`` (APP-SHELL): the kernel sliding over the padded input, cost bar charts.
* ``cnnlab.figures.architecture`` (APP-EXPLORER): network diagrams, per-layer params/MACs charts.
* ``cnnlab.figures.training`` (TRAIN), ``cnnlab.figures.inside`` (INSIDE).

Import the submodule you need (``from cnnlab.figures.arithmetic import sliding_window_figure``); this
package imports nothing itself, so a page pays only for the figures it draws. Figure builders take plain
numbers / cnnlab results and translated labels, and return ``plotly.graph_objects.Figure``; no streamlit here.
"""
