"""Vector files in the three formats, bad files, and the U[-a, a] initialisation."""

import math

import numpy as np
import pytest
import torch
from gensim.models import KeyedVectors

from seqboard.text.errors import VectorsError
from seqboard.text.vectors import detect_format, embedding_matrix, load_vectors, uniform_range
from seqboard.text.vocab import Vocabulary


@pytest.fixture
def keyed_vectors() -> KeyedVectors:
    vectors = KeyedVectors(vector_size=4)
    values = np.arange(12, dtype=np.float32).reshape(3, 4) / 10
    vectors.add_vectors(["good", "bad", "film"], values)
    return vectors


@pytest.mark.parametrize("file_format", ["word2vec-binary", "word2vec-text", "glove"])
def test_load_vectors_detects_each_format(tmp_path, keyed_vectors, file_format):
    path = tmp_path / "vectors"
    keyed_vectors.save_word2vec_format(str(path), binary=file_format == "word2vec-binary",
                                       write_header=file_format != "glove")
    assert detect_format(path) == file_format
    loaded = load_vectors(path)
    assert loaded.index_to_key == ["good", "bad", "film"]
    np.testing.assert_allclose(loaded["bad"], [0.4, 0.5, 0.6, 0.7], rtol=1e-6)


def test_load_vectors_real_glove(glove_vectors):
    vectors = glove_vectors
    assert (len(vectors), vectors.vector_size) == (31197, 50)
    # GloVe 6B 50-d's row for "the" begins 0.418 0.24968 -0.41242.
    np.testing.assert_allclose(vectors["the"][:3], [0.418, 0.24968, -0.41242], rtol=1e-6)


def test_load_vectors_wrong_format(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("these are not vectors\nat all\n", encoding="utf-8")
    with pytest.raises(VectorsError, match="notes.txt is not a word-vectors file"):
        load_vectors(path)


def test_load_vectors_inconsistent_dimension(tmp_path):
    path = tmp_path / "ragged.txt"
    path.write_text("good 0.1 0.2 0.3\nbad 0.4 0.5\n", encoding="utf-8")
    with pytest.raises(VectorsError, match="ragged.txt could not be read as glove"):
        load_vectors(path)


def test_load_vectors_missing_file(tmp_path):
    with pytest.raises(VectorsError, match="not found"):
        load_vectors(tmp_path / "absent.bin")


def test_embedding_matrix_dimension_mismatch(keyed_vectors):
    with pytest.raises(VectorsError, match="dimension 4, but the model expects 300"):
        embedding_matrix(Vocabulary(["good"]), 300, torch.Generator(), keyed_vectors)


def test_uniform_range_matches_variance():
    vectors = KeyedVectors(vector_size=50)
    rng = np.random.default_rng(0)
    vectors.add_vectors([f"w{i}" for i in range(2000)], rng.normal(0, 0.2, (2000, 50)).astype(np.float32))
    # U[-a, a] has variance a^2 / 3, so a = sqrt(3) * 0.2 for values of standard deviation 0.2.
    assert uniform_range(vectors) == pytest.approx(math.sqrt(3) * 0.2, rel=0.02)


def test_embedding_matrix_unknown_words_in_range(keyed_vectors):
    vocab = Vocabulary(["good", "film"] + [f"unseen{i}" for i in range(500)])
    matrix, found = embedding_matrix(vocab, 4, torch.Generator().manual_seed(0), keyed_vectors)
    a = math.sqrt(3 * np.var(keyed_vectors.vectors))
    unknown = matrix[4:]
    assert found == 2
    assert torch.equal(matrix[vocab.index["film"]], torch.tensor([0.8, 0.9, 1.0, 1.1]))
    assert unknown.abs().max() <= a
    # 2000 draws from U[-a, a] reach close to both ends.
    assert unknown.max() > 0.95 * a
    assert unknown.min() < -0.95 * a
    assert torch.count_nonzero(matrix[:2]) == 0


def test_embedding_matrix_rand_range():
    matrix, found = embedding_matrix(Vocabulary([f"w{i}" for i in range(300)]), 300, torch.Generator().manual_seed(0))
    assert found == 0
    assert matrix.abs().max() <= 0.25
    assert matrix[2:].abs().max() > 0.249


def test_load_vectors_header_dimension_mismatch(tmp_path):
    path = tmp_path / "header.txt"
    path.write_text("2 10\ngood 0.1 0.2 0.3 0.4\nbad 0.5 0.6 0.7 0.8\n", encoding="utf-8")
    with pytest.raises(VectorsError, match="header gives dimension 10, but line 2 contains 4 values"):
        load_vectors(path)


def test_embedding_matrix_falls_back_to_lower_case(keyed_vectors):
    vocab = Vocabulary(["Good", "FILM", "Bad"])
    matrix, found = embedding_matrix(vocab, 4, torch.Generator().manual_seed(0), keyed_vectors)
    assert found == 3
    assert torch.equal(matrix[vocab.index["Good"]], torch.tensor([0.0, 0.1, 0.2, 0.3]))
