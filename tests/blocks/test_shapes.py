"""Output-size arithmetic, checked against hand-computed sizes and against torch itself."""

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from torch import nn

from seqboard.blocks.shapes import conv2d_output_shape, conv_output_size, pool_output_size


def test_conv_output_size_alexnet_conv1():
    # (227 + 2*0 - 11) / 4 + 1 = 55
    assert conv_output_size(227, 11, stride=4) == 55


def test_pool_output_size_alexnet_pool1():
    # (55 - 3) / 2 + 1 = 27
    assert pool_output_size(55, 3, stride=2) == 27


def test_pool_output_size_stride_defaults_to_kernel():
    # floor((26 - 2) / 2) + 1 = 13
    assert pool_output_size(26, 2) == 13
    # floor((11 - 2) / 2) + 1 = 5: the floor drops the last row, so 11 pools to 5, not 6
    assert pool_output_size(11, 2) == 5


def test_conv_output_size_floor_division():
    # (10 + 0 - 3) / 2 + 1 = 4.5 -> 4
    assert conv_output_size(10, 3, stride=2) == 4


def test_conv_output_size_dilation():
    # span = 2 * (3 - 1) + 1 = 5, (9 - 5) / 1 + 1 = 5
    assert conv_output_size(9, 3, dilation=2) == 5


def test_conv2d_output_shape_uses_width_for_width():
    # height (120 - 5) + 1 = 116, width (160 - 5) + 1 = 156: the width never reuses H
    assert conv2d_output_shape(120, 160, 5) == (116, 156)


def test_conv_output_size_kernel_exceeds_padded_input():
    with pytest.raises(ValueError, match="exceeds the padded input 4"):
        conv_output_size(2, 5, padding=1)


@pytest.mark.parametrize(
    "arguments",
    [
        {"size": 0, "kernel": 3},
        {"size": 5, "kernel": 0},
        {"size": 5, "kernel": 3, "stride": 0},
        {"size": 5, "kernel": 3, "padding": -1},
    ],
)
def test_conv_output_size_invalid_arguments(arguments):
    with pytest.raises(ValueError):
        conv_output_size(**arguments)


@settings(max_examples=60, deadline=None)
@given(
    size=st.integers(1, 40),
    kernel=st.integers(1, 7),
    stride=st.integers(1, 4),
    padding=st.integers(0, 3),
    dilation=st.integers(1, 3),
)
def test_conv_output_size_matches_torch(size, kernel, stride, padding, dilation):
    span = dilation * (kernel - 1) + 1
    if span > size + 2 * padding:
        with pytest.raises(ValueError):
            conv_output_size(size, kernel, stride, padding, dilation)
        return
    conv = nn.Conv1d(1, 1, kernel, stride=stride, padding=padding, dilation=dilation)
    expected = conv(torch.zeros(1, 1, size)).shape[-1]
    assert conv_output_size(size, kernel, stride, padding, dilation) == expected


@settings(max_examples=60, deadline=None)
@given(
    height=st.integers(2, 30),
    width=st.integers(2, 30),
    kernel=st.integers(1, 5),
    stride=st.integers(1, 3),
)
def test_pool_output_size_matches_torch(height, width, kernel, stride):
    # torch requires padding <= kernel / 2 for pooling; use none.
    if kernel > min(height, width):
        return
    pool = nn.MaxPool2d(kernel, stride=stride)
    expected = tuple(pool(torch.zeros(1, 1, height, width)).shape[-2:])
    assert (pool_output_size(height, kernel, stride), pool_output_size(width, kernel, stride)) == expected
