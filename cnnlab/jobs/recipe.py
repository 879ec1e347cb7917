"""What a job is and how it runs: a picklable ``Recipe`` and the one function ``run_job`` that does it.

    result = run_job(lab_recipe(epochs=1, subset=512, threads=1), emit=print)

``run_job`` is the whole job — loaders, model, the one training loop (``cnnlab.train``), the confusion matrix —
and is what every backend calls (local worker processes, later Ray tasks, a script). It emits plain dicts:

* ``start``  {device, epochs, params, n_train, n_test, threads}; for a degradation job {device, runs}
* ``step``   {epoch, step, steps_per_epoch, global_step, total_steps, loss, seconds}       (train)
* ``epoch``  cnnlab.train.Epoch as a dict                                                   (train)
* ``run_start`` / ``progress`` / ``run_epoch`` / ``run_done``: cnnlab.degradation's events (degradation)
* exactly one terminal event: ``done`` {seconds, …}, ``stopped`` {epoch, step, …} (``should_stop()`` said so:
  the result holds what was learned so far) or ``failed`` {code, values}.

A failure is data, never an English sentence: ``code`` is one of ``FAILURES`` and ``values`` holds the numbers
the page words it with (``diverged``: loss, lr, epoch, step; ``bad_layer``: layer, problem …). ``values["detail"]``
keeps the engine's English message for the teacher's log only.

Determinism: a job seeds Python, NumPy and torch from ``recipe.seed`` (model init, shuffling, augmentation,
dropout) and runs with ``recipe.threads`` CPU threads, never a number that depends on the machine's load: the
same recipe gives bit-identical weights alone or with 29 other jobs running. The thread count is part of the
recipe because it changes the float sums (1 vs 2 threads differ in the last bits). It uses the process's
global RNGs (torch's layer init has no generator argument), restoring them afterwards, so run it where one
job runs at a time: a worker process — never the shared Streamlit process.
"""
from __future__ import annotations

import io
import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any

import numpy as np
import torch

from cnnlab import train as tr
from cnnlab.arithmetic import LayerError
from cnnlab.data import DatasetUnavailable, dataset_info, make_loaders

__all__ = ["Recipe", "KINDS", "TERMINAL", "FAILURES", "JobFailure", "lab_recipe", "degradation_recipe",
           "run_job", "trained_model", "load_weights"]

KINDS = ("train", "degradation")
TERMINAL = ("done", "stopped", "failed", "cancelled", "lost")   # the last two come from a backend, not run_job
# failed codes run_job emits (a backend adds "lost" and "backend"; the service adds none)
FAILURES = ("diverged", "dataset_unavailable", "bad_layer", "bad_model", "bad_setting", "custom_input",
            "custom_classes", "out_of_memory", "internal")

Emit = Callable[[dict[str, Any]], None]


@dataclass(frozen=True)
class Recipe:
    """Everything one job needs, as plain values (picklable, JSON-able with ``to_dict``)."""
    kind: str = "train"                      # train | degradation
    model: str = "lenet5_modern"             # a cnnlab.train.LAB_MODELS name, or "custom" (then ``spec``)
    spec: str = ""                           # build-your-own layer text (cnnlab.spec), model="custom"
    spec_input: tuple[int, int, int] | None = None   # (C, H, W) the spec was written for
    dataset: str = "mnist10k"
    batch_size: int = tr.LAB_BATCH_SIZE
    epochs: int = tr.LAB_DEFAULT.epochs
    lr: float = tr.LAB_DEFAULT.lr
    optimizer: str = tr.LAB_DEFAULT.optimizer
    momentum: float = tr.LAB_DEFAULT.momentum
    weight_decay: float = tr.LAB_DEFAULT.weight_decay
    schedule: str = tr.LAB_DEFAULT.schedule
    amp: bool = True
    augment: dict[str, Any] | None = None    # cnnlab.augmentation.AugmentConfig fields; None = no augmentation
    subset: int | None = None                # first N training images (None = all)
    test_subset: int | None = None           # first N test images (None = all)
    seed: int = 0
    threads: int | None = None               # CPU threads; None = the backend's per-job share
    device: str = "auto"                     # a backend pins its worker's device
    loader_workers: int = 0                  # augmentation processes; 0 = in the job's process
    log_every: int = 1                       # a step event every N steps
    preset: dict[str, Any] | None = field(default=None)   # degradation: cnnlab.degradation.Preset fields

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Recipe":
        known = {f.name for f in fields(cls)}
        data = {k: v for k, v in data.items() if k in known}
        if data.get("spec_input") is not None:
            data["spec_input"] = tuple(data["spec_input"])
        return cls(**data)

    @property
    def total_epochs(self) -> int:
        """Epochs per network (the teacher's limit applies to it)."""
        return int((self.preset or {}).get("epochs", 1)) if self.kind == "degradation" else self.epochs

    @property
    def train_images(self) -> int | None:
        """Training images asked for (None = the whole set)."""
        return (self.preset or {}).get("subset") if self.kind == "degradation" else self.subset


