"""The one training loop: a generator of events, used by the pages, the CLI, the precompute scripts and the tests.

    seed_everything(0)                       # before building the model: same seed, same initial weights
    model = build("lenet5_modern", padding=2)
    train_loader, test_loader, info = make_loaders("mnist10k", 128, device=pick_device())
    for event in train(model, train_loader, test_loader, TrainConfig(epochs=3)):
        if isinstance(event, Epoch): print(event.test_acc)

Events (small dataclasses, in this order per epoch):
``Step`` every ``log_every`` steps (loss of that batch), ``GradNorms`` every ``grad_norm_every`` steps when asked
(L2 norm of each conv/linear layer's weight gradient, input side first), one ``Epoch`` (running train loss and
accuracy over the epoch as the model learned, test loss and accuracy after it, learning rate, seconds, training
images per second — evaluation time excluded), and a final ``Done`` (or ``Stopped`` if ``should_stop()`` said so;
it is asked before every step, so Stop works mid-epoch).

A NaN or infinite loss (a learning rate of 10 does it) raises ``TrainingDiverged`` with what to change.
On CUDA: mixed precision (bfloat16 where supported, else float16 with a gradient scaler) and non-blocking copies.
CPU threads are capped (default: at most 2) while the generator runs and restored when it ends: a class shares
one server, and one student's training must not take every core from the others. torch's thread count is
process-wide, so the cap applies to everyone training on that server at the same time, which is the point.

Overhead vs a bare hand-written loop stays small because the loop adds no host–device syncs per step on CUDA:
running sums stay on the device and are read only when a ``Step`` event is emitted (``benchmarks/bench_train.py``).
"""
from __future__ import annotations

import math
import os
import random
import time
from collections.abc import Callable, Iterator
from contextlib import nullcontext
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

from cnnlab.errors import CnnlabError

__all__ = ["TrainError", "TrainingDiverged", "TrainConfig", "TrainedModel", "Step", "GradNorms", "Epoch", "Done",
           "Stopped", "Event", "pick_device", "seed_everything", "default_threads", "cpu_threads", "train",
           "evaluate", "predict", "gradient_norms", "weight_layers", "make_optimizer", "OPTIMIZERS", "SCHEDULES",
           "LAB_MODELS", "LAB_DEFAULT", "LAB_BATCH_SIZE", "build_model", "time_left", "confusion_matrix"]

OPTIMIZERS = ("adam", "sgd", "adamw")
SCHEDULES = ("constant", "cosine")


class TrainError(CnnlabError):
    """A training setting that cannot work (unknown device, bad learning rate …); the message says what to change."""


class TrainingDiverged(TrainError):
    """The loss became NaN or infinite: the steps were too large for this network."""


@dataclass
class TrainConfig:
    """Everything one training run needs besides the model and the data."""
    epochs: int = 3
    lr: float = 2e-3
    optimizer: str = "adam"          # adam | sgd | adamw
    momentum: float = 0.9            # SGD only
    weight_decay: float = 0.0
    schedule: str = "constant"       # constant | cosine (decays to 0 over all steps)
    device: str = "auto"             # auto (cuda → mps → cpu) | cpu | cuda | cuda:1 | mps
    amp: bool = True                 # mixed precision, on CUDA only
    seed: int = 0
    threads: int | None = None       # CPU threads while training; None = default_threads()
    log_every: int = 1               # a Step event every N steps
    grad_norms: bool = False         # emit GradNorms events
    grad_norm_every: int = 50
    diverge_factor: float = 10.0     # a loss above this × max(first loss, ln classes) counts as diverged (0 = off)


@dataclass
class Step:
    epoch: int                       # 1-based
    step: int                        # 1-based within the epoch
    steps_per_epoch: int
    global_step: int                 # 1-based over the whole run
    total_steps: int
    loss: float
    seconds: float                   # since the start of training


