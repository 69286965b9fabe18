"""Dataset loaders against Kim's Table 1, and the user's label<TAB>sentence files."""

import pytest

from seqboard.core.errors import DatasetNotFoundError
from seqboard.text.datasets import SPECS, load_dataset, read_lines
from seqboard.text.errors import DataFileError, TextError
from seqboard.text.userdata import load_user_dataset

# Kim (2014), Table 1: N, the dataset size.
KIM_COUNTS = {"mr": 10662, "sst1": 11855, "sst2": 9613, "subj": 10000, "trec": 5952, "cr": 3775, "mpqa": 10606}
KIM_CLASSES = {"mr": 2, "sst1": 5, "sst2": 2, "subj": 2, "trec": 6, "cr": 2, "mpqa": 2}


@pytest.mark.parametrize("name", sorted(KIM_COUNTS))
def test_load_dataset_counts_match_kim(name, data_root):
    dataset = load_dataset(name, data_root)
    assert len(dataset) == KIM_COUNTS[name]
    assert len(dataset.label_names) == KIM_CLASSES[name]
    labels = {e.label for split in (dataset.train, dataset.dev, dataset.test) if split for e in split}
    assert labels == set(range(KIM_CLASSES[name]))


def test_load_dataset_standard_splits(data_root):
    sst1, sst2, trec = (load_dataset(name, data_root) for name in ("sst1", "sst2", "trec"))
    assert (len(sst1.train), len(sst1.dev), len(sst1.test)) == (8544, 1101, 2210)
    assert (len(sst2.train), len(sst2.dev), len(sst2.test)) == (6920, 872, 1821)
    assert (len(trec.train), trec.dev, len(trec.test)) == (5452, None, 500)
    assert not trec.cross_validated
    assert load_dataset("mr", data_root).cross_validated


def test_load_trec_class_counts(data_root):
    trec = load_dataset("trec", data_root)
    test_counts = {name: sum(e.label == i for e in trec.test) for i, name in enumerate(trec.label_names)}
    assert test_counts == {"DESC": 138, "NUM": 113, "ENTY": 94, "LOC": 81, "HUM": 65, "ABBR": 9}
    assert trec.train[0].text == "How did serfdom develop in and then leave Russia ?"


def test_load_mr_cp1252_keeps_nel_byte_inside_line(data_root):
    mr = load_dataset("mr", data_root)
    assert sum(e.label == 1 for e in mr.train) == 5331
    # Byte 0x85 is an ellipsis in cp1252, never a line break.
    assert any("\u2026" in e.text for e in mr.train)
    assert not any("\u0085" in e.text for e in mr.train)


def test_load_cr_keeps_empty_lines(data_root):
    cr = load_dataset("cr", data_root)
    assert sum(e.text.strip() == "" for e in cr.train) == 4


def test_read_lines_splits_on_newline_only(tmp_path):
    path = tmp_path / "nel.txt"
    path.write_bytes(b"one \x85 line\nsecond\n")
    assert read_lines(path, "latin-1") == ["one \x85 line", "second"]


def test_load_dataset_missing_folder_names_files(tmp_path):
    with pytest.raises(DatasetNotFoundError, match="rt-polarity.pos"):
        load_dataset("mr", tmp_path)
    assert "text/mr" in SPECS["mr"].folder


def test_load_dataset_unknown_name():
    with pytest.raises(TextError, match="unknown dataset 'imdb'"):
        load_dataset("imdb")


def test_load_user_dataset_tiny_files(tiny_files):
    dataset = load_user_dataset(*tiny_files)
    assert dataset.label_names == ("neg", "pos")
    assert (len(dataset.train), dataset.dev, len(dataset.test)) == (12, None, 4)
    assert dataset.train[0].label == 1
    assert dataset.train[0].text == "a gorgeous , witty , seductive movie ."


def test_load_user_dataset_line_without_tab(tmp_path, tiny_files):
    bad = tmp_path / "bad.tsv"
    bad.write_text("pos\tgood film\npos bad separator\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"bad.tsv, line 2: expected 'label<TAB>sentence'"):
        load_user_dataset(bad, tiny_files[1])


def test_load_user_dataset_non_utf8_byte(tmp_path, tiny_files):
    bad = tmp_path / "latin.tsv"
    bad.write_bytes(b"pos\tgood film\nneg\tna\xefve plot\n")
    with pytest.raises(DataFileError, match=r"latin.tsv, line 2: byte 0xef is not valid utf-8"):
        load_user_dataset(bad, tiny_files[1])


def test_load_user_dataset_unseen_test_label(tmp_path, tiny_files):
    test = tmp_path / "test.tsv"
    test.write_text("neutral\tan ordinary film\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="label 'neutral' does not occur in the training file"):
        load_user_dataset(tiny_files[0], test)


def test_load_user_dataset_missing_file(tmp_path, tiny_files):
    with pytest.raises(DataFileError, match="not found"):
        load_user_dataset(tmp_path / "absent.tsv", tiny_files[1])


def test_load_user_dataset_byte_order_mark_and_crlf(tmp_path, tiny_files):
    train = tmp_path / "bom.tsv"
    train.write_bytes("\ufeffpos\tgood film\r\nneg\tbad film\r\n".encode("utf-8"))
    dataset = load_user_dataset(train, train)
    assert dataset.label_names == ("neg", "pos")
    assert dataset.train[0].text == "good film"