def lab_recipe(**changes: Any) -> Recipe:
    """The training lab's default run (LeNet-5, digits, Adam 4e-3, cosine, 8 epochs, batch 128) with changes."""
    return replace(Recipe(), **changes)


def degradation_recipe(preset: Any = "classroom", **changes: Any) -> Recipe:
    """A degradation live re-run of ``preset`` (a name or a ``cnnlab.degradation.Preset``)."""
    from cnnlab.degradation import preset_settings, resolve_preset

    p = resolve_preset(preset)
    settings = {k: v for k, v in preset_settings(p).items() if k != "train_error"}
    return replace(Recipe(kind="degradation", preset=settings, seed=p.seed), **changes)


class JobFailure(Exception):
    """A job that cannot run, as data: ``code`` (one of FAILURES) and the ``values`` a page words it with."""

    def __init__(self, code: str, **values: Any) -> None:
        super().__init__(code, values)
        self.code, self.values = code, values


# ---------------------------------------------------------------- running a job
@contextmanager
def _seeded(seed: int) -> Iterator[None]:
    """Seed Python, NumPy and torch for one job; put the previous states back after."""
    py, npy = random.getstate(), np.random.get_state()
    devices = [torch.cuda.current_device()] if torch.cuda.is_available() and torch.cuda.is_initialized() else []
    with torch.random.fork_rng(devices=devices):
        tr.seed_everything(seed)
        try:
            yield
        finally:
            random.setstate(py)
            np.random.set_state(npy)


def run_job(recipe: Recipe, emit: Emit, should_stop: Callable[[], bool] = lambda: False) -> dict[str, Any] | None:
    """Do the job; emit its events, ending with one of done / stopped / failed. Returns the result (None if failed)."""
    try:
        with _seeded(recipe.seed), tr.cpu_threads(recipe.threads):
            if recipe.kind == "train":
                result = _train(recipe, emit, should_stop)
            elif recipe.kind == "degradation":
                result = _degradation(recipe, emit, should_stop)
            else:
                raise JobFailure("bad_setting", field="kind", value=recipe.kind)
    except Exception as exc:   # every failure becomes data for this job's student; nothing escapes the worker
        code, values = _failure(exc, recipe)
        emit({"type": "failed", "code": code, "values": values})
        return None
    terminal = {k: v for k, v in result.items() if k in _SUMMARY}
    emit({"type": "stopped" if result["stopped"] else "done", **terminal})
    return result


_SUMMARY = ("seconds", "test_acc", "device", "images_per_second", "epoch", "step", "threads")


