"""k-nearest-neighbour classification (lecture: images as points, nearest neighbours).

A test point takes the majority label of its k nearest training points under
the Euclidean distance `d(x, x') = sqrt(Σ_j (x_j - x'_j)^2)`. Two rules make
the answer unique: among training points at equal distance the lower index
comes first (a stable sort), and a tied vote goes to the smallest label.
Squared distances are computed from explicit differences, not from the
expansion `||a||² - 2 a·b + ||b||²`, whose rounding can turn an exact tie into
an accidental order.
"""

from __future__ import annotations

import numpy as np


def knn_predict(X_train: np.ndarray, y_train: np.ndarray, X_test: np.ndarray, k: int) -> np.ndarray:
    """Majority vote of the k nearest training points, for every test point.

    Args:
        X_train: (n, d).
        y_train: (n,) non-negative integer labels.
        X_test: (m, d).
        k: 1 <= k <= n.

    Returns:
        labels: (m,) integer array.
    """
    X_train = np.asarray(X_train, dtype=np.float64)
    X_test = np.asarray(X_test, dtype=np.float64)
    y_train = np.asarray(y_train).astype(np.int64)
    m = X_test.shape[0]
    # x_i - x'_j for every test i and training j: (m, n, d)
    diff = X_test[:, None, :] - X_train[None, :, :]
    # d(x_i, x'_j)^2 = Σ_d (x_i - x'_j)_d^2, (m, n); the square root does not change the order
    dist2 = np.einsum("mnd,mnd->mn", diff, diff)
    # the k nearest, equal distances in training order (stable sort): (m, k)
    nearest = np.argsort(dist2, axis=1, kind="stable")[:, :k]
    votes = y_train[nearest]  # (m, k) labels of the neighbours
    # counts[i, c] = #{neighbours of i with label c}, (m, C)
    counts = np.zeros((m, int(y_train.max()) + 1), dtype=np.int64)
    np.add.at(counts, (np.arange(m)[:, None], votes), 1)
    # argmax returns the first maximum: a tied vote goes to the smallest label
    return counts.argmax(axis=1)
