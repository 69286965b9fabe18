"""AlphaGo's 48 input feature planes (Silver et al. 2016, Nature, Extended Data Table 2).

`extract_features(board)` returns a (48, size, size) uint8 array for the player to move
(`board.to_play`): "player" is the side to move and "opponent" the other side. The plane
families come in the order of the paper's table, each filled by its own numba function
registered with `@plane_family(name, planes, labels)`. `FAMILIES` lists them and
`NUM_PLANES` is the sum of their plane counts.

| family          | planes | plane k (0-based) is set where                               |
|-----------------|--------|--------------------------------------------------------------|
| stone_colour    | 3      | player's stone, opponent's stone, empty point                |
| ones            | 1      | every point                                                  |
| turns_since     | 8      | a stone was placed k + 1 moves ago (last plane: 8 or more)   |
| liberties       | 8      | a stone's chain has k + 1 liberties (last plane: 8 or more)  |
| capture_size    | 8      | a move here captures k opponent stones (last plane: 7 or more) |
| self_atari_size | 8      | a move here leaves k + 1 own stones in atari (last: 8 or more) |
| liberties_after | 8      | after a move here its chain has k + 1 liberties (last: 8+)   |
| ladder_capture  | 1      | a move here captures an opponent chain in a ladder           |
| ladder_escape   | 1      | a move here lets an own chain in atari escape a ladder       |
| sensibleness    | 1      | a move here is legal and does not fill the player's own eye  |
| zeros           | 1      | nowhere                                                      |

The look-ahead families (capture_size, self_atari_size, liberties_after, sensibleness and the
two ladder planes) are set on legal empty points only. They come from one pass over the
empty points per position (`look_ahead`), so no move is played on the real board.

Conventions this module fixes: a stone placed by the last move is 1 turn old and passes
count as turns; setup stones (handicap AB) count as 8 or more turns old. An own eye is an
empty point whose on-board neighbours are all the player's stones and whose diagonals hold
no opponent stone on the edge or in a corner, or at most one in the centre.
"""

from dataclasses import dataclass

import numpy as np
from numba import njit

from seqboard.go.board import EMPTY, OFF_BOARD, Board, clear_bit, popcount, set_bit
from seqboard.go.coords import GTP_COLUMNS
from seqboard.go.ladders import ladder_points


@dataclass(frozen=True)
class PlaneFamily:
    """One family of feature planes: its name, plane count, one label character per plane
    (for drawing) and the numba function that fills it."""

    name: str
    planes: int
    labels: str
    fill: object


FAMILIES: list[PlaneFamily] = []


def plane_family(name: str, planes: int, labels: str):
    """Register a fill function as the next family of planes, in table order."""
    assert len(labels) == planes, f"{name}: one label per plane"

    def register(fill):
        FAMILIES.append(PlaneFamily(name, planes, labels, fill))
        return fill

    return register


# Rows of the (LOOK_ROWS, width * width) int32 look-ahead array, one column per padded point.
LEGAL = 0            # 1 where the player to move may play
CAPTURED = 1         # opponent stones the move would capture
STONES_AFTER = 2     # stones in the move's chain after it is played
LIBERTIES_AFTER = 3  # liberties of that chain after the move
OWN_EYE = 4          # 1 where the point is the player's own eye
LADDER_CAPTURE = 5
LADDER_ESCAPE = 6
LOOK_ROWS = 7


@njit(cache=True)
def _bucket(value, planes):
    """Return the 0-based plane of a count from 1 upwards; the last plane takes the rest."""
    return min(value, planes) - 1




@plane_family("stone_colour", planes=3, labels="XO.")
@njit(cache=True)
def stone_colour(colour, width, to_play, out, first):
    """Planes: the player's stones, the opponent's stones, the empty points."""
    for row in range(width - 2):
        for col in range(width - 2):
            p = (row + 1) * width + col + 1
            value = colour[p]
            if value == EMPTY:
                out[first + 2, row, col] = 1
            elif value == to_play:
                out[first, row, col] = 1
            else:
                out[first + 1, row, col] = 1


