"""cnnlab.data: the fixed split of the bundled digits, normalisation, resizing, offline torchvision, augmentation."""
from __future__ import annotations

import numpy as np
import pytest
import torch

from cnnlab import data
from cnnlab.augmentation import AugmentConfig
from cnnlab.data import DatasetUnavailable, load_dataset, make_loaders

MEAN, STD = 0.1307, 0.3081   # the published MNIST statistics, which the docstring promises


@pytest.fixture(scope="module")
def npz() -> tuple[np.ndarray, np.ndarray]:
    with np.load(data.ASSETS / "mnist10k.npz") as f:
        return f["images"], f["labels"]


def test_bundled_split_is_first_8000_train_and_last_2000_test(npz):
    images, labels = npz
    xtr, ytr, xte, yte = load_dataset("mnist10k")
    assert xtr.shape == (8000, 1, 28, 28) and xte.shape == (2000, 1, 28, 28)
    assert xtr.dtype == torch.uint8 and ytr.dtype == torch.int64
    assert np.array_equal(xtr[:, 0].numpy(), images[:8000]) and np.array_equal(xte[:, 0].numpy(), images[8000:])
    assert np.array_equal(ytr.numpy(), labels[:8000]) and np.array_equal(yte.numpy(), labels[8000:])


def test_split_is_the_same_on_every_call():
    a, b = load_dataset("mnist10k"), load_dataset("mnist10k")
    assert all(torch.equal(x, y) for x, y in zip(a, b))


def test_test_loader_yields_the_normalised_test_images_in_file_order(npz):
    images, labels = npz
    _, test, info = make_loaders("mnist10k", 64, test_batch_size=500)
    x, y = next(iter(test))
    expected = (torch.from_numpy(images[8000:8500]).float() / 255 - MEAN) / STD
    assert torch.allclose(x[:, 0], expected, atol=1e-5)
    assert torch.equal(y, torch.from_numpy(labels[8000:8500].astype(np.int64)))
    assert info.input_size == (1, 28, 28) and info.classes == tuple("0123456789")
    assert (info.n_train, info.n_test) == (8000, 2000) and len(test) == 4


def test_train_loader_shuffles_but_covers_every_image_once_per_epoch():
    train, _, _ = make_loaders("mnist10k", 100, subset=300)
    ys = torch.cat([y for _, y in train])
    expected = load_dataset("mnist10k")[1][:300]
    assert len(train) == 3 and len(ys) == 300
    assert torch.equal(torch.bincount(ys, minlength=10), torch.bincount(expected, minlength=10))
    assert not torch.equal(ys, expected)   # shuffled


def test_subset_keeps_the_first_images_and_image_size_resizes():
    train, test, info = make_loaders("mnist10k", 32, subset=64, test_subset=40, image_size=16)
    x, _ = next(iter(train))
    assert x.shape == (32, 1, 16, 16) and info.input_size == (1, 16, 16)
    assert (info.n_train, info.n_test) == (64, 40) and sum(len(y) for _, y in test) == 40


@pytest.mark.parametrize("name", ["mnist", "fashion_mnist", "cifar10"])
def test_missing_torchvision_dataset_says_how_to_get_it_without_downloading(name, tmp_path):
    with pytest.raises(DatasetUnavailable) as err:
        make_loaders(name, 64, root=tmp_path)   # download defaults to False: no network is touched
    message = str(err.value)
    assert "download=True" in message and "CNNLAB_DATA" in message and "mnist10k" in message
    assert "\n" not in message
    assert list(tmp_path.iterdir()) == []    # nothing was written (no partial download)


def test_unknown_dataset_and_bad_batch_size_are_dataset_errors():
    with pytest.raises(DatasetUnavailable, match="choose one of"):
        make_loaders("imagenet", 64)
    with pytest.raises(DatasetUnavailable, match="batch size"):
        make_loaders("mnist10k", 0)
    assert issubclass(DatasetUnavailable, ValueError)


def _white(x: torch.Tensor, generator: torch.Generator) -> torch.Tensor:
    """A batch augmentation that makes every image white, so its effect is visible after normalisation."""
    assert x.dtype == torch.float32 and x.shape[1:] == (1, 28, 28) and isinstance(generator, torch.Generator)
    return torch.ones_like(x)


def test_augmentation_runs_on_whole_training_batches_only():
    train, test, _ = make_loaders("mnist10k", 16, subset=40, test_subset=16, augment=_white)
    batches = list(train)
    assert [len(y) for _, y in batches] == [16, 16, 8] and len(train) == 3
    for x, y in batches:
        assert x.shape[1:] == (1, 28, 28) and y.dtype == torch.int64
        assert torch.allclose(x, torch.full_like(x, (1 - MEAN) / STD))
    tx, _ = next(iter(test))
    assert tx.min() < 0   # the test set is never augmented: black background stays below the mean


def test_augmented_batches_repeat_with_the_seed_and_change_every_epoch():
    config = AugmentConfig(rotation=15.0, elastic_alpha=20.0)

    def epochs(seed: int) -> list[torch.Tensor]:
        train, _, _ = make_loaders("mnist10k", 8, subset=16, augment=config, seed=seed)
        return [x for _ in range(2) for x, _ in train]

    a, b, c = epochs(1), epochs(1), epochs(2)
    assert all(torch.equal(p, q) for p, q in zip(a, b))
    assert not torch.equal(a[0], c[0])
    assert not torch.equal(a[0], a[2])   # epoch 2 draws new distortions


def test_augment_config_goes_through_the_one_augmentation_builder_and_then_the_resize():
    config = AugmentConfig(rotation=15.0)
    train, _, info = make_loaders("mnist10k", 8, subset=8, augment=config, seed=1, image_size=16)
    x, _ = next(iter(train))
    plain = make_loaders("mnist10k", 8, subset=8, image_size=16)[0]
    assert x.shape == (8, 1, 16, 16) == (8, *info.input_size) and torch.isfinite(x).all()
    # rotated digits differ from the originals (same 8 images, possibly in another order: compare sorted sums)
    assert not torch.allclose(x.sum((1, 2, 3)).sort().values, next(iter(plain))[0].sum((1, 2, 3)).sort().values)
