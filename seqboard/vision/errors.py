"""Errors of the vision subsystem."""

from seqboard.core.errors import SeqboardError


class VisionError(SeqboardError):
    """A vision input is invalid: an image file, an IDX file, a model name or a run folder."""


class IdxFormatError(VisionError):
    """An IDX file is truncated, mislabelled or does not match its canonical checksum."""


class ImageFileError(VisionError):
    """An image file cannot be read or holds no digit."""
