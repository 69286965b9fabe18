"""Commands of the `seqboard text` group."""


def register(commands) -> None:
    """Add the text commands to `commands`, an argparse sub-parsers object."""
