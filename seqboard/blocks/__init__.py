"""The shared convolution blocks, one concept a module.

- `shapes`: output-size arithmetic for convolution and pooling.
- `conv`: a conv block (convolution, norm, activation, pooling, dropout) in 1-D and 2-D.
- `sentence`: multi-width 1-D convolution with max-over-time pooling (Kim 2014).
- `board`: the "same"-padded board tower and the 1x1 head with a bias per point.
- `dense`: the dense classifier head and the max-norm weight constraint.
- `residual`, `inception`: ResNet's residual block and GoogLeNet's Inception module.
- `summary`: a layer table like Keras's `model.summary()`.
"""

from seqboard.blocks.board import BoardTower, PointBiasHead
from seqboard.blocks.conv import ConvBlock1d, ConvBlock2d
from seqboard.blocks.dense import DenseHead, apply_max_norm
from seqboard.blocks.inception import InceptionModule
from seqboard.blocks.residual import ResidualBlock
from seqboard.blocks.sentence import MultiWidthConv1d
from seqboard.blocks.shapes import conv_output_size, pool_output_size
from seqboard.blocks.summary import LayerRow, layer_table, format_layer_table

__all__ = [
    "BoardTower",
    "ConvBlock1d",
    "ConvBlock2d",
    "DenseHead",
    "InceptionModule",
    "LayerRow",
    "MultiWidthConv1d",
    "PointBiasHead",
    "ResidualBlock",
    "apply_max_norm",
    "conv_output_size",
    "format_layer_table",
    "layer_table",
    "pool_output_size",
]
