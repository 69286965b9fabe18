"""Test accuracy of every epoch of an SST run, and the figure each rule for choosing the epoch reports.

Kim's paper selects the epoch on SST's standard dev set. His released training
function (conv_net_sentence.py, written for MR) takes only a training and a test set:
it holds out a random 10% of the training data as validation, selects on that, and
on a tie keeps the later epoch. His SST script was not released. Had it reused that
function, the validation set would have been 10% of the training phrases, short
phrases rather than sentences.

This script trains one run that way: on 90% of the training phrases, with the epoch
chosen on the other 10%. After every epoch it also evaluates the standard dev and test
sets, so that one run shows the test figure under three rules:

- held-out phrases: best accuracy on the 10% of phrases, later epoch on a tie;
- standard dev: best dev accuracy, earlier epoch on a tie, the protocol that Kim's
  paper describes;
- last: the final epoch.

The test figures of the other epochs are a diagnostic only: no rule looks at them.

    python benchmarks/sst_selection.py --dataset sst2 --seed 0 --out runs/selection-seed0 \\
        --init kim --dropout-scaling test --batches kim

Each epoch's figures go to stdout as a JSON line and to OUT/epochs.jsonl; the last
line gives the three rules' figures. An interrupted run resumes from its last epoch.
"""

import argparse
import json
from pathlib import Path

from seqboard.blocks.dense import DROPOUT_SCALINGS
from seqboard.core.errors import SeqboardError
from seqboard.text.datasets import load_dataset
from seqboard.text.folds import hold_out_dev
from seqboard.text.model import SentenceCNN
from seqboard.text.protocol import DEV_FRACTION, with_phrases
from seqboard.text.tokenize import tokenizer_for
from seqboard.text.training import BATCHINGS, INITS, RunSettings, Split, accuracy, train_split
from seqboard.text.vocab import Vocabulary

EPOCHS_FILE = "epochs.jsonl"


def choose(rows: list[dict], key: str, later_on_tie: bool) -> dict:
    """Return the row with the best `key`, on a tie the later epoch if `later_on_tie`, else the earlier."""
    best = rows[0]
    for row in rows[1:]:
        if row[key] > best[key] or (later_on_tie and row[key] == best[key]):
            best = row
    return best


def read_epochs(path: Path) -> dict[int, dict]:
    """Return the rows of `path` by epoch; a repeated epoch keeps its last row."""
    if not path.is_file():
        return {}
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {row["epoch"]: row for row in rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dataset", required=True, choices=("sst1", "sst2"))
    parser.add_argument("--out", required=True, type=Path, help="run folder: checkpoints and epochs.jsonl")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--epochs", type=int, default=25)
    parser.add_argument("--init", choices=INITS, default="torch")
    parser.add_argument("--dropout-scaling", choices=DROPOUT_SCALINGS, default="train")
    parser.add_argument("--batches", choices=BATCHINGS, default="reshuffled")
    parser.add_argument("--data-root", default=None)
    args = parser.parse_args()
    if args.epochs < 1:
        parser.error(f"--epochs must be at least 1, got {args.epochs}")

    try:
        dataset = with_phrases(load_dataset(args.dataset, args.data_root), args.data_root)
    except SeqboardError as error:
        parser.error(str(error))
    train, held_out = hold_out_dev(dataset.train, DEV_FRACTION, args.seed)
    split = Split(train, held_out, dataset.test, dataset.label_names, dataset.tokenizer)
    settings = RunSettings(epochs=args.epochs, seed=args.seed, init=args.init, dropout_scaling=args.dropout_scaling,
                           batches=args.batches, quiet=True)
    tokenize = tokenizer_for(dataset.tokenizer)
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / EPOCHS_FILE

    encoded: dict[str, tuple[list[list[int]], list[int]]] = {}

    def on_epoch(model: SentenceCNN, vocab: Vocabulary, record) -> None:
        # The vocabulary is fixed for the whole run, so dev and test are encoded once.
        if not encoded:
            for name, examples in (("dev", dataset.dev), ("test", dataset.test)):
                encoded[name] = ([vocab.encode(tokenize(e.text)) for e in examples], [e.label for e in examples])
        row = {
            "epoch": record.epoch,
            "train_loss": record.train_loss,
            "held_out_phrases": record.dev["accuracy"],
            "dev": accuracy(model, *encoded["dev"]),
            "test": accuracy(model, *encoded["test"]),
            "seconds": record.seconds,
        }
        print(json.dumps(row), flush=True)
        with path.open("a", encoding="utf-8") as file:
            file.write(json.dumps(row) + "\n")

    train_split(split, settings, args.out, resume=True, on_epoch=on_epoch)

    rows = [row for epoch, row in sorted(read_epochs(path).items()) if epoch <= args.epochs]
    chosen = {
        "held_out_phrases": choose(rows, "held_out_phrases", later_on_tie=True),
        "standard_dev": choose(rows, "dev", later_on_tie=False),
        "last": rows[-1],
    }
    print(json.dumps({
        "dataset": args.dataset, "seed": args.seed, "init": args.init, "dropout_scaling": args.dropout_scaling,
        "batches": args.batches, "train_phrases": len(train), "held_out_phrases": len(held_out),
        **{f"{rule}_epoch": row["epoch"] for rule, row in chosen.items()},
        **{f"{rule}_test": row["test"] for rule, row in chosen.items()},
    }))


if __name__ == "__main__":
    main()
