"""The `seqboard` command line: one group of commands per subsystem.

Each subsystem's `cli` module provides `register(subparsers)`, which adds its commands
and sets `func` on each of them. `main` runs the chosen command and turns a
`SeqboardError` into one line on stderr and exit status 2.
"""

import argparse
import importlib
import sys

from seqboard import __version__
from seqboard.core.errors import SeqboardError

# Command group name -> (module that registers it, one-line description).
GROUPS = {
    "text": ("seqboard.text.cli", "Kim's (2014) CNN sentence classifier"),
    "go": ("seqboard.go.cli", "Go positions, AlphaGo's 48 feature planes and the policy network"),
    "vision": ("seqboard.vision.cli", "classic image CNNs on MNIST: LeNet-5, AlexNet and the course's models"),
}

EXIT_USER_ERROR = 2
EXIT_INTERRUPTED = 130


def build_parser() -> argparse.ArgumentParser:
    """Build the parser with one sub-parser per command group."""
    parser = argparse.ArgumentParser(
        prog="seqboard",
        description="Shared convolution blocks for sentences, Go boards and images.",
    )
    parser.add_argument("--version", action="version", version=f"seqboard {__version__}")
    groups = parser.add_subparsers(dest="group", metavar="{text,go,vision}")

    for name, (module_name, description) in GROUPS.items():
        group = groups.add_parser(name, help=description, description=description)
        commands = group.add_subparsers(dest="command", metavar="COMMAND")
        module = importlib.import_module(module_name)
        module.register(commands)
        group.set_defaults(func=_usage_of(group))
    parser.set_defaults(func=_usage_of(parser))
    return parser


def _usage_of(parser: argparse.ArgumentParser):
    """Return a command that prints the parser's help, for a group given without a command."""

    def print_help(args: argparse.Namespace) -> int:
        parser.print_help(sys.stderr)
        return EXIT_USER_ERROR

    return print_help


def main(argv: list[str] | None = None) -> int:
    """Run one seqboard command and return its exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)

    try:
        status = args.func(args)
    except SeqboardError as error:
        print(f"seqboard: error: {error}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("seqboard: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader of stdout went away (a `| head`, say): nothing left to report.
        return 0
    return int(status or 0)


if __name__ == "__main__":
    sys.exit(main())
