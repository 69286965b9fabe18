"""Output shapes and parameter counts of the vision models, against hand-computed values.

A conv layer owns out * (in * kh * kw + 1) parameters and a dense layer out * (in + 1).
"""

import pytest
import torch
from torch import nn

from seqboard.vision.models import (
    MODELS,
    AlexNet,
    ConvNetJSCifar10,
    InceptionMnist,
    LeNet5,
    Mnist1Conv,
    Mnist2Conv,
    Model120x160,
    ResNetMnist,
    local_response_norm,
)


def conv_params(c_in: int, c_out: int, kh: int, kw: int | None = None) -> int:
    return c_out * (c_in * kh * (kw or kh) + 1)


def dense_params(n_in: int, n_out: int) -> int:
    return n_out * (n_in + 1)


def count(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())


# Model class, input (C, H, W), classes, hand-computed parameter count.
EXPECTED = [
    (Mnist1Conv, (1, 28, 28), 10, conv_params(1, 32, 3) + dense_params(13 * 13 * 32, 128) + dense_params(128, 10)),
    (
        Mnist2Conv,
        (1, 28, 28),
        10,
        conv_params(1, 32, 3) + conv_params(32, 64, 3) + dense_params(5 * 5 * 64, 128) + dense_params(128, 10),
    ),
    (
        LeNet5,
        (1, 32, 32),
        10,
        conv_params(1, 6, 5) + conv_params(6, 16, 5) + conv_params(16, 120, 5) + dense_params(120, 84) + dense_params(84, 10),
    ),
    (
        Model120x160,
        (1, 120, 160),
        4,
        conv_params(1, 10, 5) + conv_params(10, 20, 5) + conv_params(20, 20, 4) + dense_params(12 * 17 * 20, 4),
    ),
    (
        ConvNetJSCifar10,
        (3, 32, 32),
        10,
        conv_params(3, 16, 5) + conv_params(16, 20, 5) + conv_params(20, 20, 5) + dense_params(4 * 4 * 20, 10),
    ),
]


@pytest.mark.parametrize(("model_class", "input_shape", "classes", "params"), EXPECTED, ids=lambda v: getattr(v, "__name__", ""))
def test_model_shape_and_params(model_class, input_shape, classes, params):
    model = model_class()
    assert model.input_shape == input_shape
    logits = model(torch.zeros(3, *input_shape))
    assert tuple(logits.shape) == (3, classes)
    assert count(model) == params


def test_mnist_models_flatten_sizes():
    assert Mnist1Conv().flatten_size == 5408
    assert Mnist2Conv().flatten_size == 1600


def test_model_120x160_flatten_is_4080():
    model = Model120x160()
    assert model.feature_shape == (20, 12, 17)
    assert model.flatten_size == 4080


def test_lenet5_paper_layer_params():
    # LeCun et al. 1998: C5 has 48,120 trainable parameters and F6 10,164.
    model = LeNet5()
    assert count(model.c5) == 48_120
    assert count(model.f6) == 10_164


def test_alexnet_shapes_per_slide_table():
    model = AlexNet()
    x = torch.zeros(1, 3, 227, 227)
    shapes = {}
    for name in ("conv1", "norm1", "conv2", "norm2", "conv3", "conv4", "conv5"):
        x = getattr(model, name)(x)
        shapes[name] = tuple(x.shape[1:])
    assert shapes == {
        "conv1": (96, 27, 27),  # 55 x 55 after CONV1, 27 x 27 after POOL1
        "norm1": (96, 27, 27),
        "conv2": (256, 13, 13),
        "norm2": (256, 13, 13),
        "conv3": (384, 13, 13),
        "conv4": (384, 13, 13),
        "conv5": (256, 6, 6),
    }
    conv1_only = model.conv1.conv(torch.zeros(1, 3, 227, 227))
    assert tuple(conv1_only.shape[1:]) == (96, 55, 55)


def test_alexnet_param_count():
    expected = (
        conv_params(3, 96, 11)
        + conv_params(96, 256, 5)
        + conv_params(256, 384, 3)
        + conv_params(384, 384, 3)
        + conv_params(384, 256, 3)
        + dense_params(6 * 6 * 256, 4096)
        + dense_params(4096, 4096)
        + dense_params(4096, 1000)
    )
    assert expected == 62_378_344  # the one-stream AlexNet's published count
    assert count(AlexNet()) == expected