@dataclass
class GradNorms:
    epoch: int
    global_step: int
    norms: dict[str, float]          # layer name -> ‖∂loss/∂W‖₂, input side first


@dataclass
class Epoch:
    epoch: int
    train_loss: float
    train_acc: float                 # fraction 0–1, running over the epoch (train mode)
    test_loss: float
    test_acc: float
    lr: float                        # learning rate at the end of the epoch
    seconds: float                   # this epoch, training + evaluation
    train_seconds: float             # this epoch, training only
    images_per_second: float         # training images / train_seconds

    def to_dict(self) -> dict[str, float]:
        return asdict(self)


@dataclass
class Done:
    history: list[Epoch]
    seconds: float                   # whole run
    train_seconds: float
    images_per_second: float
    device: str


@dataclass
class Stopped(Done):
    epoch: int = 0
    step: int = 0


Event = Step | GradNorms | Epoch | Done


@dataclass
class TrainedModel:
    """A trained network and what is needed to feed it, kept in ``st.session_state["cnnlab.trained"]``."""
    name: str
    model: nn.Module                 # on the CPU, in eval mode
    input_size: tuple[int, int, int]  # (C, H, W)
    mean: tuple[float, ...]
    std: tuple[float, ...]
    classes: tuple[str, ...]
    test_acc: float
    history: list[dict[str, float]] = field(default_factory=list)
    dataset: str = "mnist10k"

    @classmethod
    def from_run(cls, name: str, model: nn.Module, info: Any, history: list[Epoch]) -> "TrainedModel":
        """Package a finished (or stopped) run: ``info`` is the loaders' ``DatasetInfo``; the model moves to the CPU."""
        test_acc = history[-1].test_acc if history else float("nan")
        return cls(name, model.cpu().eval(), tuple(info.input_size), tuple(info.mean), tuple(info.std),
                   tuple(info.classes), test_acc, [e.to_dict() for e in history], info.name)


# The training lab's models (cnnlab.models names) and its default recipe. The recipe was measured on the bundled
# digits: LeNet-5 (ReLU + max pool, C1 padded to 28+4) with Adam 4e-3, batch 128, cosine decay over 8 epochs reaches
# ≥ 98 % test accuracy in ~10–20 s on 2 CPU cores (a constant lr stalls near 97.5 %: the decay does the last point).
LAB_MODELS = ("lenet5_modern", "lenet5", "small_vgg", "resnet20")
LAB_BATCH_SIZE = 128


def _lab_default() -> "TrainConfig":
    return TrainConfig(epochs=8, lr=4e-3, optimizer="adam", schedule="cosine")


LAB_DEFAULT = _lab_default()   # a template: copy with dataclasses.replace, never mutate


# ---------------------------------------------------------------- device, seeds, threads
def pick_device(prefer: str = "auto") -> torch.device:
    """``auto`` → cuda if present, then mps, then cpu; an explicit device that is not there raises TrainError."""
    prefer = (prefer or "auto").strip().lower()
    if prefer == "auto":
        if torch.cuda.is_available():
            return torch.device("cuda")
        if getattr(torch.backends, "mps", None) is not None and torch.backends.mps.is_available():
            return torch.device("mps")
        return torch.device("cpu")
    try:
        device = torch.device(prefer)
    except RuntimeError:
        raise TrainError("unknown_device", device=prefer) from None
    if device.type == "cuda" and (not torch.cuda.is_available()
                                  or (device.index or 0) >= torch.cuda.device_count()):
        raise TrainError("no_cuda", device=prefer)
    if device.type == "mps" and not (getattr(torch.backends, "mps", None) and torch.backends.mps.is_available()):
        raise TrainError("no_mps", device=prefer)
    if device.type not in ("cpu", "cuda", "mps"):
        raise TrainError("device_unsupported", device=prefer)
    return device


def seed_everything(seed: int) -> None:
    """Seed Python, NumPy and torch (call before building the model: it fixes the initial weights)."""
    random.seed(seed)
    np.random.seed(seed % 2**32)
    torch.manual_seed(seed)


