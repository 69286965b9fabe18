import json

import pytest
import torch

from seqboard.core.checkpoint import load_checkpoint
from seqboard.go.errors import GoError
from seqboard.go.policy import PolicyConfig
from seqboard.go.predict import MovePredictor
from seqboard.go.train import TrainOptions, train_policy

TINY = PolicyConfig(filters=8, layers=3)


def tiny_options(data, out, **overrides):
    settings = dict(data=str(data), out=str(out), model=TINY, epochs=2, steps_per_epoch=4, batch_size=16, lr=0.01, quiet=True)
    settings.update(overrides)
    return TrainOptions(**settings)


def test_train_writes_metrics_and_checkpoint(synthetic_folder, tmp_path):
    train_policy(tiny_options(synthetic_folder, tmp_path / "run"))
    metrics = json.loads((tmp_path / "run" / "metrics.json").read_text())
    final = metrics["final"]
    assert final["positions_seen"] == 2 * 4 * 16
    assert final["test_positions"] == 30
    for name in ("validation_accuracy", "validation_top5_accuracy", "test_accuracy", "test_top5_accuracy"):
        assert 0.0 <= final[name] <= 1.0
    assert final["test_top5_accuracy"] >= final["test_accuracy"]
    assert [row["epoch"] for row in metrics["history"]] == [1, 2]
    assert load_checkpoint(tmp_path / "run" / "checkpoint").kind == "go.PolicyNet"


def test_train_resume_equals_uninterrupted(synthetic_folder, tmp_path):
    whole, _ = train_policy(tiny_options(synthetic_folder, tmp_path / "whole", epochs=3))
    train_policy(tiny_options(synthetic_folder, tmp_path / "parts", epochs=1))
    resumed, trainer = train_policy(tiny_options(synthetic_folder, tmp_path / "parts", epochs=3, resume=True))
    assert [record.epoch for record in trainer.history] == [1, 2, 3]
    last = load_checkpoint(tmp_path / "whole" / "last").tensors
    for name, value in load_checkpoint(tmp_path / "parts" / "last").tensors.items():
        assert torch.equal(value, last[name]), name


def test_train_export_loads_in_predictor(synthetic_folder, tmp_path):
    model, _ = train_policy(tiny_options(synthetic_folder, tmp_path / "run", export=str(tmp_path / "exported")))
    assert (tmp_path / "exported.safetensors").is_file()
    record = json.loads((tmp_path / "exported.json").read_text())
    assert record["config"] == TINY.as_dict()
    planes = torch.randint(0, 2, (3, 48, 19, 19), dtype=torch.uint8)
    from_export = MovePredictor.load(tmp_path / "exported").predict_planes(planes)
    from_run = MovePredictor.load(tmp_path / "run").predict_planes(planes)
    with torch.no_grad():
        expected = torch.softmax(model(planes), dim=1).view(3, 19, 19).numpy()
    for a, b, e in zip(from_export, from_run, expected):
        assert (a.probabilities == b.probabilities).all()
        assert abs(a.probabilities - e).max() < 1e-6


def test_train_rejects_other_plane_count(synthetic_folder, tmp_path):
    options = tiny_options(synthetic_folder, tmp_path / "run", model=PolicyConfig(filters=8, layers=3, input_planes=12))
    with pytest.raises(GoError, match="hold 48 planes"):
        train_policy(options)


def test_train_rejects_unknown_optimizer(synthetic_folder, tmp_path):
    with pytest.raises(GoError, match="invalid optimizer 'rmsprop'"):
        train_policy(tiny_options(synthetic_folder, tmp_path / "run", optimizer="rmsprop"))


def test_train_adam_runs(synthetic_folder, tmp_path):
    _, trainer = train_policy(tiny_options(synthetic_folder, tmp_path / "run", optimizer="adam", lr=0.001, epochs=1))
    assert isinstance(trainer.optimizer, torch.optim.Adam)


def test_predictor_loads_run_still_training(synthetic_folder, tmp_path):
    import shutil

    train_policy(tiny_options(synthetic_folder, tmp_path / "run"))
    # A run still training has best/ and last/ but no checkpoint/ yet.
    shutil.rmtree(tmp_path / "run" / "checkpoint")
    planes = torch.randint(0, 2, (2, 48, 19, 19), dtype=torch.uint8)

    from_run = MovePredictor.load(tmp_path / "run").predict_planes(planes)
    from_best = MovePredictor.load(tmp_path / "run" / "best").predict_planes(planes)

    for a, b in zip(from_run, from_best):
        assert (a.probabilities == b.probabilities).all()
