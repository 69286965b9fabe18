"""Coordinate conventions checked against each other at the corners, the centre and pass."""

import pytest

from seqboard.go import coords
from seqboard.go.errors import CoordinateError

# (row, col), GTP vertex, SGF point and move index on 19x19, written out by hand.
CORNERS_19 = [
    ((0, 0), "A19", "aa", 0),
    ((0, 18), "T19", "sa", 18),
    ((18, 0), "A1", "as", 342),
    ((18, 18), "T1", "ss", 360),
    ((3, 15), "Q16", "pd", 72),
    ((9, 9), "K10", "jj", 180),
]


@pytest.mark.parametrize("point, gtp, sgf, index", CORNERS_19)
def test_coords_corners_19(point, gtp, sgf, index):
    assert coords.to_gtp(point, 19) == gtp
    assert coords.from_gtp(gtp, 19) == point
    assert coords.to_sgf(point, 19) == sgf
    assert coords.from_sgf(sgf, 19) == point
    assert coords.to_index(point, 19) == index
    assert coords.from_index(index, 19) == point


def test_coords_gtp_against_sgf_every_point_9x9():
    for row in range(9):
        for col in range(9):
            gtp = coords.to_gtp((row, col), 9)
            sgf = coords.to_sgf((row, col), 9)
            assert coords.from_sgf(sgf, 9) == coords.from_gtp(gtp, 9)


def test_coords_corners_25x25():
    assert coords.to_gtp((0, 24), 25) == "Z25"
    assert coords.to_sgf((24, 24), 25) == "yy"
    assert coords.from_sgf("tt", 25) == (19, 19)


def test_coords_pass_in_every_system():
    assert coords.from_gtp("pass", 19) is None
    assert coords.from_gtp("PASS", 19) is None
    assert coords.to_gtp(None, 19) == "pass"
    assert coords.from_sgf("", 19) is None
    assert coords.from_sgf("tt", 19) is None
    assert coords.to_sgf(None, 19) == ""
    assert coords.to_index(None, 19) == 361
    assert coords.from_index(361, 19) is None


def test_coords_gtp_skips_i():
    assert coords.to_gtp((18, 8), 19) == "J1"
    with pytest.raises(CoordinateError):
        coords.from_gtp("I5", 19)


@pytest.mark.parametrize("bad", ["Z1", "A20", "A0", "", "Q", "16Q"])
def test_coords_gtp_invalid(bad):
    with pytest.raises(CoordinateError):
        coords.from_gtp(bad, 19)


@pytest.mark.parametrize("bad", ["ta", "zz", "a", "abc", "AB"])
def test_coords_sgf_invalid(bad):
    with pytest.raises(CoordinateError):
        coords.from_sgf(bad, 19)


@pytest.mark.parametrize("size", [1, 26, 0, "19"])
def test_coords_check_size_invalid(size):
    with pytest.raises(CoordinateError):
        coords.check_size(size)
