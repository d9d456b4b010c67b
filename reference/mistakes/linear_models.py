"""Known wrong versions of `normal_equation` and `ridge_regression`."""

from __future__ import annotations

import numpy as np


def normal_equation_forgot_inverse(X: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Wrong: returns X^T y, dropping the (X^T X)^{-1} factor (only right for orthonormal columns)."""
    return np.asarray(X, dtype=np.float64).T @ np.asarray(y, dtype=np.float64)


def normal_equation_elementwise_inverse(X: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Wrong: `(X.T @ X) ** -1` inverts every entry instead of the matrix."""
    X = np.asarray(X, dtype=np.float64)
    return (X.T @ X) ** -1 @ (X.T @ np.asarray(y, dtype=np.float64))


def normal_equation_bias_column(X: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Wrong: appends a column of ones and returns d + 1 weights; the contract adds no bias."""
    X = np.asarray(X, dtype=np.float64)
    X1 = np.hstack([X, np.ones((X.shape[0], 1))])  # (n, d + 1)
    return np.linalg.lstsq(X1, np.asarray(y, dtype=np.float64), rcond=None)[0]


def _ridge(X: np.ndarray, y: np.ndarray, penalty: np.ndarray) -> np.ndarray:
    """Solve (X^T X + penalty) w = X^T y."""
    X = np.asarray(X, dtype=np.float64)
    return np.linalg.solve(X.T @ X + penalty, X.T @ np.asarray(y, dtype=np.float64))


def ridge_penalty_missing(X: np.ndarray, y: np.ndarray, lam: float) -> np.ndarray:
    """Wrong: ignores λ and returns plain least squares (observable only for λ > 0)."""
    return _ridge(X, y, np.zeros((X.shape[1], X.shape[1])))


def ridge_lam_squared(X: np.ndarray, y: np.ndarray, lam: float) -> np.ndarray:
    """Wrong: adds λ² I, confusing the penalty λ||w||² with (λ||w||)² (same as correct at λ = 0, 1)."""
    return _ridge(X, y, lam**2 * np.eye(X.shape[1]))


def ridge_penalty_on_all_entries(X: np.ndarray, y: np.ndarray, lam: float) -> np.ndarray:
    """Wrong: `X.T @ X + lam` adds λ to every entry of X^T X, not only the diagonal."""
    X = np.asarray(X, dtype=np.float64)
    return _ridge(X, y, np.full((X.shape[1], X.shape[1]), float(lam)))


def ridge_doubled_lambda(X: np.ndarray, y: np.ndarray, lam: float) -> np.ndarray:
    """Wrong: adds 2λ I, from differentiating ½||y - Xw||² + λ||w||² and mixing the two scalings."""
    return _ridge(X, y, 2.0 * lam * np.eye(X.shape[1]))


def _xy(P: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    P = np.asarray(P, dtype=np.float64)
    return P[:, 0], P[:, 1]


def polynomial_features_increasing_degree(P: np.ndarray) -> np.ndarray:
    """Wrong: columns [1, x, y, x², xy, y²], sklearn's PolynomialFeatures order, not the contract's."""
    x, y = _xy(P)
    return np.stack([np.ones_like(x), x, y, x * x, x * y, y * y], axis=1)


def polynomial_features_unpacked_rows(P: np.ndarray) -> np.ndarray:
    """Wrong: `x, y = P` unpacks the first two ROWS of P, not its columns (raises unless n = 2)."""
    x, y = np.asarray(P, dtype=np.float64)
    return np.stack([x * x, x * y, y * y, x, y, np.ones_like(x)], axis=1)


def polynomial_features_no_constant(P: np.ndarray) -> np.ndarray:
    """Wrong: (n, 5) without the column of ones, so the fitted surface has no constant term w6."""
    x, y = _xy(P)
    return np.stack([x * x, x * y, y * y, x, y], axis=1)


def polynomial_features_xy_swapped(P: np.ndarray) -> np.ndarray:
    """Wrong: reads column 0 as y and column 1 as x (image (row, col) order): [y², xy, x², y, x, 1]."""
    x, y = _xy(P)
    return np.stack([y * y, x * y, x * x, y, x, np.ones_like(x)], axis=1)
