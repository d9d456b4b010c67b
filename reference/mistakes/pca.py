"""Known-wrong PCA implementations (names and explanations: question_bank/03_cnn_code.yaml)."""

from __future__ import annotations

import numpy as np


def _eigh(X: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """mean, eigenvalues (ascending) and eigenvectors (columns) of the covariance."""
    X = np.asarray(X, dtype=np.float64)
    mean = X.mean(axis=0)
    vals, vecs = np.linalg.eigh(np.cov(X - mean, rowvar=False).reshape(X.shape[1], X.shape[1]))
    return mean, vals, vecs


def pca_uncentred(X: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Wrong: SVD of X itself, never centred: the first direction points at the mean."""
    X = np.asarray(X, dtype=np.float64)
    _, _, Vt = np.linalg.svd(X, full_matrices=False)
    return X @ Vt[:k].T, Vt[:k], X.mean(axis=0)


def pca_smallest_variance(X: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Wrong: takes the first k eigenvectors of eigh, whose eigenvalues come in ascending order."""
    mean, _, vecs = _eigh(X)
    W = vecs[:, :k].T
    return (np.asarray(X, dtype=np.float64) - mean) @ W.T, W, mean


def pca_samples_centred(X: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Wrong: subtracts each sample's own mean (axis=1) instead of each feature's mean over the samples."""
    X = np.asarray(X, dtype=np.float64)
    mean = X.mean(axis=1)  # (n,): one mean per row
    X_c = X - mean[:, None]
    _, _, Vt = np.linalg.svd(X_c, full_matrices=False)
    return X_c @ Vt[:k].T, Vt[:k], mean


def pca_whitened(X: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Wrong: divides each score by the component's standard deviation (whitening)."""
    mean, vals, vecs = _eigh(X)
    order = np.argsort(vals)[::-1][:k]
    W = vecs[:, order].T
    return (np.asarray(X, dtype=np.float64) - mean) @ W.T / np.sqrt(vals[order]), W, mean
