"""Replaying games: positions move by move, training pairs, and batches over many files.

- `replay(game)` yields the board before each move of a GoGame, with the move.
- `training_pairs(game)` yields (planes, move index) for every non-pass move, the
  policy network's input and target (planes of shape (48, 19, 19), index `row * 19 + col`).
- `game_arrays(game)` returns the same pairs of one game stacked into two arrays.
- `replay_files(paths)` replays every record found in files, folders and archives, skips
  bad ones and counts them by reason, for `seqboard go replay`.
"""

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from seqboard.go.board import Board
from seqboard.go.coords import BLACK, COLOUR_NAMES, WHITE, Point, to_gtp, to_index
from seqboard.go.errors import GoError, IllegalMoveError, SgfError
from seqboard.go.features import NUM_PLANES, extract_features
from seqboard.go.sgf import MAX_SGF_BYTES, GoGame, iter_sgf_files, read_sgf_file

NETWORK_SIZE = 19


def start_board(game: GoGame) -> Board:
    """Return the board of `game` before its first move: setup stones placed, right player
    to move (PL, else the first move's colour, else White after handicap stones)."""
    board = Board(game.size)
    try:
        board.setup(game.black_setup, game.white_setup)
    except GoError as error:
        raise SgfError(f"{game.name}: {str(error).splitlines()[0]}", "invalid setup") from None

    if game.first_player is not None:
        board.to_play = game.first_player
    elif game.moves:
        board.to_play = game.moves[0][0]
    elif game.black_setup and not game.white_setup:
        board.to_play = WHITE
    else:
        board.to_play = BLACK
    return board


def replay(game: GoGame) -> Iterator[tuple[Board, int, Point | None]]:
    """Yield `(board, colour, point)` before each move, then play it on the same board.

    `board.to_play` is set to the colour of the move, so features are computed for the
    player who moved. Raises SgfError naming the file and the move number on an illegal move.
    """
    board = start_board(game)
    for number, (colour, point) in enumerate(game.moves, start=1):
        board.to_play = colour
        yield board, colour, point
        try:
            board.play(point, colour)
        except IllegalMoveError as error:
            raise SgfError(
                f"{game.name}: move {number}: illegal move {COLOUR_NAMES[colour]} "
                f"{to_gtp(point, game.size)} ({error.reason})",
                "illegal move",
                number,
            ) from None


def board_at(game: GoGame, moves: int) -> Board:
    """Return the board after the first `moves` moves of `game`, with the next player to move."""
    if not 0 <= moves <= len(game.moves):
        raise GoError(
            f"{game.name}: invalid move number {moves}: the game has {len(game.moves)} moves, "
            f"so expected 0 to {len(game.moves)}"
        )

    # replay() yields the board before each move and plays it on resuming, so after the
    # loop ends the same board object contains the final position.
    board = None
    for number, (board, _, _) in enumerate(replay(game)):
        if number == moves:
            return board
    return board if board is not None else start_board(game)


def check_network_size(game: GoGame, size: int = NETWORK_SIZE) -> None:
    """Raise SgfError when `game` is not played on the `size` x `size` board of the network."""
    if game.size != size:
        raise SgfError(
            f"{game.name}: board size {game.size}x{game.size}, but the policy network reads "
            f"{size}x{size} positions: leave this file out of the training set",
            "wrong board size",
        )


def training_pairs(game: GoGame, size: int = NETWORK_SIZE) -> Iterator[tuple[np.ndarray, int]]:
    """Yield `(planes, move_index)` for every non-pass move of `game`.

    planes: (NUM_PLANES, size, size) uint8 for the player who moved; move_index:
    `row * size + col` with row 0 the top row (coords.to_index).
    """
    check_network_size(game, size)
    for board, _, point in replay(game):
        if point is not None:
            yield extract_features(board), to_index(point, size)


def game_arrays(game: GoGame, size: int = NETWORK_SIZE) -> tuple[np.ndarray, np.ndarray]:
    """Return every training pair of `game` stacked: planes (N, NUM_PLANES, size, size)
    uint8 and move indices (N,) int64, N the number of non-pass moves."""
    check_network_size(game, size)
    count = sum(point is not None for _, point in game.moves)
    planes = np.zeros((count, NUM_PLANES, size, size), dtype=np.uint8)
    moves = np.empty(count, dtype=np.int64)

    row = 0
    for board, _, point in replay(game):
        if point is None:
            continue
        extract_features(board, out=planes[row])
        moves[row] = to_index(point, size)
        row += 1
    return planes, moves


@dataclass
class ReplaySummary:
    """Counts of one batch replay: games read and skipped, positions and time taken."""

    games_read: int = 0
    skipped: Counter = field(default_factory=Counter)
    positions: int = 0
    seconds: float = 0.0
    features: bool = False

    @property
    def games_skipped(self) -> int:
        return sum(self.skipped.values())

    @property
    def positions_per_second(self) -> float:
        return self.positions / self.seconds if self.seconds > 0 else 0.0

    def as_dict(self) -> dict:
        return {
            "games_read": self.games_read,
            "games_replayed": self.games_read - self.games_skipped,
            "games_skipped": self.games_skipped,
            "skipped_by_reason": dict(sorted(self.skipped.items())),
            "positions": self.positions,
            "seconds": round(self.seconds, 3),
            "positions_per_second": round(self.positions_per_second, 1),
            "features": self.features,
        }


def replay_files(
    paths: Iterable[str | Path],
    features: bool = False,
    max_bytes: int = MAX_SGF_BYTES,
    on_error: Callable[[SgfError], None] | None = None,
) -> ReplaySummary:
    """Replay every game found in `paths`, with the 48 planes of each position if `features`.

    A bad game is counted under its reason, passed to `on_error`, and skipped; the batch
    goes on. Positions count the boards before each move, passes included.
    """
    summary = ReplaySummary(features=features)
    started = time.perf_counter()
    for record in iter_sgf_files(paths, max_bytes):
        summary.games_read += 1
        try:
            summary.positions += _replay_one(read_sgf_file(record, max_bytes), features)
        except SgfError as error:
            summary.skipped[error.reason] += 1
            if on_error is not None:
                on_error(error)
    summary.seconds = time.perf_counter() - started
    return summary


def _replay_one(game: GoGame, features: bool) -> int:
    """Replay one game and return its number of positions."""
    out = np.zeros((NUM_PLANES, game.size, game.size), dtype=np.uint8) if features else None
    positions = 0
    for board, _, _ in replay(game):
        if out is not None:
            out[:] = 0
            extract_features(board, out=out)
        positions += 1
    return positions
