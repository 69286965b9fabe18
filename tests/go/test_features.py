"""The 48 feature planes on positions drawn in ASCII, each value counted by hand.

`plane_at` returns which plane of a family is set at a point: for "liberties" plane 0 means
1 liberty, for "capture_size" plane 0 means 0 stones captured, and so on (see features.py).
"""

import numpy as np
from tests.go.conftest import at, plane_at

from seqboard.go.board import Board
from seqboard.go.coords import BLACK, WHITE
from seqboard.go.features import FAMILIES, FIRST_PLANE, NUM_PLANES, extract_features


def test_features_plane_counts_sum_to_48():
    assert NUM_PLANES == 48
    assert [f.planes for f in FAMILIES] == [3, 1, 8, 8, 8, 8, 8, 1, 1, 1, 1]
    assert FIRST_PLANE["zeros"] == 47


def test_features_shape_and_dtype():
    planes = extract_features(Board(19))
    assert planes.shape == (48, 19, 19)
    assert planes.dtype == np.uint8


def test_features_stone_colour_relative_to_player():
    board = Board.from_ascii(
        """
        X . .
        . O .
        . . .
        """,
        to_play=WHITE,
    )
    planes = extract_features(board)
    assert plane_at(planes, "stone_colour", board, "B2") == 0  # white's own stone
    assert plane_at(planes, "stone_colour", board, "A3") == 1  # the opponent's
    assert plane_at(planes, "stone_colour", board, "C1") == 2  # empty


def test_features_ones_and_zeros():
    planes = extract_features(Board(5))
    assert planes[FIRST_PLANE["ones"]].sum() == 25
    assert planes[FIRST_PLANE["zeros"]].sum() == 0


def test_features_turns_since_counts_passes_and_setup():
    board = Board.from_ascii(
        """
        X . . . .
        . . . . .
        . . . . .
        . . . . .
        . . . . .
        """,
        to_play=BLACK,
    )
    for gtp in ["C3", "D4", "B2"]:
        board.play(at(board, gtp))
    board.play(None)  # white passes
    planes = extract_features(board)
    assert plane_at(planes, "turns_since", board, "B2") == 1  # played 2 moves ago
    assert plane_at(planes, "turns_since", board, "D4") == 2  # 3 moves ago
    assert plane_at(planes, "turns_since", board, "C3") == 3  # 4 moves ago
    assert plane_at(planes, "turns_since", board, "A5") == 7  # setup stone: 8 or more
    assert plane_at(planes, "turns_since", board, "E1") is None


def test_features_turns_since_eight_or_more():
    board = Board(9)
    for gtp in ["A1", "B1", "C1", "D1", "E1", "F1", "G1", "H1", "J1"]:
        board.play(at(board, gtp))
    planes = extract_features(board)
    assert plane_at(planes, "turns_since", board, "J1") == 0
    assert plane_at(planes, "turns_since", board, "B1") == 7  # 8 moves ago
    assert plane_at(planes, "turns_since", board, "A1") == 7  # 9 moves ago


def test_features_liberties_edge_corner_and_large():
    board = Board.from_ascii(
        """
        X . . . . .
        . . . . . .
        . . O O O O
        . . O . . .
        . . . . . .
        . . . . . X
        """
    )
    planes = extract_features(board)
    assert plane_at(planes, "liberties", board, "A6") == 1  # corner: A5, B6
    assert plane_at(planes, "liberties", board, "F1") == 1  # corner: E1, F2
    # O C4 D4 E4 F4 C3: C5 D5 E5 F5, B4, B3, C2, D3 E3 F3 = 10, so 8 or more.
    assert plane_at(planes, "liberties", board, "D4") == 7
    assert plane_at(planes, "liberties", board, "B2") is None


def test_features_capture_size_several_chains_at_once():
    board = Board.from_ascii(
        """
        O O . X .
        X X O X .
        . . X . .
        . . . . .
        . . . . .
        """,
        to_play=BLACK,
    )
    planes = extract_features(board)
    assert plane_at(planes, "capture_size", board, "C5") == 3  # A5 B5 and C4
    assert plane_at(planes, "capture_size", board, "E1") == 0
    assert plane_at(planes, "capture_size", board, "D4") is None  # occupied
    # After C5: C5 D5 D4 has B5, C4, E5, E4 and D3.
    assert plane_at(planes, "liberties_after", board, "C5") == 4


def test_features_capture_size_seven_or_more():
    board = Board.from_ascii(
        """
        O O O O O O O O .
        X X X X X X X X X
        . . . . . . . . .
        . . . . . . . . .
        . . . . . . . . .
        . . . . . . . . .
        . . . . . . . . .
        . . . . . . . . .
        . . . . . . . . .
        """,
        to_play=BLACK,
    )
    planes = extract_features(board)
    assert plane_at(planes, "capture_size", board, "J9") == 7  # eight stones: 7 or more
    # The black row gains A9 to H9 and keeps row 7: 17 liberties, so 8 or more.
    assert plane_at(planes, "liberties_after", board, "J9") == 7


def test_features_ko_capture_then_retake_forbidden():
    board = Board.from_ascii(
        """
        . X O . .
        X O . O .
        . X O . .
        . . . . .
        . . . . .
        """,
        to_play=BLACK,
    )
    planes = extract_features(board)
    assert plane_at(planes, "capture_size", board, "C4") == 1
    assert plane_at(planes, "liberties_after", board, "C4") == 0  # only B4 after the capture

    board.play(at(board, "C4"))
    planes = extract_features(board)  # white to move; B4 is the ko
    assert plane_at(planes, "capture_size", board, "B4") is None
    assert plane_at(planes, "liberties_after", board, "B4") is None
    assert plane_at(planes, "sensibleness", board, "B4") is None


