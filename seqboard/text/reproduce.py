"""Kim's (2014) Table 2, cell by cell, printed beside his figures as it fills.

Each cell (dataset, mode) trains under `<out>/<dataset>-<mode>/` through
`seqboard.text.protocol`, which saves every fold as it finishes and skips finished
ones, so running the same command again resumes the table.
"""

import json
from pathlib import Path

from seqboard.core.dataroot import data_root
from seqboard.text.datasets import load_dataset
from seqboard.text.model import MODES
from seqboard.text.protocol import SUMMARY_FILE, run_protocol, with_phrases
from seqboard.text.training import RunSettings
from seqboard.text.vectors import load_vectors

DATASETS = ("mr", "sst1", "sst2", "subj", "trec", "cr", "mpqa")
DATASET_TITLES = {"mr": "MR", "sst1": "SST-1", "sst2": "SST-2", "subj": "Subj", "trec": "TREC", "cr": "CR", "mpqa": "MPQA"}

# Kim (2014), Table 2: test accuracy (%) of CNN-rand, -static, -non-static, -multichannel.
KIM_TABLE2 = {
    "mr": (76.1, 81.0, 81.5, 81.1),
    "sst1": (45.0, 45.5, 48.0, 47.4),
    "sst2": (82.7, 86.8, 87.2, 88.1),
    "subj": (89.6, 93.0, 93.4, 93.2),
    "trec": (91.2, 92.8, 93.6, 92.2),
    "cr": (79.8, 84.7, 84.3, 85.0),
    "mpqa": (83.4, 89.6, 89.5, 89.4),
}

DEFAULT_VECTORS = Path("vectors") / "glove.6B.50d.kimvocab.txt"


def cell_folder(out_dir: Path, dataset: str, mode: str) -> Path:
    return out_dir / f"{dataset}-{mode}"


def format_table(out_dir: Path, datasets=DATASETS, modes=MODES) -> str:
    """Return the table of measured cells beside Kim's: `ours (Kim)` in %, `-` where not run."""
    lines = ["| dataset | " + " | ".join(f"CNN-{mode}" for mode in modes) + " |"]
    lines.append("| --- " * (len(modes) + 1) + "|")
    for dataset in datasets:
        cells = []
        for mode in modes:
            kim = KIM_TABLE2[dataset][MODES.index(mode)]
            summary_path = cell_folder(out_dir, dataset, mode) / SUMMARY_FILE
            if summary_path.is_file():
                summary = json.loads(summary_path.read_text(encoding="utf-8"))
                measured = f"{100 * summary['test_accuracy_mean']:.1f}"
                if summary["runs_planned"] > 1:
                    measured += f" ± {100 * summary['test_accuracy_std']:.1f} ({summary['runs_done']}/{summary['runs_planned']} folds)"
            else:
                measured = "-"
            cells.append(f"{measured} ({kim})")
        lines.append(f"| {DATASET_TITLES[dataset]} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def reproduce(
    out_dir: str | Path,
    datasets=DATASETS,
    modes=MODES,
    vectors_path: str | Path | None = None,
    root=None,
    settings: RunSettings = RunSettings(quiet=True),
    folds_to_run: int | None = None,
    sst_phrases: bool = True,
    vectors_format: str = "auto",
    jobs: int = 1,
) -> str:
    """Fill every requested cell not yet finished; print the table after each; return the final table."""
    out_dir = Path(out_dir)
    vectors_path = Path(vectors_path) if vectors_path else data_root(root) / DEFAULT_VECTORS
    vectors = load_vectors(vectors_path, vectors_format) if any(mode != "rand" for mode in modes) else None

    for dataset_name in datasets:
        dataset = load_dataset(dataset_name, root)
        if sst_phrases and dataset_name in ("sst1", "sst2"):
            dataset = with_phrases(dataset, root)
        for mode in modes:
            cell_settings = RunSettings(**{**settings.__dict__, "mode": mode})
            cell_vectors = vectors if mode != "rand" else None
            vectors_name = str(vectors_path) if mode != "rand" else None
            run_protocol(dataset, cell_settings, cell_folder(out_dir, dataset_name, mode), cell_vectors, vectors_name,
                         folds_to_run=folds_to_run, jobs=jobs)
            print(format_table(out_dir, datasets, modes) + "\n", flush=True)
    return format_table(out_dir, datasets, modes)
