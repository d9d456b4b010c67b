"""Known wrong `conv_output_size` and `conv2d` implementations."""

from __future__ import annotations

import math

import numpy as np

from mlvc_reference.convolution import conv2d as _conv2d


def conv_output_size_ignores_dilation(I: int, K: int, P: int = 0, S: int = 1, D: int = 1) -> int:
    """Wrong: floor((I + 2P - K) / S) + 1, the notes' formula, which ignores D (differs only when D > 1)."""
    return (I + 2 * P - K) // S + 1


def conv_output_size_padding_once(I: int, K: int, P: int = 0, S: int = 1, D: int = 1) -> int:
    """Wrong: counts the padding on one side only, I + P instead of I + 2P (differs only when P > 0)."""
    return (I + P - D * (K - 1) - 1) // S + 1


def conv_output_size_ceil(I: int, K: int, P: int = 0, S: int = 1, D: int = 1) -> int:
    """Wrong: rounds up (ceil) instead of down; differs when S does not divide I + 2P - D(K-1) - 1."""
    return math.ceil((I + 2 * P - D * (K - 1) - 1) / S) + 1


def conv_output_size_no_floor(I: int, K: int, P: int = 0, S: int = 1, D: int = 1) -> float:
    """Wrong: true division without the floor, returning a float (a fractional size when S does not divide)."""
    return (I + 2 * P - D * (K - 1) - 1) / S + 1


def conv2d_flipped_kernel(
    x: np.ndarray, w: np.ndarray, b: np.ndarray | None = None, stride: int = 1, padding: int = 0
) -> np.ndarray:
    """Wrong: true (mathematical) convolution, flipping the kernel; CNN layers use cross-correlation."""
    return _conv2d(x, np.asarray(w, dtype=np.float64)[:, :, ::-1, ::-1], b, stride, padding)


def conv2d_ignores_bias(
    x: np.ndarray, w: np.ndarray, b: np.ndarray | None = None, stride: int = 1, padding: int = 0
) -> np.ndarray:
    """Wrong: never adds the bias (observable only when b is given and non-zero)."""
    return _conv2d(x, w, None, stride, padding)


def conv2d_ignores_padding(
    x: np.ndarray, w: np.ndarray, b: np.ndarray | None = None, stride: int = 1, padding: int = 0
) -> np.ndarray:
    """Wrong: never pads ("valid" convolution); the output is too small when padding > 0."""
    return _conv2d(x, w, b, stride, 0)


def conv2d_edge_padding(
    x: np.ndarray, w: np.ndarray, b: np.ndarray | None = None, stride: int = 1, padding: int = 0
) -> np.ndarray:
    """Wrong: pads by repeating the border pixels instead of zeros (differs when padding > 0)."""
    x = np.asarray(x, dtype=np.float64)
    p = padding if isinstance(padding, (tuple, list)) else (padding, padding)
    x_pad = np.pad(x, ((0, 0), (0, 0), (p[0], p[0]), (p[1], p[1])), mode="edge")
    return _conv2d(x_pad, w, b, stride, 0)
