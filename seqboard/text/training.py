"""Training one SentenceCNN on one train/dev/test split, through the shared Trainer.

Kim's settings: Adadelta (rho 0.95, eps 1e-6, learning rate 1), mini-batches of 50,
25 epochs, the epoch with the best dev accuracy kept, max-norm s = 3 on the output
layer's weight rows after every update. `train_split` returns the run's figures and
writes `checkpoint/` (weights, config, vocabulary, label names) and `metrics.json`.
"""

from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import torch
from gensim.models import KeyedVectors

from seqboard.core.adadelta import Adadelta
from seqboard.core.seeding import seed_everything
from seqboard.core.training import EpochRecord, TrainConfig, Trainer, evaluate
from seqboard.text.batching import batches, fixed_batch_plan, planned_batches
from seqboard.text.datasets import Example
from seqboard.text.errors import TextError
from seqboard.text.model import SentenceCNN, SentenceCNNConfig
from seqboard.text.tokenize import tokenizer_for
from seqboard.text.vectors import embedding_matrix
from seqboard.text.vocab import Vocabulary

CHECKPOINT_KIND = "text.SentenceCNN"
EVAL_BATCH_SIZE = 256
# Weight initialisations: torch's defaults, or Kim's released code (`SentenceCNN.init_as_kim`).
INITS = ("torch", "kim")
# Batch composition: a fresh shuffle each epoch, or Kim's fixed batches in shuffled order.
BATCHINGS = ("reshuffled", "kim")
# Kim's default size for random vectors (CNN-rand), the size of the GoogleNews vectors.
RAND_EMBEDDING_DIM = 300


@dataclass(frozen=True)
class RunSettings:
    """The training settings of one run; the defaults are Kim's."""

    mode: str = "rand"
    epochs: int = 25
    batch_size: int = 50
    seed: int = 0
    rho: float = 0.95
    eps: float = 1e-6
    learning_rate: float = 1.0
    embedding_dim: int | None = None
    keep_pretrained: bool = False
    init: str = "torch"
    dropout_scaling: str = "train"
    batches: str = "reshuffled"
    quiet: bool = False


@dataclass(frozen=True)
class Split:
    """Labelled examples of one run with the dataset's label names and tokeniser name."""

    train: list[Example]
    dev: list[Example]
    test: list[Example]
    label_names: tuple[str, ...]
    tokenizer: str


def _build_vocabulary(tokenised_train, settings: RunSettings, vectors: KeyedVectors | None) -> Vocabulary:
    vocab = Vocabulary.build(tokenised_train)
    if settings.keep_pretrained and vectors is not None:
        # Words absent from training keep their pretrained vector for prediction time.
        vocab = vocab.extended(vectors.index_to_key)
    return vocab


def build_model(
    split: Split, settings: RunSettings, vectors: KeyedVectors | None, generator: torch.Generator
) -> tuple[SentenceCNN, Vocabulary, dict[str, Any]]:
    """Tokenise, build the vocabulary and the initial embeddings, and return the model."""
    if settings.mode != "rand" and vectors is None:
        raise TextError(f"mode {settings.mode!r} needs pretrained vectors; pass --vectors PATH or use --mode rand")
    if settings.init not in INITS:
        raise TextError(f"invalid init {settings.init!r}; expected one of {', '.join(INITS)}")
    if settings.batches not in BATCHINGS:
        raise TextError(f"invalid batches {settings.batches!r}; expected one of {', '.join(BATCHINGS)}")
    tokenize = tokenizer_for(split.tokenizer)
    vocab = _build_vocabulary([tokenize(e.text) for e in split.train], settings, vectors)

    used_vectors = vectors if settings.mode != "rand" else None
    dim = settings.embedding_dim or (used_vectors.vector_size if used_vectors is not None else RAND_EMBEDDING_DIM)
    matrix, found = embedding_matrix(vocab, dim, generator, used_vectors)
    config = SentenceCNNConfig(len(vocab), len(split.label_names), settings.mode, dim,
                               dropout_scaling=settings.dropout_scaling)
    model = SentenceCNN(config, matrix)
    if settings.init == "kim":
        model.init_as_kim(generator)
    info = {"vocabulary_size": len(vocab), "words_with_vectors": found}
    return model, vocab, info


