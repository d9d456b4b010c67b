"""Coursework pieces against torch's MSE, numpy.histogram by hand, scipy's cityblock,
a naive sort for the ranking, and scipy's lstsq on independently built features."""

from __future__ import annotations

import numpy as np
import scipy.linalg
import torch
import torch.nn.functional as F
from hypothesis import given
from hypothesis import strategies as st
from scipy.spatial.distance import cityblock

from mlvc_reference.retrieval import color_histogram, fit_quadratic_surface, histogram_distance, retrieve, rgb_distance

seeds = st.integers(0, 2**32 - 1)


@given(seeds, st.integers(1, 6), st.integers(1, 6))
def test_rgb_distance_is_torch_mse(seed, H, W):
    rng = np.random.default_rng(seed)
    a, b = rng.random((H, W, 3)), rng.random((H, W, 3))
    expected = float(F.mse_loss(torch.from_numpy(a), torch.from_numpy(b)))
    assert isinstance(rgb_distance(a, b), float)
    np.testing.assert_allclose(rgb_distance(a, b), expected, rtol=1e-12)


def _binned_by_hand(img: np.ndarray, bins: int) -> np.ndarray:
    """Count pixel by pixel: bin floor(v · bins), the value 1.0 in the last (closed) bin."""
    H, W, _ = img.shape
    h = np.zeros(3 * bins)
    for c in range(3):
        for v in img[..., c].ravel():
            h[c * bins + min(int(v * bins), bins - 1)] += 1
    return h / (H * W)


def _image_off_the_bin_edges(rng: np.random.Generator, H: int, W: int, bins: int) -> np.ndarray:
    """Values (k + u) / bins with u in [0.05, 0.95]: no value on an inner bin edge; some exact 0s and 1s."""
    img = (rng.integers(0, bins, size=(H, W, 3)) + rng.uniform(0.05, 0.95, size=(H, W, 3))) / bins
    img[rng.random((H, W, 3)) < 0.1] = 0.0
    img[rng.random((H, W, 3)) < 0.1] = 1.0
    return img


@given(seeds, st.integers(1, 6), st.integers(1, 6), st.integers(1, 12))
def test_color_histogram_counts_each_pixel_once_per_channel(seed, H, W, bins):
    img = _image_off_the_bin_edges(np.random.default_rng(seed), H, W, bins)
    before = img.copy()
    h = color_histogram(img, bins)
    assert h.shape == (3 * bins,) and h.dtype == np.float64
    np.testing.assert_allclose(h, _binned_by_hand(img, bins), rtol=1e-15)
    np.testing.assert_allclose(h.reshape(3, bins).sum(axis=1), 1.0, rtol=1e-12)
    np.testing.assert_array_equal(img, before)


def test_color_histogram_ignores_where_the_colours_are():
    img = np.random.default_rng(1).random((4, 5, 3))
    shuffled = img.reshape(-1, 3)[np.random.default_rng(2).permutation(20)].reshape(4, 5, 3)
    np.testing.assert_array_equal(color_histogram(img, 6), color_histogram(shuffled, 6))


@given(seeds, st.integers(1, 30))
def test_histogram_distance_is_scipy_cityblock(seed, n):
    rng = np.random.default_rng(seed)
    h1, h2 = rng.random(n), rng.random(n)
    np.testing.assert_allclose(histogram_distance(h1, h2), cityblock(h1, h2), rtol=1e-12)


def _naive_ranking(query: np.ndarray, database: np.ndarray, k: int) -> list[int]:
    """Selection sort on (distance, index) pairs: repeatedly take the nearest remaining row."""
    remaining = [(float(np.sqrt(np.sum((row - query) ** 2))), i) for i, row in enumerate(database)]
    ranking = []
    while remaining and len(ranking) < k:
        best = min(remaining)  # tuples: smaller distance first, then smaller index
        remaining.remove(best)
        ranking.append(best[1])
    return ranking


@given(seeds, st.integers(1, 12), st.integers(1, 4), st.data())
def test_retrieve_matches_a_naive_sort_with_ties_by_index(seed, m, d, data):
    rng = np.random.default_rng(seed)
    # coordinates on a coarse dyadic grid: many exact ties, every distance exact in float64
    database = rng.integers(-3, 4, size=(m, d)) * 0.5
    query = rng.integers(-3, 4, size=d) * 0.5
    k = data.draw(st.integers(1, m))
    before = database.copy(), query.copy()
    got = retrieve(query, database, k)
    assert got.dtype.kind == "i" and got.shape == (k,)
    assert got.tolist() == _naive_ranking(query, database, k)
    np.testing.assert_array_equal(database, before[0])
    np.testing.assert_array_equal(query, before[1])


def test_retrieve_duplicates_keep_their_index_order():
    database = np.array([[1.0, 0.0], [0.0, 0.0], [0.0, 1.0], [0.0, 0.0], [-1.0, 0.0]])
    assert retrieve(np.zeros(2), database, 5).tolist() == [1, 3, 0, 2, 4]


def _features(P: np.ndarray) -> np.ndarray:
    x, y = P[:, 0], P[:, 1]
    return np.column_stack([x**2, x * y, y**2, x, y, np.ones(len(P))])


@given(seeds, st.integers(6, 40), st.sampled_from([(-2.0, 2.0), (1.0, 7.0)]))
def test_fit_quadratic_surface_matches_scipy_lstsq(seed, n, box):
    rng = np.random.default_rng(seed)
    P = rng.uniform(*box, size=(n, 2))
    z = rng.normal(size=n)
    before = P.copy(), z.copy()
    w = fit_quadratic_surface(P, z)
    expected, *_ = scipy.linalg.lstsq(_features(P), z)
    assert w.shape == (6,)
    np.testing.assert_allclose(w, expected, rtol=1e-7, atol=1e-9)
    np.testing.assert_array_equal(P, before[0])
    np.testing.assert_array_equal(z, before[1])


def test_fit_quadratic_surface_recovers_an_exact_surface():
    rng = np.random.default_rng(3)
    P = rng.uniform(-1, 1, size=(30, 2))
    w_true = np.array([0.5, -1.0, 2.0, 0.25, -0.75, 3.0])
    np.testing.assert_allclose(fit_quadratic_surface(P, _features(P) @ w_true), w_true, rtol=1e-10)
