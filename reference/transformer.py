"""Layer normalisation and a pre-LN transformer encoder block (lecture: the transformer).

Papers: Ba, Kiros & Hinton, "Layer Normalization" (2016); Xiong et al., "On
Layer Normalization in the Transformer Architecture" (2020) for pre-LN.
LayerNorm(x) = γ (x - μ) / sqrt(σ² + ε) + β over the last axis with the biased
variance; the notes print (σ + ε) in the denominator, which is a different
(if close) function. Pre-LN puts the norm inside each residual branch,
x + Sublayer(LN(x)); the original paper's post-LN is LN(x + Sublayer(x)).
"""

from __future__ import annotations

import numpy as np

from mlvc_reference.attention import multi_head_attention

LN_EPS = 1e-5


def layer_norm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float = LN_EPS) -> np.ndarray:
    """Layer normalisation over the last axis.

    Args:
        x: (..., d).  gamma, beta: (d,).  eps: added to the variance.

    Returns:
        y: x's shape.
    """
    x = np.asarray(x, dtype=np.float64)
    # μ = mean_k x_k, σ² = mean_k (x_k - μ)²   (biased: divide by d), (..., 1)
    mu = x.mean(axis=-1, keepdims=True)
    var = np.mean((x - mu) ** 2, axis=-1, keepdims=True)
    # y = γ (x - μ) / sqrt(σ² + ε) + β
    return gamma * (x - mu) / np.sqrt(var + eps) + beta


def feed_forward(z: np.ndarray, W1: np.ndarray, b1: np.ndarray, W2: np.ndarray, b2: np.ndarray) -> np.ndarray:
    """FFN(z) = relu(z W1^T + b1) W2^T + b2; W1 (d_ff, d), W2 (d, d_ff)."""
    # (..., L, d_ff)
    hidden = np.maximum(z @ np.asarray(W1).T + b1, 0.0)
    # (..., L, d)
    return hidden @ np.asarray(W2).T + b2


def transformer_encoder_block(x: np.ndarray, params: dict, num_heads: int) -> np.ndarray:
    """One pre-LN encoder block: self-attention and a feed-forward net, each in a residual branch.

    Args:
        x: (L, d) or (B, L, d).
        params: W_q, W_k, W_v, W_o (d, d) right-multiplied as in multi_head_attention;
            ln1_gamma, ln1_beta, ln2_gamma, ln2_beta (d,); W1 (d_ff, d), b1 (d_ff,),
            W2 (d, d_ff), b2 (d,).
        num_heads: h, dividing d.

    Returns:
        y: x's shape.
    """
    x = np.asarray(x, dtype=np.float64)
    p = params
    # y1 = x + MHA(LN1(x)), self-attention without a mask, (..., L, d)
    z1 = layer_norm(x, p["ln1_gamma"], p["ln1_beta"])
    y1 = x + multi_head_attention(z1, z1, p["W_q"], p["W_k"], p["W_v"], p["W_o"], num_heads)
    # y = y1 + FFN(LN2(y1)), (..., L, d)
    z2 = layer_norm(y1, p["ln2_gamma"], p["ln2_beta"])
    return y1 + feed_forward(z2, p["W1"], p["b1"], p["W2"], p["b2"])
