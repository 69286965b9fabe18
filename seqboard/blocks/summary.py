"""A layer table like Keras's `model.summary()`.

One forward pass on an example input records, for every module that owns parameters
or has no sub-modules, its output shape and the number of parameters it owns. A module
called twice is listed once. The totals are over `model.parameters()`, so a parameter
that the forward pass never reaches still counts, as in Keras.
"""

from dataclasses import dataclass

import torch
from torch import Tensor, nn


@dataclass(frozen=True)
class LayerRow:
    """One row of the table: a module's name, type, output shape and own parameters."""

    name: str
    kind: str
    output_shape: tuple[int, ...]
    params: int


def layer_table(model: nn.Module, example: Tensor) -> list[LayerRow]:
    """Run `example` through `model` in eval mode and return one row per layer, in call order."""
    rows: list[LayerRow] = []
    seen: set[int] = set()
    handles = []

    def record(name: str):
        def hook(module: nn.Module, inputs, output) -> None:
            if id(module) in seen or not isinstance(output, Tensor):
                return
            seen.add(id(module))
            own = sum(p.numel() for p in module.parameters(recurse=False))
            rows.append(LayerRow(name, type(module).__name__, tuple(output.shape[1:]), own))

        return hook

    for name, module in model.named_modules():
        is_leaf = next(module.children(), None) is None
        owns_params = next(module.parameters(recurse=False), None) is not None
        if name and (is_leaf or owns_params) and not isinstance(module, nn.Identity):
            handles.append(module.register_forward_hook(record(name)))

    was_training = model.training
    model.eval()
    try:
        with torch.no_grad():
            model(example)
    finally:
        model.train(was_training)
        for handle in handles:
            handle.remove()
    return rows


def format_layer_table(model: nn.Module, example: Tensor) -> str:
    """Return the layer table as text: one line per layer, then the parameter totals."""
    rows = layer_table(model, example)
    lines = [f"{'Layer (type)':<44} {'Output shape':<24} {'Param #':>12}", "=" * 82]
    for row in rows:
        shape = "(N, " + ", ".join(str(size) for size in row.output_shape) + ")"
        lines.append(f"{row.name + ' (' + row.kind + ')':<44} {shape:<24} {row.params:>12,}")

    total = sum(p.numel() for p in model.parameters())
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    lines += [
        "=" * 82,
        f"Total params: {total:,}",
        f"Trainable params: {trainable:,}",
        f"Non-trainable params: {total - trainable:,}",
    ]
    return "\n".join(lines)
