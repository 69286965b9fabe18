"""seqboard: one set of convolution blocks, three kinds of input.

Reading guide
-------------
- ``seqboard/blocks/``: the shared convolution blocks, one concept a file. Start with
  ``shapes.py`` (output-size arithmetic), then ``conv.py`` (conv block), ``sentence.py``
  (multi-width convolution with max-over-time pooling), ``board.py`` (the "same"-padded
  board tower and the per-point bias head), ``dense.py`` (dense head, max-norm) and
  ``summary.py`` (the layer table).
- ``seqboard/core/``: what the subsystems share: seeding, device choice, the data root,
  checkpoints (safetensors plus JSON), the training loop and metrics.json.
- Text: ``seqboard/text/``, Kim's (2014) CNN sentence classifier. Start at its
  package docstring.
- Go: ``seqboard/go/``, the board and rules, AlphaGo's 48 feature planes and the
  supervised policy network. Start at its package docstring.
- Images: ``seqboard/vision/``, MNIST, LeNet-5, AlexNet and the course's models.

The three subsystems compose blocks and never import one another.
"""

__version__ = "0.1.0"