def default_threads() -> int:
    """CPU threads for one training: 2, or fewer on a smaller machine."""
    return max(1, min(2, os.cpu_count() or 1))


class cpu_threads:
    """Context manager: torch uses ``n`` intra-op threads inside, the previous number after."""

    def __init__(self, n: int | None) -> None:
        self.n = n or default_threads()

    def __enter__(self) -> "cpu_threads":
        self.before = torch.get_num_threads()
        if self.n != self.before:
            torch.set_num_threads(self.n)
        return self

    def __exit__(self, *exc: object) -> None:
        if torch.get_num_threads() != self.before:
            torch.set_num_threads(self.before)


def build_model(name: str, input_size: tuple[int, int, int], num_classes: int, **options: Any) -> nn.Module:
    """A cnnlab.models network sized for the data; LeNet-5 gets C1 padding 2 on 28×28 digits (the MNIST habit)."""
    from cnnlab.models import build

    channels, height, _ = input_size
    if name in ("lenet5", "lenet5_modern") and height == 28:
        options.setdefault("padding", 2)
    return build(name, in_channels=channels, num_classes=num_classes, **options)


def time_left(step: Step, eval_seconds: float = 0.0) -> float:
    """Seconds left in the run, from the pace so far (NaN before the first step); ``eval_seconds`` per epoch left."""
    if step.global_step < 1 or step.seconds <= 0:
        return math.nan
    epochs_left = (step.total_steps - step.global_step) / max(1, step.steps_per_epoch)
    return step.seconds / step.global_step * (step.total_steps - step.global_step) + eval_seconds * epochs_left


def confusion_matrix(preds: torch.Tensor, truth: torch.Tensor, num_classes: int) -> torch.Tensor:
    """``[true class, predicted class]`` counts (int64)."""
    index = truth.long() * num_classes + preds.long()
    return torch.bincount(index, minlength=num_classes * num_classes).view(num_classes, num_classes)


# ---------------------------------------------------------------- pieces of the loop
def make_optimizer(model: nn.Module, config: TrainConfig) -> torch.optim.Optimizer:
    """Adam, AdamW or SGD with momentum, from the config."""
    name = config.optimizer.lower()
    if not (config.lr > 0 and math.isfinite(config.lr)):
        raise TrainError("bad_lr", lr=str(config.lr))
    if name == "adam":
        return torch.optim.Adam(model.parameters(), lr=config.lr, weight_decay=config.weight_decay)
    if name == "adamw":
        return torch.optim.AdamW(model.parameters(), lr=config.lr, weight_decay=config.weight_decay)
    if name == "sgd":
        return torch.optim.SGD(model.parameters(), lr=config.lr, momentum=config.momentum,
                               weight_decay=config.weight_decay)
    raise TrainError("unknown_optimizer", name=config.optimizer, choices=list(OPTIMIZERS))


def _scheduler(optimizer: torch.optim.Optimizer, config: TrainConfig, total_steps: int) -> Any:
    if config.schedule == "constant":
        return None
    if config.schedule == "cosine":
        return torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=max(1, total_steps))
    raise TrainError("unknown_schedule", name=config.schedule, choices=list(SCHEDULES))


def _amp(device: torch.device, enabled: bool) -> tuple[Any, torch.amp.GradScaler | None]:
    """(autocast context factory, gradient scaler or None). Mixed precision only on CUDA."""
    if not (enabled and device.type == "cuda"):
        return nullcontext, None
    dtype = torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
    scaler = torch.amp.GradScaler("cuda") if dtype == torch.float16 else None  # bf16 has float32's range
    return (lambda: torch.autocast("cuda", dtype=dtype)), scaler


def weight_layers(model: nn.Module) -> list[tuple[str, nn.Module]]:
    """The conv and linear layers in forward-definition order (input side first): whose gradients we watch."""
    return [(name, m) for name, m in model.named_modules()
            if isinstance(m, (nn.Conv2d, nn.Linear)) and m.weight is not None]


