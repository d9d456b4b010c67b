"""Variational auto-encoder losses (lecture: generative models).

Paper: Kingma & Welling, "Auto-Encoding Variational Bayes" (2014).
`log p(x) >= E_{q(z|x)}[log p(x|z)] - KL(q(z|x) || p(z))`; we minimise the
negative ELBO with a Bernoulli decoder on logits and a diagonal Gaussian
encoder `q(z|x) = N(μ, diag σ²)`, `logvar = log σ²`. The notes' bullet
"y_i = μ_i * x_i + σ_i" swaps the roles of μ and σ: the sample is μ + σ ε.
"""

from __future__ import annotations

import numpy as np


def reparameterize(mu: np.ndarray, logvar: np.ndarray, eps: np.ndarray) -> np.ndarray:
    """Reparameterisation trick: a differentiable sample of N(μ, σ²).

    Args:
        mu, logvar, eps: the same shape, e.g. (n, d_z); eps ~ N(0, I).

    Returns:
        z, that shape.
    """
    mu, logvar, eps = (np.asarray(a, dtype=np.float64) for a in (mu, logvar, eps))
    # σ = exp(½ log σ²)
    sigma = np.exp(0.5 * logvar)
    # z = μ + σ ⊙ ε
    return mu + sigma * eps


def kl_standard_normal(mu: np.ndarray, logvar: np.ndarray) -> np.ndarray:
    """KL(N(μ, diag σ²) || N(0, I)) per sample.

    Args:
        mu, logvar: (n, d_z).

    Returns:
        kl: (n,), summed over the latent dimensions.
    """
    mu, logvar = np.asarray(mu, dtype=np.float64), np.asarray(logvar, dtype=np.float64)
    # KL = -½ Σ_j (1 + log σ_j² - μ_j² - σ_j²)
    return -0.5 * np.sum(1.0 + logvar - mu**2 - np.exp(logvar), axis=-1)


def bce_with_logits(logits: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Elementwise binary cross-entropy on logits, stable for any finite logit.

    Returns:
        -[x log σ(l) + (1 - x) log(1 - σ(l))], the shape of the inputs.
    """
    # BCE(l, x) = max(l, 0) - l x + log(1 + e^{-|l|})
    return np.maximum(logits, 0.0) - logits * x + np.log1p(np.exp(-np.abs(logits)))


def negative_elbo(x: np.ndarray, x_logits: np.ndarray, mu: np.ndarray, logvar: np.ndarray) -> float:
    """Negative ELBO with a Bernoulli likelihood, averaged over the batch.

    Args:
        x: (n, ...) data in [0, 1].
        x_logits: x's shape, decoder logits (stable for |logits| <= 100 and beyond).
        mu, logvar: (n, d_z) encoder outputs.

    Returns:
        mean_i [ Σ_pixels BCE(x_logits_i, x_i) + KL_i ], a float.
    """
    x, x_logits = np.asarray(x, dtype=np.float64), np.asarray(x_logits, dtype=np.float64)
    n = x.shape[0]
    # -E[log p(x|z)] = Σ_pixels BCE, one number per sample, (n,)
    recon = bce_with_logits(x_logits, x).reshape(n, -1).sum(axis=1)
    # -ELBO_i = recon_i + KL_i, then the batch mean
    return float(np.mean(recon + kl_standard_normal(mu, logvar)))
