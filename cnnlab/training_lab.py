"""Lesson 5 — the training lab: what one run of the lab trains (settings, model, data size) and what it found.

The training itself is ``cnnlab.train``'s one loop with the lab's recipe (``train.LAB_DEFAULT``); this module
turns the page's choices into a model and loader sizes — including a network sent from "Build your own" — and
a finished run into its confusion matrix and mistakes. Impossible choices raise :class:`LabError` with a
translation key and its values (the page words them in English or Korean).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import torch

from cnnlab import train as tr
from cnnlab.arithmetic import fmt_shape
from cnnlab.data import DatasetInfo, dataset_info
from cnnlab.errors import CnnlabError

if TYPE_CHECKING:
    from cnnlab.augmentation import AugmentConfig

__all__ = ["LabSettings", "LabError", "lab_augmentation", "custom_image_size", "lab_model", "Analysis", "analyse"]


@dataclass(frozen=True)
class LabSettings:
    """What the page's widgets chose."""
    model: str = "lenet5_modern"   # a cnnlab.train.LAB_MODELS name or "custom"
    dataset: str = "mnist10k"
    optimizer: str = "adam"
    lr: float = 4e-3
    epochs: int = 8
    batch_size: int = 128
    cosine: bool = True
    augment: bool = False
    subset: int | None = None      # quick mode (tests, ?subset=N): first N train and test images
    device: str = "auto"


class LabError(CnnlabError):
    """A model that cannot take this dataset (a custom network of another size); worded by the lab's table
    (``training_lab.<code>``)."""

    prefix = "training_lab."
    complete = True  # the lab's texts are whole sentences with their fix

    @property
    def fmt(self) -> dict:
        return self.values


def lab_augmentation(info: DatasetInfo) -> "AugmentConfig":
    """The augmentation the lab switches on: the digits preset for one channel, the photos preset for three."""
    from cnnlab.augmentation import preset

    return preset("digits" if info.input_size[0] == 1 else "photos")


def custom_image_size(settings: LabSettings, custom: dict | None) -> int | None:
    """A custom network fixes the input size: digits/photos are resized to its H×W (same channels only)."""
    if settings.model != "custom":
        return None
    c, h, w = tuple((custom or {}).get("input", (0, 0, 0)))
    data = dataset_info(settings.dataset).input_size
    if c != data[0] or h != w:
        raise LabError("custom_mismatch", spec=f"{c}×{h}×{w}", dataset=settings.dataset, data=fmt_shape(data))
    return h


def lab_model(settings: LabSettings, info: DatasetInfo, custom: dict | None) -> torch.nn.Module:
    """The network to train: a lab model sized for the data, or the custom spec (which must output one score per
    class); ``custom`` is ``{"spec": text, "input": (C, H, W)}`` from "Build your own"."""
    if settings.model != "custom":
        return tr.build_model(settings.model, info.input_size, len(info.classes))
    from cnnlab.spec import build_spec

    spec_input = tuple((custom or {}).get("input", ()))
    model = build_spec((custom or {}).get("spec", ""), spec_input)
    with torch.no_grad():
        out = model(torch.zeros(1, *spec_input))
    if out.ndim != 2 or out.shape[1] != len(info.classes):
        raise LabError("custom_classes", out=fmt_shape(out.shape[1:]), dataset=info.title, classes=len(info.classes))
    return model


@dataclass(frozen=True)
class Analysis:
    """A trained network on the test set: ``matrix[true][predicted]`` counts, the misclassified images."""
    matrix: list[list[int]]
    wrong: list[int]          # test-set indices of the mistakes
    pred: list[int]           # their predicted classes
    true: list[int]           # their true classes
    acc: float


def analyse(model: torch.nn.Module, test_loader: Any, num_classes: int) -> Analysis:
    preds, truth = tr.predict(model, test_loader)
    wrong = torch.nonzero(preds != truth).flatten()
    return Analysis(tr.confusion_matrix(preds, truth, num_classes).tolist(), wrong.tolist(), preds[wrong].tolist(),
                    truth[wrong].tolist(), (preds == truth).float().mean().item())
