"""Commands of the `seqboard text` group: train, predict, embed and reproduce."""

import argparse
import json
import sys
from pathlib import Path

from seqboard.core.help_format import DefaultsHelpFormatter
from seqboard.text.errors import TextError

Formatter = DefaultsHelpFormatter
DATASET_NAMES = ("mr", "sst1", "sst2", "subj", "trec", "cr", "mpqa")
MODE_NAMES = ("rand", "static", "non-static", "multichannel")


def register(commands) -> None:
    """Add the text commands to `commands`, an argparse sub-parsers object."""
    _register_train(commands)
    _register_predict(commands)
    _register_embed(commands)
    _register_reproduce(commands)


def _add_run_options(parser: argparse.ArgumentParser, vectors_unset: str) -> None:
    parser.add_argument("--epochs", type=int, default=25, help="training epochs (Kim: 25)")
    parser.add_argument("--seed", type=int, default=0, help="seed of initialisation, shuffling and folds")
    parser.add_argument("--data-root", help="folder containing text/ and vectors/; unset: $SEQBOARD_DATA, else ./data")
    parser.add_argument("--vectors", help=f"word vectors file: word2vec .bin or .txt, or GloVe .txt; unset: {vectors_unset}")
    parser.add_argument("--vectors-format", default="auto", choices=("auto", "word2vec-binary", "word2vec-text", "glove"),
                        help="format of --vectors; auto detects it from the first two lines")
    parser.add_argument("--folds", type=int, default=None,
                        help="for cross-validated datasets, run only the first N of the 10 folds; unset runs all")
    parser.add_argument("--jobs", type=int, default=1,
                        help="folds trained at once, each in its own process with its share of the CPU threads")
    parser.add_argument("--sst-phrases", action=argparse.BooleanOptionalAction, default=True,
                        help="train SST on every labelled phrase of the training trees, as Kim did")
    parser.add_argument("--init", choices=("torch", "kim"), default="torch",
                        help="weight initialisation: torch's defaults, or Kim's code (filters U[-0.01, 0.01], "
                        "output layer zero)")
    parser.add_argument("--dropout-scaling", choices=("train", "test"), default="train",
                        help="train: torch's inverted dropout; test: Kim's code, which scales by 1-p at test, "
                        "so that max-norm bounds the weights he bounded")
    parser.add_argument("--batches", choices=("reshuffled", "kim"), default="reshuffled",
                        help="reshuffled: new batches every epoch; kim: Kim's code, batches fixed once and "
                        "only their order shuffled each epoch")
    parser.add_argument("--quiet", action="store_true", help="print no per-epoch progress")


def _register_train(commands) -> None:
    parser = commands.add_parser("train", formatter_class=Formatter, help="train a sentence CNN on one dataset",
                                 description="Train Kim's (2014) CNN by his protocol: standard split or 10-fold CV.")
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--dataset", choices=DATASET_NAMES, help="one of Kim's seven benchmarks")
    source.add_argument("--train", help="your training file: one 'label<TAB>sentence' per line, UTF-8")
    parser.add_argument("--test", help="your test file, same format (with --train)")
    parser.add_argument("--dev", help="your dev file, same format (with --train); unset: 10%% of --train is held out")
    parser.add_argument("--mode", choices=MODE_NAMES, default="rand", help="Kim's model variant")
    parser.add_argument("--out", required=True, help="output folder: checkpoint, metrics.json")
    parser.add_argument("--embedding-dim", type=int, default=None,
                        help="word vector size; unset: the vectors' size, or 300 for --mode rand")
    parser.add_argument("--keep-pretrained", action="store_true",
                        help="add every word of --vectors to the vocabulary, so words absent from training "
                        "keep their pretrained vector at prediction time")
    _add_run_options(parser, vectors_unset="none, which only --mode rand accepts")
    parser.set_defaults(func=_train)


def _register_predict(commands) -> None:
    parser = commands.add_parser("predict", formatter_class=Formatter, help="classify sentences with a trained model",
                                 description="Classify each sentence given, or each line of stdin when none is given. "
                                 "Prints one line per sentence: label, probability and the sentence, tab-separated.")
    parser.add_argument("--model", required=True, help="the --out folder of `seqboard text train`")
    parser.add_argument("sentences", nargs="*", help="sentences to classify; none given: read stdin, one per line")
    parser.add_argument("--json", action="store_true", help="write one JSON object per sentence")
    parser.set_defaults(func=_predict)


def _register_embed(commands) -> None:
    parser = commands.add_parser("embed", formatter_class=Formatter, help="train word2vec vectors on a corpus",
                                 description="Train skip-gram word2vec with gensim; writes word2vec binary format.")
    parser.add_argument("--corpus", required=True, help="text file, one document per line (.xz/.gz/.bz2 read directly)")
    parser.add_argument("--out", required=True, help="output vectors file (word2vec binary format)")
    parser.add_argument("--dim", type=int, default=300, help="vector size")
    parser.add_argument("--window", type=int, default=5, help="context window, in words each side")
    parser.add_argument("--min-count", type=int, default=5, help="ignore words seen fewer times")
    parser.add_argument("--epochs", type=int, default=5, help="passes over the corpus")
    parser.add_argument("--max-lines", type=int, default=None, help="use only the first N lines of the corpus; unset uses all")
    parser.add_argument("--every", type=int, default=1,
                        help="use every N-th line, for a sample spread over a corpus sorted by label")
    parser.add_argument("--workers", type=int, default=1, help="worker threads")
    parser.add_argument("--seed", type=int, default=0, help="random seed")
    parser.set_defaults(func=_embed)


