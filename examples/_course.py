"""The MNIST examples' shared argument parser and training call, both aware of --dry-run.

A dry run trains one epoch of a few batches on the first 512 training images and
evaluates on the first 512 test images, so that every example runs in seconds in CI.
"""

import argparse
import tempfile
from pathlib import Path

from seqboard.vision.training import RunSettings, train

DRY_RUN_EXAMPLES = 512
DRY_RUN_STEPS = 4


def parser(description: str, default_out: str) -> argparse.ArgumentParser:
    """Return the examples' parser: --epochs, --batch-size, --out, --data-root, --dry-run."""
    result = argparse.ArgumentParser(description=description, formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    result.add_argument("--epochs", type=int, default=12, help="number of epochs (the course trains 12)")
    result.add_argument("--batch-size", type=int, default=128, help="training batch size")
    result.add_argument("--out", type=Path, default=Path(default_out), help="run folder")
    result.add_argument("--data-root", help="data root holding images/mnist/ (default: $SEQBOARD_DATA, else ./data)")
    result.add_argument("--dry-run", action="store_true", help="train a few batches on a few images, into a temporary folder")
    return result


def train_model(model: str, args: argparse.Namespace, out: Path | None = None) -> dict:
    """Train `model` with the parsed arguments and return the final metrics."""
    if args.dry_run:
        out = Path(tempfile.mkdtemp(prefix=f"seqboard-{model}-")) if out is None else out
        settings = RunSettings(model=model, out_dir=out, epochs=1, batch_size=args.batch_size,
                               data_root=args.data_root, limit_examples=DRY_RUN_EXAMPLES, max_steps=DRY_RUN_STEPS)
    else:
        settings = RunSettings(model=model, out_dir=out or args.out, epochs=args.epochs,
                               batch_size=args.batch_size, data_root=args.data_root)
    return train(settings)
