"""AlexNet (Krizhevsky, Sutskever, Hinton 2012), laid out as the course's slide table.

The slide's table is the one-stream version of the network (no split over two GPUs):

    layer    kernel / stride / pad    output
    INPUT                              227 x 227 x 3
    CONV1    96 @ 11x11 / 4 / 0       55 x 55 x 96     (227 - 11) / 4 + 1 = 55
    POOL1    3x3 / 2                   27 x 27 x 96     (55 - 3) / 2 + 1 = 27
    NORM1    LRN                       27 x 27 x 96
    CONV2    256 @ 5x5 / 1 / 2         27 x 27 x 256
    POOL2    3x3 / 2                   13 x 13 x 256    (27 - 3) / 2 + 1 = 13
    NORM2    LRN                       13 x 13 x 256
    CONV3    384 @ 3x3 / 1 / 1         13 x 13 x 384
    CONV4    384 @ 3x3 / 1 / 1         13 x 13 x 384
    CONV5    256 @ 3x3 / 1 / 1         13 x 13 x 256
    POOL3    3x3 / 2                   6 x 6 x 256      (13 - 3) / 2 + 1 = 6
    FC6      4096, dropout 0.5         9,216 -> 4,096
    FC7      4096, dropout 0.5         4,096
    FC8      1000                      1,000 class scores

Every convolution and FC6, FC7 are followed by ReLU. The pooling is overlapping (3x3
windows, stride 2), as in the paper.
"""

from dataclasses import dataclass

from torch import Tensor, nn

from seqboard.blocks.conv import ConvBlock2d
from seqboard.blocks.shapes import conv_output_size, pool_output_size
from seqboard.vision.models.base import VisionModel


def local_response_norm(size: int = 5, alpha: float = 1e-4, beta: float = 0.75, k: float = 2.0) -> nn.LocalResponseNorm:
    """Return AlexNet's local response normalisation with the paper's constants.

    The paper divides each activation a_c by (k + alpha * sum of a^2 over `size`
    neighbouring channels) ** beta with k = 2, n = 5, alpha = 1e-4, beta = 0.75. torch's
    nn.LocalResponseNorm divides alpha by `size` inside the sum, so it gets alpha * size.
    """
    return nn.LocalResponseNorm(size, alpha=alpha * size, beta=beta, k=k)


@dataclass(frozen=True)
class AlexNetConfig:
    """AlexNet's sizes; the defaults are the slide's table."""

    conv_channels: tuple[int, ...] = (96, 256, 384, 384, 256)
    fc_units: int = 4096
    dropout: float = 0.5
    lrn: bool = True
    in_channels: int = 3
    height: int = 227
    width: int = 227
    num_classes: int = 1000


class AlexNet(VisionModel):
    """AlexNet: (N, 3, 227, 227) -> (N, 1000) logits."""

    Config = AlexNetConfig

    def __init__(self, config: AlexNetConfig | None = None) -> None:
        super().__init__(config)
        config = self.config
        c1, c2, c3, c4, c5 = config.conv_channels

        def norm() -> nn.Module:
            return local_response_norm() if config.lrn else nn.Identity()

        self.conv1 = ConvBlock2d(config.in_channels, c1, 11, stride=4, pool=3, pool_stride=2)
        self.norm1 = norm()
        self.conv2 = ConvBlock2d(c1, c2, 5, padding=2, pool=3, pool_stride=2)
        self.norm2 = norm()
        self.conv3 = ConvBlock2d(c2, c3, 3, padding=1)
        self.conv4 = ConvBlock2d(c3, c4, 3, padding=1)
        self.conv5 = ConvBlock2d(c4, c5, 3, padding=1, pool=3, pool_stride=2)

        self.flatten_size = c5 * self.final_map_size[0] * self.final_map_size[1]
        self.flatten = nn.Flatten()
        self.fc6 = _FullyConnected(self.flatten_size, config.fc_units, config.dropout)
        self.fc7 = _FullyConnected(config.fc_units, config.fc_units, config.dropout)
        self.fc8 = nn.Linear(config.fc_units, config.num_classes)

    @property
    def final_map_size(self) -> tuple[int, int]:
        """(H, W) after POOL3, from the table's arithmetic: 227 -> 55 -> 27 -> 27 -> 13 -> 13 -> 6."""
        sizes = []
        for size in (self.config.height, self.config.width):
            size = pool_output_size(conv_output_size(size, 11, stride=4), 3, stride=2)  # CONV1, POOL1
            size = pool_output_size(conv_output_size(size, 5, padding=2), 3, stride=2)  # CONV2, POOL2
            size = pool_output_size(size, 3, stride=2)  # CONV3-5 keep the size; POOL3
            sizes.append(size)
        return sizes[0], sizes[1]

    def forward(self, x: Tensor) -> Tensor:
        """(N, 3, 227, 227) -> (N, 1000)."""
        x = self.norm1(self.conv1(x))  # (N, 96, 27, 27)
        x = self.norm2(self.conv2(x))  # (N, 256, 13, 13)
        x = self.conv5(self.conv4(self.conv3(x)))  # (N, 256, 6, 6)
        x = self.flatten(x)  # (N, 9216)
        return self.fc8(self.fc7(self.fc6(x)))


class _FullyConnected(nn.Module):
    """Dropout, dense, ReLU: AlexNet's FC6 and FC7, with dropout on their input as in torchvision."""

    def __init__(self, in_features: int, out_features: int, dropout: float) -> None:
        super().__init__()
        self.dropout = nn.Dropout(dropout)
        self.linear = nn.Linear(in_features, out_features)
        self.activation = nn.ReLU()

    def forward(self, x: Tensor) -> Tensor:
        return self.activation(self.linear(self.dropout(x)))
