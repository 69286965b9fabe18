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

Batch composition: `batches` deals a fresh shuffle into batches every epoch. Kim's
released code deals the examples into batches once and tops the last one up to full
size with randomly repeated examples. After that it shuffles only the order of those
fixed batches each epoch, which `fixed_batch_plan` and `planned_batches` reproduce.
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
        yield _gather(sequences, labels, order[start : start + batch_size], pad_left, pad_right)


def fixed_batch_plan(count: int, batch_size: int, generator: torch.Generator) -> list[list[int]]:
    """Return Kim's fixed batches of example indices 0 to count - 1, every batch full.

    When `count` is not a multiple of `batch_size`, randomly chosen examples are added a
    second time to fill the last batch. The whole list is then shuffled and cut into
    batches.
    """
    if count < 1 or batch_size < 1:
        raise ValueError(f"invalid count {count} or batch_size {batch_size}: both must be at least 1")
    missing = -count % batch_size
    extra = torch.randperm(count, generator=generator)[:missing].tolist()
    indices = list(range(count)) + extra

    shuffled = [indices[i] for i in torch.randperm(len(indices), generator=generator).tolist()]
    return [shuffled[start : start + batch_size] for start in range(0, len(shuffled), batch_size)]


def planned_batches(
    sequences: Sequence[list[int]],
    labels: Sequence[int],
    plan: Sequence[Sequence[int]],
    pad_left: int,
    pad_right: int,
    generator: torch.Generator,
) -> Iterator[tuple[PackedBatch, Tensor]]:
    """Yield the batches of `plan` as (packed inputs, targets (N,)), in an order shuffled by `generator`."""
    for index in torch.randperm(len(plan), generator=generator).tolist():
        yield _gather(sequences, labels, plan[index], pad_left, pad_right)


def _gather(sequences, labels, chosen: Sequence[int], pad_left: int, pad_right: int) -> tuple[PackedBatch, Tensor]:
    inputs = pack_batch([sequences[i] for i in chosen], pad_left, pad_right)
    return inputs, torch.tensor([labels[i] for i in chosen], dtype=torch.long)
