"""gaussian_kernel against scipy's Gaussian filter of a delta; filter2d against F.conv2d on
numpy.pad's border and against scipy.ndimage.correlate; sobel against scipy.ndimage.sobel."""

from __future__ import annotations

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given
from hypothesis import strategies as st
from scipy import ndimage

from mlvc_reference.filtering import BORDERS, filter2d, gaussian_kernel, sobel

# NumPy's border names -> SciPy's (SciPy's "reflect" is NumPy's "symmetric")
SCIPY_MODE = {"constant": "constant", "edge": "nearest", "reflect": "mirror", "symmetric": "reflect"}


@given(st.integers(0, 5), st.floats(0.3, 4.0))
def test_gaussian_kernel_is_scipys_filter_of_a_delta(half, sigma):
    size = 2 * half + 1
    delta = np.zeros((size, size))
    delta[half, half] = 1.0
    # scipy samples exp(-x²/2σ²) on radius int(truncate σ + 0.5) = half, normalises each 1-D factor
    expected = ndimage.gaussian_filter(delta, sigma, mode="constant", truncate=(half + 0.25) / sigma)
    k = gaussian_kernel(size, sigma)
    np.testing.assert_allclose(k, expected, rtol=1e-10, atol=1e-15)
    assert k.shape == (size, size) and abs(k.sum() - 1.0) < 1e-12
    assert np.unravel_index(k.argmax(), k.shape) == (half, half)


def test_gaussian_kernel_closed_form_3x3():
    e1, e2 = np.exp(-0.5), np.exp(-1.0)  # one step, one diagonal step, sigma = 1
    raw = np.array([[e2, e1, e2], [e1, 1.0, e1], [e2, e1, e2]])
    np.testing.assert_allclose(gaussian_kernel(3, 1.0), raw / raw.sum(), rtol=1e-14)


filter_params = st.tuples(
    st.integers(0, 2**32 - 1),
    st.integers(1, 8), st.integers(1, 8),  # H, W (may be smaller than the kernel)
    st.integers(0, 3), st.integers(0, 3),  # kh = 2a + 1, kw = 2b + 1
    st.sampled_from(BORDERS),
)


@given(filter_params)
def test_filter2d_is_conv2d_of_the_numpy_padded_image(params):
    seed, H, W, a, b, border = params
    rng = np.random.default_rng(seed)
    img, kernel = rng.normal(size=(H, W)), rng.normal(size=(2 * a + 1, 2 * b + 1))
    before = img.copy()
    padded = np.pad(img, ((a, a), (b, b)), mode=border)
    # F.conv2d is cross-correlation: no flip
    expected = F.conv2d(torch.from_numpy(padded)[None, None], torch.from_numpy(kernel)[None, None])[0, 0].numpy()
    out = filter2d(img, kernel, border)
    assert out.shape == (H, W)
    np.testing.assert_allclose(out, expected, rtol=1e-10, atol=1e-12)
    np.testing.assert_array_equal(img, before)


@given(filter_params)
def test_filter2d_agrees_with_scipy_correlate_when_the_image_covers_the_kernel(params):
    seed, H, W, a, b, border = params
    H, W = max(H, a + 1), max(W, b + 1)  # one reflection suffices: both libraries agree there
    rng = np.random.default_rng(seed)
    img, kernel = rng.normal(size=(H, W)), rng.normal(size=(2 * a + 1, 2 * b + 1))
    expected = ndimage.correlate(img, kernel, mode=SCIPY_MODE[border], cval=0.0)
    np.testing.assert_allclose(filter2d(img, kernel, border), expected, rtol=1e-10, atol=1e-12)


def test_filter2d_default_border_is_reflect_and_the_kernel_is_not_flipped():
    img = np.arange(12.0).reshape(3, 4)
    kernel = np.zeros((3, 3))
    kernel[0, 0] = 1.0  # picks the pixel up and to the left, when not flipped
    out = filter2d(img, kernel)
    assert out[1, 1] == img[0, 0] and out[0, 0] == img[1, 1]  # "reflect": row -1 is row 1


@pytest.mark.parametrize("border", BORDERS)
def test_filter2d_pads_rows_by_kh_and_columns_by_kw(border):
    img = np.random.default_rng(0).normal(size=(2, 6))
    kernel = np.random.default_rng(1).normal(size=(5, 1))  # taller than the image
    padded = np.pad(img, ((2, 2), (0, 0)), mode=border)
    expected = sum(kernel[u, 0] * padded[u : u + 2] for u in range(5))
    np.testing.assert_allclose(filter2d(img, kernel, border), expected, rtol=1e-12)


@given(st.integers(0, 2**32 - 1), st.integers(1, 8), st.integers(1, 8))
def test_sobel_matches_scipy_with_the_nearest_border(seed, H, W):
    img = np.random.default_rng(seed).normal(size=(H, W))
    gx, gy = sobel(img)
    np.testing.assert_allclose(gx, ndimage.sobel(img, axis=1, mode="nearest"), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(gy, ndimage.sobel(img, axis=0, mode="nearest"), rtol=1e-10, atol=1e-12)


def test_sobel_signs_follow_increasing_intensity():
    ramp = np.tile(np.arange(5.0), (4, 1))  # brighter to the right (+j)
    gx, gy = sobel(ramp)
    assert np.all(gx[:, 1:-1] == 8.0) and np.all(gy == 0.0)
    gx, gy = sobel(ramp.T)  # brighter downwards (+i)
    assert np.all(gy[1:-1, :] == 8.0) and np.all(gx == 0.0)
