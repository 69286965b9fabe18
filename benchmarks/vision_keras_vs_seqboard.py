"""Seconds per epoch and accuracy: the course's Keras code against `seqboard vision train`.

Both train the course's two-convolution MNIST model with Adam (learning rate 1e-3) and
batch 128. Both validate on the test set after every epoch, as the course's
`validation_data=(x_test, y_test)` does. They run in two child processes, one after the
other, with the same number of torch threads. Keras runs on Keras 3 with its torch
backend; its model and `fit` call are the course's, and only the data loading differs
(the MNIST files are read with seqboard's IDX reader, since nothing can be downloaded).

Keras is not a seqboard dependency. Install it for this script only, beside torch:

    pip install keras        # Keras 3 does not require torch, so torch 2.13.0 stays
    SEQBOARD_DATA=../shared/data python benchmarks/vision_keras_vs_seqboard.py --epochs 2

The figures go to stdout as a table and to --out/benchmark.json.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0], formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    parser.add_argument("--epochs", type=int, default=12, help="epochs for both (the course trains 12)")
    parser.add_argument("--batch-size", type=int, default=128, help="batch size for both")
    parser.add_argument("--threads", type=int, default=1, help="torch CPU threads for both")
    parser.add_argument("--limit-examples", type=int, help="use only the first N training and N test images in both")
    parser.add_argument("--data-root", help="data root holding images/mnist/ (default: $SEQBOARD_DATA, else ./data)")
    parser.add_argument("--out", type=Path, default=Path("runs/keras-vs-seqboard"), help="folder for the runs and benchmark.json")
    parser.add_argument("--part", choices=("keras",), help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def run_keras(args: argparse.Namespace) -> dict:
    """Train the course's Keras model (this runs in the child process) and return its figures."""
    os.environ["KERAS_BACKEND"] = "torch"
    import torch

    torch.set_num_threads(args.threads)
    try:
        import keras
    except ImportError:
        sys.exit("benchmark: keras is not installed; run `pip install keras` in this environment first")
    from keras import layers

    from seqboard.vision.mnist import load_mnist

    # Data loading: seqboard's reader instead of keras.datasets.mnist.load_data().
    data = load_mnist(args.data_root)
    train, test = data.train, data.test
    if args.limit_examples:
        train, test = train.head(args.limit_examples), test.head(args.limit_examples)
    x_train = train.images.reshape(-1, 28, 28, 1).astype("float32") / 255
    x_test = test.images.reshape(-1, 28, 28, 1).astype("float32") / 255
    y_train = keras.utils.to_categorical(train.labels, 10)
    y_test = keras.utils.to_categorical(test.labels, 10)

    # The course's model and training call.
    model = keras.Sequential(
        [
            keras.Input(shape=(28, 28, 1)),
            layers.Conv2D(32, kernel_size=(3, 3), activation="relu"),
            layers.MaxPooling2D(pool_size=(2, 2)),
            layers.Dropout(0.25),
            layers.Conv2D(64, kernel_size=(3, 3), activation="relu"),
            layers.MaxPooling2D(pool_size=(2, 2)),
            layers.Dropout(0.25),
            layers.Flatten(),
            layers.Dense(128, activation="relu"),
            layers.Dropout(0.5),
            layers.Dense(10, activation="softmax"),
        ]
    )
    model.compile(loss="categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
    timer = _EpochTimer(keras)
    model.fit(x_train, y_train, batch_size=args.batch_size, epochs=args.epochs, verbose=2,
              validation_data=(x_test, y_test), callbacks=[timer.callback])
    test_loss, test_accuracy = model.evaluate(x_test, y_test, verbose=0)
    return {"epoch_seconds": timer.seconds, "test_loss": float(test_loss), "test_accuracy": float(test_accuracy),
            "keras": keras.__version__, "torch": torch.__version__}


class _EpochTimer:
    """A Keras callback that records each epoch's wall time, validation included."""

    def __init__(self, keras) -> None:
        self.seconds: list[float] = []
        timer = self

        class Callback(keras.callbacks.Callback):
            def on_epoch_begin(self, epoch, logs=None):
                timer.started = time.monotonic()

            def on_epoch_end(self, epoch, logs=None):
                timer.seconds.append(time.monotonic() - timer.started)

        self.callback = Callback()


def run_seqboard(args: argparse.Namespace) -> dict:
    """Run `seqboard vision train` for the same model and settings; return its figures."""
    out = args.out / "seqboard"
    command = [sys.executable, "-m", "seqboard", "vision", "train", "--model", "mnist-2conv",
               "--epochs", str(args.epochs), "--batch-size", str(args.batch_size),
               "--threads", str(args.threads), "--validation", "test", "--out", str(out)]
    command += _shared_flags(args)
    subprocess.run(command, check=True)
    metrics = json.loads((out / "metrics.json").read_text())
    return {"epoch_seconds": metrics["epoch_seconds"], "test_loss": metrics["final"]["test_loss"],
            "test_accuracy": metrics["final"]["test_accuracy"]}


def run_keras_child(args: argparse.Namespace) -> dict:
    """Run the Keras part in a fresh process, so neither framework warms the other."""
    with tempfile.TemporaryDirectory() as folder:
        result_file = Path(folder) / "keras.json"
        command = [sys.executable, __file__, "--part", "keras", "--epochs", str(args.epochs),
                   "--batch-size", str(args.batch_size), "--threads", str(args.threads), "--out", str(result_file)]
        subprocess.run(command + _shared_flags(args), check=True)
        return json.loads(result_file.read_text())


def _shared_flags(args: argparse.Namespace) -> list[str]:
    flags = ["--data-root", args.data_root] if args.data_root else []
    if args.limit_examples:
        flags += ["--limit-examples", str(args.limit_examples)]
    return flags


def mean(values: list[float]) -> float:
    return sum(values) / len(values)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.part == "keras":
        args.out.write_text(json.dumps(run_keras(args)))
        return 0

    args.out.mkdir(parents=True, exist_ok=True)
    keras_figures = run_keras_child(args)
    seqboard_figures = run_seqboard(args)
    # The first epoch of each carries one-off costs (imports, tracing), so later epochs, when
    # there are any, give the ratio.
    skip = 1 if args.epochs > 1 else 0
    ratio = mean(keras_figures["epoch_seconds"][skip:]) / mean(seqboard_figures["epoch_seconds"][skip:])
    record = {"epochs": args.epochs, "batch_size": args.batch_size, "threads": args.threads,
              "limit_examples": args.limit_examples,
              "keras": keras_figures, "seqboard": seqboard_figures, "keras_over_seqboard_seconds": ratio}
    (args.out / "benchmark.json").write_text(json.dumps(record, indent=2) + "\n")

    print(f"{'':<10} {'first epoch s':>14} {'later epochs s':>15} {'test accuracy':>14}")
    for name, figures in (("keras", keras_figures), ("seqboard", seqboard_figures)):
        seconds = figures["epoch_seconds"]
        later = f"{mean(seconds[1:]):.1f}" if len(seconds) > 1 else "-"
        print(f"{name:<10} {seconds[0]:>14.1f} {later:>15} {figures['test_accuracy']:>14.4f}")
    print(f"Keras seconds per epoch / seqboard seconds per epoch (epochs {skip + 1}-{args.epochs}): {ratio:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
