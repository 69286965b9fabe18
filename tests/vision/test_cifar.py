"""The CIFAR-10 loader on small batch files written here in the python-batch format."""

import hashlib
import os
import pickle

import numpy as np
import pytest

from seqboard.core.errors import DatasetNotFoundError
from seqboard.vision.cifar import CIFAR10, META, TEST_BATCH, TRAIN_BATCHES, CifarFormatError, load_cifar10, read_batch
from seqboard.vision.models import ConvNetJSCifar10


def write_batch(path, images: np.ndarray, labels: list[int]) -> None:
    """Write (N, 3, 32, 32) images as a python batch: rows of R, G, B planes, protocol 2."""
    batch = {b"batch_label": b"test", b"labels": labels, b"data": images.reshape(len(images), -1), b"filenames": []}
    path.write_bytes(pickle.dumps(batch, protocol=2))


@pytest.fixture
def cifar_root(tmp_path):
    folder = tmp_path / CIFAR10.folder
    folder.mkdir(parents=True)
    rng = np.random.default_rng(0)
    for index, name in enumerate((*TRAIN_BATCHES, TEST_BATCH)):
        images = rng.integers(0, 256, size=(4, 3, 32, 32), dtype=np.uint8)
        write_batch(folder / name, images, [index, (index + 1) % 10, 2, 3])
    names = [b"airplane", b"automobile", b"bird", b"cat", b"deer", b"dog", b"frog", b"horse", b"ship", b"truck"]
    (folder / META).write_bytes(pickle.dumps({b"label_names": names, b"num_vis": 3072}, protocol=2))
    return tmp_path


def md5_table(root) -> dict[str, str]:
    folder = root / CIFAR10.folder
    return {name: hashlib.md5((folder / name).read_bytes()).hexdigest() for name in os.listdir(folder)}


def test_cifar_loads_small_batches(cifar_root):
    data = load_cifar10(cifar_root, checksums=md5_table(cifar_root))
    assert data.train.images.shape == (20, 3, 32, 32)
    assert data.test.images.shape == (4, 3, 32, 32)
    assert data.train.labels[:2].tolist() == [0, 1]
    assert data.train.labels[4:6].tolist() == [1, 2]
    assert data.label_names[0] == "airplane"
    assert data.label_names[9] == "truck"


def test_cifar_pixel_layout_red_plane_first(tmp_path):
    image = np.zeros((1, 3, 32, 32), np.uint8)
    image[0, 0, 0, 1] = 200  # red, row 0, column 1
    image[0, 2, 1, 0] = 100  # blue, row 1, column 0
    path = tmp_path / "batch"
    write_batch(path, image, [5])
    flat = pickle.loads(path.read_bytes(), encoding="bytes")[b"data"][0]
    assert flat[1] == 200  # red plane, index row * 32 + column
    assert flat[2 * 1024 + 32] == 100  # blue plane starts at 2,048
    batch = read_batch(path)
    assert batch.images[0, 0, 0, 1] == 200
    assert batch.images[0, 2, 1, 0] == 100


def test_cifar_published_checksums_reject_other_files(cifar_root):
    with pytest.raises(CifarFormatError, match="data_batch_1 has MD5"):
        load_cifar10(cifar_root)


def test_cifar_pickle_with_code_rejected(tmp_path):
    path = tmp_path / "evil"
    path.write_bytes(pickle.dumps({b"data": os.getcwd, b"labels": []}, protocol=2))
    with pytest.raises(CifarFormatError, match="not allowed"):
        read_batch(path)


def test_cifar_wrong_row_size_rejected(tmp_path):
    path = tmp_path / "short"
    path.write_bytes(pickle.dumps({b"data": np.zeros((2, 100), np.uint8), b"labels": [0, 1]}, protocol=2))
    with pytest.raises(CifarFormatError, match="expected uint8"):
        read_batch(path)


def test_cifar_missing_folder_names_files(tmp_path):
    with pytest.raises(DatasetNotFoundError, match="data_batch_1"):
        load_cifar10(tmp_path)


def test_cifar_batch_feeds_convnetjs(cifar_root):
    import torch

    batch = read_batch(cifar_root / CIFAR10.folder / TEST_BATCH)
    logits = ConvNetJSCifar10()(torch.from_numpy(batch.images).float() / 255)
    assert tuple(logits.shape) == (4, 10)
