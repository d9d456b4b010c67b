"""Known wrong versions of `sigmoid` and `softmax` (contract signatures).

Each function reproduces one realistic student mistake, so the grader can name
it when a submission's outputs match.
"""

from __future__ import annotations

import numpy as np


def sigmoid_sign_flipped(x: np.ndarray) -> np.ndarray:
    """Wrong: `1 / (1 + e^{x})`, i.e. σ(-x); the sign in the exponent is lost."""
    return 1.0 / (1.0 + np.exp(np.asarray(x, dtype=np.float64)))


def sigmoid_is_tanh(x: np.ndarray) -> np.ndarray:
    """Wrong: uses tanh(x), which maps to (-1, 1) instead of (0, 1); tanh(x) = 2σ(2x) - 1."""
    return np.tanh(np.asarray(x, dtype=np.float64))


def sigmoid_returns_derivative(x: np.ndarray) -> np.ndarray:
    """Wrong: returns σ(x)(1 - σ(x)), the derivative, instead of σ(x)."""
    s = 1.0 / (1.0 + np.exp(-np.asarray(x, dtype=np.float64)))
    return s * (1.0 - s)


def softmax_wrong_axis(z: np.ndarray, axis: int = -1) -> np.ndarray:
    """Wrong: always normalises over axis 0 (columns of a batch), ignoring `axis`.

    Only observable for inputs with at least two axes (or when `axis` is not 0 for 1-D).
    """
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(z - z.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)


def softmax_unshifted_denominator(z: np.ndarray, axis: int = -1) -> np.ndarray:
    """Wrong: shifts the numerator by max z but sums the unshifted exponentials.

    Result is softmax(z) · e^{-max z}; rows no longer sum to one (unless max z = 0).
    """
    z = np.asarray(z, dtype=np.float64)
    m = z.max(axis=axis, keepdims=True)
    return np.exp(z - m) / np.exp(z).sum(axis=axis, keepdims=True)


def softmax_linear_normalisation(z: np.ndarray, axis: int = -1) -> np.ndarray:
    """Wrong: divides the logits by their sum, `z / Σ z`, with no exponential."""
    z = np.asarray(z, dtype=np.float64)
    return z / z.sum(axis=axis, keepdims=True)


def _log_softmax(z: np.ndarray) -> np.ndarray:
    """Stable log softmax of (n, C) logits along axis 1 (the mistakes below go wrong elsewhere)."""
    m = z.max(axis=1, keepdims=True)
    return z - m - np.log(np.exp(z - m).sum(axis=1, keepdims=True))


def cross_entropy_unstable(logits: np.ndarray, labels: np.ndarray) -> float:
    """Wrong: -log(e^{z_y} / Σ e^{z_c}) without subtracting the max: exp overflows to inf, giving nan."""
    z = np.asarray(logits, dtype=np.float64)
    y = np.asarray(labels).astype(np.int64)
    e = np.exp(z)
    p = e / e.sum(axis=1, keepdims=True)
    return float(-np.log(p[np.arange(len(y)), y]).mean())


def cross_entropy_summed(logits: np.ndarray, labels: np.ndarray) -> float:
    """Wrong: sums the per-sample losses over the batch instead of averaging them."""
    z = np.asarray(logits, dtype=np.float64)
    y = np.asarray(labels).astype(np.int64)
    return float(-_log_softmax(z)[np.arange(len(y)), y].sum())


def cross_entropy_mean_over_classes(logits: np.ndarray, labels: np.ndarray) -> float:
    """Wrong: `-np.mean(onehot * log_p)` averages over all n·C entries: the loss divided by C."""
    z = np.asarray(logits, dtype=np.float64)
    y = np.asarray(labels).astype(np.int64)
    onehot = np.eye(z.shape[1])[y]
    return float(-np.mean(onehot * _log_softmax(z)))


def cross_entropy_max_not_added_back(logits: np.ndarray, labels: np.ndarray) -> float:
    """Wrong: log p_y = z_y - log Σ e^{z_c - m}; the max m is subtracted inside the log but not from z_y."""
    z = np.asarray(logits, dtype=np.float64)
    y = np.asarray(labels).astype(np.int64)
    m = z.max(axis=1, keepdims=True)
    lse_shifted = np.log(np.exp(z - m).sum(axis=1))
    return float(-(z[np.arange(len(y)), y] - lse_shifted).mean())
