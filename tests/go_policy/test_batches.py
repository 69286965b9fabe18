import numpy as np
import pytest
import torch

from seqboard.go.batches import TrainingStream, evaluation_batches, rank_entries
from seqboard.go.shards import ShardError, read_index, read_shard


def stream_moves(stream, start, count):
    return [moves.tolist() for _, moves in stream.batches(start, count)]


def test_batches_shapes_and_dtypes(synthetic_folder):
    stream = TrainingStream(read_index(synthetic_folder), batch_size=16, seed=0)
    planes, moves = next(iter(stream.batches(0, 1)))
    assert planes.shape == (16, 48, 19, 19)
    assert planes.dtype == torch.uint8
    assert moves.shape == (16,)
    assert moves.dtype == torch.int64


def test_batches_per_pass_from_index(synthetic_folder):
    # Windows of 4 shards hold all 280 positions: 280 // 16 = 17 batches.
    stream = TrainingStream(read_index(synthetic_folder), batch_size=16, seed=0)
    assert stream.batches_per_pass() == 17
    assert len(list(stream.batches(0, 40))) == 40  # the stream runs on past one pass


def test_batches_resume_matches_uninterrupted(synthetic_folder):
    index = read_index(synthetic_folder)
    whole = stream_moves(TrainingStream(index, 16, seed=5), 0, 30)
    resumed = stream_moves(TrainingStream(index, 16, seed=5), 21, 9)
    assert resumed == whole[21:]
    assert stream_moves(TrainingStream(index, 16, seed=6), 0, 30) != whole


def test_batches_pass_covers_each_position_once(synthetic_folder):
    index = read_index(synthetic_folder)
    stream = TrainingStream(index, batch_size=10, seed=0, window=10, symmetries=False)
    seen = torch.cat([planes.flatten(1) for planes, _ in stream.batches(0, 28)])  # 280 // 10 batches
    expected = np.concatenate([read_shard(index.path(e)).planes().reshape(-1, 48 * 361) for e in index.entries("train")])
    assert sorted(map(bytes, seen.numpy())) == sorted(map(bytes, expected))


def test_batches_symmetry_keeps_move_on_its_plane(synthetic_folder):
    # The synthetic move is the one point set in plane 0, under every symmetry.
    stream = TrainingStream(read_index(synthetic_folder), batch_size=32, seed=1)
    for planes, moves in stream.batches(0, 4):
        assert torch.equal(planes[:, 0].flatten(1).argmax(dim=1), moves)


def test_batches_ranks_read_disjoint_shards(synthetic_folder):
    index = read_index(synthetic_folder)
    first = {e.file for e in rank_entries(index, "train", 0, 2)}
    second = {e.file for e in rank_entries(index, "train", 1, 2)}
    assert first.isdisjoint(second)
    assert first | second == {e.file for e in index.entries("train")}


def test_batches_too_many_ranks(synthetic_folder):
    with pytest.raises(ShardError, match="rank 4 of 5 has no train shards"):
        rank_entries(read_index(synthetic_folder), "train", 4, 5)


def test_batches_evaluation_order_and_cap(synthetic_folder):
    index = read_index(synthetic_folder)
    moves = torch.cat([m for _, m in evaluation_batches(index, "validation", 16)])
    assert moves.tolist() == read_shard(index.path(index.entries("validation")[0])).moves.tolist()
    assert sum(len(m) for _, m in evaluation_batches(index, "validation", 16, max_positions=20)) == 20
