"""The course slides' shape tables, pinned layer by layer through the layer table.

Every expected size below is worked out by hand with (H + 2P - F) / S + 1.
"""

import torch

from seqboard.blocks.summary import layer_table
from seqboard.vision.models import AlexNet, LeNet5, Mnist1Conv, Mnist2Conv, Model120x160


def _rows(model, *input_shape):
    return {row.name: row for row in layer_table(model, torch.zeros(1, *input_shape))}


def test_alexnet_slide_table():
    rows = _rows(AlexNet(), 3, 227, 227)
    expected = {
        "conv1.conv": (96, 55, 55),  # (227 - 11) / 4 + 1
        "conv1.pool": (96, 27, 27),  # (55 - 3) / 2 + 1
        "conv2.conv": (256, 27, 27),  # (27 + 4 - 5) / 1 + 1
        "conv2.pool": (256, 13, 13),  # (27 - 3) / 2 + 1
        "conv3.conv": (384, 13, 13),
        "conv4.conv": (384, 13, 13),
        "conv5.conv": (256, 13, 13),
        "conv5.pool": (256, 6, 6),  # (13 - 3) / 2 + 1
        "fc6.linear": (4096,),
        "fc7.linear": (4096,),
        "fc8": (1000,),
    }
    assert {name: rows[name].output_shape for name in expected} == expected


def test_alexnet_conv1_weights_and_pool1_params():
    rows = _rows(AlexNet(), 3, 227, 227)
    # 11 * 11 * 3 * 96 = 34,848 weights (the slide's "35K") plus 96 biases
    assert rows["conv1.conv"].params == 34_848 + 96
    assert rows["conv1.pool"].params == 0


def test_lenet5_slide_table():
    rows = _rows(LeNet5(), 1, 32, 32)
    assert rows["c1.conv"].output_shape == (6, 28, 28)  # 32 - 5 + 1
    assert rows["s2.0"].output_shape == (6, 14, 14)
    assert rows["c3.conv"].output_shape == (16, 10, 10)  # 14 - 5 + 1
    assert rows["s4.0"].output_shape == (16, 5, 5)
    assert rows["c5.conv"].output_shape == (120, 1, 1)  # 5 - 5 + 1
    assert rows["f6"].output_shape == (84,)
    assert rows["output"].output_shape == (10,)


def test_keras_models_flatten_sizes():
    # 28 -> 26 (3x3) -> 13 (pool 2) -> 11 (3x3) -> 5 (pool 2): 5 * 5 * 64, not the slide's 3,136
    assert _rows(Mnist2Conv(), 1, 28, 28)["head.flatten"].output_shape == (1600,)
    # 28 -> 26 -> 13: 13 * 13 * 32, not the slide's 6,272
    assert _rows(Mnist1Conv(), 1, 28, 28)["head.flatten"].output_shape == (5408,)


def test_model_120x160_flatten():
    # 120x160 -> 116x156 -> 58x78 -> 54x74 -> 27x37 -> 24x34 -> 12x17; 12 * 17 * 20, not the slide's 204
    assert _rows(Model120x160(), 1, 120, 160)["head.flatten"].output_shape == (4080,)
