"""Exported policy weights: `<name>.safetensors` with the tensors and `<name>.json` with the
network's PolicyConfig and a record of how it was trained.

This is the form of the default model shipped in `seqboard/go/weights/`. Loading never
unpickles: safetensors holds only tensors, and the JSON holds only the config and figures.
"""

import json
import os
from pathlib import Path
from typing import Any

import torch
from safetensors import SafetensorError
from safetensors.torch import load_file, save_file
from torch import nn

from seqboard.core.errors import CheckpointError
from seqboard.core.files import atomic_write_bytes, atomic_write_json
from seqboard.go.policy import PolicyConfig

FORMAT = "seqboard-go-policy-weights"
SUFFIX = ".safetensors"


def weights_paths(path: str | os.PathLike) -> tuple[Path, Path]:
    """Return the (.safetensors, .json) pair named by `path`, with or without the suffix."""
    path = Path(path)
    stem = path.with_suffix("") if path.suffix == SUFFIX else path
    return stem.with_name(stem.name + SUFFIX), stem.with_name(stem.name + ".json")


def export_weights(path: str | os.PathLike, model: nn.Module, record: dict[str, Any]) -> Path:
    """Write the network's tensors and config (with `record`) atomically; return the tensors' path."""
    tensors_path, config_path = weights_paths(path)
    tensors = {name: value.detach().to("cpu").contiguous().clone() for name, value in model.state_dict().items()}

    # Write the tensors to a temporary name first, then rename, like the JSON.
    temporary = tensors_path.with_name(f".{tensors_path.name}.tmp")
    tensors_path.parent.mkdir(parents=True, exist_ok=True)
    save_file(tensors, str(temporary), metadata={"format": FORMAT})
    atomic_write_bytes(tensors_path, temporary.read_bytes())
    temporary.unlink()

    atomic_write_json(config_path, {"format": FORMAT, "config": model.config.as_dict(), "record": record})
    return tensors_path


def load_weights(path: str | os.PathLike) -> tuple[PolicyConfig, dict[str, torch.Tensor], dict[str, Any]]:
    """Load exported weights; return the config, the tensors and the training record."""
    tensors_path, config_path = weights_paths(path)
    for needed in (tensors_path, config_path):
        if not needed.is_file():
            raise CheckpointError(
                f"policy weights file {needed} not found: expected {tensors_path.name} and "
                f"{config_path.name} side by side, as `seqboard go train --export` writes them"
            )
    try:
        header = json.loads(config_path.read_text(encoding="utf-8"))
        tensors = load_file(str(tensors_path))
    except (UnicodeDecodeError, json.JSONDecodeError, SafetensorError, OSError) as error:
        raise CheckpointError(f"policy weights {tensors_path} could not be read ({error}); export them again") from None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise CheckpointError(f"{config_path} is not a policy weights config (no format {FORMAT!r})")
    return PolicyConfig.from_dict(header["config"]), tensors, header.get("record", {})
