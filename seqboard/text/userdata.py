"""The user's own data: one `label<TAB>sentence` per line, UTF-8.

Label names are the distinct labels of the training file, sorted. A dev or test line
whose label is absent from training is an error, as is a line without a tab or a byte
that is not UTF-8; each message names the file and the line.
"""

from pathlib import Path

from seqboard.text.datasets import Example, TextDataset, read_lines
from seqboard.text.errors import DataFileError


def read_labelled_file(path: str | Path) -> list[tuple[str, str]]:
    """Return the (label, sentence) pairs of a `label<TAB>sentence` file."""
    path = Path(path)
    if not path.is_file():
        raise DataFileError(f"data file {path} not found; pass a file with one 'label<TAB>sentence' per line")
    lines = read_lines(path, "utf-8")
    if lines and lines[0].startswith("\ufeff"):
        lines[0] = lines[0][1:]  # a byte-order mark written by some Windows editors

    pairs = []
    for number, line in enumerate(lines, start=1):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        label, tab, sentence = line.partition("\t")
        if not tab or not label.strip():
            raise DataFileError(
                f"{path}, line {number}: expected 'label<TAB>sentence', got {line[:60]!r}; "
                "separate the label from the sentence with one tab"
            )
        pairs.append((label.strip(), sentence))
    if not pairs:
        raise DataFileError(f"{path} contains no 'label<TAB>sentence' lines")
    return pairs


def _to_examples(path, pairs, label_names) -> list[Example]:
    examples = []
    for label, sentence in pairs:
        if label not in label_names:
            raise DataFileError(
                f"{path}: label {label!r} does not occur in the training file, whose labels are "
                f"{', '.join(label_names)}; fix the label or add training examples for it"
            )
        examples.append(Example(label_names.index(label), sentence))
    return examples


def load_user_dataset(train: str | Path, test: str | Path, dev: str | Path | None = None) -> TextDataset:
    """Load the user's train, test and optional dev files, tokenised by Kim's full rules."""
    train_pairs = read_labelled_file(train)
    label_names = tuple(sorted({label for label, _ in train_pairs}))
    if len(label_names) < 2:
        raise DataFileError(f"{train} contains only the label {label_names[0]!r}; a classifier needs at least two")

    dev_examples = _to_examples(dev, read_labelled_file(dev), label_names) if dev else None
    test_examples = _to_examples(test, read_labelled_file(test), label_names)
    return TextDataset("user", label_names, "kim", _to_examples(train, train_pairs, label_names), dev_examples, test_examples)
