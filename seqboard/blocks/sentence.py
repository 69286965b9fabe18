"""Multi-width 1-D convolution with max-over-time pooling, as in Kim (2014).

A sentence is a sequence of L word vectors of size E. A filter of window h slides over
every run of h consecutive words and gives one feature per position; max-over-time
pooling keeps the largest, so every filter contributes one feature whatever the
sentence length. Several window sizes run side by side and their features are
concatenated.

Several embedding channels (Kim's two-channel model: a frozen and a fine-tuned copy of
the word vectors) share every filter: each filter is applied to every channel and the
results are added before the nonlinearity. A convolution is linear, so this equals one
convolution of the channels' sum, which is what runs: two channels cost no more than one.

`forward_packed` takes a batch laid end to end in one sequence (see
`seqboard.text.batching`) and pools each sentence over its own windows only, which
saves the work on padding when sentence lengths vary.
"""

from collections.abc import Callable, Sequence

import torch
from torch import Tensor, nn
from torch.nn import functional as F


class MultiWidthConv1d(nn.Module):
    """Convolutions of several window sizes over word vectors, then max-over-time pooling.

    Input (N, C, L, E): C embedding channels, L words, E vector size.
    Output (N, len(windows) * feature_maps).
    """

    def __init__(
        self,
        embedding_dim: int,
        windows: Sequence[int] = (3, 4, 5),
        feature_maps: int = 100,
        activation: Callable[[], nn.Module] = nn.ReLU,
    ) -> None:
        super().__init__()
        if not windows or min(windows) < 1:
            raise ValueError(f"windows must be positive window sizes, got {list(windows)}")
        if feature_maps < 1:
            raise ValueError(f"feature_maps must be at least 1, got {feature_maps}")

        self.windows = tuple(windows)
        self.feature_maps = feature_maps
        # One convolution per window, without bias: the bias is added once, after the
        # channels' contributions are summed.
        self.convs = nn.ModuleList(
            nn.Conv1d(embedding_dim, feature_maps, window, bias=False) for window in self.windows
        )
        self.biases = nn.Parameter(torch.zeros(len(self.windows), feature_maps))
        self.activation = activation()

    @property
    def out_features(self) -> int:
        return len(self.windows) * self.feature_maps

    def forward(self, x: Tensor) -> Tensor:
        # Pad a sentence shorter than the widest window with zero vectors at the end.
        length = x.shape[2]
        widest = max(self.windows)
        if length < widest:
            x = F.pad(x, (0, 0, 0, widest - length))

        # The filters are shared, so summing the channels first gives the same feature maps.
        x = x.sum(dim=1).transpose(1, 2)  # (N, C, L, E) -> (N, E, L)

        pooled = []
        for conv, bias in zip(self.convs, self.biases):
            feature_maps = self.activation(conv(x) + bias[None, :, None])  # (N, maps, L - h + 1)
            pooled.append(feature_maps.amax(dim=2))  # max-over-time pooling: (N, maps)
        return torch.cat(pooled, dim=1)  # (N, len(windows) * maps)

    def forward_packed(self, x: Tensor, starts: Tensor, lengths: Tensor) -> Tensor:
        """Return the features of N sentences packed in one sequence.

        x is (C, T, E). Sentence i covers positions starts[i] to starts[i] + lengths[i] - 1.
        At least max(windows) - 1 padding vectors (zeros) come before it and max(windows)
        after it. The output, (N, len(windows) * feature_maps), equals `forward` on the
        same sentences padded in a batch. Where windows tie for a maximum, its gradient
        goes to one of them, while `forward` shares it among them.
        """
        x = x.sum(dim=0).t()  # (C, T, E) -> (E, T), channels summed as in `forward`

        pooled = []
        for conv, bias, window in zip(self.convs, self.biases, self.windows):
            feature_maps = self.activation(conv(x) + bias[:, None])  # (maps, T - h + 1)

            # Sentence i owns the lengths[i] + h windows from starts[i] - h + 1: those that
            # overlap its words and the all-padding window right after it.
            # Gathering each sentence's maximum keeps the backward pass to (maps, N) values.
            positions = _max_positions(feature_maps, starts - window + 1, lengths + window)
            pooled.append(feature_maps.gather(1, positions).t())  # (N, maps)
        return torch.cat(pooled, dim=1)  # (N, len(windows) * maps)


# `_max_positions` builds a sentence-by-window table unless the table would hold more
# than this many times the windows that the sentences own.
_PADDED_TABLE_LIMIT = 4


@torch.no_grad()
def _max_positions(feature_maps: Tensor, first: Tensor, counts: Tensor) -> Tensor:
    """Return where each sentence's maximum lies, as a (maps, N) tensor of positions.

    feature_maps is (maps, P). Sentence i owns the positions first[i] to
    first[i] + counts[i] - 1. Where windows tie, the first of them is returned.
    """
    maps = feature_maps.shape[0]
    n = len(first)
    width = int(counts.max())
    device = feature_maps.device

    if n * width <= _PADDED_TABLE_LIMIT * int(counts.sum()):
        # One row a sentence, its last position repeated up to the common width: (N, width).
        steps = torch.arange(width, device=device)
        index = first[:, None] + torch.minimum(steps[None, :], counts[:, None] - 1)
        candidates = feature_maps[:, index]  # (maps, N, width)
        best = candidates.argmax(dim=2, keepdim=True)  # (maps, N, 1)
        return index.expand_as(candidates).gather(2, best).squeeze(2)

    # Lengths vary too much for a table, for example one long sentence among short ones:
    # list every owned position once, then reduce by owner.
    owner = torch.repeat_interleave(torch.arange(n, device=device), counts)
    within = torch.arange(len(owner), device=device) - torch.repeat_interleave(torch.cumsum(counts, 0) - counts, counts)
    positions = first[owner] + within  # (W,) every owned position, sentence by sentence
    candidates = feature_maps[:, positions]  # (maps, W)
    owners = owner[None, :].expand_as(candidates)
    maxima = candidates.new_empty(maps, n).scatter_reduce(1, owners, candidates, reduce="amax", include_self=False)
    at_max = torch.where(candidates == maxima.gather(1, owners), positions[None, :], feature_maps.shape[1])
    return torch.full((maps, n), feature_maps.shape[1], device=device).scatter_reduce(1, owners, at_max, reduce="amin")
