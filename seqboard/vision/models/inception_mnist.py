"""A small MNIST network around one Inception module (GoogLeNet's building block).

    conv 32 @ 3x3, pad 1, ReLU, max-pool 2   14 x 14 x 32
    Inception: 1x1 16 | 1x1 16 -> 3x3 24 | 1x1 8 -> 5x5 8 | pool -> 1x1 8
                                             14 x 14 x (16 + 24 + 8 + 8 = 56)
    max-pool 2                                7 x  7 x 56
    global average pool, dense 10            as GoogLeNet ends
"""

from dataclasses import dataclass

from torch import Tensor, nn

from seqboard.blocks.conv import ConvBlock2d
from seqboard.blocks.inception import InceptionModule
from seqboard.vision.models.base import VisionModel


@dataclass(frozen=True)
class InceptionMnistConfig:
    """The stem's filters, the Inception module's branch widths (paper's Table 1 columns), the head."""

    stem_filters: int = 32
    conv1x1: int = 16
    reduce3x3: int = 16
    conv3x3: int = 24
    reduce5x5: int = 8
    conv5x5: int = 8
    pool_proj: int = 8
    dropout: float = 0.25
    in_channels: int = 1
    height: int = 28
    width: int = 28
    num_classes: int = 10


class InceptionMnist(VisionModel):
    """(N, 1, 28, 28) -> (N, 10) logits."""

    Config = InceptionMnistConfig

    def __init__(self, config: InceptionMnistConfig | None = None) -> None:
        super().__init__(config)
        config = self.config
        self.stem = ConvBlock2d(config.in_channels, config.stem_filters, 3, padding=1, pool=2)
        self.inception = InceptionModule(
            config.stem_filters,
            conv1x1=config.conv1x1,
            reduce3x3=config.reduce3x3,
            conv3x3=config.conv3x3,
            reduce5x5=config.reduce5x5,
            conv5x5=config.conv5x5,
            pool_proj=config.pool_proj,
        )
        self.pool = nn.MaxPool2d(2)
        self.global_pool = nn.AdaptiveAvgPool2d(1)
        self.flatten = nn.Flatten()
        self.dropout = nn.Dropout(config.dropout)
        self.output = nn.Linear(self.inception.out_channels, config.num_classes)

    def forward(self, x: Tensor) -> Tensor:
        """(N, 1, 28, 28) -> (N, 10)."""
        x = self.stem(x)  # (N, 32, 14, 14)
        x = self.pool(self.inception(x))  # (N, 56, 14, 14) -> (N, 56, 7, 7)
        x = self.flatten(self.global_pool(x))  # (N, 56, 1, 1) -> (N, 56)
        return self.output(self.dropout(x))
