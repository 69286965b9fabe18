"""Commands of the `seqboard go` group.

Each command has its own `add_*` and `run_*` functions. The work is done in library
modules (replay.py, features.py), and the handlers only parse, call and print.
"""

import argparse
import json
import sys

from seqboard.core.help_format import DefaultsHelpFormatter
from seqboard.go.coords import COLOUR_NAMES, to_gtp
from seqboard.go.errors import GoError
from seqboard.go.features import FAMILIES, draw_family, extract_features
from seqboard.go.policy_cli import register_policy_commands
from seqboard.go.replay import board_at, replay_files
from seqboard.go.sgf import MAX_SGF_BYTES, iter_sgf_files, read_sgf_file


def register(commands) -> None:
    """Add the go commands to `commands`, an argparse sub-parsers object."""
    add_replay(commands)
    add_features(commands)
    register_policy_commands(commands)


def add_replay(commands) -> None:
    parser = commands.add_parser(
        "replay",
        help="replay every game of SGF files, folders and archives and report bad ones",
        description="Replay every game found in .sgf files, folders and .tar.xz/.tar.gz/.zip "
        "archives. One line per problem game goes to stderr (file, move number, reason); "
        "the summary goes to stdout.",
        formatter_class=DefaultsHelpFormatter,
    )
    parser.add_argument("paths", nargs="+", metavar="FILES_OR_ARCHIVES")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument(
        "--features", action="store_true",
        help="also compute the 48 feature planes of every position (slower)",
    )
    parser.add_argument(
        "--max-bytes", type=int, default=MAX_SGF_BYTES,
        help="largest SGF record read, in bytes; larger files are skipped",
    )
    parser.set_defaults(func=run_replay)


def run_replay(args: argparse.Namespace) -> int:
    """Replay the games and print the summary; exit status 1 when some game was skipped."""

    def report(error: GoError) -> None:
        print(error, file=sys.stderr)

    summary = replay_files(args.paths, args.features, args.max_bytes, on_error=report)
    if args.json:
        print(json.dumps(summary.as_dict(), indent=2))
    else:
        print(_summary_text(summary.as_dict()))
    return 1 if summary.games_skipped else 0


def _summary_text(summary: dict) -> str:
    lines = [
        f"games read:        {summary['games_read']:,}",
        f"games replayed:    {summary['games_replayed']:,}",
        f"games skipped:     {summary['games_skipped']:,}",
    ]
    for reason, count in summary["skipped_by_reason"].items():
        lines.append(f"  {reason}: {count:,}")
    planes = " with the 48 feature planes" if summary["features"] else ""
    lines += [
        f"positions:         {summary['positions']:,}{planes}",
        f"seconds:           {summary['seconds']:.1f}",
        f"positions/second:  {summary['positions_per_second']:,.0f}",
    ]
    return "\n".join(lines)


def add_features(commands) -> None:
    parser = commands.add_parser(
        "features",
        help="draw a position of a game and one family of its feature planes in ASCII",
        description="Draw the board after MOVE moves of an SGF game, and one family of the "
        "48 feature planes for the player to move, for checking by eye.",
        formatter_class=DefaultsHelpFormatter,
    )
    parser.add_argument("game", metavar="GAME.sgf")
    parser.add_argument(
        "--move", type=int, default=0,
        help="number of moves played before the position drawn (0: the start)",
    )
    parser.add_argument(
        "--plane", default="liberties", choices=[f.name for f in FAMILIES],
        help="feature plane family to draw",
    )
    parser.set_defaults(func=run_features)


def run_features(args: argparse.Namespace) -> int:
    """Print the board at the chosen move and the chosen plane family."""
    records = list(iter_sgf_files([args.game]))
    if len(records) != 1:
        raise GoError(
            f"{args.game}: expected one SGF game, found {len(records)}: name one .sgf file"
        )
    game = read_sgf_file(records[0])
    board = board_at(game, args.move)
    planes = extract_features(board)

    chosen = next(f for f in FAMILIES if f.name == args.plane)
    to_play = COLOUR_NAMES[board.to_play]
    next_move = (
        to_gtp(game.moves[args.move][1], game.size) if args.move < len(game.moves) else "none"
    )
    print(f"{game.name}: after {args.move} of {len(game.moves)} moves; {to_play} to play "
          f"(X black, O white); next move in the record: {next_move}")
    print(board)
    print()
    print(f"{chosen.name} ({chosen.planes} planes; labels {chosen.labels!r}, "
          f"X = {to_play}'s stones in stone_colour)")
    print(draw_family(planes, chosen.name))
    return 0
