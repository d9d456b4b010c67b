"""DDPM pieces against torch built-ins, per-sample loops and the posterior-mean form;
sampling helpers (x̂_0, guidance, time embedding) against q_sample, torch.lerp and a scalar loop."""

from __future__ import annotations

import math

import numpy as np
import torch
from hypothesis import given
from hypothesis import strategies as st

from mlvc_reference.diffusion import (
    alpha_bar,
    cfg_combine,
    ddpm_reverse_step,
    ddpm_simple_loss,
    linear_beta_schedule,
    q_sample,
    timestep_embedding,
    x0_from_eps,
)

seeds = st.integers(0, 2**32 - 1)


@given(st.integers(1, 1000), st.floats(1e-5, 1e-2), st.floats(1e-2, 0.5))
def test_linear_beta_schedule_matches_torch_linspace(T, beta_1, beta_T):
    betas = linear_beta_schedule(T, beta_1, beta_T)
    expected = torch.linspace(beta_1, beta_T, T, dtype=torch.float64).numpy()
    assert betas.shape == (T,) and betas.dtype == np.float64
    np.testing.assert_allclose(betas, expected, rtol=1e-12, atol=1e-15)
    assert betas[0] == beta_1
    np.testing.assert_allclose(betas[-1], beta_T if T > 1 else beta_1, rtol=1e-14)


def test_linear_beta_schedule_defaults_are_ho_et_al():
    betas = linear_beta_schedule(1000)
    assert betas[0] == 1e-4 and np.isclose(betas[-1], 0.02, rtol=1e-14)


@given(seeds, st.integers(1, 50))
def test_alpha_bar_is_a_running_product(seed, T):
    betas = np.random.default_rng(seed).uniform(1e-4, 0.5, size=T)
    before = betas.copy()
    ab = alpha_bar(betas)
    expected, running = [], 1.0
    for beta in betas:
        running *= 1.0 - beta
        expected.append(running)
    np.testing.assert_allclose(ab, expected, rtol=1e-12)
    np.testing.assert_array_equal(betas, before)


def _schedule(T: int) -> tuple[np.ndarray, np.ndarray]:
    betas = np.linspace(1e-3, 0.3, T)
    return betas, np.cumprod(1 - betas)


@given(seeds, st.integers(1, 5), st.sampled_from([(3,), (2, 2), (1, 3, 2)]), st.integers(1, 20))
def test_q_sample_per_sample_loop(seed, n, data_shape, T):
    rng = np.random.default_rng(seed)
    _, ab = _schedule(T)
    x0, noise = rng.normal(size=(n, *data_shape)), rng.normal(size=(n, *data_shape))
    t = rng.integers(0, T, size=n)
    copies = [x0.copy(), noise.copy(), t.copy(), ab.copy()]
    x_t = q_sample(x0, t, noise, ab)
    assert x_t.shape == x0.shape
    for i in range(n):
        a = ab[t[i]]
        np.testing.assert_allclose(x_t[i], np.sqrt(a) * x0[i] + np.sqrt(1 - a) * noise[i], rtol=1e-12, atol=1e-14)
    for a, c in zip((x0, noise, t, ab), copies):
        np.testing.assert_array_equal(a, c)


def test_q_sample_variance_is_preserved():
    rng = np.random.default_rng(0)
    _, ab = _schedule(10)
    x0, noise = rng.normal(size=(100_000, 1)), rng.normal(size=(100_000, 1))
    x_t = q_sample(x0, np.full(100_000, 9), noise, ab)
    assert abs(x_t.var() - 1.0) < 0.02


@given(seeds, st.integers(1, 5), st.integers(1, 4), st.integers(1, 20))
def test_ddpm_simple_loss_matches_torch_mse(seed, n, d, T):
    rng = np.random.default_rng(seed)
    _, ab = _schedule(T)
    x0, noise, t = rng.normal(size=(n, d)), rng.normal(size=(n, d)), rng.integers(0, T, size=n)
    A = rng.normal(size=(d, d))
    seen = []

    def eps_model(x_t, t_in):
        seen.append((x_t.copy(), np.array(t_in).copy()))
        return np.tanh(x_t @ A) + 0.01 * np.asarray(t_in)[:, None]

    loss = ddpm_simple_loss(eps_model, x0, t, noise, ab)
    assert isinstance(loss, float)
    (x_t_seen, t_seen), = seen
    np.testing.assert_array_equal(t_seen, t)
    sab = torch.from_numpy(np.sqrt(ab[t]))[:, None]
    x_t = sab * torch.from_numpy(x0) + torch.sqrt(1 - sab**2) * torch.from_numpy(noise)
    np.testing.assert_allclose(x_t_seen, x_t.numpy(), rtol=1e-12, atol=1e-14)
    expected = torch.nn.functional.mse_loss(torch.from_numpy(eps_model(x_t.numpy(), t)), torch.from_numpy(noise))
    np.testing.assert_allclose(loss, float(expected), rtol=1e-10)


def test_ddpm_simple_loss_is_zero_for_a_perfect_model():
    rng = np.random.default_rng(3)
    _, ab = _schedule(8)
    x0, noise, t = rng.normal(size=(4, 3)), rng.normal(size=(4, 3)), np.array([0, 3, 7, 5])
    perfect = lambda x_t, tt: (x_t - np.sqrt(ab[tt])[:, None] * x0) / np.sqrt(1 - ab[tt])[:, None]  # noqa: E731
    assert ddpm_simple_loss(perfect, x0, t, noise, ab) < 1e-25


