"""Every coordinate convention of the Go subsystem, and the conversions between them.

A point on the board is a `(row, col)` tuple of array indices: row 0 is the **top** row
(the row SGF writes first), col 0 the left column. A pass is `None`. Board size is always an
argument: any size from 2 to 25 works.

| convention        | example      | top-left | top-right | bottom-left | bottom-right | pass          |
|-------------------|--------------|----------|-----------|-------------|--------------|---------------|
| (row, col), 19x19 | (3, 15)      | (0, 0)   | (0, 18)   | (18, 0)     | (18, 18)     | None          |
| GTP vertex, 19x19 | Q16          | A19      | T19       | A1          | T1           | "pass"        |
| SGF point, 19x19  | pd           | aa       | sa        | as          | ss           | "" or "tt"    |
| move index, 19x19 | 3 * 19 + 15  | 0        | 18        | 342         | 360          | 361           |

- **GTP vertex**: a column letter from A, skipping I (A-H, J-Z, so 25 letters for the largest
  board), then the row number counted from the **bottom**, starting at 1.
- **SGF point**: two lower-case letters, column then row, both counted from the top-left
  corner starting at "a". An empty value means pass, and so does "tt" on boards up to 19x19
  (on larger boards "t" is a real coordinate).
- **move index**: `row * size + col`, with row 0 the top row, the flat index of the point in a
  (size, size) array. The policy network's targets use it. A pass is `size * size`, one past
  the last point.

sgfmill's own `(row, col)` counts row 0 from the bottom; sgf.py converts it on reading.

Colours are `BLACK = 1` and `WHITE = 2`, and `EMPTY = 0`; `opponent(colour)` is `3 - colour`.
"""

from seqboard.go.errors import CoordinateError

MIN_SIZE = 2
MAX_SIZE = 25

EMPTY = 0
BLACK = 1
WHITE = 2

COLOUR_NAMES = {BLACK: "black", WHITE: "white"}

# Column letters of GTP vertices: the alphabet without I.
GTP_COLUMNS = "ABCDEFGHJKLMNOPQRSTUVWXYZ"
SGF_LETTERS = "abcdefghijklmnopqrstuvwxyz"

Point = tuple[int, int]


def opponent(colour: int) -> int:
    """Return the other colour: WHITE for BLACK and BLACK for WHITE."""
    return 3 - colour


def check_size(size: int) -> int:
    """Return `size` when it is a supported board size, else raise CoordinateError."""
    if not isinstance(size, int) or not MIN_SIZE <= size <= MAX_SIZE:
        raise CoordinateError(
            f"invalid board size {size!r}: expected an integer from {MIN_SIZE} to {MAX_SIZE}"
        )
    return size


def on_board(point: Point, size: int) -> bool:
    """Return True when `(row, col)` lies on a board of `size` x `size`."""
    row, col = point
    return 0 <= row < size and 0 <= col < size


def to_gtp(point: Point | None, size: int) -> str:
    """Write a point as a GTP vertex such as "Q16", or "pass" for None."""
    if point is None:
        return "pass"
    _check_point(point, size)
    row, col = point
    return f"{GTP_COLUMNS[col]}{size - row}"


def from_gtp(vertex: str, size: int) -> Point | None:
    """Read a GTP vertex such as "Q16" (any case) or "pass" into a point or None."""
    text = vertex.strip().upper()
    if text == "PASS":
        return None

    column_letter, digits = text[:1], text[1:]
    if column_letter not in GTP_COLUMNS[:size] or not digits.isdigit():
        raise CoordinateError(
            f"invalid GTP vertex {vertex!r} for a {size}x{size} board: expected a column "
            f"letter from A to {GTP_COLUMNS[size - 1]} (no I) and a row from 1 to {size}, "
            "or 'pass'"
        )
    point = (size - int(digits), GTP_COLUMNS.index(column_letter))
    _check_point(point, size, shown=vertex)
    return point


def to_sgf(point: Point | None, size: int) -> str:
    """Write a point as an SGF point such as "pd", or "" (the FF[4] pass) for None."""
    if point is None:
        return ""
    _check_point(point, size)
    row, col = point
    return SGF_LETTERS[col] + SGF_LETTERS[row]


def from_sgf(value: str, size: int) -> Point | None:
    """Read an SGF point such as "pd" into a point; "" and, up to 19x19, "tt" are a pass."""
    if value == "" or (value == "tt" and size <= 19):
        return None
    if len(value) != 2 or value[0] not in SGF_LETTERS or value[1] not in SGF_LETTERS:
        raise CoordinateError(
            f"invalid SGF point {value!r}: expected two lower-case letters, column then row"
        )
    point = (SGF_LETTERS.index(value[1]), SGF_LETTERS.index(value[0]))
    _check_point(point, size, shown=value)
    return point


def to_index(point: Point | None, size: int) -> int:
    """Return the move index `row * size + col`, or `size * size` for a pass."""
    if point is None:
        return size * size
    _check_point(point, size)
    row, col = point
    return row * size + col


def from_index(index: int, size: int) -> Point | None:
    """Return the point of a move index; `size * size` is a pass."""
    if index == size * size:
        return None
    if not 0 <= index < size * size:
        raise CoordinateError(
            f"invalid move index {index} for a {size}x{size} board: expected 0 to {size * size}"
        )
    return divmod(index, size)


def _check_point(point: Point, size: int, shown: object = None) -> None:
    """Raise CoordinateError when `point` is off a board of `size` x `size`."""
    if not on_board(point, size):
        shown = point if shown is None else shown
        raise CoordinateError(
            f"point {shown!r} is off the {size}x{size} board: rows and columns run from "
            f"0 to {size - 1}"
        )
