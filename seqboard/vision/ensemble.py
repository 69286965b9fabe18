"""An ensemble of trained runs: the softmax outputs of the members are added.

The class with the largest sum wins, which is the same as averaging the members'
probabilities. Each member's own accuracy is reported beside the ensemble's.
"""

from dataclasses import dataclass

import torch
from torch import Tensor

from seqboard.vision.mnist import fit_to_input, to_float
from seqboard.vision.models import VisionModel
from seqboard.vision.runs import TrainedRun

EVAL_BATCH_SIZE = 1_000


@dataclass(frozen=True)
class EnsembleResult:
    """Accuracy of each member, in order, and of the ensemble."""

    member_accuracies: list[float]
    ensemble_accuracy: float


@torch.no_grad()
def softmax_outputs(model: VisionModel, images) -> Tensor:
    """Return the model's class probabilities (N, classes) for (N, 28, 28) uint8 digits."""
    model.eval()
    inputs = fit_to_input(images, model.input_shape)  # (N, C, H, W) uint8
    outputs = [
        model(to_float(inputs[start : start + EVAL_BATCH_SIZE])).softmax(dim=1)
        for start in range(0, len(inputs), EVAL_BATCH_SIZE)
    ]
    return torch.cat(outputs)  # (N, classes)


def combine(probabilities: list[Tensor], labels: Tensor) -> EnsembleResult:
    """Score each member's (N, classes) probabilities and their sum against `labels` (N,)."""
    if not probabilities:
        raise ValueError("an ensemble needs at least one member")
    members = [_accuracy(member, labels) for member in probabilities]
    total = torch.stack(probabilities).sum(dim=0)  # (members, N, classes) -> (N, classes)
    return EnsembleResult(members, _accuracy(total, labels))


def evaluate_runs(runs: list[TrainedRun], images, labels) -> EnsembleResult:
    """Evaluate each trained run and their ensemble on (N, 28, 28) digits and (N,) labels."""
    labels = torch.tensor(labels)
    return combine([softmax_outputs(run.model, images) for run in runs], labels)


def _accuracy(scores: Tensor, labels: Tensor) -> float:
    return (scores.argmax(dim=1) == labels).float().mean().item()
