"""Principal component analysis (lecture: feature spaces and dimensionality reduction).

PCA centres the data and finds the orthonormal directions of largest variance:
the eigenvectors of the covariance `C = X_c^T X_c / (n - 1)` with the largest
eigenvalues, equivalently the first right singular vectors of the centred data
`X_c = U S V^T` (variance along v_j is s_j² / (n - 1)). Each component is
defined only up to its sign; the contract accepts either. The course notes use
`np.linalg.eig`, which neither sorts its eigenvalues nor promises real output
for a symmetric matrix; `eigh` (ascending order) or the SVD (descending) do.
"""

from __future__ import annotations

import operator

import numpy as np


def pca(X: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Project n samples onto their k principal components.

    Args:
        X: (n, d) data, one sample per row.  k: 1 <= k <= min(n - 1, d).

    Returns:
        (Z, components, mean): Z (n, k) scores, components (k, d) orthonormal rows by
        decreasing variance, mean (d,).
    """
    X = np.asarray(X, dtype=np.float64)
    k = operator.index(k)
    n, d = X.shape
    if not 1 <= k <= min(n - 1, d):
        raise ValueError(f"need 1 <= k <= min(n - 1, d) = {min(n - 1, d)}, got k={k}")
    # μ = (1/n) Σ_i x_i, (d,)
    mean = X.mean(axis=0)
    # X_c = X - μ, (n, d)
    X_c = X - mean
    # X_c = U S V^T with s_1 >= s_2 >= ...: the rows of V^T are the principal directions
    _, _, Vt = np.linalg.svd(X_c, full_matrices=False)  # Vt: (min(n, d), d)
    components = Vt[:k]  # (k, d)
    # Z = (X - μ) W^T with W = components, (n, k)
    Z = X_c @ components.T
    return Z, components, mean
