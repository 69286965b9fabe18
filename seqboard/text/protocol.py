"""Kim's evaluation protocol over a whole dataset, fold by fold, resumable.

- A dataset with a test split (SST-1, SST-2, TREC, the user's files) is one run; TREC
  and user data without a dev file hold out 10% of train as dev.
- A dataset without one (MR, Subj, CR, MPQA) is 10-fold CV: run k trains on the other
  folds minus a 10% dev hold-out and tests on fold k. The result is the mean and the
  sample standard deviation of the folds' test accuracies.

Every run writes its own folder (`fold-01/` ... or the output folder itself). A
finished run is skipped when the command is repeated, so an interrupted protocol picks
up where it stopped, and a run cut off mid-training resumes from its last epoch.

With `jobs` above 1, the unfinished folds train that many at a time in worker
processes, each with its share of the CPU threads. Each fold keeps its seed and data,
so the figures match a serial run's up to float rounding.
"""

import json
import multiprocessing
import os
import signal
import statistics
import sys
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from pathlib import Path
from typing import Any

from gensim.models import KeyedVectors

from seqboard.core.dataroot import locate_dataset
from seqboard.core.files import atomic_write_json
from seqboard.core.metrics import write_metrics
from seqboard.text.datasets import SST_TREES_SPEC, TextDataset
from seqboard.text.errors import TextError
from seqboard.text.folds import fold_split, hold_out_dev, stratified_folds
from seqboard.text.sst_trees import load_phrases
from seqboard.text.training import RunSettings, Split, train_split

DEV_FRACTION = 0.1
# prctl option: the kernel signals this process when its parent dies (linux/prctl.h).
PR_SET_PDEATHSIG = 1
SUMMARY_FILE = "summary.json"


def finished_run(folder: Path) -> dict[str, Any] | None:
    """Return the final figures of a run folder whose metrics.json exists, else None."""
    path = folder / "metrics.json"
    if not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))["final"]


def _check_same_settings(out_dir: Path, dataset: TextDataset, settings: RunSettings, vectors_name) -> None:
    """Raise TextError when `out_dir` contains runs made with other settings, which resuming would mix in."""
    path = out_dir / SUMMARY_FILE
    if not path.is_file():
        return
    earlier = json.loads(path.read_text(encoding="utf-8"))
    now = {"dataset": dataset.name, "mode": settings.mode, "vectors": vectors_name,
           "epochs": settings.epochs, "seed": settings.seed, "train_examples_total": len(dataset.train),
           "init": settings.init, "dropout_scaling": settings.dropout_scaling, "batches": settings.batches}
    # A summary written before a setting was recorded was made with that setting's default.
    defaults = RunSettings()
    recorded = {key: earlier.get(key, getattr(defaults, key, None)) for key in now}
    differing = {key: (recorded[key], value) for key, value in now.items() if recorded[key] != value}
    if differing:
        details = ", ".join(f"{key} {old!r} there, {new!r} now" for key, (old, new) in differing.items())
        raise TextError(f"{out_dir} contains runs with other settings ({details}); pass another --out or delete it")


def with_phrases(dataset: TextDataset, root) -> TextDataset:
    """Return SST with its training sentences replaced by every labelled phrase of the training trees."""
    folder = locate_dataset(SST_TREES_SPEC, root)
    phrases = load_phrases(folder / "train.txt", binary=dataset.name == "sst2")
    return TextDataset(dataset.name, dataset.label_names, dataset.tokenizer, phrases, dataset.dev, dataset.test)


def _splits(dataset: TextDataset, settings: RunSettings, num_folds: int, folds_to_run: int):
    """Yield (folder name, Split) for every run of the protocol."""
    if not dataset.cross_validated:
        train, dev = dataset.train, dataset.dev
        if dev is None:
            train, dev = hold_out_dev(train, DEV_FRACTION, settings.seed)
        yield ".", Split(train, dev, dataset.test, dataset.label_names, dataset.tokenizer)
        return

    folds = stratified_folds(dataset.train, num_folds, settings.seed)
    for fold in range(min(folds_to_run, num_folds)):
        train, dev, test = fold_split(dataset.train, folds, fold, DEV_FRACTION, settings.seed)
        yield f"fold-{fold + 1:02d}", Split(train, dev, test, dataset.label_names, dataset.tokenizer)


