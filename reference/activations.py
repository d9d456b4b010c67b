"""Activations: the logistic sigmoid, softmax and the cross-entropy of a softmax
(lecture: linear models, multi-class and logistic regression, MLPs and backprop).

All are written in their numerically stable forms: `sigmoid` never evaluates
`exp` of a positive number, `softmax` subtracts the maximum before
exponentiating (softmax is invariant to adding a constant to every logit), and
`cross_entropy` works with log-probabilities through the log-sum-exp, never
taking the log of a probability that has underflowed to zero.
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


def cross_entropy(logits: np.ndarray, labels: np.ndarray) -> float:
    """Mean negative log-likelihood of the labels under softmax(logits), stable for |logits| up to 1e4.

    Args:
        logits: (n, C) class scores z.
        labels: (n,) integer class indices y_i in [0, C).

    Returns:
        L = -(1/n) Σ_i log softmax(z_i)[y_i], a float.
    """
    z = np.asarray(logits, dtype=np.float64)
    y = np.asarray(labels).astype(np.int64)
    n = z.shape[0]
    # shift by the row maximum m: every exponent is <= 0 and Σ_c e^{z_c - m} >= 1, (n, C)
    shifted = z - z.max(axis=1, keepdims=True)
    # log softmax(z)[y] = z_y - log Σ_c e^{z_c} = (z_y - m) - log Σ_c e^{z_c - m}, (n,)
    log_p = shifted[np.arange(n), y] - np.log(np.exp(shifted).sum(axis=1))
    # L = -(1/n) Σ_i log p_i
    return float(-log_p.mean())