def _register_reproduce(commands) -> None:
    parser = commands.add_parser("reproduce", formatter_class=Formatter, help="reproduce Kim's Table 2, resumably",
                                 description="Train every (dataset, mode) cell not yet finished under --out and "
                                 "print the table beside Kim's after each cell.")
    parser.add_argument("--out", default="runs/table2", help="output folder, one subfolder per cell")
    parser.add_argument("--datasets", nargs="+", choices=DATASET_NAMES, default=list(DATASET_NAMES), help="rows")
    parser.add_argument("--modes", nargs="+", choices=MODE_NAMES, default=list(MODE_NAMES), help="columns")
    parser.add_argument("--table-only", action="store_true", help="print the table of finished cells and train nothing")
    _add_run_options(parser, vectors_unset="<data root>/vectors/glove.6B.50d.kimvocab.txt")
    parser.set_defaults(func=_reproduce)


def _settings(args, mode: str):
    from seqboard.text.training import RunSettings

    if args.epochs < 1:
        raise TextError(f"--epochs must be at least 1, got {args.epochs}")
    if args.folds is not None and not 1 <= args.folds <= 10:
        raise TextError(f"--folds must be between 1 and 10, got {args.folds}")
    if args.jobs < 1:
        raise TextError(f"--jobs must be at least 1, got {args.jobs}; 2 trains two folds at once")
    embedding_dim = getattr(args, "embedding_dim", None)
    if embedding_dim is not None and embedding_dim < 1:
        raise TextError(f"--embedding-dim must be at least 1, got {embedding_dim}")
    return RunSettings(mode=mode, epochs=args.epochs, seed=args.seed, quiet=args.quiet, embedding_dim=embedding_dim,
                       keep_pretrained=getattr(args, "keep_pretrained", False), init=args.init,
                       dropout_scaling=args.dropout_scaling, batches=args.batches)


def _load_data(args):
    from seqboard.text.datasets import load_dataset
    from seqboard.text.protocol import with_phrases
    from seqboard.text.userdata import load_user_dataset

    if args.train:
        if not args.test:
            raise TextError("--train needs --test FILE as well (one 'label<TAB>sentence' per line)")
        return load_user_dataset(args.train, args.test, args.dev)
    dataset = load_dataset(args.dataset, args.data_root)
    if args.sst_phrases and args.dataset in ("sst1", "sst2"):
        dataset = with_phrases(dataset, args.data_root)
    return dataset


def _train(args) -> int:
    from seqboard.text.protocol import run_protocol
    from seqboard.text.vectors import load_vectors

    settings = _settings(args, args.mode)
    if args.mode != "rand" and not args.vectors:
        raise TextError(f"--mode {args.mode} needs --vectors PATH (word2vec or GloVe); or use --mode rand")
    dataset = _load_data(args)
    vectors = load_vectors(args.vectors, args.vectors_format) if args.vectors else None

    summary = run_protocol(dataset, settings, args.out, vectors, args.vectors, folds_to_run=args.folds, jobs=args.jobs)
    mean, std = 100 * summary["test_accuracy_mean"], 100 * summary["test_accuracy_std"]
    if summary["runs_planned"] > 1:
        print(f"test accuracy {mean:.2f} ± {std:.2f} % over {summary['runs_done']} of {summary['runs_planned']} folds")
    else:
        print(f"test accuracy {mean:.2f} %")
    return 0


def _predict(args) -> int:
    from seqboard.text.predict import SentenceClassifier

    classifier = SentenceClassifier.load(args.model)
    sentences = args.sentences or [line.rstrip("\r\n") for line in sys.stdin]
    for sentence, prediction in zip(sentences, classifier.predict(sentences)):
        if args.json:
            print(json.dumps({"sentence": sentence, **prediction.__dict__}, ensure_ascii=False))
        else:
            print(f"{prediction.label}\t{prediction.probability:.4f}\t{sentence}")
            if prediction.note:
                print(f"note: {prediction.note}", file=sys.stderr)
    return 0


def _embed(args) -> int:
    from seqboard.text.embed import EmbedSettings, train_word2vec

    settings = EmbedSettings(dim=args.dim, window=args.window, min_count=args.min_count, epochs=args.epochs,
                             workers=args.workers, seed=args.seed, max_lines=args.max_lines, every=args.every)
    summary = train_word2vec(args.corpus, args.out, settings)
    print(f"wrote {summary['words']} vectors of dimension {summary['dim']} to {summary['out']} "
          f"({summary['corpus_words']} corpus words)")
    return 0


def _reproduce(args) -> int:
    from seqboard.text.reproduce import format_table, reproduce

    if args.table_only:
        print(format_table(Path(args.out), args.datasets, args.modes))
        return 0
    settings = _settings(args, "rand")
    table = reproduce(args.out, args.datasets, args.modes, args.vectors, args.data_root, settings,
                      folds_to_run=args.folds, sst_phrases=args.sst_phrases, vectors_format=args.vectors_format,
                      jobs=args.jobs)
    print(table)
    return 0
