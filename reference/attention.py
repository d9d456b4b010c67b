"""Scaled dot-product and multi-head attention (lecture: sequence learning and attention).

Paper: Vaswani et al., "Attention Is All You Need" (2017).
`Attention(Q, K, V) = softmax(Q K^T / sqrt(d_k)) V`, the softmax running over
the keys. Masks are boolean with True = "may attend"; blocked scores become
-inf before the softmax, so their weights are exactly 0 and each row still
sums to one. Projections are right-multiplied: `Q = x_q W_q` with W
`(d_model, d_model)`, head h using columns `h d_k : (h+1) d_k`.
"""

from __future__ import annotations

import numpy as np

from mlvc_reference.activations import softmax


def scaled_dot_product_attention(
    Q: np.ndarray, K: np.ndarray, V: np.ndarray, mask: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Scaled dot-product attention, stable for scores up to 1e4 in magnitude.

    Args:
        Q: (..., Lq, d).  K: (..., Lk, d).  V: (..., Lk, dv).
        mask: bool, broadcastable to (..., Lq, Lk), True = may attend; every
            query keeps at least one key.

    Returns:
        (out (..., Lq, dv), weights (..., Lq, Lk)).
    """
    Q, K, V = (np.asarray(a, dtype=np.float64) for a in (Q, K, V))
    d_k = Q.shape[-1]
    # scores = Q K^T / sqrt(d_k), (..., Lq, Lk)
    scores = np.matmul(Q, np.swapaxes(K, -1, -2)) / np.sqrt(d_k)
    if mask is not None:
        # blocked positions get -inf, i.e. weight e^{-inf} = 0 after the softmax
        scores = np.where(np.asarray(mask, dtype=bool), scores, -np.inf)
    # a_{ij} = softmax_j(scores_{ij})  (over the keys), (..., Lq, Lk)
    weights = softmax(scores, axis=-1)
    # out_i = Σ_j a_{ij} v_j, (..., Lq, dv)
    out = np.matmul(weights, V)
    return out, weights


def causal_mask(n: int) -> np.ndarray:
    """Causal (look-ahead) mask: position i may attend to j <= i.

    Returns:
        (n, n) bool, True on and below the diagonal.
    """
    return np.tril(np.ones((n, n), dtype=bool))


def _split_heads(X: np.ndarray, h: int) -> np.ndarray:
    """(..., L, d_model) -> (..., h, L, d_k); head i holds columns i d_k:(i+1) d_k."""
    *batch, L, d_model = X.shape
    d_k = d_model // h
    # (..., L, h, d_k)
    X = X.reshape(*batch, L, h, d_k)
    # (..., h, L, d_k)
    return np.swapaxes(X, -2, -3)


def multi_head_attention(
    x_q: np.ndarray,
    x_kv: np.ndarray,
    W_q: np.ndarray,
    W_k: np.ndarray,
    W_v: np.ndarray,
    W_o: np.ndarray,
    num_heads: int,
    mask: np.ndarray | None = None,
) -> np.ndarray:
    """Multi-head attention without biases.

    Args:
        x_q: (..., Lq, d_model) queries' input.  x_kv: (..., Lk, d_model).
        W_q, W_k, W_v, W_o: (d_model, d_model), right-multiplied.
        num_heads: h, dividing d_model; d_k = d_model / h.
        mask: bool, broadcastable to (..., Lq, Lk), shared by all heads.

    Returns:
        out: (..., Lq, d_model).
    """
    x_q, x_kv = np.asarray(x_q, dtype=np.float64), np.asarray(x_kv, dtype=np.float64)
    h = num_heads
    # Q = x_q W_q, K = x_kv W_k, V = x_kv W_v, each split into heads, (..., h, L, d_k)
    Q = _split_heads(x_q @ W_q, h)
    K = _split_heads(x_kv @ W_k, h)
    V = _split_heads(x_kv @ W_v, h)
    if mask is not None:
        mask = np.asarray(mask, dtype=bool)
        if mask.ndim >= 2:
            # the same mask for every head, (..., 1, Lq, Lk)
            mask = np.expand_dims(mask, -3)
    # head_i = Attention(Q_i, K_i, V_i), (..., h, Lq, d_k)
    heads, _ = scaled_dot_product_attention(Q, K, V, mask)
    # (..., Lq, h, d_k)
    heads = np.swapaxes(heads, -2, -3)
    # Concat(head_1, ..., head_h), (..., Lq, d_model)
    concat = heads.reshape(*heads.shape[:-2], -1)
    # out = Concat(heads) W_o
    return concat @ W_o


def additive_attention(
    s_prev: np.ndarray, H: np.ndarray, W_s: np.ndarray, W_h: np.ndarray, v: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Additive (Bahdanau) attention of one decoder state over the encoder states.

    Paper: Bahdanau, Cho & Bengio, "Neural Machine Translation by Jointly
    Learning to Align and Translate" (2015).

    Args:
        s_prev: (d_s,) decoder state s_{t-1}.  H: (T, d_h) encoder states h_i as rows.
        W_s: (d_a, d_s).  W_h: (d_a, d_h).  v: (d_a,).

    Returns:
        (context (d_h,), weights (T,)).
    """
    s_prev, H = np.asarray(s_prev, dtype=np.float64), np.asarray(H, dtype=np.float64)
    # W_s s_{t-1} + W_h h_i for every i, (T, d_a)
    hidden = np.tanh(np.asarray(W_s) @ s_prev + H @ np.asarray(W_h).T)
    # e_i = v · tanh(W_s s_{t-1} + W_h h_i), (T,)
    e = hidden @ np.asarray(v)
    # a_i = softmax_i(e), (T,)
    weights = softmax(e)
    # c = Σ_i a_i h_i, (d_h,)
    return weights @ H, weights
