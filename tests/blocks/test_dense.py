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


def _identity_head(width: int, dropout_scaling: str) -> DenseHead:
    head = DenseHead(width, width, dropout=0.5, dropout_scaling=dropout_scaling)
    with torch.no_grad():
        head.output.weight.copy_(torch.eye(width))
        head.output.bias.zero_()
    return head


@pytest.mark.parametrize("dropout_scaling, kept_value", [("train", 2.0), ("test", 1.0)])
def test_dropout_scaling_in_training(dropout_scaling, kept_value):
    # With an identity output layer the head returns the dropped-out input itself:
    # inverted dropout doubles a kept unit at p = 0.5, the original form keeps it as it is.
    torch.manual_seed(0)
    out = _identity_head(1000, dropout_scaling).train()(torch.ones(1, 1000))
    assert set(out.unique().tolist()) == {0.0, kept_value}
    # About half the units are dropped: 1000 draws at p = 0.5 have a standard deviation of 16.
    assert 400 < int((out == 0).sum()) < 600


@pytest.mark.parametrize("dropout_scaling, test_value", [("train", 1.0), ("test", 0.5)])
def test_dropout_scaling_at_test(dropout_scaling, test_value):
    out = _identity_head(6, dropout_scaling).eval()(torch.ones(2, 6))
    torch.testing.assert_close(out, torch.full((2, 6), test_value))


def test_dropout_scaling_rejects_unknown():
    with pytest.raises(ValueError, match="dropout_scaling"):
        DenseHead(4, 2, dropout_scaling="both")