def _posterior_mean(x_t, t, eps, betas, ab):
    """μ̃_t(x_t, x̂_0) of the forward posterior q(x_{t-1} | x_t, x_0), with x̂_0 from the noise estimate."""
    ab_prev = ab[t - 1] if t > 0 else 1.0
    x0_hat = (x_t - np.sqrt(1 - ab[t]) * eps) / np.sqrt(ab[t])
    c0 = np.sqrt(ab_prev) * betas[t] / (1 - ab[t])
    ct = np.sqrt(1 - betas[t]) * (1 - ab_prev) / (1 - ab[t])
    return c0 * x0_hat + ct * x_t


@given(seeds, st.integers(2, 30), st.data())
def test_ddpm_reverse_step_equals_posterior_mean_plus_noise(seed, T, data):
    t = data.draw(st.integers(0, T - 1))
    rng = np.random.default_rng(seed)
    betas, ab = _schedule(T)
    x_t, eps, z = rng.normal(size=(3, 4, 2))
    copies = [x_t.copy(), eps.copy(), z.copy(), betas.copy(), ab.copy()]
    x_prev = ddpm_reverse_step(x_t, t, eps, betas, ab, z)
    expected = _posterior_mean(x_t, t, eps, betas, ab) + (np.sqrt(betas[t]) * z if t > 0 else 0.0)
    np.testing.assert_allclose(x_prev, expected, rtol=1e-9, atol=1e-12)
    for a, c in zip((x_t, eps, z, betas, ab), copies):
        np.testing.assert_array_equal(a, c)


def test_ddpm_reverse_step_at_t0_ignores_z():
    betas, ab = _schedule(5)
    x_t, eps = np.ones(3), np.full(3, 0.5)
    a = ddpm_reverse_step(x_t, 0, eps, betas, ab, np.zeros(3))
    b = ddpm_reverse_step(x_t, 0, eps, betas, ab, np.full(3, 100.0))
    np.testing.assert_array_equal(a, b)


@given(seeds, st.integers(1, 5), st.sampled_from([(3,), (2, 2), (1, 3, 2)]), st.integers(1, 20))
def test_x0_from_eps_inverts_q_sample(seed, n, data_shape, T):
    rng = np.random.default_rng(seed)
    _, ab = _schedule(T)
    x0, noise, t = rng.normal(size=(n, *data_shape)), rng.normal(size=(n, *data_shape)), rng.integers(0, T, size=n)
    x_t = q_sample(x0, t, noise, ab)
    copies = [x_t.copy(), noise.copy(), t.copy(), ab.copy()]
    np.testing.assert_allclose(x0_from_eps(x_t, t, noise, ab), x0, rtol=1e-9, atol=1e-9)
    for a, c in zip((x_t, noise, t, ab), copies):
        np.testing.assert_array_equal(a, c)


@given(seeds, st.integers(1, 5), st.integers(1, 20))
def test_x0_from_eps_per_sample_in_torch(seed, n, T):
    rng = np.random.default_rng(seed)
    _, ab = _schedule(T)
    x_t, eps, t = rng.normal(size=(n, 4)), rng.normal(size=(n, 4)), rng.integers(0, T, size=n)
    got = x0_from_eps(x_t, t, eps, ab)
    for i in range(n):
        a = torch.tensor(ab[t[i]], dtype=torch.float64)
        expected = (torch.from_numpy(x_t[i]) - torch.sqrt(1 - a) * torch.from_numpy(eps[i])) / torch.sqrt(a)
        np.testing.assert_allclose(got[i], expected.numpy(), rtol=1e-12, atol=1e-12)


@given(seeds, st.sampled_from([(3,), (2, 4), (1, 2, 3)]), st.floats(-2.0, 15.0))
def test_cfg_combine_is_torch_lerp_from_uncond_to_cond(seed, shape, w):
    rng = np.random.default_rng(seed)
    eps_u, eps_c = rng.normal(size=shape), rng.normal(size=shape)
    got = cfg_combine(eps_u, eps_c, w)
    expected = torch.lerp(torch.from_numpy(eps_u), torch.from_numpy(eps_c), w).numpy()
    np.testing.assert_allclose(got, expected, rtol=1e-10, atol=1e-10)


def test_cfg_combine_endpoints():
    eps_u, eps_c = np.array([1.0, -2.0]), np.array([0.5, 3.0])
    np.testing.assert_array_equal(cfg_combine(eps_u, eps_c, 0.0), eps_u)
    np.testing.assert_array_equal(cfg_combine(eps_u, eps_c, 1.0), eps_c)


@given(st.lists(st.integers(0, 999), min_size=1, max_size=5), st.sampled_from([2, 4, 6, 16]), st.sampled_from([10000, 1000, 100]))
def test_timestep_embedding_matches_a_scalar_loop(steps, dim, max_period):
    t = np.array(steps)
    emb = timestep_embedding(t, dim, max_period)
    half = dim // 2
    assert emb.shape == (len(steps), dim)
    for r, step in enumerate(steps):
        for i in range(half):
            omega = max_period ** (-i / half)
            assert math.isclose(emb[r, i], math.cos(step * omega), rel_tol=1e-9, abs_tol=1e-9)
            assert math.isclose(emb[r, half + i], math.sin(step * omega), rel_tol=1e-9, abs_tol=1e-9)


def test_timestep_embedding_default_period_and_t_zero():
    emb = timestep_embedding(np.array([0, 5]), 8)
    np.testing.assert_array_equal(emb[0], [1, 1, 1, 1, 0, 0, 0, 0])
    np.testing.assert_allclose(emb[1], timestep_embedding(np.array([5.0]), 8, 10000)[0], rtol=0, atol=0)
