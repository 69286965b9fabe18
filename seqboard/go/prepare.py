"""`seqboard go prepare`: game records to packed training shards, split by game.

Steps:
1. read every SGF record of the given files, folders and archives, in a sorted order;
2. drop duplicates: the rows a manifest flags in `duplicate_of` (a `*manifest*.csv.gz`
   beside the archives, or `--manifest`) and byte-identical records;
3. shuffle the games with the seed and split them, by game and never by position, into
   test, validation and train;
4. cut each split into chunks of `games_per_shard` games and turn each chunk into one
   shard (see shards.py) in a pool of worker processes.

The plan of step 4 is saved first, and a chunk whose shard file exists is not redone, so
an interrupted run picks up where it stopped. Passes are not training targets, and games
with handicap stones are kept or dropped by option.
"""

import csv
import gzip
import hashlib
import json
import logging
import sys
from collections import Counter
from dataclasses import asdict, dataclass
from multiprocessing import get_context
from pathlib import Path

import numpy as np
from tqdm import tqdm

from seqboard.core.files import atomic_write_json
from seqboard.go.errors import GoError, SgfError
from seqboard.go.features import NUM_PLANES
from seqboard.go.replay import game_arrays
from seqboard.go.sgf import iter_sgf_files, read_game
from seqboard.go.shards import (
    PLAN_FILE,
    SPLITS,
    ShardEntry,
    ShardError,
    read_shard,
    shard_name,
    write_index,
    write_shard,
)

logger = logging.getLogger(__name__)

PLANES = NUM_PLANES
BOARD_SIZE = 19


@dataclass(frozen=True)
class PrepareOptions:
    """The options that decide which games land in which shard; saved in plan.json."""

    seed: int = 0
    validation_fraction: float = 0.02
    test_fraction: float = 0.02
    games_per_shard: int = 100
    max_games: int | None = None
    handicap: bool = True

    def __post_init__(self) -> None:
        fractions = self.validation_fraction + self.test_fraction
        if not (0 <= self.validation_fraction < 1 and 0 <= self.test_fraction < 1 and fractions < 1):
            raise GoError(
                f"invalid split fractions: validation {self.validation_fraction} and test {self.test_fraction}; "
                "expected each in [0, 1) with a sum below 1"
            )
        if self.games_per_shard < 1 or (self.max_games is not None and self.max_games < 1):
            raise GoError(f"invalid games_per_shard {self.games_per_shard} or max_games {self.max_games}: expected positive")


def read_manifest_duplicates(path: Path) -> set[tuple[str, str]]:
    """Return the (archive file name, path in archive) of every row flagged as a duplicate."""
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        return {(row["archive"], row["path"]) for row in csv.DictReader(handle) if row.get("duplicate_of")}


def find_manifest(inputs: list[Path]) -> Path | None:
    """Return the one `*manifest*.csv.gz` beside the inputs, or None."""
    folders = {path.parent if path.is_file() else path for path in inputs}
    found = sorted({m for folder in folders for m in folder.glob("*manifest*.csv.gz")})
    return found[0] if len(found) == 1 else None


def collect_games(inputs: list[Path], manifest: Path | None) -> tuple[list[tuple[str, bytes]], Counter]:
    """Read the records, drop duplicates and return (name, bytes) sorted by name, and the drop counts."""
    flagged = read_manifest_duplicates(manifest) if manifest else set()
    seen: set[bytes] = set()
    games, dropped = [], Counter()
    for record in iter_sgf_files(inputs):
        archive, _, member = record.name.rpartition(":")
        if record.error is not None:
            dropped[record.error.reason] += 1
        elif (Path(archive).name, member) in flagged:
            dropped["duplicate (manifest)"] += 1
        elif (digest := hashlib.sha1(record.data).digest()) in seen:
            dropped["duplicate (same bytes)"] += 1
        else:
            seen.add(digest)
            games.append((record.name, record.data))
    games.sort(key=lambda game: game[0])
    return games, dropped


def split_games(names: list[str], options: PrepareOptions) -> dict[str, list[str]]:
    """Shuffle game names with the seed and split them into test, validation and train."""
    order = np.random.default_rng(options.seed).permutation(len(names))
    shuffled = [names[i] for i in order][: options.max_games]
    test = round(len(shuffled) * options.test_fraction)
    validation = round(len(shuffled) * options.validation_fraction)
    return {
        "train": shuffled[test + validation :],
        "validation": shuffled[test : test + validation],
        "test": shuffled[:test],
    }


