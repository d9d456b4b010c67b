"""Max and average pooling (lecture: images, convolution and CNNs — downsampling).

A pooling layer slides a k x k window with stride S over every channel on its
own and keeps the window's maximum or mean. As in `torch.nn.functional`'s
default (floor mode, no padding), a window must lie inside the image, so
`H_out = floor((H - k) / S) + 1`: a partial window at the right or bottom
border is dropped, never averaged over the pixels it has.
"""

from __future__ import annotations

import operator

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def _windows(x: np.ndarray, k: int, stride: int | None) -> np.ndarray:
    """Every k x k window at stride S (S = k when None), (N, C, H_out, W_out, k, k)."""
    k = operator.index(k)
    S = k if stride is None else operator.index(stride)
    x = np.asarray(x, dtype=np.float64)
    if k < 1 or S < 1 or k > min(x.shape[2:]):
        raise ValueError(f"need 1 <= k <= min(H, W) and stride >= 1, got k={k}, stride={S}, x {x.shape}")
    # all windows at stride 1, (N, C, H - k + 1, W - k + 1, k, k)
    windows = sliding_window_view(x, (k, k), axis=(2, 3))
    # keep every S-th start: floor((H - k) / S) + 1 of them along H, likewise W
    return windows[:, :, ::S, ::S]


def max_pool2d(x: np.ndarray, k: int, stride: int | None = None) -> np.ndarray:
    """k x k max pooling, no padding, floor mode.

    Args:
        x: (N, C, H, W) input, k <= min(H, W).
        k: window size.
        stride: S, defaults to k (non-overlapping windows).

    Returns:
        out: (N, C, H_out, W_out), H_out = floor((H - k) / S) + 1.
    """
    # out[n,c,i,j] = max_{u,v < k} x[n, c, S i + u, S j + v]
    return _windows(x, k, stride).max(axis=(4, 5))  # (N, C, H_out, W_out)


def avg_pool2d(x: np.ndarray, k: int, stride: int | None = None) -> np.ndarray:
    """k x k average pooling, no padding, floor mode.

    Args:
        x: (N, C, H, W) input, k <= min(H, W).
        k: window size.
        stride: S, defaults to k (non-overlapping windows).

    Returns:
        out: (N, C, H_out, W_out), H_out = floor((H - k) / S) + 1.
    """
    # out[n,c,i,j] = 1/k² Σ_{u,v < k} x[n, c, S i + u, S j + v]
    return _windows(x, k, stride).mean(axis=(4, 5))  # (N, C, H_out, W_out)
