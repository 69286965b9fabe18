"""Prediction with a trained run: `SentenceClassifier.load(path).predict(sentences)`.

Every input gets a defined result, so one line of input always gives one line of output:
- each sentence is tokenised by the rules the model was trained with, which drop
  control characters, emoji and other non-ASCII characters;
- unknown words take the zero vector, like padding, and so add nothing;
- an empty sentence, or one with no known word, is still classified, from the
  all-padding windows alone; `Prediction.note` says so;
- any length works: a sentence shorter than the widest window is padded, and one longer
  than every training sentence is read whole, because max-over-time pooling takes any
  length, up to MAX_TOKENS, beyond which it is cut and `note` says so.
"""

import sys
from dataclasses import dataclass
from pathlib import Path

import torch

from seqboard.core.checkpoint import CONFIG_FILE, load_checkpoint
from seqboard.text.batching import pack_batch, pad_batch
from seqboard.text.errors import TextError
from seqboard.text.model import SentenceCNN, SentenceCNNConfig
from seqboard.text.tokenize import tokenizer_for
from seqboard.text.training import CHECKPOINT_KIND
from seqboard.text.vocab import UNK_INDEX, Vocabulary

# Sentences are cut to this many tokens, which bounds the memory one sentence can take.
MAX_TOKENS = 10_000


@dataclass(frozen=True)
class Prediction:
    """The most probable label of one sentence, its probability and every label's probability."""

    label: str
    probability: float
    probabilities: dict[str, float]
    tokens: int
    unknown_tokens: int
    note: str | None = None


def resolve_checkpoint(path: str | Path) -> Path:
    """Return the checkpoint folder for a run folder, a cross-validated run's folder or a checkpoint folder."""
    path = Path(path)
    for candidate in (path, path / "checkpoint", path / "fold-01" / "checkpoint"):
        if (candidate / CONFIG_FILE).is_file():
            if candidate.parent.name == "fold-01":
                print(f"{path} is a cross-validated run; using the model of its first fold", file=sys.stderr)
            return candidate
    raise TextError(f"no trained model found in {path}; pass the --out folder of `seqboard text train`")


class SentenceClassifier:
    """A trained SentenceCNN with its vocabulary, label names and tokeniser."""

    def __init__(self, model: SentenceCNN, vocab: Vocabulary, labels: list[str], tokenizer: str) -> None:
        self.model = model.eval()
        self.vocab = vocab
        self.labels = labels
        self.tokenizer_name = tokenizer
        self.tokenize = tokenizer_for(tokenizer)

    @classmethod
    def load(cls, path: str | Path) -> "SentenceClassifier":
        """Load the model of a training run (see `resolve_checkpoint` for the accepted folders)."""
        checkpoint = load_checkpoint(resolve_checkpoint(path))
        if checkpoint.kind != CHECKPOINT_KIND:
            raise TextError(f"{path} contains a {checkpoint.kind!r} model, not a sentence classifier ({CHECKPOINT_KIND!r})")
        model = SentenceCNN(SentenceCNNConfig.from_json(checkpoint.config))
        model.load_state_dict(checkpoint.tensors)
        extras = checkpoint.extras
        return cls(model, Vocabulary.from_json(extras["vocabulary"]), extras["labels"], extras["text"]["tokenizer"])

    def _encode(self, sentence: str) -> tuple[list[int], str | None]:
        tokens = self.tokenize(sentence)
        note = None
        if len(tokens) > MAX_TOKENS:
            tokens, note = tokens[:MAX_TOKENS], f"cut to the first {MAX_TOKENS} tokens"
        ids = self.vocab.encode(tokens)
        if not tokens:
            note = "no tokens: predicted from padding alone"
        elif all(i == UNK_INDEX for i in ids):
            note = "no known words: predicted from padding alone"
        return ids, note

    @torch.no_grad()
    def probabilities(self, sentences: list[str], batch_size: int = 256) -> torch.Tensor:
        """Return the (N, num_classes) class probabilities of `sentences`."""
        config = self.model.config
        rows = []
        for start in range(0, len(sentences), batch_size):
            ids = [self._encode(s)[0] for s in sentences[start : start + batch_size]]
            # Packing saves the padding of mixed lengths; a lone sentence has none to save,
            # and the padded path runs fewer small operations.
            batch = pad_batch if len(ids) == 1 else pack_batch
            inputs = batch(ids, config.pad_left, config.pad_right)
            rows.append(torch.softmax(self.model(inputs), dim=1))  # (N, classes)
        return torch.cat(rows) if rows else torch.empty(0, len(self.labels))

    def predict(self, sentences: list[str], batch_size: int = 256) -> list[Prediction]:
        """Return one Prediction per sentence, in order."""
        if isinstance(sentences, str):
            raise TextError("predict takes a list of sentences, got one string; wrap it in a list")
        probabilities = self.probabilities(sentences, batch_size)
        predictions = []
        for sentence, row in zip(sentences, probabilities.tolist()):
            ids, note = self._encode(sentence)
            best = max(range(len(row)), key=row.__getitem__)
            predictions.append(Prediction(
                self.labels[best], row[best], dict(zip(self.labels, row)),
                len(ids), sum(i == UNK_INDEX for i in ids), note,
            ))
        return predictions
