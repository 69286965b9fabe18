"""Pretrained word vectors: loading through gensim and the embedding matrix they give.

Three file formats are read with gensim's `KeyedVectors.load_word2vec_format`:
- "word2vec-binary": a text header `<words> <dim>`, then per word its text and `dim`
  float32 values in binary (GoogleNews-vectors-negative300.bin, `seqboard text embed`);
- "word2vec-text": the same header, then `word v1 ... vdim` per line;
- "glove": `word v1 ... vdim` per line with no header (GloVe's .txt files).
"auto" detects the format from the first two lines.

Words of the vocabulary that have no vector are drawn from U[-a, a]. The variance of
U[-a, a] is a^2 / 3, so a = sqrt(3 * var) matches the variance of the pretrained
values; Kim (2014) used a = 0.25 for word2vec. Padding and unknown rows stay zero.
"""

import math
from pathlib import Path

import numpy as np
import torch
from gensim.models import KeyedVectors

from seqboard.text.errors import VectorsError
from seqboard.text.vocab import Vocabulary

FORMATS = ("auto", "word2vec-binary", "word2vec-text", "glove")

# Kim's range for random vectors in CNN-rand: U[-0.25, 0.25].
RAND_RANGE = 0.25


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def detect_format(path: Path) -> str:
    """Return "word2vec-binary", "word2vec-text" or "glove" from the file's first two lines."""
    with open(path, "rb") as handle:
        first = handle.readline(1 << 16)
        second = handle.readline(1 << 16)

    first_fields = first.split()
    if len(first_fields) == 2 and all(f.isdigit() for f in first_fields):
        # Header line: a text body's second line is a word and exactly `dim` numbers.
        dim = int(first_fields[1])
        try:
            fields = second.decode("utf-8").split()
        except UnicodeDecodeError:
            return "word2vec-binary"
        if len(fields) < 2 or not all(_is_number(f) for f in fields[1:]):
            return "word2vec-binary"
        if len(fields) != dim + 1:
            raise VectorsError(
                f"{path}: the header gives dimension {dim}, but line 2 contains {len(fields) - 1} values; "
                "fix the header or the rows"
            )
        return "word2vec-text"

    try:
        fields = first.decode("utf-8").split()
    except UnicodeDecodeError:
        fields = []
    if len(fields) >= 2 and all(_is_number(f) for f in fields[1:]):
        return "glove"
    raise VectorsError(
        f"{path} is not a word-vectors file: its first line {first[:60]!r} is neither a "
        "'<words> <dim>' header nor 'word v1 v2 ...'; pass a word2vec (.bin or .txt) or GloVe .txt file"
    )


def load_vectors(path: str | Path, file_format: str = "auto") -> KeyedVectors:
    """Load word vectors in `file_format` (see FORMATS); raise VectorsError naming the file on failure."""
    path = Path(path)
    if not path.is_file():
        raise VectorsError(f"vectors file {path} not found; pass --vectors PATH to a word2vec or GloVe file")
    if file_format not in FORMATS:
        raise VectorsError(f"unknown vectors format {file_format!r}; expected one of {', '.join(FORMATS)}")
    if file_format == "auto":
        file_format = detect_format(path)

    try:
        return KeyedVectors.load_word2vec_format(
            str(path), binary=file_format == "word2vec-binary", no_header=file_format == "glove", unicode_errors="replace"
        )
    except (ValueError, EOFError, UnicodeDecodeError, IndexError) as error:
        raise VectorsError(
            f"{path} could not be read as {file_format} vectors ({error}); check that every row has "
            "the same dimension and pass --vectors-format if the format was detected wrongly"
        ) from None


def uniform_range(vectors: KeyedVectors) -> float:
    """Return a such that U[-a, a] has the variance of the pretrained values: sqrt(3 * var)."""
    return math.sqrt(3.0 * float(np.var(vectors.vectors)))


def embedding_matrix(
    vocab: Vocabulary, dim: int, generator: torch.Generator, vectors: KeyedVectors | None = None
) -> tuple[torch.Tensor, int]:
    """Return the (len(vocab), dim) initial embedding matrix and how many words had a vector.

    With `vectors`, known words take their pretrained vector (their lower-cased form's when
    only that is present) and the rest U[-a, a] with a from `uniform_range`; without, every word is U[-0.25, 0.25]. Rows 0 and 1 are zero.
    """
    if vectors is not None and vectors.vector_size != dim:
        raise VectorsError(f"the vectors have dimension {vectors.vector_size}, but the model expects {dim}; "
                           "leave --embedding-dim unset to take the vectors' dimension")
    a = uniform_range(vectors) if vectors is not None else RAND_RANGE
    matrix = (torch.rand(len(vocab), dim, generator=generator) * 2 - 1) * a  # (V, E)

    found = 0
    if vectors is not None:
        for index, token in enumerate(vocab.tokens[2:], start=2):
            # Lower-case-only vectors (GloVe) still cover the capitals that TREC keeps.
            key = token if token in vectors.key_to_index else token.lower()
            if key in vectors.key_to_index:
                matrix[index] = torch.from_numpy(vectors[key].copy())
                found += 1
    matrix[:2] = 0.0
    return matrix, found
