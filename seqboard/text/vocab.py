"""The vocabulary: token <-> index, built from training data and saved with the model.

Index 0 is padding and index 1 stands for every unknown token; both rows of the
embedding matrix are zero, so padding and unknown words add nothing to a window's
activation. Real tokens follow from index 2, most frequent first (ties alphabetical),
so a vocabulary built twice from the same data has the same indices.
"""

from collections import Counter
from collections.abc import Iterable

PAD, UNK = "<pad>", "<unk>"
PAD_INDEX, UNK_INDEX = 0, 1


class Vocabulary:
    """A fixed token list with a reverse index; see the module docstring for the layout."""

    def __init__(self, tokens: Iterable[str]) -> None:
        self.tokens = [PAD, UNK, *(token for token in tokens if token not in (PAD, UNK))]
        self.index = {token: i for i, token in enumerate(self.tokens)}
        if len(self.index) != len(self.tokens):
            raise ValueError("vocabulary tokens must be distinct")

    @classmethod
    def build(cls, sentences: Iterable[list[str]], min_count: int = 1) -> "Vocabulary":
        """Build from tokenised sentences, keeping tokens seen at least `min_count` times."""
        counts = Counter(token for sentence in sentences for token in sentence)
        ranked = sorted((token for token, n in counts.items() if n >= min_count), key=lambda t: (-counts[t], t))
        return cls(ranked)

    def extended(self, tokens: Iterable[str]) -> "Vocabulary":
        """Return a copy with `tokens` that are not yet present appended at the end."""
        return Vocabulary([*self.tokens[2:], *(t for t in dict.fromkeys(tokens) if t not in self.index)])

    def __len__(self) -> int:
        return len(self.tokens)

    def __contains__(self, token: str) -> bool:
        return token in self.index

    def encode(self, tokens: list[str]) -> list[int]:
        """Return the index of each token, UNK_INDEX for tokens not in the vocabulary."""
        return [self.index.get(token, UNK_INDEX) for token in tokens]

    def to_json(self) -> list[str]:
        return list(self.tokens)

    @classmethod
    def from_json(cls, tokens: list[str]) -> "Vocabulary":
        if tokens[:2] != [PAD, UNK]:
            raise ValueError(f"a saved vocabulary starts with {PAD!r}, {UNK!r}; got {tokens[:2]}")
        return cls(tokens[2:])
