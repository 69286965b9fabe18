"""AlphaGo's supervised-learning policy network (Silver et al., 2016).

The network maps the feature planes of a position to one logit per board point:

- a 5x5 convolution with `filters` filters, padding 2, and ReLU;
- `layers - 2` convolutions 3x3 with `filters` filters, padding 1, and ReLU;
- a 1x1 convolution to one plane plus a learned bias for every point, giving
  `board_size ** 2` logits in move-index order (`row * board_size + col`, row 0 on top).

A softmax over the logits gives the move distribution. The published network has
192 filters and 13 layers (55.4% top-1 on KGS, 57.0% with 256 filters).
"""

from dataclasses import asdict, dataclass
from typing import Any

from torch import Tensor, nn

from seqboard.blocks.board import BoardTower, PointBiasHead
from seqboard.go.errors import GoError

# The convolutions before the 3x3 ones (the 5x5 input layer) and after them (the 1x1 head).
OUTER_LAYERS = 2


@dataclass(frozen=True)
class PolicyConfig:
    """The size of a policy network; `layers` counts every convolution, head included."""

    filters: int = 64
    layers: int = 8
    input_planes: int = 48
    board_size: int = 19

    def __post_init__(self) -> None:
        checks = {
            "filters": (self.filters, 1),
            "layers": (self.layers, OUTER_LAYERS),
            "input_planes": (self.input_planes, 1),
            "board_size": (self.board_size, 2),
        }
        for name, (value, minimum) in checks.items():
            if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
                raise GoError(f"invalid policy network {name} {value!r}: expected an integer of at least {minimum}")

    @property
    def points(self) -> int:
        return self.board_size * self.board_size

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> "PolicyConfig":
        """Build a config from `as_dict()` output; raise GoError on unknown or missing keys."""
        expected = set(cls.__dataclass_fields__)
        if set(values) != expected:
            raise GoError(
                f"invalid policy network config keys {sorted(values)}: expected {sorted(expected)}; "
                "pass a config written by `seqboard go train`"
            )
        return cls(**values)


class PolicyNet(nn.Module):
    """The policy network: (N, input_planes, S, S) planes -> (N, S * S) move logits.

    Integer inputs (the uint8 feature planes) are cast to float32 first.
    """

    def __init__(self, config: PolicyConfig) -> None:
        super().__init__()
        self.config = config
        # The tower contains the 5x5 layer and the 3x3 layers, so every convolution but the head.
        self.tower = BoardTower(config.input_planes, config.filters, config.layers - 1, first_kernel=5)
        self.head = PointBiasHead(config.filters, config.board_size, config.board_size)
        self._init_weights()

    def _init_weights(self) -> None:
        # He initialisation keeps the activation scale through the ReLU tower. PyTorch's
        # default shrinks it about 2.5 times a layer, so a deep tower starts with flat logits
        # that SGD barely moves.
        for module in self.tower.modules():
            if isinstance(module, nn.Conv2d):
                nn.init.kaiming_normal_(module.weight, nonlinearity="relu")
                nn.init.zeros_(module.bias)
        nn.init.normal_(self.head.conv.weight, std=(1.0 / self.config.filters) ** 0.5)

    def forward(self, planes: Tensor) -> Tensor:
        if not planes.is_floating_point():
            planes = planes.float()
        features = self.tower(planes)  # (N, filters, S, S)
        return self.head(features)  # (N, S * S)
