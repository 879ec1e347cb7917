"""cnnlab.summarize vs torchinfo vs fvcore on the same model instances, in one run.

    python benchmarks/bench_summary.py [--repeat 5] [--markdown]      # a representative set at 224×224
    python benchmarks/bench_summary.py --all-torchvision               # every classification model at 224
    python benchmarks/bench_summary.py --foreign                       # modules no one here wrote
    python benchmarks/bench_summary.py --only convnext_tiny,gru_cnn    # a subset, by label

For each model the tools take turns, --repeat rounds (a sample repeats a call for ≥ 20 ms); it prints each tool's median milliseconds and the
median of the per-round ratios (the number to compare across runs: a busy moment of the shared machine slows
every tool of that round alike), and whether the parameter and MAC totals agree (torchinfo's "mult-adds" and
fvcore's "flops" are both MACs). torch runs on --threads threads, default 1: torchinfo and fvcore run a real
forward, and on a machine shared with other jobs two OpenMP threads made it 5–100× slower and erratic.
Targets (issue 8): never slower than torchinfo on anything; ≥ 10× torchinfo on every torchvision
classification model at 224.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
import warnings
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
warnings.filterwarnings("ignore")

import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402
import torchvision  # noqa: E402
from torch import nn  # noqa: E402

from cnnlab.models import build  # noqa: E402
from cnnlab.summary import summarize  # noqa: E402

# regnet_y_128gf (644M parameters): building it and running torchinfo's real forward takes minutes here.
TOO_BIG = {"regnet_y_128gf"}


# ------------------------------------------------------------------------- foreign models (not written here)
class GRUCNN(nn.Module):
    """A CRNN (text-line recogniser): a small CNN, then a 2-layer bidirectional GRU over the image columns."""

    def __init__(self) -> None:
        super().__init__()
        self.cnn = nn.Sequential(nn.Conv2d(1, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
                                 nn.Conv2d(32, 64, 3, padding=1), nn.BatchNorm2d(64), nn.ReLU(), nn.MaxPool2d(2))
        self.rnn = nn.GRU(64 * 8, 128, num_layers=2, bidirectional=True, batch_first=True)
        self.fc = nn.Linear(256, 37)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        f = self.cnn(x)                                   # B, 64, 8, W/4
        f = f.permute(0, 3, 1, 2).flatten(2)              # B, W/4, 512
        out, _ = self.rnn(f)
        return self.fc(out)


class LSTMCellLoop(nn.Module):
    """torchinfo's SimpleRNN fixture, larger: an LSTMCell stepped in a Python loop, then a projection."""

    def __init__(self, steps: int = 16) -> None:
        super().__init__()
        self.steps = steps
        self.lstm = nn.LSTMCell(64, 128)
        self.activation = nn.Tanh()
        self.projection = nn.Linear(128, 64)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        hx = torch.zeros(x.size(0), 128, device=x.device)
        cx = torch.zeros(x.size(0), 128, device=x.device)
        for _ in range(self.steps):
            hx, cx = self.lstm(x, (hx, cx))
            hx = self.activation(hx)
        return self.projection(hx)


