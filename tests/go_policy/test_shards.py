import numpy as np
import pytest

from seqboard.go.shards import (
    ShardError,
    pack_planes,
    packed_width,
    read_index,
    read_shard,
    unpack_planes,
    write_shard,
)


def test_shards_packed_width_by_hand():
    # 48 planes of 19 x 19 points: 17,328 bits, 2,166 bytes.
    assert packed_width(48, 19) == 2166
    assert packed_width(1, 3) == 2  # 9 bits round up to 2 bytes


def test_shards_pack_round_trip(make_positions):
    planes, _ = make_positions(np.random.default_rng(1), 5)
    packed = pack_planes(planes)
    assert packed.shape == (5, 2166)
    assert packed.dtype == np.uint8
    assert np.array_equal(unpack_planes(packed, 48, 19), planes)


def test_shards_pack_bit_order():
    # The first plane's top-left point is the most significant bit of byte 0.
    planes = np.zeros((1, 1, 3, 3), dtype=np.uint8)
    planes[0, 0, 0, 0] = 1
    planes[0, 0, 2, 2] = 1
    assert pack_planes(planes).tolist() == [[0b10000000, 0b10000000]]


def test_shards_write_read_round_trip(tmp_path, make_positions):
    planes, moves = make_positions(np.random.default_rng(2), 7)
    write_shard(tmp_path / "train-00000.npz", planes, moves, games=2)
    shard = read_shard(tmp_path / "train-00000.npz")
    assert shard.moves.dtype == np.int16
    assert np.array_equal(shard.moves, moves)
    assert np.array_equal(shard.planes(), planes)
    assert np.array_equal(shard.planes(slice(2, 4)), planes[2:4])
    assert (shard.plane_shape, shard.games) == ((48, 19, 19), 2)
    assert [p.name for p in tmp_path.iterdir()] == ["train-00000.npz"]  # no temporary file left


def test_shards_rejects_mismatched_moves(tmp_path, make_positions):
    planes, moves = make_positions(np.random.default_rng(3), 4)
    with pytest.raises(ShardError, match="4 positions and 3 moves"):
        write_shard(tmp_path / "x.npz", planes, moves[:3], games=1)


def test_shards_read_missing_and_damaged(tmp_path):
    with pytest.raises(ShardError, match="not found"):
        read_shard(tmp_path / "missing.npz")
    (tmp_path / "bad.npz").write_bytes(b"not a numpy archive")
    with pytest.raises(ShardError, match="not a valid shard"):
        read_shard(tmp_path / "bad.npz")


def test_shards_index_round_trip(synthetic_folder):
    index = read_index(synthetic_folder)
    assert (index.planes, index.board_size) == (48, 19)
    assert index.positions("train") == 100 + 60 + 80 + 40
    assert [e.file for e in index.entries("validation")] == ["validation-00000.npz"]


def test_shards_index_missing(tmp_path):
    with pytest.raises(ShardError, match="seqboard go prepare"):
        read_index(tmp_path)
    with pytest.raises(ShardError, match="split 'dev' not found"):
        read_index(_folder_with_index(tmp_path)).entries("dev")


def _folder_with_index(folder):
    from seqboard.go.shards import write_index

    write_index(folder, 48, 19, {"train": []}, {})
    return folder
