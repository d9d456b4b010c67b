"""Known wrong versions of `momentum_step` (contract signature)."""

from __future__ import annotations

import numpy as np


def _f64(*arrays: np.ndarray) -> tuple[np.ndarray, ...]:
    return tuple(np.asarray(a, dtype=np.float64) for a in arrays)


def momentum_lr_in_velocity(
    w: np.ndarray, v: np.ndarray, grad: np.ndarray, lr: float, rho: float
) -> tuple[np.ndarray, np.ndarray]:
    """Wrong: v_new = ρv + α·grad, w_new = w - v_new; the learning rate is folded into the velocity.

    A valid method on its own, but a different state: the contract's v accumulates raw gradients.
    Same as correct only when lr = 1.
    """
    w, v, grad = _f64(w, v, grad)
    v_new = rho * v + lr * grad
    return w - v_new, v_new


def momentum_old_velocity(
    w: np.ndarray, v: np.ndarray, grad: np.ndarray, lr: float, rho: float
) -> tuple[np.ndarray, np.ndarray]:
    """Wrong: steps with the previous velocity, w_new = w - α·v, and only then updates v."""
    w, v, grad = _f64(w, v, grad)
    return w - lr * v, rho * v + grad


def momentum_ema_dampening(
    w: np.ndarray, v: np.ndarray, grad: np.ndarray, lr: float, rho: float
) -> tuple[np.ndarray, np.ndarray]:
    """Wrong: v_new = ρv + (1 - ρ)·grad, the moving average of Adam's first moment, not momentum."""
    w, v, grad = _f64(w, v, grad)
    v_new = rho * v + (1.0 - rho) * grad
    return w - lr * v_new, v_new


def momentum_descent_velocity(
    w: np.ndarray, v: np.ndarray, grad: np.ndarray, lr: float, rho: float
) -> tuple[np.ndarray, np.ndarray]:
    """Wrong: the CS231n form v_new = ρv - α·grad, w_new = w + v_new, used with the contract's v."""
    w, v, grad = _f64(w, v, grad)
    v_new = rho * v - lr * grad
    return w + v_new, v_new
