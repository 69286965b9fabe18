"""SentenceClassifier: checkpoint round trip and a defined result for every kind of input."""

import pytest
import torch

from seqboard.core.checkpoint import load_checkpoint
from seqboard.text.errors import TextError
from seqboard.text.model import SentenceCNN, SentenceCNNConfig
from seqboard.text.predict import MAX_TOKENS, SentenceClassifier


def test_load_round_trip_identical_probabilities(tiny_run):
    checkpoint = load_checkpoint(tiny_run / "checkpoint")
    model = SentenceCNN(SentenceCNNConfig.from_json(checkpoint.config))
    model.load_state_dict(checkpoint.tensors)
    model.eval()

    classifier = SentenceClassifier.load(tiny_run)
    sentences = ["a witty and charming film", "a dull , boring film"]
    ids = [classifier.vocab.encode(classifier.tokenize(s)) for s in sentences]
    from seqboard.text.batching import pad_batch

    expected = torch.softmax(model(pad_batch(ids, model.config.pad_left, model.config.pad_right)), dim=1)
    assert torch.equal(classifier.probabilities(sentences), expected)
    assert torch.equal(SentenceClassifier.load(tiny_run / "checkpoint").probabilities(sentences), expected)


def test_predict_batch_size_does_not_change_result(tiny_run):
    classifier = SentenceClassifier.load(tiny_run)
    sentences = ["funny", "a dull , lifeless and boring mess of a film " * 5, "great cast"]
    one_by_one = classifier.probabilities(sentences, batch_size=1)
    torch.testing.assert_close(classifier.probabilities(sentences, batch_size=256), one_by_one)


@pytest.mark.parametrize("sentence, note", [
    ("", "no tokens"),
    ("   \t ", "no tokens"),
    ("\U0001F600 \u2603 \x00\x1b", "no tokens"),
    ("zyzzyva quuxfilm", "no known words"),
    ("funny", None),
    ("a witty \U0001F600 film\x07", None),
])
def test_predict_defined_for_odd_input(tiny_run, sentence, note):
    prediction = SentenceClassifier.load(tiny_run).predict([sentence])[0]
    assert prediction.label in ("neg", "pos")
    assert sum(prediction.probabilities.values()) == pytest.approx(1.0)
    assert prediction.probability == max(prediction.probabilities.values())
    if note is None:
        assert prediction.note is None
    else:
        assert note in prediction.note


def test_predict_no_tokens_equals_all_unknown(tiny_run):
    classifier = SentenceClassifier.load(tiny_run)
    # Unknown words are zero vectors like padding: both are predicted from padding alone.
    empty, unknown = classifier.probabilities(["", "zyzzyva quuxfilm"])
    torch.testing.assert_close(empty, unknown)


def test_predict_long_sentence_cut(tiny_run):
    classifier = SentenceClassifier.load(tiny_run)
    longest_seen = 9
    long_prediction = classifier.predict(["funny " * 50])[0]
    assert long_prediction.tokens == 50 > longest_seen
    assert long_prediction.note is None
    cut = classifier.predict(["funny " * (MAX_TOKENS + 5)])[0]
    assert cut.tokens == MAX_TOKENS
    assert "cut" in cut.note


def test_predict_counts_unknown_tokens(tiny_run):
    prediction = SentenceClassifier.load(tiny_run).predict(["a zyzzyva film"])[0]
    assert (prediction.tokens, prediction.unknown_tokens) == (3, 1)


def test_predict_rejects_single_string(tiny_run):
    with pytest.raises(TextError, match="list of sentences"):
        SentenceClassifier.load(tiny_run).predict("a film")


def test_load_missing_model(tmp_path):
    with pytest.raises(TextError, match="no trained model found"):
        SentenceClassifier.load(tmp_path)
