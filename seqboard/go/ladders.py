"""Ladder reading for the ladder capture and ladder escape feature planes.

A ladder is a chase in which the attacker keeps the defender's chain in atari until it
runs into the edge or the attacker's stones. The reading here follows it move by move:

- Attacker to move, the target chain has two liberties: the attacker tries an atari on each
  of them in turn (a legal move that leaves the target with one liberty).
- Defender to move, the target has one liberty: the defender tries to extend on it, and to
  capture every attacker chain in atari that touches the target. A move that leaves the
  target with three or more liberties escapes; with two, the attacker reads on; with one
  or none, the attacker captures.

The attacker wins when some atari leaves every defender reply captured. Reading stops at
`MAX_DEPTH` plies or after `MAX_NODES` moves tried, and then counts the ladder as broken
(the defender escapes). 80 plies cover a ladder running corner to corner on 19x19, which
takes about two plies per point of the diagonal.

The reading follows simple ko: a single stone just captured may not be retaken at
once. NOTE: only the moves above are tried, so a defender counter-atari elsewhere on the
board is not found, and a ladder read past the limits counts as broken.

The reading works on a scratch copy of the padded colour array of board.py. Chains and
liberties are found by flood fill there, and every move is undone after it is read, so the
incremental arrays of the real board are never touched.
"""

import numpy as np
from numba import njit

from seqboard.go.board import OFF_BOARD, clear_bit, popcount, set_bit

EMPTY = 0
MAX_DEPTH = 80
MAX_NODES = 500
MAX_MOVES = 8  # moves read per ply: two liberties and up to six counter-captures

# Slots of the small int64 `state` array shared by one reading.
_STAMP = 0
_NODES_LEFT = 1
_REMOVED = 2


@njit(cache=True)
def _flood(colour, width, p, mark, state, stack, stones, libs, max_libs, whole=False):
    """Flood-fill the chain at `p`, storing its stones in `stones` and up to `max_libs`
    liberties in `libs`. Return (stone count, liberty count capped at `max_libs`).

    Unless `whole` is set the fill stops at the `max_libs`-th liberty, and then the stone
    list is incomplete."""
    state[_STAMP] += 1
    stamp = state[_STAMP]
    c = colour[p]
    mark[p] = stamp
    stack[0] = p
    top, n_stones, n_libs = 1, 0, 0

    while top > 0:
        top -= 1
        s = stack[top]
        stones[n_stones] = s
        n_stones += 1
        for n in (s - 1, s + 1, s - width, s + width):
            if mark[n] == stamp:
                continue
            if colour[n] == c:
                mark[n] = stamp
                stack[top] = n
                top += 1
            elif colour[n] == EMPTY and n_libs < max_libs:
                mark[n] = stamp
                libs[n_libs] = n
                n_libs += 1
                if n_libs == max_libs and not whole:
                    return n_stones, n_libs
    return n_stones, n_libs


@njit(cache=True)
def _place(colour, width, p, c, removed, mark, state, stack, stones, libs):
    """Play `c` at empty `p` and take off opponent chains left without liberties, recording
    them in `removed` from `state[_REMOVED]` on. Return False (board unchanged) on suicide."""
    colour[p] = c
    start = state[_REMOVED]
    for n in (p - 1, p + 1, p - width, p + width):
        if colour[n] != 3 - c:
            continue
        n_stones, n_libs = _flood(colour, width, n, mark, state, stack, stones, libs, 1)
        if n_libs == 0:
            for i in range(n_stones):
                colour[stones[i]] = EMPTY
                removed[state[_REMOVED]] = stones[i]
                state[_REMOVED] += 1

    if state[_REMOVED] == start:
        _, n_libs = _flood(colour, width, p, mark, state, stack, stones, libs, 1)
        if n_libs == 0:
            colour[p] = EMPTY
            return False
    return True


@njit(cache=True)
def _undo(colour, p, c, removed, start, state):
    """Take back the stone at `p` and put back the stones removed since `start`."""
    colour[p] = EMPTY
    for i in range(start, state[_REMOVED]):
        colour[removed[i]] = 3 - c
    state[_REMOVED] = start


@njit(cache=True)
def _target_liberties(colour, width, target, scratch, state, libs, max_libs):
    """Return the liberty count of the chain at `target`, capped at `max_libs`."""
    mark, stack, stones = scratch[0], scratch[1], scratch[2]
    return _flood(colour, width, target, mark, state, stack, stones, libs, max_libs)[1]


