"""The IDX reader and the MNIST loader, on the real files and on damaged copies."""

import gzip
import shutil

import numpy as np
import pytest

from seqboard.core.errors import DatasetNotFoundError
from seqboard.vision.errors import IdxFormatError
from seqboard.vision.idx import read_idx
from seqboard.vision.mnist import MNIST, fit_to_input, load_mnist


def write_idx(path, array: np.ndarray, type_byte: int = 0x08, compress: bool = False) -> None:
    header = bytes([0, 0, type_byte, array.ndim]) + b"".join(size.to_bytes(4, "big") for size in array.shape)
    payload = header + array.astype(array.dtype.newbyteorder(">")).tobytes()
    path.write_bytes(gzip.compress(payload) if compress else payload)


def test_mnist_counts_first_labels_pixel_range(mnist_root):
    data = load_mnist(mnist_root)
    assert data.train.images.shape == (60_000, 28, 28)
    assert data.test.images.shape == (10_000, 28, 28)
    # The first training digits are 5 0 4 1 9 and the first test digits 7 2 1 0 4.
    assert data.train.labels[:5].tolist() == [5, 0, 4, 1, 9]
    assert data.test.labels[:5].tolist() == [7, 2, 1, 0, 4]
    assert data.train.images.dtype == np.uint8
    assert data.train.images.min() == 0
    assert data.train.images.max() == 255


def test_mnist_class_counts(mnist_root):
    data = load_mnist(mnist_root)
    assert np.bincount(data.train.labels).tolist() == [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]
    assert np.bincount(data.test.labels).tolist() == [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]


def test_idx_canonical_copy_truncated_fails_checksum(mnist_root, tmp_path):
    source = mnist_root / "images" / "mnist" / "t10k-labels-idx1-ubyte.gz"
    damaged = tmp_path / source.name
    damaged.write_bytes(source.read_bytes()[:-100])
    with pytest.raises(IdxFormatError, match="MD5"):
        read_idx(damaged)


def test_idx_renamed_truncated_copy_is_reported(mnist_root, tmp_path):
    source = mnist_root / "images" / "mnist" / "t10k-labels-idx1-ubyte.gz"
    raw = gzip.decompress(source.read_bytes())
    damaged = tmp_path / "labels.idx"
    damaged.write_bytes(raw[:-10])
    with pytest.raises(IdxFormatError, match="truncated"):
        read_idx(damaged)


def test_idx_truncated_gzip_is_reported(mnist_root, tmp_path):
    source = mnist_root / "images" / "mnist" / "t10k-labels-idx1-ubyte.gz"
    damaged = tmp_path / "labels.gz"
    damaged.write_bytes(source.read_bytes()[:2000])
    with pytest.raises(IdxFormatError, match="gzip"):
        read_idx(damaged)


def test_idx_mislabelled_real_file_names_magic(mnist_root, tmp_path):
    # The real test labels saved under a non-canonical name and read as images.
    labels = tmp_path / "images.idx.gz"
    shutil.copy(mnist_root / "images" / "mnist" / "t10k-labels-idx1-ubyte.gz", labels)
    with pytest.raises(IdxFormatError, match="0x00000801, expected 0x00000803"):
        read_idx(labels, expected_magic=0x00000803)


def test_mnist_swapped_files_rejected(mnist_root, tmp_path):
    folder = tmp_path / "images" / "mnist"
    folder.mkdir(parents=True)
    real = mnist_root / "images" / "mnist"
    for name in MNIST.files:
        shutil.copy(real / name, folder / name)
    shutil.copy(real / "t10k-labels-idx1-ubyte.gz", folder / "t10k-images-idx3-ubyte.gz")
    with pytest.raises(IdxFormatError, match="t10k-images-idx3-ubyte.gz has MD5"):
        load_mnist(tmp_path)


def test_idx_magic_mismatch_message(tmp_path):
    path = tmp_path / "labels.idx"
    write_idx(path, np.arange(4, dtype=np.uint8))
    with pytest.raises(IdxFormatError, match="0x00000801, expected 0x00000803"):
        read_idx(path, expected_magic=0x00000803)


def test_idx_round_trip_types(tmp_path):
    for type_byte, dtype in ((0x08, np.uint8), (0x0B, np.int16), (0x0C, np.int32), (0x0D, np.float32)):
        array = np.arange(24, dtype=dtype).reshape(2, 3, 4)
        path = tmp_path / f"a{type_byte}.idx.gz"
        write_idx(path, array, type_byte, compress=True)
        np.testing.assert_array_equal(read_idx(path), array)


def test_idx_extra_bytes_rejected(tmp_path):
    path = tmp_path / "long.idx"
    write_idx(path, np.zeros((2, 2), np.uint8))
    path.write_bytes(path.read_bytes() + b"\x00")
    with pytest.raises(IdxFormatError, match="longer than its header"):
        read_idx(path)


def test_idx_not_idx_file(tmp_path):
    path = tmp_path / "notes.idx"
    path.write_text("hello")
    with pytest.raises(IdxFormatError, match="not an IDX file"):
        read_idx(path)


def test_mnist_missing_folder_names_files(tmp_path):
    with pytest.raises(DatasetNotFoundError) as caught:
        load_mnist(tmp_path)
    message = str(caught.value)
    for name in MNIST.files:
        assert name in message
    assert "yann.lecun.com" in message


def test_fit_to_input_pads_for_lenet():
    digits = np.full((2, 28, 28), 200, np.uint8)
    fitted = fit_to_input(digits, (1, 32, 32))
    assert tuple(fitted.shape) == (2, 1, 32, 32)
    assert fitted[:, :, 2:30, 2:30].min().item() == 200
    assert fitted[:, :, :2].max().item() == 0
    assert fitted[:, :, :, 30:].max().item() == 0
