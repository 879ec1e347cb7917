"""The degradation lesson: deeper *plain* nets train worse; the same nets with skip connections do not.

    for event in run_preset("classroom"):            # or PRESETS["classroom"] with changes (dataclasses.replace)
        if isinstance(event, RunEpoch): print(event.depth, event.residual, event.train_error)
        if isinstance(event, PresetDone): result = event.result     # the CLI/asset JSON contract

Presets (``PRESETS``):

* ``classroom`` — the bundled digits resized to 16×16, narrow BN nets (widths 8/16/32), plain and residual
  twins at depths 8 / 20 / 44 (6n+2, the paper's CIFAR family), a few epochs of Adam: about a minute on two CPU
  cores. What it shows (the shipped ``assets/degradation/classroom.json``): the 44-layer plain net ends with several
  times the training error of the 8-layer one, while the residual nets get *better* (or stay equal) with depth.
* ``full`` — CIFAR-10 (32×32, widths 16/32/64), depths 20 / 32 / 44 / 56 and SGD with momentum as in the ResNet
  paper's Fig. 6 (shortened: no 64k-iteration schedule); for GPU machines. It needs CIFAR-10 on disk
  (``cnnlab.data``); offline it raises ``DatasetUnavailable`` with the command that fetches it.

Training error = 1 − the *running* training accuracy of each epoch (the fraction of training images the
network got wrong while it was learning on them, in train mode), as reported by ``cnnlab.train``. This is what
the paper's curves plot (the training error logged during SGD, not a separate pass); it costs nothing extra,
and it is slightly pessimistic for the first epoch, equally for every net. Test error = 1 − test accuracy
after each epoch (eval mode).

The vanishing-gradient part: ``layer_gradient_norms`` gives ‖∂loss/∂W‖₂ of every conv/linear layer (input
side first) for plain vs residual nets at initialisation and after some training, and
``activation_gradient_norms`` for a deep plain stack with sigmoid vs ReLU activations (no BatchNorm, so
nothing rescues the sigmoid's ≤ 0.25 slope).
"""
from __future__ import annotations

import json
import math
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from typing import Any

import torch
from torch import nn

from cnnlab.data import ASSETS, DatasetUnavailable, make_loaders
from cnnlab.errors import CnnlabError, Quote
from cnnlab.models import cifar_resnet
from cnnlab.train import (Done, Epoch, Step, Stopped, TrainConfig, cpu_threads, gradient_norms, pick_device,
                          seed_everything, train)

__all__ = ["DegradationError", "Preset", "PRESETS", "RunStart", "RunEpoch", "Progress", "RunDone", "PresetDone",
           "DegradationEvent", "run_preset", "resolve_preset", "validate_result", "effect", "Effect",
           "layer_gradient_norms", "activation_gradient_norms", "deep_stack", "gradient_lesson", "DatasetUnavailable",
           "ASSET_DIR", "load_precomputed", "load_gradient_lesson", "preset_settings", "final_runs",
           "PAPER_RESNET_TEST_ERROR", "PAPER_SETUP", "PresetSetup", "preset_setup", "paper_epochs", "input_gradient_ratio",
           "residual_trend"]

ASSET_DIR = ASSETS / "degradation"   # <preset>.json (results) and gradients.json, written by scripts/precompute_degradation.py


class DegradationError(CnnlabError):
    """A preset setting that cannot work (unknown preset, a depth that is not 6n+2 …)."""


@dataclass(frozen=True)
class Preset:
    """One degradation experiment: plain and residual twins at each depth, all trained the same way."""
    name: str
    dataset: str = "mnist10k"
    depths: tuple[int, ...] = (8, 20, 44)
    widths: tuple[int, int, int] = (8, 16, 32)
    image_size: int | None = 16
    epochs: int = 3
    batch_size: int = 128
    lr: float = 2e-3
    optimizer: str = "adam"
    momentum: float = 0.9
    weight_decay: float = 0.0
    subset: int | None = None          # training images (None = all)
    test_subset: int | None = None
    seed: int = 0
    shortcut: str = "A"                # the paper's CIFAR nets: zero-padding shortcuts, no extra parameters

    @property
    def runs(self) -> list[tuple[int, bool]]:
        """(depth, residual) in training order: all plain nets first, then the residual twins."""
        return [(d, False) for d in self.depths] + [(d, True) for d in self.depths]


