"""The board tower and the per-point bias head of AlphaGo's policy network.

Every convolution is "same"-padded (padding = kernel // 2 for an odd kernel), so the
feature maps keep the board's H x W size from input to output. The head is a 1x1
convolution to one plane followed by one learned bias for each of the H*W points (not
one per channel), giving H*W move logits.
"""

import torch
from torch import Tensor, nn

from seqboard.blocks.conv import ConvBlock2d


def same_padding(kernel_size: int) -> int:
    """Return the padding that keeps the size of a stride-1 convolution with an odd kernel."""
    if kernel_size % 2 == 0:
        raise ValueError(f"'same' padding needs an odd kernel size, got {kernel_size}")
    return kernel_size // 2


class BoardTower(nn.Module):
    """A first k x k convolution, then 3x3 convolutions, each followed by ReLU.

    (N, in_planes, H, W) -> (N, filters, H, W). `num_convs` counts every convolution,
    the first one included.
    """

    def __init__(
        self,
        in_planes: int,
        filters: int,
        num_convs: int,
        first_kernel: int = 5,
        kernel: int = 3,
    ) -> None:
        super().__init__()
        if num_convs < 1:
            raise ValueError(f"num_convs must be at least 1, got {num_convs}")

        layers = [ConvBlock2d(in_planes, filters, first_kernel, padding=same_padding(first_kernel))]
        for _ in range(num_convs - 1):
            layers.append(ConvBlock2d(filters, filters, kernel, padding=same_padding(kernel)))
        self.layers = nn.Sequential(*layers)

    def forward(self, x: Tensor) -> Tensor:
        return self.layers(x)


class PointBiasHead(nn.Module):
    """A 1x1 convolution to one plane plus a learned bias per board point.

    (N, in_channels, H, W) -> (N, H * W) logits, in row-major point order.
    """

    def __init__(self, in_channels: int, height: int, width: int) -> None:
        super().__init__()
        self.conv = nn.Conv2d(in_channels, 1, kernel_size=1, bias=False)
        self.point_bias = PointBias(height * width)

    def forward(self, x: Tensor) -> Tensor:
        logits = self.conv(x).flatten(1)  # (N, 1, H, W) -> (N, H * W)
        return self.point_bias(logits)


class PointBias(nn.Module):
    """One learned bias for each of `points` board points: (N, points) -> (N, points)."""

    def __init__(self, points: int) -> None:
        super().__init__()
        self.bias = nn.Parameter(torch.zeros(points))

    def forward(self, logits: Tensor) -> Tensor:
        return logits + self.bias
