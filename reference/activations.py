"""Activations: the logistic sigmoid and softmax (lecture: linear models, MLPs and backprop).

Both are written in their numerically stable forms: `sigmoid` never evaluates
`exp` of a positive number, and `softmax` subtracts the maximum before
exponentiating (softmax is invariant to adding a constant to every logit).
"""

from __future__ import annotations

import numpy as np


def sigmoid(x: np.ndarray) -> np.ndarray:
    """Logistic sigmoid, finite and exact for any finite x.

    Args:
        x: any shape.

    Returns:
        s, x's shape, values in [0, 1].
    """
    x = np.asarray(x, dtype=np.float64)
    # e^{-|x|} is in (0, 1], so nothing overflows
    e = np.exp(-np.abs(x))
    # σ(x) = 1 / (1 + e^{-x}) for x >= 0,  σ(x) = e^{x} / (1 + e^{x}) for x < 0
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def softmax(z: np.ndarray, axis: int = -1) -> np.ndarray:
    """Softmax along `axis`, stable for |z| up to at least 1e4.

    Args:
        z: logits, any shape.
        axis: the axis that sums to one.

    Returns:
        p, z's shape, non-negative, summing to 1 along `axis`.
    """
    z = np.asarray(z, dtype=np.float64)
    # softmax(z) = softmax(z - max z): the largest exponent becomes e^0 = 1
    shifted = z - np.max(z, axis=axis, keepdims=True)
    e = np.exp(shifted)
    # p_c = e^{z_c} / Σ_{c'} e^{z_{c'}}
    return e / np.sum(e, axis=axis, keepdims=True)
