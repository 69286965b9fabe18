"""Multi-width convolution with max-over-time pooling."""

import torch
from torch.nn import functional as F

from seqboard.blocks import sentence
from seqboard.blocks.sentence import MultiWidthConv1d


def test_multi_width_output_size_kim():
    # windows 3, 4, 5 with 100 feature maps each -> 300 features
    block = MultiWidthConv1d(300)
    assert block(torch.zeros(4, 1, 20, 300)).shape == (4, 300)


def test_multi_width_max_over_time_by_hand():
    # One window of 2 over 1-d word vectors [1, 3, -2, 5]; the filter [1, 1] gives the
    # sums 4, 1, 3 and max-over-time pooling keeps 4.
    block = MultiWidthConv1d(1, windows=(2,), feature_maps=1)
    with torch.no_grad():
        block.convs[0].weight.fill_(1.0)
        block.biases.zero_()
    x = torch.tensor([1.0, 3.0, -2.0, 5.0]).view(1, 1, 4, 1)
    assert block(x).item() == 4.0


def test_multi_width_channels_share_filters_and_add():
    torch.manual_seed(0)
    block = MultiWidthConv1d(6, windows=(2, 3), feature_maps=4)
    static, tuned = torch.randn(2, 1, 7, 6), torch.randn(2, 1, 7, 6)

    # By hand: the same filter on each channel, results added, then bias, ReLU, max.
    expected = []
    for conv, bias in zip(block.convs, block.biases):
        summed = F.conv1d(static[:, 0].transpose(1, 2), conv.weight) + F.conv1d(tuned[:, 0].transpose(1, 2), conv.weight)
        expected.append(F.relu(summed + bias[None, :, None]).amax(dim=2))
    got = block(torch.cat([static, tuned], dim=1))
    torch.testing.assert_close(got, torch.cat(expected, dim=1))


def test_multi_width_pads_short_sentence():
    block = MultiWidthConv1d(5, windows=(3, 4, 5), feature_maps=2)
    assert block(torch.randn(1, 1, 1, 5)).shape == (1, 6)


def test_multi_width_parameter_count():
    # (3 + 4 + 5) * 300 * 100 filter weights + 3 * 100 biases = 360,300
    block = MultiWidthConv1d(300)
    assert sum(p.numel() for p in block.parameters()) == 360_300


def test_multi_width_packed_by_hand():
    # Two sentences of 1-d word vectors, [1, 3] and [5, -2], packed with zero padding:
    # 0 | 1 3 | 0 0 | 5 -2 | 0 0. The filter [1, 1] gives the window sums
    # 1 4 3 0 for the first sentence's windows and 5 3 -2 0 for the second's, so
    # max-over-time pooling keeps 4 and 5.
    block = MultiWidthConv1d(1, windows=(2,), feature_maps=1)
    with torch.no_grad():
        block.convs[0].weight.fill_(1.0)
        block.biases.zero_()
    x = torch.tensor([0.0, 1.0, 3.0, 0.0, 0.0, 5.0, -2.0, 0.0, 0.0]).view(1, 9, 1)  # (C, T, E)
    got = block.forward_packed(x, starts=torch.tensor([1, 5]), lengths=torch.tensor([2, 2]))
    assert got.flatten().tolist() == [4.0, 5.0]


def test_multi_width_packed_two_channels():
    # Each channel convolved by hand and the results added: the block's features and the
    # trained channel's gradient must match.
    torch.manual_seed(1)
    block = MultiWidthConv1d(4, windows=(2, 3), feature_maps=3)
    static = torch.randn(1, 12, 4)
    tuned = torch.randn(1, 12, 4, requires_grad=True)
    starts, lengths = torch.tensor([2, 8]), torch.tensor([3, 1])

    expected = []
    for conv, bias, h in zip(block.convs, block.biases, block.windows):
        summed = F.conv1d(static[0].t(), conv.weight) + F.conv1d(tuned[0].t(), conv.weight)  # (maps, T - h + 1)
        maps = F.relu(summed + bias[:, None])
        # Sentence i's windows start from starts[i] - h + 1 up to starts[i] + lengths[i].
        rows = [maps[:, s - h + 1 : s + n + 1].amax(dim=1) for s, n in zip(starts.tolist(), lengths.tolist())]
        expected.append(torch.stack(rows))
    expected = torch.cat(expected, dim=1)
    (expected_grad,) = torch.autograd.grad(expected.square().sum(), tuned)

    got = block.forward_packed(torch.cat([static, tuned]), starts, lengths)
    (got_grad,) = torch.autograd.grad(got.square().sum(), tuned)
    torch.testing.assert_close(got, expected)
    torch.testing.assert_close(got_grad, expected_grad)


def test_max_positions_both_layouts(monkeypatch):
    # One long sentence among short ones, with ties: each layout must return the first
    # position of each sentence's maximum, found here sentence by sentence.
    torch.manual_seed(2)
    feature_maps = torch.randint(0, 4, (3, 40)).float()  # (maps, P): small integers tie often
    first = torch.tensor([0, 26, 31, 35])
    counts = torch.tensor([25, 4, 3, 5])

    expected = torch.stack([f + feature_maps[:, f : f + c].argmax(dim=1) for f, c in zip(first.tolist(), counts.tolist())], dim=1)
    for limit in (0, 100):
        monkeypatch.setattr(sentence, "_PADDED_TABLE_LIMIT", limit)
        assert torch.equal(sentence._max_positions(feature_maps, first, counts), expected), limit


def test_multi_width_packed_long_sentence():
    # Lengths that vary this widely send the pooling to the layout without padding. The
    # features must still equal the padded batch's.
    torch.manual_seed(3)
    block = MultiWidthConv1d(4, windows=(2, 3), feature_maps=3)
    lengths = [40, 1, 1, 1, 1, 1, 1, 1]
    sentences = [torch.randn(n, 4) for n in lengths]

    # Both layouts put 2 zero vectors (widest window - 1) before each sentence and 3 after.
    padded = torch.zeros(len(lengths), 1, 2 + max(lengths) + 3, 4)
    pieces, starts, cursor = [torch.zeros(2, 4)], [], 2
    for i, words in enumerate(sentences):
        padded[i, 0, 2 : 2 + len(words)] = words
        starts.append(cursor)
        pieces += [words, torch.zeros(3, 4)]
        cursor += len(words) + 3
    packed = torch.cat(pieces)[None]  # (C, T, E)

    got = block.forward_packed(packed, torch.tensor(starts), torch.tensor(lengths))
    torch.testing.assert_close(got, block(padded))
