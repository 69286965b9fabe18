"""Training a vision model on MNIST with the shared Trainer, logging like Keras's `fit`.

Two validation choices:
- "test" (the course's `validation_data=(x_test, y_test)`): train on all 60,000 images
  and report the test set after each epoch. The test set selects nothing: the run
  trains the fixed number of epochs and keeps the last epoch's weights.
- "holdout": train on the first 55,000 images and validate on the last 5,000; the
  Trainer keeps the epoch with the best validation accuracy, and the test set is
  evaluated once at the end.
"""

import logging
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import Tensor

from seqboard.core.seeding import seed_everything
from seqboard.core.training import EpochRecord, Trainer, TrainConfig, evaluate
from seqboard.vision.errors import VisionError
from seqboard.vision.mnist import Mnist, Split, fit_to_input, load_mnist, to_float
from seqboard.vision.models import MODELS, VisionModel

logger = logging.getLogger(__name__)

HOLDOUT_SIZE = 5_000
EVAL_BATCH_SIZE = 1_000
VALIDATION_CHOICES = ("test", "holdout")


@dataclass(frozen=True)
class RunSettings:
    """The settings of one `seqboard vision train` run."""

    model: str
    out_dir: Path
    epochs: int = 12
    batch_size: int = 128
    learning_rate: float = 1e-3
    seed: int = 0
    validation: str = "test"
    data_root: str | None = None
    # Use only the first N training and N test images (quick checks and dry runs).
    limit_examples: int | None = None
    # Stop each epoch after this many batches.
    max_steps: int | None = None
    device: str = "cpu"


def build_model(name: str) -> VisionModel:
    """Return a fresh model of the registry name `name`."""
    if name not in MODELS:
        raise VisionError(f"unknown model {name!r}; expected one of {', '.join(MODELS)}")
    return MODELS[name]()


def batches(images: Tensor, labels: Tensor, batch_size: int, generator: torch.Generator | None) -> Iterator[tuple[Tensor, Tensor]]:
    """Yield (inputs (B, C, H, W) float in [0, 1], labels (B,)); shuffled when `generator` is given."""
    order = torch.randperm(len(labels), generator=generator) if generator is not None else torch.arange(len(labels))
    for start in range(0, len(labels), batch_size):
        index = order[start : start + batch_size]
        yield to_float(images[index]), labels[index]