@njit(cache=True)
def ladder_captures(colour, width, target, attacker_first, scratch, removed, state, plies,
                    ply_moves):
    """Return True when the attacker captures the chain at `target` in a ladder.

    With the attacker to move first the target has two liberties, else one. `scratch` is an
    int32 array (4, width * width) of work rows; `plies` (MAX_DEPTH, 5) int64 and
    `ply_moves` (MAX_DEPTH, MAX_MOVES) int32 hold the search stack. `colour` is restored
    before returning. The search is depth-first with an explicit stack of plies, because
    numba cannot cache recursive functions.
    """
    defender = colour[target]
    n_moves, tried, played, starts, kos = (
        plies[:, 0], plies[:, 1], plies[:, 2], plies[:, 3], plies[:, 4]
    )
    libs = np.empty(3, dtype=np.int32)

    level = 0
    tried[0] = 0
    n_moves[0] = _ladder_moves(colour, width, target, attacker_first, scratch, state, ply_moves[0])
    child = -1  # value of the position after the move played at `level`, once known
    while True:
        attacker = attacker_first == (level % 2 == 0)
        mover = 3 - defender if attacker else defender

        # A known child value either decides this ply or sends it to its next move.
        value = -1
        if child >= 0:
            _undo(colour, played[level], mover, removed, starts[level], state)
            if child == (1 if attacker else 0):
                value = child
            child = -1

        if value < 0 and tried[level] < n_moves[level]:
            q = ply_moves[level, tried[level]]
            tried[level] += 1
            starts[level] = state[_REMOVED]
            ko = kos[level - 1] if level > 0 else -1
            if q != ko and _place(colour, width, q, mover, removed, scratch[0], state,
                                  scratch[1], scratch[2], libs):
                played[level] = q
                kos[level] = _ko_point(colour, width, q, removed, starts[level], state)
                n_libs = _target_liberties(colour, width, target, scratch, state, libs, 3)
                child = _leaf_value(attacker, n_libs)
                if child < 0:
                    state[_NODES_LEFT] -= 1
                    if level + 1 >= MAX_DEPTH or state[_NODES_LEFT] <= 0:
                        child = 0  # reading gave up: count the ladder as broken
                    else:
                        level += 1
                        n_moves[level] = _ladder_moves(colour, width, target, not attacker,
                                                       scratch, state, ply_moves[level])
                        tried[level] = 0
            continue

        # Every move tried: the attacker failed, or every defender reply was captured.
        if value < 0:
            value = 0 if attacker else 1
        if level == 0:
            return value == 1
        level -= 1
        child = value


@njit(cache=True)
def _ko_point(colour, width, q, removed, start, state):
    """Return the point that may not be retaken at once after the move at `q` (simple
    ko: one stone took one stone and has that point as its only liberty), or -1."""
    if state[_REMOVED] - start != 1:
        return -1
    empty_neighbours = 0
    for n in (q - 1, q + 1, q - width, q + width):
        if colour[n] == colour[q]:
            return -1
        if colour[n] == EMPTY:
            empty_neighbours += 1
    return removed[start] if empty_neighbours == 1 else -1


@njit(cache=True)
def _leaf_value(attacker_moved, n_libs):
    """Return 1 (captured) or 0 (not) when a move settles the ladder, or -1 to read on."""
    if attacker_moved:
        return -1 if n_libs == 1 else 0
    if n_libs >= 3:
        return 0
    return -1 if n_libs == 2 else 1


@njit(cache=True)
def _ladder_moves(colour, width, target, attacker_to_move, scratch, state, moves):
    """Write the moves read at this ply to `moves` and return their count: the target's
    liberties, and for the defender also the last liberty of each attacker chain in atari
    next to the target."""
    mark, stack, stones = scratch[0], scratch[1], scratch[3]
    n_stones, n_moves = _flood(colour, width, target, mark, state, stack, stones, moves, 2,
                               not attacker_to_move)
    if attacker_to_move:
        return n_moves

    # Defender: counter-captures of attacker chains in atari touching the target.
    attacker = 3 - colour[target]
    lib = np.empty(2, dtype=np.int32)
    first_stamp = state[_STAMP]
    for i in range(n_stones):
        s = stones[i]
        for n in (s - 1, s + 1, s - width, s + width):
            # A stone marked after `first_stamp` belongs to a chain already looked at.
            if colour[n] != attacker or mark[n] > first_stamp or n_moves >= moves.shape[0]:
                continue
            _, n_libs = _flood(colour, width, n, mark, state, stack, scratch[2], lib, 2)
            if n_libs == 1 and lib[0] not in moves[:n_moves]:
                moves[n_moves] = lib[0]
                n_moves += 1
    return n_moves


