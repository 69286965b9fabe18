"""The course's one-convolution MNIST model, trained with Adam as its Keras code does.

    python examples/mnist_1conv.py             # 12 epochs, batch 128
    python examples/mnist_1conv.py --dry-run   # a few batches
"""

import sys

from _course import parser, train_model
from seqboard.vision.models import Mnist1Conv


def main(argv: list[str] | None = None) -> int:
    args = parser(__doc__.splitlines()[0], "runs/mnist-1conv").parse_args(argv)
    print(Mnist1Conv().layer_table())
    train_model("mnist-1conv", args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
