"""Device choice and seeding."""

import pytest
import torch

from seqboard.core.device import choose_device
from seqboard.core.errors import SeqboardError
from seqboard.core.seeding import seed_everything


def test_choose_device_default_matches_cuda_availability():
    expected = "cuda" if torch.cuda.is_available() else "cpu"
    assert choose_device(None).type == expected


def test_choose_device_explicit_cpu():
    assert choose_device("cpu") == torch.device("cpu")


def test_choose_device_invalid_name():
    with pytest.raises(SeqboardError, match="invalid device 'gpu0'"):
        choose_device("gpu0")


@pytest.mark.skipif(torch.cuda.is_available(), reason="needs a machine without CUDA")
def test_choose_device_cuda_unavailable():
    with pytest.raises(SeqboardError, match="CUDA is not available"):
        choose_device("cuda")


def test_seed_everything_repeats_draws():
    seed_everything(3)
    first = torch.rand(3)
    generator = seed_everything(3)
    assert torch.equal(torch.rand(3), first)
    assert torch.equal(torch.rand(2, generator=generator), torch.rand(2, generator=torch.Generator().manual_seed(3)))
