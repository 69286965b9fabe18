"""The training loop shared by the three subsystems.

`Trainer.fit` runs epochs over batches of (inputs, targets), evaluates on a dev split
after each epoch, keeps the weights of the best dev epoch, stops early when the dev
metric stops improving, and writes to the run's output folder:
- `checkpoint/`: the best weights with the model's config (see `seqboard.core.checkpoint`);
- `last/`: the latest weights and optimizer state, from which `resume=True` continues;
- `metrics.json`: the final figures, per-epoch history, wall time, seed and versions.

A subsystem supplies the model, the optimizer, the batches and, where it needs them, a
loss, a hook run after each optimizer step (Kim's max-norm constraint) and a log line.
"""

import logging
import math
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import torch
from torch import Tensor, nn
from torch.nn import functional as F
from tqdm import tqdm

from seqboard.core.checkpoint import load_checkpoint, save_checkpoint
from seqboard.core.metrics import write_metrics

logger = logging.getLogger(__name__)

Batch = tuple[Tensor, Tensor]

# Without a terminal (a log file, a pipe, a notebook) a progress bar would write carriage
# returns, so a plain line reports the epoch's progress at most this often instead.
PLAIN_PROGRESS_SECONDS = 60.0


@dataclass(frozen=True)
class TrainConfig:
    """Settings of one training run."""

    epochs: int
    seed: int = 0
    # Stop after this many epochs without a better dev metric; None never stops early.
    patience: int | None = None
    # The dev metric that selects the best epoch, and whether larger is better.
    monitor: str = "accuracy"
    higher_is_better: bool = True
    # Top-k accuracies reported on the dev split, besides top-1 ("accuracy").
    top_k: tuple[int, ...] = ()
    quiet: bool = False


@dataclass
class EpochRecord:
    """The figures of one epoch: training loss and accuracy, dev figures and wall time."""

    epoch: int
    train_loss: float
    train_accuracy: float
    dev: dict[str, float] = field(default_factory=dict)
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        row = {"epoch": self.epoch, "train_loss": self.train_loss, "train_accuracy": self.train_accuracy}
        row.update({f"dev_{name}": value for name, value in self.dev.items()})
        row["seconds"] = self.seconds
        return row


@torch.no_grad()
def evaluate(
    model: nn.Module,
    batches: Iterable[Batch],
    device: torch.device,
    top_k: tuple[int, ...] = (),
    loss_fn: Callable[[Tensor, Tensor], Tensor] = F.cross_entropy,
) -> dict[str, float]:
    """Return mean loss, top-1 accuracy and each requested top-k accuracy over `batches`."""
    was_training = model.training
    model.eval()
    total_loss, count = 0.0, 0
    correct = {k: 0 for k in (1, *top_k)}
    for inputs, targets in batches:
        inputs, targets = inputs.to(device), targets.to(device)
        logits = model(inputs)
        total_loss += loss_fn(logits, targets).item() * len(targets)
        count += len(targets)
        ranked = logits.topk(max(correct), dim=1).indices  # (N, max k)
        for k in correct:
            correct[k] += (ranked[:, :k] == targets[:, None]).any(dim=1).sum().item()
    model.train(was_training)

    if count == 0:
        raise ValueError("evaluation got no examples")
    figures = {"loss": total_loss / count, "accuracy": correct[1] / count}
    figures.update({f"top{k}_accuracy": correct[k] / count for k in top_k})
    return figures


