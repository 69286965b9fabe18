"""The CIFAR-10 python batches (Krizhevsky 2009), checked against the published MD5 sums.

The folder `cifar-10-batches-py/` holds `data_batch_1` ... `data_batch_5` (10,000 training
images each), `test_batch` (10,000) and `batches.meta` (the label names). Each batch is
a Python 2 pickle of a dict with bytes keys: b"data" is a (10000, 3072) uint8 array,
one image per row with the 1,024 red, then green, then blue values in row-major order,
and b"labels" a list of class numbers 0-9.

Loading a pickle can run code, so the batches are read with an unpickler that only
builds dicts, lists, strings, numbers and numpy arrays, and only after the file's MD5
matched.

NOTE: no copy of CIFAR-10 can be obtained on this project's machines, so this loader is
tested only on small batch files that the tests write in the same format.
"""

import hashlib
import io
import pickle
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from seqboard.core.dataroot import DatasetSpec, locate_dataset
from seqboard.vision.errors import VisionError

TRAIN_BATCHES = tuple(f"data_batch_{index}" for index in range(1, 6))
TEST_BATCH = "test_batch"
META = "batches.meta"
CHANNELS, SIZE = 3, 32

# Published MD5 sums of the files in cifar-10-python.tar.gz (the sums torchvision checks).
CANONICAL_MD5 = {
    "data_batch_1": "c99cafc152244af753f735de768cd75f",
    "data_batch_2": "d4bba439e000b95fd0a9bffe97cbabec",
    "data_batch_3": "54ebc095f3ab1f0389bbae665268c751",
    "data_batch_4": "634d18415352ddfa80567beed471001a",
    "data_batch_5": "482c414d41f54cd18b22e5b47cb7c3cb",
    "test_batch": "40351d587109b95175f43aff81a1287e",
    "batches.meta": "5ff9c542aee3614f3951f8cda6e48888",
}

CIFAR10 = DatasetSpec(
    name="CIFAR-10",
    folder="images/cifar-10-batches-py",
    files=(*TRAIN_BATCHES, TEST_BATCH, META),
    source="https://www.cs.toronto.edu/~kriz/cifar.html (the python version, cifar-10-python.tar.gz)",
)

# (module, name) pairs the batch pickles may use: numpy's array reconstruction, and
# _codecs.encode, with which Python 3 writes bytes in pickle protocol 2.
_ALLOWED_GLOBALS = {
    ("_codecs", "encode"),
    ("numpy.core.multiarray", "_reconstruct"),
    ("numpy._core.multiarray", "_reconstruct"),
    ("numpy", "ndarray"),
    ("numpy", "dtype"),
}


class CifarFormatError(VisionError):
    """A CIFAR-10 batch file is damaged, of another format, or not the published file."""


@dataclass(frozen=True)
class CifarSplit:
    """Images (N, 3, 32, 32) uint8 and labels (N,) int64."""

    images: np.ndarray
    labels: np.ndarray


@dataclass(frozen=True)
class Cifar10:
    """The training and test splits and the ten label names."""

    train: CifarSplit
    test: CifarSplit
    label_names: list[str]


def load_cifar10(data_root: str | Path | None = None, checksums: dict[str, str] = CANONICAL_MD5) -> Cifar10:
    """Load the five training batches, the test batch and the label names, checking each MD5."""
    folder = locate_dataset(CIFAR10, data_root)
    train = [read_batch(folder / name, checksums.get(name)) for name in TRAIN_BATCHES]
    test = read_batch(folder / TEST_BATCH, checksums.get(TEST_BATCH))
    meta = _unpickle(folder / META, checksums.get(META))
    names = [name.decode() if isinstance(name, bytes) else name for name in meta.get(b"label_names", [])]
    return Cifar10(
        train=CifarSplit(np.concatenate([batch.images for batch in train]), np.concatenate([batch.labels for batch in train])),
        test=test,
        label_names=names,
    )


def read_batch(path: Path, expected_md5: str | None = None) -> CifarSplit:
    """Read one batch file into (N, 3, 32, 32) images and (N,) labels."""
    batch = _unpickle(path, expected_md5)
    if not isinstance(batch, dict) or b"data" not in batch or b"labels" not in batch:
        raise CifarFormatError(f"{path} is not a CIFAR-10 batch: expected a dict with b'data' and b'labels'")

    data = np.asarray(batch[b"data"])
    labels = np.asarray(batch[b"labels"], dtype=np.int64)
    if data.dtype != np.uint8 or data.ndim != 2 or data.shape[1] != CHANNELS * SIZE * SIZE:
        raise CifarFormatError(f"{path}: b'data' is {data.dtype} {data.shape}, expected uint8 (N, 3072)")
    if len(labels) != len(data) or labels.min(initial=0) < 0 or labels.max(initial=0) > 9:
        raise CifarFormatError(f"{path}: expected {len(data)} labels in 0-9, found {len(labels)} (range {labels.min(initial=0)}-{labels.max(initial=0)})")
    images = data.reshape(-1, CHANNELS, SIZE, SIZE)  # (N, 3072) -> (N, 3, 32, 32): R, G, B planes
    return CifarSplit(images, labels)


def _unpickle(path: Path, expected_md5: str | None):
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise CifarFormatError(f"cannot read {path}: {error.strerror}") from None
    if expected_md5 is not None and hashlib.md5(raw).hexdigest() != expected_md5:
        raise CifarFormatError(
            f"{path} has MD5 {hashlib.md5(raw).hexdigest()}, expected {expected_md5}: the file is damaged "
            "or not the published one; get a fresh copy of the CIFAR-10 python batches"
        )
    try:
        return _RestrictedUnpickler(io.BytesIO(raw), encoding="bytes").load()
    except (pickle.UnpicklingError, EOFError, ValueError, TypeError) as error:
        raise CifarFormatError(f"{path} is not a readable CIFAR-10 pickle ({error})") from None


class _RestrictedUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        if (module, name) not in _ALLOWED_GLOBALS:
            raise pickle.UnpicklingError(f"global {module}.{name} is not allowed in a CIFAR-10 batch")
        return super().find_class(module, name)
