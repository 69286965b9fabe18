"""The vision models, one module per model or family, and the registry of CLI names.

Each model takes (N, C, H, W) images of its `input_shape` and returns (N, num_classes)
logits; `Model()` builds it with its defaults, `Model(Model.Config(...))` with others.
"""

from seqboard.vision.models.alexnet import AlexNet, local_response_norm
from seqboard.vision.models.base import VisionModel
from seqboard.vision.models.convnetjs_cifar10 import ConvNetJSCifar10
from seqboard.vision.models.course_mnist import Mnist1Conv, Mnist2Conv
from seqboard.vision.models.inception_mnist import InceptionMnist
from seqboard.vision.models.lenet5 import LeNet5
from seqboard.vision.models.model_120x160 import Model120x160
from seqboard.vision.models.resnet_mnist import ResNetMnist

# CLI name -> model class.
MODELS: dict[str, type[VisionModel]] = {
    "mnist-1conv": Mnist1Conv,
    "mnist-2conv": Mnist2Conv,
    "lenet5": LeNet5,
    "alexnet": AlexNet,
    "model-120x160": Model120x160,
    "convnetjs-cifar10": ConvNetJSCifar10,
    "inception-mnist": InceptionMnist,
    "resnet-mnist": ResNetMnist,
}

__all__ = [
    "MODELS",
    "AlexNet",
    "ConvNetJSCifar10",
    "InceptionMnist",
    "LeNet5",
    "Mnist1Conv",
    "Mnist2Conv",
    "Model120x160",
    "ResNetMnist",
    "VisionModel",
    "local_response_norm",
]
