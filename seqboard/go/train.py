"""Training the policy network on prepared shards, on one process or many (DDP).

`train_policy(options)` builds the network, the optimizer (SGD with momentum by default)
and the batch stream, and hands them to the shared `Trainer`. The Trainer scores top-1 and
top-5 move-prediction accuracy on the validation games after each epoch, keeps the best
epoch, and makes the run resumable. An epoch is `steps_per_epoch` batches of the endless
shuffled stream (one pass over the training shards by default), so batch b of a run is
the same whether or not the run was interrupted.

Under `torchrun` (WORLD_SIZE > 1) each process joins a `torch.distributed` group (gloo on
CPU, nccl on GPU), wraps the network in DistributedDataParallel and reads its own part
of the training shards; rank 0 alone writes the checkpoints and `metrics.json`.
"""

import logging
import os
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import torch
from torch import distributed as dist
from torch import nn

from seqboard.core.device import choose_device
from seqboard.core.seeding import seed_everything
from seqboard.core.training import Trainer, TrainConfig, evaluate
from seqboard.go.batches import TrainingStream, evaluation_batches
from seqboard.go.errors import GoError
from seqboard.go.policy import PolicyConfig, PolicyNet
from seqboard.go.shards import ShardIndex, read_index
from seqboard.go.weights_file import export_weights

logger = logging.getLogger(__name__)

CHECKPOINT_KIND = "go.PolicyNet"


@dataclass(frozen=True)
class TrainOptions:
    """The settings of one training run of the policy network."""

    data: str
    out: str
    model: PolicyConfig = PolicyConfig()
    epochs: int = 10
    steps_per_epoch: int | None = None
    batch_size: int = 64
    # "sgd" (with momentum, as AlphaGo) or "adam".
    optimizer: str = "sgd"
    lr: float = 0.005
    momentum: float = 0.9
    weight_decay: float = 0.0
    # Halve the learning rate every this many batches (AlphaGo: every 80M steps); None keeps it.
    lr_halving_steps: int | None = None
    validation_positions: int | None = 20_000
    patience: int | None = None
    seed: int = 0
    device: str | None = None
    resume: bool = False
    export: str | None = None
    quiet: bool = False


@dataclass(frozen=True)
class DistributedContext:
    rank: int = 0
    world_size: int = 1
    local_rank: int = 0

    @property
    def is_main(self) -> bool:
        return self.rank == 0


def start_distributed(device_name: str | None) -> tuple[DistributedContext, torch.device]:
    """Join the torchrun process group when WORLD_SIZE > 1; return the context and device."""
    world_size = int(os.environ.get("WORLD_SIZE", "1"))
    if world_size == 1:
        return DistributedContext(), choose_device(device_name)

    local_rank = int(os.environ.get("LOCAL_RANK", "0"))
    device = choose_device(device_name)
    if device.type == "cuda":
        device = torch.device("cuda", local_rank)
        torch.cuda.set_device(device)
    if not dist.is_initialized():
        dist.init_process_group("nccl" if device.type == "cuda" else "gloo")
    return DistributedContext(dist.get_rank(), dist.get_world_size(), local_rank), device


