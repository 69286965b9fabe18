"""The base exception of seqboard.

Every error that a user's input can cause derives from `SeqboardError`. The command
line catches it at the top and prints its message on one line, so a user's mistake
never ends in a traceback. Each subsystem derives its own base from it (`TextError`,
`GoError`, `VisionError`) and its domain errors from that.
"""


class SeqboardError(Exception):
    """An error caused by input: a file, an argument or a value a caller passed.

    The message names the value received, what was expected and what to do.
    """


class DatasetNotFoundError(SeqboardError, FileNotFoundError):
    """A dataset's files are missing from the data root."""


class CheckpointError(SeqboardError):
    """A checkpoint folder is missing, incomplete or not a seqboard checkpoint."""
