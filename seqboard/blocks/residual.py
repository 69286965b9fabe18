"""ResNet's residual block (He et al. 2016, "Deep Residual Learning for Image Recognition").

The block computes y = activation(F(x) + shortcut(x)), where F is two k x k convolutions
(the first with the block's stride, each followed by the norm, the first also by the
activation). The shortcut is the identity when F keeps the shape; when the stride is
above 1 or the channel count changes, it is a 1x1 convolution with that stride followed
by the norm (the paper's "projection shortcut", option B).

Convolutions are "same"-padded (padding = kernel // 2), so with stride 1 the block keeps
H x W, which is what a Go board tower needs; with stride s the output is
ceil(H / s) x ceil(W / s). `norm=None` drops the norm layers and gives every
convolution a bias instead.
"""

from torch import Tensor, nn

from seqboard.blocks.conv import ConvBlock2d, LayerFactory


class ResidualBlock(nn.Module):
    """Two convolutions plus a shortcut: (N, C_in, H, W) -> (N, C_out, H', W').

    H' = ceil(H / stride), W' = ceil(W / stride).
    """

    def __init__(
        self,
        in_channels: int,
        out_channels: int,
        *,
        stride: int = 1,
        kernel_size: int = 3,
        norm: LayerFactory | None = nn.BatchNorm2d,
        activation: LayerFactory = nn.ReLU,
    ) -> None:
        super().__init__()
        if kernel_size % 2 == 0:
            raise ValueError(f"kernel_size must be odd for 'same' padding, got {kernel_size}")
        if stride < 1:
            raise ValueError(f"stride must be a positive integer, got {stride}")

        padding = kernel_size // 2
        self.conv1 = ConvBlock2d(
            in_channels, out_channels, kernel_size, stride=stride, padding=padding, norm=norm, activation=activation
        )
        # The second convolution's activation comes after the addition.
        self.conv2 = ConvBlock2d(out_channels, out_channels, kernel_size, padding=padding, norm=norm, activation=None)
        if stride == 1 and in_channels == out_channels:
            self.shortcut: nn.Module = nn.Identity()
        else:
            self.shortcut = ConvBlock2d(in_channels, out_channels, 1, stride=stride, norm=norm, activation=None)
        self.activation = activation()

    @property
    def has_projection(self) -> bool:
        """Whether the shortcut is a 1x1 projection rather than the identity."""
        return not isinstance(self.shortcut, nn.Identity)

    def forward(self, x: Tensor) -> Tensor:
        residual = self.conv2(self.conv1(x))  # (N, C_out, H', W')
        return self.activation(residual + self.shortcut(x))
