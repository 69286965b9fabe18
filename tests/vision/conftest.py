"""Shared fixtures of the vision tests: the real MNIST folder."""

import os
from pathlib import Path

import pytest


def data_root() -> Path:
    return Path(os.environ.get("SEQBOARD_DATA", "../shared/data"))


@pytest.fixture
def mnist_root() -> Path:
    """The data root that holds images/mnist/, or a skip naming where it was looked for."""
    root = data_root()
    if not (root / "images" / "mnist" / "train-images-idx3-ubyte.gz").is_file():
        pytest.skip(f"no MNIST under {root / 'images' / 'mnist'}: set SEQBOARD_DATA to the data root")
    return root
