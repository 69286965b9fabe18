"""The run record: `metrics.json` in a run's output folder."""

import platform
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import numpy as np
import torch

from seqboard import __version__
from seqboard.core.files import atomic_write_json

METRICS_FILE = "metrics.json"


def versions() -> dict[str, str]:
    """Return the versions of Python, torch, numpy and seqboard, and the machine."""
    return {
        "python": platform.python_version(),
        "torch": torch.__version__,
        "numpy": np.__version__,
        "seqboard": __version__,
        "machine": f"{platform.machine()} {platform.system()}, {torch.get_num_threads()} torch threads",
    }


def write_metrics(
    out_dir: str | Path,
    final: dict[str, Any],
    history: list[dict[str, Any]] | None = None,
    seed: int | None = None,
    wall_seconds: float | None = None,
    extra: dict[str, Any] | None = None,
) -> Path:
    """Write the final figures, history, wall time, seed and versions to out_dir/metrics.json."""
    record = {
        "final": final,
        "history": history or [],
        "wall_seconds": wall_seconds,
        "seed": seed,
        "command": sys.argv,
        "finished_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "versions": versions(),
    }
    record.update(extra or {})
    path = Path(out_dir) / METRICS_FILE
    atomic_write_json(path, record)
    return path
