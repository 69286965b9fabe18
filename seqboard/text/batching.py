"""Turning token-index lists into padded (N, L) batches.

Each sentence gets `config.pad_left` padding tokens before it and at least
`config.pad_right` after it, and a batch is padded on the right to its longest member.
Because every sentence already has an all-padding window of every width, the extra
right padding never changes a sentence's features: its prediction does not depend on
the other sentences of its batch.
"""

from collections.abc import Iterator, Sequence

import torch
from torch import Tensor

from seqboard.text.vocab import PAD_INDEX


def pad_batch(sequences: Sequence[list[int]], pad_left: int, pad_right: int) -> Tensor:
    """Return the (N, L) padded index tensor of `sequences`, L = longest + pad_left + pad_right."""
    length = max((len(s) for s in sequences), default=0) + pad_left + pad_right
    batch = torch.full((len(sequences), length), PAD_INDEX, dtype=torch.long)  # (N, L)
    for row, sequence in enumerate(sequences):
        batch[row, pad_left : pad_left + len(sequence)] = torch.tensor(sequence, dtype=torch.long)
    return batch


def batches(
    sequences: Sequence[list[int]],
    labels: Sequence[int],
    batch_size: int,
    pad_left: int,
    pad_right: int,
    generator: torch.Generator | None = None,
) -> Iterator[tuple[Tensor, Tensor]]:
    """Yield (inputs (N, L), targets (N,)) batches, shuffled by `generator` when one is given."""
    order = torch.randperm(len(sequences), generator=generator).tolist() if generator is not None else range(len(sequences))
    order = list(order)
    for start in range(0, len(order), batch_size):
        chosen = order[start : start + batch_size]
        inputs = pad_batch([sequences[i] for i in chosen], pad_left, pad_right)
        yield inputs, torch.tensor([labels[i] for i in chosen], dtype=torch.long)