def _grad_norms(layers: list[tuple[str, nn.Module]]) -> dict[str, float]:
    norms = [m.weight.grad.detach().float().norm() if m.weight.grad is not None else torch.zeros(())
             for _, m in layers]
    values = torch.stack(norms).tolist() if norms else []   # one sync for all layers
    return {name: v for (name, _), v in zip(layers, values)}


def gradient_norms(model: nn.Module, images: torch.Tensor, labels: torch.Tensor) -> dict[str, float]:
    """‖∂loss/∂W‖₂ per conv/linear layer for one batch (model in train mode, weights unchanged)."""
    was_training = model.training
    model.train()
    model.zero_grad(set_to_none=True)
    F.cross_entropy(model(images), labels).backward()
    norms = _grad_norms(weight_layers(model))
    model.zero_grad(set_to_none=True)
    model.train(was_training)
    return norms


def _to(x: torch.Tensor, device: torch.device) -> torch.Tensor:
    # non_blocking overlaps the copy with compute when the source is pinned (DataLoader's pin_memory on CUDA)
    return x if x.device == device else x.to(device, non_blocking=True)


@torch.no_grad()
def evaluate(model: nn.Module, loader: Any, device: torch.device | None = None, amp: bool = True
             ) -> tuple[float, float]:
    """(mean cross-entropy loss, accuracy 0–1) over the loader, in eval mode."""
    device = device or next(model.parameters()).device
    autocast, _ = _amp(device, amp)
    was_training = model.training
    model.eval()
    loss_sum = torch.zeros((), device=device)
    correct = torch.zeros((), device=device, dtype=torch.long)
    n = 0
    for x, y in loader:
        x, y = _to(x, device), _to(y, device)
        with autocast():
            out = model(x)
        loss_sum += F.cross_entropy(out.float(), y, reduction="sum")
        correct += (out.argmax(1) == y).sum()
        n += len(y)
    model.train(was_training)
    return loss_sum.item() / max(1, n), correct.item() / max(1, n)


@torch.no_grad()
def predict(model: nn.Module, loader: Any, device: torch.device | None = None) -> tuple[torch.Tensor, torch.Tensor]:
    """(predicted labels, true labels) on the CPU, for a confusion matrix and the misclassified images."""
    device = device or next(model.parameters()).device
    was_training = model.training
    model.eval()
    preds, truth = [], []
    for x, y in loader:
        preds.append(model(_to(x, device)).argmax(1).cpu())
        truth.append(y.cpu())
    model.train(was_training)
    return torch.cat(preds), torch.cat(truth)


def _diverged(loss: float, epoch: int, step: int, config: TrainConfig) -> TrainingDiverged:
    shown = f"{loss:.3g}" if math.isfinite(loss) else str(loss)
    error = TrainingDiverged("diverged", loss=shown, epoch=epoch, step=step, lr=f"{config.lr:g}",
                             optimizer=config.optimizer, lower=f"{config.lr / 10:g}")
    error.loss, error.lr, error.epoch, error.step = loss, config.lr, epoch, step   # as numbers, for the page
    return error


# ---------------------------------------------------------------- the loop
def train(model: nn.Module, train_loader: Any, test_loader: Any, config: TrainConfig | None = None, *,
          should_stop: Callable[[], bool] = lambda: False) -> Iterator[Event]:
    """Train ``model`` in place, yielding Step / GradNorms / Epoch events and a final Done (or Stopped)."""
    config = config or TrainConfig()
    if config.epochs < 1:
        raise TrainError("epochs_below_one", got=config.epochs)
    device = pick_device(config.device)
    with cpu_threads(config.threads):
        yield from _loop(model, train_loader, test_loader, config, device, should_stop)


