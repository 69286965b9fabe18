"""Checkpoints: safetensors weights plus JSON, in one folder, saved atomically.

A checkpoint folder contains
- `model.safetensors`: the model's tensors (loading never unpickles);
- `config.json`: {"format": "seqboard-checkpoint", "kind": ..., "config": {...}};
- one `<name>.json` per extra (a vocabulary, label names, ...);
- for resumable training, `optimizer.safetensors` and `optimizer.json`.

Saving builds the whole folder under a temporary name beside the target, then swaps it
in with two renames. An interrupted save leaves the earlier checkpoint loadable: before
the swap the old folder is untouched, and between the two renames the old folder is
kept under `.<name>.previous`, which `load_checkpoint` falls back to.
"""

import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import torch
from safetensors import SafetensorError
from safetensors.torch import load_file, save_file

from seqboard.core.errors import CheckpointError

FORMAT = "seqboard-checkpoint"
WEIGHTS_FILE = "model.safetensors"
CONFIG_FILE = "config.json"
OPTIMIZER_TENSORS_FILE = "optimizer.safetensors"
OPTIMIZER_STATE_FILE = "optimizer.json"


@dataclass
class Checkpoint:
    """The contents of a checkpoint folder, loaded into memory."""

    kind: str
    config: dict[str, Any]
    tensors: dict[str, torch.Tensor]
    extras: dict[str, Any] = field(default_factory=dict)
    optimizer_state: dict[str, Any] | None = None


def save_checkpoint(
    folder: str | os.PathLike,
    kind: str,
    config: dict[str, Any],
    tensors: dict[str, torch.Tensor],
    extras: dict[str, Any] | None = None,
    optimizer: torch.optim.Optimizer | None = None,
) -> Path:
    """Save a checkpoint folder atomically and return its path.

    `kind` names the model class ("text.SentenceClassifier", ...); `config` and each
    extra must be JSON-serialisable.
    """
    folder = Path(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.staging-", dir=folder.parent))
    try:
        _write_contents(staging, kind, config, tensors, extras or {}, optimizer)
        _swap_in(staging, folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return folder


def _write_contents(staging, kind, config, tensors, extras, optimizer) -> None:
    # safetensors needs contiguous CPU tensors that share no memory.
    weights = {name: tensor.detach().to("cpu").contiguous().clone() for name, tensor in tensors.items()}
    save_file(weights, str(staging / WEIGHTS_FILE), metadata={"format": FORMAT})

    header = {"format": FORMAT, "kind": kind, "config": config, "extras": sorted(extras)}
    (staging / CONFIG_FILE).write_text(json.dumps(header, indent=2) + "\n", encoding="utf-8")
    for name, value in extras.items():
        (staging / f"{name}.json").write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")

    if optimizer is not None:
        optimizer_tensors, optimizer_state = _split_optimizer_state(optimizer.state_dict())
        save_file(optimizer_tensors, str(staging / OPTIMIZER_TENSORS_FILE))
        (staging / OPTIMIZER_STATE_FILE).write_text(json.dumps(optimizer_state), encoding="utf-8")

    for path in staging.iterdir():
        with open(path, "rb") as handle:
            os.fsync(handle.fileno())


def _swap_in(staging: Path, folder: Path) -> None:
    previous = folder.parent / f".{folder.name}.previous"
    shutil.rmtree(previous, ignore_errors=True)
    if folder.exists():
        os.rename(folder, previous)
    os.rename(staging, folder)
    shutil.rmtree(previous, ignore_errors=True)


def load_checkpoint(folder: str | os.PathLike) -> Checkpoint:
    """Load a checkpoint folder; raise CheckpointError when it is missing or invalid."""
    folder = Path(folder)
    if not (folder / CONFIG_FILE).is_file():
        previous = folder.parent / f".{folder.name}.previous"
        if (previous / CONFIG_FILE).is_file():
            folder = previous
        elif not folder.exists():
            raise CheckpointError(f"checkpoint {folder} not found; pass the folder that a training run wrote")
        else:
            raise CheckpointError(
                f"{folder} is not a seqboard checkpoint: {CONFIG_FILE} is missing; "
                "pass the folder that a training run wrote"
            )

    header = _read_json(folder / CONFIG_FILE)
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise CheckpointError(f"{folder / CONFIG_FILE} is not a seqboard checkpoint config (no format {FORMAT!r})")

    tensors = _read_tensors(folder / WEIGHTS_FILE)
    extras = {name: _read_json(folder / f"{name}.json") for name in header.get("extras", [])}
    optimizer_state = None
    if (folder / OPTIMIZER_STATE_FILE).is_file():
        optimizer_state = _join_optimizer_state(
            _read_tensors(folder / OPTIMIZER_TENSORS_FILE), _read_json(folder / OPTIMIZER_STATE_FILE)
        )
    return Checkpoint(header["kind"], header["config"], tensors, extras, optimizer_state)


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CheckpointError(f"checkpoint file {path} is missing; the checkpoint is incomplete") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CheckpointError(f"checkpoint file {path} is not valid JSON ({error}); re-save the checkpoint") from None


def _read_tensors(path: Path) -> dict[str, torch.Tensor]:
    try:
        return load_file(str(path))
    except FileNotFoundError:
        raise CheckpointError(f"checkpoint file {path} is missing; the checkpoint is incomplete") from None
    except (SafetensorError, OSError, ValueError) as error:
        raise CheckpointError(f"{path} is not a valid safetensors file ({error}); re-save the checkpoint") from None


def _split_optimizer_state(state: dict[str, Any]) -> tuple[dict[str, torch.Tensor], dict[str, Any]]:
    """Split an optimizer state_dict into tensors (for safetensors) and the rest (for JSON)."""
    tensors: dict[str, torch.Tensor] = {}
    scalars: dict[str, dict[str, Any]] = {}
    for param_id, param_state in state["state"].items():
        for key, value in param_state.items():
            if isinstance(value, torch.Tensor):
                tensors[f"{param_id}.{key}"] = value.detach().to("cpu").contiguous().clone()
            else:
                scalars.setdefault(str(param_id), {})[key] = value
    return tensors, {"param_groups": state["param_groups"], "scalars": scalars}


def _join_optimizer_state(tensors: dict[str, torch.Tensor], rest: dict[str, Any]) -> dict[str, Any]:
    state: dict[int, dict[str, Any]] = {}
    for name, tensor in tensors.items():
        param_id, key = name.split(".", 1)
        state.setdefault(int(param_id), {})[key] = tensor
    for param_id, values in rest["scalars"].items():
        state.setdefault(int(param_id), {}).update(values)
    return {"state": state, "param_groups": rest["param_groups"]}
