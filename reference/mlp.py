"""A two-layer perceptron with sigmoid units, its backward pass, and XOR (lecture: SGD + MLPs).

The course's network, with batches as rows and W in the `nn.Linear` layout (out, in):

    h = σ(x W1^T + b1)        y = σ(h W2^T + b2)

trained on the squared error `L = ½ Σ_{i,k} (y_ik - t_ik)^2 / n` (summed over the
n·o outputs, divided by the batch size n only). The backward pass is the chain
of the course's blocks: the sigmoid's local slope σ(1 - σ) = y(1 - y), then the
linear layer's `dW = δ^T input`, `db = Σ_i δ_i`, `d input = δ W`.

XOR is not linearly separable, so no single layer computes it; one hidden
layer does: h1 = OR(x1, x2), h2 = NAND(x1, x2), y = AND(h1, h2). Sigmoid units
only approximate the logic gates, so the weights must be large enough that each
pre-activation is far from 0 (here |z| is about 10 or more, σ within about 5e-5 of 0 or 1).
"""

from __future__ import annotations

import numpy as np

from mlvc_reference.activations import sigmoid


def mlp_forward(x: np.ndarray, W1: np.ndarray, b1: np.ndarray, W2: np.ndarray, b2: np.ndarray) -> np.ndarray:
    """Forward pass of the 2-layer sigmoid MLP.

    Args:
        x: (n, d).
        W1: (h, d), b1: (h,) hidden layer.
        W2: (o, h), b2: (o,) output layer.

    Returns:
        y: (n, o), values in (0, 1).
    """
    x, W1, b1, W2, b2 = (np.asarray(a, dtype=np.float64) for a in (x, W1, b1, W2, b2))
    # h = σ(x W1^T + b1), (n, h)
    h = sigmoid(x @ W1.T + b1)
    # y = σ(h W2^T + b2), (n, o)
    return sigmoid(h @ W2.T + b2)


def mlp_backward(
    x: np.ndarray, t: np.ndarray, W1: np.ndarray, b1: np.ndarray, W2: np.ndarray, b2: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Gradients of `L = ½ Σ (y - t)^2 / n` with respect to the weights of `mlp_forward`.

    Args:
        x: (n, d); t: (n, o) targets.
        W1: (h, d), b1: (h,), W2: (o, h), b2: (o,).

    Returns:
        (dW1 (h, d), db1 (h,), dW2 (o, h), db2 (o,)), each the shape of its parameter.
    """
    x, t, W1, b1, W2, b2 = (np.asarray(a, dtype=np.float64) for a in (x, t, W1, b1, W2, b2))
    n = x.shape[0]
    h = sigmoid(x @ W1.T + b1)  # (n, h)
    y = sigmoid(h @ W2.T + b2)  # (n, o)
    # ∂L/∂y = (y - t) / n, (n, o)
    dy = (y - t) / n
    # δ2 = ∂L/∂z2 = ∂L/∂y · σ'(z2) = dy · y(1 - y), (n, o)
    delta2 = dy * y * (1.0 - y)
    # ∂L/∂W2 = δ2^T h, (o, n) @ (n, h) -> (o, h);  ∂L/∂b2 = Σ_i δ2_i, (o,)
    dW2 = delta2.T @ h
    db2 = delta2.sum(axis=0)
    # δ1 = ∂L/∂z1 = (δ2 W2) · h(1 - h), (n, o) @ (o, h) -> (n, h)
    delta1 = (delta2 @ W2) * h * (1.0 - h)
    # ∂L/∂W1 = δ1^T x, (h, n) @ (n, d) -> (h, d);  ∂L/∂b1 = Σ_i δ1_i, (h,)
    dW1 = delta1.T @ x
    db1 = delta1.sum(axis=0)
    return dW1, db1, dW2, db2


def xor_network() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Weights of a 2-2-1 `mlp_forward` network whose output is > 0.5 exactly on XOR's 1s.

    Returns:
        (W1 (2, 2), b1 (2,), W2 (1, 2), b2 (1,)).
    """
    # hidden unit 1: OR  = σ(20 x1 + 20 x2 - 10);  hidden unit 2: NAND = σ(-20 x1 - 20 x2 + 30)
    W1 = np.array([[20.0, 20.0], [-20.0, -20.0]])
    b1 = np.array([-10.0, 30.0])
    # output: AND(h1, h2) = σ(20 h1 + 20 h2 - 30);  OR ∧ NAND = XOR
    W2 = np.array([[20.0, 20.0]])
    b2 = np.array([-30.0])
    return W1, b1, W2, b2
