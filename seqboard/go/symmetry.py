"""The 8 symmetries of the square board (the dihedral group D4) and their inverses.

Symmetry `k` (0 to 7) rotates the board `k % 4` quarter turns counter-clockwise, as
`numpy.rot90` does on the last two axes, and then, for `k >= 4`, flips it left to right.
Symmetry 0 is the identity. A rotation by r quarter turns is undone by 4 - r quarter
turns, and every flipped map is a reflection, which is its own inverse.

The same map applies to
- feature planes and probability maps, `(..., S, S)` arrays or tensors;
- move indices `row * S + col`; the pass index `S * S` maps to itself.
"""

import numpy as np
import torch

from seqboard.go.errors import GoError

SYMMETRIES = 8


def check_symmetry(k: int) -> int:
    """Return `k` when it names one of the 8 symmetries, else raise GoError."""
    if not isinstance(k, (int, np.integer)) or not 0 <= k < SYMMETRIES:
        raise GoError(f"invalid symmetry {k!r}: expected an integer from 0 to {SYMMETRIES - 1}")
    return int(k)


def inverse(k: int) -> int:
    """Return the symmetry that undoes symmetry `k`."""
    k = check_symmetry(k)
    return (4 - k) % 4 if k < 4 else k


def transform(planes, k: int):
    """Apply symmetry `k` to the last two axes (S, S) of a numpy array or torch tensor."""
    k = check_symmetry(k)
    if isinstance(planes, torch.Tensor):
        turned = torch.rot90(planes, k % 4, dims=(-2, -1))
        return torch.flip(turned, dims=(-1,)) if k >= 4 else turned
    turned = np.rot90(planes, k % 4, axes=(-2, -1))
    return np.flip(turned, axis=-1) if k >= 4 else turned


def move_permutation(k: int, size: int) -> np.ndarray:
    """Return the int64 table `new = table[old]` of move indices under symmetry `k`.

    The table has `size * size + 1` entries, so that the pass index maps to itself.
    """
    # Transform a board whose points hold their own index: the point now at `new`
    # came from the index written there.
    source = transform(np.arange(size * size).reshape(size, size), k).reshape(-1)  # (S * S,)
    table = np.empty(size * size + 1, dtype=np.int64)
    table[source] = np.arange(size * size)
    table[size * size] = size * size
    return table


def transform_moves(moves, k: int, size: int):
    """Map move indices (numpy array, tensor or int) through symmetry `k`."""
    table = move_permutation(k, size)
    if isinstance(moves, torch.Tensor):
        return torch.from_numpy(table).to(moves.device)[moves.long()].to(moves.dtype)
    if isinstance(moves, np.ndarray):
        return table[moves].astype(moves.dtype)
    return int(table[moves])


def random_symmetries(planes: torch.Tensor, moves: torch.Tensor, generator: torch.Generator):
    """Apply an independent random symmetry to each example of a batch.

    `planes` is (N, C, S, S) and `moves` (N,) contains move indices; returns new tensors.
    """
    size = planes.shape[-1]
    choices = torch.randint(SYMMETRIES, (len(moves),), generator=generator)
    planes_out, moves_out = planes.clone(), moves.clone()
    for k in range(1, SYMMETRIES):
        chosen = (choices == k).nonzero(as_tuple=True)[0]
        if len(chosen) == 0:
            continue
        planes_out[chosen] = transform(planes[chosen], k)  # (n_k, C, S, S)
        moves_out[chosen] = transform_moves(moves[chosen], k, size)
    return planes_out, moves_out
