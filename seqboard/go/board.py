"""The Go board: stones, chains, liberties, captures, suicide, simple ko and passes.

Representation
--------------
A board of `size` x `size` is stored in flat numpy arrays over a padded grid of
`width = size + 2` columns and rows: the extra ring of `OFF_BOARD` points lets every point
look at its four neighbours `p - 1, p + 1, p - width, p + width` without bounds checks. The
point `(row, col)` of coords.py lives at the padded index `(row + 1) * width + col + 1`.

Per padded point:

- `colour` (int8): EMPTY, BLACK, WHITE or OFF_BOARD.
- `chain` (int32): the root point of the chain the stone belongs to, or -1 where no stone is.
- `next_stone` (int32): the next stone of the same chain, a circular linked list, so a chain
  is walked without a flood fill.
- `placed_at` (int32): the number of moves (passes included) played before this stone was
  placed; setup stones get `SETUP_MOVE`, far in the past.

Per chain, indexed by its root point:

- `chain_size` (int32): the number of stones.
- `liberties` (uint64, shape (width * width, words)): a bitset over padded points with one
  bit per liberty, so liberties are counted exactly (a point shared by two sides counts once)
  and merging chains is a bitwise OR.

`Board.play` updates these arrays in place with the numba kernels below: only the played
point, its neighbours' chains and captured chains are touched, never the whole board.
"""

import numpy as np
from numba import njit

from seqboard.go.coords import (
    BLACK,
    COLOUR_NAMES,
    EMPTY,
    GTP_COLUMNS,
    WHITE,
    Point,
    check_size,
    on_board,
    opponent,
    to_gtp,
)
from seqboard.go.errors import CoordinateError, GoError, IllegalMoveError

OFF_BOARD = 3
SETUP_MOVE = -(1 << 20)

# Reason codes returned by `legality_code`, and their names in errors.
LEGAL = 0
OCCUPIED = 1
SUICIDE = 2
KO = 3
REASONS = {OCCUPIED: "occupied", SUICIDE: "suicide", KO: "ko"}

_STONE_CHARS = {EMPTY: ".", BLACK: "X", WHITE: "O"}

# uint64 constants for the bit tricks: numba turns a mix of uint64 and int64 into float64.
_ONE = np.uint64(1)
_M1 = np.uint64(0x5555555555555555)
_M2 = np.uint64(0x3333333333333333)
_M4 = np.uint64(0x0F0F0F0F0F0F0F0F)
_H01 = np.uint64(0x0101010101010101)


@njit(cache=True)
def popcount(bits):
    """Count the set bits of a 1-D uint64 array (the SWAR popcount)."""
    total = 0
    for word in range(bits.shape[0]):
        x = bits[word]
        x = x - ((x >> _ONE) & _M1)
        x = (x & _M2) + ((x >> np.uint64(2)) & _M2)
        x = (x + (x >> np.uint64(4))) & _M4
        total += int((x * _H01) >> np.uint64(56))
    return total


@njit(cache=True)
def set_bit(bits, p):
    bits[p >> 6] |= _ONE << np.uint64(p & 63)


@njit(cache=True)
def clear_bit(bits, p):
    bits[p >> 6] &= ~(_ONE << np.uint64(p & 63))


@njit(cache=True)
def legality_code(colour, chain, liberties, width, p, c, ko):
    """Return LEGAL, OCCUPIED, SUICIDE or KO for colour `c` playing at padded point `p`."""
    if colour[p] != EMPTY:
        return OCCUPIED
    if p == ko:
        return KO

    # Legal when a neighbour is empty, an own neighbour chain keeps a second liberty,
    # or an opponent neighbour chain loses its last liberty (a capture).
    for n in (p - 1, p + 1, p - width, p + width):
        value = colour[n]
        if value == EMPTY:
            return LEGAL
        if value == OFF_BOARD:
            continue
        count = popcount(liberties[chain[n]])
        if value == c and count >= 2:
            return LEGAL
        if value != c and count == 1:
            return LEGAL
    return SUICIDE


