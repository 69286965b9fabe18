"""The dense head (flatten, dense, dropout, dense) and the max-norm constraint."""

from collections.abc import Callable

import torch
from torch import Tensor, nn


class DenseHead(nn.Module):
    """Flatten, an optional hidden dense layer with activation, dropout, the output layer.

    (N, ...) -> (N, out_features). With `hidden=None` it is dropout then one dense layer,
    which is Kim's (2014) output layer.
    """

    def __init__(
        self,
        in_features: int,
        out_features: int,
        hidden: int | None = None,
        dropout: float = 0.5,
        activation: Callable[[], nn.Module] = nn.ReLU,
    ) -> None:
        super().__init__()
        if not 0.0 <= dropout < 1.0:
            raise ValueError(f"dropout must be in [0, 1), got {dropout}")

        self.flatten = nn.Flatten()
        if hidden is None:
            self.hidden = nn.Identity()
            self.activation = nn.Identity()
            last_in = in_features
        else:
            self.hidden = nn.Linear(in_features, hidden)
            self.activation = activation()
            last_in = hidden
        self.dropout = nn.Dropout(dropout)
        self.output = nn.Linear(last_in, out_features)

    def forward(self, x: Tensor) -> Tensor:
        x = self.activation(self.hidden(self.flatten(x)))
        return self.output(self.dropout(x))


@torch.no_grad()
def apply_max_norm(layer: nn.Linear, max_norm: float = 3.0) -> None:
    """Rescale each output unit's weight vector whose L2 norm exceeds `max_norm`.

    A row of `layer.weight` (out_features, in_features) holds one output unit's weights.
    Rows with norm <= max_norm are left as they are. Kim (2014) uses max_norm = 3 after
    every update.
    """
    if max_norm <= 0:
        raise ValueError(f"max_norm must be positive, got {max_norm}")
    norms = layer.weight.norm(p=2, dim=1, keepdim=True)  # (out, 1)
    scale = (max_norm / norms).clamp(max=1.0)
    layer.weight.mul_(scale)
