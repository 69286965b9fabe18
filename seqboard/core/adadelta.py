"""Adadelta (Zeiler 2012) that also takes sparse gradients, with lazily applied decay.

Adadelta keeps two running averages per parameter, of squared gradients and of squared
updates, and decays both by rho at every step. A row of an embedding matrix whose words
are not in the batch has a zero gradient: its update is zero and only the two averages
decay. Updating every row of a large vocabulary at every step costs more than the
convolutions do. This optimizer therefore records the step at which each row was last
updated. When the row next appears in a sparse gradient, it first applies the decay of
the missed steps at once: rho ** missed. The result equals dense Adadelta on the same
gradients up to rounding (`torch.optim.Adadelta` is the reference in the tests).

Dense gradients get the plain update. A state saved by `torch.optim.Adadelta` loads as
it is: without a record of missed steps, every row counts as up to date, which it is.
"""

from collections.abc import Iterable

import torch
from torch import Tensor


class Adadelta(torch.optim.Optimizer):
    """Adadelta with learning rate `lr`, decay `rho` and `eps`; sparse gradients are updated lazily."""

    def __init__(self, params: Iterable, lr: float = 1.0, rho: float = 0.9, eps: float = 1e-6) -> None:
        if not 0.0 <= rho <= 1.0:
            raise ValueError(f"rho must be in [0, 1], got {rho}")
        if lr < 0.0 or eps < 0.0:
            raise ValueError(f"lr and eps must be non-negative, got lr={lr}, eps={eps}")
        super().__init__(params, {"lr": lr, "rho": rho, "eps": eps})

    @torch.no_grad()
    def step(self, closure=None):
        loss = None
        if closure is not None:
            with torch.enable_grad():
                loss = closure()

        for group in self.param_groups:
            for param in group["params"]:
                if param.grad is None:
                    continue
                state = self._state_of(param)
                state["step"] += 1
                if param.grad.is_sparse:
                    self._sparse_update(param, state, group)
                else:
                    self._dense_update(param, param.grad, state, group)
        return loss

    def _state_of(self, param: Tensor) -> dict:
        state = self.state[param]
        if not state:
            state["step"] = torch.zeros(())
            state["square_avg"] = torch.zeros_like(param)
            state["acc_delta"] = torch.zeros_like(param)
        return state

    @staticmethod
    def _dense_update(param: Tensor, grad: Tensor, state: dict, group: dict) -> None:
        delta = _advance(state["square_avg"], state["acc_delta"], grad, group["rho"], group["eps"])
        param.add_(delta, alpha=-group["lr"])

    @staticmethod
    def _sparse_update(param: Tensor, state: dict, group: dict) -> None:
        rho, eps = group["rho"], group["eps"]
        step = int(state["step"])
        if "last_step" not in state:
            # A fresh state, or one saved by dense Adadelta: every row is current.
            state["last_step"] = torch.full((param.shape[0],), step - 1, dtype=torch.long)

        # A word that occurs twice in the batch has two gradient rows: add them first.
        grad = param.grad.coalesce()
        rows, values = grad.indices()[0], grad.values()  # (K,), (K, E)

        # Catch up on the decay of the steps each row missed, then update as dense does.
        missed = (step - 1 - state["last_step"][rows]).to(torch.float64)
        decay = torch.pow(rho, missed).to(values.dtype)[:, None]  # (K, 1)
        square_avg = state["square_avg"][rows].mul_(decay)
        acc_delta = state["acc_delta"][rows].mul_(decay)

        delta = _advance(square_avg, acc_delta, values, rho, eps)

        state["square_avg"][rows] = square_avg
        state["acc_delta"][rows] = acc_delta
        state["last_step"][rows] = step
        param.index_add_(0, rows, delta, alpha=-group["lr"])


def _advance(square_avg: Tensor, acc_delta: Tensor, grad: Tensor, rho: float, eps: float) -> Tensor:
    """Update both running averages in place by one step of `grad` and return the step's delta."""
    square_avg.mul_(rho).addcmul_(grad, grad, value=1 - rho)
    delta = acc_delta.add(eps).sqrt_().div_(square_avg.add(eps).sqrt_()).mul_(grad)
    acc_delta.mul_(rho).addcmul_(delta, delta, value=1 - rho)
    return delta
