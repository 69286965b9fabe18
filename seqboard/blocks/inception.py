"""GoogLeNet's Inception module (Szegedy et al. 2015, "Going Deeper with Convolutions").

Four branches see the same input and their outputs are concatenated along the channels:
- a 1x1 convolution;
- a 1x1 "reduce" convolution, then a 3x3 convolution;
- a 1x1 "reduce" convolution, then a 5x5 convolution;
- a 3x3 max-pool with stride 1, then a 1x1 "pool projection" convolution.

Every convolution is followed by the activation (ReLU in the paper), and every branch
is padded to keep H x W, so the output has the sum of the four branches' channels. The
argument names follow the columns of the paper's Table 1: #1x1, #3x3 reduce, #3x3,
#5x5 reduce, #5x5, pool proj.
"""

import torch
from torch import Tensor, nn

from seqboard.blocks.conv import ConvBlock2d, LayerFactory


class InceptionModule(nn.Module):
    """Four parallel branches, concatenated: (N, C_in, H, W) -> (N, out_channels, H, W)."""

    def __init__(
        self,
        in_channels: int,
        *,
        conv1x1: int,
        reduce3x3: int,
        conv3x3: int,
        reduce5x5: int,
        conv5x5: int,
        pool_proj: int,
        norm: LayerFactory | None = None,
        activation: LayerFactory = nn.ReLU,
    ) -> None:
        super().__init__()
        for name, value in (
            ("conv1x1", conv1x1),
            ("reduce3x3", reduce3x3),
            ("conv3x3", conv3x3),
            ("reduce5x5", reduce5x5),
            ("conv5x5", conv5x5),
            ("pool_proj", pool_proj),
        ):
            if value < 1:
                raise ValueError(f"{name} must be a positive channel count, got {value}")

        def block(channels_in: int, channels_out: int, kernel: int) -> ConvBlock2d:
            return ConvBlock2d(
                channels_in, channels_out, kernel, padding=kernel // 2, norm=norm, activation=activation
            )

        self.branch1x1 = block(in_channels, conv1x1, 1)
        self.branch3x3 = nn.Sequential(block(in_channels, reduce3x3, 1), block(reduce3x3, conv3x3, 3))
        self.branch5x5 = nn.Sequential(block(in_channels, reduce5x5, 1), block(reduce5x5, conv5x5, 5))
        self.branch_pool = nn.Sequential(
            nn.MaxPool2d(3, stride=1, padding=1),  # (N, C_in, H, W), size kept
            block(in_channels, pool_proj, 1),
        )
        self.out_channels = conv1x1 + conv3x3 + conv5x5 + pool_proj

    def forward(self, x: Tensor) -> Tensor:
        branches = [self.branch1x1(x), self.branch3x3(x), self.branch5x5(x), self.branch_pool(x)]
        return torch.cat(branches, dim=1)  # (N, out_channels, H, W)
