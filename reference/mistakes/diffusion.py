"""Known wrong DDPM pieces: schedule, ᾱ, forward sampling, loss and reverse step.

Indices are 0-based in the contract (`alpha_bar[t]` is the paper's ᾱ_{t+1}),
which is where several of these mistakes come from.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from mlvc_reference.diffusion import ddpm_reverse_step as _reverse
from mlvc_reference.diffusion import q_sample as _q_sample


def _per_sample(v: np.ndarray, ndim: int) -> np.ndarray:
    return v.reshape(v.shape + (1,) * (ndim - v.ndim))


def linear_beta_schedule_endpoint_excluded(T: int, beta_1: float = 1e-4, beta_T: float = 0.02) -> np.ndarray:
    """Wrong: `arange`-style spacing (β_T - β_1)/T that never reaches β_T (differs for T >= 2)."""
    return np.linspace(beta_1, beta_T, T, endpoint=False)


def linear_beta_schedule_one_based(T: int, beta_1: float = 1e-4, beta_T: float = 0.02) -> np.ndarray:
    """Wrong: builds T + 1 points for t = 0..T and drops the first, so the schedule starts above β_1."""
    return np.linspace(beta_1, beta_T, T + 1)[1:]


def linear_beta_schedule_returns_alphas(T: int, beta_1: float = 1e-4, beta_T: float = 0.02) -> np.ndarray:
    """Wrong: returns α_t = 1 - β_t instead of β_t."""
    return 1.0 - np.linspace(beta_1, beta_T, T)


def alpha_bar_cumprod_of_betas(betas: np.ndarray) -> np.ndarray:
    """Wrong: Π β_s instead of Π (1 - β_s); ᾱ is the product of the α's."""
    return np.cumprod(np.asarray(betas, dtype=np.float64))


def alpha_bar_not_cumulative(betas: np.ndarray) -> np.ndarray:
    """Wrong: returns α_t = 1 - β_t, the notes' slip of α_t for ᾱ_t (same at t = 0 only)."""
    return 1.0 - np.asarray(betas, dtype=np.float64)


def alpha_bar_exclusive(betas: np.ndarray) -> np.ndarray:
    """Wrong: exclusive product starting at 1 (ᾱ[t] = Π_{s<t}), an off-by-one from 1-based thinking."""
    ab = np.cumprod(1.0 - np.asarray(betas, dtype=np.float64))
    return np.concatenate([[1.0], ab[:-1]])


def q_sample_no_square_roots(
    x0: np.ndarray, t: np.ndarray, noise: np.ndarray, alpha_bar: np.ndarray
) -> np.ndarray:
    """Wrong: ᾱ_t x_0 + (1 - ᾱ_t) ε; the coefficients are the square roots (variances add, not stds)."""
    x0, noise = np.asarray(x0, dtype=np.float64), np.asarray(noise, dtype=np.float64)
    ab_t = _per_sample(np.asarray(alpha_bar, dtype=np.float64)[np.asarray(t)], x0.ndim)
    return ab_t * x0 + (1.0 - ab_t) * noise


def q_sample_one_based(
    x0: np.ndarray, t: np.ndarray, noise: np.ndarray, alpha_bar: np.ndarray
) -> np.ndarray:
    """Wrong: indexes alpha_bar[t - 1] as if t were 1-based; t = 0 silently wraps to the last step."""
    return _q_sample(x0, np.asarray(t) - 1, noise, alpha_bar)


def q_sample_single_step_alpha(
    x0: np.ndarray, t: np.ndarray, noise: np.ndarray, alpha_bar: np.ndarray
) -> np.ndarray:
    """Wrong: uses one step's α_t = ᾱ_t / ᾱ_{t-1} where ᾱ_t is meant, as the notes' typo
    "x_t = sqrt(α_t) x_0 + sqrt(1 - α_t) ε" does (same at t = 0 only)."""
    ab = np.asarray(alpha_bar, dtype=np.float64)
    # α_t = ᾱ_t / ᾱ_{t-1}, with ᾱ_{-1} = 1
    alphas = ab / np.concatenate([[1.0], ab[:-1]])
    return _q_sample(x0, t, noise, alphas)


def q_sample_sqrt_misplaced(
    x0: np.ndarray, t: np.ndarray, noise: np.ndarray, alpha_bar: np.ndarray
) -> np.ndarray:
    """Wrong: noise coefficient 1 - sqrt(ᾱ_t) instead of sqrt(1 - ᾱ_t)."""
    x0, noise = np.asarray(x0, dtype=np.float64), np.asarray(noise, dtype=np.float64)
    ab_t = _per_sample(np.asarray(alpha_bar, dtype=np.float64)[np.asarray(t)], x0.ndim)
    return np.sqrt(ab_t) * x0 + (1.0 - np.sqrt(ab_t)) * noise


def ddpm_simple_loss_target_x0(
    eps_model: Callable[[np.ndarray, np.ndarray], np.ndarray],
    x0: np.ndarray, t: np.ndarray, noise: np.ndarray, alpha_bar: np.ndarray,
) -> float:
    """Wrong: compares the noise prediction with x_0 instead of the noise ε that was added."""
    x_t = _q_sample(x0, t, noise, alpha_bar)
    return float(np.mean((np.asarray(eps_model(x_t, t)) - np.asarray(x0)) ** 2))