def _failure(exc: BaseException, recipe: Recipe) -> tuple[str, dict[str, Any]]:
    from cnnlab.degradation import DegradationError
    from cnnlab.models.errors import ModelError

    detail = str(exc)
    if isinstance(exc, JobFailure):
        return exc.code, exc.values
    if isinstance(exc, tr.TrainingDiverged):
        return "diverged", {"loss": exc.loss, "lr": exc.lr, "epoch": exc.epoch, "step": exc.step, "detail": detail}
    if isinstance(exc, DatasetUnavailable):
        dataset = (recipe.preset or {}).get("dataset", recipe.dataset) if recipe.kind == "degradation" else recipe.dataset
        from cnnlab.data import data_root

        return "dataset_unavailable", {"dataset": dataset, "root": str(data_root()), "detail": detail}
    if isinstance(exc, LayerError):
        return "bad_layer", {"layer": exc.layer, "problem": exc.message, "detail": detail}
    if isinstance(exc, ModelError):
        return "bad_model", {"model": recipe.model, "detail": detail}
    if isinstance(exc, (tr.TrainError, DegradationError)):
        return "bad_setting", {"detail": detail}
    if isinstance(exc, (MemoryError, torch.cuda.OutOfMemoryError)):
        return "out_of_memory", {"detail": detail}
    return "internal", {"error": type(exc).__name__, "detail": detail}


def _config(recipe: Recipe, device: torch.device) -> tr.TrainConfig:
    return tr.TrainConfig(epochs=recipe.epochs, lr=recipe.lr, optimizer=recipe.optimizer, momentum=recipe.momentum,
                          weight_decay=recipe.weight_decay, schedule=recipe.schedule, device=str(device),
                          amp=recipe.amp, seed=recipe.seed, threads=recipe.threads, log_every=recipe.log_every)


def _image_size(recipe: Recipe) -> int | None:
    """A custom network fixes the input: the data are resized to its H×W (same channels, square only)."""
    if recipe.model != "custom":
        return None
    c, h, w = recipe.spec_input or (0, 0, 0)
    data = dataset_info(recipe.dataset).input_size
    if c != data[0] or h != w:
        raise JobFailure("custom_input", spec=[c, h, w], data=list(data), dataset=recipe.dataset)
    return h


def _build(recipe: Recipe, input_size: tuple[int, int, int], classes: int) -> torch.nn.Module:
    """The recipe's network (weights from the global RNG, so seed first — or build on the meta device)."""
    if recipe.model != "custom":
        return tr.build_model(recipe.model, input_size, classes)
    from cnnlab.spec import build_spec

    return build_spec(recipe.spec, tuple(recipe.spec_input or input_size))


def _train(recipe: Recipe, emit: Emit, should_stop: Callable[[], bool]) -> dict[str, Any]:
    device = tr.pick_device(recipe.device)
    augment = None
    if recipe.augment is not None:
        from cnnlab.augmentation import AugmentConfig

        augment = AugmentConfig(**recipe.augment)
    train_loader, test_loader, info = make_loaders(
        recipe.dataset, recipe.batch_size, image_size=_image_size(recipe), augment=augment, device=device,
        subset=recipe.subset, test_subset=recipe.test_subset, seed=recipe.seed, num_workers=recipe.loader_workers)
    model = _build(recipe, info.input_size, len(info.classes))
    if recipe.model == "custom":
        with torch.no_grad():
            out = model(torch.zeros(1, *info.input_size))
        if out.ndim != 2 or out.shape[1] != len(info.classes):
            raise JobFailure("custom_classes", out=list(out.shape[1:]), classes=len(info.classes),
                             dataset=recipe.dataset)
    threads = torch.get_num_threads()
    emit({"type": "start", "device": str(device), "epochs": recipe.epochs, "threads": threads,
          "params": sum(p.numel() for p in model.parameters()), "n_train": info.n_train, "n_test": info.n_test})
    done: tr.Done | None = None
    for event in tr.train(model, train_loader, test_loader, _config(recipe, device), should_stop=should_stop):
        if isinstance(event, tr.Step):
            emit({"type": "step", **asdict(event)})
        elif isinstance(event, tr.Epoch):
            emit({"type": "epoch", **event.to_dict()})
        elif isinstance(event, tr.Done):
            done = event
    assert done is not None
    preds, truth = tr.predict(model, test_loader)
    wrong = torch.nonzero(preds != truth).flatten()
    acc = (preds == truth).float().mean().item()
    buffer = io.BytesIO()
    torch.save({k: v.detach().cpu() for k, v in model.state_dict().items()}, buffer)
    stopped = isinstance(done, tr.Stopped)
    return {
        "kind": "train", "stopped": stopped, "history": [e.to_dict() for e in done.history],
        "seconds": done.seconds, "train_seconds": done.train_seconds, "images_per_second": done.images_per_second,
        "device": done.device, "threads": threads, "test_acc": acc,
        "epoch": done.epoch if stopped else recipe.epochs, "step": done.step if stopped else 0,
        "model": recipe.model, "spec": recipe.spec, "dataset": info.name, "input_size": list(info.input_size),
        "classes": list(info.classes), "mean": list(info.mean), "std": list(info.std),
        "weights": buffer.getvalue(),
        "analysis": {"matrix": tr.confusion_matrix(preds, truth, len(info.classes)).tolist(), "acc": acc,
                     "wrong": wrong.tolist(), "pred": preds[wrong].tolist(), "true": truth[wrong].tolist()},
    }


