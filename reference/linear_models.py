"""Least squares and ridge regression (lecture: optimization and linear models).

The course writes the closed forms `w* = (X^T X)^{-1} X^T y` and
`w* = (X^T X + λI)^{-1} X^T y`. We never form an explicit inverse: solving the
linear system (or `lstsq`) gives the same w with less rounding error.
Note the notes' slip in "广义线性回归": `(Φ^T Φ)^{-1} Φ y` lacks the transpose
on the last Φ; the correct form is `(Φ^T Φ)^{-1} Φ^T y`.
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
