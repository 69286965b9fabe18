"""The conv block in 1-D and 2-D."""

import pytest
import torch
from torch import nn

from seqboard.blocks.conv import ConvBlock1d, ConvBlock2d


def test_conv_block_2d_keras_first_stage_shape():
    # 28 -> 26 (3x3 conv) -> 13 (2x2 pool)
    block = ConvBlock2d(1, 32, 3, pool=2, dropout=0.25)
    assert block(torch.zeros(2, 1, 28, 28)).shape == (2, 32, 13, 13)


def test_conv_block_1d_shape():
    # (50 - 5) + 1 = 46 positions, then max-pool 2 -> 23
    block = ConvBlock1d(8, 16, 5, pool=2)
    assert block(torch.zeros(3, 8, 50)).shape == (3, 16, 23)


def test_conv_block_norm_factory_drops_conv_bias():
    block = ConvBlock2d(3, 4, 3, norm=nn.BatchNorm2d)
    assert isinstance(block.norm, nn.BatchNorm2d)
    assert block.norm.num_features == 4
    assert block.conv.bias is None


def test_conv_block_equals_its_layers_in_order():
    torch.manual_seed(0)
    block = ConvBlock2d(2, 3, 3, activation=nn.Tanh, pool=2).eval()
    x = torch.randn(1, 2, 8, 8)
    expected = nn.functional.max_pool2d(torch.tanh(block.conv(x)), 2)
    torch.testing.assert_close(block(x), expected)


def test_conv_block_parameter_count():
    # 3 * 3 * 1 * 32 weights + 32 biases = 320, as Keras reports for Conv2D(32, (3, 3))
    block = ConvBlock2d(1, 32, 3)
    assert sum(p.numel() for p in block.parameters()) == 320


def test_conv_block_invalid_dropout():
    with pytest.raises(ValueError, match="dropout"):
        ConvBlock2d(1, 1, 3, dropout=1.0)