@plane_family("ones", planes=1, labels="1")
@njit(cache=True)
def ones(out, first):
    """Plane: a constant 1 on every point, which marks the board inside the zero padding."""
    out[first, :, :] = 1


@plane_family("turns_since", planes=8, labels="1234567+")
@njit(cache=True)
def turns_since(colour, placed_at, moves_played, width, out, first):
    """Planes: a stone placed 1, 2, ..., 7, 8 or more moves ago (passes count)."""
    for row in range(width - 2):
        for col in range(width - 2):
            p = (row + 1) * width + col + 1
            if colour[p] == EMPTY:
                continue
            age = min(moves_played - placed_at[p], 8)
            out[first + age - 1, row, col] = 1


@plane_family("liberties", planes=8, labels="1234567+")
@njit(cache=True)
def liberties(chain, liberty_count, width, out, first):
    """Planes: a stone whose chain has 1, 2, ..., 7, 8 or more liberties (either colour)."""
    for row in range(width - 2):
        for col in range(width - 2):
            p = (row + 1) * width + col + 1
            if chain[p] < 0:
                continue
            out[first + _bucket(liberty_count[chain[p]], 8), row, col] = 1


@plane_family("capture_size", planes=8, labels="0123456+")
@njit(cache=True)
def capture_size(look, width, out, first):
    """Planes: a legal move here captures 0, 1, ..., 6, 7 or more opponent stones."""
    for row in range(width - 2):
        for col in range(width - 2):
            p = (row + 1) * width + col + 1
            if look[LEGAL, p]:
                out[first + min(look[CAPTURED, p], 7), row, col] = 1


@plane_family("self_atari_size", planes=8, labels="1234567+")
@njit(cache=True)
def self_atari_size(look, width, out, first):
    """Planes: a legal move here leaves its chain of 1, 2, ..., 7, 8 or more stones in atari."""
    for row in range(width - 2):
        for col in range(width - 2):
            p = (row + 1) * width + col + 1
            if look[LEGAL, p] and look[LIBERTIES_AFTER, p] == 1:
                out[first + _bucket(look[STONES_AFTER, p], 8), row, col] = 1


@plane_family("liberties_after", planes=8, labels="1234567+")
@njit(cache=True)
def liberties_after(look, width, out, first):
    """Planes: after a legal move here its chain has 1, 2, ..., 7, 8 or more liberties."""
    for row in range(width - 2):
        for col in range(width - 2):
            p = (row + 1) * width + col + 1
            if look[LEGAL, p]:
                out[first + _bucket(look[LIBERTIES_AFTER, p], 8), row, col] = 1


@plane_family("ladder_capture", planes=1, labels="L")
@njit(cache=True)
def ladder_capture(look, width, out, first):
    """Plane: a move here puts an opponent chain in atari that a ladder then captures."""
    _copy_row(look, LADDER_CAPTURE, width, out, first)


@plane_family("ladder_escape", planes=1, labels="E")
@njit(cache=True)
def ladder_escape(look, width, out, first):
    """Plane: a move here extends an own chain in atari that no ladder then captures."""
    _copy_row(look, LADDER_ESCAPE, width, out, first)


@plane_family("sensibleness", planes=1, labels="S")
@njit(cache=True)
def sensibleness(look, width, out, first):
    """Plane: a move here is legal and does not fill one of the player's own eyes."""
    for row in range(width - 2):
        for col in range(width - 2):
            p = (row + 1) * width + col + 1
            if look[LEGAL, p] and not look[OWN_EYE, p]:
                out[first, row, col] = 1


@plane_family("zeros", planes=1, labels="0")
@njit(cache=True)
def zeros(out, first):
    """Plane: a constant 0, left as allocated."""


@njit(cache=True)
def _copy_row(look, look_row, width, out, first):
    for row in range(width - 2):
        for col in range(width - 2):
            p = (row + 1) * width + col + 1
            if look[look_row, p]:
                out[first, row, col] = 1


