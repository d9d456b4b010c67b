"""Gram matrices and the style/content losses against loops, einsum and torch's summed MSE."""

from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F
from hypothesis import given
from hypothesis import strategies as st

from mlvc_reference.style import content_loss, gram_matrix, style_layer_loss

seeds = st.integers(0, 2**32 - 1)
dim = st.integers(1, 4)


@given(seeds, dim, dim, dim, dim, st.booleans())
def test_gram_matrix_matches_loops_and_einsum(seed, N, C, H, W, normalize):
    Fm = np.random.default_rng(seed).normal(size=(N, C, H, W))
    before = Fm.copy()
    G = gram_matrix(Fm, normalize)
    loops = np.zeros((N, C, C))
    for n in range(N):
        for i in range(C):
            for j in range(C):
                loops[n, i, j] = sum(Fm[n, i, h, w] * Fm[n, j, h, w] for h in range(H) for w in range(W))
    scale = H * W if normalize else 1
    np.testing.assert_allclose(G, loops / scale, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(G, np.einsum("nchw,ndhw->ncd", Fm, Fm) / scale, rtol=1e-12, atol=1e-12)
    np.testing.assert_array_equal(Fm, before)
    assert gram_matrix(Fm).shape == (N, C, C)


@given(seeds, dim, dim, dim, dim)
def test_style_layer_loss_is_gatys_summed_mse_of_gram_matrices(seed, N, C, H, W):
    rng = np.random.default_rng(seed)
    Fm, Ft = rng.normal(size=(N, C, H, W)), rng.normal(size=(N, C, H, W))
    t = lambda a: torch.from_numpy(a).reshape(N, C, H * W)  # noqa: E731
    G, A = t(Fm) @ t(Fm).transpose(1, 2), t(Ft) @ t(Ft).transpose(1, 2)
    expected = F.mse_loss(G, A, reduction="sum").item() / (4 * C**2 * (H * W) ** 2)
    got = style_layer_loss(Fm, Ft)
    assert isinstance(got, float)
    np.testing.assert_allclose(got, expected, rtol=1e-10)
    assert style_layer_loss(Fm, Fm.copy()) == 0.0


@given(seeds, st.lists(dim, min_size=1, max_size=4))
def test_content_loss_is_half_the_summed_squared_error(seed, shape):
    rng = np.random.default_rng(seed)
    Fm, Ft = rng.normal(size=shape), rng.normal(size=shape)
    expected = 0.5 * F.mse_loss(torch.from_numpy(Fm), torch.from_numpy(Ft), reduction="sum").item()
    np.testing.assert_allclose(content_loss(Fm, Ft), expected, rtol=1e-12)
    # its gradient is F - F_target: a finite difference in one entry
    e = np.zeros(shape)
    e.flat[0] = 1e-6
    np.testing.assert_allclose((content_loss(Fm + e, Ft) - content_loss(Fm - e, Ft)) / 2e-6, (Fm - Ft).flat[0], atol=1e-6)
