"""InceptionModule: branch widths, concatenation and the shape it keeps."""

import pytest
import torch

from seqboard.blocks.inception import InceptionModule


def inception_3a(in_channels: int = 192) -> InceptionModule:
    # GoogLeNet Table 1, inception (3a): 64, 96 -> 128, 16 -> 32, pool proj 32; output 256.
    return InceptionModule(in_channels, conv1x1=64, reduce3x3=96, conv3x3=128, reduce5x5=16, conv5x5=32, pool_proj=32)


def test_inception_3a_output_channels():
    module = inception_3a()
    assert module.out_channels == 256
    assert tuple(module(torch.zeros(1, 192, 28, 28)).shape) == (1, 256, 28, 28)


def test_inception_3a_params_by_hand():
    # Each branch's convolutions, weights plus biases, from the Table 1 widths.
    expected = (
        64 * (192 + 1)
        + 96 * (192 + 1)
        + 128 * (96 * 9 + 1)
        + 16 * (192 + 1)
        + 32 * (16 * 25 + 1)
        + 32 * (192 + 1)
    )
    assert sum(p.numel() for p in inception_3a().parameters()) == expected


def test_inception_branches_concatenated_in_order():
    torch.manual_seed(0)
    module = InceptionModule(3, conv1x1=2, reduce3x3=2, conv3x3=3, reduce5x5=2, conv5x5=4, pool_proj=5).eval()
    x = torch.randn(1, 3, 6, 6)
    out = module(x)
    torch.testing.assert_close(out[:, :2], module.branch1x1(x))
    torch.testing.assert_close(out[:, 2:5], module.branch3x3(x))
    torch.testing.assert_close(out[:, 5:9], module.branch5x5(x))
    torch.testing.assert_close(out[:, 9:14], module.branch_pool(x))


def test_inception_rejects_zero_width():
    with pytest.raises(ValueError, match="pool_proj"):
        InceptionModule(3, conv1x1=2, reduce3x3=2, conv3x3=3, reduce5x5=2, conv5x5=4, pool_proj=0)
