"""Datasets and loaders for training: the bundled digits, and torchvision datasets when they are on disk.

``assets/mnist10k.npz`` holds 10,000 real MNIST digits, shuffled once (see ``assets/README.md``). The split
is fixed: the first 8,000 images train, the last 2,000 test — every page, test and CLI run sees the same two sets.

Every dataset is held in memory as uint8 tensors ``[N, C, H, W]`` (10,000 digits are 7.8 MB; CIFAR-10 is 180 MB).
Images are resized once (``image_size``, e.g. 16 for the degradation lesson) and normalised with the dataset's
mean and std. Two loaders, one interface (iterate → ``(images, labels)`` batches, ``len()`` = batches per epoch):

* no augmentation → ``TensorLoader``: the whole normalised set is one float tensor (on the GPU when training
  there) and a batch is an index slice. No workers, no copies: the fastest loader there is for a set this small.
* augmentation → ``AugmentedLoader``: the uint8 images sit on the training device; each mini-batch is sliced,
  augmented as one batch by ``cnnlab.augmentation`` (per-image random parameters from the loader's own
  ``torch.Generator`` on that device), then resized and normalised. On a GPU the augmentation runs there, queued
  ahead of the training step, and the CPU is free; on the CPU it costs a few milliseconds per batch of 128 digits,
  far less than the old one-digit-at-a-time DataLoader worker (``benchmarks/bench_augment.py``).

torchvision datasets (``mnist``, ``fashion_mnist``, ``cifar10``) are read from ``data_root()`` — the folder in
``$CNNLAB_DATA``, else ``./data`` — and never downloaded unless ``download=True``; missing files raise
``DatasetUnavailable`` with the command that fetches them.
"""
from __future__ import annotations

import math
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch.nn import functional as F

from cnnlab.images import normalize
from cnnlab.errors import CnnlabError, Quote

__all__ = ["DatasetUnavailable", "DatasetInfo", "dataset_info", "DATASETS", "ASSETS", "TRAIN_SIZE", "TEST_SIZE", "data_root",
           "load_mnist10k", "load_dataset", "make_loaders", "TensorLoader", "AugmentedLoader"]

ASSETS = Path(__file__).resolve().parents[1] / "assets"
TRAIN_SIZE, TEST_SIZE = 8000, 2000   # the fixed split of the bundled digits: first 8,000 / last 2,000

DIGITS = tuple(str(i) for i in range(10))
FASHION = ("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot")
CIFAR10 = ("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck")


class DatasetUnavailable(CnnlabError):
    """The dataset is not on this machine (or its name is unknown); the message says how to get it."""


@dataclass(frozen=True)
class DatasetInfo:
    """What a model needs to know about a dataset; ``input_size`` is after resizing."""
    name: str
    title: str
    input_size: tuple[int, int, int]     # (C, H, W)
    classes: tuple[str, ...]
    mean: tuple[float, ...]              # per channel, on the 0–1 scale
    std: tuple[float, ...]
    n_train: int = 0
    n_test: int = 0


# name -> (title, torchvision class name or None, channels, native size, classes, mean, std).
# Means/stds are the customary published ones (MNIST 0.1307/0.3081 — the bundled digits give 0.131/0.308).
DATASETS: dict[str, tuple[str, str | None, int, int, tuple[str, ...], tuple[float, ...], tuple[float, ...]]] = {
    "mnist10k": ("MNIST digits (10,000 bundled)", None, 1, 28, DIGITS, (0.1307,), (0.3081,)),
    "mnist": ("MNIST (60,000 + 10,000)", "MNIST", 1, 28, DIGITS, (0.1307,), (0.3081,)),
    "fashion_mnist": ("Fashion-MNIST", "FashionMNIST", 1, 28, FASHION, (0.2860,), (0.3530,)),
    "cifar10": ("CIFAR-10", "CIFAR10", 3, 32, CIFAR10, (0.4914, 0.4822, 0.4465), (0.2470, 0.2435, 0.2616)),
}


