"""Gradient descent with momentum (lecture: optimization, SGD and its variants).

The course writes heavy-ball momentum as an accumulated gradient:

    v_{t+1} = ρ v_t + ∇f(w_t)
    w_{t+1} = w_t - α v_{t+1}

The learning rate α scales the step, not the velocity, so with ρ = 0 this is
plain gradient descent, and at a constant gradient g the velocity tends to
g / (1 - ρ): momentum lengthens the step by that factor. (Other texts fold α
into v, `v = ρ v - α g; w = w + v`; that is the same method with a differently
scaled and signed v, so the two cannot be mixed within one state.)
"""

from __future__ import annotations

import numpy as np


def momentum_step(
    w: np.ndarray, v: np.ndarray, grad: np.ndarray, lr: float, rho: float
) -> tuple[np.ndarray, np.ndarray]:
    """One step of gradient descent with momentum.

    Args:
        w: parameters, any shape.
        v: velocity from the previous step, w's shape (zeros at the start).
        grad: ∇f(w), w's shape.
        lr: learning rate α > 0.
        rho: momentum coefficient ρ in [0, 1).

    Returns:
        (w_new, v_new), each w's shape (new arrays; the inputs are left unchanged).
    """
    w, v, grad = (np.asarray(a, dtype=np.float64) for a in (w, v, grad))
    # v_{t+1} = ρ v_t + ∇f(w_t)
    v_new = rho * v + grad
    # w_{t+1} = w_t - α v_{t+1}
    w_new = w - lr * v_new
    return w_new, v_new