def _encode(examples: list[Example], vocab: Vocabulary, tokenizer: str) -> tuple[list[list[int]], list[int]]:
    tokenize = tokenizer_for(tokenizer)
    return [vocab.encode(tokenize(e.text)) for e in examples], [e.label for e in examples]


def accuracy(model: SentenceCNN, ids: list[list[int]], labels: list[int]) -> float:
    """Return the top-1 accuracy of `model` on sentences already encoded as token indices."""
    inputs = batches(ids, labels, EVAL_BATCH_SIZE, model.config.pad_left, model.config.pad_right)
    return evaluate(model, inputs, torch.device("cpu"))["accuracy"]


def _make_trainer(model: SentenceCNN, vocab: Vocabulary, split: Split, settings: RunSettings, out_dir,
                  vectors_name: str | None, max_train_tokens: int, on_epoch=None) -> Trainer:
    """Return the shared Trainer with Kim's Adadelta, max-norm after every step and the checkpoint extras."""
    trainable = [p for p in model.parameters() if p.requires_grad]
    optimizer = Adadelta(trainable, lr=settings.learning_rate, rho=settings.rho, eps=settings.eps)
    extras = {
        "vocabulary": vocab.to_json(),
        "labels": list(split.label_names),
        "text": {"tokenizer": split.tokenizer, "vectors": vectors_name, "max_train_tokens": max_train_tokens},
    }

    def log_epoch(record: EpochRecord) -> None:
        if not settings.quiet:
            Trainer.log_to_stderr(record)
        if on_epoch is not None:
            on_epoch(model, vocab, record)

    return Trainer(
        model,
        optimizer,
        TrainConfig(epochs=settings.epochs, seed=settings.seed, quiet=settings.quiet),
        out_dir=out_dir,
        checkpoint_kind=CHECKPOINT_KIND,
        checkpoint_config=model.config.to_json(),
        checkpoint_extras=extras,
        after_step=lambda m: m.apply_max_norm(),
        log_epoch=log_epoch,
    )


def train_split(
    split: Split,
    settings: RunSettings,
    out_dir: str | Path,
    vectors: KeyedVectors | None = None,
    vectors_name: str | None = None,
    resume: bool = False,
    on_epoch: Callable[[SentenceCNN, Vocabulary, EpochRecord], None] | None = None,
) -> dict[str, Any]:
    """Train on `split.train`, select by `split.dev`, test the selected epoch on `split.test`.

    `on_epoch(model, vocabulary, record)`, when given, runs after each epoch's dev
    evaluation, for measurements that follow a run epoch by epoch.
    """
    generator = seed_everything(settings.seed)
    model, vocab, info = build_model(split, settings, vectors, generator)
    config = model.config
    train_ids, train_labels = _encode(split.train, vocab, split.tokenizer)
    dev_ids, dev_labels = _encode(split.dev, vocab, split.tokenizer)
    test_ids, test_labels = _encode(split.test, vocab, split.tokenizer)

    plan = None
    if settings.batches == "kim":
        plan = fixed_batch_plan(len(train_ids), settings.batch_size, torch.Generator().manual_seed(settings.seed))

    def train_batches(epoch: int):
        # The order of each epoch depends only on the seed and the epoch, so a resumed run repeats it.
        order = torch.Generator().manual_seed(settings.seed * 1000 + epoch)
        if plan is not None:
            return planned_batches(train_ids, train_labels, plan, config.pad_left, config.pad_right, order)
        return batches(train_ids, train_labels, settings.batch_size, config.pad_left, config.pad_right, order)

    def dev_batches():
        return batches(dev_ids, dev_labels, EVAL_BATCH_SIZE, config.pad_left, config.pad_right)

    longest = max(map(len, train_ids), default=0)
    trainer = _make_trainer(model, vocab, split, settings, out_dir, vectors_name, longest, on_epoch)
    steps = -(-len(train_ids) // settings.batch_size)  # ceil(N / batch)
    trainer.fit(train_batches, dev_batches, steps_per_epoch=steps, resume=resume)

    final = {
        "test_accuracy": accuracy(model, test_ids, test_labels),
        "dev_accuracy": trainer.best_metric,
        "best_epoch": trainer.best_epoch,
        "train_examples": len(split.train),
        "dev_examples": len(split.dev),
        "test_examples": len(split.test),
        **info,
    }
    trainer.write_metrics(final, {"settings": asdict(settings), "vectors": vectors_name})
    return final
