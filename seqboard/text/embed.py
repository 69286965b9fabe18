"""Training word2vec vectors with gensim for when no good pretrained vectors are at hand.

The corpus is plain text, one document per line, optionally compressed (.xz, .gz, .bz2).
Lines are split on "\\n" only (U+0085 inside a line is not a break) and tokenised by
Kim's lower-cased rules, so the vectors' words match the tokens the classifier sees.
Training is skip-gram with negative sampling, the method of the GoogleNews vectors
that Kim used. The vectors are written in word2vec binary format, which
`seqboard.text.vectors.load_vectors` and gensim's `load_word2vec_format` read back.
"""

import bz2
import gzip
import lzma
import os
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from gensim.models import Word2Vec

from seqboard.text.errors import TextError
from seqboard.text.tokenize import clean_str

_OPENERS = {".xz": lzma.open, ".gz": gzip.open, ".bz2": bz2.open}


class CorpusSentences:
    """Re-iterable token lists of a corpus file, as gensim needs for its several passes."""

    def __init__(self, path: str | Path, max_lines: int | None = None, every: int = 1) -> None:
        self.path = Path(path)
        self.max_lines = max_lines
        self.every = every
        if not self.path.is_file():
            raise TextError(f"corpus file {self.path} not found; pass --corpus PATH to a text file, one document per line")

    def __iter__(self) -> Iterator[list[str]]:
        opener = _OPENERS.get(self.path.suffix, open)
        with opener(self.path, "rt", encoding="utf-8", errors="replace", newline="\n") as handle:
            # Every `every`-th line, then at most `max_lines` of those.
            for line in islice(islice(handle, 0, None, self.every), self.max_lines):
                tokens = clean_str(line)
                if tokens:
                    yield tokens


@dataclass(frozen=True)
class EmbedSettings:
    """word2vec settings; the defaults follow the GoogleNews vectors (skip-gram, 300-d, window 5)."""

    dim: int = 300
    window: int = 5
    min_count: int = 5
    epochs: int = 5
    negative: int = 5
    workers: int = 1
    seed: int = 0
    max_lines: int | None = None
    every: int = 1


def train_word2vec(corpus: str | Path, out: str | Path, settings: EmbedSettings = EmbedSettings()) -> dict:
    """Train skip-gram word2vec on `corpus`, write the vectors to `out`; return a summary."""
    if settings.dim < 1:
        raise TextError(f"--dim must be a positive number of dimensions, got {settings.dim}")
    if settings.every < 1:
        raise TextError(f"--every must be at least 1, got {settings.every}")
    sentences = CorpusSentences(corpus, settings.max_lines, settings.every)
    model = Word2Vec(
        vector_size=settings.dim,
        window=settings.window,
        min_count=settings.min_count,
        sg=1,
        negative=settings.negative,
        workers=settings.workers,
        seed=settings.seed,
    )

    # Check the vocabulary before training: gensim raises a bare RuntimeError on an empty one.
    model.build_vocab(sentences)
    if len(model.wv) == 0:
        raise TextError(f"{corpus} gave no word seen {settings.min_count} times; lower --min-count or pass a larger corpus")
    model.train(sentences, total_examples=model.corpus_count, epochs=settings.epochs)

    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    model.wv.save_word2vec_format(str(partial), binary=True)
    os.replace(partial, out)
    return {"words": len(model.wv), "dim": settings.dim, "corpus_words": model.corpus_total_words, "out": str(out)}
