"""Reading SGF records: properties, setup, passes, and one clear error per kind of bad input."""

import io
import itertools
import tarfile
import zipfile

import pytest
from tests.go.conftest import DATA, at, plane_at

from seqboard.go.coords import BLACK, WHITE, from_gtp
from seqboard.go.errors import SgfError
from seqboard.go.features import extract_features
from seqboard.go.replay import (
    board_at,
    check_network_size,
    game_arrays,
    replay,
    replay_files,
    start_board,
)
from seqboard.go.sgf import iter_sgf_files, read_game, read_sgf_file


def read(name: str, **kwargs):
    path = DATA / name
    return read_game(path.read_bytes(), str(path), **kwargs)


def test_sgf_simple_game_with_passes():
    game = read("simple_9x9.sgf")
    assert game.size == 9
    assert game.komi == 6.5
    assert game.handicap == 0
    assert game.moves == (
        (BLACK, from_gtp("E5", 9)),
        (WHITE, from_gtp("C7", 9)),
        (BLACK, from_gtp("G3", 9)),
        (WHITE, None),  # W[]
        (BLACK, None),  # B[tt]
        (WHITE, from_gtp("D6", 9)),
    )


def test_sgf_handicap_white_moves_first():
    game = read("handicap_white_first.sgf")
    assert game.handicap == 2
    assert game.black_setup == (from_gtp("Q16", 19), from_gtp("D4", 19))
    board = start_board(game)
    assert board.to_play == WHITE
    assert board[from_gtp("D4", 19)] == BLACK

    planes = extract_features(board)
    assert plane_at(planes, "stone_colour", board, "Q16") == 1  # the opponent's, for white
    assert plane_at(planes, "turns_since", board, "D4") == 7  # setup: 8 or more turns
    assert plane_at(planes, "stone_colour", board, "R4") == 2


def test_sgf_setup_and_player_to_move():
    game = read("setup_pl.sgf")
    assert game.first_player == WHITE
    assert game.black_setup == (from_gtp("A9", 9), from_gtp("B9", 9))
    assert game.white_setup == (from_gtp("A8", 9),)
    board = board_at(game, 2)
    assert board[from_gtp("C9", 9)] == BLACK
    assert board.to_play == WHITE


def test_sgf_main_line_only():
    game = read("variations.sgf")
    assert [point for _, point in game.moves] == [
        from_gtp("E5", 9), from_gtp("C7", 9), from_gtp("G3", 9)
    ]


def test_sgf_non_utf8_comments_are_read():
    game = read("latin1_comment.sgf")
    assert len(game.moves) == 2


def test_sgf_deep_variations_no_recursion_error(tmp_path):
    depth = 20_000
    text = "(;GM[1]FF[4]SZ[19]" + "".join(
        f"(;{'B' if i % 2 == 0 else 'W'}[]" for i in range(depth)
    ) + ")" * depth + ")"
    game = read_game(text.encode(), "deep.sgf")
    assert len(game.moves) == depth


@pytest.mark.parametrize(
    "name, reason, move_number",
    [
        ("occupied.sgf", "illegal move", 2),
        ("unbalanced.sgf", "malformed SGF", None),
        ("off_board.sgf", "invalid move", 2),
        ("bad_komi.sgf", "bad property", None),
        ("not_sgf.sgf", "not SGF", None),
        ("empty.sgf", "empty file", None),
    ],
)
def test_sgf_bad_input_raises_one_clear_error(name, reason, move_number):
    with pytest.raises(SgfError) as caught:
        game = read(name)
        for _ in replay(game):
            pass
    assert caught.value.reason == reason
    assert caught.value.move_number == move_number
    assert name in str(caught.value)
    if move_number is not None:
        assert f"move {move_number}" in str(caught.value)


def test_sgf_occupied_error_names_move_and_colour():
    with pytest.raises(SgfError, match=r"move 2: illegal move white E5 \(occupied\)"):
        for _ in replay(read("occupied.sgf")):
            pass


def test_sgf_too_large_rejected(tmp_path):
    path = tmp_path / "huge.sgf"
    path.write_bytes(b"(;SZ[19]" + b"C[" + b"x" * 2_000_000 + b"])")
    (record,) = iter_sgf_files([path], max_bytes=1_000_000)
    with pytest.raises(SgfError, match="over the limit of 1,000,000 bytes") as caught:
        read_sgf_file(record)
    assert caught.value.reason == "too large"


def test_sgf_wrong_size_for_network():
    game = read("size_13.sgf")
    with pytest.raises(SgfError, match="board size 13x13") as caught:
        check_network_size(game, 19)
    assert caught.value.reason == "wrong board size"
    with pytest.raises(SgfError):
        game_arrays(game)


def test_sgf_game_arrays_skip_passes():
    game = read("handicap_white_first.sgf")
    planes, moves = game_arrays(game)
    assert planes.shape == (3, 48, 19, 19)
    # W[qp] is R4: row 15, column 16; B[oq] is P3: row 16, column 14; W[dd] is D16.
    assert moves.tolist() == [15 * 19 + 16, 16 * 19 + 14, 3 * 19 + 3]


def test_sgf_streams_tar_and_zip_archives(tmp_path):
    names = ["simple_9x9.sgf", "occupied.sgf"]
    with tarfile.open(tmp_path / "games.tar.gz", "w:gz") as archive:
        for name in names:
            archive.add(DATA / name, arcname=f"folder/{name}")
    with zipfile.ZipFile(tmp_path / "games.zip", "w") as archive:
        for name in names:
            archive.write(DATA / name, arcname=name)
        archive.writestr("notes.txt", "not a game")

    records = list(iter_sgf_files([tmp_path]))
    assert [r.name.split(":")[-1] for r in records] == [
        "folder/simple_9x9.sgf", "folder/occupied.sgf", "simple_9x9.sgf", "occupied.sgf"
    ]


def test_sgf_damaged_archive_is_one_skipped_record(tmp_path):
    path = tmp_path / "broken.tar.xz"
    path.write_bytes(b"not an xz stream at all")
    (record,) = iter_sgf_files([path])
    with pytest.raises(SgfError) as caught:
        read_sgf_file(record)
    assert caught.value.reason == "unreadable archive"


def test_sgf_missing_path_raises():
    with pytest.raises(SgfError, match="not found"):
        list(iter_sgf_files([DATA / "no_such_file.sgf"]))


def test_sgf_batch_counts_bad_files_and_goes_on():
    errors = []
    summary = replay_files([DATA], on_error=errors.append)
    assert summary.games_read == 12
    assert summary.skipped == {
        "illegal move": 1, "malformed SGF": 1, "invalid move": 1, "bad property": 1,
        "not SGF": 1, "empty file": 1,
    }
    assert len(errors) == 6
    # simple 6 + handicap 3 + setup_pl 2 + latin1 2 + size_13 2 + variations 3
    assert summary.positions == 18


def test_sgf_kgs_sample_replays_with_features(kgs_archives):
    records = itertools.islice(iter_sgf_files(kgs_archives[:1]), 40)
    positions = 0
    for record in records:
        planes, moves = game_arrays(read_sgf_file(record))
        assert planes.shape[1:] == (48, 19, 19)
        positions += len(moves)
    assert positions > 0
