"""The `seqboard go replay` and `seqboard go features` commands, run as a user would."""

import json

from tests.go.conftest import DATA

from seqboard.cli import main


def test_cli_replay_summary_and_problem_lines(capsys):
    status = main(["go", "replay", "--json", str(DATA)])
    out, err = capsys.readouterr()
    summary = json.loads(out)
    assert status == 1
    assert summary["games_read"] == 12
    assert summary["games_skipped"] == 6
    assert summary["skipped_by_reason"]["illegal move"] == 1
    assert len(err.strip().splitlines()) == 6
    assert "occupied.sgf: move 2: illegal move white E5 (occupied)" in err


def test_cli_replay_clean_file_exits_zero(capsys):
    status = main(["go", "replay", str(DATA / "simple_9x9.sgf")])
    out, _ = capsys.readouterr()
    assert status == 0
    assert "positions:         6" in out


def test_cli_features_draws_board_and_plane(capsys):
    status = main(["go", "features", str(DATA / "simple_9x9.sgf"), "--move", "2",
                   "--plane", "liberties"])
    out, _ = capsys.readouterr()
    assert status == 0
    assert "black to play" in out
    # E5 and C7 each have four liberties.
    assert " 5 . . . . 4 . . . . 5" in out
    assert " 7 . . 4 . . . . . . 7" in out


def test_cli_features_bad_move_number_is_one_line_error(capsys):
    status = main(["go", "features", str(DATA / "simple_9x9.sgf"), "--move", "40"])
    _, err = capsys.readouterr()
    assert status == 2
    assert err.count("\n") == 1
    assert "invalid move number 40" in err
