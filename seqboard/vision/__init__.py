"""Images: the course's image CNNs built from the shared blocks, on real MNIST.

Reading guide
-------------
- Data: ``idx.py`` reads IDX files (MNIST's format) and checks them; ``mnist.py`` locates
  the four MNIST files under the data root and fits the images to a model's input;
  ``cifar.py`` reads the CIFAR-10 python batches.
- Models: ``models/``, one module per model or family, each with one frozen dataclass
  config; ``models.MODELS`` maps the command-line names to the classes. Start with
  ``models/course_mnist.py`` (the course's one- and two-convolution models), then
  ``lenet5.py``, ``alexnet.py``, ``model_120x160.py``, ``convnetjs_cifar10.py`` and the two
  small networks around GoogLeNet's Inception module and ResNet's residual block.
- Training and use: ``training.py`` (the shared Trainer with a Keras-like epoch line),
  ``ensemble.py`` (averaged softmax outputs of several runs), ``images.py`` (an image
  file to an MNIST-like 28x28 digit) and ``cli.py`` (``seqboard vision ...``).
"""
