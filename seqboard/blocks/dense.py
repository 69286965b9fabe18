"""The dense head (flatten, dense, dropout, dense) and the max-norm constraint.

Dropout can scale at either end. torch's `nn.Dropout` scales the kept units by 1/(1-p)
while training and leaves test inputs alone ("train" scaling). The original form, which
Kim's (2014) released code uses, keeps units unscaled in training and multiplies by
1-p at test ("test" scaling). Both give the same expected input to the next layer, but
the trained weights differ by the factor 1-p, and so does what a max-norm bound on them
means: s = 3 under "train" scaling allows weights that are s = 6 under "test" scaling
at p = 0.5.
"""

from collections.abc import Callable

import torch
from torch import Tensor, nn

DROPOUT_SCALINGS = ("train", "test")


class DenseHead(nn.Module):
    """Flatten, an optional hidden dense layer with activation, dropout, the output layer.

    (N, ...) -> (N, out_features). With `hidden=None` it is dropout then one dense layer,
    which is Kim's (2014) output layer. `dropout_scaling` is "train" (torch) or "test"
    (the original form, Kim's); see the module docstring.
    """

    def __init__(
        self,
        in_features: int,
        out_features: int,
        hidden: int | None = None,
        dropout: float = 0.5,
        activation: Callable[[], nn.Module] = nn.ReLU,
        dropout_scaling: str = "train",
    ) -> None:
        super().__init__()
        if not 0.0 <= dropout < 1.0:
            raise ValueError(f"dropout must be in [0, 1), got {dropout}")
        if dropout_scaling not in DROPOUT_SCALINGS:
            raise ValueError(f"invalid dropout_scaling {dropout_scaling!r}; expected one of {', '.join(DROPOUT_SCALINGS)}")

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
        # nn.Dropout scales by 1/(1-p) in training; multiplying by 1-p afterwards undoes
        # that in training and scales by 1-p at test, which is "test" scaling.
        self.rescale = 1.0 - dropout if dropout_scaling == "test" else 1.0
        self.output = nn.Linear(last_in, out_features)

    def forward(self, x: Tensor) -> Tensor:
        x = self.activation(self.hidden(self.flatten(x)))
        x = self.dropout(x)
        if self.rescale != 1.0:
            x = x * self.rescale
        return self.output(x)


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
