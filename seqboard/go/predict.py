"""The move-prediction API: load a trained policy network and query it on positions.

    predictor = MovePredictor.load()             # the default model shipped in the package
    prediction = predictor.predict(board)        # or predictor.predict("game.sgf", 120)
    prediction.top(5)                            # [("Q16", 0.31), ...]
    prediction.probabilities                     # (19, 19): 0 on illegal points, sums to 1

With `symmetries=8` the network runs on the 8 rotations and reflections of the position.
Each output is mapped back with the inverse symmetry, and the 8 move distributions are
averaged, as AlphaGo did.
"""

import os
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np
import torch

from seqboard.core.checkpoint import load_checkpoint
from seqboard.core.errors import CheckpointError
from seqboard.go.board import Board
from seqboard.go.coords import to_gtp
from seqboard.go.errors import GoError
from seqboard.go.features import extract_features
from seqboard.go.policy import PolicyConfig, PolicyNet
from seqboard.go.replay import board_at
from seqboard.go.sgf import read_game
from seqboard.go.symmetry import SYMMETRIES, inverse, transform
from seqboard.go.weights_file import SUFFIX, load_weights

DEFAULT_WEIGHTS = "default"

# A position: a Board, or an SGF file and a move number (the position after that many moves).
Position = Board | tuple[str | os.PathLike, int]


@dataclass(frozen=True)
class MovePrediction:
    """The network's move distribution for one position.

    `probabilities` is (S, S) float32: 0 on illegal points, and the rest sum to 1.
    `logits` is the raw (S, S) network output, averaged over the symmetries used.
    """

    probabilities: np.ndarray
    logits: np.ndarray

    def top(self, k: int = 5) -> list[tuple[str, float]]:
        """Return the k most probable legal moves as (GTP vertex, probability), best first."""
        size = self.probabilities.shape[0]
        flat = self.probabilities.reshape(-1)  # (S * S,)
        order = np.argsort(-flat, kind="stable")[: max(0, k)]
        return [(to_gtp(divmod(int(i), size), size), float(flat[i])) for i in order if flat[i] > 0]