def split_data(data: Mnist, settings: RunSettings) -> tuple[Split, Split, Split]:
    """Return (train, validation, test) splits for the run's validation choice."""
    if settings.validation not in VALIDATION_CHOICES:
        raise VisionError(f"unknown validation {settings.validation!r}; expected one of {VALIDATION_CHOICES}")
    train, test = data.train, data.test
    if settings.limit_examples is not None:
        train, test = train.head(settings.limit_examples), test.head(settings.limit_examples)
    if settings.validation == "test":
        return train, test, test

    keep = len(train) - min(HOLDOUT_SIZE, len(train) // 10)
    head = Split(train.images[:keep], train.labels[:keep])
    tail = Split(train.images[keep:], train.labels[keep:])
    return head, tail, test


def keras_line(record: EpochRecord, epochs: int, seconds: float) -> str:
    """Format one epoch as Keras's `fit` log does (loss, accuracy, val_loss, val_accuracy)."""
    parts = [f"Epoch {record.epoch}/{epochs}", f"{seconds:.1f}s", f"loss: {record.train_loss:.4f}", f"accuracy: {record.train_accuracy:.4f}"]
    if record.dev:
        parts += [f"val_loss: {record.dev['loss']:.4f}", f"val_accuracy: {record.dev['accuracy']:.4f}"]
    return " - ".join(parts)


class _EpochLogger:
    """Prints the Keras-like line to stderr and times each epoch, validation included.

    With validation on the test set the figures are computed here, so the Trainer has no
    dev split and never selects an epoch by them.
    """

    def __init__(self, model: VisionModel, epochs: int, report_batches, device: torch.device) -> None:
        self.model, self.epochs, self.report_batches, self.device = model, epochs, report_batches, device
        self.epoch_seconds: list[float] = []
        self.started = time.monotonic()

    def __call__(self, record: EpochRecord) -> None:
        if self.report_batches is not None:
            record.dev = evaluate(self.model, self.report_batches(), self.device)
        now = time.monotonic()
        self.epoch_seconds.append(now - self.started)
        self.started = now
        print(keras_line(record, self.epochs, self.epoch_seconds[-1]), file=sys.stderr, flush=True)


def train(settings: RunSettings) -> dict[str, Any]:
    """Train one model on MNIST, print the test figures and return the final metrics."""
    generator = seed_everything(settings.seed)
    model = build_model(settings.model)
    device = torch.device(settings.device)
    train_split, val_split, test_split = split_data(load_mnist(settings.data_root), settings)
    tensors = {name: _as_tensors(split, model) for name, split in (("train", train_split), ("val", val_split), ("test", test_split))}

    def train_batches(epoch: int):
        generator.manual_seed(settings.seed * 1_000 + epoch)
        batch_iter = batches(*tensors["train"], settings.batch_size, generator)
        return _take(batch_iter, settings.max_steps)

    def eval_batches(name: str):
        return lambda: batches(*tensors[name], EVAL_BATCH_SIZE, None)

    # Built before the epoch timer starts: Adam's first construction imports torch._dynamo,
    # which takes seconds.
    optimizer = torch.optim.Adam(model.parameters(), lr=settings.learning_rate)
    on_test = settings.validation == "test"
    epoch_logger = _EpochLogger(model, settings.epochs, eval_batches("val") if on_test else None, device)
    trainer = Trainer(
        model,
        optimizer,
        TrainConfig(epochs=settings.epochs, seed=settings.seed, quiet=True),
        out_dir=settings.out_dir,
        checkpoint_kind=f"vision.{type(model).__name__}",
        checkpoint_config={"model": settings.model, "config": model.config_dict()},
        checkpoint_extras={"preprocess": {"dataset": "mnist", "input_shape": list(model.input_shape), "scale": "x / 255"}},
        device=device,
        log_epoch=epoch_logger,
    )
    steps = -(-len(train_split) // settings.batch_size)
    trainer.fit(train_batches, None if on_test else eval_batches("val"), min(steps, settings.max_steps or steps))

    test = evaluate(model, eval_batches("test")(), device)
    print(f"Test loss: {test['loss']:.4f}\nTest accuracy: {test['accuracy']:.4f}", flush=True)
    final = {"test_loss": test["loss"], "test_accuracy": test["accuracy"], "seconds_per_epoch": float(np.mean(epoch_logger.epoch_seconds))}
    trainer.write_metrics(final, extra=_run_description(settings, len(train_split), len(val_split), epoch_logger))
    return final


def _as_tensors(split: Split, model: VisionModel) -> tuple[Tensor, Tensor]:
    # uint8 images (N, C, H, W) keep memory low; batches scale them to float.
    return fit_to_input(split.images, model.input_shape), torch.tensor(split.labels)


def _take(iterator: Iterator, limit: int | None) -> Iterator:
    for step, item in enumerate(iterator):
        if limit is not None and step >= limit:
            return
        yield item


def _run_description(settings: RunSettings, train_count: int, val_count: int, epoch_logger: _EpochLogger) -> dict[str, Any]:
    return {
        "model": settings.model,
        "epochs": settings.epochs,
        "batch_size": settings.batch_size,
        "optimizer": f"Adam(lr={settings.learning_rate})",
        "validation": settings.validation,
        "train_examples": train_count,
        "validation_examples": val_count,
        "epoch_seconds": epoch_logger.epoch_seconds,
        "torch_threads": torch.get_num_threads(),
    }