_DEGRADATION_EVENTS = {"RunStart": "run_start", "Progress": "progress", "RunEpoch": "run_epoch", "RunDone": "run_done"}


def _degradation(recipe: Recipe, emit: Emit, should_stop: Callable[[], bool]) -> dict[str, Any]:
    from cnnlab import degradation as deg

    settings = {k: tuple(v) if isinstance(v, list) else v for k, v in (recipe.preset or {}).items()}
    preset = deg.resolve_preset(replace(deg.Preset(**settings), seed=recipe.seed))
    device = tr.pick_device(recipe.device)
    emit({"type": "start", "device": str(device), "threads": torch.get_num_threads(),
          "runs": [[d, r] for d, r in preset.runs], "epochs": preset.epochs})
    for event in deg.run_preset(preset, device=str(device), threads=recipe.threads, should_stop=should_stop):
        if isinstance(event, deg.PresetDone):
            return {"kind": "degradation", "stopped": event.stopped, "result": event.result,
                    "seconds": event.result["seconds"], "device": event.result["device"],
                    "threads": torch.get_num_threads()}
        emit({"type": _DEGRADATION_EVENTS[type(event).__name__], **asdict(event)})
    raise JobFailure("internal", error="no PresetDone")


# ---------------------------------------------------------------- using a result
def load_weights(result: dict[str, Any]) -> dict[str, torch.Tensor]:
    """The trained state dict of a train result (CPU tensors)."""
    return torch.load(io.BytesIO(result["weights"]), map_location="cpu", weights_only=True)


def trained_model(result: dict[str, Any], name: str | None = None) -> tr.TrainedModel:
    """A train result as the ``TrainedModel`` the feature-map and attribution pages use.

    The network is built on the meta device and takes the trained tensors as they are: no random init, so
    calling this in the shared Streamlit process touches no global RNG and costs no init time.
    """
    from cnnlab.data import DatasetInfo

    recipe = Recipe(model=result["model"], spec=result["spec"], spec_input=tuple(result["input_size"]))
    with torch.device("meta"):
        model = _build(recipe, tuple(result["input_size"]), len(result["classes"]))
    model.load_state_dict(load_weights(result), assign=True)
    info = DatasetInfo(result["dataset"], result["dataset"], tuple(result["input_size"]), tuple(result["classes"]),
                       tuple(result["mean"]), tuple(result["std"]))
    trained = tr.TrainedModel.from_run(name or result["model"], model, info,
                                       [tr.Epoch(**h) for h in result["history"]])
    if not result["history"] or result["stopped"]:
        trained.test_acc = result["test_acc"]   # stopped mid-epoch: the accuracy measured at the end is what it has
    return trained

