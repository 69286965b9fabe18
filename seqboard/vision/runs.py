"""A trained run folder, loaded back into its model."""

from dataclasses import dataclass
from pathlib import Path

from seqboard.core.checkpoint import load_checkpoint
from seqboard.core.errors import CheckpointError
from seqboard.vision.errors import VisionError
from seqboard.vision.models import MODELS, VisionModel

KIND_PREFIX = "vision."


@dataclass(frozen=True)
class TrainedRun:
    """A run's folder, its registry model name and the model with the run's weights."""

    folder: Path
    name: str
    model: VisionModel


def load_run(folder: str | Path) -> TrainedRun:
    """Load `folder/checkpoint` (or `folder` when it is the checkpoint itself) in eval mode."""
    folder = Path(folder)
    checkpoint_folder = folder / "checkpoint" if (folder / "checkpoint").is_dir() else folder
    checkpoint = load_checkpoint(checkpoint_folder)
    if not checkpoint.kind.startswith(KIND_PREFIX):
        raise VisionError(
            f"{checkpoint_folder} contains a {checkpoint.kind} checkpoint, expected a vision model; "
            "pass a folder written by seqboard vision train"
        )

    name = checkpoint.config.get("model")
    if name not in MODELS:
        raise VisionError(f"{checkpoint_folder} names model {name!r}, expected one of {', '.join(MODELS)}")
    model = MODELS[name].from_config_dict(checkpoint.config["config"])
    try:
        model.load_state_dict(checkpoint.tensors)
    except RuntimeError as error:
        raise CheckpointError(f"{checkpoint_folder} does not fit model {name}: {error}") from None
    model.eval()
    return TrainedRun(folder, name, model)
