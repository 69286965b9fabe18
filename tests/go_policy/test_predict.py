import numpy as np
import pytest
import torch

from seqboard.core.checkpoint import save_checkpoint
from seqboard.core.errors import CheckpointError
from seqboard.go.board import Board
from seqboard.go.coords import BLACK, from_gtp
from seqboard.go.errors import GoError
from seqboard.go.features import extract_features
from seqboard.go.policy import PolicyConfig, PolicyNet
from seqboard.go.predict import MovePredictor

SMALL = PolicyConfig(filters=8, layers=3)


@pytest.fixture
def predictor() -> MovePredictor:
    torch.manual_seed(0)
    return MovePredictor(PolicyNet(SMALL))


def corner_board() -> Board:
    """Black to play; White has stones on B19 and A18, so Black at A19 would be suicide."""
    rows = [". O . . . . . . . . . . . . . . . . .", "O . . . . . . . . . . . . . . . . . ."]
    drawing = "\n".join(rows + [" ".join("." * 19)] * 17)
    return Board.from_ascii(drawing, to_play=BLACK)


def test_predict_illegal_points_zero(predictor):
    board = corner_board()
    prediction = predictor.predict(board)
    probabilities = prediction.probabilities
    assert probabilities.shape == (19, 19)
    assert probabilities[from_gtp("B19", 19)] == 0  # occupied
    assert probabilities[from_gtp("A18", 19)] == 0  # occupied
    assert probabilities[from_gtp("A19", 19)] == 0  # suicide for Black
    assert (probabilities > 0).sum() == 361 - 3
    assert probabilities.sum() == pytest.approx(1.0, abs=1e-5)


def test_predict_top_sorted_legal_vertices(predictor):
    board = corner_board()
    prediction = predictor.predict(board)
    top = prediction.top(5)
    assert len(top) == 5
    assert [p for _, p in top] == sorted((p for _, p in top), reverse=True)
    assert all(board.is_legal(from_gtp(vertex, 19)) for vertex, _ in top)
    best = np.unravel_index(np.argmax(prediction.probabilities), (19, 19))
    assert from_gtp(top[0][0], 19) == tuple(int(i) for i in best)


def test_predict_logits_are_network_output(predictor):
    board = Board(19)
    planes = torch.from_numpy(extract_features(board))[None]
    with torch.no_grad():
        expected = predictor.model(planes).view(19, 19).numpy()
    assert np.allclose(predictor.predict(board).logits, expected, atol=1e-6)


def hand_symmetry(planes: np.ndarray, turns: int, flip: bool) -> np.ndarray:
    turned = np.rot90(planes, turns, axes=(-2, -1))
    return turned[..., ::-1] if flip else turned


def hand_inverse(plane: np.ndarray, turns: int, flip: bool) -> np.ndarray:
    unflipped = plane[..., ::-1] if flip else plane
    return np.rot90(unflipped, -turns, axes=(-2, -1))


def test_predict_symmetry_average_by_hand():
    torch.manual_seed(1)
    model = PolicyNet(SMALL)
    planes = np.random.default_rng(0).integers(0, 2, (48, 19, 19)).astype(np.uint8)
    averaged = MovePredictor(model, symmetries=8).predict_planes(planes)[0].probabilities

    expected = np.zeros((19, 19))
    for flip in (False, True):
        for turns in range(4):
            rotated = torch.from_numpy(hand_symmetry(planes, turns, flip).copy())[None]
            with torch.no_grad():
                probabilities = torch.softmax(model(rotated), dim=1).view(19, 19).numpy()
            expected += hand_inverse(probabilities, turns, flip) / 8
    assert np.allclose(averaged, expected, atol=1e-6)
    assert not np.allclose(averaged, MovePredictor(model).predict_planes(planes)[0].probabilities, atol=1e-4)


def test_predict_batch_equals_single(predictor):
    boards = [Board(19), corner_board()]
    batch = predictor.predict_batch(boards)
    for board, prediction in zip(boards, batch):
        assert np.allclose(prediction.probabilities, predictor.predict(board).probabilities, atol=1e-6)


def test_predict_checkpoint_round_trip(predictor, tmp_path):
    save_checkpoint(tmp_path / "checkpoint", "go.PolicyNet", SMALL.as_dict(), predictor.model.state_dict())
    loaded = MovePredictor.load(tmp_path / "checkpoint")
    board = corner_board()
    assert np.array_equal(loaded.predict(board).probabilities, predictor.predict(board).probabilities)


def test_predict_rejects_other_board_size(predictor):
    with pytest.raises(GoError, match="board is 9x9.*expects 19x19"):
        predictor.predict(Board(9))


@pytest.mark.parametrize(
    "planes",
    [np.zeros((47, 19, 19), np.uint8), np.zeros((48, 19, 19), np.float32), np.zeros((2, 48, 9, 9), np.uint8), [[0]]],
)
def test_predict_rejects_invalid_planes(predictor, planes):
    with pytest.raises(GoError, match="invalid feature planes"):
        predictor.predict_planes(planes)


def test_predict_rejects_move_past_end(predictor, tmp_path):
    sgf = tmp_path / "short.sgf"
    sgf.write_text("(;GM[1]FF[4]SZ[19];B[pd];W[dp];B[pp])")
    assert predictor.predict(sgf, 3).probabilities.sum() == pytest.approx(1.0, abs=1e-5)
    with pytest.raises(GoError, match="move number 4.*has 3 moves"):
        predictor.predict(sgf, 4)
    with pytest.raises(GoError, match="move number -1"):
        predictor.predict(sgf, -1)
    with pytest.raises(GoError, match="needs a move number"):
        predictor.predict(sgf)


def test_predict_sgf_position_after_moves(predictor, tmp_path):
    sgf = tmp_path / "short.sgf"
    sgf.write_text("(;GM[1]FF[4]SZ[19];B[pd];W[dp];B[pp])")
    probabilities = predictor.predict(sgf, 2).probabilities
    assert probabilities[from_gtp("Q16", 19)] == 0  # pd, Black's first stone
    assert probabilities[from_gtp("D4", 19)] == 0  # dp, White's stone
    assert probabilities[from_gtp("Q4", 19)] > 0  # pp is not played yet


def test_predict_load_missing(tmp_path):
    with pytest.raises(CheckpointError, match="not found"):
        MovePredictor.load(tmp_path / "nothing")


def test_predict_rejects_symmetry_count():
    with pytest.raises(GoError, match="symmetries 4"):
        MovePredictor(PolicyNet(SMALL), symmetries=4)
