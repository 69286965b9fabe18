"""The course's two MNIST models, as its Keras code builds them.

One convolution (flatten 13 * 13 * 32 = 5,408):
    Conv2D(32, 3x3, relu) -> MaxPooling2D(2) -> Dropout(0.25) -> Flatten
    -> Dense(128, relu) -> Dropout(0.5) -> Dense(10, softmax)

Two convolutions (flatten 5 * 5 * 64 = 1,600):
    Conv2D(32, 3x3, relu) -> MaxPooling2D(2) -> Dropout(0.25)
    -> Conv2D(64, 3x3, relu) -> MaxPooling2D(2) -> Dropout(0.25) -> Flatten
    -> Dense(128, relu) -> Dropout(0.5) -> Dense(10, softmax)

The softmax lives in the loss (cross-entropy on logits), so `forward` returns logits.
"""

from dataclasses import dataclass

from torch import Tensor

from seqboard.blocks.dense import DenseHead
from seqboard.vision.models.base import VisionModel, conv_pool_stack


@dataclass(frozen=True)
class CourseMnistConfig:
    """Layer sizes of the course's MNIST models; `filters` has one entry per convolution."""

    filters: tuple[int, ...] = (32,)
    kernel_size: int = 3
    pool: int = 2
    conv_dropout: float = 0.25
    hidden: int = 128
    dense_dropout: float = 0.5
    in_channels: int = 1
    height: int = 28
    width: int = 28
    num_classes: int = 10


class _CourseMnist(VisionModel):
    """Conv blocks (conv, ReLU, max-pool, dropout), then the dense head.

    (N, in_channels, H, W) -> (N, num_classes).
    """

    def __init__(self, config: CourseMnistConfig | None = None) -> None:
        super().__init__(config)
        config = self.config

        kernels = (config.kernel_size,) * len(config.filters)
        # Valid convolution, then pooling: e.g. 28 -> 26 -> 13 for a 3x3 kernel and pool 2.
        self.features, feature_shape = conv_pool_stack(
            self.input_shape, config.filters, kernels, pool=config.pool, dropout=config.conv_dropout
        )
        self.flatten_size = feature_shape[0] * feature_shape[1] * feature_shape[2]
        self.head = DenseHead(self.flatten_size, config.num_classes, hidden=config.hidden, dropout=config.dense_dropout)

    def forward(self, x: Tensor) -> Tensor:
        """(N, C, H, W) images -> (N, num_classes) logits."""
        features = self.features(x)  # (N, filters[-1], H', W')
        return self.head(features)  # flattened to (N, filters[-1] * H' * W') inside the head


class Mnist1Conv(_CourseMnist):
    """The course's one-convolution MNIST model (flatten 5,408)."""

    @dataclass(frozen=True)
    class Config(CourseMnistConfig):
        filters: tuple[int, ...] = (32,)


class Mnist2Conv(_CourseMnist):
    """The course's two-convolution MNIST model (flatten 1,600)."""

    @dataclass(frozen=True)
    class Config(CourseMnistConfig):
        filters: tuple[int, ...] = (32, 64)
