"""Known wrong autoregressive pieces: PixelCNN masks in the wrong order, NLLs reduced or normalised wrongly."""

from __future__ import annotations

import numpy as np

from mlvc_reference.autoregressive import autoregressive_nll, pixelcnn_mask


def pixelcnn_mask_types_swapped(kernel_size: int, mask_type: str) -> np.ndarray:
    """Wrong: "A" keeps the centre and "B" hides it; the first layer (A) must not see the pixel it predicts."""
    return pixelcnn_mask(kernel_size, "B" if mask_type == "A" else "A")


def pixelcnn_mask_rows_above_only(kernel_size: int, mask_type: str) -> np.ndarray:
    """Wrong: only the rows above the centre (plus the centre for "B"); the pixels left of the
    centre in its own row come earlier in raster order and are visible too."""
    k = int(kernel_size)
    c = k // 2
    mask = np.zeros((k, k))
    mask[:c, :] = 1.0
    if mask_type == "B":
        mask[c, c] = 1.0
    return mask


def pixelcnn_mask_transposed(kernel_size: int, mask_type: str) -> np.ndarray:
    """Wrong: columns for rows: 1 left of the centre column and above the centre in its column
    (a column-major order); the raster order is row by row."""
    return pixelcnn_mask(kernel_size, mask_type).T.copy()


def pixelcnn_mask_triangular(kernel_size: int, mask_type: str) -> np.ndarray:
    """Wrong: a causal-attention triangle, np.tril (k = -1 for "A"), over kernel rows and columns;
    the mask orders pixels in raster order, not row index against column index."""
    k = int(kernel_size)
    return np.tril(np.ones((k, k)), k=-1 if mask_type == "A" else 0)


def _log_softmax_shifted(logits: np.ndarray, axis: int) -> np.ndarray:
    m = logits.max(axis=axis, keepdims=True)
    return logits - m - np.log(np.sum(np.exp(logits - m), axis=axis, keepdims=True))


def autoregressive_nll_mean(logits: np.ndarray, x: np.ndarray) -> float:
    """Wrong: averages over the T steps; log p(x) = Σ_t log p(x_t | x_{<t}) is a sum (same for T = 1)."""
    return autoregressive_nll(logits, x) / np.asarray(logits).shape[0]


def autoregressive_nll_softmax_over_time(logits: np.ndarray, x: np.ndarray) -> float:
    """Wrong: softmax over axis 0 (the steps) instead of the V values of each step."""
    logits = np.asarray(logits, dtype=np.float64)
    x = np.asarray(x).astype(np.int64)
    log_p = _log_softmax_shifted(logits, axis=0)
    return float(-np.sum(log_p[np.arange(len(x)), x]))


def autoregressive_nll_sign_flipped(logits: np.ndarray, x: np.ndarray) -> float:
    """Wrong: returns the log-likelihood Σ_t log p(x_t | x_{<t}) (≤ 0) instead of its negative."""
    return -autoregressive_nll(logits, x)


def autoregressive_nll_naive_softmax(logits: np.ndarray, x: np.ndarray) -> float:
    """Wrong (numerically): log(e^{l_x} / Σ_v e^{l_v}) without subtracting the maximum; e^{l}
    overflows to inf (or every term underflows to 0) for |l| in the thousands, giving nan or inf."""
    logits = np.asarray(logits, dtype=np.float64)
    x = np.asarray(x).astype(np.int64)
    with np.errstate(all="ignore"):
        e = np.exp(logits)
        p = e[np.arange(len(x)), x] / e.sum(axis=1)
        return float(-np.sum(np.log(p)))
