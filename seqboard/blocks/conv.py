"""The conv block: convolution, optional norm, activation, optional pooling and dropout.

Norm and activation are passed in as layer factories (a class or any callable that
returns a module), so one block serves every model: `norm=nn.BatchNorm2d` builds
`BatchNorm2d(out_channels)`, `activation=nn.ReLU` builds `ReLU()`. Attribute names
(`conv`, `norm`, `activation`, `pool`, `dropout`) are stable because they are the
checkpoint keys.
"""

from collections.abc import Callable

from torch import Tensor, nn

LayerFactory = Callable[..., nn.Module]


class _ConvBlock(nn.Module):
    conv_type: type[nn.Module]
    pool_type: type[nn.Module]

    def __init__(
        self,
        in_channels: int,
        out_channels: int,
        kernel_size: int,
        *,
        stride: int = 1,
        padding: int | str = 0,
        norm: LayerFactory | None = None,
        activation: LayerFactory | None = nn.ReLU,
        pool: int | None = None,
        pool_stride: int | None = None,
        dropout: float = 0.0,
    ) -> None:
        super().__init__()
        if not 0.0 <= dropout < 1.0:
            raise ValueError(f"dropout must be in [0, 1), got {dropout}")

        # A norm layer that follows the convolution makes the convolution's bias redundant.
        self.conv = self.conv_type(
            in_channels, out_channels, kernel_size, stride=stride, padding=padding, bias=norm is None
        )
        self.norm = norm(out_channels) if norm is not None else nn.Identity()
        self.activation = activation() if activation is not None else nn.Identity()
        self.pool = self.pool_type(pool, stride=pool_stride) if pool else nn.Identity()
        # Element-wise dropout, as Keras's Dropout layer after a pooling layer.
        self.dropout = nn.Dropout(dropout) if dropout > 0 else nn.Identity()

    def forward(self, x: Tensor) -> Tensor:
        x = self.activation(self.norm(self.conv(x)))
        return self.dropout(self.pool(x))


class ConvBlock1d(_ConvBlock):
    """Conv1d block: (N, C_in, L) -> (N, C_out, L_out)."""

    conv_type = nn.Conv1d
    pool_type = nn.MaxPool1d


class ConvBlock2d(_ConvBlock):
    """Conv2d block: (N, C_in, H, W) -> (N, C_out, H_out, W_out)."""

    conv_type = nn.Conv2d
    pool_type = nn.MaxPool2d