class MovePredictor:
    """A policy network ready for inference on boards, SGF positions and feature planes."""

    def __init__(self, model: PolicyNet, symmetries: int = 1, device: str | torch.device = "cpu") -> None:
        if symmetries not in (1, SYMMETRIES):
            raise GoError(f"invalid symmetries {symmetries!r}: expected 1 (none) or {SYMMETRIES} (all)")
        self.device = torch.device(device)
        self.model = model.to(self.device).eval()
        self.config: PolicyConfig = model.config
        self.symmetries = symmetries

    @classmethod
    def load(cls, path: str | os.PathLike | None = None, symmetries: int = 1, device: str = "cpu") -> "MovePredictor":
        """Load exported weights (`NAME.safetensors` + `NAME.json`), a checkpoint folder or a
        training run's folder; None loads the default model shipped in the package."""
        config, tensors = _read_model(path)
        model = PolicyNet(config)
        try:
            model.load_state_dict(tensors)
        except RuntimeError as error:
            raise CheckpointError(f"the weights in {path} do not fit a policy network of {config}: {error}") from None
        return cls(model, symmetries, device)

    def predict(self, position: Board | str | os.PathLike, move_number: int | None = None) -> MovePrediction:
        """Predict the next move of a Board, or of an SGF file after `move_number` moves."""
        if isinstance(position, Board):
            if move_number is not None:
                raise GoError("move_number applies to an SGF file; pass a Board alone")
            return self.predict_batch([position])[0]
        if move_number is None:
            raise GoError(f"predicting from the SGF file {position} needs a move number")
        return self.predict_batch([(position, move_number)])[0]

    def predict_batch(self, positions: Sequence[Position]) -> list[MovePrediction]:
        """Predict many positions in one forward pass (per symmetry)."""
        boards = [_as_board(position) for position in positions]
        for board in boards:
            self._check_board(board)
        planes = np.stack([extract_features(board) for board in boards]) if boards else None
        legal = np.stack([_legal_mask(board) for board in boards]) if boards else None
        return self.predict_planes(planes, legal) if boards else []

    def predict_planes(self, planes, legal: np.ndarray | None = None) -> list[MovePrediction]:
        """Predict from feature planes: (C, S, S) or (N, C, S, S) uint8, numpy or torch.

        `legal`, (N, S, S) bool, marks the points that may be played; without it every
        point counts as legal.
        """
        batch = self._check_planes(planes)  # (N, C, S, S)
        size = self.config.board_size
        mask = torch.ones(len(batch), size, size, dtype=torch.bool) if legal is None else torch.as_tensor(legal, dtype=torch.bool)
        logits, probabilities = self._forward(batch.to(self.device), mask.to(self.device))
        return [MovePrediction(p.numpy(), l.numpy()) for p, l in zip(probabilities.cpu(), logits.cpu())]

    @torch.no_grad()
    def _forward(self, batch: torch.Tensor, mask: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """Return the mean logits and mean masked move probabilities, both (N, S, S)."""
        size = self.config.board_size
        logits_sum = torch.zeros(mask.shape, device=batch.device)
        probabilities_sum = torch.zeros(mask.shape, device=batch.device)
        for k in range(self.symmetries):
            logits = self.model(transform(batch, k)).view(-1, size, size)  # (N, S * S) -> (N, S, S)
            logits = transform(logits, inverse(k))  # back to the original orientation
            logits_sum += logits
            masked = logits.masked_fill(~mask, float("-inf")).view(len(batch), -1)  # (N, S * S)
            probabilities_sum += torch.softmax(masked, dim=1).nan_to_num(0.0).view(-1, size, size)
        return logits_sum / self.symmetries, probabilities_sum / self.symmetries

    def _check_board(self, board: Board) -> None:
        size = self.config.board_size
        if board.size != size:
            raise GoError(f"the board is {board.size}x{board.size}, but this policy network expects {size}x{size} boards")

    def _check_planes(self, planes) -> torch.Tensor:
        expected = (self.config.input_planes, self.config.board_size, self.config.board_size)
        tensor = torch.as_tensor(planes) if isinstance(planes, (np.ndarray, torch.Tensor)) else None
        if tensor is not None and tensor.dim() == len(expected):
            tensor = tensor.unsqueeze(0)  # (C, S, S) -> (1, C, S, S)
        if tensor is None or tensor.dtype != torch.uint8 or tuple(tensor.shape[1:]) != expected:
            shown = f"{tensor.dtype} {tuple(tensor.shape)}" if tensor is not None else type(planes).__name__
            raise GoError(
                f"invalid feature planes {shown}: expected uint8 of shape {expected} or (N, *{expected}), "
                "as seqboard.go.features computes them"
            )
        return tensor


def _as_board(position) -> Board:
    """Return the Board of a position: itself, or the SGF position after a move number."""
    if isinstance(position, Board):
        return position
    if isinstance(position, tuple) and len(position) == 2:
        path, move_number = position
        return position_after(Path(path), move_number)
    raise GoError(f"invalid position {type(position).__name__}: expected a Board or an (SGF path, move number) pair")


def position_after(path: str | os.PathLike, move_number: int) -> Board:
    """Return the board of the SGF file `path` after its first `move_number` moves (passes count).

    Raises GoError when the file cannot be read or the number is not 0 to the game's length.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise GoError(f"cannot read the SGF file {path}: {error.strerror}") from None
    if isinstance(move_number, bool) or not isinstance(move_number, int):
        raise GoError(f"invalid move number {move_number!r} for {path}: expected an integer")
    return board_at(read_game(data, str(path)), move_number)


def _legal_mask(board: Board) -> np.ndarray:
    """Return the (S, S) bool mask of the points the player to move may play."""
    size = board.size
    return np.array([[board.is_legal((row, col)) for col in range(size)] for row in range(size)], dtype=bool)


def _read_model(path: str | os.PathLike | None) -> tuple[PolicyConfig, dict[str, torch.Tensor]]:
    """Read a config and tensors from exported weights, a checkpoint folder or a run folder."""
    if path is None:
        with resources.as_file(resources.files("seqboard.go") / "weights" / f"{DEFAULT_WEIGHTS}{SUFFIX}") as shipped:
            config, tensors, _ = load_weights(shipped)
            return config, tensors

    path = Path(path)
    if path.is_dir():
        # A finished run has checkpoint/; a run still training has only best/ and last/.
        folder = next((path / name for name in ("checkpoint", "best") if (path / name).is_dir()), path)
        checkpoint = load_checkpoint(folder)
        if checkpoint.kind != "go.PolicyNet":
            raise CheckpointError(f"{folder} is a {checkpoint.kind} checkpoint, expected a go.PolicyNet one")
        return PolicyConfig.from_dict(checkpoint.config), checkpoint.tensors
    config, tensors, _ = load_weights(path)
    return config, tensors
