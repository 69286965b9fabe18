"""Kim's (2014) sentence CNN in its four variants.

Representation: a batch of sentences is a (N, L) tensor of vocabulary indices, padded
with index 0. The embedding layer turns it into (N, C, L, E): C channels of E-sized
word vectors. The variants differ only in the channels:

| mode          | channels | initial vectors | updated in training |
| ------------- | -------- | --------------- | ------------------- |
| rand          | 1        | U[-0.25, 0.25]  | yes                 |
| static        | 1        | pretrained      | no                  |
| non-static    | 1        | pretrained      | yes                 |
| multichannel  | 2        | pretrained      | one no, one yes     |

Then come `MultiWidthConv1d` and `DenseHead`. The convolution has windows 3, 4 and 5 with
100 feature maps each, ReLU and max-over-time pooling, and the channels share every
filter. The head is dropout 0.5 and one dense layer.
Training applies max-norm s = 3 to the output layer's weight rows after each update.

Two choices follow Kim's released code when asked: `dropout_scaling="test"` scales by
1-p at test instead of 1/(1-p) in training, which is what his max-norm bound applies to
(see `seqboard.blocks.dense`), and `init_as_kim` draws the filters from U[-0.01, 0.01]
and starts the output layer at zero. The defaults are torch's: inverted dropout and
torch's initialisation.

The model takes a padded (N, L) batch or a `PackedBatch`, which gives the same features
with less work. The trained embedding gives sparse gradients, rows of the words in the
batch only, which `seqboard.core.adadelta.Adadelta` updates without touching the rest.
"""

from dataclasses import asdict, dataclass

import torch
from torch import Tensor, nn

from seqboard.blocks.dense import DROPOUT_SCALINGS, DenseHead, apply_max_norm
from seqboard.blocks.sentence import MultiWidthConv1d
from seqboard.text.batching import PackedBatch
from seqboard.text.errors import TextError
from seqboard.text.vocab import PAD_INDEX, UNK_INDEX

MODES = ("rand", "static", "non-static", "multichannel")
# Kim's released code draws the filters of a ReLU convolution from U[-0.01, 0.01].
KIM_FILTER_RANGE = 0.01


@dataclass(frozen=True)
class SentenceCNNConfig:
    """Every size and setting of one SentenceCNN."""

    vocab_size: int
    num_classes: int
    mode: str = "rand"
    embedding_dim: int = 300
    windows: tuple[int, ...] = (3, 4, 5)
    feature_maps: int = 100
    dropout: float = 0.5
    max_norm: float = 3.0
    dropout_scaling: str = "train"

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise TextError(f"unknown mode {self.mode!r}; expected one of {', '.join(MODES)}")
        if self.dropout_scaling not in DROPOUT_SCALINGS:
            raise TextError(f"invalid dropout scaling {self.dropout_scaling!r}; expected one of {', '.join(DROPOUT_SCALINGS)}")
        if self.num_classes < 2:
            raise TextError(f"num_classes must be at least 2, got {self.num_classes}")
        # JSON gives lists back; keep the config hashable and equal to the original.
        object.__setattr__(self, "windows", tuple(self.windows))

    @property
    def pad_left(self) -> int:
        """Padding tokens before a sentence, max(windows) - 1, so the widest window can hold the first word alone."""
        return max(self.windows) - 1

    @property
    def pad_right(self) -> int:
        """Padding tokens after a sentence: max(windows), one more than on the left, so every
        width has at least one all-padding window and extra batch padding changes nothing."""
        return max(self.windows)

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, values: dict) -> "SentenceCNNConfig":
        return cls(**values)


class SentenceCNN(nn.Module):
    """Embeddings, multi-width convolution with max-over-time pooling, dropout, dense output."""

    def __init__(self, config: SentenceCNNConfig, initial_vectors: Tensor | None = None) -> None:
        super().__init__()
        self.config = config
        if initial_vectors is None:
            initial_vectors = torch.zeros(config.vocab_size, config.embedding_dim)
        expected = (config.vocab_size, config.embedding_dim)
        if tuple(initial_vectors.shape) != expected:
            raise TextError(f"initial vectors have shape {tuple(initial_vectors.shape)}, expected {expected}")
        # Padding and unknown words are zero vectors, so they add nothing to a window.
        initial_vectors = initial_vectors.clone()
        initial_vectors[[PAD_INDEX, UNK_INDEX]] = 0.0

        # The frozen channel exists in static and multichannel, the trained one in the rest.
        self.static = self._embedding(initial_vectors, trainable=False) if config.mode in ("static", "multichannel") else None
        self.tuned = self._embedding(initial_vectors, trainable=True) if config.mode != "static" else None
        self.convolutions = MultiWidthConv1d(config.embedding_dim, config.windows, config.feature_maps)
        self.head = DenseHead(self.convolutions.out_features, config.num_classes, dropout=config.dropout,
                              dropout_scaling=config.dropout_scaling)

    @staticmethod
    def _embedding(vectors: Tensor, trainable: bool) -> nn.Embedding:
        # padding_idx keeps row 0 at zero: its gradient is always zero.
        return nn.Embedding.from_pretrained(vectors.clone(), freeze=not trainable, padding_idx=PAD_INDEX, sparse=trainable)

    @property
    def num_channels(self) -> int:
        return int(self.static is not None) + int(self.tuned is not None)

    def forward(self, ids: Tensor | PackedBatch) -> Tensor:
        """(N, L) token indices, or N packed sentences -> (N, num_classes) logits."""
        layers = [layer for layer in (self.static, self.tuned) if layer is not None]
        if isinstance(ids, PackedBatch):
            x = torch.stack([layer(ids.ids) for layer in layers])  # (C, T, E)
            features = self.convolutions.forward_packed(x, ids.starts, ids.lengths)
        else:
            x = torch.stack([layer(ids) for layer in layers], dim=1)  # (N, C, L, E)
            features = self.convolutions(x)  # (N, len(windows) * feature_maps)
        return self.head(features)

    @torch.no_grad()
    def init_as_kim(self, generator: torch.Generator | None = None) -> None:
        """Initialise as Kim's released code does: filters U[-0.01, 0.01], zero biases, output layer zero.

        The embeddings are left as they are. With a zero output layer every class starts
        at the same probability, and the first update reaches the output layer only.
        """
        for conv in self.convolutions.convs:
            conv.weight.uniform_(-KIM_FILTER_RANGE, KIM_FILTER_RANGE, generator=generator)
        self.convolutions.biases.zero_()
        self.head.output.weight.zero_()
        self.head.output.bias.zero_()

    def apply_max_norm(self) -> None:
        """Rescale the output layer's weight rows to L2 norm at most `config.max_norm`."""
        apply_max_norm(self.head.output, self.config.max_norm)
