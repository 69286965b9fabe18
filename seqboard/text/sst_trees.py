"""Phrase-level SST training data, rebuilt from the sentiment treebank's PTB trees.

Kim (2014) trained his SST models on every labelled phrase of the training trees, not
only on whole sentences. A tree line looks like `(3 (2 The) (4 (2 Rock) (3 rocks)))`:
every node carries a label 0-4 and its phrase is its leaves joined with spaces. Here
each distinct (label, lower-cased phrase) pair becomes one training example: 157,401
for SST-1 and, with neutral nodes dropped and labels mapped to binary, 77,201 for SST-2.
"""

from collections.abc import Iterator
from pathlib import Path

from seqboard.text.datasets import Example, read_lines
from seqboard.text.errors import DataFileError


def tree_phrases(line: str) -> Iterator[tuple[int, str]]:
    """Yield (label, phrase) for every node of one PTB tree line, children before parents."""
    # Each open node is (label, leaves collected so far).
    stack: list[tuple[int, list[str]]] = []
    position = 0
    while position < len(line):
        char = line[position]
        if char == "(":
            end = line.index(" ", position)
            stack.append((int(line[position + 1 : end]), []))
            position = end + 1
        elif char == ")":
            label, leaves = stack.pop()
            yield label, " ".join(leaves)
            if stack:
                stack[-1][1].extend(leaves)
            position += 1
        elif char == " ":
            position += 1
        else:
            # A leaf runs up to its node's closing bracket; one leaf ("8 1\/2") contains a space.
            end = line.index(")", position)
            stack[-1][1].append(line[position:end])
            position = end
    if stack:
        raise ValueError("unbalanced brackets")


def _binary(label: int) -> int | None:
    """Map a fine label to binary: 0-1 -> 0, 3-4 -> 1, neutral 2 -> None."""
    return None if label == 2 else int(label > 2)


def load_phrases(path: Path, binary: bool) -> list[Example]:
    """Return the distinct (label, lower-cased phrase) examples of every node in the trees at `path`."""
    seen: set[tuple[int, str]] = set()
    examples = []
    for number, line in enumerate(read_lines(path, "utf-8"), start=1):
        try:
            nodes = list(tree_phrases(line))
        except ValueError as error:
            raise DataFileError(f"{path}, line {number}: not a PTB sentiment tree ({error})") from None
        for label, phrase in nodes:
            mapped = _binary(label) if binary else label
            key = (mapped, phrase.lower())
            if mapped is None or key in seen:
                continue
            seen.add(key)
            examples.append(Example(*key))
    return examples
