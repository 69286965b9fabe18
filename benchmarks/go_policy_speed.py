"""Forward-pass speed of the Go policy network on this machine, against its matmul rate.

For each network size and batch size this prints positions per second and the FLOPs of one
position, counted from the layer shapes with 2 FLOPs per multiply-add. It also prints the
share of the machine's measured float32 matrix-multiply rate that the forward pass reaches. It also
times `MovePredictor.predict` on an SGF position end to end (SGF reading, replay, feature
planes, legality mask and network).

    python benchmarks/go_policy_speed.py --sgf game.sgf --move 100 [--threads N] [--json]
"""

import argparse
import json
import sys
import time
from pathlib import Path

import torch

from seqboard.core.help_format import DefaultsHelpFormatter
from seqboard.go.policy import PolicyConfig, PolicyNet
from seqboard.go.predict import MovePredictor

PAPER = PolicyConfig(filters=192, layers=13)


def policy_flops(config: PolicyConfig) -> int:
    """Return the FLOPs of one forward pass for one position (2 per multiply-add, biases left out)."""
    points = config.board_size * config.board_size
    first = 5 * 5 * config.input_planes * config.filters
    middle = (config.layers - 2) * 3 * 3 * config.filters * config.filters
    head = config.filters
    return 2 * points * (first + middle + head)


def matmul_rate(size: int = 4096, repeats: int = 5) -> float:
    """Return the best float32 torch.matmul rate in FLOP/s over `repeats` products of size x size."""
    a, b = torch.randn(size, size), torch.randn(size, size)
    torch.matmul(a, b)  # warm-up
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        torch.matmul(a, b)
        best = min(best, time.perf_counter() - started)
    return 2 * size**3 / best


def forward_rate(config: PolicyConfig, batch: int, seconds: float) -> float:
    """Return positions per second of inference forward passes, timed for about `seconds`."""
    model = PolicyNet(config).eval()
    planes = torch.randint(0, 2, (batch, config.input_planes, config.board_size, config.board_size), dtype=torch.uint8)
    with torch.inference_mode():
        model(planes)  # warm-up
        runs, started = 0, time.perf_counter()
        while runs < 2 or time.perf_counter() - started < seconds:
            model(planes)
            runs += 1
    return runs * batch / (time.perf_counter() - started)


def predict_latency(predictor: MovePredictor, sgf: Path, move: int, repeats: int) -> float:
    """Return the median seconds of one `predict(sgf, move)` call."""
    predictor.predict(sgf, move)  # warm-up: numba compilation and first allocations
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        predictor.predict(sgf, move)
        times.append(time.perf_counter() - started)
    return sorted(times)[len(times) // 2]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0], formatter_class=DefaultsHelpFormatter)
    parser.add_argument("--sgf", type=Path, required=True, help="SGF game record for the end-to-end latency")
    parser.add_argument("--move", type=int, default=100, help="position after this many moves")
    parser.add_argument("--threads", type=int, default=None, help="torch threads (default: torch's choice)")
    parser.add_argument("--seconds", type=float, default=5.0, help="time spent on each forward measurement")
    parser.add_argument("--batches", type=int, nargs="+", default=[1, 256], help="batch sizes")
    parser.add_argument("--model", type=Path, default=None,
                        help="weights or training run to measure beside the paper size; unset: the shipped model")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    args = parser.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)

    default = MovePredictor.load(args.model)
    rate = matmul_rate()
    rows = []
    for name, config in (("paper 192x13", PAPER), (f"model {default.config.filters}x{default.config.layers}", default.config)):
        flops = policy_flops(config)
        for batch in args.batches:
            positions = forward_rate(config, batch, args.seconds)
            rows.append({"network": name, "batch": batch, "positions_per_second": positions,
                         "gflops_per_position": flops / 1e9, "share_of_matmul": positions * flops / rate})
            print(f"measured {name} batch {batch}: {positions:.1f} positions/s", file=sys.stderr)

    latency = {k: predict_latency(MovePredictor.load(args.model, symmetries=k), args.sgf, args.move, 20 if k == 1 else 5) for k in (1, 8)}
    result = {"threads": torch.get_num_threads(), "matmul_gflops": rate / 1e9, "forward": rows,
              "predict_seconds": {"symmetries_1": latency[1], "symmetries_8": latency[8]}}
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"torch threads {result['threads']}, float32 matmul (4096 x 4096): {rate / 1e9:.1f} GFLOP/s")
    print("| network | batch | positions/s | GFLOP/position | share of matmul rate |")
    print("|---|---|---|---|---|")
    for row in rows:
        print(f"| {row['network']} | {row['batch']} | {row['positions_per_second']:.1f} | "
              f"{row['gflops_per_position']:.3f} | {row['share_of_matmul']:.0%} |")
    print(f"predict latency (SGF to probabilities, the measured model): {latency[1] * 1000:.1f} ms, "
          f"with 8 symmetries {latency[8] * 1000:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
