"""Phrase extraction from SST's PTB trees."""

from seqboard.text.sst_trees import load_phrases, tree_phrases


def test_tree_phrases_every_node():
    nodes = list(tree_phrases("(3 (2 The) (4 (2 Rock) (3 rocks)))"))
    assert nodes == [(2, "The"), (2, "Rock"), (3, "rocks"), (4, "Rock rocks"), (3, "The Rock rocks")]


def test_tree_phrases_leaf_with_space():
    assert list(tree_phrases("(2 (2 8 1\\/2) (2 weeks))"))[0] == (2, "8 1\\/2")


def test_load_phrases_binary_drops_neutral_and_duplicates(tmp_path):
    path = tmp_path / "trees.txt"
    path.write_text("(4 (2 a) (4 (3 Good) (4 film)))\n(1 (2 a) (0 (1 bad) (0 film)))\n(3 (3 good))\n", encoding="utf-8")
    phrases = {(e.label, e.text) for e in load_phrases(path, binary=True)}
    # Fine labels 3-4 -> 1, 0-1 -> 0; every "(2 ...)" node is dropped; "good" appears once.
    assert phrases == {(1, "good"), (1, "film"), (1, "good film"), (1, "a good film"),
                       (0, "bad"), (0, "film"), (0, "bad film"), (0, "a bad film")}


def test_load_phrases_real_counts(data_root):
    path = data_root / "text" / "sst_trees" / "train.txt"
    # Distinct (label, phrase) pairs, as counted independently for the data's provenance notes.
    assert len(load_phrases(path, binary=False)) == 157_401
    assert len(load_phrases(path, binary=True)) == 77_201
