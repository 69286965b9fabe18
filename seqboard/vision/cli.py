"""Commands of the `seqboard vision` group: train, ensemble, predict and models."""

import argparse
import sys
from pathlib import Path

import torch

from seqboard.core.device import choose_device
from seqboard.core.help_format import DefaultsHelpFormatter
from seqboard.vision.ensemble import evaluate_runs, softmax_outputs
from seqboard.vision.errors import ImageFileError, VisionError
from seqboard.vision.images import load_digit
from seqboard.vision.mnist import load_mnist
from seqboard.vision.models import MODELS
from seqboard.vision.runs import load_run
from seqboard.vision.training import VALIDATION_CHOICES, RunSettings, train

FORMATTER = DefaultsHelpFormatter


def register(commands) -> None:
    """Add the vision commands to `commands`, an argparse sub-parsers object."""
    _register_train(commands)
    _register_ensemble(commands)
    _register_predict(commands)
    _register_models(commands)


def _register_train(commands) -> None:
    parser = commands.add_parser(
        "train",
        help="train a model on MNIST with Adam",
        description="Train a model on MNIST with Adam, logging each epoch as Keras does.",
        formatter_class=FORMATTER,
    )
    parser.add_argument(
        "--model",
        required=True,
        choices=list(MODELS),
        help="model to train; alexnet, model-120x160 and convnetjs-cifar10 do not take MNIST digits and are rejected",
    )
    parser.add_argument("--epochs", type=int, default=12, help="number of epochs")
    parser.add_argument("--batch-size", type=int, default=128, help="training batch size")
    parser.add_argument("--lr", type=float, default=1e-3, help="Adam's learning rate, as in Keras")
    parser.add_argument("--seed", type=int, default=0, help="seed of weights and shuffling")
    parser.add_argument(
        "--validation",
        choices=VALIDATION_CHOICES,
        default="test",
        help="'test': report the test set each epoch as the course does, select nothing; "
        "'holdout': validate on the last 5,000 training images and keep the best epoch",
    )
    parser.add_argument("--out", type=Path, required=True, help="run folder for the checkpoint and metrics.json")
    parser.add_argument("--data-root", help="data root holding images/mnist/ (default: $SEQBOARD_DATA, else ./data)")
    parser.add_argument("--limit-examples", type=int, help="use only the first N training and N test images")
    parser.add_argument("--max-steps", type=int, help="stop each epoch after this many batches")
    parser.add_argument("--threads", type=int, help="torch CPU threads (default: torch's choice)")
    parser.add_argument("--device", default="cpu", help="torch device: cpu, cuda, cuda:N or auto")
    parser.set_defaults(func=_train)


def _train(args: argparse.Namespace) -> int:
    for flag in ("epochs", "batch_size", "limit_examples", "max_steps", "threads"):
        value = getattr(args, flag)
        if value is not None and value < 1:
            raise VisionError(f"--{flag.replace('_', '-')} must be a positive integer, got {value}")
    if args.threads:
        torch.set_num_threads(args.threads)
    settings = RunSettings(
        model=args.model,
        out_dir=args.out,
        epochs=args.epochs,
        batch_size=args.batch_size,
        learning_rate=args.lr,
        seed=args.seed,
        validation=args.validation,
        data_root=args.data_root,
        limit_examples=args.limit_examples,
        max_steps=args.max_steps,
        device=str(choose_device(args.device)),
    )
    train(settings)
    return 0


def _register_models(commands) -> None:
    parser = commands.add_parser(
        "models",
        help="list the models, or print one model's layer table",
        description="List the models, or print one model's layer table like Keras's model.summary().",
        formatter_class=FORMATTER,
    )
    parser.add_argument("name", nargs="?", choices=list(MODELS), help="model whose layer table to print")
    parser.set_defaults(func=_models)


def _models(args: argparse.Namespace) -> int:
    if args.name is None:
        for name, model_class in MODELS.items():
            model = model_class()
            channels, height, width = model.input_shape
            params = sum(p.numel() for p in model.parameters())
            shape = f"{channels}x{height}x{width}"
            print(f"{name:<18} input {shape:<10} classes {model.num_classes:<5} params {params:>12,}")
        return 0
    print(MODELS[args.name]().layer_table())
    return 0


def _register_ensemble(commands) -> None:
    parser = commands.add_parser(
        "ensemble",
        help="evaluate trained runs and the ensemble of their softmax outputs on the MNIST test set",
        description="Evaluate each trained run on the MNIST test set, then the ensemble that adds their "
        "softmax outputs.",
        formatter_class=FORMATTER,
    )
    parser.add_argument("runs", nargs="+", type=Path, help="run folders written by seqboard vision train")
    parser.add_argument("--data-root", help="data root holding images/mnist/ (default: $SEQBOARD_DATA, else ./data)")
    parser.set_defaults(func=_ensemble)


def _ensemble(args: argparse.Namespace) -> int:
    runs = [load_run(folder) for folder in args.runs]
    test = load_mnist(args.data_root).test
    result = evaluate_runs(runs, test.images, test.labels)
    for run, accuracy in zip(runs, result.member_accuracies):
        print(f"{str(run.folder):<32} {run.name:<18} test accuracy {accuracy:.4f}")
    print(f"{'ensemble of ' + str(len(runs)):<51} test accuracy {result.ensemble_accuracy:.4f}")
    return 0


def _register_predict(commands) -> None:
    parser = commands.add_parser(
        "predict",
        help="classify image files of handwritten digits with a trained run",
        description="Classify image files (any size, grayscale or colour) with a trained MNIST run. Each "
        "image is turned into a 28x28 digit centred as MNIST's are. Prints one line per file; a file "
        "that cannot be read gets one error line on stderr and the exit status is 2.",
        formatter_class=FORMATTER,
    )
    parser.add_argument("--model", type=Path, required=True, help="run folder written by seqboard vision train")
    parser.add_argument("images", nargs="+", type=Path, help="image files")
    parser.set_defaults(func=_predict)


def _predict(args: argparse.Namespace) -> int:
    run = load_run(args.model)
    if run.model.num_classes != 10:
        raise VisionError(f"{args.model} contains model {run.name}, which does not classify digits; pass an MNIST run")

    failures = 0
    for path in args.images:
        try:
            digit = load_digit(path)  # (28, 28) uint8
        except ImageFileError as error:
            print(f"seqboard: error: {error}", file=sys.stderr)
            failures += 1
            continue
        probabilities = softmax_outputs(run.model, digit[None])[0]  # (10,)
        label = int(probabilities.argmax())
        print(f"{path}\t{label}\t{probabilities[label]:.4f}")
    return 2 if failures else 0
