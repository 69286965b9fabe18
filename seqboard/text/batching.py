"""Turning token-index lists into batches, padded (N, L) or packed.

Padded: each sentence gets `pad_left` padding tokens before it and at least `pad_right`
after it, and the batch is padded on the right to its longest member. Because every
sentence already has an all-padding window of every width, the extra right padding
never changes a sentence's features: its prediction does not depend on the other
sentences of its batch.

Packed: the sentences of a batch are laid end to end in one sequence, `pad_left`
padding tokens first and `pad_right` after each sentence. With `pad_right` at least the
widest window, no window covers words of two sentences, and each sentence still has an
all-padding window of every width, so its features equal the padded ones. The
convolution then runs over the words and a few separators only, instead of over the
padding up to the longest sentence of the batch.
"""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import torch
from torch import Tensor

from seqboard.text.vocab import PAD_INDEX


@dataclass(frozen=True)
class PackedBatch:
    """N sentences in one padded sequence: `ids` (T,), sentence i at ids[starts[i] : starts[i] + lengths[i]]."""

    ids: Tensor
    starts: Tensor
    lengths: Tensor

    def __len__(self) -> int:
        return self.starts.numel()

    def to(self, device: torch.device | str) -> "PackedBatch":
        return PackedBatch(self.ids.to(device), self.starts.to(device), self.lengths.to(device))


def pad_batch(sequences: Sequence[list[int]], pad_left: int, pad_right: int) -> Tensor:
    """Return the (N, L) padded index tensor of `sequences`, L = longest + pad_left + pad_right."""
    length = max((len(s) for s in sequences), default=0) + pad_left + pad_right
    batch = torch.full((len(sequences), length), PAD_INDEX, dtype=torch.long)  # (N, L)
    for row, sequence in enumerate(sequences):
        batch[row, pad_left : pad_left + len(sequence)] = torch.tensor(sequence, dtype=torch.long)
    return batch


def pack_batch(sequences: Sequence[list[int]], pad_left: int, pad_right: int) -> PackedBatch:
    """Return `sequences` packed into one sequence of length pad_left + sum(lengths + pad_right)."""
    ids, starts = [PAD_INDEX] * pad_left, []
    for sequence in sequences:
        starts.append(len(ids))
        ids += sequence
        ids += [PAD_INDEX] * pad_right

    lengths = [len(sequence) for sequence in sequences]
    return PackedBatch(
        torch.tensor(ids, dtype=torch.long),  # (T,)
        torch.tensor(starts, dtype=torch.long),  # (N,)
        torch.tensor(lengths, dtype=torch.long),  # (N,)
    )


def batches(
    sequences: Sequence[list[int]],
    labels: Sequence[int],
    batch_size: int,
    pad_left: int,
    pad_right: int,
    generator: torch.Generator | None = None,
) -> Iterator[tuple[PackedBatch, Tensor]]:
    """Yield (packed inputs, targets (N,)) batches, shuffled by `generator` when one is given."""
    order = torch.randperm(len(sequences), generator=generator).tolist() if generator is not None else range(len(sequences))
    order = list(order)
    for start in range(0, len(order), batch_size):
        chosen = order[start : start + batch_size]
        inputs = pack_batch([sequences[i] for i in chosen], pad_left, pad_right)
        yield inputs, torch.tensor([labels[i] for i in chosen], dtype=torch.long)