PRESETS: dict[str, Preset] = {
    # 4 epochs of 4,000 digits: the same work as 2 epochs of 8,000 but 4 points per curve
    "classroom": Preset("classroom", epochs=4, subset=4000),
    "full": Preset("full", dataset="cifar10", depths=(20, 32, 44, 56), widths=(16, 32, 64), image_size=None,
                   epochs=20, batch_size=128, lr=0.1, optimizer="sgd", weight_decay=1e-4),
}


# ---------------------------------------------------------------- events
@dataclass
class RunStart:
    run: int                 # 0-based index into preset.runs
    total_runs: int
    depth: int
    residual: bool
    params: int


@dataclass
class Progress:
    fraction: float          # 0–1 of the whole preset (work weighted by depth)
    seconds: float           # since the preset started
    seconds_left: float      # estimate
    run: int
    epoch: int


@dataclass
class RunEpoch:
    run: int
    depth: int
    residual: bool
    epoch: int
    train_error: float       # 1 − running train accuracy of this epoch
    test_error: float
    seconds: float           # since the preset started


@dataclass
class RunDone:
    run: int
    depth: int
    residual: bool
    train_error: list[float]
    test_error: list[float]
    seconds: float           # this run


@dataclass
class PresetDone:
    result: dict[str, Any]   # the JSON contract (see ``validate_result``)
    stopped: bool = False


DegradationEvent = RunStart | Progress | RunEpoch | RunDone | PresetDone


# ---------------------------------------------------------------- running a preset
def resolve_preset(preset: str | Preset) -> Preset:
    """A preset by name (or the object itself), checked."""
    if isinstance(preset, str):
        if preset not in PRESETS:
            raise DegradationError("unknown_preset", name=preset, choices=list(PRESETS))
        preset = PRESETS[preset]
    bad = [d for d in preset.depths if d < 8 or (d - 2) % 6]
    if bad or not preset.depths:
        raise DegradationError("depths_6n2", depths=str(list(preset.depths)))
    if preset.epochs < 1:
        raise DegradationError("epochs_below_one", got=preset.epochs)
    return preset


def build_twin(preset: Preset, depth: int, residual: bool, in_channels: int, num_classes: int) -> nn.Module:
    """The plain or residual CIFAR-style net of this depth; the same seed gives both twins the same start."""
    seed_everything(preset.seed)
    return cifar_resnet(depth, residual=residual, widths=preset.widths, shortcut=preset.shortcut,
                        in_channels=in_channels, num_classes=num_classes)