def dataset_info(name: str, image_size: int | None = None, n_train: int = 0, n_test: int = 0) -> DatasetInfo:
    """What a model needs to know about dataset ``name`` (resized to ``image_size``), without loading it."""
    if name not in DATASETS:
        raise DatasetUnavailable("unknown_dataset", name=name, choices=list(DATASETS))
    title, _, channels, native, classes, mean, std = DATASETS[name]
    size = image_size or native
    return DatasetInfo(name, title, (channels, size, size), classes, mean, std, n_train, n_test)


def data_root() -> Path:
    """Where torchvision datasets are looked for: ``$CNNLAB_DATA`` or ``./data``."""
    return Path(os.environ.get("CNNLAB_DATA") or "data").expanduser()


def load_mnist10k(root: Path | str = ASSETS) -> tuple[np.ndarray, np.ndarray]:
    """The bundled digits: images uint8 [10000, 28, 28] (white on black), labels uint8 [10000]."""
    path = Path(root) / "mnist10k.npz"
    if not path.exists():
        raise DatasetUnavailable("bundled_missing", path=str(path))
    with np.load(path) as f:
        return f["images"], f["labels"]


Split = tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]  # train x, train y, test x, test y


def _torchvision(name: str, root: Path, download: bool) -> Split:
    import torchvision

    cls = getattr(torchvision.datasets, DATASETS[name][1])  # type: ignore[arg-type]
    try:
        train, test = cls(str(root), train=True, download=download), cls(str(root), train=False, download=download)
    except Exception as e:  # RuntimeError "Dataset not found", URLError offline, a half-written archive …
        how = (f'python -c "import torchvision; torchvision.datasets.{cls.__name__}(\'{root}\', download=True)"')
        raise DatasetUnavailable(
            "dataset_missing", title=DATASETS[name][0], root=str(root.resolve()),
            error=Quote(f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}"), how=Quote(how)) from None

    def tensors(ds: Any) -> tuple[torch.Tensor, torch.Tensor]:
        x = torch.as_tensor(np.asarray(ds.data))
        x = x.permute(0, 3, 1, 2) if x.ndim == 4 else x.unsqueeze(1)   # CIFAR is N,H,W,C; MNIST N,H,W
        return x.contiguous(), torch.as_tensor(np.asarray(ds.targets), dtype=torch.long)

    return (*tensors(train), *tensors(test))


def load_dataset(name: str = "mnist10k", *, root: Path | str | None = None, download: bool = False) -> Split:
    """(train images, train labels, test images, test labels) as uint8 [N, C, H, W] and int64 tensors."""
    if name not in DATASETS:
        raise DatasetUnavailable("unknown_dataset", name=name, choices=list(DATASETS))
    if name == "mnist10k":
        images, labels = load_mnist10k(root or ASSETS)
        x = torch.from_numpy(images).unsqueeze(1)
        y = torch.from_numpy(labels.astype(np.int64))
        return x[:TRAIN_SIZE], y[:TRAIN_SIZE], x[TRAIN_SIZE:], y[TRAIN_SIZE:]
    return _torchvision(name, Path(root) if root else data_root(), download)


def _resize(x: torch.Tensor, size: int | None) -> torch.Tensor:
    """uint8 or 0–1 float [N,C,H,W] -> float [N,C,size,size] in 0–1 (antialiased, so 28 → 16 keeps thin strokes)."""
    x = x.float().div_(255) if x.dtype == torch.uint8 else x
    if size is not None and size != x.shape[-1]:
        x = F.interpolate(x, size=(size, size), mode="bilinear", antialias=True, align_corners=False).clamp_(0, 1)
    return x


class TensorLoader:
    """Batches sliced from tensors already in memory (and on the training device); reshuffled every epoch."""

    def __init__(self, images: torch.Tensor, labels: torch.Tensor, batch_size: int, *, shuffle: bool = False,
                 seed: int = 0) -> None:
        self.images, self.labels, self.batch_size, self.shuffle = images, labels, batch_size, shuffle
        self.generator = torch.Generator().manual_seed(seed)
        self.dataset_size = len(labels)

    def __len__(self) -> int:
        return math.ceil(self.dataset_size / self.batch_size)

    def __iter__(self) -> Iterator[tuple[torch.Tensor, torch.Tensor]]:
        n, b = self.dataset_size, self.batch_size
        if self.shuffle:
            order = torch.randperm(n, generator=self.generator).to(self.images.device)
            for i in range(0, n, b):
                idx = order[i:i + b]
                yield self.images[idx], self.labels[idx]
        else:
            for i in range(0, n, b):
                yield self.images[i:i + b], self.labels[i:i + b]


class AugmentedLoader(TensorLoader):
    """Like ``TensorLoader`` over uint8 images; each batch, scaled to 0–1, is augmented on the images' device, then
    resized to ``size`` and normalised. The augmentation draws from ``self.augment_generator`` (seeded, on that
    device), the shuffling from ``TensorLoader``'s CPU generator: the same seed gives the same batches every run."""

    def __init__(self, images: torch.Tensor, labels: torch.Tensor, batch_size: int, augmentation: Any, *,
                 size: int | None, mean: tuple[float, ...], std: tuple[float, ...], seed: int = 0) -> None:
        super().__init__(images, labels, batch_size, shuffle=True, seed=seed)
        self.augmentation, self.size = augmentation, size
        self.mean, self.std = torch.tensor(mean, device=images.device), torch.tensor(std, device=images.device)
        # its own stream: seeded apart from the shuffling generator, so the order and the distortions are unrelated
        self.augment_generator = torch.Generator(images.device).manual_seed(seed + AUGMENT_SEED_OFFSET)

    def __iter__(self) -> Iterator[tuple[torch.Tensor, torch.Tensor]]:
        for x, y in super().__iter__():
            x = self.augmentation(x.float().div_(255), self.augment_generator)
            yield normalize(_resize(x, self.size), self.mean, self.std), y


AUGMENT_SEED_OFFSET = 0x5EED   # the augmentation generator of a job with seed s starts from s + this


def _take(x: torch.Tensor, y: torch.Tensor, n: int | None) -> tuple[torch.Tensor, torch.Tensor]:
    if n is None or n >= len(y):
        return x, y
    if n < 1:
        raise DatasetUnavailable("subset_below_one", got=n)
    return x[:n], y[:n]   # the sets are already shuffled: a prefix is a fair sample


def make_loaders(dataset: str = "mnist10k", batch_size: int = 128, *, image_size: int | None = None,
                 augment: Any = None, device: torch.device | str = "cpu", subset: int | None = None,
                 test_subset: int | None = None, seed: int = 0, num_workers: int | None = None,
                 root: Path | str | None = None, download: bool = False, test_batch_size: int = 1000,
                 ) -> tuple[Any, TensorLoader, DatasetInfo]:
    """(train loader, test loader, info). ``augment``: an ``AugmentConfig`` (or a ready batch augmentation,
    ``(0–1 float batch, generator) → batch``) for training only, applied per batch on ``device``.

    ``subset``/``test_subset`` keep the first N images (for quick tests); ``image_size`` resizes to N×N.
    ``num_workers`` is accepted for old callers and unused: augmentation needs no worker processes any more.
    """
    if batch_size < 1:
        raise DatasetUnavailable("batch_below_one", got=batch_size)
    xtr, ytr, xte, yte = load_dataset(dataset, root=root, download=download)   # checks the name
    xtr, ytr = _take(xtr, ytr, subset)
    xte, yte = _take(xte, yte, test_subset)
    info = dataset_info(dataset, image_size, len(ytr), len(yte))
    size, mean, std = info.input_size[1], info.mean, info.std
    device = torch.device(device)

    def on_device(x: torch.Tensor) -> torch.Tensor:
        return normalize(_resize(x, size), mean, std).to(device)

    test = TensorLoader(on_device(xte), yte.to(device), test_batch_size)
    if augment is None:
        return TensorLoader(on_device(xtr), ytr.to(device), batch_size, shuffle=True, seed=seed), test, info

    augmentation = augment
    if not callable(augment):  # an AugmentConfig: the one augmentation builder makes the batch augmentation
        from cnnlab.augmentation import build_augmentation

        augmentation = build_augmentation(augment)
    train = AugmentedLoader(xtr.to(device), ytr.to(device), batch_size, augmentation, size=size, mean=mean, std=std,
                            seed=seed)
    return train, test, info
