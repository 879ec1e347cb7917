"""`python -m cnnlab …` — the command line.

One ``_add_<command>_parser(sub)`` / ``_cmd_<command>(args) -> int`` pair per subcommand, listed in SUBCOMMANDS.
torch and the models are imported inside the command functions so that ``--help`` stays instant.
Bad input exits with status 2 and one line on stderr, never a traceback (set CNNLAB_DEBUG=1 to see one).
"""
from __future__ import annotations

import argparse
import difflib
import json
import os
import sys
from typing import Any, Callable, NoReturn, Sequence

from cnnlab.arithmetic import fmt_shape  # pure Python: --help stays free of torch

CONVENTION = "1 MAC = one multiply-add (conv and linear layers); FLOPs ≈ 2 × MACs; params = learnable weights + biases"


class UsageError(Exception):
    """Bad input from the command line: printed as one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse prints usage over several lines; we promise one
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def _one_line(text: str, limit: int = 400) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _fail(command: str, message: str) -> int:
    print(f"cnnlab {command}: error: {_one_line(message)}", file=sys.stderr)
    return 2


def parse_input_size(text: str) -> tuple[int, int, int]:
    """``"3,224,224"`` (or ``3x224x224``) -> (3, 224, 224); raises UsageError."""
    parts = text.replace("×", ",").replace("x", ",").replace("X", ",").split(",")
    try:
        values = tuple(int(p.strip()) for p in parts)
    except ValueError:
        values = ()
    if len(values) != 3 or min(values) < 1:
        raise UsageError(f"--input must be three whole numbers C,H,W of at least 1, such as 3,224,224; got '{text}'")
    return values  # type: ignore[return-value]


# --- summary -----------------------------------------------------------------------------------------------

def _add_summary_parser(sub: Any) -> None:
    p = sub.add_parser(
        "summary", help="per-layer table: output shape, parameters, MACs",
        description="Per-layer summary of a cnnlab model, a torchvision model or a layer spec.\n" + CONVENTION + ".",
        epilog='examples:  python -m cnnlab summary vgg16 --json\n'
               '           python -m cnnlab summary torchvision:resnet50 --input 3,224,224\n'
               '           python -m cnnlab summary --spec "conv 16 k=1 | relu | conv 32 k=5 p=same" '
               '--input 192,28,28',
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("name", nargs="?", metavar="NAME",
                   help="a cnnlab model (lenet5, alexnet, vgg16, nin, googlenet, resnet18, plain20, resnet20, …) "
                        "or torchvision:NAME")
    p.add_argument("--spec", metavar="SPEC", help='a layer spec such as "conv 16 k=3 | relu | pool max | fc 10"')
    p.add_argument("--input", metavar="C,H,W", help="input size (default: the model's own; required with --spec)")
    p.add_argument("--classes", metavar="N", type=int, help="number of output classes (models only)")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    p.set_defaults(func=_cmd_summary)


def _cmd_summary(args: argparse.Namespace) -> int:
    try:
        model_name, model, input_size = _summary_model(args)
        summary = _run_summary(model, input_size, model_name)
    except UsageError as e:
        return _fail("summary", str(e))
    if args.json:
        print(json.dumps(_summary_payload(summary, model_name, input_size, args.spec), default=str))
    else:
        print(_summary_text(summary, model_name, input_size))
    return 0


def _summary_model(args: argparse.Namespace) -> tuple[str, Any, tuple[int, int, int]]:
    """(display name, nn.Module, input size) for NAME, torchvision:NAME or --spec."""
    if (args.name is None) == (args.spec is None):
        raise UsageError("give either a model NAME or --spec \"…\" (not both)")
    if args.classes is not None and args.classes < 1:
        raise UsageError(f"--classes must be at least 1, got {args.classes}")
    input_size = parse_input_size(args.input) if args.input else None
    if args.spec is not None:
        return _spec_model(args.spec, input_size, args.classes)
    name = args.name.strip()
    if name.lower().startswith("torchvision:"):
        return _torchvision_model(name.split(":", 1)[1].strip(), input_size, args.classes)
    return _cnnlab_model(name.lower(), input_size, args.classes)


def _spec_model(text: str, input_size: tuple[int, int, int] | None, classes: int | None):
    from cnnlab.arithmetic import LayerError
    from cnnlab.spec import build_spec

    if input_size is None:
        raise UsageError("--spec needs --input C,H,W, e.g. --input 3,32,32")
    if classes is not None:
        raise UsageError("--classes applies to named models; a spec sets its outputs with its last 'fc N'")
    try:
        return "spec", build_spec(text, input_size), input_size
    except LayerError as e:
        raise UsageError(str(e)) from None


def _cnnlab_model(name: str, input_size: tuple[int, int, int] | None, classes: int | None):
    from cnnlab import models

    if name not in models.MODELS:
        close = difflib.get_close_matches(name, models.model_names(), n=3, cutoff=0.5)
        hint = f" — did you mean {', '.join(close)}?" if close else ""
        raise UsageError(f"unknown model '{name}'{hint} (cnnlab models: {', '.join(models.model_names())}; "
                         f"or torchvision:NAME)")
    input_size = input_size or tuple(models.MODELS[name].default_input)
    options: dict[str, int] = {"in_channels": input_size[0]}
    if classes is not None:
        options["num_classes"] = classes
    return name, _guarded(f"cannot build {name}", lambda: models.build(name, **options)), input_size


def _torchvision_model(name: str, input_size: tuple[int, int, int] | None, classes: int | None):
    import torchvision

    known = torchvision.models.list_models(module=torchvision.models)  # classification models only
    if name not in known:
        close = difflib.get_close_matches(name.lower(), known, n=3, cutoff=0.5)
        hint = f" — did you mean {', '.join('torchvision:' + c for c in close)}?" if close else ""
        raise UsageError(f"unknown torchvision classification model '{name}'{hint}")
    input_size = input_size or (3, 224, 224)
    if input_size[0] != 3:
        raise UsageError(f"torchvision models take 3 input channels, got --input {','.join(map(str, input_size))}")
    options: dict[str, int] = {} if classes is None else {"num_classes": classes}
    build = lambda: torchvision.models.get_model(name, weights=None, **options)  # noqa: E731
    return f"torchvision:{name}", _guarded(f"cannot build torchvision:{name}", build), input_size


def _run_summary(model: Any, input_size: tuple[int, int, int], name: str):
    from cnnlab.summary import summarize

    model.eval()  # BatchNorm on a batch of one at 1×1 would refuse to train-normalise; shapes do not change
    return _guarded(f"{name} cannot run on input {fmt_shape(input_size)}",
                    lambda: summarize(model, input_size, name=name))


def _guarded(what: str, call: Callable[[], Any]) -> Any:
    """Run a torch call; its errors (too-small input, bad option) become one-line UsageErrors."""
    import warnings

    from cnnlab.arithmetic import LayerError

    try:
        with warnings.catch_warnings():  # e.g. torchvision's GoogLeNet init warning would spoil stderr
            warnings.simplefilter("ignore")
            return call()
    except LayerError as e:
        raise UsageError(str(e)) from None
    except Exception as e:  # torch raises RuntimeError/ValueError/TypeError/IndexError for impossible inputs
        if os.environ.get("CNNLAB_DEBUG"):
            raise
        first = next((ln for ln in str(e).splitlines() if ln.strip()), type(e).__name__)
        raise UsageError(f"{what}: {first}") from None


def _summary_payload(summary: Any, model: str, input_size: tuple[int, int, int], spec: str | None) -> dict:
    """The JSON contract: model, input, layers[name, type, output_shape, params, macs], totals, output_shape."""
    base = dict(summary.to_dict())
    extra_rows = base.get("layers") if isinstance(base.get("layers"), list) else []
    layers = []
    for i, row in enumerate(summary.layers):
        more = extra_rows[i] if i < len(extra_rows) and isinstance(extra_rows[i], dict) else {}
        layers.append({**more, "name": row.name, "type": row.type, "output_shape": list(row.output_shape),
                       "params": int(row.params), "macs": int(row.macs)})
    base.update(model=model, input=list(input_size), layers=layers, total_params=int(summary.total_params),
                total_macs=int(summary.total_macs), output_shape=list(summary.output_shape))
    base.setdefault("convention", CONVENTION)
    if spec is not None:
        base["spec"] = " ".join(spec.split())
    return base


def _summary_text(summary: Any, model: str, input_size: tuple[int, int, int]) -> str:
    table = summary.to_table().rstrip("\n")
    lines = [table]  # the table starts with the "model — input" header line
    if "total" not in table.lower():
        lines.append(f"total params: {summary.total_params:,}   total MACs: {summary.total_macs:,}")
    if "FLOPs" not in table:
        lines.append(CONVENTION)
    return "\n".join(lines)


# --- degradation -------------------------------------------------------------------------------------------

def _add_degradation_parser(sub: Any) -> None:
    p = sub.add_parser(
        "degradation", help="train plain and residual twins at several depths (the ResNet paper's degradation)",
        description="Train plain and residual CIFAR-style nets (6n+2 layers) at several depths and report their "
                    "training and test error per epoch. Progress goes to stderr, results to stdout.",
        epilog="examples:  python -m cnnlab degradation                 # classroom preset, bundled digits\n"
               "           python -m cnnlab degradation --preset full --device cuda --json   # CIFAR-10, GPU",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--preset", default="classroom", choices=["classroom", "full"],
                   help="classroom: bundled digits at 16×16, depths 8/20/44, ~1 min on 2 CPU cores; "
                        "full: CIFAR-10, depths 20/32/44/56 (GPU; needs CIFAR-10 on disk)")
    p.add_argument("--device", default="auto", metavar="D", help="auto (default), cpu, cuda, cuda:N or mps")
    p.add_argument("--seed", type=int, default=None, metavar="S", help="random seed (default: the preset's)")
    p.add_argument("--json", action="store_true", help="print one JSON object: preset, device, seconds, runs")
    p.add_argument("--tiny", action="store_true", help=argparse.SUPPRESS)  # tests: 2 depths, 1 epoch, 256 images
    p.set_defaults(func=_cmd_degradation)


def _cmd_degradation(args: argparse.Namespace) -> int:
    import dataclasses

    from cnnlab import degradation as deg

    preset = deg.PRESETS[args.preset]
    if args.tiny:
        preset = dataclasses.replace(preset, depths=preset.depths[:2], epochs=1, subset=256, test_subset=256)
    if args.seed is not None:
        preset = dataclasses.replace(preset, seed=args.seed)
    bar = _ProgressBar(sys.stderr)
    result: dict | None = None
    try:
        for event in deg.run_preset(preset, device=args.device):
            if isinstance(event, deg.RunStart):
                bar.label = f"{'residual' if event.residual else 'plain'}-{event.depth} ({event.run + 1}/{event.total_runs})"
            elif isinstance(event, deg.Progress):
                bar.update(event.fraction, event.seconds_left)
            elif isinstance(event, deg.RunDone):
                bar.note(f"{bar.label}: final training error {event.train_error[-1]:.2%}, "
                         f"test error {event.test_error[-1]:.2%} ({event.seconds:.1f} s)")
            elif isinstance(event, deg.PresetDone):
                result = event.result
    except (deg.DatasetUnavailable, deg.DegradationError, ValueError) as e:  # TrainError is a ValueError
        bar.clear()
        if os.environ.get("CNNLAB_DEBUG"):
            raise
        return _fail("degradation", str(e))
    bar.clear()
    assert result is not None
    if args.json:
        print(json.dumps(result))
    else:
        print(_degradation_text(result, deg.effect(result)))
    return 0


class _ProgressBar:
    """A one-line text progress bar on a stream (redrawn with \\r when it is a terminal, else every 10 %)."""

    def __init__(self, stream: Any, width: int = 30) -> None:
        self.stream, self.width, self.label, self.shown = stream, width, "", -1
        self.tty = hasattr(stream, "isatty") and stream.isatty()

    def update(self, fraction: float, seconds_left: float) -> None:
        pct = int(100 * fraction)
        if pct == self.shown or (not self.tty and pct // 10 == self.shown // 10):
            return
        self.shown = pct
        filled = int(self.width * fraction)
        left = f"{seconds_left:.0f} s left" if seconds_left == seconds_left else "…"  # NaN before the first step
        line = f"[{'#' * filled}{'.' * (self.width - filled)}] {pct:3d}%  {self.label}  {left}"
        self.stream.write(("\r" + line + "\x1b[K") if self.tty else line + "\n")
        self.stream.flush()

    def note(self, text: str) -> None:
        self.clear()
        self.stream.write(text + "\n")
        self.stream.flush()

    def clear(self) -> None:
        if self.tty:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def _degradation_text(result: dict, effect: Any) -> str:
    from cnnlab.degradation import final_runs

    depths, final = final_runs(result)
    lines = [f"degradation preset '{result['preset']}' on {result['device']} — {result['seconds']:.1f} s",
             f"{'depth':>5}  {'plain train err':>15}  {'residual train err':>18}  {'plain test err':>14}  "
             f"{'residual test err':>17}"]
    for d in depths:
        p, r = final.get((d, False)), final.get((d, True))
        cell = lambda run, key: f"{run[key][-1]:.2%}" if run else "—"  # noqa: E731
        lines.append(f"{d:>5}  {cell(p, 'train_error'):>15}  {cell(r, 'train_error'):>18}  "
                     f"{cell(p, 'test_error'):>14}  {cell(r, 'test_error'):>17}")
    lines.append(f"deepest plain / shallowest plain training error: {effect.plain_ratio:.1f}×; residual "
                 f"{effect.residual_shallow:.2%} → {effect.residual_deep:.2%}")
    return "\n".join(lines)


# --- train -------------------------------------------------------------------------------------------------

def _add_train_parser(sub: Any) -> None:
    # defaults (None) are the training lab's recipe, cnnlab.train.LAB_DEFAULT, read when the command runs:
    # importing torch here would make every --help slow
    p = sub.add_parser(
        "train", help="train a small network on the bundled digits (or a torchvision dataset) and report accuracy",
        description="Train a cnnlab model with the one training loop and report per-epoch loss and accuracy. "
                    "Progress goes to stderr, results to stdout. Defaults are the training lab's recipe "
                    "(Adam 0.004, cosine decay, 8 epochs, batch 128: LeNet-5 reaches 98 % on the bundled digits).",
        epilog="examples:  python -m cnnlab train lenet5_modern\n"
               "           python -m cnnlab train small_vgg --epochs 3 --json\n"
               "           python -m cnnlab train resnet20 --dataset cifar10 --device cuda",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("model", metavar="MODEL", help="a cnnlab model: lenet5, lenet5_modern, small_vgg, resnet20, …")
    p.add_argument("--dataset", default="mnist10k", metavar="NAME",
                   help="mnist10k (bundled, default), mnist, fashion_mnist, cifar10 (from $CNNLAB_DATA or ./data)")
    p.add_argument("--epochs", type=int, default=None, metavar="N", help="passes over the data (default 8)")
    p.add_argument("--batch-size", type=int, default=None, metavar="B",
                   help="images per step (default 128)")
    p.add_argument("--lr", type=float, default=None, metavar="X", help="learning rate (default 0.004)")
    p.add_argument("--optimizer", default=None, choices=["adam", "adamw", "sgd"], help="default adam")
    p.add_argument("--schedule", default=None, choices=["constant", "cosine"], help="default cosine")
    p.add_argument("--device", default="auto", metavar="D", help="auto (default), cpu, cuda, cuda:N or mps")
    p.add_argument("--seed", type=int, default=0, metavar="S", help="random seed (default 0)")
    p.add_argument("--subset", type=int, default=None, metavar="N", help="train on the first N images only")
    p.add_argument("--json", action="store_true",
                   help="print one JSON object: model, dataset, device, epochs, final_test_acc, seconds, "
                        "images_per_second")
    p.add_argument("--ray", default=None, metavar="ADDRESS",
                   help="run the job on a Ray cluster through the job service: auto, ray://HOST:10001 or HOST:PORT "
                        "(needs requirements-cluster.txt; RAY_AUTH_TOKEN for a cluster with token auth)")
    p.set_defaults(func=_cmd_train)


def _cmd_train(args: argparse.Namespace) -> int:
    from cnnlab import train as tr
    from cnnlab.jobs import lab_recipe

    d = tr.LAB_DEFAULT
    args.epochs = d.epochs if args.epochs is None else args.epochs
    args.batch_size = tr.LAB_BATCH_SIZE if args.batch_size is None else args.batch_size
    args.lr = d.lr if args.lr is None else args.lr
    args.optimizer, args.schedule = args.optimizer or d.optimizer, args.schedule or d.schedule
    bar = _ProgressBar(sys.stderr)
    try:
        if args.epochs < 1 or args.batch_size < 1 or (args.subset is not None and args.subset < 1):
            raise UsageError("--epochs, --batch-size and --subset must be at least 1")
        recipe = lab_recipe(model=args.model, dataset=args.dataset, epochs=args.epochs, batch_size=args.batch_size,
                            lr=args.lr, optimizer=args.optimizer, schedule=args.schedule, device=args.device,
                            seed=args.seed, subset=args.subset, log_every=5)
        follow = _TrainEvents(args, bar)
        result = _train_on_ray(args, recipe, follow) if args.ray else _train_here(recipe, follow)
    except (UsageError, ValueError) as e:  # a failed job (its English detail), a refused one, a Ray cluster away
        bar.clear()
        if os.environ.get("CNNLAB_DEBUG"):
            raise
        return _fail("train", str(e))
    bar.clear()
    keys = ("epoch", "train_loss", "train_acc", "test_loss", "test_acc", "seconds")
    history = result["history"]
    out = {"model": args.model, "dataset": args.dataset, "device": result["device"],
           "epochs": [{k: e[k] for k in keys} for e in history],
           "final_test_acc": history[-1]["test_acc"], "seconds": result["seconds"],
           "images_per_second": result["images_per_second"]}
    if args.json:
        print(json.dumps(out))
    else:
        print(f"{args.model} on {args.dataset} ({result['device']}): test accuracy {out['final_test_acc']:.2%} "
              f"after {len(history)} epochs in {result['seconds']:.1f} s "
              f"({result['images_per_second']:,.0f} training images/s)")
    return 0


class _TrainEvents:
    """A train job's events as the CLI shows them: a progress bar and one line per epoch on stderr; a failure
    raises ``UsageError`` with the job's own message."""

    def __init__(self, args: argparse.Namespace, bar: _ProgressBar) -> None:
        self.args, self.bar = args, bar
        self.bar.label = f"{args.model} on {args.dataset}"

    def __call__(self, event: dict[str, Any]) -> None:
        from cnnlab import train as tr

        kind, fields = event["type"], {k: v for k, v in event.items() if k != "type"}
        where = " (Ray)" if self.args.ray else ""
        if kind == "start":
            self.bar.label = f"{self.args.model} on {self.args.dataset}{where} ({event['device']})"
        elif kind == "step":
            step = tr.Step(**fields)
            self.bar.update(step.global_step / step.total_steps, tr.time_left(step))
        elif kind == "epoch":
            self.bar.note(_epoch_note(tr.Epoch(**fields), self.args.epochs))
        elif kind == "failed":
            values = event.get("values", {})
            raise UsageError(values.get("detail") or f"{event['code']}: {values}")
        elif kind == "lost":
            raise UsageError("the worker running the job was lost — run again")
        elif kind in ("stopped", "cancelled"):
            raise UsageError("the job was cancelled")


