"""The board tower and the per-point bias head, at AlphaGo's size."""

import torch
from torch import nn

from seqboard.blocks.board import BoardTower, PointBiasHead, same_padding


def _policy_network(filters: int, layers: int) -> nn.Sequential:
    # layers counts the 5x5 layer, the 3x3 layers and the 1x1 head: 1 + (layers - 2) + 1
    return nn.Sequential(BoardTower(48, filters, num_convs=layers - 1), PointBiasHead(filters, 19, 19))


def test_board_tower_keeps_board_size():
    tower = BoardTower(48, 192, num_convs=12)
    assert tower(torch.zeros(1, 48, 19, 19)).shape == (1, 192, 19, 19)


def test_board_tower_layer_kernels_and_padding():
    tower = BoardTower(48, 192, num_convs=12)
    convs = [module for module in tower.modules() if isinstance(module, nn.Conv2d)]
    assert len(convs) == 12
    assert (convs[0].kernel_size, convs[0].padding) == ((5, 5), (2, 2))
    assert all(conv.kernel_size == (3, 3) and conv.padding == (1, 1) for conv in convs[1:])


def test_policy_network_paper_size_logits():
    network = _policy_network(192, 13)
    assert network(torch.zeros(2, 48, 19, 19)).shape == (2, 361)


def test_policy_network_paper_size_parameter_count():
    # 5x5: 48*192*25 + 192 = 230,592; each 3x3: 192*192*9 + 192 = 331,968, eleven of
    # them = 3,651,648; head: 192 (1x1, no bias) + 361 point biases = 553.
    expected = 230_592 + 11 * 331_968 + 553
    assert expected == 3_882_793
    assert sum(p.numel() for p in _policy_network(192, 13).parameters()) == expected


def test_point_bias_head_one_bias_per_point():
    head = PointBiasHead(4, 19, 19)
    assert head.point_bias.bias.shape == (361,)
    with torch.no_grad():
        head.conv.weight.zero_()
        head.point_bias.bias.copy_(torch.arange(361.0))
    torch.testing.assert_close(head(torch.randn(1, 4, 19, 19)), torch.arange(361.0)[None])


def test_point_bias_head_rectangular_board():
    head = PointBiasHead(2, 5, 7)
    assert head(torch.zeros(3, 2, 5, 7)).shape == (3, 35)


def test_same_padding_rejects_even_kernel():
    try:
        same_padding(4)
    except ValueError as error:
        assert "odd kernel" in str(error)
    else:
        raise AssertionError("same_padding(4) did not raise")