@njit(cache=True)
def _merge(chain, next_stone, chain_size, liberties, a, b):
    """Merge chains rooted at `a` and `b`; the smaller is relabelled. Return the new root."""
    if chain_size[a] < chain_size[b]:
        a, b = b, a
    s = b
    while True:
        chain[s] = a
        s = next_stone[s]
        if s == b:
            break

    # Splice the two circular lists into one.
    after_a = next_stone[a]
    next_stone[a] = next_stone[b]
    next_stone[b] = after_a
    chain_size[a] += chain_size[b]
    for word in range(liberties.shape[1]):
        liberties[a, word] |= liberties[b, word]
    return a


@njit(cache=True)
def _remove_chain(colour, chain, next_stone, liberties, width, root):
    """Take the chain at `root` off the board and give its points back as liberties."""
    capturer = 3 - colour[root]
    s = root
    while True:
        colour[s] = EMPTY
        s = next_stone[s]
        if s == root:
            break

    # Each emptied point becomes a liberty of every capturer chain next to it.
    s = root
    while True:
        for n in (s - 1, s + 1, s - width, s + width):
            if colour[n] == capturer:
                set_bit(liberties[chain[n]], s)
        following = next_stone[s]
        chain[s] = -1
        s = following
        if s == root:
            break


@njit(cache=True)
def play_stone(colour, chain, next_stone, chain_size, liberties, placed_at, width, p, c, moves):
    """Place a legal stone of colour `c` at `p`, capture, and return the new ko point or -1."""
    colour[p] = c
    chain[p] = p
    next_stone[p] = p
    chain_size[p] = 1
    placed_at[p] = moves
    liberties[p, :] = 0

    # The new stone's liberties, and `p` is no longer a liberty of its neighbours.
    for n in (p - 1, p + 1, p - width, p + width):
        if colour[n] == EMPTY:
            set_bit(liberties[p], n)
        elif colour[n] != OFF_BOARD:
            clear_bit(liberties[chain[n]], p)

    root = p
    for n in (p - 1, p + 1, p - width, p + width):
        if colour[n] == c and chain[n] != root:
            root = _merge(chain, next_stone, chain_size, liberties, root, chain[n])

    captured = 0
    last_captured = -1
    for n in (p - 1, p + 1, p - width, p + width):
        if colour[n] == 3 - c and popcount(liberties[chain[n]]) == 0:
            captured += chain_size[chain[n]]
            last_captured = n
            _remove_chain(colour, chain, next_stone, liberties, width, chain[n])

    # Simple ko: one stone captured one stone and now has that point as its only liberty.
    if captured == 1 and chain_size[root] == 1 and popcount(liberties[root]) == 1:
        return last_captured
    return -1


@njit(cache=True)
def rebuild_chains(colour, chain, next_stone, chain_size, liberties, width):
    """Build chains and liberties from `colour` alone; return the root of a chain without
    liberties, or -1 when every chain has one."""
    chain[:] = -1
    liberties[:, :] = 0
    for p in range(colour.shape[0]):
        c = colour[p]
        if c != BLACK and c != WHITE:
            continue
        chain[p] = p
        next_stone[p] = p
        chain_size[p] = 1
        root = p
        for n in (p - 1, p + 1, p - width, p + width):
            if 0 <= n < colour.shape[0] and colour[n] == EMPTY:
                set_bit(liberties[root], n)
        for n in (p - 1, p - width):
            if 0 <= n and colour[n] == c and chain[n] != root:
                root = _merge(chain, next_stone, chain_size, liberties, root, chain[n])

    for p in range(colour.shape[0]):
        if chain[p] == p and popcount(liberties[p]) == 0:
            return p
    return -1


