"""The ConvNetJS CIFAR-10 demo network (Karpathy's in-browser demo), on 32 x 32 x 3 input.

    conv 16 @ 5x5, pad 2, ReLU   32 x 32 x 16
    max-pool 2                   16 x 16 x 16
    conv 20 @ 5x5, pad 2, ReLU   16 x 16 x 20
    max-pool 2                    8 x  8 x 20
    conv 20 @ 5x5, pad 2, ReLU    8 x  8 x 20
    max-pool 2                    4 x  4 x 20   flatten 320
    dense 10 (softmax in the loss)
"""

from dataclasses import dataclass

from torch import Tensor

from seqboard.blocks.dense import DenseHead
from seqboard.vision.models.base import VisionModel, conv_pool_stack


@dataclass(frozen=True)
class ConvNetJSCifar10Config:
    """Filters of each 5x5 "same" conv block, the pooling and the classes."""

    filters: tuple[int, ...] = (16, 20, 20)
    kernel_size: int = 5
    pool: int = 2
    in_channels: int = 3
    height: int = 32
    width: int = 32
    num_classes: int = 10


class ConvNetJSCifar10(VisionModel):
    """(N, 3, 32, 32) -> (N, 10) logits."""

    Config = ConvNetJSCifar10Config

    def __init__(self, config: ConvNetJSCifar10Config | None = None) -> None:
        super().__init__(config)
        config = self.config
        kernels = (config.kernel_size,) * len(config.filters)
        self.features, feature_shape = conv_pool_stack(
            self.input_shape, config.filters, kernels, pool=config.pool, same_padding=True
        )
        self.flatten_size = feature_shape[0] * feature_shape[1] * feature_shape[2]
        self.head = DenseHead(self.flatten_size, config.num_classes, dropout=0.0)

    def forward(self, x: Tensor) -> Tensor:
        """(N, 3, 32, 32) -> (N, 10)."""
        features = self.features(x)  # (N, 20, 4, 4)
        return self.head(features)  # flattened to (N, 320) inside the head
