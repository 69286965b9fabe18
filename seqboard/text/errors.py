"""Errors of the text subsystem.

`TextError` is the base of every error that a user's dataset file, vectors file,
sentence or argument can cause. The command line prints its message on one line, so
each message names the file, line or value and what to do.
"""

from seqboard.core.errors import SeqboardError


class TextError(SeqboardError):
    """An error of the text subsystem caused by a file, a sentence or an argument."""


class DataFileError(TextError, ValueError):
    """A dataset file that cannot be read: bad encoding, a malformed line, no examples."""


class VectorsError(TextError, ValueError):
    """A word-vectors file in an unknown format or with the wrong dimension."""
