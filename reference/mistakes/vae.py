"""Known wrong VAE pieces: σ from log σ², the KL term, the negative ELBO's reductions."""

from __future__ import annotations

import numpy as np

from mlvc_reference.vae import bce_with_logits, kl_standard_normal


def _f64(*arrays: np.ndarray) -> tuple[np.ndarray, ...]:
    return tuple(np.asarray(a, dtype=np.float64) for a in arrays)


def reparameterize_variance_as_std(mu: np.ndarray, logvar: np.ndarray, eps: np.ndarray) -> np.ndarray:
    """Wrong: μ + exp(logvar)·ε uses the variance σ² as the standard deviation; σ = exp(½ logvar)."""
    mu, logvar, eps = _f64(mu, logvar, eps)
    return mu + np.exp(logvar) * eps


def reparameterize_logvar_as_std(mu: np.ndarray, logvar: np.ndarray, eps: np.ndarray) -> np.ndarray:
    """Wrong: μ + logvar·ε treats the encoder's log-variance output as σ itself."""
    mu, logvar, eps = _f64(mu, logvar, eps)
    return mu + logvar * eps


def reparameterize_roles_swapped(mu: np.ndarray, logvar: np.ndarray, eps: np.ndarray) -> np.ndarray:
    """Wrong: μ·ε + σ, the notes' typo "y = μ x + σ"; the noise must be scaled by σ and shifted by μ."""
    mu, logvar, eps = _f64(mu, logvar, eps)
    return mu * eps + np.exp(0.5 * logvar)


def kl_missing_half(mu: np.ndarray, logvar: np.ndarray) -> np.ndarray:
    """Wrong: drops the factor ½, returning twice the KL."""
    mu, logvar = _f64(mu, logvar)
    return -np.sum(1.0 + logvar - mu**2 - np.exp(logvar), axis=-1)


def kl_mean_over_latent(mu: np.ndarray, logvar: np.ndarray) -> np.ndarray:
    """Wrong: averages over the latent dimensions instead of summing (same only when d_z = 1)."""
    mu, logvar = _f64(mu, logvar)
    return -0.5 * np.mean(1.0 + logvar - mu**2 - np.exp(logvar), axis=-1)


def kl_sign_flipped(mu: np.ndarray, logvar: np.ndarray) -> np.ndarray:
    """Wrong: drops the leading minus; the result is ≤ 0 although a KL divergence is ≥ 0."""
    mu, logvar = _f64(mu, logvar)
    return 0.5 * np.sum(1.0 + logvar - mu**2 - np.exp(logvar), axis=-1)


def kl_summed_over_batch(mu: np.ndarray, logvar: np.ndarray) -> float:
    """Wrong: sums over the batch too and returns one number instead of one KL per sample, (n,)."""
    mu, logvar = _f64(mu, logvar)
    return float(-0.5 * np.sum(1.0 + logvar - mu**2 - np.exp(logvar)))


def _recon(x: np.ndarray, x_logits: np.ndarray) -> np.ndarray:
    """Per-sample Σ_pixels BCE, (n,)."""
    return bce_with_logits(x_logits, x).reshape(x.shape[0], -1).sum(axis=1)


def negative_elbo_kl_summed_over_batch(
    x: np.ndarray, x_logits: np.ndarray, mu: np.ndarray, logvar: np.ndarray
) -> float:
    """Wrong: averages the reconstruction over the batch but sums the KL over it, over-weighting
    the KL n times (same only for a batch of one)."""
    x, x_logits = _f64(x, x_logits)
    return float(np.mean(_recon(x, x_logits)) + np.sum(kl_standard_normal(mu, logvar)))


def negative_elbo_bce_mean_over_pixels(
    x: np.ndarray, x_logits: np.ndarray, mu: np.ndarray, logvar: np.ndarray
) -> float:
    """Wrong: averages the BCE over the data dimensions (the default reduction of
    `F.binary_cross_entropy`) instead of summing; the KL then dominates."""
    x, x_logits = _f64(x, x_logits)
    bce = bce_with_logits(x_logits, x).reshape(x.shape[0], -1).mean(axis=1)
    return float(np.mean(bce + kl_standard_normal(mu, logvar)))


def negative_elbo_kl_subtracted(
    x: np.ndarray, x_logits: np.ndarray, mu: np.ndarray, logvar: np.ndarray
) -> float:
    """Wrong: reconstruction minus KL; the ELBO subtracts the KL, so its negative adds it."""
    x, x_logits = _f64(x, x_logits)
    return float(np.mean(_recon(x, x_logits) - kl_standard_normal(mu, logvar)))


def negative_elbo_naive_bce(
    x: np.ndarray, x_logits: np.ndarray, mu: np.ndarray, logvar: np.ndarray
) -> float:
    """Wrong (numerically): BCE as -[x log σ(l) + (1-x) log(1-σ(l))]; σ(l) rounds to exactly
    0 or 1 for |l| beyond about 37, giving inf or nan. Matches the reference for moderate logits."""
    x, x_logits = _f64(x, x_logits)
    with np.errstate(all="ignore"):
        p = 1.0 / (1.0 + np.exp(-x_logits))
        bce = -(x * np.log(p) + (1.0 - x) * np.log(1.0 - p))
    recon = bce.reshape(x.shape[0], -1).sum(axis=1)
    return float(np.mean(recon + kl_standard_normal(mu, logvar)))
