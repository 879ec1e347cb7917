"""cnnlab.private: a private copy shares the weights and nothing else; every "seeing inside" function run from many
threads at once on one shared model gives the single-threaded results, without an error and without touching it."""
from __future__ import annotations

import threading

import pytest
import torch
import torchvision
from torch import nn

from cnnlab.attribution import METHODS, attribute
from cnnlab.feature_maps import feature_maps
from cnnlab.images import load_sample
from cnnlab.pretrained import black_input, load_bundled, preprocess, top_k
from cnnlab.private import private_copy


def _net() -> nn.Module:
    torch.manual_seed(0)
    return nn.Sequential(nn.Conv2d(3, 4, 3, padding=1), nn.BatchNorm2d(4), nn.ReLU(inplace=True),
                         nn.Sequential(nn.Conv2d(4, 4, 3), nn.ReLU(inplace=True)), nn.AdaptiveAvgPool2d(1),
                         nn.Flatten(), nn.Linear(4, 3)).train()


def _state(model: nn.Module) -> dict:
    return {"training": [m.training for m in model.modules()],
            "inplace": [getattr(m, "inplace", None) for m in model.modules()],
            "hooks": [len(m._forward_hooks) + len(m._forward_pre_hooks) + len(m._backward_hooks)
                      for m in model.modules()],
            "tensors": {k: v.clone() for k, v in model.state_dict().items()},
            "grads": [p.grad for p in model.parameters()]}


def _same(a: dict, b: dict) -> bool:
    return (a["training"] == b["training"] and a["inplace"] == b["inplace"] and a["hooks"] == b["hooks"]
            and a["tensors"].keys() == b["tensors"].keys()
            and all(torch.equal(a["tensors"][k], b["tensors"][k]) for k in a["tensors"])
            and all(x is None and y is None for x, y in zip(a["grads"], b["grads"])))


def test_hooks_modes_and_flags_land_on_the_copy_only():
    model = _net()
    before = _state(model)
    copy = private_copy(model)
    assert type(copy) is type(model) and [type(m) for m in copy.modules()] == [type(m) for m in model.modules()]
    copy.eval()
    copy[2].inplace = False
    seen = []
    copy[3][0].register_forward_hook(lambda m, i, o: seen.append(o.shape))
    copy.register_forward_pre_hook(lambda m, a: seen.append("pre"))
    x = torch.randn(2, 3, 8, 8, requires_grad=True)
    copy(x).sum().backward()                       # gradients reach the input …
    assert seen == ["pre", (2, 4, 6, 6)] and x.grad is not None
    assert _same(before, _state(model))            # … but the model: same modes, flags, hooks, weights, no .grad
    model(torch.randn(2, 3, 8, 8))                 # the model's own forward does not run the copy's hooks
    assert seen == ["pre", (2, 4, 6, 6)]


def test_the_copy_reads_the_models_own_weights():
    model = _net().eval()
    copy = private_copy(model)
    for (name, p), (_, q) in zip(model.state_dict().items(), copy.state_dict().items()):
        assert q.data_ptr() == p.data_ptr(), name  # the same storage: nothing copied
        assert not q.requires_grad
    x = torch.randn(1, 3, 8, 8)
    with torch.no_grad():
        assert torch.equal(copy(x), model(x))
        model[0].weight.add_(1.0)                  # a change of the weights shows in the copy too (shared storage)
        assert torch.equal(copy(x), model(x))


def test_a_module_used_twice_stays_one_module_and_meta_copies_hold_no_data():
    relu = nn.ReLU()
    model = nn.Sequential(nn.Linear(4, 4), relu, nn.Linear(4, 4), relu)
    copy = private_copy(model, meta=True)
    assert copy[1] is copy[3] and copy[1] is not relu
    assert all(p.is_meta for p in copy.parameters()) and not any(p.is_meta for p in model.parameters())
    assert copy(torch.zeros(2, 4, device="meta")).shape == (2, 4)


def test_hooks_already_on_the_model_run_on_the_copy_with_the_copy_as_module():
    model = _net()
    calls = []
    model[0].register_forward_pre_hook(lambda m, a: calls.append(m))
    copy = private_copy(model)
    copy(torch.randn(1, 3, 8, 8))
    assert calls == [copy[0]]
    assert len(model[0]._forward_pre_hooks) == 1 and len(copy[0]._forward_pre_hooks) == 1


@pytest.fixture(scope="module")
def models():
    """The bundled LeNet-5 on a digit and a ResNet-18 (random weights, BatchNorm) on a photo: what the pages share."""
    bundled = load_bundled()
    torch.manual_seed(0)
    resnet = torchvision.models.resnet18(num_classes=10).eval()
    photo = torch.nn.functional.interpolate(preprocess(load_sample("cat"), bundled).expand(1, 3, 28, 28), size=32)
    return [(bundled.model, preprocess(load_sample("digit_3"), bundled), black_input(bundled), "features.0"),
            (resnet, photo, 0.0, "layer1.0.conv1")]


def _work(model: nn.Module, x: torch.Tensor, base, layer: str) -> dict:
    out = {m: attribute(model, x, 1, m, steps=8, window=8, stride=4, baseline=base) for m in METHODS}
    out["maps"] = feature_maps(model, x, layer)
    with torch.no_grad():
        out["top"] = torch.softmax(private_copy(model).eval()(x), 1)
    return out


def test_many_threads_on_one_shared_model_get_the_single_threaded_results(models):
    expected = [_work(*case) for case in models]
    before = [_state(case[0]) for case in models]
    errors: list[str] = []
    results: list[tuple[int, dict]] = []

    def student(i: int) -> None:
        try:
            results.append((i % 2, _work(*models[i % 2])))
        except Exception as exc:  # noqa: BLE001 - any failure is the finding
            errors.append(repr(exc))

    threads = [threading.Thread(target=student, args=(i,)) for i in range(6)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert errors == []
    assert len(results) == 6
    for case, got in results:
        for name, value in expected[case].items():
            assert torch.allclose(got[name], value, atol=1e-5), name
    assert all(_same(b, _state(case[0])) for b, case in zip(before, models))


def test_top_k_reads_a_model_left_in_training_mode_in_eval_mode_without_changing_it():
    bundled = load_bundled()
    bundled.model.train()
    try:
        x = preprocess(load_sample("digit_7"), bundled)
        assert top_k(bundled, x, k=1)[0][1] == "7"
        assert bundled.model.training
    finally:
        bundled.model.eval()
