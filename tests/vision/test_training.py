"""A short real training run on MNIST, its run folder, and the commands that read it."""

import json

import pytest

from seqboard.cli import main
from seqboard.vision.ensemble import evaluate_runs
from seqboard.vision.mnist import load_mnist
from seqboard.vision.runs import load_run
from seqboard.vision.training import RunSettings, keras_line, train
from seqboard.core.training import EpochRecord


def test_keras_line_format():
    record = EpochRecord(3, 0.05123, 0.98412, {"loss": 0.03121, "accuracy": 0.98971}, seconds=1.0)
    assert keras_line(record, 12, 42.06) == (
        "Epoch 3/12 - 42.1s - loss: 0.0512 - accuracy: 0.9841 - val_loss: 0.0312 - val_accuracy: 0.9897"
    )


@pytest.fixture(scope="module")
def short_run(tmp_path_factory):
    from tests.vision.conftest import data_root

    root = data_root()
    if not (root / "images" / "mnist").is_dir():
        pytest.skip(f"no MNIST under {root / 'images' / 'mnist'}: set SEQBOARD_DATA to the data root")
    out = tmp_path_factory.mktemp("run") / "mnist-1conv"
    # 200 steps of 64 images: one pass over the first 12,800 training images.
    settings = RunSettings(model="mnist-1conv", out_dir=out, epochs=1, batch_size=64, data_root=str(root), limit_examples=12_800)
    return out, root, train(settings)


def test_short_run_beats_90_percent(short_run):
    out, _, final = short_run
    assert final["test_accuracy"] > 0.90
    metrics = json.loads((out / "metrics.json").read_text())
    assert metrics["final"]["test_accuracy"] == final["test_accuracy"]
    assert metrics["train_examples"] == 12_800
    assert len(metrics["history"]) == 1


def test_short_run_reloads_same_accuracy(short_run):
    out, root, final = short_run
    run = load_run(out)
    test = load_mnist(root).test
    result = evaluate_runs([run], test.images, test.labels)
    assert result.member_accuracies[0] == pytest.approx(final["test_accuracy"])
    assert result.ensemble_accuracy == pytest.approx(final["test_accuracy"])


def test_train_rejects_non_mnist_model(tmp_path, capsys, mnist_root):
    status = main(["vision", "train", "--model", "alexnet", "--epochs", "1", "--out", str(tmp_path / "a"),
                   "--data-root", str(mnist_root)])
    assert status == 2
    err = capsys.readouterr().err
    assert "3 x 227 x 227" in err
    assert "Traceback" not in err


def test_train_missing_mnist_names_files(tmp_path, capsys):
    status = main(["vision", "train", "--model", "mnist-2conv", "--out", str(tmp_path / "a"), "--data-root", str(tmp_path)])
    assert status == 2
    err = capsys.readouterr().err
    for name in ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"):
        assert name in err


def test_train_rejects_zero_epochs(tmp_path, capsys):
    status = main(["vision", "train", "--model", "mnist-2conv", "--epochs", "0", "--out", str(tmp_path / "a")])
    assert status == 2
    assert "--epochs must be a positive integer, got 0" in capsys.readouterr().err


def test_ensemble_command_rejects_missing_run(tmp_path, capsys):
    status = main(["vision", "ensemble", str(tmp_path / "none")])
    assert status == 2
    assert "not found" in capsys.readouterr().err
