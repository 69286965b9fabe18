"""The policy pipeline on real KGS games: prepare, train, and the shipped default model."""

import json
import os
import tarfile
from pathlib import Path

import numpy as np
import pytest
import torch

from seqboard.cli import main
from seqboard.core.seeding import seed_everything
from seqboard.core.training import evaluate
from seqboard.go.batches import evaluation_batches
from seqboard.go.coords import from_gtp
from seqboard.go.errors import GoError
from seqboard.go.policy import PolicyConfig, PolicyNet
from seqboard.go.predict import MovePredictor, position_after
from seqboard.go.prepare import PrepareOptions, prepare
from seqboard.go.shards import read_index, read_shard
from seqboard.go.train import TrainOptions, train_policy

KGS_FOLDER = Path(os.environ.get("SEQBOARD_DATA", "../shared/data")) / "go"


@pytest.fixture(scope="module")
def real_archive():
    archives = sorted(KGS_FOLDER.glob("kgs6d_2006.tar.xz"))
    if not archives:
        pytest.skip(f"no KGS archive kgs6d_2006.tar.xz under {KGS_FOLDER}: set SEQBOARD_DATA to the data root")
    return archives[0]


@pytest.fixture(scope="module")
def real_shards(real_archive, tmp_path_factory):
    out = tmp_path_factory.mktemp("prepared")
    options = PrepareOptions(seed=3, validation_fraction=0.2, test_fraction=0.1, games_per_shard=4, max_games=20)
    summary = prepare([real_archive], out, options, workers=1)
    return out, summary


@pytest.fixture(scope="module")
def real_sgf(real_archive, tmp_path_factory):
    """Return an SGF file of the archive with at least 150 moves."""
    folder = tmp_path_factory.mktemp("sgf")
    with tarfile.open(real_archive, "r:xz") as archive:
        for member in archive:
            data = archive.extractfile(member).read() if member.isfile() else b""
            if data.count(b";B[") + data.count(b";W[") >= 150:
                path = folder / "game.sgf"
                path.write_bytes(data)
                return path
    pytest.skip("no game of 150 moves in the archive")


def test_real_prepare_splits_by_game(real_shards):
    out, summary = real_shards
    plan = json.loads((out / "plan.json").read_text())
    games = {split: {name for chunk in plan["chunks"][split] for name in chunk} for split in ("train", "validation", "test")}
    assert (len(games["train"]), len(games["validation"]), len(games["test"])) == (14, 4, 2)
    assert not games["train"] & games["validation"]
    assert not games["train"] & games["test"]
    assert not games["validation"] & games["test"]
    index = read_index(out)
    assert summary["splits"]["train"]["positions"] == index.positions("train") > 14 * 20


def test_real_prepare_moves_are_legal_targets(real_shards):
    out, _ = real_shards
    index = read_index(out)
    shard = read_shard(index.path(index.entries("train")[0]))
    planes = shard.planes()
    assert shard.moves.min() >= 0
    assert shard.moves.max() < 361  # passes are no targets
    # Plane 2 marks the empty points: every move played lands on one.
    rows, cols = np.divmod(shard.moves.astype(np.int64), 19)
    assert planes[np.arange(len(planes)), 2, rows, cols].all()


def test_real_prepare_resume_keeps_shards(real_shards, real_archive):
    out, _ = real_shards
    first = out / "train-00000.npz"
    stamp = first.stat().st_mtime_ns
    (out / "train-00001.npz").unlink()
    options = PrepareOptions(seed=3, validation_fraction=0.2, test_fraction=0.1, games_per_shard=4, max_games=20)
    summary = prepare([real_archive], out, options, workers=1)
    assert summary["shards_written_this_run"] == 1
    assert first.stat().st_mtime_ns == stamp
    with pytest.raises(GoError, match="other options"):
        prepare([real_archive], out, PrepareOptions(seed=4, max_games=20, games_per_shard=4), workers=1)


def test_real_training_lowers_validation_loss(real_shards, tmp_path):
    out, _ = real_shards
    config = PolicyConfig(filters=8, layers=3)
    options = TrainOptions(
        data=str(out), out=str(tmp_path / "run"), model=config, epochs=1, steps_per_epoch=200,
        batch_size=16, optimizer="adam", lr=0.002, quiet=True,
    )
    seed_everything(options.seed)
    untrained = evaluate(PolicyNet(config), evaluation_batches(read_index(out), "validation", 256), torch.device("cpu"))
    _, trainer = train_policy(options)
    assert untrained["loss"] == pytest.approx(np.log(361), abs=0.1)
    assert trainer.history[-1].dev["loss"] < untrained["loss"] - 0.3


def test_real_default_model_predicts_legal_move(real_sgf):
    predictor = MovePredictor.load()
    board = position_after(real_sgf, 100)
    prediction = predictor.predict(board)
    vertex, probability = prediction.top(1)[0]
    assert board.is_legal(from_gtp(vertex, 19))
    assert 0 < probability <= 1
    assert prediction.probabilities.sum() == pytest.approx(1.0, abs=1e-5)


def test_real_cli_predict_json_and_text(real_sgf, capsys):
    assert main(["go", "predict", str(real_sgf), "--move", "100", "--top", "3", "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert len(record["top"]) == 3
    assert record["top"][0]["probability"] >= record["top"][1]["probability"]

    assert main(["go", "predict", str(real_sgf), "--move", "100", "--top", "3"]) == 0
    text = capsys.readouterr().out
    assert record["top"][0]["vertex"] in text
    assert text.count("\n") >= 3 + 19


def test_real_cli_predict_rejects_move_past_end(real_sgf, capsys):
    assert main(["go", "predict", str(real_sgf), "--move", "100000"]) == 2
    assert "invalid move number 100000" in capsys.readouterr().err
