"""Batches of training examples read from prepared shards.

Training reads an endless, seeded stream: pass p visits the shards in an order drawn
from (seed, p), a few shards at a time (a window), and shuffles the positions of each
window together, so that a batch mixes positions of many games. Each rank of a
data-parallel run reads every `world_size`-th shard, starting at its rank.

Batch b of the stream depends only on (seed, rank, world_size, b), so a resumed run
starts at the batch it stopped at and sees what an uninterrupted run would have seen.
Window sizes come from the index, so the batches before the start are skipped without
reading their shards.
"""

from collections.abc import Iterator

import numpy as np
import torch

from seqboard.go.shards import ShardEntry, ShardError, ShardIndex, read_shard
from seqboard.go.symmetry import random_symmetries

Batch = tuple[torch.Tensor, torch.Tensor]


def rank_entries(index: ShardIndex, split: str, rank: int, world_size: int) -> list[ShardEntry]:
    """Return the shards of `split` that rank `rank` of `world_size` reads."""
    entries = index.entries(split)[rank::world_size]
    if not entries:
        raise ShardError(
            f"rank {rank} of {world_size} has no {split} shards: the folder has "
            f"{len(index.entries(split))}; prepare with fewer games per shard or run fewer processes"
        )
    return entries


class TrainingStream:
    """The endless stream of shuffled training batches of one rank.

    Each batch is (planes, moves): (B, C, S, S) uint8 and (B,) int64, each example under
    a random one of the 8 board symmetries when `symmetries` is true.
    """

    def __init__(
        self,
        index: ShardIndex,
        batch_size: int,
        seed: int,
        rank: int = 0,
        world_size: int = 1,
        window: int = 4,
        symmetries: bool = True,
        split: str = "train",
    ) -> None:
        self.index = index
        self.entries = rank_entries(index, split, rank, world_size)
        self.batch_size = batch_size
        self.seed = seed
        self.rank = rank
        self.window = window
        self.symmetries = symmetries

    def batches_per_pass(self) -> int:
        """Return the batches in one pass over this rank's shards (partial batches dropped)."""
        return sum(self._window_batches(window) for window in self._windows(0))

    def batches(self, start: int, count: int) -> Iterator[Batch]:
        """Yield batches `start` to `start + count - 1` of the stream."""
        if self.batches_per_pass() == 0:
            raise ShardError(
                f"rank {self.rank} has fewer training positions than one batch of {self.batch_size}; "
                "lower --batch-size or prepare more games"
            )
        position, end = 0, start + count
        pass_number = 0
        while position < end:
            for window_number, window in enumerate(self._windows(pass_number)):
                size = self._window_batches(window)
                if position + size > start:
                    yield from self._window_stream(pass_number, window_number, window, position, start, end)
                position += size
                if position >= end:
                    return
            pass_number += 1

    def _windows(self, pass_number: int) -> list[list[ShardEntry]]:
        order = np.random.default_rng([self.seed, self.rank, pass_number]).permutation(len(self.entries))
        shuffled = [self.entries[i] for i in order]
        return [shuffled[i : i + self.window] for i in range(0, len(shuffled), self.window)]

    def _window_batches(self, window: list[ShardEntry]) -> int:
        return sum(entry.positions for entry in window) // self.batch_size

    def _window_stream(self, pass_number, window_number, window, first, start, end) -> Iterator[Batch]:
        """Yield the batches of one window whose stream numbers fall in [start, end)."""
        shards = [read_shard(self.index.path(entry)) for entry in window]
        packed = np.concatenate([shard.packed for shard in shards])
        moves = np.concatenate([shard.moves for shard in shards]).astype(np.int64)
        channels, size, _ = shards[0].plane_shape
        order = np.random.default_rng([self.seed, self.rank, pass_number, window_number]).permutation(len(moves))

        for offset in range(self._window_batches(window)):
            number = first + offset
            if number < start or number >= end:
                continue
            rows = np.sort(order[offset * self.batch_size : (offset + 1) * self.batch_size])
            planes = np.unpackbits(packed[rows], axis=1, count=channels * size * size)
            planes = torch.from_numpy(planes.reshape(len(rows), channels, size, size))  # (B, C, S, S)
            targets = torch.from_numpy(moves[rows])
            if self.symmetries:
                generator = torch.Generator().manual_seed(int(np.random.default_rng([self.seed, self.rank, number]).integers(2**62)))
                planes, targets = random_symmetries(planes, targets, generator)
            yield planes, targets


def evaluation_batches(
    index: ShardIndex, split: str, batch_size: int, max_positions: int | None = None
) -> Iterator[Batch]:
    """Yield the positions of `split` in file order, unaugmented, up to `max_positions`."""
    remaining = index.positions(split) if max_positions is None else max_positions
    for entry in index.entries(split):
        if remaining <= 0:
            return
        shard = read_shard(index.path(entry))
        take = min(remaining, len(shard.moves))
        remaining -= take
        for begin in range(0, take, batch_size):
            rows = slice(begin, min(begin + batch_size, take))
            planes = torch.from_numpy(shard.planes(rows))  # (B, C, S, S)
            yield planes, torch.from_numpy(shard.moves[rows].astype(np.int64))
