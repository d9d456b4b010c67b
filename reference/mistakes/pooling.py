"""Known-wrong pooling layers (names and explanations: question_bank/03_cnn_code.yaml)."""

from __future__ import annotations

import math

import numpy as np

from mlvc_reference.pooling import avg_pool2d as _avg, max_pool2d as _max


def _ceil_windows(x: np.ndarray, k: int, S: int) -> list[list[np.ndarray]]:
    """Ceil mode: ceil((H - k) / S) + 1 starts per axis, keeping a last partial window that starts inside."""
    x = np.asarray(x, dtype=np.float64)
    H, W = x.shape[2:]
    rows = [S * i for i in range(math.ceil((H - k) / S) + 1) if S * i < H]
    cols = [S * j for j in range(math.ceil((W - k) / S) + 1) if S * j < W]
    return [[x[:, :, r : r + k, c : c + k] for c in cols] for r in rows]


def _stack(windows: list[list[np.ndarray]], reduce: str) -> np.ndarray:
    out = [[getattr(w, reduce)(axis=(2, 3)) for w in row] for row in windows]
    return np.stack([np.stack(row, axis=-1) for row in out], axis=-2)  # (N, C, H_out, W_out)


def max_pool2d_stride_one_default(x: np.ndarray, k: int, stride: int | None = None) -> np.ndarray:
    """Wrong: stride defaults to 1 (as for a convolution) instead of k; differs only when stride is None."""
    return _max(x, k, 1 if stride is None else stride)


def max_pool2d_ignores_stride(x: np.ndarray, k: int, stride: int | None = None) -> np.ndarray:
    """Wrong: always steps by k (non-overlapping windows), whatever stride is given."""
    return _max(x, k, k)


def max_pool2d_ceil_mode(x: np.ndarray, k: int, stride: int | None = None) -> np.ndarray:
    """Wrong: ceil mode, keeping the partial windows at the right and bottom borders."""
    return _stack(_ceil_windows(x, k, k if stride is None else stride), "max")


def avg_pool2d_stride_one_default(x: np.ndarray, k: int, stride: int | None = None) -> np.ndarray:
    """Wrong: stride defaults to 1 (as for a convolution) instead of k; differs only when stride is None."""
    return _avg(x, k, 1 if stride is None else stride)


def avg_pool2d_ignores_stride(x: np.ndarray, k: int, stride: int | None = None) -> np.ndarray:
    """Wrong: always steps by k (non-overlapping windows), whatever stride is given."""
    return _avg(x, k, k)


def avg_pool2d_ceil_mode(x: np.ndarray, k: int, stride: int | None = None) -> np.ndarray:
    """Wrong: ceil mode, averaging the partial border windows over the pixels they have."""
    return _stack(_ceil_windows(x, k, k if stride is None else stride), "mean")


def avg_pool2d_divides_by_k(x: np.ndarray, k: int, stride: int | None = None) -> np.ndarray:
    """Wrong: divides each window's sum by k instead of by its k² pixels."""
    return _avg(x, k, stride) * k
