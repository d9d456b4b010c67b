"""Backpropagation through computational-graph gates (lecture: SGD, MLPs and backprop).

Each `*_backward` receives the upstream gradient `dout = ∂L/∂out` and returns
the downstream gradients by the chain rule: `∂L/∂x = ∂L/∂out · ∂out/∂x`.
Batches are rows; a linear layer is `x W^T + b` with W `(out, in)`
(the `nn.Linear` convention).
"""

from __future__ import annotations

import numpy as np


def add_backward(dz: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Gate `z = x + y`: the add gate distributes the gradient unchanged.

    Args:
        dz: ∂L/∂z, any shape.

    Returns:
        (dx, dy), each dz's shape (fresh arrays, not views of dz).
    """
    dz = np.asarray(dz, dtype=np.float64)
    # ∂z/∂x = ∂z/∂y = 1  =>  dx = dy = dz
    return dz.copy(), dz.copy()


def mul_backward(x: np.ndarray, y: np.ndarray, dz: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Gate `z = x * y` (elementwise): the mul gate swaps its inputs.

    Args:
        x, y, dz: the same shape.

    Returns:
        (dx, dy), that shape.
    """
    x, y, dz = (np.asarray(a, dtype=np.float64) for a in (x, y, dz))
    # ∂z/∂x = y, ∂z/∂y = x
    return dz * y, dz * x


def sigmoid_backward(x: np.ndarray, dout: np.ndarray) -> np.ndarray:
    """Gradient through `s = σ(x)`.

    Args:
        x: the gate's input (not its output), any shape.
        dout: ∂L/∂s, x's shape.

    Returns:
        dx, x's shape.
    """
    x = np.asarray(x, dtype=np.float64)
    dout = np.asarray(dout, dtype=np.float64)
    # σ'(x) = σ(x)(1 - σ(x)) = e^{-|x|} / (1 + e^{-|x|})^2   (even in x; no cancellation in 1 - σ)
    e = np.exp(-np.abs(x))
    ds_dx = e / (1.0 + e) ** 2
    # dx = dout · σ(x)(1 - σ(x))
    return dout * ds_dx


def relu_backward(x: np.ndarray, dout: np.ndarray) -> np.ndarray:
    """Gradient through `r = max(0, x)`.

    Args:
        x: the gate's input, any shape.
        dout: ∂L/∂r, x's shape.

    Returns:
        dx, x's shape; 0 where x <= 0 (the subgradient at x = 0 is taken as 0).
    """
    x = np.asarray(x, dtype=np.float64)
    dout = np.asarray(dout, dtype=np.float64)
    # ∂r/∂x = 1 if x > 0 else 0  =>  dx = dout · [x > 0]
    return np.where(x > 0, dout, 0.0)


def tanh_backward(x: np.ndarray, dout: np.ndarray) -> np.ndarray:
    """Gradient through `t = tanh(x)`.

    Args:
        x: the gate's input (not its output), any shape.
        dout: ∂L/∂t, x's shape.

    Returns:
        dx, x's shape.
    """
    x = np.asarray(x, dtype=np.float64)
    dout = np.asarray(dout, dtype=np.float64)
    t = np.tanh(x)
    # tanh'(x) = 1 - tanh(x)^2  =>  dx = dout · (1 - t^2)
    return dout * (1.0 - t * t)


def linear_forward(x: np.ndarray, W: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Fully connected layer.

    Args:
        x: (n, d).
        W: (m, d).
        b: (m,).

    Returns:
        out: (n, m).
    """
    x, W, b = (np.asarray(a, dtype=np.float64) for a in (x, W, b))
    # out = x W^T + b, (n, m)
    return x @ W.T + b


def linear_backward(
    x: np.ndarray, W: np.ndarray, b: np.ndarray, dout: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Gradients of `linear_forward` given dout = ∂L/∂out.

    Args:
        x: (n, d).
        W: (m, d).
        b: (m,) (unused: the gradients do not depend on b).
        dout: (n, m).

    Returns:
        (dx (n, d), dW (m, d), db (m,)); dW and db are summed over the batch.
    """
    x, W, dout = (np.asarray(a, dtype=np.float64) for a in (x, W, dout))
    # ∂L/∂x = dout W, (n, m) @ (m, d) -> (n, d)
    dx = dout @ W
    # ∂L/∂W = Σ_i dout_i x_i^T = dout^T x, (m, n) @ (n, d) -> (m, d)
    dW = dout.T @ x
    # ∂L/∂b = Σ_i dout_i, (m,)
    db = dout.sum(axis=0)
    return dx, dW, db
