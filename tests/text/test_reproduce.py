"""The Table 2 printout: measured cells beside Kim's figures, unmeasured ones marked."""

import json

from seqboard.text.reproduce import format_table


def _write_summary(folder, mean, std, done, planned):
    folder.mkdir(parents=True)
    summary = {"test_accuracy_mean": mean, "test_accuracy_std": std, "runs_done": done, "runs_planned": planned}
    (folder / "summary.json").write_text(json.dumps(summary))


def test_format_table_fills_measured_cells(tmp_path):
    _write_summary(tmp_path / "trec-rand", 0.915, 0.0, 1, 1)
    _write_summary(tmp_path / "mr-static", 0.8, 0.0125, 3, 10)
    rows = format_table(tmp_path, datasets=("mr", "trec"), modes=("rand", "static")).splitlines()

    assert rows[0] == "| dataset | CNN-rand | CNN-static |"
    assert rows[2] == "| MR | - (76.1) | 80.0 ± 1.2 (3/10 folds) (81.0) |"
    assert rows[3] == "| TREC | 91.5 (91.2) | - (92.8) |"