def ddpm_simple_loss_model_on_x0(
    eps_model: Callable[[np.ndarray, np.ndarray], np.ndarray],
    x0: np.ndarray, t: np.ndarray, noise: np.ndarray, alpha_bar: np.ndarray,
) -> float:
    """Wrong: feeds the clean x_0 to the model instead of the noised x_t."""
    return float(np.mean((np.asarray(eps_model(np.asarray(x0, dtype=np.float64), t)) - np.asarray(noise)) ** 2))


def ddpm_simple_loss_sum(
    eps_model: Callable[[np.ndarray, np.ndarray], np.ndarray],
    x0: np.ndarray, t: np.ndarray, noise: np.ndarray, alpha_bar: np.ndarray,
) -> float:
    """Wrong: sums the squared errors instead of averaging over all entries."""
    x_t = _q_sample(x0, t, noise, alpha_bar)
    return float(np.sum((np.asarray(eps_model(x_t, t)) - np.asarray(noise)) ** 2))


def ddpm_simple_loss_l1(
    eps_model: Callable[[np.ndarray, np.ndarray], np.ndarray],
    x0: np.ndarray, t: np.ndarray, noise: np.ndarray, alpha_bar: np.ndarray,
) -> float:
    """Wrong: mean absolute error; L_simple is the mean *squared* error."""
    x_t = _q_sample(x0, t, noise, alpha_bar)
    return float(np.mean(np.abs(np.asarray(eps_model(x_t, t)) - np.asarray(noise))))


def ddpm_reverse_step_noise_at_t0(
    x_t: np.ndarray, t: int, eps_pred: np.ndarray, betas: np.ndarray, alpha_bar: np.ndarray, z: np.ndarray
) -> np.ndarray:
    """Wrong: adds sqrt(β_t) z also at the final step t == 0 (only differs there)."""
    mu = _reverse(x_t, t, eps_pred, betas, alpha_bar, np.zeros_like(np.asarray(z, dtype=np.float64)))
    return mu + np.sqrt(betas[t]) * np.asarray(z, dtype=np.float64)


def ddpm_reverse_step_sqrt_alpha_bar(
    x_t: np.ndarray, t: int, eps_pred: np.ndarray, betas: np.ndarray, alpha_bar: np.ndarray, z: np.ndarray
) -> np.ndarray:
    """Wrong: divides by sqrt(ᾱ_t) instead of sqrt(α_t) = sqrt(1 - β_t) (same at t == 0, where ᾱ = α)."""
    x_t, eps_pred, z = (np.asarray(a, dtype=np.float64) for a in (x_t, eps_pred, z))
    mu = (x_t - betas[t] / np.sqrt(1.0 - alpha_bar[t]) * eps_pred) / np.sqrt(alpha_bar[t])
    return mu if t == 0 else mu + np.sqrt(betas[t]) * z


def ddpm_reverse_step_beta_as_std(
    x_t: np.ndarray, t: int, eps_pred: np.ndarray, betas: np.ndarray, alpha_bar: np.ndarray, z: np.ndarray
) -> np.ndarray:
    """Wrong: adds β_t z; β_t is the variance, so the noise scale is sqrt(β_t) (differs for t > 0)."""
    mu = _reverse(x_t, t, eps_pred, betas, alpha_bar, z if t == 0 else np.zeros_like(np.asarray(z)))
    return mu if t == 0 else mu + betas[t] * np.asarray(z, dtype=np.float64)


def ddpm_reverse_step_one_based(
    x_t: np.ndarray, t: int, eps_pred: np.ndarray, betas: np.ndarray, alpha_bar: np.ndarray, z: np.ndarray
) -> np.ndarray:
    """Wrong: reads betas[t - 1] and alpha_bar[t - 1] as if t were 1-based (t = 0 wraps to T - 1)."""
    x_t, eps_pred, z = (np.asarray(a, dtype=np.float64) for a in (x_t, eps_pred, z))
    beta, ab = betas[t - 1], alpha_bar[t - 1]
    mu = (x_t - beta / np.sqrt(1.0 - ab) * eps_pred) / np.sqrt(1.0 - beta)
    return mu if t == 0 else mu + np.sqrt(beta) * z


def ddpm_reverse_step_eps_added(
    x_t: np.ndarray, t: int, eps_pred: np.ndarray, betas: np.ndarray, alpha_bar: np.ndarray, z: np.ndarray
) -> np.ndarray:
    """Wrong: adds the predicted noise instead of removing it (sign error in μ_θ)."""
    return _reverse(x_t, t, -np.asarray(eps_pred, dtype=np.float64), betas, alpha_bar, z)


def ddpm_reverse_step_posterior_variance(
    x_t: np.ndarray, t: int, eps_pred: np.ndarray, betas: np.ndarray, alpha_bar: np.ndarray, z: np.ndarray
) -> np.ndarray:
    """Wrong for the contract: σ_t² = β̃_t = (1 - ᾱ_{t-1}) / (1 - ᾱ_t) β_t, the paper's other choice (the
    posterior variance, used by popular tutorials), where the contract fixes σ_t² = β_t (differs for t > 0)."""
    mu = _reverse(x_t, t, eps_pred, betas, alpha_bar, np.zeros_like(np.asarray(x_t, dtype=np.float64)))
    if t == 0:
        return mu
    # β̃_t = (1 - ᾱ_{t-1}) / (1 - ᾱ_t) · β_t
    beta_tilde = (1.0 - alpha_bar[t - 1]) / (1.0 - alpha_bar[t]) * betas[t]
    return mu + np.sqrt(beta_tilde) * z
