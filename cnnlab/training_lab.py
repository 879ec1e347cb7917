"""Lesson 5 — the training lab: what one run of the lab trains (its job recipe) and what it found.

The page's choices become a job recipe (``lab_job``) — including a network sent from "Build your own" — that the
job service runs outside the Streamlit process with ``cnnlab.jobs.run_job`` (which checks that a custom network
fits the data: failure codes ``custom_input`` / ``custom_classes``). A finished run's test-set analysis comes
back in its result and is read with :meth:`Analysis.from_result`.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cnnlab.data import DatasetInfo, dataset_info

if TYPE_CHECKING:
    from cnnlab.augmentation import AugmentConfig
    from cnnlab.jobs import Recipe

__all__ = ["LabSettings", "lab_augmentation", "lab_job", "Analysis"]


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
    seed: int = 0


def lab_augmentation(info: DatasetInfo) -> "AugmentConfig":
    """The augmentation the lab switches on: the digits preset for one channel, the photos preset for three."""
    from cnnlab.augmentation import preset

    return preset("digits" if info.input_size[0] == 1 else "photos")


def lab_job(settings: LabSettings, custom: dict | None = None) -> "Recipe":
    """The job recipe of one lab run; ``custom`` is ``{"spec": text, "input": (C, H, W)}`` from "Build your own"
    (used when ``settings.model == "custom"``). An unknown dataset is the job's failure, not this function's."""
    from cnnlab.jobs import lab_recipe

    augment = None
    if settings.augment:
        try:
            augment = lab_augmentation(dataset_info(settings.dataset)).to_dict()
        except ValueError:   # unknown dataset: the job fails with dataset_unavailable
            augment = None
    spec, spec_input = "", None
    if settings.model == "custom":
        spec = str((custom or {}).get("spec", ""))
        spec_input = tuple(int(v) for v in (custom or {}).get("input", ())) or None
    return lab_recipe(model=settings.model, spec=spec, spec_input=spec_input, dataset=settings.dataset,
                      batch_size=settings.batch_size, epochs=settings.epochs, lr=settings.lr,
                      optimizer=settings.optimizer, schedule="cosine" if settings.cosine else "constant",
                      augment=augment, subset=settings.subset, test_subset=settings.subset, seed=settings.seed,
                      device=settings.device)


@dataclass(frozen=True)
class Analysis:
    """A trained network on the test set: ``matrix[true][predicted]`` counts, the misclassified images."""
    matrix: list[list[int]]
    wrong: list[int]          # test-set indices of the mistakes
    pred: list[int]           # their predicted classes
    true: list[int]           # their true classes
    acc: float

    @classmethod
    def from_result(cls, result: dict[str, Any]) -> "Analysis":
        """The analysis a train job's result carries (``run_job`` computed it on the test set)."""
        a = result["analysis"]
        return cls(a["matrix"], a["wrong"], a["pred"], a["true"], a["acc"])
