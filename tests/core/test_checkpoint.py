"""Checkpoints: round trip, invalid files, interrupted saves."""

import json

import pytest
import torch
from torch import nn

from seqboard.core import checkpoint as checkpoint_module
from seqboard.core.checkpoint import load_checkpoint, save_checkpoint
from seqboard.core.errors import CheckpointError


def _model() -> nn.Module:
    torch.manual_seed(0)
    return nn.Sequential(nn.Conv2d(2, 3, 3), nn.ReLU(), nn.Flatten(), nn.Linear(3 * 4 * 4, 5))


def test_checkpoint_round_trip_identical_outputs(tmp_path):
    model = _model().eval()
    save_checkpoint(tmp_path / "run", "test.Model", {"width": 3}, model.state_dict(), {"vocab": ["a", "b"]})

    loaded = load_checkpoint(tmp_path / "run")
    copy = _model()
    with torch.no_grad():
        for parameter in copy.parameters():
            parameter.add_(1.0)  # make sure the weights really come from the file
    copy.load_state_dict(loaded.tensors)
    x = torch.randn(4, 2, 6, 6)
    assert torch.equal(copy.eval()(x), model(x))
    assert loaded.kind == "test.Model"
    assert loaded.config == {"width": 3}
    assert loaded.extras == {"vocab": ["a", "b"]}


def test_checkpoint_optimizer_state_round_trip(tmp_path):
    model = _model()
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    model(torch.randn(2, 2, 6, 6)).sum().backward()
    optimizer.step()
    save_checkpoint(tmp_path / "run", "test.Model", {}, model.state_dict(), optimizer=optimizer)

    restored = torch.optim.Adam(_model().parameters(), lr=0.5)
    restored.load_state_dict(load_checkpoint(tmp_path / "run").optimizer_state)
    expected = optimizer.state_dict()
    got = restored.state_dict()
    assert got["param_groups"][0]["lr"] == 0.01
    for param_id, state in expected["state"].items():
        torch.testing.assert_close(got["state"][param_id]["exp_avg"], state["exp_avg"])


def test_checkpoint_missing_folder(tmp_path):
    with pytest.raises(CheckpointError, match="not found"):
        load_checkpoint(tmp_path / "nothing")


def test_checkpoint_folder_without_config(tmp_path):
    (tmp_path / "run").mkdir()
    with pytest.raises(CheckpointError, match="config.json is missing"):
        load_checkpoint(tmp_path / "run")


def test_checkpoint_weights_not_safetensors(tmp_path):
    save_checkpoint(tmp_path / "run", "test.Model", {}, _model().state_dict())
    (tmp_path / "run" / "model.safetensors").write_bytes(b"this is not a safetensors file")
    with pytest.raises(CheckpointError, match="not a valid safetensors file"):
        load_checkpoint(tmp_path / "run")


def test_checkpoint_foreign_config(tmp_path):
    save_checkpoint(tmp_path / "run", "test.Model", {}, _model().state_dict())
    (tmp_path / "run" / "config.json").write_text(json.dumps({"model_type": "bert"}))
    with pytest.raises(CheckpointError, match="not a seqboard checkpoint config"):
        load_checkpoint(tmp_path / "run")


def test_checkpoint_interrupted_write_keeps_earlier(tmp_path, monkeypatch):
    first = _model().state_dict()
    save_checkpoint(tmp_path / "run", "test.Model", {"version": 1}, first)

    def write_half_then_die(tensors, path, metadata=None):
        with open(path, "wb") as handle:
            handle.write(b"\x00" * 10)
        raise KeyboardInterrupt

    monkeypatch.setattr(checkpoint_module, "save_file", write_half_then_die)
    second = {name: value + 1 for name, value in first.items()}
    with pytest.raises(KeyboardInterrupt):
        save_checkpoint(tmp_path / "run", "test.Model", {"version": 2}, second)

    loaded = load_checkpoint(tmp_path / "run")
    assert loaded.config == {"version": 1}
    assert all(torch.equal(loaded.tensors[name], first[name]) for name in first)
    assert [path.name for path in tmp_path.iterdir()] == ["run"]


def test_checkpoint_interrupted_swap_falls_back(tmp_path, monkeypatch):
    first = _model().state_dict()
    save_checkpoint(tmp_path / "run", "test.Model", {"version": 1}, first)

    # Die between moving the old folder aside and moving the new one in.
    real_rename = checkpoint_module.os.rename
    calls = []

    def rename_once_then_die(source, target):
        calls.append(target)
        if len(calls) == 2:
            raise KeyboardInterrupt
        real_rename(source, target)

    monkeypatch.setattr(checkpoint_module.os, "rename", rename_once_then_die)
    with pytest.raises(KeyboardInterrupt):
        save_checkpoint(tmp_path / "run", "test.Model", {"version": 2}, first)
    monkeypatch.undo()

    assert not (tmp_path / "run").exists()
    assert load_checkpoint(tmp_path / "run").config == {"version": 1}
