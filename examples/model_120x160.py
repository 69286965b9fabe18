"""The course's 120 x 160 x 1 four-class model: its layer table and a few training steps.

    python examples/model_120x160.py             # 50 Adam steps on synthetic images
    python examples/model_120x160.py --dry-run   # 3 steps

The course's four-class 120 x 160 images are not here. So the steps run on synthetic
images whose class is the quadrant that contains a bright square. They show that the
network learns from its input, not how it does on the course's data.
"""

import argparse
import sys

import torch
from torch import nn

from seqboard.vision.models import Model120x160


def synthetic_batch(size: int, generator: torch.Generator) -> tuple[torch.Tensor, torch.Tensor]:
    """Return (N, 1, 120, 160) images with a 20 x 20 square in quadrant `label`, and the labels."""
    images = torch.rand(size, 1, 120, 160, generator=generator) * 0.2
    labels = torch.randint(0, 4, (size,), generator=generator)
    for index, label in enumerate(labels.tolist()):
        top = 20 if label < 2 else 80
        left = 30 if label % 2 == 0 else 110
        images[index, 0, top : top + 20, left : left + 20] = 1.0
    return images, labels


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true", help="3 steps instead of 50")
    parser.add_argument("--steps", type=int, default=50, help="Adam steps")
    args = parser.parse_args(argv)

    torch.manual_seed(0)
    model = Model120x160()
    print(model.layer_table())
    print(f"flatten: {' x '.join(map(str, model.feature_shape))} = {model.flatten_size}")

    generator = torch.Generator().manual_seed(0)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    for step in range(1, (3 if args.dry_run else args.steps) + 1):
        images, labels = synthetic_batch(32, generator)
        loss = nn.functional.cross_entropy(model(images), labels)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if step % 10 == 0 or args.dry_run:
            print(f"step {step}: loss {loss.item():.4f}")

    images, labels = synthetic_batch(200, generator)
    model.eval()
    with torch.no_grad():
        accuracy = (model(images).argmax(dim=1) == labels).float().mean().item()
    print(f"accuracy on 200 new synthetic images: {accuracy:.2%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