def make_plan(splits: dict[str, list[str]], options: PrepareOptions) -> dict:
    """Cut each split into chunks of games; chunk i of split s becomes shard `s-i`."""
    size = options.games_per_shard
    chunks = {
        split: [names[i : i + size] for i in range(0, len(names), size)] for split, names in splits.items()
    }
    return {"options": asdict(options), "planes": PLANES, "board_size": BOARD_SIZE, "chunks": chunks}


def load_or_save_plan(out: Path, plan: dict) -> dict:
    """Save the plan, or check that it equals the plan of an earlier, interrupted run."""
    path = out / PLAN_FILE
    if path.is_file():
        earlier = json.loads(path.read_text(encoding="utf-8"))
        if earlier != json.loads(json.dumps(plan)):
            raise GoError(
                f"{out} was prepared with other options or games ({path}); "
                "pass the same games and options to resume, or another --out folder"
            )
        return earlier
    atomic_write_json(path, plan)
    return plan


def prepare_chunk(task: tuple[str, Path, list[tuple[str, bytes]], bool]) -> tuple[str, int, int, Counter]:
    """Turn one chunk of games into one shard file; return (file, positions, games, skipped)."""
    file_name, out, records, handicap = task
    planes, moves, skipped, games = [], [], Counter(), 0
    for name, data in records:
        try:
            game = read_game(data, name)
            if not handicap and (game.handicap >= 2 or game.black_setup):
                skipped["handicap"] += 1
                continue
            game_planes, game_moves = game_arrays(game)
        except SgfError as error:
            skipped[error.reason] += 1
            continue
        except GoError:
            skipped["illegal position"] += 1
            continue
        planes.append(game_planes)
        moves.append(game_moves)
        games += 1

    empty = np.zeros((0, PLANES, BOARD_SIZE, BOARD_SIZE), np.uint8)
    all_planes = np.concatenate(planes) if planes else empty
    all_moves = np.concatenate(moves) if moves else np.zeros(0, np.int16)
    write_shard(out / file_name, all_planes, all_moves, games)
    return file_name, len(all_moves), games, skipped


def shard_summary(path: Path) -> ShardEntry:
    """Read the positions and games of a finished shard."""
    shard = read_shard(path)
    return ShardEntry(path.name, len(shard.moves), shard.games)


def prepare(inputs: list[Path], out: Path, options: PrepareOptions, workers: int, manifest: Path | None = None) -> dict:
    """Run the whole preparation; return a summary of positions and games per split."""
    manifest = manifest or find_manifest(inputs)
    if manifest is None:
        logger.warning("no manifest found beside the inputs: only byte-identical duplicates are dropped")
    games, dropped = collect_games(inputs, manifest)
    if not games:
        raise GoError(f"no SGF game records found in {', '.join(map(str, inputs))}")

    out.mkdir(parents=True, exist_ok=True)
    plan = load_or_save_plan(out, make_plan(split_games([name for name, _ in games], options), options))
    data = dict(games)
    tasks = [
        (shard_name(split, number), out, [(name, data[name]) for name in names], options.handicap)
        for split in SPLITS
        for number, names in enumerate(plan["chunks"][split])
        if not (out / shard_name(split, number)).is_file()
    ]
    skipped = _run_tasks(tasks, workers)

    splits = {
        split: [shard_summary(out / shard_name(split, n)) for n in range(len(plan["chunks"][split]))]
        for split in SPLITS
    }
    write_index(out, PLANES, BOARD_SIZE, splits, plan["options"])
    return {
        "games_read": len(games) + sum(dropped.values()),
        "dropped": dict(dropped),
        "skipped_this_run": dict(skipped),
        "shards_written_this_run": len(tasks),
        "splits": {s: {"games": sum(e.games for e in es), "positions": sum(e.positions for e in es)} for s, es in splits.items()},
    }


def _run_tasks(tasks: list, workers: int) -> Counter:
    """Run the chunk tasks in `workers` processes with a progress bar on stderr."""
    skipped: Counter = Counter()
    show_bar = sys.stderr.isatty()
    with tqdm(total=len(tasks), desc="shards", unit="shard", file=sys.stderr, disable=not show_bar) as bar:
        if workers <= 1:
            results = map(prepare_chunk, tasks)
            for _, _, _, counts in results:
                skipped.update(counts)
                bar.update()
            return skipped
        with get_context("fork").Pool(workers) as pool:
            for _, _, _, counts in pool.imap_unordered(prepare_chunk, tasks):
                skipped.update(counts)
                bar.update()
    return skipped
