"""layer_norm against F.layer_norm; the encoder block against nn.TransformerEncoderLayer(norm_first=True)."""

from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F
from hypothesis import given
from hypothesis import strategies as st

from mlvc_reference.transformer import layer_norm, transformer_encoder_block

seeds = st.integers(0, 2**32 - 1)


@given(seeds, st.lists(st.integers(1, 4), max_size=2), st.integers(1, 8), st.sampled_from([1e-5, 1e-3, 0.1]),
       st.sampled_from([1.0, 0.01]))
def test_layer_norm_matches_torch(seed, batch, d, eps, spread):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(*batch, 1)) + spread * rng.normal(size=(*batch, d))
    gamma, beta = rng.normal(size=d), rng.normal(size=d)
    before = x.copy()
    t = torch.from_numpy
    expected = F.layer_norm(t(x), (d,), t(gamma), t(beta), eps).numpy()
    np.testing.assert_allclose(layer_norm(x, gamma, beta, eps), expected, rtol=1e-9, atol=1e-12)
    np.testing.assert_array_equal(x, before)


def test_layer_norm_default_eps_and_constant_rows():
    x = np.array([[1.0, 2.0, 4.0], [3.0, 3.0, 3.0]])
    gamma, beta = np.array([1.0, 2.0, 0.5]), np.array([0.0, 1.0, -1.0])
    expected = F.layer_norm(torch.from_numpy(x), (3,), torch.from_numpy(gamma), torch.from_numpy(beta), 1e-5).numpy()
    np.testing.assert_allclose(layer_norm(x, gamma, beta), expected, rtol=1e-12)
    np.testing.assert_array_equal(layer_norm(x, gamma, beta)[1], beta)


def _params(rng, d, d_ff):
    n = rng.normal
    p = {k: n(size=(d, d)) / np.sqrt(d) for k in ("W_q", "W_k", "W_v", "W_o")}
    p.update(ln1_gamma=1 + 0.2 * n(size=d), ln1_beta=0.2 * n(size=d), ln2_gamma=1 + 0.2 * n(size=d), ln2_beta=0.2 * n(size=d))
    p.update(W1=n(size=(d_ff, d)) / np.sqrt(d), b1=n(size=d_ff), W2=n(size=(d, d_ff)) / np.sqrt(d_ff), b2=n(size=d))
    return p


def _torch_layer(p, d, h, d_ff):
    layer = torch.nn.TransformerEncoderLayer(d, h, dim_feedforward=d_ff, dropout=0.0, activation="relu",
                                             layer_norm_eps=1e-5, batch_first=True, norm_first=True, dtype=torch.float64)
    t = torch.from_numpy
    with torch.no_grad():
        # torch computes x @ weight.T, the contract x @ W: torch's attention weights are the contract's transposed
        layer.self_attn.in_proj_weight.copy_(t(np.concatenate([p["W_q"].T, p["W_k"].T, p["W_v"].T])))
        layer.self_attn.in_proj_bias.zero_()
        layer.self_attn.out_proj.weight.copy_(t(p["W_o"].T))
        layer.self_attn.out_proj.bias.zero_()
        layer.linear1.weight.copy_(t(p["W1"]))
        layer.linear1.bias.copy_(t(p["b1"]))
        layer.linear2.weight.copy_(t(p["W2"]))
        layer.linear2.bias.copy_(t(p["b2"]))
        for norm, k in ((layer.norm1, "ln1"), (layer.norm2, "ln2")):
            norm.weight.copy_(t(p[f"{k}_gamma"]))
            norm.bias.copy_(t(p[f"{k}_beta"]))
    return layer.eval()


@given(seeds, st.integers(1, 3), st.integers(1, 5), st.sampled_from([(1, 2), (2, 2), (3, 1), (2, 3), (4, 2)]),
       st.integers(1, 8))
def test_encoder_block_matches_torch_pre_ln_layer(seed, B, L, heads_dk, d_ff):
    h, d_k = heads_dk
    d = h * d_k
    rng = np.random.default_rng(seed)
    x, p = rng.normal(size=(B, L, d)), _params(rng, d, d_ff)
    before = x.copy()
    with torch.no_grad():
        expected = _torch_layer(p, d, h, d_ff)(torch.from_numpy(x)).numpy()
    got = transformer_encoder_block(x, p, h)
    np.testing.assert_allclose(got, expected, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(transformer_encoder_block(x[0], p, h), expected[0], rtol=1e-9, atol=1e-12)
    np.testing.assert_array_equal(x, before)