NUM_PLANES = sum(family.planes for family in FAMILIES)

# First plane of each family: the running sum of the plane counts before it.
FIRST_PLANE = {}
_first = 0
for _family in FAMILIES:
    FIRST_PLANE[_family.name] = _first
    _first += _family.planes

# numba reads module globals as compile-time constants, so each first plane gets one.
_STONE_COLOUR = FIRST_PLANE["stone_colour"]
_ONES = FIRST_PLANE["ones"]
_TURNS_SINCE = FIRST_PLANE["turns_since"]
_LIBERTIES = FIRST_PLANE["liberties"]
_CAPTURE_SIZE = FIRST_PLANE["capture_size"]
_SELF_ATARI_SIZE = FIRST_PLANE["self_atari_size"]
_LIBERTIES_AFTER = FIRST_PLANE["liberties_after"]
_LADDER_CAPTURE = FIRST_PLANE["ladder_capture"]
_LADDER_ESCAPE = FIRST_PLANE["ladder_escape"]
_SENSIBLENESS = FIRST_PLANE["sensibleness"]
_ZEROS = FIRST_PLANE["zeros"]


@njit(cache=True)
def _is_own_eye(colour, width, p, c):
    """Return True when empty point `p` is an eye of colour `c` (see the module docstring)."""
    for n in (p - 1, p + 1, p - width, p + width):
        if colour[n] != c and colour[n] != OFF_BOARD:
            return False

    opponent_diagonals = 0
    on_edge = False
    for d in (p - width - 1, p - width + 1, p + width - 1, p + width + 1):
        if colour[d] == OFF_BOARD:
            on_edge = True
        elif colour[d] == 3 - c:
            opponent_diagonals += 1
    return opponent_diagonals == 0 if on_edge else opponent_diagonals <= 1


@njit(cache=True)
def look_ahead(colour, chain, next_stone, chain_size, chain_liberties, liberty_count, width, c,
               ko, look):
    """Fill `look` (LOOK_ROWS, width * width) for colour `c` to move, one empty point at a
    time, as if `c` played there: legality, captures, the new chain's size and liberties."""
    merged = np.empty(chain_liberties.shape[1], dtype=np.uint64)
    own = np.empty(4, dtype=np.int32)
    taken = np.empty(4, dtype=np.int32)  # roots of the opponent chains the move captures

    for p in range(colour.shape[0]):
        if colour[p] != EMPTY or p == ko:
            continue
        n_own, n_taken, stones, captured = 0, 0, 1, 0
        merged[:] = 0

        # Join own neighbour chains and find opponent chains whose last liberty is `p`.
        for n in (p - 1, p + 1, p - width, p + width):
            value, root = colour[n], chain[n]
            if value == EMPTY:
                set_bit(merged, n)
            elif value == c and root not in own[:n_own]:
                own[n_own] = root
                n_own += 1
                stones += chain_size[root]
                merged |= chain_liberties[root]
            elif value == 3 - c and root not in taken[:n_taken]:
                if liberty_count[root] == 1:
                    taken[n_taken] = root
                    n_taken += 1
                    captured += chain_size[root]
        clear_bit(merged, p)

        _add_captured_liberties(
            colour, chain, next_stone, width, p, c, own[:n_own], taken[:n_taken], merged
        )
        n_liberties = popcount(merged)
        if n_liberties == 0:
            continue  # suicide

        look[LEGAL, p] = 1
        look[CAPTURED, p] = captured
        look[STONES_AFTER, p] = stones
        look[LIBERTIES_AFTER, p] = n_liberties
        look[OWN_EYE, p] = _is_own_eye(colour, width, p, c)


@njit(cache=True)
def _add_captured_liberties(colour, chain, next_stone, width, p, c, own, taken, merged):
    """Add to `merged` each captured stone that touches `p` or one of the joined chains:
    those points become liberties of the new chain once the capture empties them."""
    for root in taken:
        s = root
        while True:
            for n in (s - 1, s + 1, s - width, s + width):
                if n == p or (colour[n] == c and chain[n] in own):
                    set_bit(merged, s)
                    break
            s = next_stone[s]
            if s == root:
                break