def test_alexnet_trains_one_step():
    model = AlexNet(AlexNet.Config(num_classes=4))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    inputs, targets = torch.randn(2, 3, 227, 227), torch.tensor([0, 3])
    before = model.fc8.weight.detach().clone()
    loss = nn.functional.cross_entropy(model(inputs), targets)
    loss.backward()
    optimizer.step()
    assert torch.isfinite(loss)
    assert not torch.equal(before, model.fc8.weight)


def test_local_response_norm_matches_paper_formula():
    # b_c = a_c / (k + alpha * sum_{j=max(0,c-n/2)}^{min(C-1,c+n/2)} a_j^2) ** beta, paper constants.
    torch.manual_seed(0)
    a = torch.randn(1, 7, 2, 2)
    k, n, alpha, beta = 2.0, 5, 1e-4, 0.75
    expected = torch.empty_like(a)
    for c in range(7):
        low, high = max(0, c - n // 2), min(6, c + n // 2)
        total = (a[:, low : high + 1] ** 2).sum(dim=1)
        expected[:, c] = a[:, c] / (k + alpha * total) ** beta
    torch.testing.assert_close(local_response_norm()(a), expected)


def test_inception_mnist_shape_and_params():
    model = InceptionMnist()
    assert tuple(model(torch.zeros(2, 1, 28, 28)).shape) == (2, 10)
    inception = (
        conv_params(32, 16, 1)
        + conv_params(32, 16, 1)
        + conv_params(16, 24, 3)
        + conv_params(32, 8, 1)
        + conv_params(8, 8, 5)
        + conv_params(32, 8, 1)
    )
    assert count(model) == conv_params(1, 32, 3) + inception + dense_params(16 + 24 + 8 + 8, 10)


def test_resnet_mnist_shape_and_params():
    model = ResNetMnist()
    assert tuple(model(torch.zeros(2, 1, 28, 28)).shape) == (2, 10)

    def conv_bn(c_in, c_out, k):  # a convolution without bias and its batch norm (weight, bias)
        return c_out * c_in * k * k + 2 * c_out

    stem = conv_bn(1, 16, 3)
    block1 = conv_bn(16, 16, 3) * 2
    block2 = conv_bn(16, 32, 3) + conv_bn(32, 32, 3) + conv_bn(16, 32, 1)
    block3 = conv_bn(32, 64, 3) + conv_bn(64, 64, 3) + conv_bn(32, 64, 1)
    assert count(model) == stem + block1 + block2 + block3 + dense_params(64, 10)


def test_registry_models_build_with_defaults():
    assert set(MODELS) == {
        "mnist-1conv",
        "mnist-2conv",
        "lenet5",
        "alexnet",
        "model-120x160",
        "convnetjs-cifar10",
        "inception-mnist",
        "resnet-mnist",
    }
    for name, model_class in MODELS.items():
        model = model_class()
        rebuilt = model_class.from_config_dict(model.config_dict())
        assert rebuilt.config == model.config, name


def test_layer_table_totals_match_params():
    model = Mnist2Conv()
    table = model.layer_table()
    assert "(N, 64, 5, 5)" in table
    assert "Total params: 225,034" in table


@pytest.mark.parametrize(
    "build",
    [lambda: InceptionMnist(InceptionMnist.Config(dropout=0.0)), ResNetMnist, LeNet5],
    ids=["InceptionMnist", "ResNetMnist", "LeNet5"],
)
def test_small_networks_train(build):
    # Every parameter gets a gradient, and twenty Adam steps on one fixed batch of noise
    # lower its loss. (Global average pooling leaves the Inception net little to tell
    # noise images apart by, so its loss falls slowly: from 2.30 to 2.25 here.)
    torch.manual_seed(0)
    model = build()
    inputs = torch.rand(16, *model.input_shape)
    targets = torch.arange(16) % 10
    optimizer = torch.optim.Adam(model.parameters(), lr=3e-3)
    losses = []
    for _ in range(20):
        loss = nn.functional.cross_entropy(model(inputs), targets)
        optimizer.zero_grad()
        loss.backward()
        if not losses:
            for name, parameter in model.named_parameters():
                assert parameter.grad is not None and parameter.grad.abs().sum() > 0, name
        optimizer.step()
        losses.append(loss.item())
    assert losses[-1] < losses[0] - 0.01
