"""Plotly figure builders for the pages — one package, one submodule per area.

* ``cnnlab.figures.arithmetic``: the kernel sliding over the padded input, cost bar charts.
* ``cnnlab.figures.architecture``: network diagrams, per-layer params/MACs charts.
* ``cnnlab.figures.augment``: image grids for the augmentation page.
* ``cnnlab.figures.training``, ``cnnlab.figures.degradation``, ``cnnlab.figures.inside``: curves, confusion matrices, activation maps, overlays.

Import the submodule you need (``from cnnlab.figures.arithmetic import sliding_window_figure``); this
package imports nothing itself, so a page pays only for the figures it draws. Figure builders take plain
numbers / cnnlab results and translated labels, and return ``plotly.graph_objects.Figure``; no streamlit here.
"""
