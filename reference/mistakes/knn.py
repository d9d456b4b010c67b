"""Known wrong versions of `knn_predict` (contract signature)."""

from __future__ import annotations

from collections import Counter

import numpy as np


def _sq_dist(X_train: np.ndarray, X_test: np.ndarray) -> np.ndarray:
    diff = np.asarray(X_test, dtype=np.float64)[:, None, :] - np.asarray(X_train, dtype=np.float64)[None, :, :]
    return (diff**2).sum(axis=2)  # (m, n)


def _vote_smallest(labels: np.ndarray) -> int:
    counts = np.bincount(labels)
    return int(counts.argmax())


def knn_float_labels(X_train: np.ndarray, y_train: np.ndarray, X_test: np.ndarray, k: int) -> np.ndarray:
    """Wrong: right labels in a float array (`np.zeros(m)` filled in a loop); labels must be integers."""
    y_train = np.asarray(y_train).astype(np.int64)
    d2 = _sq_dist(X_train, X_test)
    out = np.zeros(d2.shape[0])
    for i, row in enumerate(d2):
        out[i] = _vote_smallest(y_train[np.argsort(row, kind="stable")[:k]])
    return out


def knn_ties_by_label(X_train: np.ndarray, y_train: np.ndarray, X_test: np.ndarray, k: int) -> np.ndarray:
    """Wrong: among neighbours at equal distance the smaller label comes first, not the lower index."""
    y_train = np.asarray(y_train).astype(np.int64)
    out = []
    for row in _sq_dist(X_train, X_test):
        nearest = np.lexsort((y_train, row))[:k]  # sort by distance, then by label
        out.append(_vote_smallest(y_train[nearest]))
    return np.array(out, dtype=np.int64)


def knn_vote_tie_to_nearest(X_train: np.ndarray, y_train: np.ndarray, X_test: np.ndarray, k: int) -> np.ndarray:
    """Wrong: `Counter(votes).most_common(1)`: a tied vote goes to the label seen first (the nearest), not the smallest."""
    y_train = np.asarray(y_train).astype(np.int64)
    out = []
    for row in _sq_dist(X_train, X_test):
        votes = y_train[np.argsort(row, kind="stable")[:k]]
        out.append(Counter(votes.tolist()).most_common(1)[0][0])
    return np.array(out, dtype=np.int64)


def knn_manhattan(X_train: np.ndarray, y_train: np.ndarray, X_test: np.ndarray, k: int) -> np.ndarray:
    """Wrong: L1 (Manhattan) distance Σ|x_j - x'_j| instead of the Euclidean distance."""
    y_train = np.asarray(y_train).astype(np.int64)
    diff = np.asarray(X_test, dtype=np.float64)[:, None, :] - np.asarray(X_train, dtype=np.float64)[None, :, :]
    out = []
    for row in np.abs(diff).sum(axis=2):
        out.append(_vote_smallest(y_train[np.argsort(row, kind="stable")[:k]]))
    return np.array(out, dtype=np.int64)
