"""The course's last section: an ensemble of trained MNIST models, softmax outputs added.

    python examples/ensemble.py runs/mnist-2conv runs/mnist-1conv runs/lenet5
    python examples/ensemble.py --dry-run   # trains three models for a few batches first

With run folders it evaluates them as they are (see `seqboard vision train`).
"""

import argparse
import sys
import tempfile
from pathlib import Path

from _course import DRY_RUN_EXAMPLES, train_model
from seqboard.vision.ensemble import evaluate_runs
from seqboard.vision.mnist import load_mnist
from seqboard.vision.runs import load_run

DRY_RUN_MODELS = ("mnist-2conv", "mnist-1conv", "lenet5")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("runs", nargs="*", type=Path, help="run folders written by seqboard vision train")
    parser.add_argument("--data-root", help="data root holding images/mnist/ (default: $SEQBOARD_DATA, else ./data)")
    parser.add_argument("--dry-run", action="store_true", help="train three models for a few batches and use them")
    args = parser.parse_args(argv)
    if not args.runs and not args.dry_run:
        parser.error("pass at least one run folder, or --dry-run")

    folders = list(args.runs)
    if args.dry_run:
        args.batch_size = 128
        root = Path(tempfile.mkdtemp(prefix="seqboard-ensemble-"))
        for model in DRY_RUN_MODELS:
            train_model(model, args, out=root / model)
            folders.append(root / model)

    runs = [load_run(folder) for folder in folders]
    test = load_mnist(args.data_root).test
    if args.dry_run:
        test = test.head(DRY_RUN_EXAMPLES)
    result = evaluate_runs(runs, test.images, test.labels)
    for run, accuracy in zip(runs, result.member_accuracies):
        print(f"{run.name:<18} test accuracy {accuracy:.4f}")
    print(f"ensemble of {len(runs):<6} test accuracy {result.ensemble_accuracy:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
