"""The policy network's commands of the `seqboard go` group: prepare, train and predict."""

import argparse
import json
import os
import sys
from pathlib import Path

from seqboard.core.help_format import DefaultsHelpFormatter
from seqboard.go.coords import BLACK, COLOUR_NAMES, GTP_COLUMNS, WHITE
from seqboard.go.errors import GoError
from seqboard.go.policy import PolicyConfig

# The handlers import torch, the features and the training code when they run, so that
# `seqboard go --help` and the other go commands start fast.

FORMATTER = DefaultsHelpFormatter


def register_policy_commands(commands) -> None:
    """Add prepare, train and predict to `commands`, an argparse sub-parsers object."""
    _add_prepare(commands)
    _add_train(commands)
    _add_predict(commands)


def _add_prepare(commands) -> None:
    parser = commands.add_parser(
        "prepare", formatter_class=FORMATTER, help="turn game records into packed training shards",
        description="Turn SGF game records into shards of (48 feature planes, move played), split by game.",
    )
    parser.add_argument("inputs", nargs="+", type=Path, help="SGF files, folders or archives (.tar.xz, .zip, ...)")
    parser.add_argument("--out", type=Path, required=True, help="folder for the shards; rerun to resume")
    parser.add_argument("--seed", type=int, default=0, help="seed of the shuffle before the split")
    parser.add_argument("--validation-fraction", type=float, default=0.02, help="share of games for validation")
    parser.add_argument("--test-fraction", type=float, default=0.02, help="share of games held out for test")
    parser.add_argument("--games-per-shard", type=int, default=100, help="games in each shard file")
    parser.add_argument("--max-games", type=int, default=None, help="keep only this many games after the shuffle")
    parser.add_argument("--handicap", choices=("include", "exclude"), default="include", help="keep handicap games or not")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="worker processes")
    parser.add_argument("--manifest", type=Path, default=None, help="manifest CSV with duplicate_of (default: *manifest*.csv.gz beside the inputs)")
    parser.set_defaults(func=run_prepare)


def run_prepare(args: argparse.Namespace) -> int:
    from seqboard.go.prepare import PrepareOptions, prepare

    options = PrepareOptions(
        seed=args.seed, validation_fraction=args.validation_fraction, test_fraction=args.test_fraction,
        games_per_shard=args.games_per_shard, max_games=args.max_games, handicap=args.handicap == "include",
    )
    summary = prepare(args.inputs, args.out, options, args.workers, args.manifest)
    print(json.dumps(summary, indent=2))
    return 0


def _add_train(commands) -> None:
    parser = commands.add_parser(
        "train", formatter_class=FORMATTER, help="train the policy network on prepared shards",
        description="Train the policy network with SGD and momentum; run under torchrun for data-parallel training.",
    )
    parser.add_argument("--data", type=Path, required=True, help="folder written by `seqboard go prepare`")
    parser.add_argument("--out", type=Path, required=True, help="run folder: checkpoints and metrics.json")
    parser.add_argument("--filters", type=int, default=PolicyConfig.filters, help="filters of every convolution")
    parser.add_argument("--layers", type=int, default=PolicyConfig.layers, help="convolutions in all, the 5x5 input and the 1x1 head included")
    parser.add_argument("--epochs", type=int, default=10, help="epochs to run")
    parser.add_argument("--steps-per-epoch", type=int, default=None, help="batches per epoch (default: one pass over the training shards)")
    parser.add_argument("--batch-size", type=int, default=64, help="positions per batch and process")
    parser.add_argument("--optimizer", choices=("sgd", "adam"), default="sgd", help="SGD with momentum, or Adam")
    parser.add_argument("--lr", type=float, default=0.005, help="learning rate")
    parser.add_argument("--momentum", type=float, default=0.9, help="SGD momentum")
    parser.add_argument("--weight-decay", type=float, default=0.0, help="L2 weight decay")
    parser.add_argument("--lr-halving-steps", type=int, default=None, help="halve the learning rate every this many batches")
    parser.add_argument("--validation-positions", type=int, default=20_000, help="validation positions scored each epoch")
    parser.add_argument("--patience", type=int, default=None, help="stop after this many epochs without a better validation top-1")
    parser.add_argument("--seed", type=int, default=0, help="seed of the initial weights and the data order")
    parser.add_argument("--device", default=None, help="cpu, cuda or cuda:N (default: cuda when present)")
    parser.add_argument("--threads", type=int, default=None, help="torch CPU threads (default: torch's choice)")
    parser.add_argument("--resume", action="store_true", help="continue the run in --out from its last epoch")
    parser.add_argument("--export", type=Path, default=None, help="also write the best weights as PATH.safetensors and PATH.json")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    parser.set_defaults(func=run_train)


