"""Kim's evaluation splits: stratified, seeded 10-fold CV and a 10% dev hold-out.

Folds: the examples of each class are shuffled with the seed and dealt round-robin to
the folds. Each class continues from the fold where the previous class stopped, so fold
sizes differ by at most one and each fold keeps the class proportions. Fold k is the test
set of run k; the rest, minus a 10% dev hold-out, is its training set.

The dev hold-out (Kim: 10% of the training data, at random) is drawn the same way, per
class, so the dev set keeps the class proportions too. Model selection reads dev only.
"""

from collections import defaultdict
from collections.abc import Sequence

import torch

from seqboard.text.datasets import Example


def _shuffled_by_class(examples: Sequence[Example], generator: torch.Generator) -> list[list[int]]:
    """Return the indices of each class, in label order, each shuffled by `generator`."""
    by_class: dict[int, list[int]] = defaultdict(list)
    for index, example in enumerate(examples):
        by_class[example.label].append(index)
    return [
        [by_class[label][i] for i in torch.randperm(len(by_class[label]), generator=generator).tolist()]
        for label in sorted(by_class)
    ]


def stratified_folds(examples: Sequence[Example], num_folds: int, seed: int) -> list[list[int]]:
    """Return `num_folds` disjoint lists of example indices that together cover every example."""
    if num_folds < 2 or num_folds > len(examples):
        raise ValueError(f"num_folds must be in [2, {len(examples)}], got {num_folds}")
    generator = torch.Generator().manual_seed(seed)
    folds: list[list[int]] = [[] for _ in range(num_folds)]
    position = 0
    for indices in _shuffled_by_class(examples, generator):
        for index in indices:
            folds[position % num_folds].append(index)
            position += 1
    return [sorted(fold) for fold in folds]


def hold_out_dev(examples: Sequence[Example], fraction: float, seed: int) -> tuple[list[Example], list[Example]]:
    """Split `examples` into (train, dev) with about `fraction` of each class in dev."""
    if not 0.0 < fraction < 1.0:
        raise ValueError(f"fraction must be in (0, 1), got {fraction}")
    generator = torch.Generator().manual_seed(seed)
    dev_indices: set[int] = set()
    for indices in _shuffled_by_class(examples, generator):
        dev_indices.update(indices[: round(len(indices) * fraction)])
    train = [example for i, example in enumerate(examples) if i not in dev_indices]
    dev = [example for i, example in enumerate(examples) if i in dev_indices]
    return train, dev


def fold_split(
    examples: Sequence[Example], folds: list[list[int]], fold: int, dev_fraction: float, seed: int
) -> tuple[list[Example], list[Example], list[Example]]:
    """Return (train, dev, test) of run `fold`: test is that fold, dev a hold-out of the rest."""
    test_indices = set(folds[fold])
    rest = [example for i, example in enumerate(examples) if i not in test_indices]
    train, dev = hold_out_dev(rest, dev_fraction, seed + fold)
    return train, dev, [examples[i] for i in folds[fold]]
