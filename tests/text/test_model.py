"""SentenceCNN: channels per mode, shapes, max-norm, and padding that never changes a prediction."""

import pytest
import torch
from torch.nn import functional as F

from seqboard.core.adadelta import Adadelta
from seqboard.text.batching import pack_batch, pad_batch
from seqboard.text.errors import TextError
from seqboard.text.model import SentenceCNN, SentenceCNNConfig


def _model(mode: str) -> SentenceCNN:
    torch.manual_seed(0)
    config = SentenceCNNConfig(vocab_size=20, num_classes=3, mode=mode, embedding_dim=8)
    return SentenceCNN(config, torch.randn(20, 8))


@pytest.mark.parametrize("mode, channels, trainable_embeddings", [
    ("rand", 1, 1), ("static", 1, 0), ("non-static", 1, 1), ("multichannel", 2, 1),
])
def test_sentence_cnn_channels_per_mode(mode, channels, trainable_embeddings):
    model = _model(mode)
    assert model.num_channels == channels
    embeddings = [layer for layer in (model.static, model.tuned) if layer is not None]
    assert sum(layer.weight.requires_grad for layer in embeddings) == trainable_embeddings


def test_sentence_cnn_output_shape_and_features():
    model = _model("multichannel")
    # Three windows with 100 feature maps each give 300 pooled features.
    assert model.convolutions.out_features == 300
    assert model.head.output.in_features == 300
    assert model(torch.randint(2, 20, (4, 11))).shape == (4, 3)


def test_sentence_cnn_static_channel_stays_fixed():
    model = _model("multichannel")
    before_static, before_tuned = model.static.weight.clone(), model.tuned.weight.clone()
    optimizer = Adadelta([p for p in model.parameters() if p.requires_grad])
    loss = model(torch.randint(2, 20, (4, 11))).sum()
    loss.backward()
    optimizer.step()
    assert torch.equal(model.static.weight, before_static)
    assert not torch.equal(model.tuned.weight, before_tuned)


def test_sentence_cnn_padding_row_zero():
    model = _model("non-static")
    assert torch.count_nonzero(model.tuned.weight[:2]) == 0  # padding and unknown rows


def test_apply_max_norm_rescales_long_rows_only():
    model = _model("rand")
    with torch.no_grad():
        model.head.output.weight.copy_(torch.zeros(3, 300))
        model.head.output.weight[0, :2] = torch.tensor([6.0, 8.0])  # norm 10 -> 3
        model.head.output.weight[1, 0] = 2.0  # norm 2, below 3: unchanged
    model.apply_max_norm()
    rows = model.head.output.weight
    assert torch.allclose(rows[0, :2], torch.tensor([1.8, 2.4]))
    assert rows[1, 0] == 2.0


def test_prediction_independent_of_batch_padding():
    model = _model("multichannel").eval()
    config = model.config
    short, long = [5, 6], list(range(2, 20)) * 3
    alone = model(pad_batch([short], config.pad_left, config.pad_right))
    together = model(pad_batch([short, long], config.pad_left, config.pad_right))
    torch.testing.assert_close(alone[0], together[0])


def test_sentence_cnn_config_rejects_unknown_mode():
    with pytest.raises(TextError, match="unknown mode 'dynamic'"):
        SentenceCNNConfig(vocab_size=5, num_classes=2, mode="dynamic")


@pytest.mark.parametrize("mode", ["rand", "multichannel"])
def test_packed_equals_padded_batch(mode):
    # The padded batch is the reference: packing must change the work, not the result.
    # Evaluation mode turns dropout off, so both models compute the same function.
    padded_model = _model(mode).eval()
    packed_model = _model(mode).eval()
    config = padded_model.config
    sentences = [[5, 6], [], list(range(2, 20)), [7], [3, 3, 3, 9]]
    targets = torch.tensor([0, 1, 2, 1, 0])

    padded = padded_model(pad_batch(sentences, config.pad_left, config.pad_right))
    packed = packed_model(pack_batch(sentences, config.pad_left, config.pad_right))
    torch.testing.assert_close(packed, padded)

    F.cross_entropy(padded, targets).backward()
    F.cross_entropy(packed, targets).backward()
    for (name, a), b in zip(padded_model.named_parameters(), packed_model.parameters()):
        if a.grad is not None:
            torch.testing.assert_close(b.grad.to_dense(), a.grad.to_dense(), msg=name)


def test_embedding_gradient_sparse_rows():
    model = _model("non-static")
    model(pack_batch([[4, 5], [5, 9]], model.config.pad_left, model.config.pad_right)).sum().backward()
    grad = model.tuned.weight.grad
    assert grad.is_sparse
    # Rows with a gradient: the words 4, 5 and 9; the padding row 0 never gets one.
    assert set(grad.coalesce().indices()[0].tolist()) == {4, 5, 9}


def test_init_as_kim_ranges():
    model = _model("rand")
    model.init_as_kim(torch.Generator().manual_seed(0))
    for conv in model.convolutions.convs:
        assert conv.weight.abs().max() <= 0.01
        # All of 100 x 8 x h >= 2,400 draws from U[-0.01, 0.01] stay within 0.009 with
        # probability 0.9 ** 2400, below 1e-100.
        assert conv.weight.abs().max() > 0.009
    assert not model.convolutions.biases.any()
    assert not model.head.output.weight.any()
    assert not model.head.output.bias.any()

    # A zero output layer gives every class the same probability, 1/3 here.
    probabilities = model.eval()(torch.randint(2, 20, (4, 9))).softmax(dim=1)
    torch.testing.assert_close(probabilities, torch.full((4, 3), 1 / 3))


def test_config_dropout_scaling_round_trip():
    config = SentenceCNNConfig(vocab_size=20, num_classes=3, dropout_scaling="test")
    assert SentenceCNNConfig.from_json(config.to_json()) == config
    # A config saved before the field existed loads with torch's inverted dropout.
    old = {key: value for key, value in config.to_json().items() if key != "dropout_scaling"}
    assert SentenceCNNConfig.from_json(old).dropout_scaling == "train"
    with pytest.raises(TextError, match="dropout scaling 'both'"):
        SentenceCNNConfig(vocab_size=20, num_classes=3, dropout_scaling="both")
