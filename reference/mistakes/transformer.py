"""Known wrong layer norms and encoder blocks (names and explanations: question_bank/06_sequence_code.yaml)."""

from __future__ import annotations

import warnings

import numpy as np

from mlvc_reference.attention import multi_head_attention
from mlvc_reference.transformer import LN_EPS, feed_forward
from mlvc_reference.transformer import layer_norm as _layer_norm


def layer_norm_sigma_plus_eps(x, gamma, beta, eps: float = LN_EPS) -> np.ndarray:
    """Wrong: γ (x - μ) / (σ + ε) + β, the notes' form; ε belongs under the root, sqrt(σ² + ε)."""
    x = np.asarray(x, dtype=np.float64)
    mu = x.mean(axis=-1, keepdims=True)
    return gamma * (x - mu) / (x.std(axis=-1, keepdims=True) + eps) + beta


def layer_norm_unbiased(x, gamma, beta, eps: float = LN_EPS) -> np.ndarray:
    """Wrong: the unbiased variance (divide by d - 1); layer norm uses the biased one (divide by d)."""
    x = np.asarray(x, dtype=np.float64)
    mu = x.mean(axis=-1, keepdims=True)
    with warnings.catch_warnings():  # d = 1: 0/0 by design
        warnings.simplefilter("ignore", RuntimeWarning)
        return gamma * (x - mu) / np.sqrt(x.var(axis=-1, ddof=1, keepdims=True) + eps) + beta


def layer_norm_over_batch(x, gamma, beta, eps: float = LN_EPS) -> np.ndarray:
    """Wrong: statistics over the first (batch) axis, i.e. batch norm, not over each sample's features."""
    x = np.asarray(x, dtype=np.float64)
    mu = x.mean(axis=0, keepdims=True)
    return gamma * (x - mu) / np.sqrt(x.var(axis=0, keepdims=True) + eps) + beta


def _block(x, params, num_heads, *, post_ln: bool = False, residual_from_norm: bool = False,
           relu: bool = True, one_norm: bool = False, sigma_plus_eps: bool = False) -> np.ndarray:
    x = np.asarray(x, dtype=np.float64)
    p = params
    layer_norm = layer_norm_sigma_plus_eps if sigma_plus_eps else _layer_norm
    ln2 = ("ln1_gamma", "ln1_beta") if one_norm else ("ln2_gamma", "ln2_beta")

    def ffn(z):
        if relu:
            return feed_forward(z, p["W1"], p["b1"], p["W2"], p["b2"])
        return (z @ np.asarray(p["W1"]).T + p["b1"]) @ np.asarray(p["W2"]).T + p["b2"]

    def mha(z):
        return multi_head_attention(z, z, p["W_q"], p["W_k"], p["W_v"], p["W_o"], num_heads)

    if post_ln:
        y1 = layer_norm(x + mha(x), p["ln1_gamma"], p["ln1_beta"])
        return layer_norm(y1 + ffn(y1), p[ln2[0]], p[ln2[1]])
    z1 = layer_norm(x, p["ln1_gamma"], p["ln1_beta"])
    y1 = (z1 if residual_from_norm else x) + mha(z1)
    z2 = layer_norm(y1, p[ln2[0]], p[ln2[1]])
    return (z2 if residual_from_norm else y1) + ffn(z2)


def encoder_block_post_ln(x, params, num_heads) -> np.ndarray:
    """Wrong: post-LN, y1 = LN1(x + MHA(x)), y = LN2(y1 + FFN(y1)) (the 2017 paper); the contract is pre-LN."""
    return _block(x, params, num_heads, post_ln=True)


def encoder_block_residual_from_norm(x, params, num_heads) -> np.ndarray:
    """Wrong: adds the normalised input to the branch, LN(x) + MHA(LN(x)); the skip carries x itself."""
    return _block(x, params, num_heads, residual_from_norm=True)


def encoder_block_no_relu(x, params, num_heads) -> np.ndarray:
    """Wrong: the feed-forward net without its ReLU collapses into one linear map."""
    return _block(x, params, num_heads, relu=False)


def encoder_block_one_norm(x, params, num_heads) -> np.ndarray:
    """Wrong: uses ln1's γ, β before the feed-forward net too; each sublayer has its own layer norm."""
    return _block(x, params, num_heads, one_norm=True)


def encoder_block_sigma_plus_eps(x, params, num_heads) -> np.ndarray:
    """Wrong: both layer norms divide by (σ + ε), the notes' form, instead of sqrt(σ² + ε)."""
    return _block(x, params, num_heads, sigma_plus_eps=True)
