"""Plotly figure builders for the pages — one submodule per lesson, named like the lesson, plus shared pieces.

* lessons: ``conv_arithmetic`` (the kernel sliding over the padded input), ``architectures`` (params/MACs per layer,
  A vs B), ``degradation`` (error curves, gradient norms), ``one_by_one`` (bottleneck and factorisation bars),
  ``training_lab`` (live curves, confusion matrix, mistakes), ``feature_maps`` (map and filter grids, kernels),
  ``attribution`` (overlays).
* shared: ``diagram`` (a network's boxes and arrows: layout and drawing), ``images`` (image grids as PNG data URIs),
  ``pretrained`` (the top-k prediction both "seeing inside" pages show).

Import the submodule you need (``from cnnlab.figures.conv_arithmetic import sliding_window_figure``); this
package imports nothing itself, so a page pays only for the figures it draws. Figure builders take plain
numbers / cnnlab results and translated labels, and return ``plotly.graph_objects.Figure``; no streamlit here.
"""
