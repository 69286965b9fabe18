"""How much Kim's treatment of unseen words moves a trained CNN-rand run's accuracy.

seqboard builds the vocabulary from the training data only, so a dev or test word
that training never saw is the unknown token, the zero vector. Kim's released code
(process_data.py, written for MR) built it from every sentence of the dataset, so in
CNN-rand such a word got its own U[-0.25, 0.25] vector, which no gradient ever
reached: it stayed random. His SST code was not released, and this script assumes it
did the same.

The script takes a finished run of a dataset with a standard test set (SST-1, SST-2,
TREC). It gives each unseen dev and test word a fresh U[-0.25, 0.25] vector and
evaluates the selected model again, once for each of several draws. The first line
repeats the run's own figures with zero vectors, and the script stops if they differ
from its metrics.json.

    python benchmarks/unseen_words.py runs/table2-seed1/sst2-rand --dataset sst2 --draws 20

The selected epoch stays the one that the run chose with zero vectors; with Kim's
vectors the dev figures, and so the choice, could differ. Results go to stdout as JSON
lines; docs/results-text.md records them.
"""

import argparse
import json
import statistics
from pathlib import Path

import torch

from seqboard.text.datasets import Example, load_dataset
from seqboard.text.errors import TextError
from seqboard.text.folds import hold_out_dev
from seqboard.text.predict import SentenceClassifier
from seqboard.text.protocol import DEV_FRACTION
from seqboard.text.training import accuracy
from seqboard.text.vectors import RAND_RANGE
from seqboard.text.vocab import Vocabulary


def encode(classifier: SentenceClassifier, vocab: Vocabulary, examples: list[Example]) -> tuple[list[list[int]], list[int]]:
    """Return the token indices under `vocab` and the labels of `examples`."""
    return [vocab.encode(classifier.tokenize(e.text)) for e in examples], [e.label for e in examples]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("run", type=Path, help="the folder of a finished CNN-rand run (its metrics.json and checkpoint/)")
    parser.add_argument("--dataset", required=True, choices=("sst1", "sst2", "trec"))
    parser.add_argument("--draws", type=int, default=20, help="random draws of the unseen words' vectors")
    parser.add_argument("--data-root", default=None)
    args = parser.parse_args()
    if args.draws < 2:
        parser.error(f"--draws must be at least 2 for a standard deviation, got {args.draws}")

    if not (args.run / "metrics.json").is_file():
        parser.error(f"{args.run} has no metrics.json; pass the folder of a finished run")
    metrics = json.loads((args.run / "metrics.json").read_text(encoding="utf-8"))
    seed = metrics["settings"]["seed"]
    try:
        classifier = SentenceClassifier.load(args.run)
    except TextError as error:
        parser.error(str(error))
    if classifier.model.config.mode != "rand":
        parser.error(f"{args.run} is a {classifier.model.config.mode} run; this measurement is for CNN-rand runs")

    # Rebuild the run's dev and test splits as the protocol did.
    dataset = load_dataset(args.dataset, args.data_root)
    dev = dataset.dev
    if dev is None:
        _, dev = hold_out_dev(dataset.train, DEV_FRACTION, seed)
    test = dataset.test

    vocab = classifier.vocab
    unseen = [t for e in dev + test for t in classifier.tokenize(e.text) if t not in vocab]
    extended = vocab.extended(unseen)
    added = len(extended) - len(vocab)
    test_tokens = [t for e in test for t in classifier.tokenize(e.text)]
    dev_zero = accuracy(classifier.model, *encode(classifier, vocab, dev))
    test_zero = accuracy(classifier.model, *encode(classifier, vocab, test))
    print(json.dumps({
        "run": str(args.run), "seed": seed, "best_epoch": metrics["final"]["best_epoch"],
        "unseen_types": added,
        "test_tokens": len(test_tokens),
        "test_tokens_unseen": sum(t not in vocab for t in test_tokens),
        "dev_zero": dev_zero, "test_zero": test_zero,
        "metrics_dev": metrics["final"]["dev_accuracy"], "metrics_test": metrics["final"]["test_accuracy"],
    }))
    for split, zero in (("dev", dev_zero), ("test", test_zero)):
        recorded = metrics["final"][f"{split}_accuracy"]
        if abs(zero - recorded) > 1e-9:
            raise SystemExit(f"{split} accuracy {zero:.4f} with zero vectors differs from {recorded:.4f} in "
                             f"{args.run}/metrics.json, so the data or the code probably changed since that run. "
                             "Train the run again before measuring it")

    # Kim's vocabulary: the trained rows, then one untrained U[-0.25, 0.25] row per unseen word.
    # The indices stay the same from draw to draw, and only the new rows change.
    dev_encoded, test_encoded = encode(classifier, extended, dev), encode(classifier, extended, test)
    trained = classifier.model.tuned.weight.data.clone()  # (V, E)
    generator = torch.Generator().manual_seed(seed)
    devs, tests = [], []
    for _ in range(args.draws):
        extra = (torch.rand(added, trained.shape[1], generator=generator) * 2 - 1) * RAND_RANGE  # (added, E)
        classifier.model.tuned.weight.data = torch.cat([trained, extra])  # (V + added, E)
        devs.append(accuracy(classifier.model, *dev_encoded))
        tests.append(accuracy(classifier.model, *test_encoded))
    classifier.model.tuned.weight.data = trained

    print(json.dumps({
        "draws": args.draws,
        "dev_random_mean": statistics.fmean(devs), "dev_random_std": statistics.stdev(devs),
        "test_random_mean": statistics.fmean(tests), "test_random_std": statistics.stdev(tests),
        "test_random_min": min(tests), "test_random_max": max(tests),
    }))


if __name__ == "__main__":
    main()
