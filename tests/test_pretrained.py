"""cnnlab.pretrained: the bundled weights against the accuracy recorded when they were trained, inputs as the
network sees them, ImageNet models offline (never a download in a test)."""
from __future__ import annotations

import json

import numpy as np
import pytest
import torch
from PIL import Image, ImageOps

from cnnlab.data import load_dataset
from cnnlab.images import load_sample
from cnnlab.pretrained import (BUNDLED, ModelUnavailable, black_input, load_bundled, preprocess, top_k,
                               torchvision_model)


@pytest.fixture(scope="module")
def bundled():
    return load_bundled()


def test_bundled_weights_reproduce_the_recorded_test_accuracy(bundled):
    meta = json.loads(BUNDLED["lenet5_mnist10k"].with_suffix(".json").read_text())
    torch.load(BUNDLED["lenet5_mnist10k"], weights_only=True)          # plain tensors only
    _, _, x_test, y_test = load_dataset("mnist10k")
    assert len(y_test) == meta["test_images"] == 2000
    mean, std = meta["mean"][0], meta["std"][0]
    with torch.no_grad():
        logits = bundled.model.eval()((x_test.float() / 255 - mean) / std)
    correct = int((logits.argmax(1) == y_test).sum())
    assert correct == round(meta["test_acc"] * 2000)
    assert bundled.test_acc == meta["test_acc"] >= 0.98


def test_bundled_model_reads_the_sample_digits_and_dark_ink_on_paper(bundled):
    for name, digit in (("digit_3", "3"), ("digit_7", "7")):
        sample = load_sample(name)
        top = top_k(bundled, preprocess(sample, bundled), k=3)
        assert top[0][1] == digit and top[0][0] == int(digit)
        assert top[0][2] > 0.9 and [p for *_, p in top] == sorted((p for *_, p in top), reverse=True)
        paper = ImageOps.invert(sample.convert("L")).resize((140, 140)).convert("RGB")   # a photo of a drawn digit
        a, b = preprocess(paper, bundled).flatten(), preprocess(sample, bundled).flatten()
        assert torch.corrcoef(torch.stack([a, b]))[0, 1] > 0.95      # inverted back: white ink on black again
        assert top_k(bundled, preprocess(paper, bundled), k=1)[0][1] == digit


def test_black_input_is_a_black_image_in_the_models_normalisation(bundled):
    black = Image.fromarray(np.zeros((28, 28), dtype=np.uint8), "L")
    x = preprocess(black, bundled)                      # a dark border: no inversion
    torch.testing.assert_close(x, black_input(bundled).expand_as(x))


def test_an_imagenet_model_without_weights_offline_is_a_clear_message(tmp_path):
    old = torch.hub.get_dir()
    torch.hub.set_dir(str(tmp_path))
    try:
        with pytest.raises(ModelUnavailable, match="not in the local torch cache") as info:
            torchvision_model("alexnet", allow_download=False)
    finally:
        torch.hub.set_dir(old)
    assert "python -m cnnlab fetch-weights alexnet" in str(info.value)
    with pytest.raises(ModelUnavailable, match="choose one of"):
        torchvision_model("not_a_model", allow_download=False)


def test_an_imagenet_model_in_the_local_cache_loads_offline(cached_alexnet):
    trained = torchvision_model("alexnet", allow_download=False)
    assert trained.classes == tuple(cached_alexnet.meta["categories"]) and len(trained.classes) == 1000
    assert trained.input_size == (3, 224, 224) and not trained.model.training
    x = preprocess(load_sample("cat"), trained)
    assert x.shape == (1, 3, 224, 224)
    top = top_k(trained, x, k=5)
    assert len(top) == 5 and sum(p for *_, p in top) <= 1.0 + 1e-6
    with torch.no_grad():
        assert trained.model.features[0](x).shape == (1, 64, 55, 55)   # torchvision's AlexNet, its own weights


# ---------------------------------------------------------------- fetch-weights (a local file stands in for the download)
@pytest.fixture
def mirror(tmp_path, monkeypatch):
    """A torch cache (empty) and a "mirror" folder holding an AlexNet checkpoint (random weights) under a
    torchvision-style name whose hash prefix is the file's real SHA-256 prefix, as torchvision's files have."""
    import hashlib

    import torchvision

    from cnnlab import pretrained

    folder = tmp_path / "mirror"
    folder.mkdir()
    stand_in = folder / "tmp.pth"
    torch.save(torchvision.models.alexnet(weights=None).state_dict(), stand_in)
    prefix = hashlib.sha256(stand_in.read_bytes()).hexdigest()[:8]
    good = stand_in.rename(folder / f"alexnet-owt-{prefix}.pth")
    cache = tmp_path / "hub"
    real = pretrained.weights_file

    def weights_file(name):
        url, _ = real(name)   # the real URL and cache layout, with the stand-in's file name
        return url, cache / "checkpoints" / (good.name if name == "alexnet" else f"{name}-00000000.pth")

    monkeypatch.setattr(pretrained, "weights_file", weights_file)
    return folder, good, cache


def test_fetch_weights_copies_a_checked_file_into_the_cache_once(mirror):
    from cnnlab.pretrained import fetch_weights

    folder, good, cache = mirror
    first = fetch_weights(["alexnet"], source=str(folder))
    target = cache / "checkpoints" / good.name
    assert [(f.name, f.path, f.cached) for f in first] == [("alexnet", target, False)]
    assert target.read_bytes() == good.read_bytes()
    state = torch.load(target, weights_only=True)
    assert state["features.0.weight"].shape == (64, 3, 11, 11)
    again = fetch_weights(["alexnet"], source=folder.as_uri())   # a URL works too; nothing is fetched twice
    assert [(f.cached, f.size) for f in again] == [(True, good.stat().st_size)]


def test_fetch_weights_rejects_a_file_whose_hash_does_not_match_and_leaves_nothing(mirror):
    from cnnlab.pretrained import fetch_weights

    folder, good, cache = mirror
    good.write_bytes(good.read_bytes()[:-100])   # truncated in the copy: its SHA-256 no longer matches the name
    with pytest.raises(ModelUnavailable, match="could not fetch the ImageNet weights for alexnet"):
        fetch_weights(["alexnet"], source=str(folder))
    assert not (cache / "checkpoints" / good.name).exists()
    with pytest.raises(ModelUnavailable, match="could not fetch.*vgg16"):   # missing from the mirror
        fetch_weights(["vgg16"], source=str(folder))
    with pytest.raises(ModelUnavailable, match="choose one of"):
        fetch_weights(["resnet999"], source=str(folder))


def test_fetch_weights_command_reports_each_model_and_fails_in_one_line(mirror, capsys):
    from clitest import run_main

    folder, good, cache = mirror
    ran = run_main(capsys, "fetch-weights", "alexnet", "--from", str(folder))
    assert ran.status == 0 and ran.out.startswith("alexnet: fetched ") and good.name in ran.out
    ran = run_main(capsys, "fetch-weights", "alexnet", "--from", str(folder))
    assert ran.status == 0 and "already cached" in ran.out
    ran = run_main(capsys, "fetch-weights", "vgg16", "--from", str(folder))
    assert ran.status == 2 and ran.out == "" and len(ran.err.strip().splitlines()) == 1
    assert ran.err.startswith("cnnlab fetch-weights: error: could not fetch the ImageNet weights for vgg16")
