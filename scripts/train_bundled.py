"""Train the bundled LeNet-5 on the bundled digits and store it small in assets/models (run once; ≈ 10–20 s on 2 cores).

    python scripts/train_bundled.py            # writes assets/models/lenet5_mnist10k.pt (+ .json metadata)

Same recipe, data and training loop as the training lab (``cnnlab.train.LAB_DEFAULT``, ``cnnlab.train.train``);
the seed is fixed and recorded. The .pt is a plain state dict (float32), loadable with ``weights_only=True``;
the .json holds what a page needs to use it (input size, normalisation, class names) and the test accuracy
measured on the 2,000 test digits right after training — the tests check the stored weights reproduce it.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import torch

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cnnlab import train as tr  # noqa: E402
from cnnlab.data import make_loaders  # noqa: E402
from cnnlab.pretrained import BUNDLED  # noqa: E402

MODEL = "lenet5_modern"
TITLE = "LeNet-5 (digits, bundled)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    config = tr.LAB_DEFAULT
    tr.seed_everything(args.seed)
    train_loader, test_loader, info = make_loaders("mnist10k", tr.LAB_BATCH_SIZE, device="cpu", seed=args.seed)
    model = tr.build_model(MODEL, info.input_size, len(info.classes))
    history: list[tr.Epoch] = []
    start = time.perf_counter()
    for event in tr.train(model, train_loader, test_loader, config):
        if isinstance(event, tr.Epoch):
            history.append(event)
            print(f"epoch {event.epoch}/{config.epochs}: test accuracy {event.test_acc:.2%}", file=sys.stderr)
    seconds = time.perf_counter() - start
    model = model.cpu().eval()
    _, test_acc = tr.evaluate(model, test_loader, torch.device("cpu"), amp=False)

    path = BUNDLED["lenet5_mnist10k"]
    path.parent.mkdir(parents=True, exist_ok=True)
    torch.save({k: v.detach().float().contiguous() for k, v in model.state_dict().items()}, path)
    meta = {
        "title": TITLE, "model": MODEL, "options": {}, "dataset": info.name, "input_size": list(info.input_size),
        "mean": list(info.mean), "std": list(info.std), "classes": list(info.classes),
        "test_acc": test_acc, "test_images": test_loader.dataset_size,
        "seed": args.seed, "epochs": config.epochs, "lr": config.lr, "optimizer": config.optimizer,
        "schedule": config.schedule, "batch_size": tr.LAB_BATCH_SIZE, "seconds": round(seconds, 1),
        "torch": torch.__version__, "history": [e.to_dict() for e in history],
    }
    path.with_suffix(".json").write_text(json.dumps(meta, indent=1) + "\n")
    print(f"{path.relative_to(ROOT)}: {path.stat().st_size / 1024:.0f} KB, test accuracy {test_acc:.2%} "
          f"({seconds:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