def _loop(model: nn.Module, train_loader: Any, test_loader: Any, config: TrainConfig, device: torch.device,
          should_stop: Callable[[], bool]) -> Iterator[Event]:
    torch.manual_seed(config.seed)   # dropout masks and DataLoader shuffling follow the run's seed
    model.to(device).train()
    optimizer = make_optimizer(model, config)
    steps_per_epoch = len(train_loader)
    total_steps = steps_per_epoch * config.epochs
    scheduler = _scheduler(optimizer, config, total_steps)
    autocast, scaler = _amp(device, config.amp)
    layers = weight_layers(model) if config.grad_norms else []
    log_every, norm_every = max(1, config.log_every), max(1, config.grad_norm_every)
    sync_every_step = device.type == "cpu"   # .item() is free on the CPU: check the loss at every step
    history: list[Epoch] = []
    start = time.perf_counter()
    train_time, images_seen, global_step = 0.0, 0, 0
    # A NaN is not the only sign of divergence: with Adam at lr=10 the loss jumps to 1e12 and stays finite, with
    # SGD the ReLUs die and the loss wanders far above chance. A loss 10× the start's (or 10× ln C, chance level
    # for C classes) is never reached by a run that is learning, so it stops there instead of drawing garbage.
    limit = math.inf

    for epoch in range(1, config.epochs + 1):
        epoch_start = time.perf_counter()
        loss_sum = torch.zeros((), device=device)
        correct = torch.zeros((), device=device, dtype=torch.long)
        seen = 0
        for step, (x, y) in enumerate(train_loader, start=1):
            if should_stop():
                train_time += time.perf_counter() - epoch_start
                yield Stopped(history, time.perf_counter() - start, train_time,
                              images_seen / max(train_time, 1e-9), str(device), epoch, step - 1)
                return
            x, y = _to(x, device), _to(y, device)
            with autocast():
                out = model(x)
                loss = F.cross_entropy(out, y)
            optimizer.zero_grad(set_to_none=True)
            if scaler is not None:
                scaler.scale(loss).backward()
            else:
                loss.backward()
            global_step += 1
            if layers and (global_step % norm_every == 0 or global_step == 1):
                if scaler is not None:
                    scaler.unscale_(optimizer)
                yield GradNorms(epoch, global_step, _grad_norms(layers))
            if scaler is not None:
                scaler.step(optimizer)
                scaler.update()
            else:
                optimizer.step()
            if scheduler is not None:
                scheduler.step()
            batch = len(y)
            seen += batch
            loss_sum += loss.detach().float() * batch
            correct += (out.detach().argmax(1) == y).sum()
            if sync_every_step or global_step == 1 or step % log_every == 0 or step == steps_per_epoch:
                value = loss.item()
                if math.isinf(limit) and math.isfinite(value) and config.diverge_factor > 0:
                    limit = config.diverge_factor * max(value, math.log(max(2, out.shape[-1])))
                if not math.isfinite(value) or value > limit:
                    raise _diverged(value, epoch, step, config)
                if step % log_every == 0 or step == steps_per_epoch:
                    yield Step(epoch, step, steps_per_epoch, global_step, total_steps, value,
                               time.perf_counter() - start)
        if device.type == "cuda":
            torch.cuda.synchronize()   # so the clock measures the GPU's work, not its queue
        epoch_train = time.perf_counter() - epoch_start
        train_time += epoch_train
        images_seen += seen
        train_loss = loss_sum.item() / max(1, seen)
        if not math.isfinite(train_loss) or train_loss > limit:
            raise _diverged(train_loss, epoch, steps_per_epoch, config)
        test_loss, test_acc = evaluate(model, test_loader, device, config.amp)
        event = Epoch(epoch, train_loss, correct.item() / max(1, seen), test_loss, test_acc,
                      optimizer.param_groups[0]["lr"], time.perf_counter() - epoch_start, epoch_train,
                      seen / max(epoch_train, 1e-9))
        history.append(event)
        yield event
    yield Done(history, time.perf_counter() - start, train_time, images_seen / max(train_time, 1e-9), str(device))