def _train_here(recipe: Any, follow: _TrainEvents) -> dict[str, Any]:
    """The job in this process, through the one job function (``cnnlab.jobs.run_job``); returns its result."""
    from cnnlab.jobs import run_job

    result = run_job(recipe, follow)
    assert result is not None   # a failed job raised in ``follow``
    return result


def _epoch_note(event: Any, epochs: int) -> str:
    return (f"epoch {event.epoch}/{epochs}: train loss {event.train_loss:.4f}, train acc {event.train_acc:.2%}, "
            f"test loss {event.test_loss:.4f}, test acc {event.test_acc:.2%} ({event.seconds:.1f} s)")


def _train_on_ray(args: argparse.Namespace, recipe: Any, follow: _TrainEvents) -> dict[str, Any]:
    """The same job through the job service on the Ray cluster at ``args.ray``; returns its result."""
    import time

    from cnnlab.jobs import FINISHED, JobService
    from cnnlab.jobs.ray_backend import RayBackend, RayUnavailable

    try:
        backend = RayBackend(args.ray)
    except RayUnavailable as e:
        raise UsageError(str(e)) from e
    service = JobService(backend, tick_seconds=None)
    try:
        job = service.submit("cli", recipe)
        seen = 0
        while True:
            state = service.status(job, "cli").state
            events = service.events(job, "cli", since=seen)
            seen += len(events)
            for event in events:
                follow(event)
            if state in FINISHED and not service.events(job, "cli", since=seen):
                result = service.result(job, "cli")
                if result is None:
                    raise UsageError(f"the job ended as {state}")
                return result
            time.sleep(0.1)
    except KeyboardInterrupt:
        service.cancel_owner("cli")
        raise
    finally:
        service.shutdown()

