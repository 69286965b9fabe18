"""Commands of the `seqboard vision` group."""


def register(commands) -> None:
    """Add the vision commands to `commands`, an argparse sub-parsers object."""
