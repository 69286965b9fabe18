import numpy as np
import pytest
import torch

from seqboard.go.coords import from_gtp, to_gtp, to_index
from seqboard.go.errors import GoError
from seqboard.go.symmetry import inverse, move_permutation, random_symmetries, transform, transform_moves

SIZE = 19


@pytest.mark.parametrize("k", range(8))
def test_symmetry_inverse_round_trip(k):
    planes = np.arange(2 * SIZE * SIZE).reshape(2, SIZE, SIZE)
    assert np.array_equal(transform(transform(planes, k), inverse(k)), planes)
    moves = np.arange(SIZE * SIZE + 1)
    assert np.array_equal(transform_moves(transform_moves(moves, k, SIZE), inverse(k), SIZE), moves)


def test_symmetry_eight_distinct_maps():
    tables = {tuple(move_permutation(k, SIZE)) for k in range(8)}
    assert len(tables) == 8
    assert np.array_equal(move_permutation(0, SIZE), np.arange(SIZE * SIZE + 1))


@pytest.mark.parametrize("k", range(8))
def test_symmetry_moves_follow_planes(k):
    # A one-hot plane at each point lands on the point that the mapped move index names.
    for move in (0, 5, 18, 60, 180, 342, 360):
        plane = np.zeros((SIZE, SIZE))
        plane.flat[move] = 1
        assert int(np.argmax(transform(plane, k))) == transform_moves(move, k, SIZE)


def test_symmetry_corners_by_hand():
    # Symmetry 1 is a quarter turn counter-clockwise: the top-left corner goes to the
    # bottom-left, the top-right to the top-left. Symmetry 4 flips left to right.
    def moved(vertex, k):
        index = transform_moves(to_index(from_gtp(vertex, SIZE), SIZE), k, SIZE)
        return to_gtp(divmod(index, SIZE), SIZE)

    assert moved("A19", 1) == "A1"
    assert moved("T19", 1) == "A19"
    assert moved("Q16", 2) == "D4"
    assert moved("Q16", 4) == "D16"
    # Symmetry 5 turns (row, col) to (18 - col, row), then flips to (18 - col, 18 - row):
    # Q17 is (2, 15), so it lands on (3, 16), R16. Q16 lies on that mirror line.
    assert moved("Q17", 5) == "R16"
    assert moved("Q16", 5) == "Q16"


def test_symmetry_pass_maps_to_itself():
    for k in range(8):
        assert transform_moves(SIZE * SIZE, k, SIZE) == SIZE * SIZE


def test_symmetry_torch_matches_numpy():
    planes = np.random.default_rng(0).integers(0, 2, (3, 4, SIZE, SIZE)).astype(np.uint8)
    for k in range(8):
        assert np.array_equal(transform(torch.from_numpy(planes), k).numpy(), transform(planes, k))


def test_symmetry_random_keeps_pairs_aligned():
    generator = torch.Generator().manual_seed(3)
    moves = torch.randint(0, SIZE * SIZE, (64,))
    planes = torch.zeros(64, 2, SIZE, SIZE, dtype=torch.uint8)
    planes[torch.arange(64), 1, moves // SIZE, moves % SIZE] = 1
    new_planes, new_moves = random_symmetries(planes, moves, generator)
    assert torch.equal(new_planes[:, 1].flatten(1).argmax(dim=1), new_moves)
    assert not torch.equal(new_moves, moves)


@pytest.mark.parametrize("k", [-1, 8, 1.5])
def test_symmetry_rejects_invalid(k):
    with pytest.raises(GoError, match="symmetry"):
        inverse(k)