def run_protocol(
    dataset: TextDataset,
    settings: RunSettings,
    out_dir: str | Path,
    vectors: KeyedVectors | None = None,
    vectors_name: str | None = None,
    num_folds: int = 10,
    folds_to_run: int | None = None,
    jobs: int = 1,
) -> dict[str, Any]:
    """Run every split of `dataset` not yet finished under `out_dir`; return and save the summary."""
    out_dir = Path(out_dir)
    folds_to_run = num_folds if folds_to_run is None else folds_to_run
    if jobs < 1:
        raise TextError(f"jobs must be at least 1, got {jobs}")
    _check_same_settings(out_dir, dataset, settings, vectors_name)

    splits = list(_splits(dataset, settings, num_folds, folds_to_run))
    pending = [(name, split) for name, split in splits if finished_run(out_dir / name) is None]

    def save_progress() -> dict[str, Any]:
        # Saved after every run, so the settings check also guards a partly done protocol.
        finished = [finished_run(out_dir / name) for name, _ in splits]
        accuracies = [final["test_accuracy"] for final in finished if final is not None]
        summary = _summary(dataset, settings, vectors_name, num_folds, accuracies)
        atomic_write_json(out_dir / SUMMARY_FILE, summary)
        if dataset.cross_validated:
            # The folds' own metrics.json files sit in their folders; this one is the mean.
            write_metrics(out_dir, final=summary, seed=settings.seed)
        return summary

    if jobs > 1 and len(pending) > 1:
        _train_in_parallel(dataset.name, pending, settings, out_dir, vectors, vectors_name, jobs, save_progress)

    summary: dict[str, Any] = {}
    for name, split in splits:
        folder = out_dir / name
        if finished_run(folder) is None:
            if dataset.cross_validated:
                print(f"{dataset.name} {settings.mode} {name}: training", file=sys.stderr, flush=True)
            train_split(split, settings, folder, vectors, vectors_name, resume=True)
        summary = save_progress()
    return summary


def _train_in_parallel(dataset_name: str, pending, settings: RunSettings, out_dir: Path, vectors, vectors_name,
                       jobs: int, on_finished: Callable[[], object]) -> None:
    """Train the `pending` (name, Split) runs, `jobs` at a time, each in its own process.

    `on_finished` is called after each run, so the summary follows the finished folds.
    """
    workers = min(jobs, len(pending))
    threads = max(1, (os.cpu_count() or 1) // workers)
    quiet = RunSettings(**{**settings.__dict__, "quiet": True})  # several progress bars at once would interleave

    # spawn starts each worker with a fresh torch instead of a copy of this process's thread pools.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=(threads, os.getpid())) as pool:
        names = ", ".join(name for name, _ in pending)
        print(f"{dataset_name} {settings.mode}: training {names}, {workers} at a time", file=sys.stderr, flush=True)
        running = {}
        for name, split in pending:
            future = pool.submit(train_split, split, quiet, out_dir / name, vectors, vectors_name, resume=True)
            running[future] = name

        while running:
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                name = running.pop(future)
                final = future.result()  # re-raises a worker's error here, in the parent
                print(f"{dataset_name} {settings.mode} {name}: test accuracy {final['test_accuracy']:.4f}",
                      file=sys.stderr, flush=True)
                on_finished()


def _start_worker(threads: int, parent: int) -> None:
    """Set a worker process's torch CPU threads and tie its life to the parent's.

    A parent stopped by a signal gets no chance to stop its workers, which would go on
    training their folds while a restarted run trains the same folds. On Linux the
    kernel sends the worker SIGTERM when the parent dies; the worker's last finished
    epoch is saved, so a resumed run loses nothing.
    """
    import torch

    if sys.platform.startswith("linux"):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
        if os.getppid() != parent:  # the parent died before the call above
            os._exit(1)
    torch.set_num_threads(threads)


def _summary(dataset: TextDataset, settings: RunSettings, vectors_name, num_folds: int, accuracies: list[float]):
    return {
        "dataset": dataset.name,
        "mode": settings.mode,
        "vectors": vectors_name,
        "epochs": settings.epochs,
        "seed": settings.seed,
        "init": settings.init,
        "dropout_scaling": settings.dropout_scaling,
        "batches": settings.batches,
        "train_examples_total": len(dataset.train),
        "protocol": f"{num_folds}-fold CV" if dataset.cross_validated else "standard split",
        "runs_done": len(accuracies),
        "runs_planned": num_folds if dataset.cross_validated else 1,
        "test_accuracy_mean": statistics.fmean(accuracies),
        # Sample standard deviation (n - 1) over the folds' test accuracies.
        "test_accuracy_std": statistics.stdev(accuracies) if len(accuracies) > 1 else 0.0,
        "test_accuracies": accuracies,
    }
