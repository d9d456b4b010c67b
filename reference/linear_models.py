"""Least squares, ridge regression and quadratic features (lecture: optimization and linear models).

The course writes the closed forms `w* = (X^T X)^{-1} X^T y` and
`w* = (X^T X + λI)^{-1} X^T y`. We never form an explicit inverse: solving the
linear system (or `lstsq`) gives the same w with less rounding error.
Note the notes' slip in "广义线性回归": `(Φ^T Φ)^{-1} Φ y` lacks the transpose
on the last Φ; the correct form is `(Φ^T Φ)^{-1} Φ^T y`.
Polynomial fitting stays linear in w: the quadratic surface
`z = w1 x² + w2 xy + w3 y² + w4 x + w5 y + w6` is least squares on the features
`Φ(x, y) = [x², xy, y², x, y, 1]` (the iris coursework).
"""

from __future__ import annotations

import numpy as np


def normal_equation(X: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Least-squares weights `argmin_w ||y - X w||^2`, no bias column added.

    Args:
        X: (n, d), full column rank, n >= d.
        y: (n,) or (n, k) (one column per class for one-hot regression).

    Returns:
        w: (d,) or (d, k), matching y.
    """
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    # w* = (X^T X)^{-1} X^T y, computed by an orthogonal factorisation of X
    w, *_ = np.linalg.lstsq(X, y, rcond=None)
    return w


def ridge_regression(X: np.ndarray, y: np.ndarray, lam: float) -> np.ndarray:
    """Ridge regression; every weight is penalised (no bias column).

    Args:
        X: (n, d).
        y: (n,) or (n, k).
        lam: λ >= 0, weight of `λ ||w||^2` in the loss.

    Returns:
        w: (d,) or (d, k), matching y.
    """
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    d = X.shape[1]
    # X^T X + λ I, (d, d)
    A = X.T @ X + lam * np.eye(d)
    # w* = (X^T X + λ I)^{-1} X^T y
    return np.linalg.solve(A, X.T @ y)


def polynomial_features(P: np.ndarray) -> np.ndarray:
    """Quadratic features of 2-D points, in the course's column order.

    Args:
        P: (n, 2), columns x and y.

    Returns:
        Phi: (n, 6), columns [x², x·y, y², x, y, 1].
    """
    P = np.asarray(P, dtype=np.float64)
    x, y = P[:, 0], P[:, 1]  # (n,), (n,)
    # Φ(x, y) = [x², xy, y², x, y, 1], stacked as columns: (n, 6)
    return np.stack([x * x, x * y, y * y, x, y, np.ones_like(x)], axis=1)
