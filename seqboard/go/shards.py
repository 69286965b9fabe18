"""The shard format of prepared training examples.

A prepared folder contains
- `plan.json`: the options and seed of `seqboard go prepare` and, per split, the list of
  chunks of games (archive and path of each game) that become one shard each;
- one shard file per chunk, `<split>-<chunk:05d>.npz` (uncompressed numpy archive) with
  `planes`, (n, ceil(C * S * S / 8)) uint8: the C binary feature planes of each position
  flattened as (C, S, S) and packed to bits by `numpy.packbits` (big-endian bit order);
  `moves`, (n,) int16: the move played, as the index `row * S + col`;
- `index.json`, written last: the positions and games of every shard, per split.

Every file is written atomically (a temporary file, then a rename), so a shard file that
exists is complete, and an interrupted `prepare` redoes only the missing chunks.
"""

import io
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from seqboard.core.files import atomic_write_bytes, atomic_write_json
from seqboard.go.errors import GoError

FORMAT = "seqboard-go-shards"
VERSION = 1
PLAN_FILE = "plan.json"
INDEX_FILE = "index.json"
SPLITS = ("train", "validation", "test")


class ShardError(GoError):
    """A prepared folder or shard file that is missing, incomplete or of another format."""


def shard_name(split: str, chunk: int) -> str:
    return f"{split}-{chunk:05d}.npz"


def packed_width(planes: int, size: int) -> int:
    """Return the bytes of one packed position: C * S * S bits rounded up to whole bytes."""
    return (planes * size * size + 7) // 8


def pack_planes(planes: np.ndarray) -> np.ndarray:
    """Pack (n, C, S, S) binary uint8 planes to (n, ceil(C * S * S / 8)) uint8."""
    if planes.dtype != np.uint8 or planes.ndim != 4:
        raise ShardError(f"invalid planes: expected a (n, C, S, S) uint8 array, received {planes.dtype} {planes.shape}")
    assert planes.max(initial=0) <= 1, "feature planes must be binary to pack them to bits"
    flat = planes.reshape(len(planes), -1)  # (n, C * S * S)
    return np.packbits(flat, axis=1)


def unpack_planes(packed: np.ndarray, planes: int, size: int) -> np.ndarray:
    """Unpack (n, ceil(C * S * S / 8)) uint8 rows back to (n, C, S, S) uint8 planes."""
    flat = np.unpackbits(packed, axis=1, count=planes * size * size)  # (n, C * S * S)
    return flat.reshape(len(packed), planes, size, size)


def write_shard(path: str | os.PathLike, planes: np.ndarray, moves: np.ndarray, games: int) -> None:
    """Pack and write one shard atomically; `games` is the number of games it came from."""
    if len(planes) != len(moves):
        raise ShardError(f"a shard needs one move per position: received {len(planes)} positions and {len(moves)} moves")
    buffer = io.BytesIO()
    np.savez(
        buffer,
        planes=pack_planes(planes),
        moves=np.asarray(moves, dtype=np.int16),
        shape=np.asarray(planes.shape[1:], dtype=np.int64),
        games=np.asarray(games, dtype=np.int64),
    )
    atomic_write_bytes(path, buffer.getvalue())


@dataclass
class Shard:
    """One shard, loaded: packed planes, moves, the (C, S, S) plane shape and the game count."""

    packed: np.ndarray
    moves: np.ndarray
    plane_shape: tuple[int, int, int]
    games: int

    def planes(self, rows: np.ndarray | slice = slice(None)) -> np.ndarray:
        """Unpack the planes of the given rows to (n, C, S, S) uint8."""
        channels, size, _ = self.plane_shape
        return unpack_planes(self.packed[rows], channels, size)


def read_shard(path: str | os.PathLike) -> Shard:
    """Load one shard file; raise ShardError when it is missing or not a shard."""
    try:
        with np.load(path) as archive:
            packed, moves = archive["planes"], archive["moves"]
            shape = tuple(int(v) for v in archive["shape"])
            games = int(archive["games"])
    except FileNotFoundError:
        raise ShardError(f"shard {path} not found; run `seqboard go prepare` again to finish the folder") from None
    except (OSError, KeyError, ValueError) as error:
        raise ShardError(f"{path} is not a valid shard ({error}); delete it and run `seqboard go prepare` again") from None
    if len(packed) != len(moves) or packed.shape[1] != packed_width(shape[0], shape[1]):
        raise ShardError(f"shard {path} is inconsistent: {packed.shape} packed rows for {len(moves)} moves of planes {shape}")
    return Shard(packed, moves, shape, games)


@dataclass(frozen=True)
class ShardEntry:
    """A shard of the index: its file name, positions and games."""

    file: str
    positions: int
    games: int


@dataclass
class ShardIndex:
    """The index of a prepared folder: plane shape and the shards of each split."""

    folder: Path
    planes: int
    board_size: int
    splits: dict[str, list[ShardEntry]]
    options: dict[str, Any]

    def positions(self, split: str) -> int:
        return sum(entry.positions for entry in self.entries(split))

    def entries(self, split: str) -> list[ShardEntry]:
        if split not in self.splits:
            raise ShardError(f"split {split!r} not found in {self.folder / INDEX_FILE}: expected one of {sorted(self.splits)}")
        return self.splits[split]

    def path(self, entry: ShardEntry) -> Path:
        return self.folder / entry.file


def write_index(folder: Path, planes: int, board_size: int, splits: dict[str, list[ShardEntry]], options: dict) -> None:
    atomic_write_json(
        folder / INDEX_FILE,
        {
            "format": FORMAT,
            "version": VERSION,
            "planes": planes,
            "board_size": board_size,
            "options": options,
            "splits": {name: [vars(entry) for entry in entries] for name, entries in splits.items()},
        },
    )


def read_index(folder: str | os.PathLike) -> ShardIndex:
    """Load `index.json` of a prepared folder; raise ShardError when it is missing or invalid."""
    folder = Path(folder)
    path = folder / INDEX_FILE
    if not path.is_file():
        raise ShardError(
            f"{path} not found: {folder} is not a finished prepared folder; "
            "run `seqboard go prepare GAMES --out FOLDER` (again, if it was interrupted)"
        )
    try:
        header = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ShardError(f"{path} is not valid JSON ({error}); run `seqboard go prepare` again") from None
    if not isinstance(header, dict) or header.get("format") != FORMAT or header.get("version") != VERSION:
        raise ShardError(f"{path} is not a shard index of format {FORMAT!r} version {VERSION}")

    splits = {name: [ShardEntry(**row) for row in rows] for name, rows in header["splits"].items()}
    return ShardIndex(folder, header["planes"], header["board_size"], splits, header.get("options", {}))
