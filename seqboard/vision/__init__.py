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
  ``runs.py`` (a run folder loaded back into its model), ``ensemble.py`` (the softmax
  outputs of several runs added), ``images.py`` (an image file to an MNIST-like 28x28
  digit) and ``cli.py`` (``seqboard vision train|ensemble|predict|models``).
- Scripts: ``examples/`` has one script per course section, each with ``--dry-run``;
  ``benchmarks/vision_keras_vs_seqboard.py`` times the course's Keras code beside
  ``seqboard vision train``. Figures are in ``docs/results-vision.md``.
"""
