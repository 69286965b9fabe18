"""Errors of the Go subsystem.

`GoError` is the base of every error a user's board, move or game record can cause. The
command line prints its message on one line, so each message names the value received,
what was expected and, where it helps, what to do.
"""

from seqboard.core.errors import SeqboardError


class GoError(SeqboardError):
    """An error of the Go subsystem caused by a board, a move or a game record."""


class CoordinateError(GoError, ValueError):
    """A coordinate or board size that does not fit the board."""


class IllegalMoveError(GoError):
    """A move that the rules forbid: onto an occupied point, suicide or a simple-ko retake.

    `reason` is one of "occupied", "suicide" and "ko".
    """

    def __init__(self, message: str, reason: str):
        super().__init__(message)
        self.reason = reason


class SgfError(GoError):
    """A game record that cannot be read or replayed.

    `reason` is a short category used to count skipped games in a batch, such as
    "not SGF", "illegal move" or "too large". `move_number` is the 1-based number of the
    move at fault, or None when the fault is not in a move.
    """

    def __init__(self, message: str, reason: str, move_number: int | None = None):
        super().__init__(message)
        self.reason = reason
        self.move_number = move_number
