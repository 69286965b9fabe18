"""ResidualBlock: identity and projection shortcuts, shapes, and the sum it computes."""

import pytest
import torch
from torch import nn

from seqboard.blocks.residual import ResidualBlock


def test_residual_identity_keeps_shape():
    block = ResidualBlock(8, 8)
    assert not block.has_projection
    assert tuple(block(torch.randn(2, 8, 19, 19)).shape) == (2, 8, 19, 19)


def test_residual_projection_on_stride():
    block = ResidualBlock(8, 16, stride=2)
    assert block.has_projection
    assert tuple(block(torch.randn(2, 8, 7, 7)).shape) == (2, 16, 4, 4)  # ceil(7 / 2) = 4


def test_residual_projection_on_channels():
    block = ResidualBlock(8, 16)
    assert block.has_projection
    assert tuple(block(torch.randn(1, 8, 5, 5)).shape) == (1, 16, 5, 5)


def test_residual_computes_relu_of_sum():
    torch.manual_seed(0)
    block = ResidualBlock(4, 4, norm=None).eval()
    x = torch.randn(1, 4, 6, 6)
    conv1, conv2 = block.conv1.conv, block.conv2.conv
    expected = torch.relu(conv2(torch.relu(conv1(x))) + x)
    torch.testing.assert_close(block(x), expected)


def test_residual_zero_branch_is_identity_for_positive_input():
    block = ResidualBlock(3, 3, norm=None)
    for conv in (block.conv1.conv, block.conv2.conv):
        nn.init.zeros_(conv.weight)
        nn.init.zeros_(conv.bias)
    x = torch.rand(1, 3, 5, 5)
    torch.testing.assert_close(block(x), x)


def test_residual_board_tower_use_without_norm():
    # A Go tower: 19 x 19 kept through blocks of 5x5 and 3x3 kernels, with conv biases.
    tower = nn.Sequential(ResidualBlock(48, 32, kernel_size=5, norm=None), ResidualBlock(32, 32, norm=None))
    assert tuple(tower(torch.zeros(1, 48, 19, 19)).shape) == (1, 32, 19, 19)
    assert tower[0].conv1.conv.bias is not None


def test_residual_rejects_even_kernel():
    with pytest.raises(ValueError, match="kernel_size must be odd"):
        ResidualBlock(4, 4, kernel_size=4)
