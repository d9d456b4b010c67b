"""Image quality: PSNR, SSIM (global and windowed) and LPIPS on given features (lecture: loss functions).

Papers: Wang, Bovik, Sheikh & Simoncelli, "Image Quality Assessment: From Error
Visibility to Structural Similarity" (2004); Zhang et al., "The Unreasonable
Effectiveness of Deep Features as a Perceptual Metric" (2018).
SSIM = l · c · s with exponents 1 and C3 = C2 / 2 folds into
(2 μ_x μ_y + C1)(2 σ_xy + C2) / ((μ_x² + μ_y² + C1)(σ_x² + σ_y² + C2)).
The notes print the structure term as (2σ_xy + c)/(σ_x σ_y + c); the 2 belongs
to the contrast term only, else SSIM(x, x) would be 2.
"""

from __future__ import annotations

import numpy as np

K1, K2 = 0.01, 0.03  # SSIM's constants: C1 = (K1 R)^2, C2 = (K2 R)^2
SIGMA, RADIUS = 1.5, 5  # Gaussian window: radius int(3.5 σ + 0.5) = 5, i.e. 11 x 11
LPIPS_EPS = 1e-10


def psnr(x: np.ndarray, y: np.ndarray, data_range: float = 1.0) -> float:
    """Peak signal-to-noise ratio in dB.

    Args:
        x, y: images of the same shape.  data_range: R, the span of possible values.

    Returns:
        10 log10(R^2 / MSE); inf when x == y.
    """
    x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    # MSE = mean (x - y)^2
    mse = np.mean((x - y) ** 2)
    if mse == 0.0:
        return float("inf")
    # PSNR = 10 log10(R^2 / MSE)
    return float(10.0 * np.log10(data_range**2 / mse))


def _ssim_map(mu_x, mu_y, var_x, var_y, cov_xy, data_range: float) -> np.ndarray:
    """SSIM from (local) means, population variances and covariance, any shape."""
    C1, C2 = (K1 * data_range) ** 2, (K2 * data_range) ** 2
    # SSIM = (2 μ_x μ_y + C1)(2 σ_xy + C2) / ((μ_x² + μ_y² + C1)(σ_x² + σ_y² + C2))
    return (2 * mu_x * mu_y + C1) * (2 * cov_xy + C2) / ((mu_x**2 + mu_y**2 + C1) * (var_x + var_y + C2))


def ssim_global(x: np.ndarray, y: np.ndarray, data_range: float = 1.0) -> float:
    """SSIM with one window covering the whole image (population statistics).

    Args:
        x, y: images of the same shape.  data_range: R.

    Returns:
        l(x, y) c(x, y) s(x, y) with C1 = (0.01 R)^2, C2 = (0.03 R)^2, C3 = C2 / 2.
    """
    x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    mu_x, mu_y = x.mean(), y.mean()
    # σ_x² = mean (x - μ_x)², σ_xy = mean (x - μ_x)(y - μ_y)   (divide by n, not n - 1)
    var_x, var_y = np.mean((x - mu_x) ** 2), np.mean((y - mu_y) ** 2)
    cov_xy = np.mean((x - mu_x) * (y - mu_y))
    return float(_ssim_map(mu_x, mu_y, var_x, var_y, cov_xy, data_range))


def gaussian_window(sigma: float = SIGMA, radius: int = RADIUS) -> np.ndarray:
    """(2 radius + 1,) normalised 1-D Gaussian g_k ∝ exp(-k² / (2 σ²)), k = -radius..radius."""
    k = np.arange(-radius, radius + 1, dtype=np.float64)
    g = np.exp(-(k**2) / (2 * sigma**2))
    return g / g.sum()


def _filter_valid(img: np.ndarray, g: np.ndarray) -> np.ndarray:
    """Separable filtering of (H, W) by g ⊗ g, only where the window fits: (H - 2r, W - 2r)."""
    K = len(g)
    # rows: (H, W - K + 1, K) windows · g
    rows = np.lib.stride_tricks.sliding_window_view(img, K, axis=1) @ g
    # then columns: (H - K + 1, W - K + 1, K) windows · g
    return np.lib.stride_tricks.sliding_window_view(rows, K, axis=0) @ g


def ssim(x: np.ndarray, y: np.ndarray, data_range: float = 1.0) -> float:
    """Mean SSIM over 11 x 11 Gaussian windows (σ = 1.5), borders cropped.

    The same number as skimage's structural_similarity(x, y, data_range=R,
    gaussian_weights=True, sigma=1.5, use_sample_covariance=False).

    Args:
        x, y: (H, W) images, H, W >= 11.  data_range: R.

    Returns:
        mean over the (H - 10, W - 10) window centres of the local SSIM.
    """
    x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    g = gaussian_window()
    # local weighted moments, (H - 10, W - 10) each
    mu_x, mu_y = _filter_valid(x, g), _filter_valid(y, g)
    # σ_x² = E_w[x²] - μ_x², σ_xy = E_w[x y] - μ_x μ_y   (population statistics)
    var_x = _filter_valid(x * x, g) - mu_x**2
    var_y = _filter_valid(y * y, g) - mu_y**2
    cov_xy = _filter_valid(x * y, g) - mu_x * mu_y
    return float(np.mean(_ssim_map(mu_x, mu_y, var_x, var_y, cov_xy, data_range)))


def lpips_from_features(feats_x: list, feats_y: list, weights: list) -> float:
    """LPIPS distance from given features (the network is not part of the task).

    Args:
        feats_x, feats_y: lists of (C_l, H_l, W_l) feature maps, layer by layer.
        weights: list of (C_l,) non-negative channel weights w_l.

    Returns:
        d = Σ_l 1/(H_l W_l) Σ_{h,w} Σ_c w_l[c] (â - b̂)², where â = a / (‖a‖₂ + 1e-10)
        normalises each position's channel vector.
    """
    d = 0.0
    for a, b, w_l in zip(feats_x, feats_y, weights):
        a, b, w_l = (np.asarray(v, dtype=np.float64) for v in (a, b, w_l))
        # â = a / (‖a‖₂ + ε), the norm over channels at each position, (C, H, W)
        a_hat = a / (np.sqrt(np.sum(a**2, axis=0, keepdims=True)) + LPIPS_EPS)
        b_hat = b / (np.sqrt(np.sum(b**2, axis=0, keepdims=True)) + LPIPS_EPS)
        # Σ_c w_c (â - b̂)², (H, W)
        per_position = np.tensordot(w_l, (a_hat - b_hat) ** 2, axes=(0, 0))
        # mean over the H W positions
        d += float(np.mean(per_position))
    return d
