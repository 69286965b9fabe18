"""Padded and packed batches, laid out by hand."""

import torch

from seqboard.text.batching import batches, pack_batch, pad_batch


def test_pad_batch_layout():
    # pad_left 2, then the words, then padding to the longest (3) plus pad_right 3.
    got = pad_batch([[7, 8], [9, 4, 5]], pad_left=2, pad_right=3)
    assert got.tolist() == [[0, 0, 7, 8, 0, 0, 0, 0], [0, 0, 9, 4, 5, 0, 0, 0]]


def test_pack_batch_layout():
    # 2 padding tokens, then each sentence followed by 3: 2 + (2 + 3) + (0 + 3) + (1 + 3) = 14.
    packed = pack_batch([[7, 8], [], [9]], pad_left=2, pad_right=3)
    assert packed.ids.tolist() == [0, 0, 7, 8, 0, 0, 0, 0, 0, 0, 9, 0, 0, 0]
    assert packed.starts.tolist() == [2, 7, 10]
    assert packed.lengths.tolist() == [2, 0, 1]
    assert len(packed) == 3


def test_batches_cover_every_sentence_once():
    sentences = [[i + 2] for i in range(7)]
    seen = []
    for inputs, targets in batches(sentences, list(range(7)), 3, 4, 5, torch.Generator().manual_seed(0)):
        words = inputs.ids[inputs.starts].tolist()
        assert words == [t + 2 for t in targets.tolist()]
        seen += targets.tolist()
    assert sorted(seen) == list(range(7))