class Board:
    """A Go position: stones, chains and liberties, the player to move, ko and history.

    `size` is the board's side, from 2 to 25. `to_play` is BLACK or WHITE. `ko` is the point
    that the player to move may not take back (simple ko), or None. `history` lists every
    move as `(colour, point)`, with None for a pass. `moves_played` counts those moves.
    """

    def __init__(self, size: int = 19):
        self.size = check_size(size)
        self.width = size + 2
        points = self.width * self.width
        words = (points + 63) // 64

        self.colour = np.full(points, OFF_BOARD, dtype=np.int8)
        self.colour.reshape(self.width, self.width)[1:-1, 1:-1] = EMPTY  # (W, W) view
        self.chain = np.full(points, -1, dtype=np.int32)
        self.next_stone = np.zeros(points, dtype=np.int32)
        self.chain_size = np.zeros(points, dtype=np.int32)
        self.liberties = np.zeros((points, words), dtype=np.uint64)
        self.placed_at = np.full(points, SETUP_MOVE, dtype=np.int32)

        self.to_play = BLACK
        self.ko_index = -1
        self.history: list[tuple[int, Point | None]] = []
        self.consecutive_passes = 0

    # -- conversions --------------------------------------------------------------------

    def index(self, point: Point) -> int:
        """Return the padded index of an on-board point `(row, col)`."""
        if not on_board(point, self.size):
            raise CoordinateError(
                f"point {point!r} is off the {self.size}x{self.size} board: rows and "
                f"columns run from 0 to {self.size - 1}"
            )
        return (point[0] + 1) * self.width + point[1] + 1

    def point(self, index: int) -> Point:
        """Return the `(row, col)` point of a padded index."""
        row, col = divmod(index, self.width)
        return (row - 1, col - 1)

    # -- queries ------------------------------------------------------------------------

    @property
    def moves_played(self) -> int:
        return len(self.history)

    @property
    def ko(self) -> Point | None:
        return None if self.ko_index < 0 else self.point(self.ko_index)

    def __getitem__(self, point: Point) -> int:
        """Return EMPTY, BLACK or WHITE at `point`."""
        return int(self.colour[self.index(point)])

    def colours(self) -> np.ndarray:
        """Return a (size, size) int8 copy of the stones: EMPTY, BLACK or WHITE."""
        return self.colour.reshape(self.width, self.width)[1:-1, 1:-1].copy()

    def liberty_count(self, point: Point) -> int:
        """Return the number of liberties of the chain at `point` (0 for an empty point)."""
        p = self.index(point)
        if self.chain[p] < 0:
            return 0
        return popcount(self.liberties[self.chain[p]])

    def chain_points(self, point: Point) -> list[Point]:
        """Return the stones of the chain at `point`, in no set order ([] for empty)."""
        p = self.index(point)
        if self.chain[p] < 0:
            return []
        stones, s = [], p
        while True:
            stones.append(self.point(s))
            s = int(self.next_stone[s])
            if s == p:
                return stones

    def legality(self, point: Point | None, colour: int | None = None) -> str | None:
        """Return why `colour` (default: to_play) may not play `point`, or None when legal."""
        if point is None:
            return None
        colour = self.to_play if colour is None else colour
        ko = self.ko_index if colour == self.to_play else -1
        code = legality_code(
            self.colour, self.chain, self.liberties, self.width, self.index(point), colour, ko
        )
        return REASONS.get(code)

    def is_legal(self, point: Point | None, colour: int | None = None) -> bool:
        """Return True when `colour` (default: to_play) may play `point`; a pass always may."""
        return self.legality(point, colour) is None

    # -- changes ------------------------------------------------------------------------

    def play(self, point: Point | None, colour: int | None = None) -> None:
        """Play `point` (None passes) for `colour`, default to_play; the other side moves next.

        Raises IllegalMoveError naming the move, the colour and the reason, with the board.
        """
        colour = self.to_play if colour is None else colour
        if colour not in (BLACK, WHITE):
            raise GoError(f"invalid colour {colour!r}: expected BLACK (1) or WHITE (2)")

        if point is None:
            self.ko_index = -1
            self.consecutive_passes += 1
        else:
            reason = self.legality(point, colour)
            if reason is not None:
                raise IllegalMoveError(self._illegal_message(point, colour, reason), reason)
            self.ko_index = play_stone(
                self.colour, self.chain, self.next_stone, self.chain_size, self.liberties,
                self.placed_at, self.width, self.index(point), colour, self.moves_played,
            )
            self.consecutive_passes = 0

        self.history.append((colour, point))
        self.to_play = opponent(colour)

    def setup(self, black=(), white=(), empty=()) -> None:
        """Place setup stones (SGF AB, AW and AE) and rebuild the chains once.

        Setup stones count as played long ago. Raises GoError when the setup leaves a chain
        without liberties.
        """
        for points, value in ((black, BLACK), (white, WHITE), (empty, EMPTY)):
            for point in points:
                p = self.index(point)
                self.colour[p] = value
                self.placed_at[p] = SETUP_MOVE
        self.ko_index = -1

        dead = rebuild_chains(
            self.colour, self.chain, self.next_stone, self.chain_size, self.liberties, self.width
        )
        if dead >= 0:
            raise GoError(
                f"invalid setup: the chain at {to_gtp(self.point(dead), self.size)} has no "
                f"liberties\n{self}"
            )

    def copy(self) -> "Board":
        """Return an independent copy of this position."""
        other = Board.__new__(Board)
        other.__dict__.update(self.__dict__)
        for name in ("colour", "chain", "next_stone", "chain_size", "liberties", "placed_at"):
            setattr(other, name, getattr(self, name).copy())
        other.history = list(self.history)
        return other

    # -- drawing ------------------------------------------------------------------------

    def __str__(self) -> str:
        """Draw the board in ASCII: X black, O white, GTP column letters and row numbers."""
        letters = " ".join(GTP_COLUMNS[: self.size])
        lines = [f"   {letters}"]
        grid = self.colours()
        for row in range(self.size):
            cells = " ".join(_STONE_CHARS[int(v)] for v in grid[row])
            lines.append(f"{self.size - row:2d} {cells} {self.size - row}")
        lines.append(f"   {letters}")
        return "\n".join(lines)

    @classmethod
    def from_ascii(cls, drawing: str, to_play: int = BLACK) -> "Board":
        """Build a board from a drawing of rows of X (black), O (white) and . (empty).

        Row numbers at either end and lines of GTP column letters are ignored, so the
        output of `str(board)` reads back. The size is the number of rows.
        """
        rows = []
        for line in drawing.strip().splitlines():
            tokens = line.split()
            if not tokens or "".join(tokens) == GTP_COLUMNS[: len(tokens)]:
                continue  # blank, or the line of column letters
            cells = [t for t in tokens if not t.isdigit()]
            rows.append(cells)

        size = check_size(len(rows))
        board = cls(size)
        black, white = [], []
        for row, cells in enumerate(rows):
            if len(cells) != size or any(c not in "XO." for c in cells):
                raise GoError(
                    f"invalid board drawing, row {row + 1}: expected {size} cells of X, O "
                    f"or ., received {' '.join(cells)!r}"
                )
            black += [(row, col) for col, c in enumerate(cells) if c == "X"]
            white += [(row, col) for col, c in enumerate(cells) if c == "O"]
        board.setup(black, white)
        board.to_play = to_play
        return board

    def _illegal_message(self, point: Point, colour: int, reason: str) -> str:
        explanation = {
            "occupied": "the point is occupied",
            "suicide": "the stone would have no liberties and capture nothing (suicide)",
            "ko": "it retakes the ko at once; play elsewhere first",
        }[reason]
        return (
            f"illegal move {COLOUR_NAMES[colour]} {to_gtp(point, self.size)} ({reason}): "
            f"{explanation}\n{self}"
        )
