"""Shared fixtures of the Go tests: the hand-made SGF folder and the shared KGS data."""

import os
from pathlib import Path

import pytest

from seqboard.go.board import Board
from seqboard.go.coords import from_gtp

DATA = Path(__file__).parent / "data"


def kgs_folder() -> Path:
    """Return the folder of the shared KGS archives ($SEQBOARD_DATA/go, else ../shared/data/go)."""
    return Path(os.environ.get("SEQBOARD_DATA", "../shared/data")) / "go"


@pytest.fixture
def sgf_data() -> Path:
    return DATA


@pytest.fixture
def kgs_archives() -> list[Path]:
    archives = sorted(kgs_folder().glob("*.tar.xz"))
    if not archives:
        pytest.skip(f"no KGS archives under {kgs_folder()}: set SEQBOARD_DATA to the data root")
    return archives


def at(board: Board, gtp: str):
    """Return the (row, col) point of a GTP vertex on `board`."""
    return from_gtp(gtp, board.size)


def plane_at(planes, family_name: str, board: Board, gtp: str):
    """Return the index, within its family, of the plane set at `gtp`, or None if none is.

    `planes` is the (NUM_PLANES, size, size) output of extract_features.
    """
    from seqboard.go.features import family_planes

    row, col = at(board, gtp)
    hits = [k for k, plane in enumerate(family_planes(planes, family_name)) if plane[row, col]]
    assert len(hits) <= 1, f"{family_name} sets {len(hits)} planes at {gtp}"
    return hits[0] if hits else None
