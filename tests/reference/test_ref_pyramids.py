"""Gaussian and Laplacian pyramids against a naive loop version with explicit reflected indices,
and the pyramid's defining properties: exact reconstruction, the top level, linearity."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from mlvc_reference.pyramids import expand, gaussian_pyramid, laplacian_pyramid, reconstruct_laplacian


def _reflect(i: int, n: int) -> int:
    """numpy.pad's "reflect" index (dcb|abcd), folded as often as needed."""
    if n == 1:
        return 0
    period = 2 * (n - 1)
    i = i % period
    return i if i < n else period - i


def _g1() -> list[float]:
    w = [math.exp(-(d * d) / 2.0) for d in range(-2, 3)]
    return [v / sum(w) for v in w]


def _blur_loops(img: np.ndarray, scale: float = 1.0) -> np.ndarray:
    """Σ_{u,v} img[reflect(i+u-2), reflect(j+v-2)] g[u] g[v] * scale, pixel by pixel."""
    H, W = img.shape
    g = _g1()
    out = np.zeros((H, W))
    for i in range(H):
        for j in range(W):
            out[i, j] = scale * sum(
                g[u] * g[v] * img[_reflect(i + u - 2, H), _reflect(j + v - 2, W)] for u in range(5) for v in range(5)
            )
    return out


def _gaussian_loops(img: np.ndarray, levels: int) -> list[np.ndarray]:
    G = [img]
    for _ in range(levels - 1):
        b = _blur_loops(G[-1])
        G.append(np.array([[b[i, j] for j in range(0, b.shape[1], 2)] for i in range(0, b.shape[0], 2)]))
    return G


def _expand_loops(small: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    up = np.zeros(shape)
    for i in range(small.shape[0]):
        for j in range(small.shape[1]):
            up[2 * i, 2 * j] = small[i, j]
    return _blur_loops(up, 4.0)


images = st.tuples(st.integers(0, 2**32 - 1), st.integers(1, 11), st.integers(1, 11), st.integers(1, 4))


@given(images)
def test_gaussian_pyramid_matches_loops(params):
    seed, H, W, levels = params
    img = np.random.default_rng(seed).normal(size=(H, W))
    before = img.copy()
    G = gaussian_pyramid(img, levels)
    want = _gaussian_loops(img, levels)
    assert isinstance(G, list) and len(G) == levels
    for g, w in zip(G, want):
        assert g.shape == w.shape
        np.testing.assert_allclose(g, w, rtol=1e-10, atol=1e-12)
    assert [g.shape for g in G] == [(-(-H // 2**i), -(-W // 2**i)) for i in range(levels)]
    np.testing.assert_array_equal(img, before)


@given(images)
def test_laplacian_pyramid_matches_loops_and_reconstructs_exactly(params):
    seed, H, W, levels = params
    img = np.random.default_rng(seed).normal(size=(H, W))
    L = laplacian_pyramid(img, levels)
    G = _gaussian_loops(img, levels)
    assert isinstance(L, list) and len(L) == levels
    for i in range(levels - 1):
        np.testing.assert_allclose(L[i], G[i] - _expand_loops(G[i + 1], G[i].shape), rtol=1e-9, atol=1e-11)
    np.testing.assert_allclose(L[-1], G[-1], rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(reconstruct_laplacian(L), img, rtol=0, atol=1e-12)


@given(st.integers(0, 2**32 - 1), st.integers(2, 13), st.integers(2, 13))
def test_expand_is_linear_and_keeps_a_pyramid_levels_mean_within_ten_percent(seed, H, W):
    rng = np.random.default_rng(seed)
    img, b = rng.uniform(0.5, 1.5, size=(H, W)), rng.normal(size=(H // 2 + 1, W // 2 + 1))
    G = gaussian_pyramid(img, 2)  # G_1 is blurred, as every level expand is applied to
    small = G[1]
    b = b[: small.shape[0], : small.shape[1]]
    np.testing.assert_allclose(expand(small + 2 * b, (H, W)), expand(small, (H, W)) + 2 * expand(b, (H, W)), atol=1e-12)
    # the 10% band of the contract; an axis of length 1 (H or W = 1) is not drawn: numpy's "reflect" repeats a
    # lone pixel, so the zeros inserted along that axis are filled and the classic expand doubles the mean there
    assert abs(expand(small, (H, W)).mean() - small.mean()) <= 0.1 * small.mean()


def test_the_ten_percent_band_is_about_smooth_levels_not_any_array():
    rough = np.array([[0.51, 1.11], [0.85, 1.47], [0.51, 1.08]])  # unblurred, odd target: 14.5% off
    assert abs(expand(rough, (5, 4)).mean() / rough.mean() - 1) > 0.1


def test_expand_of_a_lone_pixel_along_an_axis_doubles_it():
    assert np.allclose(expand(np.array([[3.0]]), (1, 1)), 12.0)
    assert np.allclose(expand(np.array([[3.0, 3.0]]), (1, 4)).mean(), 6.0, rtol=0.05)


def test_one_level_is_the_image_itself():
    img = np.arange(6.0).reshape(2, 3)
    for pyr in (gaussian_pyramid(img, 1), laplacian_pyramid(img, 1)):
        assert len(pyr) == 1 and np.array_equal(pyr[0], img)
    assert np.array_equal(reconstruct_laplacian([img]), img)
