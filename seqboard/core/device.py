"""Device choice: CUDA when present, else CPU, unless the caller names one."""

import torch

from seqboard.core.errors import SeqboardError


def choose_device(requested: str | None = None) -> torch.device:
    """Return `requested` ("cpu", "cuda", "cuda:1", ...) or the best available device.

    Raises SeqboardError when the requested device is not valid or not available.
    """
    if requested in (None, "", "auto"):
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")

    try:
        device = torch.device(requested)
    except RuntimeError as error:
        raise SeqboardError(f"invalid device {requested!r}: {error}; use 'cpu', 'cuda' or 'cuda:N'") from None
    if device.type == "cuda" and not torch.cuda.is_available():
        raise SeqboardError(f"device {requested!r} requested but CUDA is not available here; use --device cpu")
    return device