def run_preset(preset: str | Preset = "classroom", *, device: str = "auto", threads: int | None = None,
               should_stop: Callable[[], bool] = lambda: False) -> Iterator[DegradationEvent]:
    """Train every (depth, plain/residual) net of the preset; yields events, last a ``PresetDone``.

    Raises ``DatasetUnavailable`` (dataset not on disk), ``TrainError`` (bad device) or ``DegradationError``.
    If ``should_stop()`` turns true, the current run ends and ``PresetDone(stopped=True)`` holds the finished runs.
    """
    preset = resolve_preset(preset)
    dev = pick_device(device)
    start = time.perf_counter()
    train_loader, test_loader, info = make_loaders(
        preset.dataset, preset.batch_size, image_size=preset.image_size, device=dev, subset=preset.subset,
        test_subset=preset.test_subset, seed=preset.seed)
    config = TrainConfig(epochs=preset.epochs, lr=preset.lr, optimizer=preset.optimizer, momentum=preset.momentum,
                         weight_decay=preset.weight_decay, schedule="constant", device=str(dev), seed=preset.seed,
                         threads=threads, log_every=max(1, len(train_loader) // 10))
    runs = preset.runs
    # Time of one run ≈ a fixed cost per step plus one per layer: measured on 2 CPU cores, 8/20/44 layers took
    # about 2.6 / 4.5 / 9.5 s, i.e. ∝ depth + 6. The time-left estimate weights the runs so.
    weights = [d + 6.0 for d, _ in runs]
    total_work, done_work = sum(weights), 0.0
    finished: list[dict[str, Any]] = []
    stopped = False
    for i, (depth, residual) in enumerate(runs):
        model = build_twin(preset, depth, residual, info.input_size[0], len(info.classes))
        yield RunStart(i, len(runs), depth, residual, sum(p.numel() for p in model.parameters()))
        run_start = time.perf_counter()
        train_err: list[float] = []
        test_err: list[float] = []
        for event in train(model, train_loader, test_loader, config, should_stop=should_stop):
            if isinstance(event, Step):
                fraction = (done_work + weights[i] * event.global_step / event.total_steps) / total_work
                elapsed = time.perf_counter() - start
                yield Progress(fraction, elapsed, _time_left(elapsed, fraction), i, event.epoch)
            elif isinstance(event, Epoch):
                train_err.append(round(1.0 - event.train_acc, 6))
                test_err.append(round(1.0 - event.test_acc, 6))
                yield RunEpoch(i, depth, residual, event.epoch, train_err[-1], test_err[-1],
                               time.perf_counter() - start)
            elif isinstance(event, Stopped):
                stopped = True
            elif isinstance(event, Done):
                pass
        if stopped:
            break
        done_work += weights[i]
        finished.append({"depth": depth, "residual": residual, "train_error": train_err, "test_error": test_err})
        yield RunDone(i, depth, residual, train_err, test_err, time.perf_counter() - run_start)
    result = {"preset": preset.name, "device": str(dev), "seconds": round(time.perf_counter() - start, 2),
              "runs": finished}
    yield PresetDone(result, stopped)


def _time_left(elapsed: float, fraction: float) -> float:
    return elapsed * (1 - fraction) / fraction if fraction > 1e-6 else float("nan")


def preset_settings(preset: Preset) -> dict[str, Any]:
    """The preset as plain JSON (stored beside precomputed results, so the page can say how they were made)."""
    s = asdict(preset)
    s["train_error"] = "1 - running train accuracy per epoch"
    return {k: list(v) if isinstance(v, tuple) else v for k, v in s.items()}


# ---------------------------------------------------------------- checking results
def validate_result(result: Any) -> None:
    """Raise ``DegradationError`` unless ``result`` matches the JSON contract (preset, device, seconds, runs)."""
    if not isinstance(result, dict):
        raise DegradationError("bad_result", detail=Quote("result must be a JSON object"))
    for key, kind in (("preset", str), ("device", str), ("seconds", (int, float)), ("runs", list)):
        if not isinstance(result.get(key), kind):
            raise DegradationError("bad_result", detail=Quote(f"'{key}' must be {getattr(kind, '__name__', 'number')}"))
    for run in result["runs"]:
        if not isinstance(run, dict) or not isinstance(run.get("depth"), int) or not isinstance(run.get("residual"), bool):
            raise DegradationError("bad_result", detail=Quote(f"each run needs an int 'depth' and a bool 'residual', "
                                                              f"got {run!r}"))
        for key in ("train_error", "test_error"):
            errs = run.get(key)
            if not isinstance(errs, list) or not errs or not all(
                    isinstance(e, (int, float)) and 0.0 <= e <= 1.0 for e in errs):
                raise DegradationError("bad_result", detail=Quote(f"run depth {run['depth']}: '{key}' must be a "
                                                                  f"non-empty list of fractions 0–1"))


@dataclass(frozen=True)
class Effect:
    """The lesson's claim in numbers: final training errors of the shallowest/deepest plain and residual nets."""
    plain_shallow: float
    plain_deep: float
    residual_shallow: float
    residual_deep: float

    @property
    def plain_ratio(self) -> float:
        """deepest plain / shallowest plain final training error (≥ 2 = degradation shown)."""
        return self.plain_deep / max(self.plain_shallow, 1e-9)

    @property
    def residual_better(self) -> bool:
        """The deepest residual net ends strictly below the shallowest one (else it is at most 1 point above)."""
        return self.residual_deep < self.residual_shallow

    @property
    def shown(self) -> bool:
        """Deep plain ≥ 2× shallow plain, and deep residual ≤ shallow residual + 1 point."""
        return self.plain_ratio >= 2.0 and self.residual_deep <= self.residual_shallow + 0.01


def final_runs(result: dict[str, Any]) -> tuple[list[int], dict[tuple[int, bool], dict[str, Any]]]:
    """(depths in order, {(depth, residual): run}) of a result; a run's last errors are its final ones."""
    runs = {(r["depth"], r["residual"]): r for r in result["runs"]}
    return sorted({d for d, _ in runs}), runs


def effect(result: dict[str, Any]) -> Effect:
    """The ``Effect`` of a finished result (needs the shallowest and deepest depth in both kinds)."""
    depths, runs = final_runs(result)
    final = {key: run["train_error"][-1] for key, run in runs.items()}
    lo, hi = depths[0], depths[-1]
    try:
        return Effect(final[(lo, False)], final[(hi, False)], final[(lo, True)], final[(hi, True)])
    except KeyError as e:
        raise DegradationError("missing_run", run=str(e.args[0])) from None


# ---------------------------------------------------------------- vanishing gradients
def _probe_batch(n: int = 128, image_size: int = 16, seed: int = 0) -> tuple[torch.Tensor, torch.Tensor, int]:
    loader, _, info = make_loaders("mnist10k", n, image_size=image_size, subset=n, test_subset=1, seed=seed)
    x, y = next(iter(loader))
    return x, y, info.input_size[0]


def layer_gradient_norms(depth: int = 44, *, widths: tuple[int, int, int] = (8, 16, 32), image_size: int = 16,
                         train_steps: int = 0, batch_size: int = 128, lr: float = 2e-3, seed: int = 0,
                         ) -> dict[str, list[float]]:
    """‖∂loss/∂W‖₂ per conv/linear layer (input side first) for the plain and residual net of ``depth``.

    ``train_steps`` > 0: measured after that many Adam steps on the bundled digits instead of at initialisation.
    Returns ``{"plain": [...], "residual": [...]}`` (same length: the nets have the same weight layers,
    option-A shortcuts add none).
    """
    x, y, channels = _probe_batch(batch_size, image_size, seed)
    out: dict[str, list[float]] = {}
    for residual in (False, True):
        seed_everything(seed)
        model = cifar_resnet(depth, residual=residual, widths=widths, shortcut="A", in_channels=channels,
                             num_classes=10)
        if train_steps:
            loader, _, _ = make_loaders("mnist10k", batch_size, image_size=image_size, test_subset=1, seed=seed)
            config = TrainConfig(epochs=1, lr=lr, device="cpu", seed=seed, log_every=10**9, threads=1)
            asked = iter(range(10**9))   # train() asks should_stop() once before every step
            for _ in train(model, loader, [], config, should_stop=lambda: next(asked) >= train_steps):
                pass
        model.cpu()
        with cpu_threads(1):   # one small batch: a second thread gains nothing and, on a busy server, costs 10×
            out["residual" if residual else "plain"] = list(gradient_norms(model, x, y).values())
    return out


def deep_stack(depth: int, activation: str, *, width: int = 16, in_features: int = 256,
               num_classes: int = 10) -> nn.Sequential:
    """``depth`` fully connected layers with sigmoid or ReLU between them, no BatchNorm (the 1990s setting)."""
    acts: dict[str, type[nn.Module]] = {"sigmoid": nn.Sigmoid, "relu": nn.ReLU, "tanh": nn.Tanh}
    if activation not in acts:
        raise DegradationError("unknown_activation", choices=list(acts), name=activation)
    if depth < 2:
        raise DegradationError("depth_below_two", depth=depth)
    layers: list[nn.Module] = [nn.Flatten()]
    sizes = [in_features] + [width] * (depth - 1) + [num_classes]
    for i, (a, b) in enumerate(zip(sizes, sizes[1:])):
        layers.append(nn.Linear(a, b))
        if i < depth - 1:
            layers.append(acts[activation]())
    for m in layers:
        if isinstance(m, nn.Linear):
            # He init for ReLU, Xavier (Glorot) for sigmoid/tanh: each activation gets its *best* standard start,
            # so the sigmoid net's vanishing gradient is not an initialisation mistake.
            if activation == "relu":
                nn.init.kaiming_normal_(m.weight, nonlinearity="relu")
            else:
                nn.init.xavier_normal_(m.weight)
            nn.init.zeros_(m.bias)
    return nn.Sequential(*layers)


def activation_gradient_norms(depth: int = 20, *, width: int = 32, image_size: int = 16, batch_size: int = 128,
                              seed: int = 0) -> dict[str, list[float]]:
    """‖∂loss/∂W‖₂ per layer (input side first) at initialisation for a deep plain stack: sigmoid vs ReLU."""
    x, y, channels = _probe_batch(batch_size, image_size, seed)
    out: dict[str, list[float]] = {}
    for act in ("sigmoid", "relu"):
        seed_everything(seed)
        model = deep_stack(depth, act, width=width, in_features=channels * image_size * image_size)
        with cpu_threads(1):
            out[act] = list(gradient_norms(model, x, y).values())
    return out


def gradient_lesson(depth: int = 44, stack_depth: int = 20, train_steps: int = 60, seed: int = 0) -> dict[str, Any]:
    """All the gradient-norm data the page charts (plain vs residual at init and trained; sigmoid vs ReLU)."""
    return {
        "depth": depth,
        "init": layer_gradient_norms(depth, seed=seed),
        "trained_steps": train_steps,
        "trained": layer_gradient_norms(depth, train_steps=train_steps, seed=seed),
        "stack_depth": stack_depth,
        "activations": activation_gradient_norms(stack_depth, seed=seed),
    }


# ---------------------------------------------------------------- precomputed results (assets/degradation/)
def _load_json(path: Any) -> Any:
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def load_precomputed(preset: str) -> dict[str, Any] | None:
    """The precomputed result of a preset (``assets/degradation/<preset>.json``: the CLI JSON contract plus the
    preset's ``settings``), or None if absent or invalid."""
    result = _load_json(ASSET_DIR / f"{preset}.json")
    try:
        validate_result(result)
    except DegradationError:
        return None
    return result


def load_gradient_lesson() -> dict[str, Any] | None:
    """The precomputed ``gradient_lesson()`` data (``assets/degradation/gradients.json``), or None."""
    data = _load_json(ASSET_DIR / "gradients.json")
    return data if isinstance(data, dict) and {"init", "trained", "activations"} <= data.keys() else None


def input_gradient_ratio(norms: list[float]) -> float:
    """‖∂loss/∂W‖ of the first (input-side) weight layer over that of the last: > 1 means the gradients grow
    towards the input, < 1 that they shrink (vanish)."""
    return norms[0] / max(norms[-1], 1e-30)


def residual_trend(eff: Effect) -> str:
    """How the residual nets' final training error moved from the shallowest to the deepest net: "lower" or
    "level" (at most 1 point higher — the ``Effect.shown`` tolerance), else "higher"."""
    if eff.residual_better:
        return "lower"
    return "level" if eff.residual_deep <= eff.residual_shallow + 0.01 else "higher"


# ---------------------------------------------------------------- the paper's CIFAR-10 experiment
# He, Zhang, Ren, Sun, "Deep Residual Learning for Image Recognition" (2015), section 4.2: CIFAR-10 test error (%)
# of the residual nets, Table 6. The plain nets are given only as curves (Fig. 6 left): the 56-layer plain net has
# higher training *and* test error than the 20-layer one. ResNet-1202 tests worse than ResNet-110 although it trains
# as well — the paper puts that down to overfitting (19.4 M parameters for 50 k images).
PAPER_RESNET_TEST_ERROR: dict[int, float] = {20: 8.75, 32: 7.51, 44: 7.17, 56: 6.97, 110: 6.43, 1202: 7.93}


@dataclass(frozen=True)
class PresetSetup:
    """How an experiment was trained, in the numbers the page compares (the paper's or a preset's)."""
    dataset: str                      # a DATASETS key
    images: int                       # training images
    shape: tuple[int, int, int]       # C×H×W of one image
    depths: tuple[int, ...]
    widths: tuple[int, int, int]
    steps: int                        # optimiser steps in all
    batch_size: int
    optimizer: str
    lr: float
    augmented: bool

    @property
    def epochs(self) -> float:
        return self.steps * self.batch_size / self.images


# The paper: 50,000 training images, batch 128, 64,000 iterations (lr 0.1, ÷10 at 32k and 48k), weight decay 1e-4,
# momentum 0.9, 4-pixel padding + random 32×32 crops + mirroring; plain nets 20–56 layers, ResNets up to 1202.
PAPER_SETUP = PresetSetup("cifar10", 50_000, (3, 32, 32), (20, 32, 44, 56), (16, 32, 64), 64_000, 128, "sgd", 0.1,
                          True)


def paper_epochs() -> float:
    """The paper's 64k iterations of 128 images, in passes over its 50,000 training images (≈ 164)."""
    return PAPER_SETUP.epochs


def preset_setup(preset: str | Preset) -> PresetSetup:
    """The same numbers for a preset (its dataset's size without loading it: ``subset`` or the whole train split)."""
    from cnnlab.data import DATASETS, TRAIN_SIZE

    preset = resolve_preset(preset)
    channels, size = DATASETS[preset.dataset][2], DATASETS[preset.dataset][3]
    full = TRAIN_SIZE if preset.dataset == "mnist10k" else {"cifar10": 50_000, "mnist": 60_000,
                                                             "fashion_mnist": 60_000}[preset.dataset]
    images = min(preset.subset or full, full)
    side = preset.image_size or size
    steps = preset.epochs * math.ceil(images / preset.batch_size)
    return PresetSetup(preset.dataset, images, (channels, side, side), preset.depths, preset.widths, steps,
                       preset.batch_size, preset.optimizer, preset.lr, False)
