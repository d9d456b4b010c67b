"""Known-wrong Gaussian kernels, filters and Sobel operators (explanations: question_bank/03_cnn_code.yaml)."""

from __future__ import annotations

import numpy as np

from mlvc_reference.filtering import SOBEL_X, filter2d as _filter2d


def _offsets(size: int) -> tuple[np.ndarray, np.ndarray]:
    d = np.arange(size, dtype=np.float64) - size // 2
    return d[:, None], d[None, :]


def gaussian_kernel_unnormalised(size: int, sigma: float) -> np.ndarray:
    """Wrong: exp(-r²/(2σ²)) with a peak of 1, never divided by its sum."""
    di, dj = _offsets(size)
    return np.exp(-(di**2 + dj**2) / (2.0 * sigma**2))


def gaussian_kernel_continuous_normaliser(size: int, sigma: float) -> np.ndarray:
    """Wrong: the density's 1/(2πσ²) in front instead of dividing by the sampled kernel's sum."""
    di, dj = _offsets(size)
    return np.exp(-(di**2 + dj**2) / (2.0 * sigma**2)) / (2.0 * np.pi * sigma**2)


def gaussian_kernel_sigma_as_variance(size: int, sigma: float) -> np.ndarray:
    """Wrong: exp(-r²/(2σ)), treating sigma as the variance (right only for sigma = 1)."""
    di, dj = _offsets(size)
    k = np.exp(-(di**2 + dj**2) / (2.0 * sigma))
    return k / k.sum()


def gaussian_kernel_centre_off_by_half(size: int, sigma: float) -> np.ndarray:
    """Wrong: centre c = size / 2 (true division) instead of size // 2, shifting the peak by half a pixel."""
    d = np.arange(size, dtype=np.float64) - size / 2
    k = np.exp(-(d[:, None] ** 2 + d[None, :] ** 2) / (2.0 * sigma**2))
    return k / k.sum()


def filter2d_flipped_kernel(img: np.ndarray, kernel: np.ndarray, border: str = "reflect") -> np.ndarray:
    """Wrong: true convolution, the kernel flipped in both axes."""
    return _filter2d(img, np.asarray(kernel, dtype=np.float64)[::-1, ::-1], border)


def filter2d_zero_padding(img: np.ndarray, kernel: np.ndarray, border: str = "reflect") -> np.ndarray:
    """Wrong: always pads with zeros, whatever border is asked for."""
    return _filter2d(img, kernel, "constant")


def filter2d_scipy_border_names(img: np.ndarray, kernel: np.ndarray, border: str = "reflect") -> np.ndarray:
    """Wrong: "reflect" and "symmetric" swapped (SciPy's "reflect" is NumPy's "symmetric")."""
    swap = {"reflect": "symmetric", "symmetric": "reflect"}
    return _filter2d(img, kernel, swap.get(border, border))


def filter2d_square_padding(img: np.ndarray, kernel: np.ndarray, border: str = "reflect") -> np.ndarray:
    """Wrong: pads kh//2 on both axes (as for a square kernel); wrong for kh != kw."""
    img, kernel = np.asarray(img, dtype=np.float64), np.asarray(kernel, dtype=np.float64)
    kh, kw = kernel.shape
    p = kh // 2
    padded = np.pad(img, p, mode=border)
    H, W = padded.shape[0] - kh + 1, padded.shape[1] - kw + 1
    out = np.zeros((H, W))
    for u in range(kh):
        for v in range(kw):
            out += kernel[u, v] * padded[u : u + H, v : v + W]
    return out


def sobel_wrong_sign(img: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Wrong: convolution instead of correlation: the flipped kernels give -gx and -gy."""
    return _filter2d(img, SOBEL_X[::-1, ::-1], "edge"), _filter2d(img, SOBEL_X.T[::-1, ::-1], "edge")


def sobel_swapped(img: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Wrong: returns (gy, gx): the x kernel is applied for gy and its transpose for gx."""
    return _filter2d(img, SOBEL_X.T, "edge"), _filter2d(img, SOBEL_X, "edge")


def sobel_zero_border(img: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Wrong: zero padding, which puts fake edges along the image border."""
    return _filter2d(img, SOBEL_X, "constant"), _filter2d(img, SOBEL_X.T, "constant")


def sobel_prewitt(img: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Wrong: Prewitt weights [-1, 0, 1] in every row, without Sobel's 2 in the centre row."""
    prewitt = np.array([[-1.0, 0.0, 1.0]] * 3)
    return _filter2d(img, prewitt, "edge"), _filter2d(img, prewitt.T, "edge")
