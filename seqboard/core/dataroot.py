"""The data root: where datasets are looked up.

The root is `--data-root` when given, else `$SEQBOARD_DATA`, else `./data`. Each
subsystem names a dataset by its folder under the root and the files it needs there.
"""

import os
from dataclasses import dataclass
from pathlib import Path

from seqboard.core.errors import DatasetNotFoundError

ENVIRONMENT_VARIABLE = "SEQBOARD_DATA"
DEFAULT_ROOT = Path("data")


def data_root(explicit: str | os.PathLike | None = None) -> Path:
    """Return the data root: `explicit`, else $SEQBOARD_DATA, else ./data."""
    if explicit:
        return Path(explicit)
    from_environment = os.environ.get(ENVIRONMENT_VARIABLE)
    if from_environment:
        return Path(from_environment)
    return DEFAULT_ROOT


@dataclass(frozen=True)
class DatasetSpec:
    """A dataset's folder under the data root, the files it needs and its public source."""

    name: str
    folder: str
    files: tuple[str, ...]
    source: str


def locate_dataset(spec: DatasetSpec, explicit_root: str | os.PathLike | None = None) -> Path:
    """Return the dataset's folder, or raise DatasetNotFoundError naming what is missing."""
    root = data_root(explicit_root)
    folder = root / spec.folder
    missing = [name for name in spec.files if not (folder / name).is_file()]
    if missing:
        raise DatasetNotFoundError(
            f"dataset {spec.name} not found: expected {', '.join(spec.files)} in {folder} "
            f"(missing: {', '.join(missing)}); get it from {spec.source} and point "
            f"--data-root or ${ENVIRONMENT_VARIABLE} at the folder that contains {spec.folder}/"
        )
    return folder
