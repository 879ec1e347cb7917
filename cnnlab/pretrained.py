"""Trained networks for the "seeing inside" pages: which model, its input, its prediction.

    trained = load_bundled()                           # LeNet-5 trained on the bundled digits (assets/models)
    x = preprocess(image, trained)                     # [1, C, H, W], normalised as in training
    top_k(trained, x)                                  # [(3, "3", 0.98), (5, "5", 0.01), …]

Models come as :class:`cnnlab.train.TrainedModel` (network + input size + normalisation + class names), the same
record the training lab keeps for a student's session, so every page handles all of them the same way.
``torchvision_model`` uses ImageNet weights from the local torch cache, or downloads them after a quick
connectivity probe; offline it raises :class:`ModelUnavailable` with what to do, never hangs.
"""
from __future__ import annotations

import json
import re
import socket
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from PIL import Image, ImageOps
from torch.nn import functional as F

from cnnlab.images import to_tensor
from cnnlab.errors import CnnlabError, Quote
from cnnlab.private import private_copy
from cnnlab.train import TrainedModel

__all__ = ["ModelUnavailable", "BUNDLED", "load_bundled", "TORCHVISION_MODELS", "torchvision_model", "preprocess",
           "top_k", "probabilities", "black_input", "weights_file", "fetch_weights", "Fetched"]

MODELS_DIR = Path(__file__).resolve().parents[1] / "assets" / "models"
BUNDLED = {"lenet5_mnist10k": MODELS_DIR / "lenet5_mnist10k.pt"}
TORCHVISION_MODELS = ("alexnet", "vgg16", "resnet18", "googlenet")
IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)
HASH_PREFIX = re.compile(r"-([a-f0-9]+)\.pth$")  # torchvision: name-<first hex digits of the SHA-256>.pth


class ModelUnavailable(CnnlabError):
    """A model that cannot be loaded here (weights missing and no internet); the message says what to do."""


# ---------------------------------------------------------------- models
def load_bundled(name: str = "lenet5_mnist10k") -> TrainedModel:
    """A network trained by ``scripts/train_bundled.py``: state dict (``weights_only=True``) + JSON metadata."""
    from cnnlab.train import build_model

    if name not in BUNDLED:
        raise ModelUnavailable("no_bundled_model", name=name, choices=list(BUNDLED))
    path = BUNDLED[name]
    meta_path = path.with_suffix(".json")
    if not path.exists() or not meta_path.exists():
        raise ModelUnavailable("bundled_model_missing", file=path.name)
    meta = json.loads(meta_path.read_text())
    size = tuple(meta["input_size"])
    model = build_model(meta["model"], size, len(meta["classes"]), **meta.get("options", {}))
    model.load_state_dict(torch.load(path, map_location="cpu", weights_only=True))
    return TrainedModel(meta["title"], model.eval(), size, tuple(meta["mean"]), tuple(meta["std"]),
                        tuple(meta["classes"]), float(meta["test_acc"]), meta.get("history", []), meta["dataset"])


def _online(host: str = "download.pytorch.org", timeout: float = 3.0) -> bool:
    """A quick TCP probe: offline machines fail here in ≤ timeout instead of hanging in a download."""
    try:
        socket.getaddrinfo(host, 443)   # name resolution first (a classroom without DNS fails here at once)
        with socket.create_connection((host, 443), timeout=timeout):
            return True
    except OSError:
        return False


def _offered(name: str) -> None:
    if name not in TORCHVISION_MODELS:
        raise ModelUnavailable("model_not_offered", name=name, choices=list(TORCHVISION_MODELS))


def weights_file(name: str) -> tuple[str, Path]:
    """(download URL, path in the local torch cache) of a torchvision model's default ImageNet weights."""
    import torchvision

    _offered(name)
    url = torchvision.models.get_model_weights(name).DEFAULT.url
    return url, Path(torch.hub.get_dir()) / "checkpoints" / Path(url).name


@dataclass(frozen=True)
class Fetched:
    """One model's weights after :func:`fetch_weights`: where they are and whether they were there already."""

    name: str
    path: Path
    cached: bool
    size: int


