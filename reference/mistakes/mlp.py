"""Known wrong versions of `mlp_forward`, `mlp_backward` and `xor_network` (contract signatures)."""

from __future__ import annotations

import numpy as np

from mlvc_reference.activations import sigmoid


def _f64(*arrays: np.ndarray) -> tuple[np.ndarray, ...]:
    return tuple(np.asarray(a, dtype=np.float64) for a in arrays)


# ---- mlp_forward ---------------------------------------------------------------------------


def mlp_forward_untransposed(x: np.ndarray, W1: np.ndarray, b1: np.ndarray, W2: np.ndarray, b2: np.ndarray) -> np.ndarray:
    """Wrong: x @ W1 + b1 and h @ W2 + b2; W is (out, in), so it must be transposed.

    Raises a shape error unless the weights are square; with square weights the numbers are wrong.
    """
    x, W1, b1, W2, b2 = _f64(x, W1, b1, W2, b2)
    return sigmoid(sigmoid(x @ W1 + b1) @ W2 + b2)


def mlp_forward_linear_output(x: np.ndarray, W1: np.ndarray, b1: np.ndarray, W2: np.ndarray, b2: np.ndarray) -> np.ndarray:
    """Wrong: y = h W2^T + b2 without the output sigmoid (a regression head, not the course's network)."""
    x, W1, b1, W2, b2 = _f64(x, W1, b1, W2, b2)
    return sigmoid(x @ W1.T + b1) @ W2.T + b2


def mlp_forward_linear_hidden(x: np.ndarray, W1: np.ndarray, b1: np.ndarray, W2: np.ndarray, b2: np.ndarray) -> np.ndarray:
    """Wrong: h = x W1^T + b1 without the hidden sigmoid: two linear layers collapse into one."""
    x, W1, b1, W2, b2 = _f64(x, W1, b1, W2, b2)
    return sigmoid((x @ W1.T + b1) @ W2.T + b2)


# ---- mlp_backward --------------------------------------------------------------------------


def _backward(
    x: np.ndarray, t: np.ndarray, W1: np.ndarray, b1: np.ndarray, W2: np.ndarray, b2: np.ndarray,
    scale: float, output_slope: bool = True, hidden_slope_at_z: bool = False,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The backward pass with the loss divided by `scale` and optional slips in the local slopes."""
    x, t, W1, b1, W2, b2 = _f64(x, t, W1, b1, W2, b2)
    z1 = x @ W1.T + b1
    h = sigmoid(z1)
    y = sigmoid(h @ W2.T + b2)
    delta2 = (y - t) / scale
    if output_slope:
        delta2 = delta2 * y * (1.0 - y)
    slope1 = z1 * (1.0 - z1) if hidden_slope_at_z else h * (1.0 - h)
    delta1 = (delta2 @ W2) * slope1
    return delta1.T @ x, delta1.sum(axis=0), delta2.T @ h, delta2.sum(axis=0)


def mlp_backward_mean_over_outputs(x, t, W1, b1, W2, b2):  # type: ignore[no-untyped-def]
    """Wrong: ∂L/∂y = (y - t)/(n·o), as if L were a mean over all n·o entries; the contract divides by n only."""
    return _backward(x, t, W1, b1, W2, b2, scale=np.shape(x)[0] * np.shape(t)[1])


def mlp_backward_no_batch_mean(x, t, W1, b1, W2, b2):  # type: ignore[no-untyped-def]
    """Wrong: ∂L/∂y = y - t, the gradient of the summed loss; L divides by the batch size n."""
    return _backward(x, t, W1, b1, W2, b2, scale=1.0)


def mlp_backward_no_output_slope(x, t, W1, b1, W2, b2):  # type: ignore[no-untyped-def]
    """Wrong: δ2 = ∂L/∂y, skipping the output sigmoid's slope y(1 - y), as if the output were linear."""
    return _backward(x, t, W1, b1, W2, b2, scale=np.shape(x)[0], output_slope=False)


def mlp_backward_slope_at_preactivation(x, t, W1, b1, W2, b2):  # type: ignore[no-untyped-def]
    """Wrong: the hidden slope written z1(1 - z1) with the pre-activation z1, instead of h(1 - h), h = σ(z1)."""
    return _backward(x, t, W1, b1, W2, b2, scale=np.shape(x)[0], hidden_slope_at_z=True)


# ---- xor_network: each returns weights whose network computes something other than XOR -------


def xor_step_function_weights() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Wrong: the textbook step-unit solution (OR - AND - 0.5); with sigmoids σ(±0.5) is far from 0 or 1,
    and every output stays below 0.5 (the network says 0 everywhere)."""
    return np.array([[1.0, 1.0], [1.0, 1.0]]), np.array([-0.5, -1.5]), np.array([[1.0, -1.0]]), np.array([-0.5])


def xor_and_unit_added() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Wrong: hidden units OR and AND, but the output adds the AND unit instead of subtracting it:
    OR(OR, AND) = OR, which is 1 on (1, 1) too."""
    W1, b1 = np.array([[20.0, 20.0], [20.0, 20.0]]), np.array([-10.0, -30.0])  # OR, AND
    return W1, b1, np.array([[20.0, 20.0]]), np.array([-10.0])


def xor_output_inverted() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Wrong: hidden OR and NAND are right, but the output unit is NAND instead of AND: XNOR, XOR's negation."""
    W1, b1 = np.array([[20.0, 20.0], [-20.0, -20.0]]), np.array([-10.0, 30.0])  # OR, NAND
    return W1, b1, np.array([[-20.0, -20.0]]), np.array([30.0])


def xor_W1_in_out_layout() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Wrong: W1 designed for x @ W1 (columns = hidden units, (in, out)); mlp_forward computes x @ W1.T,
    so the hidden units become 20(x1 - x2) - 10 and 20(x1 - x2) + 30, and the network computes x1 AND NOT x2."""
    W1 = np.array([[20.0, -20.0], [20.0, -20.0]])  # columns: OR, NAND
    return W1, np.array([-10.0, 30.0]), np.array([[20.0, 20.0]]), np.array([-30.0])
