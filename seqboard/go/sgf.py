"""Reading SGF game records through sgfmill, and streaming them from files and archives.

`read_game(data, name)` turns the bytes of one record into a `GoGame`: board size, komi,
handicap, root setup stones (AB, AW, AE), the player to move first (PL) and the moves of the
main line, passes included. Variations are ignored. Every failure raises `SgfError` naming
the file, the move number where it applies, and the reason.

`iter_sgf_files(paths)` yields one `SgfFile` per record found in `.sgf` files, folders and
`.tar.xz`, `.tar.gz`, `.tgz`, `.tar.bz2`, `.tar` and `.zip` archives, read member by member
in memory without unpacking to disk.
"""

import tarfile
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sgfmill import sgf

from seqboard.go.coords import BLACK, WHITE, Point, check_size, to_sgf
from seqboard.go.errors import CoordinateError, SgfError

# The largest KGS record in the shared set is a few KB. Records with long commentary can
# reach a few hundred KB, so 4 MiB leaves room while keeping a stray binary file out.
MAX_SGF_BYTES = 4 * 1024 * 1024

SGF_SUFFIXES = (".sgf",)
TAR_SUFFIXES = (".tar.xz", ".tar.gz", ".tgz", ".tar.bz2", ".tar")
ZIP_SUFFIXES = (".zip",)

_SGFMILL_COLOURS = {"b": BLACK, "w": WHITE}


@dataclass(frozen=True)
class GoGame:
    """The main line of one game record.

    Points are `(row, col)` with row 0 the top row (see coords.py); a pass is None.
    `first_player` is the PL property, or None when the record has none.
    """

    name: str
    size: int
    komi: float
    handicap: int
    black_setup: tuple[Point, ...] = ()
    white_setup: tuple[Point, ...] = ()
    first_player: int | None = None
    moves: tuple[tuple[int, Point | None], ...] = field(default=())


@dataclass(frozen=True)
class SgfFile:
    """One record found by `iter_sgf_files`: its name and bytes, or the error met reading it."""

    name: str
    data: bytes = b""
    error: SgfError | None = None


def read_sgf_file(record: SgfFile, max_bytes: int = MAX_SGF_BYTES) -> GoGame:
    """Read an `SgfFile` into a GoGame, raising the error met while reading it, if any."""
    if record.error is not None:
        raise record.error
    return read_game(record.data, record.name, max_bytes)


def read_game(data: bytes, name: str, max_bytes: int = MAX_SGF_BYTES) -> GoGame:
    """Parse the bytes of one SGF record into a GoGame; `name` labels errors."""
    if not data.strip():
        raise SgfError(f"{name}: empty file: expected an SGF game record", "empty file")
    if len(data) > max_bytes:
        raise _too_large(name, len(data), max_bytes)

    try:
        game = sgf.Sgf_game.from_bytes(data)
    except ValueError as error:
        if "no SGF data" in str(error):
            raise SgfError(f"{name}: not an SGF file: no '(;' game tree found", "not SGF") from error
        raise SgfError(f"{name}: malformed SGF: {error}", "malformed SGF") from error

    size, komi, handicap = _read_root_numbers(game, name)
    root = game.get_root()
    black, white = _read_setup(root, size, name)
    first_player = _read_player(root, name)
    moves = _read_moves(game, size, name)
    return GoGame(name, size, komi, handicap, black, white, first_player, moves)


def _read_root_numbers(game, name: str) -> tuple[int, float, int]:
    """Read SZ, KM and HA, which must be numbers."""
    try:
        size = game.get_size()
    except ValueError as error:
        raise _bad_property(name, "SZ", error) from error
    try:
        check_size(size)
    except CoordinateError as error:
        raise SgfError(f"{name}: SZ[{size}]: {error}", "bad property") from error

    try:
        komi = game.get_komi()
    except ValueError as error:
        raise _bad_property(name, "KM", error) from error
    try:
        handicap = game.get_handicap() or 0
    except ValueError as error:
        raise _bad_property(name, "HA", error) from error
    return size, komi, handicap


def _read_setup(node, size: int, name: str) -> tuple[tuple[Point, ...], tuple[Point, ...]]:
    """Read AB and AW (AE on an empty board removes nothing) of the root node."""
    try:
        black, white, _ = node.get_setup_stones()
    except ValueError as error:
        raise _bad_property(name, "AB/AW/AE", error) from error
    return _from_sgfmill_points(black, size), _from_sgfmill_points(white, size)


def _read_player(node, name: str) -> int | None:
    """Read PL, the player to move first, or None when absent."""
    if not node.has_property("PL"):
        return None
    try:
        return _SGFMILL_COLOURS[node.get("PL")]
    except (ValueError, KeyError) as error:
        raise _bad_property(name, "PL", error) from error


