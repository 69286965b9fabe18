"""The shared training loop: best-dev selection, early stopping, resume, metrics.json."""

import json

import torch
from torch import nn

from seqboard.core.checkpoint import load_checkpoint
from seqboard.core.training import Trainer, TrainConfig, evaluate


def _data():
    generator = torch.Generator().manual_seed(0)
    x = torch.randn(200, 4, generator=generator)
    y = (x[:, 0] + x[:, 1] > 0).long()
    return x, y


def _trainer(tmp_path, epochs, **config):
    torch.manual_seed(0)
    model = nn.Linear(4, 2)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
    return Trainer(
        model,
        optimizer,
        TrainConfig(epochs=epochs, quiet=True, **config),
        out_dir=tmp_path,
        checkpoint_kind="test.Linear",
        checkpoint_config={"in": 4},
        log_epoch=lambda record: None,
    )


def _batches(x, y):
    return lambda epoch: [(x[i : i + 20], y[i : i + 20]) for i in range(0, len(x), 20)]


def test_evaluate_top_k_by_hand():
    model = nn.Identity()
    logits = torch.tensor([[0.1, 0.9, 0.0], [0.5, 0.2, 0.3], [0.2, 0.3, 0.5]])
    targets = torch.tensor([1, 2, 0])
    figures = evaluate(model, [(logits, targets)], torch.device("cpu"), top_k=(2,))
    # top-1: only the first is right; top-2: first and second (0.3 is second of row 2)
    assert figures["accuracy"] == 1 / 3
    assert figures["top2_accuracy"] == 2 / 3


def test_trainer_keeps_best_dev_weights(tmp_path):
    x, y = _data()
    trainer = _trainer(tmp_path, epochs=4)
    trainer.fit(_batches(x, y), lambda: [(x, y)])
    best = max(trainer.history, key=lambda record: record.dev["accuracy"])
    assert trainer.best_epoch == best.epoch
    saved = load_checkpoint(tmp_path / "checkpoint")
    assert torch.equal(saved.tensors["weight"], trainer.model.weight.detach())
    figures = evaluate(trainer.model, [(x, y)], torch.device("cpu"))
    assert figures["accuracy"] == best.dev["accuracy"]


def test_trainer_early_stopping(tmp_path):
    x, y = _data()
    trainer = _trainer(tmp_path, epochs=30, patience=2, monitor="loss", higher_is_better=False)
    # Random labels: dev loss on them stops improving quickly.
    noise = torch.randint(0, 2, (200,), generator=torch.Generator().manual_seed(1))
    trainer.fit(_batches(x, y), lambda: [(x, noise)])
    assert len(trainer.history) < 30
    assert len(trainer.history) - trainer.best_epoch == 2


def test_trainer_resume_equals_uninterrupted(tmp_path):
    x, y = _data()
    whole = _trainer(tmp_path / "whole", epochs=4)
    whole.fit(_batches(x, y), lambda: [(x, y)])

    part = _trainer(tmp_path / "part", epochs=2)
    part.fit(_batches(x, y), lambda: [(x, y)])
    resumed = _trainer(tmp_path / "part", epochs=4)
    resumed.fit(_batches(x, y), lambda: [(x, y)], resume=True)

    assert [record.epoch for record in resumed.history] == [1, 2, 3, 4]
    torch.testing.assert_close(resumed.model.weight, whole.model.weight)


def test_trainer_metrics_json(tmp_path):
    x, y = _data()
    trainer = _trainer(tmp_path, epochs=2, seed=7)
    trainer.fit(_batches(x, y), lambda: [(x, y)])
    trainer.write_metrics({"test_accuracy": 0.5})
    metrics = json.loads((tmp_path / "metrics.json").read_text())
    assert metrics["final"] == {"test_accuracy": 0.5}
    assert [row["epoch"] for row in metrics["history"]] == [1, 2]
    assert metrics["seed"] == 7
    assert metrics["versions"]["torch"] == torch.__version__
    assert metrics["wall_seconds"] > 0


def test_trainer_after_step_runs_every_step(tmp_path):
    x, y = _data()
    trainer = _trainer(tmp_path, epochs=1)
    calls = []
    trainer.after_step = lambda model: calls.append(1)
    trainer.fit(_batches(x, y))
    assert len(calls) == 200 // 20


def test_trainer_plain_progress_without_terminal(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("seqboard.core.training.PLAIN_PROGRESS_SECONDS", 0.0)
    x, y = _data()
    torch.manual_seed(0)
    model = nn.Linear(4, 2)
    trainer = Trainer(model, torch.optim.SGD(model.parameters(), lr=0.5), TrainConfig(epochs=1, quiet=False),
                      out_dir=tmp_path, checkpoint_kind="test.Linear", checkpoint_config={"in": 4},
                      log_epoch=lambda record: None)

    trainer.fit(_batches(x, y))

    # capsys's stderr is no terminal, so no bar: one plain line per batch at a zero interval.
    lines = [line for line in capsys.readouterr().err.splitlines() if line.startswith("epoch 1: batch")]
    assert [line.split(",")[0] for line in lines] == [f"epoch 1: batch {k}" for k in range(1, 11)]
    assert "\r" not in "".join(lines)


def test_trainer_quiet_prints_no_progress(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("seqboard.core.training.PLAIN_PROGRESS_SECONDS", 0.0)
    x, y = _data()
    _trainer(tmp_path, epochs=1).fit(_batches(x, y))
    assert "batch" not in capsys.readouterr().err
