"""LeNet-5 (LeCun, Bottou, Bengio, Haffner 1998, "Gradient-based learning applied to
document recognition"), on 32x32 input: an MNIST digit padded by 2 pixels on each side.

    C1 conv 6 @ 5x5   32x32 -> 28x28
    S2 subsample 2    28x28 -> 14x14
    C3 conv 16 @ 5x5  14x14 -> 10x10
    S4 subsample 2    10x10 -> 5x5
    C5 conv 120 @ 5x5  5x5  -> 1x1   (48,120 parameters, as in the paper)
    F6 dense 84                       (10,164 parameters, as in the paper)
    output dense 10

NOTE: this is the usual modern reading of the paper, not a replica. S2 and S4 are plain
average pooling followed by the activation (the paper's trainable coefficient and bias
per map are left out), C3 connects to all 6 maps (the paper's table of partial
connections gives it 1,516 parameters, here 2,416), the activation is plain tanh (the
paper scales it as 1.7159 tanh(2x/3)), and the output is a dense layer trained with
cross-entropy (the paper uses Euclidean RBF units).
"""

from dataclasses import dataclass

from torch import Tensor, nn

from seqboard.blocks.conv import ConvBlock2d
from seqboard.blocks.shapes import conv_output_size, pool_output_size
from seqboard.vision.models.base import VisionModel


@dataclass(frozen=True)
class LeNet5Config:
    """LeNet-5's sizes; the defaults are the paper's."""

    c1_maps: int = 6
    c3_maps: int = 16
    c5_units: int = 120
    f6_units: int = 84
    kernel_size: int = 5
    pool: int = 2
    in_channels: int = 1
    height: int = 32
    width: int = 32
    num_classes: int = 10


class LeNet5(VisionModel):
    """LeNet-5: (N, 1, 32, 32) -> (N, 10) logits."""

    Config = LeNet5Config

    def __init__(self, config: LeNet5Config | None = None) -> None:
        super().__init__(config)
        config = self.config
        kernel, pool = config.kernel_size, config.pool

        # 32 -> 28 (C1) -> 14 (S2) -> 10 (C3) -> 5 (S4) -> 1 (C5) with the defaults.
        height, width = config.height, config.width
        for _ in range(2):
            height = pool_output_size(conv_output_size(height, kernel), pool)
            width = pool_output_size(conv_output_size(width, kernel), pool)

        self.c1 = ConvBlock2d(config.in_channels, config.c1_maps, kernel, activation=None)
        self.s2 = _Subsampling(pool)
        self.c3 = ConvBlock2d(config.c1_maps, config.c3_maps, kernel, activation=None)
        self.s4 = _Subsampling(pool)
        # C5 is a convolution whose kernel covers the whole S4 map (5x5 in the paper).
        self.c5 = ConvBlock2d(config.c3_maps, config.c5_units, (height, width), activation=nn.Tanh)
        self.flatten = nn.Flatten()
        self.f6 = nn.Linear(config.c5_units, config.f6_units)
        self.f6_activation = nn.Tanh()
        self.output = nn.Linear(config.f6_units, config.num_classes)

    def forward(self, x: Tensor) -> Tensor:
        """(N, 1, 32, 32) -> (N, 10)."""
        x = self.s2(self.c1(x))  # (N, 6, 14, 14)
        x = self.s4(self.c3(x))  # (N, 16, 5, 5)
        x = self.flatten(self.c5(x))  # (N, 120, 1, 1) -> (N, 120)
        return self.output(self.f6_activation(self.f6(x)))


class _Subsampling(nn.Sequential):
    """Average pooling then tanh: (N, C, H, W) -> (N, C, H // pool, W // pool)."""

    def __init__(self, pool: int) -> None:
        super().__init__(nn.AvgPool2d(pool), nn.Tanh())
