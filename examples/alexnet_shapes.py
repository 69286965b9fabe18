"""AlexNet's shapes, layer by layer, checked against the course's slide table.

    python examples/alexnet_shapes.py             # the table, the checks, one training step
    python examples/alexnet_shapes.py --dry-run   # the same without the training step

No ImageNet data is here, so the training step runs on random images: it shows that
the network trains, not what it learns.
"""

import argparse
import sys

import torch
from torch import nn

from seqboard.vision.models import AlexNet

# The slide's output size after each layer, as (C, H, W).
SLIDE_TABLE = {
    "conv1.conv": (96, 55, 55),
    "conv1.pool": (96, 27, 27),
    "norm1": (96, 27, 27),
    "conv2.conv": (256, 27, 27),
    "conv2.pool": (256, 13, 13),
    "norm2": (256, 13, 13),
    "conv3.conv": (384, 13, 13),
    "conv4.conv": (384, 13, 13),
    "conv5.conv": (256, 13, 13),
    "conv5.pool": (256, 6, 6),
    "fc6.linear": (4096,),
    "fc7.linear": (4096,),
    "fc8": (1000,),
}


def check_shapes(model: AlexNet) -> list[str]:
    """Return one line per slide row, with the shape the model produced."""
    from seqboard.blocks.summary import layer_table

    produced = {row.name: row.output_shape for row in layer_table(model, model.example_input())}
    lines = []
    for name, expected in SLIDE_TABLE.items():
        mark = "ok" if produced.get(name) == expected else "MISMATCH"
        lines.append(f"{name:<12} slide {str(expected):<18} model {str(produced.get(name)):<18} {mark}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true", help="skip the training step")
    args = parser.parse_args(argv)

    model = AlexNet()
    print(model.layer_table())
    lines = check_shapes(model)
    print("\n".join(lines))
    if any(line.endswith("MISMATCH") for line in lines):
        return 1
    if not args.dry_run:
        optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
        loss = nn.functional.cross_entropy(model(torch.randn(2, 3, 227, 227)), torch.tensor([0, 1]))
        loss.backward()
        optimizer.step()
        print(f"one SGD step on random images: loss {loss.item():.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
