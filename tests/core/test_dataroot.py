"""The data root: --data-root, else $SEQBOARD_DATA, else ./data."""

from pathlib import Path

import pytest

from seqboard.core.dataroot import DatasetSpec, data_root, locate_dataset
from seqboard.core.errors import DatasetNotFoundError

SPEC = DatasetSpec("MR", "text/mr", ("rt-polarity.pos", "rt-polarity.neg"), "https://www.cs.cornell.edu/people/pabo/movie-review-data/")


def test_data_root_explicit_wins(monkeypatch):
    monkeypatch.setenv("SEQBOARD_DATA", "/from/environment")
    assert data_root("/explicit") == Path("/explicit")


def test_data_root_environment(monkeypatch):
    monkeypatch.setenv("SEQBOARD_DATA", "/from/environment")
    assert data_root(None) == Path("/from/environment")


def test_data_root_default(monkeypatch):
    monkeypatch.delenv("SEQBOARD_DATA", raising=False)
    assert data_root(None) == Path("data")


def test_locate_dataset_found(tmp_path):
    folder = tmp_path / "text" / "mr"
    folder.mkdir(parents=True)
    for name in SPEC.files:
        (folder / name).write_text("x\n")
    assert locate_dataset(SPEC, tmp_path) == folder


def test_locate_dataset_missing_names_files_folder_and_source(tmp_path):
    with pytest.raises(DatasetNotFoundError) as raised:
        locate_dataset(SPEC, tmp_path)
    message = str(raised.value)
    assert "rt-polarity.pos" in message
    assert str(tmp_path / "text" / "mr") in message
    assert "cornell.edu" in message
