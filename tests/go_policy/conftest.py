"""Fixtures of the policy-network tests: small synthetic shard folders and the KGS archives."""

import os
from pathlib import Path

import numpy as np
import pytest

from seqboard.go.shards import ShardEntry, shard_name, write_index, write_shard

PLANES = 48
SIZE = 19


def kgs_folder() -> Path:
    return Path(os.environ.get("SEQBOARD_DATA", "../shared/data")) / "go"


def synthetic_positions(rng: np.random.Generator, count: int) -> tuple[np.ndarray, np.ndarray]:
    """Return random binary planes whose move is the one point set in plane 0."""
    planes = (rng.random((count, PLANES, SIZE, SIZE)) < 0.1).astype(np.uint8)
    moves = rng.integers(0, SIZE * SIZE, count)
    planes[:, 0] = 0
    planes[np.arange(count), 0, moves // SIZE, moves % SIZE] = 1
    return planes, moves.astype(np.int16)


def make_synthetic_folder(folder: Path, shards: dict[str, list[int]], seed: int = 0) -> Path:
    """Write shards of the given sizes per split and their index; return the folder."""
    rng = np.random.default_rng(seed)
    splits = {}
    for split, sizes in shards.items():
        splits[split] = []
        for number, count in enumerate(sizes):
            planes, moves = synthetic_positions(rng, count)
            write_shard(folder / shard_name(split, number), planes, moves, games=1)
            splits[split].append(ShardEntry(shard_name(split, number), count, 1))
    write_index(folder, PLANES, SIZE, splits, {"synthetic": True})
    return folder


@pytest.fixture
def make_positions():
    """Return `synthetic_positions`, for tests that build their own arrays."""
    return synthetic_positions


@pytest.fixture
def synthetic_folder(tmp_path) -> Path:
    return make_synthetic_folder(
        tmp_path / "prepared", {"train": [100, 60, 80, 40], "validation": [50], "test": [30]}
    )


@pytest.fixture
def kgs_archives() -> list[Path]:
    archives = sorted(kgs_folder().glob("*.tar.xz"))
    if not archives:
        pytest.skip(f"no KGS archives under {kgs_folder()}: set SEQBOARD_DATA to the data root")
    return archives
