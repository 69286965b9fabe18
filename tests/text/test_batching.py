"""Padded and packed batches, laid out by hand."""

import torch

from seqboard.text.batching import batches, fixed_batch_plan, pack_batch, pad_batch, planned_batches


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


def test_fixed_batch_plan_fills_last_batch():
    plan = fixed_batch_plan(12, 5, torch.Generator().manual_seed(0))
    # 12 examples in batches of 5: 3 batches, and 15 - 12 = 3 examples appear twice.
    assert [len(batch) for batch in plan] == [5, 5, 5]
    used = [index for batch in plan for index in batch]
    assert set(used) == set(range(12))
    assert len(used) - len(set(used)) == 3


def test_fixed_batch_plan_exact_multiple_and_seed():
    plan = fixed_batch_plan(10, 5, torch.Generator().manual_seed(1))
    assert sorted(index for batch in plan for index in batch) == list(range(10))
    assert fixed_batch_plan(10, 5, torch.Generator().manual_seed(1)) == plan


def test_planned_batches_keep_their_members():
    sequences = [[2 + i] for i in range(40)]
    labels = list(range(40))
    plan = fixed_batch_plan(40, 4, torch.Generator().manual_seed(0))
    epochs = []
    for seed in (1, 2):
        targets = [tuple(t.tolist()) for _, t in planned_batches(sequences, labels, plan, 4, 5, torch.Generator().manual_seed(seed))]
        # The labels are the example indices, so each batch is one batch of the plan.
        assert sorted(targets) == sorted(tuple(batch) for batch in plan)
        epochs.append(targets)
    # 10 batches: two seeds give the same order with probability 1 / 10!.
    assert epochs[0] != epochs[1]
