"""Known wrong volume renderings: transmittance, opacity and the sample spacing."""

from __future__ import annotations

import numpy as np


def _f64(*arrays: np.ndarray) -> tuple[np.ndarray, ...]:
    return tuple(np.asarray(a, dtype=np.float64) for a in arrays)


def _composite(weights: np.ndarray, rgb: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return np.einsum("rn,rnc->rc", weights, rgb), weights


def _exclusive_T(tau: np.ndarray) -> np.ndarray:
    """exp(-Σ_{j<i} τ_j), (R, N)."""
    return np.exp(-np.concatenate([np.zeros_like(tau[:, :1]), np.cumsum(tau, axis=1)[:, :-1]], axis=1))


def volume_render_transmittance_inclusive(
    sigma: np.ndarray, rgb: np.ndarray, deltas: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Wrong: T_i = exp(-Σ_{j<=i} σ_j δ_j) includes the current sample, so each sample is dimmed by
    its own opacity twice; the sum runs over the samples before it, j < i (T_1 = 1)."""
    sigma, rgb, deltas = _f64(sigma, rgb, deltas)
    tau = sigma * deltas
    return _composite(np.exp(-np.cumsum(tau, axis=1)) * (1.0 - np.exp(-tau)), rgb)


def volume_render_linear_opacity(
    sigma: np.ndarray, rgb: np.ndarray, deltas: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Wrong: opacity σ_i δ_i instead of 1 - exp(-σ_i δ_i) (its first-order approximation, which
    exceeds 1 for dense samples)."""
    sigma, rgb, deltas = _f64(sigma, rgb, deltas)
    tau = sigma * deltas
    return _composite(_exclusive_T(tau) * tau, rgb)


def volume_render_deltas_ignored(
    sigma: np.ndarray, rgb: np.ndarray, deltas: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Wrong: σ_i used as the optical thickness, without the spacing δ_i (right only for unit spacing)."""
    sigma, rgb = _f64(sigma, rgb)
    return _composite(_exclusive_T(sigma) * (1.0 - np.exp(-sigma)), rgb)


def volume_render_no_transmittance(
    sigma: np.ndarray, rgb: np.ndarray, deltas: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Wrong: weights_i = 1 - exp(-σ_i δ_i) alone; without T_i, samples hidden behind opaque ones
    still add their colour."""
    sigma, rgb, deltas = _f64(sigma, rgb, deltas)
    return _composite(1.0 - np.exp(-sigma * deltas), rgb)
