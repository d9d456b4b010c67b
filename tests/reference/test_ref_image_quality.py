"""PSNR and SSIM against scikit-image; LPIPS against a loop version and a torch 1x1-convolution version."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st
from skimage.metrics import peak_signal_noise_ratio, structural_similarity

from mlvc_reference.image_quality import lpips_from_features, psnr, ssim, ssim_global

seeds = st.integers(0, 2**32 - 1)
ranges = st.sampled_from([1.0, 2.0, 255.0])


def _pair(seed, shape, R):
    rng = np.random.default_rng(seed)
    x = rng.uniform(0, R, size=shape)
    return x, np.clip(x + rng.normal(scale=0.1 * R, size=shape), 0, R)


@given(seeds, st.lists(st.integers(1, 8), min_size=1, max_size=3), ranges)
def test_psnr_matches_skimage(seed, shape, R):
    x, y = _pair(seed, shape, R)
    np.testing.assert_allclose(psnr(x, y, R), peak_signal_noise_ratio(x, y, data_range=R), rtol=1e-12)


def test_psnr_of_identical_images_is_inf_and_the_default_range_is_one():
    x = np.random.default_rng(0).uniform(size=(4, 4))
    assert psnr(x, x.copy()) == np.inf
    y = x + 0.01
    assert psnr(x, y) == pytest.approx(40.0) == psnr(x, y, 1.0)


@given(seeds, st.integers(1, 6), ranges)
def test_ssim_global_is_skimage_with_one_uniform_window_over_an_odd_square_image(seed, k, R):
    side = 2 * k + 1  # skimage's window must be odd; one centre is left after its crop
    x, y = _pair(seed, (side, side), R)
    expected = structural_similarity(x, y, win_size=side, data_range=R, use_sample_covariance=False)
    np.testing.assert_allclose(ssim_global(x, y, R), expected, rtol=1e-9, atol=1e-12)


@given(seeds, st.integers(1, 6), st.integers(1, 6), ranges)
def test_ssim_global_matches_the_three_term_formula_with_population_statistics(seed, H, W, R):
    x, y = _pair(seed, (H, W), R)
    mx, my = x.mean(), y.mean()
    sx, sy = x.std(), y.std()
    sxy = np.cov(x.ravel(), y.ravel(), bias=True)[0, 1]
    C1, C2 = (0.01 * R) ** 2, (0.03 * R) ** 2
    C3 = C2 / 2
    l = (2 * mx * my + C1) / (mx**2 + my**2 + C1)
    c = (2 * sx * sy + C2) / (sx**2 + sy**2 + C2)
    s = (sxy + C3) / (sx * sy + C3)
    np.testing.assert_allclose(ssim_global(x, y, R), l * c * s, rtol=1e-9, atol=1e-12)
    assert ssim_global(x, x.copy(), R) == pytest.approx(1.0, abs=1e-12)


@given(seeds, st.integers(11, 20), st.integers(11, 20), ranges)
def test_ssim_matches_skimage_gaussian_population_ssim(seed, H, W, R):
    x, y = _pair(seed, (H, W), R)
    before = x.copy()
    expected = structural_similarity(x, y, data_range=R, gaussian_weights=True, sigma=1.5, use_sample_covariance=False)
    np.testing.assert_allclose(ssim(x, y, R), expected, rtol=1e-9, atol=1e-12)
    np.testing.assert_array_equal(x, before)
    assert ssim(x, x.copy(), R) == pytest.approx(1.0, abs=1e-12)


def _lpips_loops(fx, fy, ws):
    total = 0.0
    for a, b, w in zip(fx, fy, ws):
        C, H, W = a.shape
        layer = 0.0
        for h in range(H):
            for k in range(W):
                va, vb = a[:, h, k], b[:, h, k]
                na, nb = va / (np.sqrt(va @ va) + 1e-10), vb / (np.sqrt(vb @ vb) + 1e-10)
                layer += sum(w[c] * (na[c] - nb[c]) ** 2 for c in range(C))
        total += layer / (H * W)
    return total


def _lpips_torch(fx, fy, ws):
    """As the LPIPS package: normalize_tensor, a 1x1 'lin' conv with the weights, spatial_average."""
    total = torch.zeros(())
    for a, b, w in zip(fx, fy, ws):
        a, b = torch.from_numpy(a)[None], torch.from_numpy(b)[None]  # (1, C, H, W)
        na = a / (torch.sqrt(torch.sum(a**2, dim=1, keepdim=True)) + 1e-10)
        nb = b / (torch.sqrt(torch.sum(b**2, dim=1, keepdim=True)) + 1e-10)
        lin = torch.nn.functional.conv2d((na - nb) ** 2, torch.from_numpy(w).reshape(1, -1, 1, 1))
        total = total + lin.mean(dim=(2, 3)).squeeze()
    return total.item()


@given(seeds, st.lists(st.tuples(st.integers(1, 4), st.integers(1, 3), st.integers(1, 3)), min_size=1, max_size=3),
       st.booleans())
def test_lpips_matches_loops_and_the_torch_form(seed, layers, dead):
    rng = np.random.default_rng(seed)
    fx = [np.maximum(rng.normal(size=s), 0) for s in layers]
    fy = [rng.normal(size=s) for s in layers]
    if dead:
        fx[0][:, 0, 0] = 0.0  # a zero channel vector: 0 / (0 + 1e-10) = 0, not NaN
    ws = [rng.uniform(0, 1, size=s[0]) for s in layers]
    got = lpips_from_features(fx, fy, ws)
    assert np.isfinite(got)
    np.testing.assert_allclose(got, _lpips_loops(fx, fy, ws), rtol=1e-10)
    np.testing.assert_allclose(got, _lpips_torch(fx, fy, ws), rtol=1e-10)
    assert lpips_from_features(fx, [f.copy() for f in fx], ws) == 0.0
