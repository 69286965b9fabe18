import pytest
import torch

from seqboard.go.errors import GoError
from seqboard.go.policy import PolicyConfig, PolicyNet


def conv_parameters(in_channels: int, out_channels: int, kernel: int) -> int:
    return in_channels * out_channels * kernel * kernel + out_channels


def test_policy_parameter_count_paper_size():
    # 5x5 48 -> 192, eleven 3x3 192 -> 192, 1x1 192 -> 1 without bias, 361 point biases.
    expected = conv_parameters(48, 192, 5) + 11 * conv_parameters(192, 192, 3) + 192 + 361
    assert expected == 3_882_793
    model = PolicyNet(PolicyConfig(filters=192, layers=13))
    assert sum(p.numel() for p in model.parameters()) == expected


def test_policy_parameter_count_default():
    config = PolicyConfig()
    assert (config.filters, config.layers) == (64, 8)
    expected = conv_parameters(48, 64, 5) + 6 * conv_parameters(64, 64, 3) + 64 + 361
    assert sum(p.numel() for p in PolicyNet(config).parameters()) == expected


def test_policy_layer_count():
    model = PolicyNet(PolicyConfig(filters=8, layers=5))
    convolutions = [m for m in model.modules() if isinstance(m, torch.nn.Conv2d)]
    assert [c.kernel_size for c in convolutions] == [(5, 5), (3, 3), (3, 3), (3, 3), (1, 1)]
    assert [c.padding for c in convolutions] == [(2, 2), (1, 1), (1, 1), (1, 1), (0, 0)]


def test_policy_output_shape_and_softmax():
    torch.manual_seed(0)
    model = PolicyNet(PolicyConfig(filters=8, layers=3))
    planes = torch.randint(0, 2, (4, 48, 19, 19), dtype=torch.uint8)
    logits = model(planes)
    assert logits.shape == (4, 361)
    sums = torch.softmax(logits, dim=1).sum(dim=1)
    assert torch.allclose(sums, torch.ones(4), atol=1e-5)


def test_policy_uint8_equals_float_input():
    model = PolicyNet(PolicyConfig(filters=8, layers=3))
    planes = torch.randint(0, 2, (2, 48, 19, 19), dtype=torch.uint8)
    assert torch.equal(model(planes), model(planes.float()))


def test_policy_point_bias_per_point():
    model = PolicyNet(PolicyConfig(filters=4, layers=2))
    with torch.no_grad():
        for parameter in model.parameters():
            parameter.zero_()
        model.head.point_bias.bias[7] = 3.0
    logits = model(torch.zeros(1, 48, 19, 19))
    assert logits[0, 7] == 3.0
    assert logits[0].abs().sum() == 3.0


def test_policy_parameter_count_shipped_model():
    from seqboard.go.predict import MovePredictor

    # The shipped network is 48 filters x 8 layers: a 5x5 input convolution, six 3x3 ones,
    # then the 1x1 head (48 weights, no bias) and one bias per board point.
    expected = (5 * 5 * 48 * 48 + 48) + 6 * (3 * 3 * 48 * 48 + 48) + 48 + 361
    assert expected == 182_761
    model = MovePredictor.load().model
    assert sum(p.numel() for p in model.parameters()) == expected


@pytest.mark.parametrize("field, value", [("filters", 0), ("layers", 1), ("board_size", 1), ("input_planes", 2.5)])
def test_policy_config_rejects_invalid(field, value):
    with pytest.raises(GoError, match=field):
        PolicyConfig(**{field: value})


def test_policy_config_from_dict_round_trip():
    config = PolicyConfig(filters=32, layers=6)
    assert PolicyConfig.from_dict(config.as_dict()) == config
    with pytest.raises(GoError, match="keys"):
        PolicyConfig.from_dict({"filters": 32})


def test_policy_he_initialisation():
    # He initialisation: weights of standard deviation sqrt(2 / fan_in), zero biases.
    torch.manual_seed(0)
    model = PolicyNet(PolicyConfig(filters=64, layers=4))
    first, second = model.tower.layers[0].conv, model.tower.layers[1].conv
    assert first.weight.std().item() == pytest.approx((2 / (48 * 5 * 5)) ** 0.5, rel=0.05)
    assert second.weight.std().item() == pytest.approx((2 / (64 * 3 * 3)) ** 0.5, rel=0.05)
    assert first.bias.abs().sum() == 0