def _read_moves(game, size: int, name: str) -> tuple[tuple[int, Point | None], ...]:
    """Read the B and W moves of the main line, in order, with None for a pass."""
    moves = []
    for depth, node in enumerate(game.get_main_sequence()):
        if depth > 0 and node.has_setup_stones():
            # NOTE: setup stones after the root node (used by problem collections, not by
            # game records) are not replayed, so such a record is rejected.
            raise SgfError(
                f"{name}: move {len(moves) + 1}: setup stones (AB/AW/AE) after the root node "
                "are not supported",
                "setup after root",
                len(moves) + 1,
            )
        try:
            colour, point = node.get_move()
        except ValueError:
            raw = node.get_raw("B" if node.has_property("B") else "W")
            raise SgfError(
                f"{name}: move {len(moves) + 1}: invalid move {raw.decode('latin-1')!r}: "
                f"expected an SGF point on the {size}x{size} board or an empty pass",
                "invalid move",
                len(moves) + 1,
            ) from None
        if colour is not None:
            moves.append((_SGFMILL_COLOURS[colour], _from_sgfmill_point(point, size)))
    return tuple(moves)


def _from_sgfmill_point(point, size: int) -> Point | None:
    """Convert sgfmill's (row, col), whose row 0 is the bottom row, to ours (row 0 on top)."""
    if point is None:
        return None
    row, col = point
    return (size - 1 - row, col)


def _from_sgfmill_points(points, size: int) -> tuple[Point, ...]:
    return tuple(sorted(_from_sgfmill_point(p, size) for p in points))


def _bad_property(name: str, prop: str, error: Exception) -> SgfError:
    return SgfError(f"{name}: invalid {prop} property: {error}", "bad property")


def _too_large(name: str, size: int, max_bytes: int) -> SgfError:
    return SgfError(
        f"{name}: file of {size:,} bytes is over the limit of {max_bytes:,} bytes for one "
        "SGF record: check that it is a game record, or raise max_bytes",
        "too large",
    )


def iter_sgf_files(paths: Iterable[str | Path], max_bytes: int = MAX_SGF_BYTES) -> Iterator[SgfFile]:
    """Yield every SGF record in `paths`: files, folders (searched recursively) and archives.

    A record that cannot be read (over `max_bytes`, or in a damaged archive) is yielded with
    its `error` set, so a batch counts it and goes on. A path that does not exist raises
    SgfError at once.
    """
    for path in map(Path, paths):
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and _kind(child) != "other":
                    yield from _iter_path(child, max_bytes)
        elif path.is_file():
            yield from _iter_path(path, max_bytes)
        else:
            raise SgfError(f"{path}: file or folder not found", "not found")


def _kind(path: Path) -> str:
    name = path.name.lower()
    if name.endswith(TAR_SUFFIXES):
        return "tar"
    if name.endswith(ZIP_SUFFIXES):
        return "zip"
    if name.endswith(SGF_SUFFIXES):
        return "sgf"
    return "other"


def _iter_path(path: Path, max_bytes: int) -> Iterator[SgfFile]:
    kind = _kind(path)
    if kind == "tar":
        yield from _iter_tar(path, max_bytes)
    elif kind == "zip":
        yield from _iter_zip(path, max_bytes)
    else:
        # A file named on the command line is read whatever its suffix.
        size = path.stat().st_size
        if size > max_bytes:
            yield SgfFile(str(path), error=_too_large(str(path), size, max_bytes))
        else:
            yield SgfFile(str(path), path.read_bytes())


def _iter_tar(path: Path, max_bytes: int) -> Iterator[SgfFile]:
    """Yield the .sgf members of a tar archive, read as a stream in archive order."""
    try:
        with tarfile.open(path, "r|*") as archive:
            for member in archive:
                if not (member.isfile() and member.name.lower().endswith(SGF_SUFFIXES)):
                    continue
                name = f"{path}:{member.name}"
                if member.size > max_bytes:
                    yield SgfFile(name, error=_too_large(name, member.size, max_bytes))
                    continue
                yield SgfFile(name, archive.extractfile(member).read())
    except (tarfile.TarError, OSError, EOFError) as error:
        yield SgfFile(
            str(path), error=SgfError(f"{path}: unreadable archive: {error}", "unreadable archive")
        )


def _iter_zip(path: Path, max_bytes: int) -> Iterator[SgfFile]:
    """Yield the .sgf members of a zip archive in archive order."""
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                if info.is_dir() or not info.filename.lower().endswith(SGF_SUFFIXES):
                    continue
                name = f"{path}:{info.filename}"
                if info.file_size > max_bytes:
                    yield SgfFile(name, error=_too_large(name, info.file_size, max_bytes))
                    continue
                yield SgfFile(name, archive.read(info))
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        yield SgfFile(
            str(path), error=SgfError(f"{path}: unreadable archive: {error}", "unreadable archive")
        )


def game_to_sgf(game: GoGame) -> str:
    """Write a GoGame back as a one-line SGF record (main line and root setup only)."""
    parts = [f"(;GM[1]FF[4]SZ[{game.size}]KM[{game.komi:g}]"]
    if game.handicap:
        parts.append(f"HA[{game.handicap}]")
    for prop, points in (("AB", game.black_setup), ("AW", game.white_setup)):
        if points:
            parts.append(prop + "".join(f"[{to_sgf(p, game.size)}]" for p in points))
    for colour, point in game.moves:
        parts.append(f";{'B' if colour == BLACK else 'W'}[{to_sgf(point, game.size)}]")
    return "".join(parts) + ")"
