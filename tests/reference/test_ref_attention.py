"""Attention against F.scaled_dot_product_attention, a loop version and nn.MultiheadAttention."""

from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F
from hypothesis import given
from hypothesis import strategies as st

from mlvc_reference.attention import causal_mask, multi_head_attention, scaled_dot_product_attention

seeds = st.integers(0, 2**32 - 1)
small = st.integers(1, 4)


def _loop_attention(Q, K, V, mask):
    """Naive per-query attention for 2-D Q (Lq, d), K (Lk, d), V (Lk, dv), mask (Lq, Lk)."""
    out, weights = np.zeros((Q.shape[0], V.shape[1])), np.zeros((Q.shape[0], K.shape[0]))
    for i in range(Q.shape[0]):
        allowed = [j for j in range(K.shape[0]) if mask[i, j]]
        s = {j: float(Q[i] @ K[j]) / np.sqrt(Q.shape[1]) for j in allowed}
        top = max(s.values())
        total = sum(np.exp(v - top) for v in s.values())
        for j in allowed:
            weights[i, j] = np.exp(s[j] - top) / total
            out[i] += weights[i, j] * V[j]
    return out, weights


def _random_mask(rng, Lq, Lk):
    """A boolean mask where every query keeps at least one key."""
    mask = rng.random((Lq, Lk)) < 0.6
    mask[np.arange(Lq), rng.integers(0, Lk, size=Lq)] = True
    return mask


@given(seeds, small, small, small, small, small, st.booleans())
def test_sdpa_matches_torch_and_loops(seed, B, Lq, Lk, d, dv, masked):
    rng = np.random.default_rng(seed)
    Q, K, V = rng.normal(size=(B, Lq, d)), rng.normal(size=(B, Lk, d)), rng.normal(size=(B, Lk, dv))
    mask = _random_mask(rng, Lq, Lk) if masked else None
    copies = [Q.copy(), K.copy(), V.copy()]
    out, weights = scaled_dot_product_attention(Q, K, V, mask)
    assert out.shape == (B, Lq, dv) and weights.shape == (B, Lq, Lk)
    t_mask = None if mask is None else torch.from_numpy(mask)  # torch's bool mask: True = take part, like ours
    expected = F.scaled_dot_product_attention(*(torch.from_numpy(a) for a in (Q, K, V)), attn_mask=t_mask)
    np.testing.assert_allclose(out, expected.numpy(), rtol=1e-9, atol=1e-12)
    full = np.ones((Lq, Lk), bool) if mask is None else mask
    for b in range(B):
        e_out, e_w = _loop_attention(Q[b], K[b], V[b], full)
        np.testing.assert_allclose(weights[b], e_w, rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose(out[b], e_out, rtol=1e-9, atol=1e-12)
    for a, c in zip([Q, K, V], copies):
        np.testing.assert_array_equal(a, c)


@given(seeds, st.floats(1e2, 1e4))
def test_sdpa_is_stable_for_huge_scores(seed, magnitude):
    rng = np.random.default_rng(seed)
    d = 4
    Q = rng.normal(size=(3, d))
    Q *= magnitude * np.sqrt(d) / np.abs(Q @ Q.T).max()  # scores Q Q^T / sqrt(d) reach ±magnitude
    V = rng.normal(size=(3, 2))
    out, weights = scaled_dot_product_attention(Q, Q, V, causal_mask(3))
    assert np.all(np.isfinite(out)) and np.all(np.isfinite(weights))
    np.testing.assert_allclose(weights.sum(-1), 1.0, rtol=1e-12)
    e_out, e_w = _loop_attention(Q, Q, V, causal_mask(3))
    np.testing.assert_allclose(weights, e_w, rtol=1e-9, atol=1e-12)


def test_sdpa_mask_broadcasts_over_batch_and_heads():
    rng = np.random.default_rng(0)
    Q, K, V = rng.normal(size=(2, 3, 4, 5)), rng.normal(size=(2, 3, 6, 5)), rng.normal(size=(2, 3, 6, 2))
    mask = _random_mask(rng, 4, 6)
    out, weights = scaled_dot_product_attention(Q, K, V, mask)
    assert np.all(weights[..., ~mask] == 0.0)
    np.testing.assert_allclose(out[1, 2], _loop_attention(Q[1, 2], K[1, 2], V[1, 2], mask)[0], rtol=1e-10)


@given(st.integers(1, 12))
def test_causal_mask(n):
    m = causal_mask(n)
    assert m.dtype == np.bool_ and m.shape == (n, n)
    for i in range(n):
        for j in range(n):
            assert m[i, j] == (j <= i)


@given(seeds, st.sampled_from([(4, 1), (4, 2), (6, 3), (8, 4)]), small, small, small, st.booleans())
def test_mha_matches_torch_multihead_attention(seed, dims, B, Lq, Lk, masked):
    d_model, h = dims
    rng = np.random.default_rng(seed)
    x_q, x_kv = rng.normal(size=(B, Lq, d_model)), rng.normal(size=(B, Lk, d_model))
    W_q, W_k, W_v, W_o = (rng.normal(size=(d_model, d_model)) / np.sqrt(d_model) for _ in range(4))
    mask = _random_mask(rng, Lq, Lk) if masked else None
    copies = [a.copy() for a in (x_q, x_kv, W_q, W_k, W_v, W_o)]
    out = multi_head_attention(x_q, x_kv, W_q, W_k, W_v, W_o, h, mask)
    mha = torch.nn.MultiheadAttention(d_model, h, bias=False, batch_first=True, dtype=torch.float64)
    with torch.no_grad():
        # torch computes x @ weight.T, the contract x @ W: torch's weights are the contract's transposed
        mha.in_proj_weight.copy_(torch.from_numpy(np.concatenate([W_q.T, W_k.T, W_v.T])))  # (3 d_model, d_model)
        mha.out_proj.weight.copy_(torch.from_numpy(W_o.T))
        t_mask = None if mask is None else torch.from_numpy(~mask)  # torch: True = may NOT attend
        expected, _ = mha(torch.from_numpy(x_q), torch.from_numpy(x_kv), torch.from_numpy(x_kv), attn_mask=t_mask)
    assert out.shape == (B, Lq, d_model)
    np.testing.assert_allclose(out, expected.numpy(), rtol=1e-9, atol=1e-12)
    for a, c in zip((x_q, x_kv, W_q, W_k, W_v, W_o), copies):
        np.testing.assert_array_equal(a, c)


def test_mha_unbatched_equals_batched_and_one_head_is_plain_attention():
    rng = np.random.default_rng(1)
    x, W = rng.normal(size=(5, 4)), [rng.normal(size=(4, 4)) for _ in range(4)]
    out = multi_head_attention(x, x, *W, 2, causal_mask(5))
    np.testing.assert_allclose(out, multi_head_attention(x[None], x[None], *W, 2, causal_mask(5))[0])
    single = multi_head_attention(x, x, *W, 1)
    plain, _ = scaled_dot_product_attention(x @ W[0], x @ W[1], x @ W[2])
    np.testing.assert_allclose(single, plain @ W[3], rtol=1e-12)
