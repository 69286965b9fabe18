"""The IDX file format of MNIST, plain or gzip-compressed.

An IDX file is a big-endian header followed by the data:

    bytes 0-1   0x00 0x00
    byte  2     element type: 0x08 uint8, 0x09 int8, 0x0B int16, 0x0C int32,
                0x0D float32, 0x0E float64
    byte  3     number of dimensions d
    4 * d bytes the size of each dimension, uint32 big-endian
    the data    prod(sizes) elements, big-endian, row-major

So MNIST's image files start 0x00000803 (uint8, 3 dimensions: count, rows, columns) and
its label files 0x00000801 (uint8, 1 dimension: count). `read_idx` checks that the data
is exactly as long as the header says; the canonical MNIST files are also checked
against their published checksums.
"""

import gzip
import hashlib
import zlib
from pathlib import Path

import numpy as np

from seqboard.vision.errors import IdxFormatError

GZIP_MAGIC = b"\x1f\x8b"

# IDX type byte -> numpy dtype (big-endian).
IDX_TYPES = {
    0x08: np.dtype(">u1"),
    0x09: np.dtype(">i1"),
    0x0B: np.dtype(">i2"),
    0x0C: np.dtype(">i4"),
    0x0D: np.dtype(">f4"),
    0x0E: np.dtype(">f8"),
}

# MD5 of the four canonical MNIST files as published (the sums torchvision checks).
CANONICAL_MD5 = {
    "train-images-idx3-ubyte.gz": "f68b3c2dcbeaaa9fbdd348bbdeb94873",
    "train-labels-idx1-ubyte.gz": "d53e105ee54ea40749a09fcbcd1e9432",
    "t10k-images-idx3-ubyte.gz": "9fb629c4189551a2d022fa330f9573f3",
    "t10k-labels-idx1-ubyte.gz": "ec29112dd5afa0611ce80d1b7f02629c",
}


def read_idx(path: str | Path, expected_magic: int | None = None, verify_checksum: bool = True) -> np.ndarray:
    """Read an IDX file (gzip or plain) into an array of the header's type and shape.

    Raises IdxFormatError when the file is truncated, longer than its header says, not
    an IDX file, of another magic number than `expected_magic`, or a canonical MNIST
    file whose MD5 does not match.
    """
    path = Path(path)
    raw = _read_bytes(path)
    if verify_checksum:
        verify_canonical_checksum(path, raw)
    data = _decompress(path, raw) if raw[:2] == GZIP_MAGIC else raw

    dtype, shape, offset = _parse_header(path, data, expected_magic)
    expected_bytes = int(np.prod(shape, dtype=np.int64)) * dtype.itemsize
    actual_bytes = len(data) - offset
    if actual_bytes != expected_bytes:
        problem = "truncated" if actual_bytes < expected_bytes else "longer than its header says"
        raise IdxFormatError(
            f"IDX file {path} is {problem}: header {shape} needs {expected_bytes:,} data bytes, "
            f"found {actual_bytes:,}; get a fresh copy of the file"
        )
    array = np.frombuffer(data, dtype=dtype, offset=offset).reshape(shape)
    return array.astype(dtype.newbyteorder("="))


def verify_canonical_checksum(path: Path, raw: bytes) -> None:
    """Raise IdxFormatError when `path` has a canonical MNIST name but not its MD5."""
    expected = CANONICAL_MD5.get(path.name)
    if expected is None:
        return
    actual = hashlib.md5(raw).hexdigest()
    if actual != expected:
        raise IdxFormatError(
            f"{path} has MD5 {actual}, but the canonical {path.name} has {expected}: the file is "
            "damaged or not the original; get a fresh copy of MNIST"
        )


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise IdxFormatError(f"IDX file {path} not found") from None
    except OSError as error:
        raise IdxFormatError(f"cannot read IDX file {path}: {error.strerror}") from None


def _decompress(path: Path, raw: bytes) -> bytes:
    try:
        return gzip.decompress(raw)
    except (EOFError, OSError, zlib.error) as error:
        raise IdxFormatError(
            f"IDX file {path} is a damaged or truncated gzip file ({error}); get a fresh copy of the file"
        ) from None


def _parse_header(path: Path, data: bytes, expected_magic: int | None) -> tuple[np.dtype, tuple[int, ...], int]:
    """Return the element type, shape and data offset from an IDX header."""
    if len(data) < 4 or data[0] != 0 or data[1] != 0 or data[2] not in IDX_TYPES:
        raise IdxFormatError(
            f"{path} is not an IDX file: it starts {data[:4].hex() or 'empty'}, expected "
            "00 00, a type byte (08 for uint8) and a dimension count"
        )
    magic = int.from_bytes(data[:4], "big")
    if expected_magic is not None and magic != expected_magic:
        raise IdxFormatError(
            f"{path} has IDX magic number 0x{magic:08x}, expected 0x{expected_magic:08x} "
            f"({describe_magic(expected_magic)}); is the file mislabelled?"
        )

    ndim = data[3]
    offset = 4 + 4 * ndim
    if len(data) < offset:
        raise IdxFormatError(f"IDX file {path} is truncated inside its header ({len(data)} bytes)")
    shape = tuple(int.from_bytes(data[4 + 4 * i : 8 + 4 * i], "big") for i in range(ndim))
    return IDX_TYPES[data[2]], shape, offset


def describe_magic(magic: int) -> str:
    """Describe an IDX magic number in words, e.g. 0x00000803 -> 'uint8, 3 dimensions'."""
    dtype = IDX_TYPES.get((magic >> 8) & 0xFF)
    type_name = dtype.name if dtype is not None else f"unknown type 0x{(magic >> 8) & 0xFF:02x}"
    return f"{type_name}, {magic & 0xFF} dimensions"