@njit(cache=True)
def fill_planes(colour, chain, next_stone, chain_size, chain_liberties, placed_at, width,
                to_play, ko, moves_played, out):
    """Fill `out` (NUM_PLANES, size, size), zeroed by the caller, for `to_play` to move."""
    # Liberty counts of every chain, by root point, counted once for all families.
    liberty_count = np.zeros(colour.shape[0], dtype=np.int32)
    for p in range(colour.shape[0]):
        if chain[p] == p:
            liberty_count[p] = popcount(chain_liberties[p])

    look = np.zeros((LOOK_ROWS, colour.shape[0]), dtype=np.int32)
    look_ahead(colour, chain, next_stone, chain_size, chain_liberties, liberty_count, width,
               to_play, ko, look)
    ladder_points(colour, chain, chain_liberties, liberty_count, width, to_play, look[LEGAL],
                  look[LIBERTIES_AFTER], look[LADDER_CAPTURE], look[LADDER_ESCAPE])

    stone_colour(colour, width, to_play, out, _STONE_COLOUR)
    ones(out, _ONES)
    turns_since(colour, placed_at, moves_played, width, out, _TURNS_SINCE)
    liberties(chain, liberty_count, width, out, _LIBERTIES)
    capture_size(look, width, out, _CAPTURE_SIZE)
    self_atari_size(look, width, out, _SELF_ATARI_SIZE)
    liberties_after(look, width, out, _LIBERTIES_AFTER)
    ladder_capture(look, width, out, _LADDER_CAPTURE)
    ladder_escape(look, width, out, _LADDER_ESCAPE)
    sensibleness(look, width, out, _SENSIBLENESS)
    zeros(out, _ZEROS)


def extract_features(board: Board, out: np.ndarray | None = None) -> np.ndarray:
    """Return the NUM_PLANES feature planes of `board` for `board.to_play`.

    Shape (NUM_PLANES, size, size), dtype uint8. Pass a zeroed array of that shape and
    dtype as `out` to fill it in place (a slice of a batch, say).
    """
    if out is None:
        out = np.zeros((NUM_PLANES, board.size, board.size), dtype=np.uint8)
    fill_planes(
        board.colour, board.chain, board.next_stone, board.chain_size, board.liberties, board.placed_at,
        board.width, board.to_play, board.ko_index, board.moves_played, out,
    )
    return out


def family(name: str) -> PlaneFamily:
    """Return the plane family called `name`; raise KeyError listing the names otherwise."""
    for candidate in FAMILIES:
        if candidate.name == name:
            return candidate
    names = ", ".join(f.name for f in FAMILIES)
    raise KeyError(f"unknown plane family {name!r}: expected one of {names}")


def family_planes(planes: np.ndarray, name: str) -> np.ndarray:
    """Return the planes of one family from a (NUM_PLANES, size, size) array, as
    (planes, size, size)."""
    first = FIRST_PLANE[name]
    return planes[first : first + family(name).planes]


def draw_family(planes: np.ndarray, name: str) -> str:
    """Draw one family of (NUM_PLANES, size, size) planes in ASCII, one character a point.

    A point shows the label of its set plane (for "liberties", "3" means 3 liberties and
    "+" 8 or more), or "." where no plane of the family is set.
    """
    chosen = family(name)
    size = planes.shape[-1]
    grid = np.full((size, size), ".", dtype="<U1")
    block = family_planes(planes, name)  # (planes, size, size)
    for k in range(chosen.planes - 1, -1, -1):
        grid[block[k] != 0] = chosen.labels[k]

    letters = " ".join(GTP_COLUMNS[:size])
    lines = [f"   {letters}"]
    for row in range(size):
        lines.append(f"{size - row:2d} {' '.join(grid[row])} {size - row}")
    lines.append(f"   {letters}")
    return "\n".join(lines)