def train_policy(options: TrainOptions) -> tuple[nn.Module, Trainer]:
    """Run one training run and return the (unwrapped) trained network and its Trainer."""
    context, device = start_distributed(options.device)
    index = read_index(options.data)
    _check_planes(index, options.model)
    seed_everything(options.seed)  # the same initial weights on every rank

    model = PolicyNet(options.model).to(device)
    network = model
    if context.world_size > 1:
        network = nn.parallel.DistributedDataParallel(model, device_ids=[device.index] if device.type == "cuda" else None)
    optimizer = make_optimizer(network, options)

    stream = TrainingStream(index, options.batch_size, options.seed, context.rank, context.world_size)
    steps = options.steps_per_epoch or _steps_per_pass(index, options, context)
    trainer = Trainer(
        network,
        optimizer,
        TrainConfig(options.epochs, options.seed, options.patience, top_k=(5,), quiet=options.quiet),
        out_dir=options.out,
        checkpoint_kind=CHECKPOINT_KIND,
        checkpoint_config=options.model.as_dict(),
        checkpoint_extras={"training": _options_record(options, context)},
        device=device,
        # Rank 0 alone prints the epoch lines; every rank computes the same validation figures.
        log_epoch=None if context.is_main else (lambda record: None),
        is_main_process=context.is_main,
    )

    def train_batches(epoch: int):
        first = (epoch - 1) * steps
        for offset, batch in enumerate(stream.batches(first, steps)):
            _set_learning_rate(optimizer, options, first + offset)
            yield batch

    def validation_batches():
        return evaluation_batches(index, "validation", 512, options.validation_positions)

    trainer.fit(train_batches, validation_batches, steps_per_epoch=steps, resume=options.resume)
    if context.is_main:
        _finish(trainer, model, index, options, steps, context, device)
    return model, trainer


def make_optimizer(network: nn.Module, options: TrainOptions) -> torch.optim.Optimizer:
    """Return SGD with momentum, or Adam, over the network's parameters."""
    if options.optimizer == "sgd":
        return torch.optim.SGD(
            network.parameters(), lr=options.lr, momentum=options.momentum, weight_decay=options.weight_decay
        )
    if options.optimizer == "adam":
        return torch.optim.Adam(network.parameters(), lr=options.lr, weight_decay=options.weight_decay)
    raise GoError(f"invalid optimizer {options.optimizer!r}: expected 'sgd' or 'adam'")


def _check_planes(index: ShardIndex, config: PolicyConfig) -> None:
    if (index.planes, index.board_size) != (config.input_planes, config.board_size):
        raise GoError(
            f"the shards in {index.folder} hold {index.planes} planes of {index.board_size}x{index.board_size}, "
            f"but the network expects {config.input_planes} planes of {config.board_size}x{config.board_size}"
        )


def _steps_per_pass(index: ShardIndex, options: TrainOptions, context: DistributedContext) -> int:
    """Return the batches of one pass, the same on every rank: the smallest rank's count."""
    counts = []
    for rank in range(context.world_size):
        rank_stream = TrainingStream(index, options.batch_size, options.seed, rank, context.world_size)
        counts.append(rank_stream.batches_per_pass())
    return max(1, min(counts))


def _set_learning_rate(optimizer: torch.optim.Optimizer, options: TrainOptions, step: int) -> None:
    if options.lr_halving_steps is None:
        return
    for group in optimizer.param_groups:
        group["lr"] = options.lr * 0.5 ** (step // options.lr_halving_steps)


def _options_record(options: TrainOptions, context: DistributedContext) -> dict[str, Any]:
    record = asdict(options)
    record["model"] = options.model.as_dict()
    record["world_size"] = context.world_size
    return record


def _finish(trainer, model, index, options, steps, context, device) -> None:
    """Score the best network on the test games, write metrics.json and export the weights."""
    test = evaluate(model, evaluation_batches(index, "test", 512), device, (5,)) if index.entries("test") else {}
    epochs_run = trainer.history[-1].epoch if trainer.history else 0
    positions = epochs_run * steps * options.batch_size * context.world_size
    best = next((r.dev for r in trainer.history if r.epoch == trainer.best_epoch), {})
    final = {f"validation_{name}": value for name, value in best.items()}
    final.update({f"test_{name}": value for name, value in test.items()})
    final.update(positions_seen=positions, test_positions=index.positions("test"))
    trainer.write_metrics(final, extra={"options": _options_record(options, context)})
    print(
        f"best epoch {trainer.best_epoch}: test top-1 {test.get('accuracy', float('nan')):.4f} "
        f"top-5 {test.get('top5_accuracy', float('nan')):.4f} after {positions:,} positions",
        file=sys.stderr,
    )
    if options.export:
        export_weights(options.export, model, {"test": test, "positions_seen": positions, "training": _options_record(options, context)})
