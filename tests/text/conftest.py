"""Shared fixtures of the text tests: the hand-made samples and the shared data root."""

import os
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


def shared_root() -> Path:
    """Return the shared data root: $SEQBOARD_DATA, else ../shared/data from the repository root."""
    return Path(os.environ.get("SEQBOARD_DATA", "../shared/data"))


@pytest.fixture
def data_root() -> Path:
    root = shared_root()
    if not (root / "text").is_dir():
        pytest.skip(f"no text datasets under {root}/text: set SEQBOARD_DATA to the data root")
    return root


@pytest.fixture
def glove_path(data_root) -> Path:
    path = data_root / "vectors" / "glove.6B.50d.kimvocab.txt"
    if not path.is_file():
        pytest.skip(f"{path} not found")
    return path


@pytest.fixture(scope="session")
def glove_vectors():
    """The shared GloVe 6B 50-d vectors, loaded once for the whole session."""
    from seqboard.text.vectors import load_vectors

    path = shared_root() / "vectors" / "glove.6B.50d.kimvocab.txt"
    if not path.is_file():
        pytest.skip(f"{path} not found: set SEQBOARD_DATA to the data root")
    return load_vectors(path)


@pytest.fixture(scope="session")
def tiny_run(tmp_path_factory) -> Path:
    """A model trained for three epochs on the hand-made tiny files; returns its --out folder."""
    from seqboard.text.protocol import run_protocol
    from seqboard.text.training import RunSettings
    from seqboard.text.userdata import load_user_dataset

    out = tmp_path_factory.mktemp("tiny-run")
    dataset = load_user_dataset(DATA / "tiny_train.tsv", DATA / "tiny_test.tsv", DATA / "tiny_test.tsv")
    run_protocol(dataset, RunSettings(epochs=3, embedding_dim=16, quiet=True), out)
    return out


@pytest.fixture
def tiny_files() -> tuple[Path, Path]:
    return DATA / "tiny_train.tsv", DATA / "tiny_test.tsv"
