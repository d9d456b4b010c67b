"""Denoising diffusion probabilistic models (lecture: diffusion models).

Paper: Ho, Jain & Abbeel, "Denoising Diffusion Probabilistic Models" (2020).
Forward process `q(x_t | x_{t-1}) = N(sqrt(1 - β_t) x_{t-1}, β_t I)`; with
`α_t = 1 - β_t` and `ᾱ_t = Π_{s<=t} α_s` it has the closed form
`q(x_t | x_0) = N(sqrt(ᾱ_t) x_0, (1 - ᾱ_t) I)`.
The notes' slip: they write `x_t = sqrt(α_t) x_0 + sqrt(1 - α_t) ε` where the
cumulative ᾱ_t is meant; one step's α_t only relates x_t to x_{t-1}.
Indices are 0-based: `alpha_bar[t]` for t = 0..T-1 is the paper's ᾱ_{t+1}.
Sampling helpers: `x0_from_eps` inverts q(x_t | x_0) for a noise estimate;
`cfg_combine` is classifier-free guidance (Ho & Salimans, 2021); and
`timestep_embedding` is the sinusoidal time encoding fed to ε_θ (the
[cos | sin] layout of Nichol & Dhariwal's improved/guided diffusion code).
"""

from __future__ import annotations

from typing import Callable

import numpy as np


def linear_beta_schedule(T: int, beta_1: float = 1e-4, beta_T: float = 0.02) -> np.ndarray:
    """Linear noise schedule of Ho et al.

    Returns:
        betas: (T,), evenly spaced from beta_1 to beta_T, both ends included.
    """
    # β_t = β_1 + (t - 1)(β_T - β_1)/(T - 1),  t = 1..T
    return np.linspace(beta_1, beta_T, T, dtype=np.float64)


def alpha_bar(betas: np.ndarray) -> np.ndarray:
    """Cumulative signal fraction.

    Args:
        betas: (T,).

    Returns:
        ab: (T,), ab[t] = Π_{s<=t} (1 - betas[s]).
    """
    betas = np.asarray(betas, dtype=np.float64)
    # ᾱ_t = Π_{s=1}^{t} α_s,  α_s = 1 - β_s
    return np.cumprod(1.0 - betas)


def _per_sample(v: np.ndarray, ndim: int) -> np.ndarray:
    """(n,) -> (n, 1, ..., 1) with `ndim` axes, to broadcast over x's trailing axes."""
    return v.reshape(v.shape + (1,) * (ndim - v.ndim))


def q_sample(x0: np.ndarray, t: np.ndarray, noise: np.ndarray, alpha_bar: np.ndarray) -> np.ndarray:
    """Sample x_t ~ q(x_t | x_0) in one step.

    Args:
        x0: (n, ...) clean data.
        t: int (n,), 0-based time steps.
        noise: ε, x0's shape.
        alpha_bar: (T,) cumulative products ᾱ.

    Returns:
        x_t: x0's shape.
    """
    x0, noise = np.asarray(x0, dtype=np.float64), np.asarray(noise, dtype=np.float64)
    # ᾱ_t per sample, (n, 1, ..., 1)
    ab_t = _per_sample(np.asarray(alpha_bar, dtype=np.float64)[np.asarray(t)], x0.ndim)
    # x_t = sqrt(ᾱ_t) x_0 + sqrt(1 - ᾱ_t) ε   (ᾱ_t, not the notes' α_t)
    return np.sqrt(ab_t) * x0 + np.sqrt(1.0 - ab_t) * noise


def ddpm_simple_loss(
    eps_model: Callable[[np.ndarray, np.ndarray], np.ndarray],
    x0: np.ndarray,
    t: np.ndarray,
    noise: np.ndarray,
    alpha_bar: np.ndarray,
) -> float:
    """DDPM's simplified training loss for one batch.

    Args:
        eps_model: ε_θ, a callable (x_t, t) -> predicted noise of x_t's shape.
        x0, t, noise, alpha_bar: as in `q_sample`.

    Returns:
        mean over all entries of (ε_θ(x_t, t) - ε)², a float.
    """
    x_t = q_sample(x0, t, noise, alpha_bar)
    eps_theta = np.asarray(eps_model(x_t, t), dtype=np.float64)
    # L_simple = E ||ε - ε_θ(sqrt(ᾱ_t) x_0 + sqrt(1 - ᾱ_t) ε, t)||²
    return float(np.mean((eps_theta - np.asarray(noise, dtype=np.float64)) ** 2))