# --- serve -------------------------------------------------------------------------------------------------

def _add_serve_parser(sub: Any) -> None:
    p = sub.add_parser(
        "serve", help="several app processes behind HAProxy, sticky by cookie (a bigger class)",
        description="Start N Streamlit processes of the app on free loopback ports and HAProxy in front of them on "
                    "ADDRESS:PORT. A cookie keeps each browser on one process (its session, uploads and media live "
                    "there); when a process dies, its students reconnect to another one and the others notice "
                    "nothing; a dead process is restarted. Ctrl-C or SIGTERM stops every child. Needs haproxy "
                    "(Debian/Ubuntu: sudo apt-get install haproxy). Exit status: 0 after Ctrl-C/SIGTERM, 2 bad "
                    "options or no haproxy, 1 when a process fails.",
        epilog="examples:  python -m cnnlab serve --replicas 2                      # http://127.0.0.1:8501\n"
               "           python -m cnnlab serve --replicas 4 --address 0.0.0.0    # students on the network",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--replicas", type=int, default=2, metavar="N", help="app processes (default 2; about one per "
                   "two CPU cores, each up to ~1 GB of memory)")
    p.add_argument("--port", type=int, default=8501, metavar="P", help="the port students open (default 8501)")
    p.add_argument("--address", default="127.0.0.1", metavar="A",
                   help="address to listen on (default 127.0.0.1; 0.0.0.0 lets students on the network connect)")
    p.add_argument("--log-dir", metavar="DIR", help="keep each process's log here (default: a temporary folder, "
                   "removed on exit)")
    p.add_argument("--start-timeout", type=float, default=180.0, metavar="S",
                   help="seconds for every process to answer its health check (default 180)")
    p.set_defaults(func=_cmd_serve)


def _cmd_serve(args: argparse.Namespace) -> int:
    from pathlib import Path

    from cnnlab import serve

    options = serve.ServeOptions(replicas=args.replicas, port=args.port, address=args.address,
                                 log_dir=Path(args.log_dir) if args.log_dir else None,
                                 start_timeout=args.start_timeout)
    try:
        return serve.run(options)
    except serve.ServeError as e:
        _fail("serve", str(e))
        return e.status


# --- fetch-weights -------------------------------------------------------------------------------------------

def _add_fetch_weights_parser(sub: Any) -> None:
    p = sub.add_parser(
        "fetch-weights", help="put the ImageNet weights the 'seeing inside' pages use into the torch cache",
        description="Download torchvision's ImageNet weights (AlexNet, VGG-16, ResNet-18, GoogLeNet by default) into "
                    "the local torch cache ($TORCH_HOME, ~/.cache/torch), so the feature-map and attribution pages "
                    "work offline in class. Weights already cached are kept. Each file's SHA-256 prefix (in its "
                    "name) is checked. Exit status: 0 done, 2 unknown model, no internet or a bad file.",
        epilog="examples:  python -m cnnlab fetch-weights                       # all four, once with internet\n"
               "           python -m cnnlab fetch-weights alexnet --from /media/usb/checkpoints",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("names", nargs="*", metavar="NAME", help="models (default: all the pages offer)")
    p.add_argument("--from", dest="source", metavar="DIR_OR_URL",
                   help="a folder or URL holding torchvision's checkpoint files under their own names (a mirror or "
                        "a copy on a USB stick) instead of the download site")
    p.set_defaults(func=_cmd_fetch_weights)


def _cmd_fetch_weights(args: argparse.Namespace) -> int:
    from cnnlab import pretrained

    names = args.names or list(pretrained.TORCHVISION_MODELS)
    try:
        fetched = pretrained.fetch_weights(names, source=args.source, progress=sys.stderr.isatty())
    except pretrained.ModelUnavailable as e:
        return _fail("fetch-weights", str(e))
    for f in fetched:
        print(f"{f.name}: {'already cached' if f.cached else 'fetched'} {f.path} ({f.size / 1e6:.1f} MB)")
    return 0


# --- the parser ----------------------------------------------------------------------------------------------

# Each entry adds one subcommand (train/degradation are added by cnnlab's training code).
SUBCOMMANDS: list[Callable[[Any], None]] = [_add_summary_parser, _add_degradation_parser, _add_train_parser,
                                             _add_serve_parser, _add_fetch_weights_parser]


def build_parser() -> argparse.ArgumentParser:
    """The ``python -m cnnlab`` parser with every subcommand in SUBCOMMANDS."""
    parser = _Parser(prog="python -m cnnlab", description="cnnlab: CNN arithmetic, models and training.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for add in SUBCOMMANDS:
        add(sub)
    parser.set_defaults(func=None, commands=", ".join(sub.choices))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 2 bad input)."""
    for stream in (sys.stdout, sys.stderr):  # "×" and "≈" must not crash a non-UTF-8 terminal
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.func is None:
        print(f"python -m cnnlab: error: choose a command ({args.commands}) — see --help", file=sys.stderr)
        return 2
    try:
        return args.func(args)
    except BrokenPipeError:  # `… | head` closed the pipe early: nothing went wrong
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
