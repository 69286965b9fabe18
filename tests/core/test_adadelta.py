"""Adadelta with lazy decay for sparse gradients, against torch.optim.Adadelta."""

import pytest
import torch

from seqboard.core.adadelta import Adadelta

SETTINGS = {"lr": 1.0, "rho": 0.95, "eps": 1e-6}


def _sparse_rows(rows: list[int], values: torch.Tensor, shape) -> torch.Tensor:
    return torch.sparse_coo_tensor(torch.tensor([rows]), values, shape, check_invariants=True)


def _gradients(steps: int, shape=(12, 3)):
    """Sparse gradients touching a few rows per step, some rows repeated, some never."""
    generator = torch.Generator().manual_seed(0)
    for step in range(steps):
        rows = torch.randint(0, 8, (5,), generator=generator).tolist()  # rows 8..11 never seen
        yield _sparse_rows(rows, torch.randn(5, shape[1], generator=generator), shape)


def test_dense_gradients_match_torch():
    torch.manual_seed(0)
    ours, reference = torch.randn(4, 5, requires_grad=True), None
    reference = ours.detach().clone().requires_grad_(True)
    optimizers = Adadelta([ours], **SETTINGS), torch.optim.Adadelta([reference], **SETTINGS)
    for _ in range(6):
        grad = torch.randn(4, 5)
        for param, optimizer in zip((ours, reference), optimizers):
            param.grad = grad.clone()
            optimizer.step()
    torch.testing.assert_close(ours, reference, rtol=0, atol=0)


def test_sparse_gradients_match_dense_torch():
    # torch.optim.Adadelta on the same gradients made dense decays every row at every
    # step. The lazy update must reach the same weights, and the same running averages
    # after a step that touches every row.
    ours = torch.randn(12, 3, generator=torch.Generator().manual_seed(1)).requires_grad_(True)
    reference = ours.detach().clone().requires_grad_(True)
    lazy, dense = Adadelta([ours], **SETTINGS), torch.optim.Adadelta([reference], **SETTINGS)
    for grad in _gradients(30):
        ours.grad, reference.grad = grad, grad.to_dense()
        lazy.step()
        dense.step()
    torch.testing.assert_close(ours, reference)

    everything = _sparse_rows(list(range(12)), torch.ones(12, 3), (12, 3))
    ours.grad, reference.grad = everything, everything.to_dense()
    lazy.step()
    dense.step()
    for key in ("square_avg", "acc_delta"):
        torch.testing.assert_close(lazy.state[ours][key], dense.state[reference][key])


def test_rows_never_seen_do_not_move():
    param = torch.randn(12, 3).requires_grad_(True)
    before = param.detach().clone()
    optimizer = Adadelta([param], **SETTINGS)
    for grad in _gradients(10):
        param.grad = grad
        optimizer.step()
    assert torch.equal(param[8:], before[8:])
    assert not torch.equal(param[:8], before[:8])


@pytest.mark.parametrize("first", ["torch", "ours"])
def test_saved_state_resumes_identically(first):
    # A state saved part way (by torch's Adadelta or by ours) and loaded into a new
    # optimizer must continue exactly as the uninterrupted run.
    start = torch.randn(12, 3, generator=torch.Generator().manual_seed(2))
    gradients = list(_gradients(20))

    straight = start.clone().requires_grad_(True)
    optimizer = Adadelta([straight], **SETTINGS)
    for grad in gradients:
        straight.grad = grad
        optimizer.step()

    resumed = start.clone().requires_grad_(True)
    if first == "torch":
        early = torch.optim.Adadelta([resumed], **SETTINGS)
        for grad in gradients[:10]:
            resumed.grad = grad.to_dense()
            early.step()
    else:
        early = Adadelta([resumed], **SETTINGS)
        for grad in gradients[:10]:
            resumed.grad = grad
            early.step()
    late = Adadelta([resumed], **SETTINGS)
    late.load_state_dict(early.state_dict())
    for grad in gradients[10:]:
        resumed.grad = grad
        late.step()
    torch.testing.assert_close(resumed, straight)


def test_rejects_bad_settings():
    with pytest.raises(ValueError, match="rho must be in"):
        Adadelta([torch.zeros(1, requires_grad=True)], rho=1.5)