@njit(cache=True)
def ladder_points(colour, chain, liberties, liberty_count, width, c, legal, liberties_after,
                  capture_out, escape_out):
    """Mark, for colour `c` to move, the legal points that capture an opponent chain in a
    ladder (`capture_out`) and those that let an own chain in atari escape (`escape_out`).

    `liberty_count` contains each chain's liberties by root point, `legal` is 1 where `c` may
    play, and `liberties_after` contains the liberties of the
    move's chain after it (both from features.look_ahead). Outputs are int32 over padded
    points.
    """
    points = colour.shape[0]
    board = colour.copy()
    scratch = np.empty((4, points), dtype=np.int32)
    scratch[0, :] = 0  # flood-fill marks
    removed = np.empty(points + MAX_DEPTH + 8, dtype=np.int32)
    state = np.zeros(3, dtype=np.int64)
    plies = np.empty((MAX_DEPTH, 5), dtype=np.int64)
    ply_moves = np.empty((MAX_DEPTH, MAX_MOVES), dtype=np.int32)
    libs = np.empty(2, dtype=np.int32)
    bits = np.empty(liberties.shape[1], dtype=np.uint64)

    for root in range(points):
        if chain[root] != root:
            continue
        count = liberty_count[root]
        own = colour[root] == c
        if (own and count != 1) or (not own and count != 2):
            continue
        _liberty_points(liberties[root], libs)

        for i in range(count):
            q = libs[i]
            out = escape_out if own else capture_out
            if legal[q] == 0 or out[q] != 0:
                continue

            # Settled without reading: an escape with 3+ liberties or none, or an atari
            # whose other liberty gives the defender 3+ liberties at once.
            if own and liberties_after[q] != 2:
                out[q] = liberties_after[q] >= 3
                continue
            other = libs[1 - i]
            if not own and _extension_liberties(colour, chain, liberties, width, other, q,
                                                colour[root], bits) >= 3:
                continue

            state[_NODES_LEFT] = MAX_NODES
            if _move_wins_ladder(board, width, q, c, root, own, scratch, removed, state,
                                 plies, ply_moves):
                out[q] = 1


@njit(cache=True)
def _extension_liberties(colour, chain, liberties, width, p, q, defender, bits):
    """Return the liberties of the defender's chain after it extends at `p` once the
    attacker took `q`. Stones the extension would capture are left out, so this is a
    lower bound."""
    bits[:] = 0
    for n in (p - 1, p + 1, p - width, p + width):
        if colour[n] == EMPTY:
            set_bit(bits, n)
        elif colour[n] == defender:
            bits |= liberties[chain[n]]
    clear_bit(bits, p)
    clear_bit(bits, q)
    return popcount(bits)


@njit(cache=True)
def _move_wins_ladder(board, width, q, c, root, own, scratch, removed, state, plies,
                      ply_moves):
    """Play `c` at `q` and read: for an own chain at `root`, True when it is not captured
    after; for an opponent chain, True when the atari captures it."""
    start = state[_REMOVED]
    libs = np.empty(3, dtype=np.int32)
    if not _place(board, width, q, c, removed, scratch[0], state, scratch[1], scratch[2], libs):
        return False
    n_libs = _target_liberties(board, width, root, scratch, state, libs, 3)

    if own:
        wins = n_libs >= 3 or (n_libs == 2 and not ladder_captures(
            board, width, root, True, scratch, removed, state, plies, ply_moves))
    else:
        wins = n_libs == 1 and ladder_captures(
            board, width, root, False, scratch, removed, state, plies, ply_moves)
    _undo(board, q, c, removed, start, state)
    return wins


@njit(cache=True)
def _liberty_points(bits, out):
    """Write the points of the first `out.shape[0]` set bits of a liberty bitset to `out`."""
    n = 0
    for word in range(bits.shape[0]):
        value = bits[word]
        bit = 0
        while value != 0 and n < out.shape[0]:
            if value & np.uint64(1):
                out[n] = word * 64 + bit
                n += 1
            value = value >> np.uint64(1)
            bit += 1


__all__ = ["MAX_DEPTH", "MAX_NODES", "OFF_BOARD", "ladder_captures", "ladder_points"]
