"""Linear image filtering: the Gaussian kernel, 2-D correlation with border modes, Sobel
(lecture: images, convolution and CNNs — filtering, edge detection, border handling).

`filter2d` computes the correlation `out[i, j] = Σ_{u,v} pad[i + u, j + v] k[u, v]`
(the kernel is not flipped; for the symmetric Gaussian it makes no difference,
for Sobel it decides the sign). The border is extended exactly as `numpy.pad`
does: "constant" (zeros), "edge" (repeat: aaa|abcd), "reflect" (mirror without
repeating the edge pixel: dcb|abcd) or "symmetric" (mirror with it: dcba|abcd).
SciPy's `ndimage` names the last two "mirror" and "reflect": the same word means
different borders in the two libraries.
"""

from __future__ import annotations

import operator

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

BORDERS = ("constant", "edge", "reflect", "symmetric")

# Sobel x-derivative (responds to vertical edges); gy is its transpose
SOBEL_X = np.array([[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]])


def gaussian_kernel(size: int, sigma: float) -> np.ndarray:
    """Sampled, normalised 2-D Gaussian.

    Args:
        size: odd side length.  sigma: standard deviation in pixels, > 0.

    Returns:
        k: (size, size), sums to 1, centred at c = size // 2.
    """
    size = operator.index(size)
    if size < 1 or size % 2 == 0 or not sigma > 0:
        raise ValueError(f"need an odd size >= 1 and sigma > 0, got size={size}, sigma={sigma}")
    c = size // 2
    # offsets from the centre, i - c for i = 0..size-1, (size,)
    d = np.arange(size, dtype=np.float64) - c
    # k[i,j] ∝ exp(-((i-c)² + (j-c)²) / (2σ²)), (size, size)
    k = np.exp(-(d[:, None] ** 2 + d[None, :] ** 2) / (2.0 * sigma**2))
    # normalise: Σ_{i,j} k[i,j] = 1 (the sampled kernel, not 1/(2πσ²))
    return k / k.sum()


def filter2d(img: np.ndarray, kernel: np.ndarray, border: str = "reflect") -> np.ndarray:
    """2-D correlation of a single-channel image with an odd-sized kernel, same-size output.

    Args:
        img: (H, W).  kernel: (kh, kw), kh and kw odd.
        border: "constant", "edge", "reflect" or "symmetric" (numpy.pad's modes).

    Returns:
        out: (H, W).
    """
    img = np.asarray(img, dtype=np.float64)
    kernel = np.asarray(kernel, dtype=np.float64)
    kh, kw = kernel.shape
    if kh % 2 == 0 or kw % 2 == 0 or border not in BORDERS:
        raise ValueError(f"need odd kernel sides and a border in {BORDERS}, got {kernel.shape}, {border!r}")
    # pad kh//2 rows and kw//2 columns on each side, (H + kh - 1, W + kw - 1)
    padded = np.pad(img, ((kh // 2,) * 2, (kw // 2,) * 2), mode=border)
    # every kh x kw window, (H, W, kh, kw)
    windows = sliding_window_view(padded, (kh, kw))
    # out[i,j] = Σ_{u,v} padded[i + u, j + v] k[u, v]   (correlation: no flip)
    return np.einsum("hwuv,uv->hw", windows, kernel)


def sobel(img: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sobel gradients with the border repeated ("edge").

    Args:
        img: (H, W).

    Returns:
        (gx, gy): each (H, W); gx grows where intensity increases to the right (+j),
        gy where it increases downwards (+i).
    """
    # gx = img ⋆ [[-1,0,1],[-2,0,2],[-1,0,1]],  gy = img ⋆ its transpose   (⋆: correlation)
    gx = filter2d(img, SOBEL_X, "edge")
    gy = filter2d(img, SOBEL_X.T, "edge")
    return gx, gy
