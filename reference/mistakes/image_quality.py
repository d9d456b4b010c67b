"""Known wrong PSNR, SSIM and LPIPS (names and explanations: question_bank/05_style_code.yaml)."""

from __future__ import annotations

import numpy as np

from mlvc_reference.image_quality import (
    K1,
    K2,
    LPIPS_EPS,
    RADIUS,
    _filter_valid,
    _ssim_map,
    gaussian_window,
    ssim_global,
)


def _sq_err(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    return (np.asarray(x, dtype=np.float64) - np.asarray(y, dtype=np.float64)) ** 2


def psnr_range_not_squared(x: np.ndarray, y: np.ndarray, data_range: float = 1.0) -> float:
    """Wrong: 10 log10(R / MSE); the peak power is R² (same as correct only when R = 1)."""
    mse = np.mean(_sq_err(x, y))
    return float("inf") if mse == 0 else float(10 * np.log10(data_range / mse))


def psnr_summed_error(x: np.ndarray, y: np.ndarray, data_range: float = 1.0) -> float:
    """Wrong: the squared errors summed, not averaged, so PSNR depends on the image size."""
    sse = np.sum(_sq_err(x, y))
    return float("inf") if sse == 0 else float(10 * np.log10(data_range**2 / sse))


def psnr_natural_log(x: np.ndarray, y: np.ndarray, data_range: float = 1.0) -> float:
    """Wrong: 10 ln(R² / MSE); decibels use log base 10."""
    mse = np.mean(_sq_err(x, y))
    return float("inf") if mse == 0 else float(10 * np.log(data_range**2 / mse))


def psnr_20log_without_root(x: np.ndarray, y: np.ndarray, data_range: float = 1.0) -> float:
    """Wrong: 20 log10(R / MSE); the 20·log10 form needs the root, 20 log10(R / sqrt(MSE))."""
    mse = np.mean(_sq_err(x, y))
    return float("inf") if mse == 0 else float(20 * np.log10(data_range / mse))


def _global_moments(x: np.ndarray, y: np.ndarray, ddof: int = 0) -> tuple[float, ...]:
    x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    n = x.size
    mu_x, mu_y = x.mean(), y.mean()
    var_x, var_y = np.sum((x - mu_x) ** 2) / (n - ddof), np.sum((y - mu_y) ** 2) / (n - ddof)
    return mu_x, mu_y, var_x, var_y, np.sum((x - mu_x) * (y - mu_y)) / (n - ddof)


def ssim_global_sample_covariance(x: np.ndarray, y: np.ndarray, data_range: float = 1.0) -> float:
    """Wrong: variances and covariance divided by n - 1 (np.cov's default) instead of n."""
    return float(_ssim_map(*_global_moments(x, y, ddof=1), data_range))


def ssim_global_notes_structure(x: np.ndarray, y: np.ndarray, data_range: float = 1.0) -> float:
    """Wrong: l · c · s with the notes' structure term s = (2 σ_xy + C3)/(σ_x σ_y + C3); SSIM(x, x) = 2."""
    mu_x, mu_y, var_x, var_y, cov = _global_moments(x, y)
    C1, C2 = (K1 * data_range) ** 2, (K2 * data_range) ** 2
    C3 = C2 / 2
    s_x, s_y = np.sqrt(var_x), np.sqrt(var_y)
    l = (2 * mu_x * mu_y + C1) / (mu_x**2 + mu_y**2 + C1)
    c = (2 * s_x * s_y + C2) / (var_x + var_y + C2)
    s = (2 * cov + C3) / (s_x * s_y + C3)
    return float(l * c * s)


def ssim_global_constants_unscaled(x: np.ndarray, y: np.ndarray, data_range: float = 1.0) -> float:
    """Wrong: C1 = 0.01², C2 = 0.03² whatever R is (same as correct only when R = 1)."""
    return ssim_global(x, y, 1.0)


def _ssim_windowed(x: np.ndarray, y: np.ndarray, data_range: float, g: np.ndarray, cov_norm: float = 1.0, pad: int = 0) -> float:
    x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    if pad:  # scipy.ndimage's 'reflect' is numpy's 'symmetric'
        x, y = np.pad(x, pad, mode="symmetric"), np.pad(y, pad, mode="symmetric")
    mu_x, mu_y = _filter_valid(x, g), _filter_valid(y, g)
    var_x = cov_norm * (_filter_valid(x * x, g) - mu_x**2)
    var_y = cov_norm * (_filter_valid(y * y, g) - mu_y**2)
    cov = cov_norm * (_filter_valid(x * y, g) - mu_x * mu_y)
    return float(np.mean(_ssim_map(mu_x, mu_y, var_x, var_y, cov, data_range)))


def ssim_sample_covariance(x: np.ndarray, y: np.ndarray, data_range: float = 1.0) -> float:
    """Wrong: local (co)variances scaled by N/(N - 1) with N = 121, skimage's default use_sample_covariance=True."""
    n = (2 * RADIUS + 1) ** 2
    return _ssim_windowed(x, y, data_range, gaussian_window(), cov_norm=n / (n - 1))


def ssim_uniform_window(x: np.ndarray, y: np.ndarray, data_range: float = 1.0) -> float:
    """Wrong: an 11 x 11 box window (every weight 1/121) instead of the Gaussian one."""
    K = 2 * RADIUS + 1
    return _ssim_windowed(x, y, data_range, np.full(K, 1.0 / K))


def ssim_borders_kept(x: np.ndarray, y: np.ndarray, data_range: float = 1.0) -> float:
    """Wrong: averages the SSIM map over every pixel, the 5-pixel border computed on reflected images."""
    return _ssim_windowed(x, y, data_range, gaussian_window(), pad=RADIUS)


def ssim_one_window(x: np.ndarray, y: np.ndarray, data_range: float = 1.0) -> float:
    """Wrong: one window over the whole image (that is ssim_global), not the mean of local SSIMs."""
    return ssim_global(x, y, data_range)


def _lpips(feats_x: list, feats_y: list, weights: list, *, normalise: bool = True, eps: float = LPIPS_EPS,
           w_squared: bool = False, reduce: str = "mean") -> float:
    d = 0.0
    for a, b, w in zip(feats_x, feats_y, weights):
        a, b, w = (np.asarray(v, dtype=np.float64) for v in (a, b, w))
        if normalise:
            a = a / (np.sqrt(np.sum(a**2, axis=0, keepdims=True)) + eps)
            b = b / (np.sqrt(np.sum(b**2, axis=0, keepdims=True)) + eps)
        per_position = np.tensordot(w**2 if w_squared else w, (a - b) ** 2, axes=(0, 0))
        d += float(np.mean(per_position) if reduce == "mean" else np.sum(per_position))
    return d


def lpips_not_normalised(feats_x: list, feats_y: list, weights: list) -> float:
    """Wrong: compares the raw features; LPIPS first scales each position's channel vector to unit length."""
    return _lpips(feats_x, feats_y, weights, normalise=False)


def lpips_weights_squared(feats_x: list, feats_y: list, weights: list) -> float:
    """Wrong: ‖w ⊙ (â - b̂)‖², the weight inside the square (w²), as the paper's notation suggests."""
    return _lpips(feats_x, feats_y, weights, w_squared=True)


def lpips_summed_positions(feats_x: list, feats_y: list, weights: list) -> float:
    """Wrong: sums over the H W positions instead of averaging, so larger layers weigh more."""
    return _lpips(feats_x, feats_y, weights, reduce="sum")


def lpips_no_eps(feats_x: list, feats_y: list, weights: list) -> float:
    """Wrong: a / ‖a‖ without the 1e-10, so an all-zero feature vector (a dead ReLU position) gives 0/0 = NaN."""
    with np.errstate(invalid="ignore", divide="ignore"):
        return _lpips(feats_x, feats_y, weights, eps=0.0)