def test_features_snapback_capture_is_self_atari():
    board = Board.from_ascii(
        """
        . . . . .
        . . . . .
        O O O . .
        X X X O .
        O . X O .
        """,
        to_play=BLACK,
    )
    planes = extract_features(board)
    # B1 takes the white stone A1 but leaves A2 B2 C2 C1 B1 with A1 as the only liberty.
    assert plane_at(planes, "capture_size", board, "B1") == 1
    assert plane_at(planes, "liberties_after", board, "B1") == 0
    assert plane_at(planes, "self_atari_size", board, "B1") == 4  # five stones


def test_features_self_atari_of_large_chain():
    board = Board.from_ascii(
        """
        O O O O O
        X X X X O
        X X X X O
        X . . X O
        O O O O O
        """,
        to_play=BLACK,
    )
    planes = extract_features(board)
    # Black B2 joins the ten black stones, leaving eleven with C2 as their last liberty.
    assert plane_at(planes, "self_atari_size", board, "B2") == 7  # 8 or more
    assert plane_at(planes, "capture_size", board, "B2") == 0
    assert plane_at(planes, "liberties_after", board, "B2") == 0


def test_features_self_atari_absent_with_two_liberties():
    board = Board(5)
    planes = extract_features(board)
    assert plane_at(planes, "self_atari_size", board, "A1") is None
    assert plane_at(planes, "liberties_after", board, "A1") == 1  # corner: A2 and B1
    assert plane_at(planes, "liberties_after", board, "C1") == 2  # edge
    assert plane_at(planes, "liberties_after", board, "C3") == 3  # centre


def test_features_sensibleness_own_eyes():
    board = Board.from_ascii(
        """
        . X . . . . .
        X X . . . . .
        . . . X . . .
        . . X . X . .
        . . O X . . .
        . . . . . . .
        . . . . . . .
        """,
        to_play=BLACK,
    )
    planes = extract_features(board)
    assert plane_at(planes, "sensibleness", board, "A7") is None  # corner eye
    assert plane_at(planes, "sensibleness", board, "D4") is None  # one opponent diagonal
    assert plane_at(planes, "sensibleness", board, "C7") == 0  # C6 is empty
    assert plane_at(planes, "sensibleness", board, "G1") == 0


def test_features_sensibleness_false_eyes_are_sensible():
    board = Board.from_ascii(
        """
        X . X . . .
        O X . . . .
        . . . X . .
        . . X . X .
        . . O X O .
        . . . . . .
        """,
        to_play=BLACK,
    )
    planes = extract_features(board)
    assert plane_at(planes, "sensibleness", board, "B6") == 0  # edge, O A5 on a diagonal
    assert plane_at(planes, "sensibleness", board, "D3") == 0  # centre, two O diagonals


def test_features_sensibleness_opponent_eye_is_illegal():
    board = Board.from_ascii(
        """
        . O .
        O O .
        . . .
        """,
        to_play=BLACK,
    )
    planes = extract_features(board)
    assert plane_at(planes, "sensibleness", board, "A3") is None  # suicide
    assert plane_at(planes, "capture_size", board, "A3") is None


LADDER = """
    . . . . . . . . .
    . . . . . . . . .
    . . . . . . . . .
    . . . . . . . . .
    . . . . . . . . .
    . . X O . . . . .
    . . . X X . . . .
    . . . . . . . . .
    . . . . . . . . .
"""

# The same, with a white stone at G7 on the ladder's path up and to the right.
LADDER_BROKEN = """
    . . . . . . . . .
    . . . . . . . . .
    . . . . . . O . .
    . . . . . . . . .
    . . . . . . . . .
    . . X O . . . . .
    . . . X X . . . .
    . . . . . . . . .
    . . . . . . . . .
"""


def test_features_ladder_capture_works():
    board = Board.from_ascii(LADDER, to_play=BLACK)
    planes = extract_features(board)
    # D5 leaves O D4 the single liberty E4; each extension has two liberties until the edge.
    assert plane_at(planes, "ladder_capture", board, "D5") == 0
    # E4 lets white extend to D5 with three liberties (C5, D6, E5).
    assert plane_at(planes, "ladder_capture", board, "E4") is None


def test_features_ladder_capture_broken_by_breaker():
    board = Board.from_ascii(LADDER_BROKEN, to_play=BLACK)
    planes = extract_features(board)
    assert plane_at(planes, "ladder_capture", board, "D5") is None
    assert plane_at(planes, "ladder_capture", board, "E4") is None


def test_features_ladder_escape_fails_without_breaker():
    board = Board.from_ascii(LADDER, to_play=BLACK)
    board.play(at(board, "D5"))  # atari: white to move, only liberty E4
    planes = extract_features(board)
    assert plane_at(planes, "ladder_escape", board, "E4") is None


def test_features_ladder_escape_works_with_breaker():
    board = Board.from_ascii(LADDER_BROKEN, to_play=BLACK)
    board.play(at(board, "D5"))
    planes = extract_features(board)
    assert plane_at(planes, "ladder_escape", board, "E4") == 0


def test_features_ladder_escape_with_three_liberties():
    board = Board.from_ascii(
        """
        . . . . .
        . . X . .
        . X O X .
        . . . . .
        . . . . .
        """,
        to_play=WHITE,
    )
    planes = extract_features(board)
    # O C3 in atari extends to C2 with B2, D2 and C1.
    assert plane_at(planes, "ladder_escape", board, "C2") == 0
