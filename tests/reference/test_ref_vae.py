"""VAE pieces against torch.distributions and F.binary_cross_entropy_with_logits."""

from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F
from hypothesis import given
from hypothesis import strategies as st
from torch.distributions import Normal, kl_divergence

from mlvc_reference.vae import kl_standard_normal, negative_elbo, reparameterize

seeds = st.integers(0, 2**32 - 1)
small = st.integers(1, 5)


def _latents(rng, n, d):
    return rng.normal(size=(n, d)), rng.uniform(-3, 3, size=(n, d))


@given(seeds, small, small)
def test_reparameterize_is_mu_plus_sigma_eps(seed, n, d):
    rng = np.random.default_rng(seed)
    mu, logvar = _latents(rng, n, d)
    eps = rng.normal(size=(n, d))
    copies = [mu.copy(), logvar.copy(), eps.copy()]
    z = reparameterize(mu, logvar, eps)
    # closed form: σ = sqrt(σ²) with σ² = e^{logvar}
    np.testing.assert_allclose(z, mu + np.sqrt(np.exp(logvar)) * eps, rtol=1e-12, atol=1e-14)
    for a, c in zip((mu, logvar, eps), copies):
        np.testing.assert_array_equal(a, c)


def test_reparameterize_samples_have_the_right_moments():
    rng = np.random.default_rng(0)
    z = reparameterize(np.full(200_000, 1.5), np.full(200_000, np.log(4.0)), rng.normal(size=200_000))
    assert abs(z.mean() - 1.5) < 0.02 and abs(z.std() - 2.0) < 0.02


@given(seeds, small, small)
def test_kl_matches_torch_distributions(seed, n, d):
    rng = np.random.default_rng(seed)
    mu, logvar = _latents(rng, n, d)
    copies = [mu.copy(), logvar.copy()]
    kl = kl_standard_normal(mu, logvar)
    q = Normal(torch.from_numpy(mu), torch.from_numpy(np.exp(0.5 * logvar)))
    p = Normal(torch.zeros(n, d, dtype=torch.float64), torch.ones(n, d, dtype=torch.float64))
    assert kl.shape == (n,)
    np.testing.assert_allclose(kl, kl_divergence(q, p).sum(-1).numpy(), rtol=1e-9, atol=1e-12)
    assert np.all(kl >= 0)
    for a, c in zip((mu, logvar), copies):
        np.testing.assert_array_equal(a, c)


def _torch_negative_elbo(x, x_logits, mu, logvar) -> float:
    n = x.shape[0]
    bce = F.binary_cross_entropy_with_logits(torch.from_numpy(x_logits), torch.from_numpy(x), reduction="none")
    q = Normal(torch.from_numpy(mu), torch.from_numpy(np.exp(0.5 * logvar)))
    kl = kl_divergence(q, Normal(0.0, 1.0)).sum(-1)
    return float((bce.reshape(n, -1).sum(1) + kl).mean())


@given(seeds, small, st.sampled_from([(4,), (2, 3), (1, 2, 2)]), small, st.floats(1.0, 100.0), st.booleans())
def test_negative_elbo_matches_torch_and_is_stable(seed, n, data_shape, d, scale, binary):
    rng = np.random.default_rng(seed)
    shape = (n, *data_shape)
    x = (rng.random(shape) < 0.5).astype(np.float64) if binary else rng.random(shape)
    x_logits = np.clip(scale * rng.normal(size=shape), -100, 100)
    mu, logvar = _latents(rng, n, d)
    copies = [a.copy() for a in (x, x_logits, mu, logvar)]
    value = negative_elbo(x, x_logits, mu, logvar)
    assert isinstance(value, float) and np.isfinite(value)
    np.testing.assert_allclose(value, _torch_negative_elbo(x, x_logits, mu, logvar), rtol=1e-9, atol=1e-12)
    for a, c in zip((x, x_logits, mu, logvar), copies):
        np.testing.assert_array_equal(a, c)


def test_negative_elbo_at_logit_extremes():
    x = np.array([[0.0, 1.0, 1.0, 0.0]])
    logits = np.array([[100.0, -100.0, 100.0, -100.0]])  # two confident mistakes, two confident hits
    zeros = np.zeros((1, 2))
    # BCE(100, 0) = 100 + log1p(e^{-100}) ≈ 100; a hit costs log1p(e^{-100}) ≈ 3.7e-44
    np.testing.assert_allclose(negative_elbo(x, logits, zeros, zeros), 200.0, rtol=1e-14)
