"""LeNet-5 (LeCun et al. 1998) on MNIST, each digit padded by 2 pixels to 32 x 32.

    python examples/lenet5.py             # 12 epochs, batch 128, Adam
    python examples/lenet5.py --dry-run   # a few batches
"""

import sys

from _course import parser, train_model
from seqboard.vision.models import LeNet5


def main(argv: list[str] | None = None) -> int:
    args = parser(__doc__.splitlines()[0], "runs/lenet5").parse_args(argv)
    print(LeNet5().layer_table())
    train_model("lenet5", args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
