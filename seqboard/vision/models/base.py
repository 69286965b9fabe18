"""What every vision model shares: its config, input shape and layer table, and the conv-pool stack."""

from dataclasses import asdict, fields
from typing import Any, ClassVar

import torch
from torch import Tensor, nn

from seqboard.blocks.conv import ConvBlock2d
from seqboard.blocks.shapes import conv_output_size, pool_output_size
from seqboard.blocks.summary import format_layer_table
from seqboard.vision.errors import VisionError


class VisionModel(nn.Module):
    """An image classifier built from one frozen dataclass config.

    Subclasses set `Config` and build their layers from `self.config`. The input is
    (N, C, H, W) with (C, H, W) = `input_shape`; the output is (N, num_classes) logits.
    """

    Config: ClassVar[type]

    def __init__(self, config: Any = None) -> None:
        super().__init__()
        self.config = config if config is not None else self.Config()
        if not isinstance(self.config, self.Config):
            raise VisionError(
                f"{type(self).__name__} needs a {self.Config.__name__}, got {type(self.config).__name__}"
            )

    @property
    def input_shape(self) -> tuple[int, int, int]:
        """(C, H, W) of one input image."""
        return (self.config.in_channels, self.config.height, self.config.width)

    @property
    def num_classes(self) -> int:
        return self.config.num_classes

    def example_input(self, batch: int = 1) -> Tensor:
        """Return a zero batch of the input shape, (batch, C, H, W)."""
        return torch.zeros(batch, *self.input_shape)

    def layer_table(self) -> str:
        """Return the Keras-like layer table for one input image."""
        return format_layer_table(self, self.example_input())

    def config_dict(self) -> dict[str, Any]:
        """Return the config as JSON-ready values (tuples become lists)."""
        return asdict(self.config)

    @classmethod
    def from_config_dict(cls, values: dict[str, Any]) -> "VisionModel":
        """Build the model from `config_dict()` output, as stored in a checkpoint."""
        known = {field.name: field for field in fields(cls.Config)}
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise VisionError(f"{cls.__name__} config has unknown fields {unknown}; expected some of {sorted(known)}")
        converted = {name: tuple(value) if isinstance(value, list) else value for name, value in values.items()}
        return cls(cls.Config(**converted))


def conv_pool_stack(
    in_shape: tuple[int, int, int],
    filters: tuple[int, ...],
    kernels: tuple[int, ...],
    *,
    pool: int = 2,
    same_padding: bool = False,
    dropout: float = 0.0,
) -> tuple[nn.Sequential, tuple[int, int, int]]:
    """Build conv blocks (conv, ReLU, max-pool, dropout) and return them with their output (C, H, W).

    Each block's output size comes from the shape arithmetic: a valid convolution gives
    H - k + 1 (padding k // 2 with `same_padding` keeps H for odd k), then pooling H // pool.
    """
    if len(filters) != len(kernels):
        raise VisionError(f"filters {filters} and kernels {kernels} must have the same length")

    blocks = []
    channels, height, width = in_shape
    for out_channels, kernel in zip(filters, kernels):
        padding = kernel // 2 if same_padding else 0
        blocks.append(ConvBlock2d(channels, out_channels, kernel, padding=padding, pool=pool, dropout=dropout))
        height = pool_output_size(conv_output_size(height, kernel, padding=padding), pool)
        width = pool_output_size(conv_output_size(width, kernel, padding=padding), pool)
        channels = out_channels
    return nn.Sequential(*blocks), (channels, height, width)
