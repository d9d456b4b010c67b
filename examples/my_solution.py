"""An example submission for `mlvc-review grade examples/my_solution.py`.

Three tasks of the contract (spec/tasks.md), written as a student might: each
passes every check. Copy it, break something, and grade it again to see the
smallest failing input and, for a known mistake, its name.
"""

import numpy as np


def normal_equation(X, y):
    # solve X^T X w = X^T y rather than forming the inverse
    return np.linalg.solve(X.T @ X, X.T @ y)


def sigmoid_backward(x, dout):
    s = 1.0 / (1.0 + np.exp(-np.clip(x, -500, 500)))
    return dout * s * (1.0 - s)


def scaled_dot_product_attention(Q, K, V, mask=None):
    d = Q.shape[-1]
    scores = Q @ np.swapaxes(K, -1, -2) / np.sqrt(d)
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    scores = scores - scores.max(axis=-1, keepdims=True)
    weights = np.exp(scores)
    weights = weights / weights.sum(axis=-1, keepdims=True)
    return weights @ V, weights
