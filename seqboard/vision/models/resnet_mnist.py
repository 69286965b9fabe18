"""A small MNIST ResNet: a stem and three residual blocks (He et al. 2016).

    conv 16 @ 3x3, pad 1, batch norm, ReLU   28 x 28 x 16
    residual 16 -> 16, stride 1              28 x 28 x 16   identity shortcut
    residual 16 -> 32, stride 2              14 x 14 x 32   projection shortcut
    residual 32 -> 64, stride 2               7 x  7 x 64   projection shortcut
    global average pool, dense 10
"""

from dataclasses import dataclass

from torch import Tensor, nn

from seqboard.blocks.conv import ConvBlock2d
from seqboard.blocks.residual import ResidualBlock
from seqboard.vision.models.base import VisionModel


@dataclass(frozen=True)
class ResNetMnistConfig:
    """The stem's filters and, per residual block, its output channels and stride."""

    stem_filters: int = 16
    stage_channels: tuple[int, ...] = (16, 32, 64)
    stage_strides: tuple[int, ...] = (1, 2, 2)
    in_channels: int = 1
    height: int = 28
    width: int = 28
    num_classes: int = 10


class ResNetMnist(VisionModel):
    """(N, 1, 28, 28) -> (N, 10) logits."""

    Config = ResNetMnistConfig

    def __init__(self, config: ResNetMnistConfig | None = None) -> None:
        super().__init__(config)
        config = self.config
        if len(config.stage_channels) != len(config.stage_strides):
            raise ValueError(
                f"stage_channels {config.stage_channels} and stage_strides {config.stage_strides} "
                "must have the same length"
            )

        self.stem = ConvBlock2d(config.in_channels, config.stem_filters, 3, padding=1, norm=nn.BatchNorm2d)
        blocks, channels = [], config.stem_filters
        for out_channels, stride in zip(config.stage_channels, config.stage_strides):
            blocks.append(ResidualBlock(channels, out_channels, stride=stride))
            channels = out_channels
        self.blocks = nn.Sequential(*blocks)
        self.global_pool = nn.AdaptiveAvgPool2d(1)
        self.flatten = nn.Flatten()
        self.output = nn.Linear(channels, config.num_classes)

    def forward(self, x: Tensor) -> Tensor:
        """(N, 1, 28, 28) -> (N, 10)."""
        x = self.blocks(self.stem(x))  # (N, 64, 7, 7)
        x = self.flatten(self.global_pool(x))  # (N, 64, 1, 1) -> (N, 64)
        return self.output(x)
