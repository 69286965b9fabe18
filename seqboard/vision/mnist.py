"""MNIST under the data root, and images fitted to a model's input.

The four canonical files live in `<data root>/images/mnist/`: 60,000 training and
10,000 test images of 28 x 28 uint8 pixels (0 = background, 255 = ink) and their labels
0-9. Models with a larger input (LeNet-5's 32 x 32) get the digit padded equally on
every side, as LeCun et al. (1998) did.
"""

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import torch
from torch import Tensor

from seqboard.core.dataroot import DatasetSpec, locate_dataset
from seqboard.vision.errors import IdxFormatError, VisionError
from seqboard.vision.idx import read_idx

IMAGES_MAGIC = 0x00000803  # uint8, 3 dimensions
LABELS_MAGIC = 0x00000801  # uint8, 1 dimension
IMAGE_SIZE = 28
NUM_CLASSES = 10
TRAIN_COUNT, TEST_COUNT = 60_000, 10_000

MNIST = DatasetSpec(
    name="MNIST",
    folder="images/mnist",
    files=(
        "train-images-idx3-ubyte.gz",
        "train-labels-idx1-ubyte.gz",
        "t10k-images-idx3-ubyte.gz",
        "t10k-labels-idx1-ubyte.gz",
    ),
    source="http://yann.lecun.com/exdb/mnist/ (or a mirror whose files have the same MD5 sums)",
)


@dataclass(frozen=True)
class Split:
    """Images (N, 28, 28) uint8 and labels (N,) int64 of one split."""

    images: np.ndarray
    labels: np.ndarray

    def __len__(self) -> int:
        return len(self.labels)

    def head(self, count: int) -> "Split":
        """Return the first `count` examples."""
        return Split(self.images[:count], self.labels[:count])


@dataclass(frozen=True)
class Mnist:
    """The training and test splits."""

    train: Split
    test: Split


def load_mnist(data_root: str | Path | None = None) -> Mnist:
    """Load and check the four MNIST files; raise DatasetNotFoundError when any is missing.

    The arrays are read-only and cached per folder, so a second load in the same process
    costs nothing.
    """
    return _load_folder(locate_dataset(MNIST, data_root).resolve())


@lru_cache(maxsize=2)
def _load_folder(folder: Path) -> Mnist:
    train_images, train_labels, test_images, test_labels = (folder / name for name in MNIST.files)
    return Mnist(
        train=_load_split(train_images, train_labels, TRAIN_COUNT),
        test=_load_split(test_images, test_labels, TEST_COUNT),
    )


def _load_split(images_path: Path, labels_path: Path, count: int) -> Split:
    images = read_idx(images_path, expected_magic=IMAGES_MAGIC)
    labels = read_idx(labels_path, expected_magic=LABELS_MAGIC)

    if images.shape != (count, IMAGE_SIZE, IMAGE_SIZE):
        raise IdxFormatError(
            f"{images_path} contains images of shape {images.shape}, expected ({count}, 28, 28); "
            "is it an MNIST file?"
        )
    if labels.shape != (count,):
        raise IdxFormatError(f"{labels_path} contains {labels.shape} labels, expected ({count},); is it an MNIST file?")
    if labels.max() >= NUM_CLASSES:
        raise IdxFormatError(f"{labels_path} has label {labels.max()}, expected digits 0-9")
    labels = labels.astype(np.int64)
    images.flags.writeable = False
    labels.flags.writeable = False
    return Split(images, labels)


def fit_to_input(images: np.ndarray, input_shape: tuple[int, int, int]) -> Tensor:
    """Turn (N, 28, 28) uint8 digits into (N, C, H, W) uint8 for a model's input shape.

    Pads the digit with background equally on every side up to H x W; raises
    VisionError when the model takes another channel count or a smaller or oddly
    larger image.
    """
    channels, height, width = input_shape
    extra_h, extra_w = height - images.shape[1], width - images.shape[2]
    if channels != 1 or extra_h < 0 or extra_w < 0 or extra_h % 2 or extra_w % 2:
        raise VisionError(
            f"the model takes {channels} x {height} x {width} images, which MNIST's 1 x 28 x 28 digits "
            "cannot be padded to; choose an MNIST model (seqboard vision models lists them)"
        )

    tensor = torch.tensor(images).unsqueeze(1)  # (N, 1, 28, 28), a copy: the cached arrays are read-only
    pad_h, pad_w = extra_h // 2, extra_w // 2
    return torch.nn.functional.pad(tensor, (pad_w, pad_w, pad_h, pad_h))  # (N, 1, H, W)


def to_float(images: Tensor) -> Tensor:
    """Scale uint8 pixels to float32 in [0, 1], as the course's `x / 255`."""
    return images.float().div_(255.0)