class BicubicUpsampler(nn.Module):
    """A super-resolution head: conv, bicubic ×4 upsampling, conv."""

    def __init__(self) -> None:
        super().__init__()
        self.head = nn.Conv2d(3, 32, 3, padding=1)
        self.up = nn.Upsample(scale_factor=4, mode="bicubic", align_corners=False)
        self.tail = nn.Conv2d(32, 3, 3, padding=1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.tail(self.up(F.relu(self.head(x))))


class BilinearHead(nn.Module):
    """Bilinear pooling of two linear views of one feature vector."""

    def __init__(self) -> None:
        super().__init__()
        self.a = nn.Linear(256, 64)
        self.b = nn.Linear(256, 48)
        self.bilinear = nn.Bilinear(64, 48, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.bilinear(self.a(x), self.b(x))


class SingleInputNet(nn.Module):
    """torchinfo's SingleInputNet fixture."""

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(1, 10, kernel_size=5)
        self.conv2 = nn.Conv2d(10, 20, kernel_size=5)
        self.conv2_drop = nn.Dropout2d(0.3)
        self.fc1 = nn.Linear(320, 50)
        self.fc2 = nn.Linear(50, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.relu(F.max_pool2d(self.conv1(x), 2))
        x = F.relu(F.max_pool2d(self.conv2_drop(self.conv2(x)), 2))
        x = F.relu(self.fc1(x.view(-1, 320)))
        return F.log_softmax(self.fc2(x), dim=1)


class RecursiveWithMissingLayers(nn.Module):
    """torchinfo's fixture of the same name: 'same'-padded dilated convs in ModuleDicts, BatchNorm after each."""

    def __init__(self) -> None:
        super().__init__()
        self.out_conv0 = nn.Conv2d(3, 8, 5, padding="same")
        self.out_bn0 = nn.BatchNorm2d(8)
        self.block = nn.ModuleDict()
        for i in range(1, 7):
            self.block.add_module(f"in_conv{i}", nn.Conv2d(8, 8, 3, padding="same", dilation=2 ** min(i, 7 - i)))
            self.block.add_module(f"in_bn{i}", nn.BatchNorm2d(8))
        self.out_conv7 = nn.Conv2d(8, 1, 1, padding="valid")

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = torch.relu(self.out_bn0(self.out_conv0(x)))
        for i in range(1, 7):
            x = torch.relu(self.block[f"in_bn{i}"](self.block[f"in_conv{i}"](x)))
        return self.out_conv7(x)


class AutoEncoder(nn.Module):
    """torchinfo's AutoEncoder fixture: max-pool indices fed to MaxUnpool2d."""

    def __init__(self) -> None:
        super().__init__()
        self.encode = nn.Sequential(nn.Conv2d(3, 16, 3, padding=1), nn.ReLU())
        self.pool = nn.MaxPool2d(2, 2, return_indices=True)
        self.unpool = nn.MaxUnpool2d(2, 2)
        self.decode = nn.Sequential(nn.Conv2d(16, 3, 3, padding=1), nn.ReLU())

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.encode(x)
        size = x.size()
        x, indices = self.pool(x)
        return self.decode(self.unpool(x, indices=indices, output_size=size))


class LSTMClassifier(nn.Module):
    """Sequence classifier: a 2-layer LSTM with a projection over 64 steps of 40 features."""

    def __init__(self) -> None:
        super().__init__()
        self.lstm = nn.LSTM(40, 256, num_layers=2, proj_size=128, batch_first=True)
        self.fc = nn.Linear(128, 12)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out, _ = self.lstm(x)
        return self.fc(out[:, -1])


FOREIGN: list[tuple[str, Callable[[], nn.Module], tuple[int, ...]]] = [
    ("gru_cnn", GRUCNN, (1, 32, 256)),
    ("lstmcell_loop", LSTMCellLoop, (64,)),
    ("lstm_classifier", LSTMClassifier, (64, 40)),
    ("bicubic_upsample", BicubicUpsampler, (3, 64, 64)),
    ("bilinear", BilinearHead, (256,)),
    ("torchinfo SingleInputNet", SingleInputNet, (1, 28, 28)),
    ("torchinfo RecursiveWithMissingLayers", RecursiveWithMissingLayers, (3, 64, 64)),
    ("torchinfo AutoEncoder", AutoEncoder, (3, 64, 64)),
    ("lazy_cnn (materialized)", lambda: _materialized(nn.Sequential(nn.LazyConv2d(16, 3), nn.ReLU(),
                                                                    nn.Flatten(), nn.LazyLinear(10)), (3, 32, 32)),
     (3, 32, 32)),
    ("conv3d valid", lambda: nn.Sequential(nn.Conv3d(1, 8, 3, padding="valid"), nn.ReLU(),
                                           nn.Conv3d(8, 8, 3, padding="same")), (1, 16, 32, 32)),
]


def _materialized(model: nn.Module, size: tuple[int, ...]) -> nn.Module:
    """torchinfo and fvcore need a lazy model's parameters initialized: one real forward."""
    with torch.no_grad():
        model(torch.zeros(1, *size))
    return model


def representative() -> list[tuple[str, Callable[[], nn.Module], tuple[int, ...]]]:
    tv = lambda name: (lambda: torchvision.models.get_model(name, weights=None))  # noqa: E731
    image = (3, 224, 224)
    return [
        ("cnnlab vgg16", lambda: build("vgg16"), image),
        ("cnnlab resnet50", lambda: build("resnet50"), image),
        ("cnnlab googlenet", lambda: build("googlenet", aux_logits=False), image),
        *[(name, tv(name), image) for name in ("resnet50", "mobilenet_v3_large", "efficientnet_b0", "densenet121",
                                                "convnext_tiny", "vit_b_16")],
    ]


def all_torchvision() -> list[tuple[str, Callable[[], nn.Module], tuple[int, ...]]]:
    names = sorted(set(torchvision.models.list_models(module=torchvision.models)) - TOO_BIG)
    kwargs = {"googlenet": {"init_weights": False}, "inception_v3": {"init_weights": False}}
    return [(name, (lambda n=name: torchvision.models.get_model(n, weights=None, **kwargs.get(n, {}))),
             (3, 224, 224)) for name in names]


# ------------------------------------------------------------------------------------------------ timing
def measure(label: str, model: nn.Module, size: tuple[int, ...], repeat: int, peers: set[str]) -> dict[str, Any]:
    """Median ms per tool and the median of the per-round ratios; the tools take turns in every round, so a
    busy moment of the shared machine slows all of them alike."""
    import torchinfo
    from fvcore.nn import FlopCountAnalysis, parameter_count

    x = torch.zeros(1, *size)

    def run_fvcore() -> tuple[int, int]:
        flops = FlopCountAnalysis(model, x)
        flops.unsupported_ops_warnings(False)
        flops.uncalled_modules_warnings(False)
        return parameter_count(model)[""], int(flops.total())

    tools: dict[str, Callable[[], Any]] = {"ours": lambda: summarize(model, size)}
    if "torchinfo" in peers:
        tools["info"] = lambda: torchinfo.summary(model, input_data=[x], verbose=0)
    if "fvcore" in peers:
        tools["fv"] = run_fvcore
    row: dict[str, Any] = {"label": label, "ours_ms": float("nan"), "params": 0, "macs": 0}
    results = {}
    for key, fn in list(tools.items()):  # warm-up: the first call pays one-off costs for every tool alike
        try:
            results[key] = fn()
        except Exception as exc:  # noqa: BLE001 - a tool failing on a model is a result, not a crash
            row[f"{key}_error"] = f"{type(exc).__name__}: {str(exc).splitlines()[0][:80]}"
            del tools[key]
    number = {}
    for key, fn in tools.items():  # like timeit's autorange: a timed sample lasts ≥ 20 ms even for tiny models
        t0 = time.perf_counter()
        fn()
        number[key] = max(1, int(0.02 / max(time.perf_counter() - t0, 1e-6)))
    times: dict[str, list[float]] = {key: [] for key in tools}
    for _ in range(repeat):
        for key, fn in tools.items():
            t0 = time.perf_counter()
            for _ in range(number[key]):
                fn()
            times[key].append((time.perf_counter() - t0) * 1000 / number[key])
    for key, values in times.items():
        row[f"{key}_ms"] = statistics.median(values)
        if key != "ours" and "ours" in times:
            row[f"{key}_ratio"] = statistics.median(p / o for p, o in zip(values, times["ours"]))
    if "ours" in results:
        row["params"], row["macs"] = results["ours"].total_params, results["ours"].total_macs
    if "info" in results:
        row["info_params"], row["info_macs"] = results["info"].total_params, results["info"].total_mult_adds
    if "fv" in results:
        row["fv_params"], row["fv_macs"] = results["fv"]
    return row


def ratio(row: dict[str, Any], key: str) -> str:
    key = key.replace("_ms", "_ratio")
    return f"{row[key]:.1f}" if key in row else "–"


def ms(row: dict[str, Any], key: str) -> str:
    if key in row:
        return f"{row[key]:.1f}"
    return "failed" if key.replace("_ms", "_error") in row else "–"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per tool (median reported)")
    parser.add_argument("--all-torchvision", action="store_true", help="every torchvision classification model")
    parser.add_argument("--foreign", action="store_true", help="RNNs, upsampling, Bilinear, torchinfo fixtures")
    parser.add_argument("--only", default="", help="comma-separated labels to run")
    parser.add_argument("--no-fvcore", action="store_true", help="skip fvcore (its JIT trace is the slowest)")
    parser.add_argument("--threads", type=int, default=1, help="torch intra-op threads (default 1)")
    parser.add_argument("--markdown", action="store_true", help="print a markdown table")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)

    cases = all_torchvision() if args.all_torchvision else FOREIGN if args.foreign else representative()
    if args.only:
        wanted = set(args.only.split(","))
        cases = [c for c in cases if c[0] in wanted]
    peers = {"torchinfo"} | (set() if args.no_fvcore else {"fvcore"})
    rows = []
    for label, make, size in cases:
        torch.manual_seed(0)
        model = make().eval()
        row = measure(label, model, size, args.repeat, peers)
        rows.append(row)
        print(f"{label:38s} cnnlab {row['ours_ms']:7.1f} ms  torchinfo {ms(row, 'info_ms'):>7s} ms  "
              f"fvcore {ms(row, 'fv_ms'):>7s} ms  ×{ratio(row, 'info_ms'):>5s} / ×{ratio(row, 'fv_ms'):>5s}",
              file=sys.stderr, flush=True)
        del model

    if args.markdown:
        print("| model (batch 1) | cnnlab ms | torchinfo ms | fvcore ms | × torchinfo | × fvcore "
              "| params | cnnlab MMACs | torchinfo MMACs | fvcore MMACs |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for r in rows:
            mm = lambda key: f"{r[key] / 1e6:.1f}" if key in r else "–"  # noqa: E731
            print(f"| {r['label']} | {r['ours_ms']:.1f} | {ms(r, 'info_ms')} | {ms(r, 'fv_ms')} "
                  f"| {ratio(r, 'info_ms')} | {ratio(r, 'fv_ms')} | {r['params']:,} | {r['macs'] / 1e6:.1f} "
                  f"| {mm('info_macs')} | {mm('fv_macs')} |")
    else:
        for r in rows:
            agree = "params agree" if r["params"] == r.get("info_params", r["params"]) else (
                f"params differ (cnnlab {r['params']:,}, torchinfo {r.get('info_params')})")
            print(f"{r['label']}: ×{ratio(r, 'info_ms')} vs torchinfo, ×{ratio(r, 'fv_ms')} vs fvcore; {agree}; "
                  f"MMACs cnnlab {r['macs'] / 1e6:.1f}, torchinfo {r.get('info_macs', 0) / 1e6:.1f}, "
                  f"fvcore {r.get('fv_macs', 0) / 1e6:.1f}")
    timed = [r for r in rows if "info_ratio" in r]
    slow = [r["label"] for r in timed if r["info_ratio"] < 1]
    under10 = [f"{r['label']} (×{r['info_ratio']:.1f})" for r in timed if r["info_ratio"] < 10]
    failed = [f"{r['label']}: {r['ours_error']}" for r in rows if "ours_error" in r]
    if timed:
        print(f"slower than torchinfo on: {', '.join(slow) if slow else 'none'}")
        print(f"under 10× torchinfo on: {', '.join(under10) if under10 else 'none'}")
        print(f"smallest ratio vs torchinfo: ×{min(r['info_ratio'] for r in timed):.1f}")
    if failed:
        print("cnnlab failed on: " + "; ".join(failed))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
