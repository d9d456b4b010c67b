"""2-D convolution layers (lecture: images, convolution and CNNs).

Output size: `O = floor((I + 2P - D(K-1) - 1) / S) + 1`. The notes write
`floor((I + 2P - K) / S) + 1`, which is the same formula for dilation D = 1.
Deep-learning "convolution" is cross-correlation: the kernel is not flipped,
exactly as in `torch.nn.functional.conv2d`.
"""

from __future__ import annotations

import operator

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def conv_output_size(I: int, K: int, P: int = 0, S: int = 1, D: int = 1) -> int:
    """Spatial output size of a convolution or pooling along one axis.

    Args:
        I: input size >= 1.  K: kernel size >= 1.  P: padding >= 0.
        S: stride >= 1.  D: dilation >= 1.

    Returns:
        O >= 1, a Python int.

    Raises:
        ValueError: on an argument out of range, or when the kernel does not fit (O < 1).
    """
    I, K, P, S, D = (operator.index(v) for v in (I, K, P, S, D))
    if min(I, K, S, D) < 1 or P < 0:
        raise ValueError(f"need I, K, S, D >= 1 and P >= 0, got I={I}, K={K}, P={P}, S={S}, D={D}")
    # effective kernel extent with dilation: D(K-1) + 1
    # O = floor((I + 2P - D(K-1) - 1) / S) + 1   (integer floor division, no float rounding)
    O = (I + 2 * P - D * (K - 1) - 1) // S + 1
    if O < 1:
        raise ValueError(f"kernel does not fit: output size would be {O} (I={I}, K={K}, P={P}, S={S}, D={D})")
    return int(O)


def _pair(v: int | tuple[int, int]) -> tuple[int, int]:
    """An int or an (h, w) pair, as a pair of ints."""
    if isinstance(v, (tuple, list)):
        return operator.index(v[0]), operator.index(v[1])
    return operator.index(v), operator.index(v)


def conv2d(
    x: np.ndarray,
    w: np.ndarray,
    b: np.ndarray | None = None,
    stride: int | tuple[int, int] = 1,
    padding: int | tuple[int, int] = 0,
) -> np.ndarray:
    """Multi-channel 2-D cross-correlation with zero padding.

    Args:
        x: (N, C, H, W) input.
        w: (F, C, KH, KW) filters.
        b: (F,) bias or None.
        stride: S, an int or (S_h, S_w).
        padding: P, an int or (P_h, P_w), zeros on every side.

    Returns:
        out: (N, F, H_out, W_out) with H_out = conv_output_size(H, KH, P_h, S_h).
    """
    x = np.asarray(x, dtype=np.float64)
    w = np.asarray(w, dtype=np.float64)
    (S_h, S_w), (P_h, P_w) = _pair(stride), _pair(padding)
    F, C, KH, KW = w.shape
    # zero padding on both sides of H and W, (N, C, H + 2P_h, W + 2P_w)
    x_pad = np.pad(x, ((0, 0), (0, 0), (P_h, P_h), (P_w, P_w)))
    # every KH x KW window, (N, C, H', W', KH, KW) with H' = H + 2P_h - KH + 1
    windows = sliding_window_view(x_pad, (KH, KW), axis=(2, 3))
    # keep every S-th window, (N, C, H_out, W_out, KH, KW)
    windows = windows[:, :, ::S_h, ::S_w]
    # out[n,f,i,j] = Σ_{c,u,v} x_pad[n, c, S i + u, S j + v] · w[f, c, u, v]   (no kernel flip)
    out = np.einsum("nchwuv,fcuv->nfhw", windows, w)  # (N, F, H_out, W_out)
    if b is not None:
        # + b_f, broadcast over (N, ·, H_out, W_out)
        out = out + np.asarray(b, dtype=np.float64)[None, :, None, None]
    return out
