"""pca against an eigendecomposition of np.cov (components up to sign) and its defining properties."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from mlvc_reference.pca import pca


def _data(seed: int, n: int, d: int) -> np.ndarray:
    """n samples with well-separated variances along random directions, off-centre."""
    rng = np.random.default_rng(seed)
    r = min(n - 1, d)
    U, _ = np.linalg.qr(rng.normal(size=(n, r)))
    V, _ = np.linalg.qr(rng.normal(size=(d, d)))
    s = 3.0 * 1.5 ** -np.arange(r)  # s_1 > s_2 > ... (ratio 1.5)
    return (U * s) @ V[:, :r].T + rng.normal(size=d) * 5


shapes = st.tuples(st.integers(0, 2**32 - 1), st.integers(2, 12), st.integers(1, 6)).map(
    lambda t: (t[0], t[1], t[2], min(t[1] - 1, t[2]))
)


@given(shapes, st.data())
def test_pca_matches_the_covariance_eigenvectors_up_to_sign(params, data):
    seed, n, d, k_max = params
    k = data.draw(st.integers(1, k_max))
    X = _data(seed, n, d)
    before = X.copy()
    Z, W, mean = pca(X, k)
    vals, vecs = np.linalg.eigh(np.atleast_2d(np.cov(X, rowvar=False)))
    order = np.argsort(vals)[::-1][:k]
    expected = vecs[:, order].T  # (k, d), by decreasing variance
    signs = np.sign(np.sum(W * expected, axis=1))
    assert Z.shape == (n, k) and W.shape == (k, d) and mean.shape == (d,)
    np.testing.assert_allclose(W * signs[:, None], expected, atol=1e-9)
    np.testing.assert_allclose(mean, X.mean(axis=0), rtol=1e-12)
    np.testing.assert_allclose(Z, (X - X.mean(axis=0)) @ W.T, atol=1e-10)
    np.testing.assert_allclose(W @ W.T, np.eye(k), atol=1e-12)
    variances = Z.var(axis=0, ddof=1)
    np.testing.assert_allclose(variances, vals[order], rtol=1e-9)
    assert np.all(np.diff(variances) < 0)
    np.testing.assert_array_equal(X, before)


def test_full_rank_scores_reconstruct_the_data():
    X = _data(3, 9, 4)
    Z, W, mean = pca(X, 4)
    np.testing.assert_allclose(Z @ W + mean, X, atol=1e-10)
