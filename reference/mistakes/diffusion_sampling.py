"""Known wrong diffusion sampling pieces: x̂_0 from a noise estimate, classifier-free guidance,
the sinusoidal time-step embedding.

Indices are 0-based in the contract (`alpha_bar[t]` is the paper's ᾱ_{t+1}).
"""

from __future__ import annotations

import numpy as np

from mlvc_reference.diffusion import x0_from_eps as _x0_from_eps


def _per_sample(v: np.ndarray, ndim: int) -> np.ndarray:
    return v.reshape(v.shape + (1,) * (ndim - v.ndim))


def _ab_t(alpha_bar: np.ndarray, t: np.ndarray, ndim: int) -> np.ndarray:
    return _per_sample(np.asarray(alpha_bar, dtype=np.float64)[np.asarray(t)], ndim)


def x0_from_eps_single_step_alpha(x_t: np.ndarray, t: np.ndarray, eps: np.ndarray, alpha_bar: np.ndarray) -> np.ndarray:
    """Wrong: one step's α_t = ᾱ_t / ᾱ_{t-1} where ᾱ_t is meant, the notes' typo carried into the
    inverse (same at t = 0 only)."""
    ab = np.asarray(alpha_bar, dtype=np.float64)
    alphas = ab / np.concatenate([[1.0], ab[:-1]])
    return _x0_from_eps(x_t, t, eps, alphas)


def x0_from_eps_one_based(x_t: np.ndarray, t: np.ndarray, eps: np.ndarray, alpha_bar: np.ndarray) -> np.ndarray:
    """Wrong: reads alpha_bar[t - 1] as if t were 1-based; t = 0 wraps to the last step."""
    return _x0_from_eps(x_t, np.asarray(t) - 1, eps, alpha_bar)


def x0_from_eps_no_square_roots(x_t: np.ndarray, t: np.ndarray, eps: np.ndarray, alpha_bar: np.ndarray) -> np.ndarray:
    """Wrong: (x_t - (1 - ᾱ_t) ε) / ᾱ_t; q_sample's coefficients are square roots, so are the inverse's."""
    x_t, eps = np.asarray(x_t, dtype=np.float64), np.asarray(eps, dtype=np.float64)
    ab_t = _ab_t(alpha_bar, t, x_t.ndim)
    return (x_t - (1.0 - ab_t) * eps) / ab_t


def x0_from_eps_times_sqrt(x_t: np.ndarray, t: np.ndarray, eps: np.ndarray, alpha_bar: np.ndarray) -> np.ndarray:
    """Wrong: multiplies by sqrt(ᾱ_t) instead of dividing: sqrt(ᾱ_t) (x_t - sqrt(1 - ᾱ_t) ε)."""
    x_t, eps = np.asarray(x_t, dtype=np.float64), np.asarray(eps, dtype=np.float64)
    ab_t = _ab_t(alpha_bar, t, x_t.ndim)
    return np.sqrt(ab_t) * (x_t - np.sqrt(1.0 - ab_t) * eps)


def x0_from_eps_noise_added(x_t: np.ndarray, t: np.ndarray, eps: np.ndarray, alpha_bar: np.ndarray) -> np.ndarray:
    """Wrong: adds the noise instead of removing it: (x_t + sqrt(1 - ᾱ_t) ε) / sqrt(ᾱ_t)."""
    return _x0_from_eps(x_t, t, -np.asarray(eps, dtype=np.float64), alpha_bar)


def cfg_combine_weights_swapped(eps_uncond: np.ndarray, eps_cond: np.ndarray, w: float) -> np.ndarray:
    """Wrong: w ε_uncond + (1 - w) ε_cond, the scale on the wrong prediction; w = 0 gives the
    conditional and w = 1 the unconditional prediction."""
    eps_uncond, eps_cond = np.asarray(eps_uncond, dtype=np.float64), np.asarray(eps_cond, dtype=np.float64)
    return w * eps_uncond + (1.0 - w) * eps_cond


def cfg_combine_from_cond(eps_uncond: np.ndarray, eps_cond: np.ndarray, w: float) -> np.ndarray:
    """Wrong (for this contract): ε_cond + w (ε_cond - ε_uncond), the (1 + w) convention of
    Ho & Salimans' paper, where w = 0 means plain conditional sampling."""
    eps_uncond, eps_cond = np.asarray(eps_uncond, dtype=np.float64), np.asarray(eps_cond, dtype=np.float64)
    return eps_cond + w * (eps_cond - eps_uncond)


def cfg_combine_difference_reversed(eps_uncond: np.ndarray, eps_cond: np.ndarray, w: float) -> np.ndarray:
    """Wrong: ε_uncond + w (ε_uncond - ε_cond), which steers away from the condition."""
    eps_uncond, eps_cond = np.asarray(eps_uncond, dtype=np.float64), np.asarray(eps_cond, dtype=np.float64)
    return eps_uncond + w * (eps_uncond - eps_cond)


def cfg_combine_no_difference(eps_uncond: np.ndarray, eps_cond: np.ndarray, w: float) -> np.ndarray:
    """Wrong: ε_uncond + w ε_cond, the scaled conditional prediction added without subtracting ε_uncond."""
    eps_uncond, eps_cond = np.asarray(eps_uncond, dtype=np.float64), np.asarray(eps_cond, dtype=np.float64)
    return eps_uncond + w * eps_cond


def _args(t: np.ndarray, dim: int, max_period: float, denominator: int | None = None) -> np.ndarray:
    """t ω_i, (n, dim // 2), with ω_i = max_period^{-i / denominator} (default: half)."""
    half = dim // 2
    freqs = np.exp(-np.log(max_period) * np.arange(half) / (denominator or half))
    return np.asarray(t, dtype=np.float64)[:, None] * freqs[None, :]


def timestep_embedding_sin_first(t: np.ndarray, dim: int, max_period: float = 10000) -> np.ndarray:
    """Wrong: [sin | cos] where the contract puts the cosines first, [cos | sin]."""
    args = _args(t, dim, max_period)
    return np.concatenate([np.sin(args), np.cos(args)], axis=-1)


def timestep_embedding_interleaved(t: np.ndarray, dim: int, max_period: float = 10000) -> np.ndarray:
    """Wrong: the Transformer's interleaved layout (sin at even, cos at odd columns) where the
    contract concatenates all cosines, then all sines."""
    args = _args(t, dim, max_period)
    emb = np.empty((args.shape[0], dim))
    emb[:, 0::2], emb[:, 1::2] = np.sin(args), np.cos(args)
    return emb


def timestep_embedding_exponent_over_dim(t: np.ndarray, dim: int, max_period: float = 10000) -> np.ndarray:
    """Wrong: ω_i = max_period^{-i / dim} with i = 0..half-1, half the exponent of the
    Transformer's 2i / d, so the frequencies only fall to about max_period^{-1/2}."""
    args = _args(t, dim, max_period, denominator=dim)
    return np.concatenate([np.cos(args), np.sin(args)], axis=-1)


def timestep_embedding_ignores_max_period(t: np.ndarray, dim: int, max_period: float = 10000) -> np.ndarray:
    """Wrong: the period 10000 hard-coded, whatever max_period says (right for the default only)."""
    args = _args(t, dim, 10000.0)
    return np.concatenate([np.cos(args), np.sin(args)], axis=-1)
