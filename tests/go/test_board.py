"""Board rules on positions drawn in ASCII, with points named in GTP notation."""

import numpy as np
import pytest
from tests.go.conftest import at
from hypothesis import given, settings
from hypothesis import strategies as st

from seqboard.go.board import Board, popcount, rebuild_chains
from seqboard.go.coords import BLACK, EMPTY, WHITE
from seqboard.go.errors import GoError, IllegalMoveError


def test_board_liberties_counted_once_when_shared():
    board = Board.from_ascii(
        """
        . . . . .
        . X X . .
        . X . . .
        . . . . .
        . . . . .
        """
    )
    # The chain B4 C4 B3 has liberties B5 C5 A4 D4 A3 C3 B2: C3 touches two stones.
    assert board.liberty_count(at(board, "B4")) == 7
    assert sorted(board.chain_points(at(board, "C4"))) == [(1, 1), (1, 2), (2, 1)]


def test_board_capture_single_stone_in_corner():
    board = Board.from_ascii(
        """
        O X .
        . . .
        . . .
        """
    )
    board.play(at(board, "A2"))
    assert board[at(board, "A3")] == EMPTY
    assert board.liberty_count(at(board, "B3")) == 3  # A3, C3 and B2
    assert board.liberty_count(at(board, "A2")) == 3  # A3, B2 and A1


def test_board_captures_two_chains_at_once():
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
    # O A5 B5 and O C4 each have C5 as their last liberty.
    board.play(at(board, "C5"))
    for gtp in ["A5", "B5", "C4"]:
        assert board[at(board, gtp)] == EMPTY
    # C5 D5 D4 now has B5, C4, E5, E4 and D3.
    assert board.liberty_count(at(board, "C5")) == 5


def test_board_suicide_is_illegal():
    board = Board.from_ascii(
        """
        . X .
        X . .
        . . .
        """,
        to_play=WHITE,
    )
    assert board.legality(at(board, "A3")) == "suicide"
    with pytest.raises(IllegalMoveError) as caught:
        board.play(at(board, "A3"))
    assert caught.value.reason == "suicide"
    assert "white A3" in str(caught.value)
    assert " 3 . X . 3" in str(caught.value)


def test_board_multi_stone_suicide_is_illegal():
    board = Board.from_ascii(
        """
        O . X .
        O X . .
        X . . .
        . . . .
        """,
        to_play=WHITE,
    )
    # O B4 would join A4 A3 and leave the chain with no liberty.
    assert board.legality(at(board, "B4")) == "suicide"


def test_board_occupied_is_illegal():
    board = Board(9)
    board.play(at(board, "E5"))
    with pytest.raises(IllegalMoveError) as caught:
        board.play(at(board, "E5"))
    assert caught.value.reason == "occupied"
    assert "white E5 (occupied)" in str(caught.value)


def test_board_ko_retake_illegal_until_played_elsewhere():
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
    board.play(at(board, "C4"))  # captures O B4
    assert board[at(board, "B4")] == EMPTY
    assert board.ko == at(board, "B4")
    assert board.legality(at(board, "B4")) == "ko"
    with pytest.raises(IllegalMoveError, match=r"white B4 \(ko\)"):
        board.play(at(board, "B4"))

    board.play(at(board, "E1"))  # white plays elsewhere
    board.play(at(board, "E2"))  # black replies
    assert board.is_legal(at(board, "B4"))
    board.play(at(board, "B4"))
    assert board[at(board, "C4")] == EMPTY


def test_board_pass_clears_ko_and_switches_player():
    board = Board.from_ascii(
        """
        . X O .
        X O . O
        . X O .
        . . . .
        """,
        to_play=BLACK,
    )
    board.play(at(board, "C3"))
    assert board.ko is not None
    board.play(None)
    assert board.ko is None
    assert board.to_play == BLACK
    assert board.history[-1] == (WHITE, None)
    assert board.consecutive_passes == 1


def test_board_snapback_recapture_is_not_ko():
    board = Board.from_ascii(
        """
        . . . . .
        . . . . .
        O O O . .
        X X X O .
        . . X O .
        """,
        to_play=WHITE,
    )
    # X A2 B2 C2 C1 has liberties A1 and B1. White throws in at A1.
    board.play(at(board, "A1"))
    assert board.liberty_count(at(board, "A1")) == 1
    assert board.liberty_count(at(board, "A2")) == 1

    # Black takes the one stone with B1; the five black stones are left with A1 only.
    board.play(at(board, "B1"))
    assert board[at(board, "A1")] == EMPTY
    assert board.ko is None
    assert board.liberty_count(at(board, "B1")) == 1

    # White retakes at once: five stones, so no ko forbids it.
    board.play(at(board, "A1"))
    for gtp in ["A2", "B2", "C2", "C1", "B1"]:
        assert board[at(board, gtp)] == EMPTY
    assert board.liberty_count(at(board, "A1")) == 2


def test_board_ascii_round_trip():
    board = Board(5)
    for gtp in ["C3", "D4", "B2"]:
        board.play(at(board, gtp))
    again = Board.from_ascii(str(board))
    assert np.array_equal(again.colours(), board.colours())


def test_board_setup_without_liberties_rejected():
    with pytest.raises(GoError, match="no liberties"):
        Board.from_ascii(
            """
            X O .
            O . .
            . . .
            """
        )


def test_board_size_two_and_twenty_five():
    small = Board(2)
    small.play((0, 0))
    small.play((1, 1))
    assert small.legality((0, 1)) is None
    big = Board(25)
    big.play(at(big, "Z25"))
    assert big.liberty_count((0, 24)) == 2


def _liberties_by_rebuild(board: Board) -> dict:
    """Recount every chain's liberties from the stones alone."""
    fresh = board.copy()
    rebuild_chains(
        fresh.colour, fresh.chain, fresh.next_stone, fresh.chain_size, fresh.liberties,
        fresh.width,
    )
    return {p: popcount(fresh.liberties[fresh.chain[p]]) for p in np.flatnonzero(fresh.chain >= 0)}


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, 48), min_size=1, max_size=150))
def test_board_incremental_liberties_match_rebuild(moves):
    board = Board(7)
    for index in moves:
        point = divmod(index, 7)
        if board.is_legal(point):
            board.play(point)
        else:
            board.play(None)
    expected = _liberties_by_rebuild(board)
    actual = {p: popcount(board.liberties[board.chain[p]]) for p in np.flatnonzero(board.chain >= 0)}
    assert actual == expected
