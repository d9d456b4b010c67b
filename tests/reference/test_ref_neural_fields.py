"""Volume rendering against a NeRF-style front-to-back loop and its limiting cases."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from mlvc_reference.neural_fields import volume_render

seeds = st.integers(0, 2**32 - 1)


def _march(sigma: np.ndarray, rgb: np.ndarray, deltas: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Walk each ray front to back, keeping the light that is left (T) as a running product."""
    R, N = sigma.shape
    color, weights = np.zeros((R, 3)), np.zeros((R, N))
    for r in range(R):
        T = 1.0  # nothing has absorbed light before the first sample
        for i in range(N):
            alpha = 1.0 - math.exp(-sigma[r, i] * deltas[r, i])
            weights[r, i] = T * alpha
            color[r] += weights[r, i] * rgb[r, i]
            T *= 1.0 - alpha  # only now does sample i dim the samples behind it
    return color, weights


def _ray_batch(rng: np.random.Generator, R: int, N: int, max_sigma: float):
    sigma = rng.uniform(0, max_sigma, size=(R, N)) * (rng.random((R, N)) < 0.8)
    return sigma, rng.random((R, N, 3)), rng.uniform(0.01, 0.5, size=(R, N))


@given(seeds, st.integers(1, 4), st.integers(1, 12), st.sampled_from([0.5, 5.0, 50.0]))
def test_matches_the_front_to_back_loop(seed, R, N, max_sigma):
    sigma, rgb, deltas = _ray_batch(np.random.default_rng(seed), R, N, max_sigma)
    copies = [a.copy() for a in (sigma, rgb, deltas)]
    color, weights = volume_render(sigma, rgb, deltas)
    expected_color, expected_weights = _march(sigma, rgb, deltas)
    assert color.shape == (R, 3) and weights.shape == (R, N)
    np.testing.assert_allclose(weights, expected_weights, rtol=1e-10, atol=1e-14)
    np.testing.assert_allclose(color, expected_color, rtol=1e-10, atol=1e-14)
    for a, c in zip((sigma, rgb, deltas), copies):
        np.testing.assert_array_equal(a, c)


@given(seeds, st.integers(1, 4), st.integers(1, 12))
def test_weights_sum_to_the_ray_opacity(seed, R, N):
    sigma, rgb, deltas = _ray_batch(np.random.default_rng(seed), R, N, 5.0)
    _, weights = volume_render(sigma, rgb, deltas)
    # Σ_i w_i = 1 - T_{N+1} = 1 - exp(-Σ_i σ_i δ_i)
    np.testing.assert_allclose(weights.sum(axis=1), 1 - np.exp(-(sigma * deltas).sum(axis=1)), rtol=1e-10, atol=1e-14)


def test_empty_space_is_black_and_an_opaque_first_sample_hides_the_rest():
    rgb = np.random.default_rng(0).random((2, 3, 3))
    color, weights = volume_render(np.zeros((2, 3)), rgb, np.full((2, 3), 0.1))
    np.testing.assert_array_equal(color, 0.0)
    np.testing.assert_array_equal(weights, 0.0)
    color, weights = volume_render(np.array([[1e4, 3.0, 3.0]]), rgb[:1], np.full((1, 3), 0.5))
    np.testing.assert_allclose(weights, [[1.0, 0.0, 0.0]], atol=1e-300)
    np.testing.assert_allclose(color, rgb[:1, 0], rtol=1e-15)


def test_a_single_sample_is_not_dimmed_by_itself():
    # T_1 = 1: one sample with σδ = ln 2 has weight exactly 1 - 1/2
    color, weights = volume_render(np.array([[np.log(2.0)]]), np.ones((1, 1, 3)), np.ones((1, 1)))
    np.testing.assert_allclose(weights, [[0.5]], rtol=1e-15)
    np.testing.assert_allclose(color, [[0.5, 0.5, 0.5]], rtol=1e-15)
