"""Known wrong backward passes for the computational-graph gates and the linear layer."""

from __future__ import annotations

import numpy as np


def _f64(*arrays: np.ndarray) -> tuple[np.ndarray, ...]:
    return tuple(np.asarray(a, dtype=np.float64) for a in arrays)


def add_backward_second_input_zero(dz: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Wrong: only x gets the gradient, dy = 0, as if y were a constant."""
    (dz,) = _f64(dz)
    return dz.copy(), np.zeros_like(dz)


def add_backward_split_in_half(dz: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Wrong: splits the gradient, dx = dy = dz / 2; the add gate copies it to both inputs."""
    (dz,) = _f64(dz)
    return dz / 2, dz / 2


def add_backward_local_gradient_only(dz: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Wrong: returns the local gradients ∂z/∂x = ∂z/∂y = 1 and forgets to multiply by dz."""
    (dz,) = _f64(dz)
    return np.ones_like(dz), np.ones_like(dz)


def add_backward_subtract_gate(dz: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Wrong: dy = -dz, the rule of the subtract gate z = x - y."""
    (dz,) = _f64(dz)
    return dz.copy(), -dz


def mul_backward_not_swapped(x: np.ndarray, y: np.ndarray, dz: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Wrong: dx = dz·x, dy = dz·y; the mul gate must swap its inputs (∂(xy)/∂x = y)."""
    x, y, dz = _f64(x, y, dz)
    return dz * x, dz * y


def mul_backward_no_upstream(x: np.ndarray, y: np.ndarray, dz: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Wrong: returns the local gradients (y, x) without the chain-rule factor dz."""
    x, y, dz = _f64(x, y, dz)
    return y.copy(), x.copy()


def mul_backward_as_add_gate(x: np.ndarray, y: np.ndarray, dz: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Wrong: passes dz through unchanged to both inputs, as an add gate would."""
    x, y, dz = _f64(x, y, dz)
    return dz.copy(), dz.copy()


def mul_backward_copy_paste(x: np.ndarray, y: np.ndarray, dz: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Wrong: dy = dz·y, a copy-paste of the dx line (dx is right)."""
    x, y, dz = _f64(x, y, dz)
    return dz * y, dz * y


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def sigmoid_backward_derivative_at_x(x: np.ndarray, dout: np.ndarray) -> np.ndarray:
    """Wrong: dout·x·(1 - x), the formula s(1 - s) applied to the input x instead of s = σ(x)."""
    x, dout = _f64(x, dout)
    return dout * x * (1.0 - x)


def sigmoid_backward_no_upstream(x: np.ndarray, dout: np.ndarray) -> np.ndarray:
    """Wrong: returns σ'(x) and forgets to multiply by the upstream gradient dout."""
    x, dout = _f64(x, dout)
    s = _sigmoid(x)
    return s * (1.0 - s)


def sigmoid_backward_tanh_formula(x: np.ndarray, dout: np.ndarray) -> np.ndarray:
    """Wrong: dout·(1 - σ(x)²), the tanh derivative rule used for the sigmoid."""
    x, dout = _f64(x, dout)
    return dout * (1.0 - _sigmoid(x) ** 2)


def linear_forward_transposed_W(x: np.ndarray, W: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Wrong: x @ W + b; W is (out, in), so it must be transposed.

    Raises a shape error unless W is square; with a square W the numbers are wrong.
    """
    x, W, b = _f64(x, W, b)
    return x @ W + b


def linear_forward_no_bias(x: np.ndarray, W: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Wrong: forgets to add the bias b (observable whenever b != 0)."""
    x, W, b = _f64(x, W, b)
    return x @ W.T


def linear_forward_column_convention(x: np.ndarray, W: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Wrong: column-vector convention W x + b, returning (m, n) instead of (n, m)."""
    x, W, b = _f64(x, W, b)
    return W @ x.T + b[:, None]


def linear_backward_db_averaged(
    x: np.ndarray, W: np.ndarray, b: np.ndarray, dout: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Wrong: db = mean of dout over the batch; the loss sums the per-sample terms, so db must be summed."""
    x, W, dout = _f64(x, W, dout)
    return dout @ W, dout.T @ x, dout.mean(axis=0)


def linear_backward_dW_averaged(
    x: np.ndarray, W: np.ndarray, b: np.ndarray, dout: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Wrong: dW = dout^T x / n, averaged instead of summed over the batch (db is right)."""
    x, W, dout = _f64(x, W, dout)
    return dout @ W, dout.T @ x / x.shape[0], dout.sum(axis=0)


def linear_backward_dW_transposed(
    x: np.ndarray, W: np.ndarray, b: np.ndarray, dout: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Wrong: dW = x^T dout, shape (in, out) instead of W's (out, in); only matches W's shape when square."""
    x, W, dout = _f64(x, W, dout)
    return dout @ W, x.T @ dout, dout.sum(axis=0)


def linear_backward_dx_transposed_W(
    x: np.ndarray, W: np.ndarray, b: np.ndarray, dout: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Wrong: dx = dout W^T; raises unless W is square, otherwise wrong numbers."""
    x, W, dout = _f64(x, W, dout)
    return dout @ W.T, dout.T @ x, dout.sum(axis=0)


def relu_backward_ge(x: np.ndarray, dout: np.ndarray) -> np.ndarray:
    """Wrong: dout·[x >= 0] passes the gradient at x = 0; the contract takes the subgradient 0 there."""
    x, dout = _f64(x, dout)
    return dout * (x >= 0)


def relu_backward_no_upstream(x: np.ndarray, dout: np.ndarray) -> np.ndarray:
    """Wrong: returns the mask [x > 0] (the local gradient) without multiplying by dout."""
    x, dout = _f64(x, dout)
    return (x > 0).astype(np.float64)


def relu_backward_dout_sign(x: np.ndarray, dout: np.ndarray) -> np.ndarray:
    """Wrong: masks by the sign of the upstream gradient, dout·[dout > 0], instead of by the input x."""
    x, dout = _f64(x, dout)
    return dout * (dout > 0)


def relu_backward_times_output(x: np.ndarray, dout: np.ndarray) -> np.ndarray:
    """Wrong: dout·max(0, x), the forward value used as the local slope; the slope of ReLU is 0 or 1."""
    x, dout = _f64(x, dout)
    return dout * np.maximum(x, 0.0)


def tanh_backward_derivative_at_x(x: np.ndarray, dout: np.ndarray) -> np.ndarray:
    """Wrong: dout·(1 - x²), the rule 1 - t² applied to the input x instead of t = tanh(x)."""
    x, dout = _f64(x, dout)
    return dout * (1.0 - x**2)


def tanh_backward_no_upstream(x: np.ndarray, dout: np.ndarray) -> np.ndarray:
    """Wrong: returns tanh'(x) = 1 - tanh(x)² and forgets the upstream gradient dout."""
    x, dout = _f64(x, dout)
    return 1.0 - np.tanh(x) ** 2


def tanh_backward_sigmoid_rule(x: np.ndarray, dout: np.ndarray) -> np.ndarray:
    """Wrong: dout·t(1 - t) with t = tanh(x), the sigmoid's derivative rule used for tanh."""
    x, dout = _f64(x, dout)
    t = np.tanh(x)
    return dout * t * (1.0 - t)


def tanh_backward_square_missing(x: np.ndarray, dout: np.ndarray) -> np.ndarray:
    """Wrong: dout·(1 - tanh(x)); the derivative squares tanh: 1 - tanh(x)²."""
    x, dout = _f64(x, dout)
    return dout * (1.0 - np.tanh(x))
