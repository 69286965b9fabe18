"""The dense head and the max-norm constraint."""

import pytest
import torch
from torch import nn

from seqboard.blocks.dense import DenseHead, apply_max_norm


def test_dense_head_keras_two_conv_parameter_count():
    # dense 1,600 -> 128: 204,928; dense 128 -> 10: 1,290
    head = DenseHead(1600, 10, hidden=128)
    assert sum(p.numel() for p in head.parameters()) == 1600 * 128 + 128 + 128 * 10 + 10


def test_dense_head_flattens_feature_maps():
    head = DenseHead(64 * 5 * 5, 10, hidden=128)
    assert head(torch.zeros(2, 64, 5, 5)).shape == (2, 10)


def test_dense_head_without_hidden_is_one_layer():
    head = DenseHead(300, 2)
    linears = [module for module in head.modules() if isinstance(module, nn.Linear)]
    assert len(linears) == 1


def test_max_norm_rescales_only_long_rows():
    layer = nn.Linear(2, 2)
    with torch.no_grad():
        layer.weight.copy_(torch.tensor([[3.0, 4.0], [0.6, 0.8]]))  # norms 5 and 1
    apply_max_norm(layer, 3.0)
    # [3, 4] * 3 / 5 = [1.8, 2.4]; the row of norm 1 stays as it was
    torch.testing.assert_close(layer.weight, torch.tensor([[1.8, 2.4], [0.6, 0.8]]))


def test_max_norm_rejects_non_positive():
    with pytest.raises(ValueError, match="max_norm"):
        apply_max_norm(nn.Linear(2, 2), 0.0)
