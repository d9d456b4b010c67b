"""Least squares and ridge against torch.linalg.lstsq on well-conditioned problems;
quadratic features against NumPy's 2-D Vandermonde matrix."""

from __future__ import annotations

import numpy as np
import torch
from hypothesis import given
from hypothesis import strategies as st

from mlvc_reference.linear_models import normal_equation, polynomial_features, ridge_regression


def _problem(seed: int, n: int, d: int, k: int | None) -> tuple[np.ndarray, np.ndarray]:
    """X (n, d) with singular values in [1, 3], y (n,) or (n, k)."""
    rng = np.random.default_rng(seed)
    U, _ = np.linalg.qr(rng.normal(size=(n, d)))  # (n, d) orthonormal columns
    V, _ = np.linalg.qr(rng.normal(size=(d, d)))
    X = U @ np.diag(rng.uniform(1, 3, size=d)) @ V.T
    y = rng.normal(size=(n,) if k is None else (n, k))
    return X, y


shapes = st.tuples(st.integers(0, 2**32 - 1), st.integers(1, 5), st.integers(0, 4), st.sampled_from([None, 1, 3]))


@given(shapes)
def test_normal_equation_matches_torch_lstsq(params):
    seed, d, extra, k = params
    X, y = _problem(seed, d + extra, d, k)
    X0, y0 = X.copy(), y.copy()
    w = normal_equation(X, y)
    expected = torch.linalg.lstsq(torch.from_numpy(X), torch.from_numpy(y if k else y[:, None])).solution.numpy()
    assert w.shape == ((d,) if k is None else (d, k))
    np.testing.assert_allclose(w, expected if k else expected[:, 0], rtol=1e-8, atol=1e-10)
    np.testing.assert_array_equal(X, X0)
    np.testing.assert_array_equal(y, y0)


@given(shapes, st.floats(0.0, 10.0))
def test_ridge_matches_augmented_least_squares(params, lam):
    seed, d, extra, k = params
    X, y = _problem(seed, d + extra, d, k)
    X0, y0 = X.copy(), y.copy()
    w = ridge_regression(X, y, lam)
    # ||y - Xw||² + λ||w||² = ||[y; 0] - [X; sqrt(λ) I] w||²: ridge is least squares on an augmented system
    X_aug = np.vstack([X, np.sqrt(lam) * np.eye(d)])
    y_aug = np.concatenate([y, np.zeros((d,) + y.shape[1:])])
    expected = torch.linalg.lstsq(torch.from_numpy(X_aug), torch.from_numpy(y_aug.reshape(len(y_aug), -1))).solution
    np.testing.assert_allclose(w, expected.numpy().reshape(w.shape), rtol=1e-8, atol=1e-10)
    assert w.shape == ((d,) if k is None else (d, k))
    np.testing.assert_array_equal(X, X0)
    np.testing.assert_array_equal(y, y0)


def test_ridge_with_zero_lambda_is_least_squares_and_shrinks_otherwise():
    X, y = _problem(7, 12, 4, None)
    np.testing.assert_allclose(ridge_regression(X, y, 0.0), normal_equation(X, y), rtol=1e-10)
    norms = [np.linalg.norm(ridge_regression(X, y, lam)) for lam in (0.0, 1.0, 10.0, 100.0)]
    assert all(a > b for a, b in zip(norms, norms[1:]))


def test_normal_equation_recovers_exact_weights():
    X, _ = _problem(3, 10, 3, None)
    w_true = np.array([1.5, -2.0, 0.25])
    np.testing.assert_allclose(normal_equation(X, X @ w_true), w_true, rtol=1e-12)


@given(st.integers(0, 2**32 - 1), st.integers(1, 9), st.floats(0.1, 100.0))
def test_polynomial_features_match_numpy_polyvander2d(seed, n, scale):
    P = scale * np.random.default_rng(seed).normal(size=(n, 2))
    before = P.copy()
    Phi = polynomial_features(P)
    # polyvander2d(x, y, [2, 2])[:, 3*i + j] = x^i y^j
    V = np.polynomial.polynomial.polyvander2d(P[:, 0], P[:, 1], [2, 2])
    expected = V[:, [3 * 2 + 0, 3 * 1 + 1, 3 * 0 + 2, 3 * 1 + 0, 3 * 0 + 1, 0]]  # x², xy, y², x, y, 1
    assert Phi.shape == (n, 6)
    np.testing.assert_allclose(Phi, expected, rtol=1e-14, atol=0)
    np.testing.assert_array_equal(P, before)


def test_a_quadratic_surface_is_recovered_by_least_squares_on_the_features():
    rng = np.random.default_rng(4)
    P = rng.uniform(-2, 2, size=(30, 2))
    w_true = np.array([0.5, -1.0, 2.0, 0.25, -3.0, 1.5])  # z = 0.5x² - xy + 2y² + x/4 - 3y + 1.5
    x, y = P.T
    z = 0.5 * x**2 - x * y + 2 * y**2 + 0.25 * x - 3 * y + 1.5
    np.testing.assert_allclose(normal_equation(polynomial_features(P), z), w_true, rtol=1e-10, atol=1e-12)
