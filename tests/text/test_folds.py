"""Stratified seeded folds and the dev hold-out."""

from collections import Counter

import pytest

from seqboard.text.datasets import Example, load_dataset
from seqboard.text.folds import fold_split, hold_out_dev, stratified_folds


def _examples(counts: dict[int, int]) -> list[Example]:
    return [Example(label, f"{label}-{i}") for label, n in counts.items() for i in range(n)]


def test_stratified_folds_sizes_and_cover():
    examples = _examples({0: 37, 1: 64})
    folds = stratified_folds(examples, 10, seed=3)
    sizes = sorted(len(fold) for fold in folds)
    # 101 examples over 10 folds: one fold of 11 and nine of 10.
    assert sizes == [10] * 9 + [11]
    assert sorted(i for fold in folds for i in fold) == list(range(101))


def test_stratified_folds_keep_class_share():
    examples = _examples({0: 300, 1: 700})
    for fold in stratified_folds(examples, 10, seed=0):
        assert Counter(examples[i].label for i in fold) == {0: 30, 1: 70}


def test_stratified_folds_fixed_by_seed():
    examples = _examples({0: 50, 1: 50})
    assert stratified_folds(examples, 5, seed=1) == stratified_folds(examples, 5, seed=1)
    assert stratified_folds(examples, 5, seed=1) != stratified_folds(examples, 5, seed=2)


def test_stratified_folds_invalid_count():
    with pytest.raises(ValueError, match="num_folds must be in"):
        stratified_folds(_examples({0: 3}), 1, seed=0)


def test_hold_out_dev_ten_percent_per_class():
    train, dev = hold_out_dev(_examples({0: 200, 1: 100}), 0.1, seed=0)
    assert Counter(e.label for e in dev) == {0: 20, 1: 10}
    assert len(train) == 270
    assert not set(train) & set(dev)


def test_fold_split_mr_disjoint(data_root):
    mr = load_dataset("mr", data_root)
    folds = stratified_folds(mr.train, 10, seed=0)
    assert sorted(len(f) for f in folds) == [1066] * 8 + [1067] * 2
    train, dev, test = fold_split(mr.train, folds, 0, 0.1, seed=0)
    assert len(train) + len(dev) + len(test) == 10662
    # MR has no duplicate lines, so sharing no text means sharing no example.
    assert not {e.text for e in test} & {e.text for e in train + dev}
    assert not {e.text for e in dev} & {e.text for e in train}