class Trainer:
    """Runs the epochs of one training run; see the module docstring."""

    def __init__(
        self,
        model: nn.Module,
        optimizer: torch.optim.Optimizer,
        config: TrainConfig,
        *,
        out_dir: str | Path,
        checkpoint_kind: str,
        checkpoint_config: dict[str, Any],
        checkpoint_extras: dict[str, Any] | None = None,
        device: torch.device | None = None,
        loss_fn: Callable[[Tensor, Tensor], Tensor] = F.cross_entropy,
        after_step: Callable[[nn.Module], None] | None = None,
        log_epoch: Callable[[EpochRecord], None] | None = None,
        is_main_process: bool = True,
    ) -> None:
        self.model = model
        self.optimizer = optimizer
        self.config = config
        self.out_dir = Path(out_dir)
        self.checkpoint_kind = checkpoint_kind
        self.checkpoint_config = checkpoint_config
        self.checkpoint_extras = checkpoint_extras or {}
        self.device = device or torch.device("cpu")
        self.loss_fn = loss_fn
        self.after_step = after_step
        self.log_epoch = log_epoch or self.log_to_stderr
        self.is_main_process = is_main_process
        self.history: list[EpochRecord] = []
        self.best_metric: float | None = None
        self.best_epoch: int | None = None
        self._best_state: dict[str, Tensor] | None = None

    def fit(
        self,
        train_batches: Callable[[int], Iterable[Batch]],
        dev_batches: Callable[[], Iterable[Batch]] | None = None,
        steps_per_epoch: int | None = None,
        resume: bool = False,
    ) -> list[EpochRecord]:
        """Train for the configured epochs and return the per-epoch history.

        `train_batches(epoch)` returns the epoch's batches, so that shuffling can be
        seeded by epoch and a resumed run sees the same order. After `fit` the model
        holds the best dev epoch's weights (the last epoch's without a dev split).
        """
        started = time.monotonic()
        first_epoch = self._restore() + 1 if resume else 1
        self.model.to(self.device)

        for epoch in range(first_epoch, self.config.epochs + 1):
            record = self._run_epoch(epoch, train_batches(epoch), steps_per_epoch)
            if dev_batches is not None:
                record.dev = evaluate(self.model, dev_batches(), self.device, self.config.top_k, self.loss_fn)
            self.history.append(record)
            self._track_best(record)
            self.log_epoch(record)
            if self.is_main_process:
                self._save_last(epoch)
            if self._should_stop(epoch):
                logger.info("early stopping after epoch %d: no better dev %s", epoch, self.config.monitor)
                break

        if self._best_state is not None:
            getattr(self.model, "module", self.model).load_state_dict(self._best_state)
        if self.is_main_process:
            self.save_best()
        self.wall_seconds = time.monotonic() - started
        return self.history

    def _run_epoch(self, epoch: int, batches: Iterable[Batch], steps: int | None) -> EpochRecord:
        started = time.monotonic()
        self.model.train()
        total_loss, correct, count = 0.0, 0, 0
        report = not self.config.quiet and self.is_main_process
        show_bar = report and sys.stderr.isatty()
        progress = tqdm(batches, total=steps, desc=f"epoch {epoch}", file=sys.stderr, leave=False, disable=not show_bar)
        last_report = started

        for step, (inputs, targets) in enumerate(progress, start=1):
            inputs, targets = inputs.to(self.device), targets.to(self.device)
            logits = self.model(inputs)
            loss = self.loss_fn(logits, targets)

            self.optimizer.zero_grad(set_to_none=True)
            loss.backward()
            self.optimizer.step()
            if self.after_step is not None:
                self.after_step(self.model)

            total_loss += loss.item() * len(targets)
            correct += (logits.argmax(dim=1) == targets).sum().item()
            count += len(targets)
            progress.set_postfix(loss=f"{total_loss / count:.4f}", refresh=False)

            now = time.monotonic()
            if report and not show_bar and now - last_report >= PLAIN_PROGRESS_SECONDS:
                of_steps = f"/{steps}" if steps else ""
                print(f"epoch {epoch}: batch {step}{of_steps}, train_loss {total_loss / count:.4f}, "
                      f"{now - started:.0f}s", file=sys.stderr, flush=True)
                last_report = now

        if count == 0:
            raise ValueError(f"epoch {epoch} got no training examples")
        if not math.isfinite(total_loss):
            raise FloatingPointError(f"training loss became {total_loss} in epoch {epoch}; lower the learning rate")
        return EpochRecord(epoch, total_loss / count, correct / count, seconds=time.monotonic() - started)

    def _track_best(self, record: EpochRecord) -> None:
        metric = record.dev.get(self.config.monitor) if record.dev else None
        if metric is None:
            self._best_state = None
            self.best_epoch = record.epoch
            return
        improved = self.best_metric is None or (
            metric > self.best_metric if self.config.higher_is_better else metric < self.best_metric
        )
        if improved:
            self.best_metric, self.best_epoch = metric, record.epoch
            # Unwrapped names, so that `best/` loads with or without DistributedDataParallel.
            self._best_state = {name: value.detach().clone() for name, value in self._model_tensors().items()}

    def _should_stop(self, epoch: int) -> bool:
        patience = self.config.patience
        return patience is not None and self.best_epoch is not None and epoch - self.best_epoch >= patience

    def _model_tensors(self) -> dict[str, Tensor]:
        # A DistributedDataParallel wrapper keeps the model under `.module`.
        model = getattr(self.model, "module", self.model)
        return dict(model.state_dict())

    def save_best(self) -> Path:
        """Save the model as it is now into `out_dir/checkpoint`."""
        return save_checkpoint(
            self.out_dir / "checkpoint",
            self.checkpoint_kind,
            self.checkpoint_config,
            self._model_tensors(),
            self.checkpoint_extras,
        )

    def _save_last(self, epoch: int) -> None:
        state = {
            "epoch": epoch,
            "history": [record.as_dict() for record in self.history],
            "best_metric": self.best_metric,
            "best_epoch": self.best_epoch,
        }
        extras = dict(self.checkpoint_extras, trainer_state=state)
        save_checkpoint(
            self.out_dir / "last",
            self.checkpoint_kind,
            self.checkpoint_config,
            self._model_tensors(),
            extras,
            self.optimizer,
        )
        if self._best_state is not None:
            save_checkpoint(
                self.out_dir / "best",
                self.checkpoint_kind,
                self.checkpoint_config,
                self._best_state,
                self.checkpoint_extras,
            )

    def _restore(self) -> int:
        """Load `out_dir/last` (and `out_dir/best`) and return the last finished epoch, 0 if none."""
        if not (self.out_dir / "last").exists():
            return 0
        last = load_checkpoint(self.out_dir / "last")
        model = getattr(self.model, "module", self.model)
        model.load_state_dict(last.tensors)
        if last.optimizer_state is not None:
            self.optimizer.load_state_dict(last.optimizer_state)

        state = last.extras["trainer_state"]
        self.best_metric, self.best_epoch = state["best_metric"], state["best_epoch"]
        self.history = [_record_from_dict(row) for row in state["history"]]
        if (self.out_dir / "best").exists():
            self._best_state = load_checkpoint(self.out_dir / "best").tensors
        logger.info("resuming %s after epoch %d", self.out_dir, state["epoch"])
        return state["epoch"]

    def write_metrics(self, final: dict[str, Any], extra: dict[str, Any] | None = None) -> Path:
        """Write `out_dir/metrics.json` with `final`, the history and the run's context."""
        return write_metrics(
            self.out_dir,
            final=final,
            history=[record.as_dict() for record in self.history],
            seed=self.config.seed,
            wall_seconds=getattr(self, "wall_seconds", None),
            extra=dict(extra or {}, best_epoch=self.best_epoch),
        )

    @staticmethod
    def log_to_stderr(record: EpochRecord) -> None:
        """Print the epoch's figures on one line of stderr: the default `log_epoch`."""
        dev = "  ".join(f"dev_{name} {value:.4f}" for name, value in record.dev.items())
        print(
            f"epoch {record.epoch:3d}  train_loss {record.train_loss:.4f}  "
            f"train_accuracy {record.train_accuracy:.4f}  {dev}  {record.seconds:.1f}s",
            file=sys.stderr,
            flush=True,
        )


def _record_from_dict(row: dict[str, Any]) -> EpochRecord:
    dev = {key[len("dev_"):]: value for key, value in row.items() if key.startswith("dev_")}
    return EpochRecord(row["epoch"], row["train_loss"], row["train_accuracy"], dev, row["seconds"])