def fetch_weights(names: Sequence[str] = TORCHVISION_MODELS, *, source: str | None = None, check_hash: bool = True,
                  progress: bool = False) -> list[Fetched]:
    """Put the ImageNet weights of ``names`` into the torch cache, so a classroom works offline afterwards.

    ``source`` replaces the download site: a folder or a URL (``file://``, ``http://``) holding torchvision's
    checkpoint files under their own names, e.g. a copy on a USB stick or a school mirror. The file name carries
    the first hex digits of the file's SHA-256 (torchvision's convention): ``check_hash`` verifies them, so a
    truncated or wrong file is rejected and nothing is left in the cache. Weights already cached are kept.
    """
    for name in names:
        _offered(name)
    done = []
    for name in names:
        url, path = weights_file(name)
        if path.exists():
            done.append(Fetched(name, path, True, path.stat().st_size))
            continue
        if source is not None:
            base = source if "://" in source else Path(source).resolve().as_uri()
            url = base.rstrip("/") + "/" + path.name
        elif not _online():
            raise ModelUnavailable("fetch_offline", name=name, file=path.name, cache=str(path.parent))
        path.parent.mkdir(parents=True, exist_ok=True)
        digest = HASH_PREFIX.search(path.name) if check_hash else None
        try:
            torch.hub.download_url_to_file(url, str(path), digest.group(1) if digest else None, progress=progress)
        except Exception as exc:  # noqa: BLE001 — any download/IO/hash failure becomes one clear message
            path.unlink(missing_ok=True)
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise ModelUnavailable("fetch_failed", name=name, url=url, error=Quote(reason)) from exc
        done.append(Fetched(name, path, False, path.stat().st_size))
    return done


def torchvision_model(name: str, *, allow_download: bool = True, timeout: float = 3.0) -> TrainedModel:
    """A torchvision ImageNet classifier with its default pretrained weights (from the torch cache if there)."""
    import torchvision

    _, cached = weights_file(name)
    weights = torchvision.models.get_model_weights(name).DEFAULT
    how = Quote(f"python -m cnnlab fetch-weights {name}")
    if not cached.exists():
        if not allow_download:
            raise ModelUnavailable("weights_not_cached", name=name, cache=str(cached.parent), how=how)
        if not _online(timeout=timeout):
            raise ModelUnavailable("weights_offline", name=name, how=how)
    try:
        model = torchvision.models.get_model(name, weights=weights)
    except Exception as exc:  # noqa: BLE001 — any download/IO failure becomes one clear message
        raise ModelUnavailable("weights_failed", name=name, error=Quote(str(exc)), how=how) from exc
    classes = tuple(weights.meta["categories"])
    acc = float(weights.meta.get("_metrics", {}).get("ImageNet-1K", {}).get("acc@1", float("nan"))) / 100
    return TrainedModel(name, model.eval(), (3, 224, 224), IMAGENET_MEAN, IMAGENET_STD, classes, acc, [], "imagenet")


# ---------------------------------------------------------------- input and prediction
def preprocess(image: Image.Image, trained: TrainedModel) -> torch.Tensor:
    """The image as the model's input ``[1, C, H, W]``, normalised as in training.

    One-channel digit models were trained on white digits on black (MNIST); a photo or scan of a digit is usually
    dark ink on light paper, so a grey image whose border is mostly light is inverted first. Digits are squeezed
    whole into the input (no crop, which could cut a stroke); photos keep their aspect ratio (centre crop).
    """
    c = trained.input_size[0]
    if c == 1:
        gray = image.convert("L")
        a = np.asarray(gray)
        border = np.concatenate([a[0], a[-1], a[:, 0], a[:, -1]])
        if border.mean() > 127:
            gray = ImageOps.invert(gray)
        return to_tensor(gray, trained.input_size, trained.mean, trained.std, crop=False)
    return to_tensor(image, trained.input_size, trained.mean, trained.std)


def black_input(trained: TrainedModel) -> torch.Tensor:
    """A black pixel in the model's normalisation, ``[1, C, 1, 1]`` (the "nothing here" of IG and occlusion)."""
    c = trained.input_size[0]
    return to_tensor(Image.new("L" if c == 1 else "RGB", (1, 1)), (c, 1, 1), trained.mean, trained.std)


@torch.no_grad()
def probabilities(trained: TrainedModel, x: torch.Tensor) -> torch.Tensor:
    """Softmax over the classes for one input ``[1, C, H, W]`` → ``[classes]`` (in eval mode, on a private copy:
    the model itself, shared by a class, is not touched)."""
    return F.softmax(private_copy(trained.model).eval()(x).float(), dim=1)[0]


def top_k(trained: TrainedModel, x: torch.Tensor, k: int = 5) -> list[tuple[int, str, float]]:
    """The ``k`` most probable classes: (class index, class name, probability), most probable first."""
    p = probabilities(trained, x)
    values, indices = p.topk(min(k, p.numel()))
    return [(int(i), trained.classes[int(i)], float(v)) for v, i in zip(values, indices)]
