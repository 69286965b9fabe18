"""The course's 120 x 160 x 1 four-class model, whose flatten is 12 * 17 * 20 = 4,080.

The slide gives the input (120 x 160 x 1), the four classes and the flatten size. The
stack below is the one that yields that flatten with the course's 5x5 and 2x2 layers;
each step is a valid convolution (out = in - kernel + 1) or a 2x2 max-pool (out = in // 2):

    input               120 x 160 x 1
    conv 10 @ 5x5, ReLU 116 x 156 x 10    120 - 5 + 1 = 116, 160 - 5 + 1 = 156
    max-pool 2           58 x  78 x 10
    conv 20 @ 5x5, ReLU  54 x  74 x 20     58 - 5 + 1 = 54,   78 - 5 + 1 = 74
    max-pool 2           27 x  37 x 20
    conv 20 @ 4x4, ReLU  24 x  34 x 20     27 - 4 + 1 = 24,   37 - 4 + 1 = 34
    max-pool 2           12 x  17 x 20    flatten 12 * 17 * 20 = 4,080
    dense 4 (softmax in the loss)

NOTE: the slide does not show the kernels; this stack is derived from the flatten size.
A third 3x3 convolution would give 25 x 35 -> 12 x 17 as well, but with 4x4 the sizes
divide evenly at every pooling, so no row or column is dropped.
"""

from dataclasses import dataclass

from torch import Tensor

from seqboard.blocks.dense import DenseHead
from seqboard.vision.models.base import VisionModel, conv_pool_stack


@dataclass(frozen=True)
class Model120x160Config:
    """Filters and kernel of each conv block, the pooling and the head."""

    filters: tuple[int, ...] = (10, 20, 20)
    kernels: tuple[int, ...] = (5, 5, 4)
    pool: int = 2
    dropout: float = 0.0
    in_channels: int = 1
    height: int = 120
    width: int = 160
    num_classes: int = 4


class Model120x160(VisionModel):
    """(N, 1, 120, 160) -> (N, 4) logits."""

    Config = Model120x160Config

    def __init__(self, config: Model120x160Config | None = None) -> None:
        super().__init__(config)
        config = self.config
        self.features, self.feature_shape = conv_pool_stack(
            self.input_shape, config.filters, config.kernels, pool=config.pool
        )
        self.flatten_size = self.feature_shape[0] * self.feature_shape[1] * self.feature_shape[2]
        self.head = DenseHead(self.flatten_size, config.num_classes, dropout=config.dropout)

    def forward(self, x: Tensor) -> Tensor:
        """(N, 1, 120, 160) -> (N, 4)."""
        features = self.features(x)  # (N, 20, 12, 17)
        return self.head(features)  # flattened to (N, 4080) inside the head
