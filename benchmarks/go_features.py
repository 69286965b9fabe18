"""Measure how many positions per second get all 48 feature planes while replaying real games.

Replays the first --games games of a KGS archive through `replay.game_arrays` (the path the
policy network's data preparation uses: rules, look-ahead, ladders and every plane family)
on one core, and prints positions per second in wall-clock and in process CPU time. The
first game is replayed once before timing so numba's compiled-code cache is loaded.

    python benchmarks/go_features.py --archive ../shared/data/go/kgs6d_2006.tar.xz --games 300
"""

import argparse
import itertools
import json
import time

from seqboard.go.replay import game_arrays
from seqboard.go.sgf import iter_sgf_files, read_sgf_file


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument("--archive", default="../shared/data/go/kgs6d_2006.tar.xz",
                        help="SGF file, folder or archive to read games from")
    parser.add_argument("--games", type=int, default=300, help="number of games to replay")
    args = parser.parse_args()

    # Read the games first so that SGF parsing is not timed.
    records = itertools.islice(iter_sgf_files([args.archive]), args.games)
    games = [read_sgf_file(record) for record in records]
    game_arrays(games[0])

    wall, cpu = time.perf_counter(), time.process_time()
    positions = sum(len(game_arrays(game)[1]) for game in games)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu

    print(json.dumps({
        "games": len(games),
        "positions": positions,
        "wall_seconds": round(wall, 2),
        "cpu_seconds": round(cpu, 2),
        "positions_per_second_wall": round(positions / wall),
        "positions_per_second_cpu": round(positions / cpu),
    }, indent=2))


if __name__ == "__main__":
    main()