def ddpm_reverse_step(
    x_t: np.ndarray,
    t: int,
    eps_pred: np.ndarray,
    betas: np.ndarray,
    alpha_bar: np.ndarray,
    z: np.ndarray,
) -> np.ndarray:
    """One ancestral sampling step x_t -> x_{t-1} with σ_t² = β_t.

    Args:
        x_t: current sample, any shape.
        t: 0-based int time step.
        eps_pred: ε_θ(x_t, t), x_t's shape.
        betas, alpha_bar: (T,).
        z: fresh N(0, I) noise, x_t's shape (unused at t == 0).

    Returns:
        x_prev: x_t's shape.
    """
    x_t, eps_pred, z = (np.asarray(a, dtype=np.float64) for a in (x_t, eps_pred, z))
    beta_t, ab_t = float(betas[t]), float(alpha_bar[t])
    # μ_θ = (x_t - β_t / sqrt(1 - ᾱ_t) · ε_θ) / sqrt(α_t),   α_t = 1 - β_t
    mu = (x_t - beta_t / np.sqrt(1.0 - ab_t) * eps_pred) / np.sqrt(1.0 - beta_t)
    if t == 0:
        # the last step returns the mean: no noise is added to x_0
        return mu
    # x_{t-1} = μ_θ + σ_t z,  σ_t = sqrt(β_t)
    return mu + np.sqrt(beta_t) * z


def x0_from_eps(x_t: np.ndarray, t: np.ndarray, eps: np.ndarray, alpha_bar: np.ndarray) -> np.ndarray:
    """The clean sample implied by a noisy one and its noise: the inverse of `q_sample`.

    Args:
        x_t: (n, ...) noisy data.
        t: int (n,), 0-based time steps.
        eps: ε (true or predicted by ε_θ), x_t's shape.
        alpha_bar: (T,) cumulative products ᾱ.

    Returns:
        x0: x_t's shape.
    """
    x_t, eps = np.asarray(x_t, dtype=np.float64), np.asarray(eps, dtype=np.float64)
    # ᾱ_t per sample, (n, 1, ..., 1)
    ab_t = _per_sample(np.asarray(alpha_bar, dtype=np.float64)[np.asarray(t)], x_t.ndim)
    # x_t = sqrt(ᾱ_t) x_0 + sqrt(1 - ᾱ_t) ε  ⇒  x_0 = (x_t - sqrt(1 - ᾱ_t) ε) / sqrt(ᾱ_t)
    return (x_t - np.sqrt(1.0 - ab_t) * eps) / np.sqrt(ab_t)


def cfg_combine(eps_uncond: np.ndarray, eps_cond: np.ndarray, w: float) -> np.ndarray:
    """Classifier-free guidance (Ho & Salimans, 2021) of two noise predictions.

    Args:
        eps_uncond: ε_θ(x_t, ∅), any shape.
        eps_cond: ε_θ(x_t, y), the same shape.
        w: guidance scale; 0 gives the unconditional, 1 the conditional prediction.

    Returns:
        ε̃, the shape of the inputs.
    """
    eps_uncond, eps_cond = np.asarray(eps_uncond, dtype=np.float64), np.asarray(eps_cond, dtype=np.float64)
    # ε̃ = ε_θ(x_t, ∅) + w (ε_θ(x_t, y) - ε_θ(x_t, ∅)) = (1 - w) ε_θ(x_t, ∅) + w ε_θ(x_t, y)
    return eps_uncond + w * (eps_cond - eps_uncond)


def timestep_embedding(t: np.ndarray, dim: int, max_period: float = 10000) -> np.ndarray:
    """Sinusoidal embedding of diffusion time steps (the layout of Nichol & Dhariwal's guided diffusion).

    Args:
        t: (n,) time steps (ints, or floats).
        dim: even embedding width.
        max_period: the longest period, reached by the last frequency's limit.

    Returns:
        emb: (n, dim), the cosines of all frequencies first, then the sines.
    """
    t = np.asarray(t, dtype=np.float64)
    half = dim // 2
    # ω_i = max_period^{-i / half} = exp(-ln(max_period) i / half),  i = 0..half-1, (half,)
    freqs = np.exp(-np.log(max_period) * np.arange(half) / half)
    # t ω_i for every step and frequency, (n, half)
    args = t[:, None] * freqs[None, :]
    # emb = [cos(t ω_0..t ω_{half-1}), sin(t ω_0..t ω_{half-1})], (n, dim)
    return np.concatenate([np.cos(args), np.sin(args)], axis=-1)