def run_train(args: argparse.Namespace) -> int:
    import torch

    from seqboard.go.train import TrainOptions, train_policy

    if args.threads:
        torch.set_num_threads(args.threads)
    options = TrainOptions(
        data=str(args.data), out=str(args.out),
        model=PolicyConfig(filters=args.filters, layers=args.layers),
        epochs=args.epochs, steps_per_epoch=args.steps_per_epoch, batch_size=args.batch_size,
        optimizer=args.optimizer, lr=args.lr, momentum=args.momentum, weight_decay=args.weight_decay,
        lr_halving_steps=args.lr_halving_steps, validation_positions=args.validation_positions,
        patience=args.patience, seed=args.seed, device=args.device, resume=args.resume,
        export=str(args.export) if args.export else None, quiet=args.quiet,
    )
    try:
        train_policy(options)
    except FloatingPointError as error:
        raise GoError(
            f"{error}; the last finished epoch is kept in {args.out / 'last'}, so rerun with --resume and a lower --lr"
        ) from None
    return 0


def _add_predict(commands) -> None:
    parser = commands.add_parser(
        "predict", formatter_class=FORMATTER, help="predict the next move of an SGF position",
        description="Print the policy network's most probable next moves after a given move of a game.",
    )
    parser.add_argument("sgf", type=Path, help="SGF game record")
    parser.add_argument("--move", type=int, required=True, help="the position after this many moves (0: the start)")
    parser.add_argument("--top", type=int, default=5, help="moves to list")
    parser.add_argument("--model", type=Path, default=None, help="exported weights or a training run's folder (default: the shipped model)")
    parser.add_argument("--symmetries", type=int, choices=(1, 8), default=1, help="average over the 8 board symmetries with 8")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    parser.set_defaults(func=run_predict)


def run_predict(args: argparse.Namespace) -> int:
    from seqboard.go.predict import MovePredictor, position_after

    if args.top < 1:
        raise GoError(f"invalid --top {args.top}: expected at least 1")
    board = position_after(args.sgf, args.move)
    predictor = MovePredictor.load(args.model, symmetries=args.symmetries)
    prediction = predictor.predict(board)
    top = prediction.top(args.top)

    if args.json:
        record = {
            "sgf": str(args.sgf), "move": args.move, "to_play": COLOUR_NAMES[board.to_play],
            "top": [{"vertex": vertex, "probability": round(p, 6)} for vertex, p in top],
        }
        print(json.dumps(record))
        return 0
    print(f"{args.sgf} after {args.move} moves, {COLOUR_NAMES[board.to_play]} to play")
    for rank, (vertex, probability) in enumerate(top, start=1):
        print(f"{rank:2d}. {vertex:4s} {probability:7.2%}")
    print(draw_probabilities(board, prediction))
    print("X black, O white; an empty point shows its probability in percent, '.' below 0.5%")
    return 0


def draw_probabilities(board, prediction) -> str:
    """Draw a Board with X and O stones and, from a MovePrediction, each empty point's
    probability in percent.

    An empty point shows its rounded percentage, `.` below 0.5% and `--` for 100%.
    """
    size = board.size
    grid = board.colours()  # (S, S)
    letters = "".join(f"{letter:>3s}" for letter in GTP_COLUMNS[:size])
    lines = [f"  {letters}"]
    for row in range(size):
        cells = []
        for col in range(size):
            cells.append(_cell_text(int(grid[row, col]), float(prediction.probabilities[row, col])))
        lines.append(f"{size - row:2d}" + "".join(f"{cell:>3s}" for cell in cells) + f"  {size - row}")
    lines.append(f"  {letters}")
    return "\n".join(lines)


def _cell_text(stone: int, probability: float) -> str:
    """Return X or O for a stone, else the rounded percentage, "." below 0.5% and "--" at 100%."""
    if stone == BLACK:
        return "X"
    if stone == WHITE:
        return "O"
    percent = round(probability * 100)
    if percent == 0:
        return "."
    if percent >= 100:
        return "--"
    return str(percent)
