"""The layer table: shapes and parameter counts."""

import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from torch import nn

from seqboard.blocks.conv import ConvBlock2d
from seqboard.blocks.dense import DenseHead
from seqboard.blocks.summary import format_layer_table, layer_table


def _keras_two_conv() -> nn.Sequential:
    return nn.Sequential(
        ConvBlock2d(1, 32, 3, pool=2, dropout=0.25),
        ConvBlock2d(32, 64, 3, pool=2, dropout=0.25),
        DenseHead(5 * 5 * 64, 10, hidden=128),
    )


def test_layer_table_keras_two_conv_shapes():
    rows = {row.name: row for row in layer_table(_keras_two_conv(), torch.zeros(1, 1, 28, 28))}
    # 28 -> 26 -> 13 -> 11 -> 5; the slide's comments say 14 and 7 after the pools.
    assert rows["0.conv"].output_shape == (32, 26, 26)
    assert rows["0.pool"].output_shape == (32, 13, 13)
    assert rows["1.conv"].output_shape == (64, 11, 11)
    assert rows["1.pool"].output_shape == (64, 5, 5)
    assert rows["2.flatten"].output_shape == (1600,)


def test_layer_table_parameter_rows_by_hand():
    rows = {row.name: row.params for row in layer_table(_keras_two_conv(), torch.zeros(1, 1, 28, 28))}
    assert rows["0.conv"] == 3 * 3 * 1 * 32 + 32
    assert rows["1.conv"] == 3 * 3 * 32 * 64 + 64
    assert rows["2.hidden"] == 1600 * 128 + 128
    assert rows["2.output"] == 128 * 10 + 10


def test_format_layer_table_totals():
    text = format_layer_table(_keras_two_conv(), torch.zeros(1, 1, 28, 28))
    # 320 + 18,496 + 204,928 + 1,290 = 225,034, Keras's total for the course model
    assert "Total params: 225,034" in text
    assert "Non-trainable params: 0" in text


@settings(max_examples=25, deadline=None)
@given(
    channels=st.lists(st.integers(1, 8), min_size=1, max_size=3),
    kernel=st.sampled_from([1, 3, 5]),
    size=st.integers(12, 20),
    hidden=st.one_of(st.none(), st.integers(1, 16)),
)
def test_layer_table_counts_equal_numel(channels, kernel, size, hidden):
    layers, in_channels = [], 1
    for out_channels in channels:
        layers.append(ConvBlock2d(in_channels, out_channels, kernel, padding=kernel // 2))
        in_channels = out_channels
    model = nn.Sequential(*layers, DenseHead(in_channels * size * size, 3, hidden=hidden))
    rows = layer_table(model, torch.zeros(1, 1, size, size))
    assert sum(row.params for row in rows) == sum(p.numel() for p in model.parameters())
