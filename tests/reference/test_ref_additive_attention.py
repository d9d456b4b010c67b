"""additive_attention against a per-position loop and a torch version."""

from __future__ import annotations

import math

import numpy as np
import torch
from hypothesis import given
from hypothesis import strategies as st

from mlvc_reference.attention import additive_attention

seeds = st.integers(0, 2**32 - 1)
dim = st.integers(1, 5)


@given(seeds, st.integers(1, 7), dim, dim, dim)
def test_additive_attention_matches_loops_and_torch(seed, T, d_s, d_h, d_a):
    rng = np.random.default_rng(seed)
    s, H = rng.normal(size=d_s), rng.normal(size=(T, d_h))
    W_s, W_h, v = rng.normal(size=(d_a, d_s)), rng.normal(size=(d_a, d_h)), rng.normal(size=d_a)
    before = [a.copy() for a in (s, H, W_s, W_h, v)]
    context, weights = additive_attention(s, H, W_s, W_h, v)
    assert context.shape == (d_h,) and weights.shape == (T,)
    # loops: e_i = Σ_a v_a tanh(Σ_j W_s[a, j] s_j + Σ_k W_h[a, k] H[i, k])
    e = [sum(v[a] * math.tanh(sum(W_s[a, j] * s[j] for j in range(d_s)) + sum(W_h[a, k] * H[i, k] for k in range(d_h)))
             for a in range(d_a)) for i in range(T)]
    top = max(e)
    z = sum(math.exp(ei - top) for ei in e)
    w_loop = [math.exp(ei - top) / z for ei in e]
    np.testing.assert_allclose(weights, w_loop, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(context, [sum(w_loop[i] * H[i, k] for i in range(T)) for k in range(d_h)], rtol=1e-12, atol=1e-14)
    t = torch.from_numpy
    scores = torch.tanh(t(W_s) @ t(s) + t(H) @ t(W_h).T) @ t(v)
    w_t = torch.softmax(scores, dim=0)
    np.testing.assert_allclose(context, (w_t @ t(H)).numpy(), rtol=1e-12, atol=1e-14)
    for a, b in zip((s, H, W_s, W_h, v), before):
        np.testing.assert_array_equal(a, b)
