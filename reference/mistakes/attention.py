"""Known wrong attention implementations: softmax axis, scaling, masking, head splitting."""

from __future__ import annotations

import numpy as np

from mlvc_reference.activations import softmax
from mlvc_reference.attention import multi_head_attention as _mha


def _scores(Q: np.ndarray, K: np.ndarray, scale: float) -> np.ndarray:
    """Q K^T / scale, (..., Lq, Lk)."""
    Q, K = np.asarray(Q, dtype=np.float64), np.asarray(K, dtype=np.float64)
    return np.matmul(Q, np.swapaxes(K, -1, -2)) / scale


def _masked(scores: np.ndarray, mask: np.ndarray | None) -> np.ndarray:
    return scores if mask is None else np.where(np.asarray(mask, dtype=bool), scores, -np.inf)


def sdpa_softmax_over_queries(
    Q: np.ndarray, K: np.ndarray, V: np.ndarray, mask: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Wrong: softmax over the query axis (-2), so columns, not rows, sum to one."""
    with np.errstate(invalid="ignore"):  # a key no query may see gives a 0/0 column
        weights = softmax(_masked(_scores(Q, K, np.sqrt(np.shape(Q)[-1])), mask), axis=-2)
    return np.matmul(weights, V), weights


def sdpa_no_scaling(
    Q: np.ndarray, K: np.ndarray, V: np.ndarray, mask: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Wrong: softmax(Q K^T) V without dividing by sqrt(d); the softmax saturates as d grows."""
    weights = softmax(_masked(_scores(Q, K, 1.0), mask), axis=-1)
    return np.matmul(weights, V), weights


def sdpa_scaled_by_d(
    Q: np.ndarray, K: np.ndarray, V: np.ndarray, mask: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Wrong: divides the scores by d instead of sqrt(d) (same as correct only when d = 1)."""
    weights = softmax(_masked(_scores(Q, K, float(np.shape(Q)[-1])), mask), axis=-1)
    return np.matmul(weights, V), weights


def sdpa_mask_after_softmax(
    Q: np.ndarray, K: np.ndarray, V: np.ndarray, mask: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Wrong: zeroes the blocked weights after the softmax, so rows no longer sum to one.

    Only observable when a mask blocks something.
    """
    weights = softmax(_scores(Q, K, np.sqrt(np.shape(Q)[-1])), axis=-1)
    if mask is not None:
        weights = weights * np.asarray(mask, dtype=bool)
    return np.matmul(weights, V), weights


def causal_mask_upper(n: int) -> np.ndarray:
    """Wrong: True on and above the diagonal, so each position sees the future, not the past (n >= 2)."""
    return np.triu(np.ones((n, n), dtype=bool))


def causal_mask_strict(n: int) -> np.ndarray:
    """Wrong: strictly below the diagonal; a position may not attend to itself and row 0 is empty."""
    return np.tril(np.ones((n, n), dtype=bool), k=-1)


def causal_mask_blocked_positions(n: int) -> np.ndarray:
    """Wrong: True strictly above the diagonal, marking the *blocked* positions (PyTorch's
    `attn_mask` convention) while the contract's True means "may attend"."""
    return np.triu(np.ones((n, n), dtype=bool), k=1)


def mha_heads_strided(
    x_q: np.ndarray, x_kv: np.ndarray, W_q: np.ndarray, W_k: np.ndarray, W_v: np.ndarray,
    W_o: np.ndarray, num_heads: int, mask: np.ndarray | None = None,
) -> np.ndarray:
    """Wrong: head h takes columns h, h + num_heads, ... (reshape to (L, d_k, h)) instead of
    the contiguous block h d_k:(h+1) d_k. Equivalent to permuting the columns of W_q, W_k, W_v
    and the rows of W_o, so the output differs for generic weights."""
    d_model = np.shape(W_q)[0]
    h, d_k = num_heads, d_model // num_heads
    # column j of the strided layout is column (j % d_k) * h + j // d_k of the contract's
    perm = np.array([(j % d_k) * h + j // d_k for j in range(d_model)])
    W_q, W_k, W_v = (np.asarray(W)[:, perm] for W in (W_q, W_k, W_v))
    # merging the heads back with the same strided layout permutes the rows W_o meets
    return _mha(x_q, x_kv, W_q, W_k, W_v, np.asarray(W_o)[perm, :], num_heads, mask)


def mha_scaled_by_d_model(
    x_q: np.ndarray, x_kv: np.ndarray, W_q: np.ndarray, W_k: np.ndarray, W_v: np.ndarray,
    W_o: np.ndarray, num_heads: int, mask: np.ndarray | None = None,
) -> np.ndarray:
    """Wrong: scales every head's scores by 1/sqrt(d_model) instead of 1/sqrt(d_k) (same when h = 1)."""
    # scaling W_q by sqrt(d_k / d_model) turns Q K^T / sqrt(d_k) into Q K^T / sqrt(d_model)
    return _mha(x_q, x_kv, np.asarray(W_q) / np.sqrt(num_heads), W_k, W_v, W_o, num_heads, mask)


def mha_no_output_projection(
    x_q: np.ndarray, x_kv: np.ndarray, W_q: np.ndarray, W_k: np.ndarray, W_v: np.ndarray,
    W_o: np.ndarray, num_heads: int, mask: np.ndarray | None = None,
) -> np.ndarray:
    """Wrong: returns Concat(heads) and forgets the output projection W_o."""
    return _mha(x_q, x_kv, W_q, W_k, W_v, np.eye(np.shape(W_o)[0]), num_heads, mask)


def mha_weights_transposed(
    x_q: np.ndarray, x_kv: np.ndarray, W_q: np.ndarray, W_k: np.ndarray, W_v: np.ndarray,
    W_o: np.ndarray, num_heads: int, mask: np.ndarray | None = None,
) -> np.ndarray:
    """Wrong: x @ W.T for every projection (the nn.Linear habit); the contract right-multiplies by W."""
    Ts = (np.asarray(W).T for W in (W_q, W_k, W_v, W_o))
    return _mha(x_q, x_kv, *Ts, num_heads, mask)


def _additive(s_prev, H, W_s, W_h, v, *, tanh_inside: bool = True, tanh_outside: bool = False,
              normalise: bool = True, projected_context: bool = False):
    s_prev, H, W_s, W_h, v = (np.asarray(a, dtype=np.float64) for a in (s_prev, H, W_s, W_h, v))
    pre = W_s @ s_prev + H @ W_h.T  # (T, d_a)
    e = (np.tanh(pre) if tanh_inside else pre) @ v  # (T,)
    if tanh_outside:
        e = np.tanh(e)
    weights = softmax(e) if normalise else e
    return weights @ (H @ W_h.T if projected_context else H), weights


def additive_attention_no_tanh(s_prev, H, W_s, W_h, v):
    """Wrong: e_i = v · (W_s s + W_h h_i) without the tanh; the score is then linear in h_i."""
    return _additive(s_prev, H, W_s, W_h, v, tanh_inside=False)


def additive_attention_tanh_outside(s_prev, H, W_s, W_h, v):
    """Wrong: e_i = tanh(v · (W_s s + W_h h_i)), the tanh moved outside the dot product with v."""
    return _additive(s_prev, H, W_s, W_h, v, tanh_inside=False, tanh_outside=True)


def additive_attention_no_softmax(s_prev, H, W_s, W_h, v):
    """Wrong: uses the raw scores e as the weights; they are neither positive nor summing to one."""
    return _additive(s_prev, H, W_s, W_h, v, normalise=False)


def additive_attention_projected_context(s_prev, H, W_s, W_h, v):
    """Wrong: context = Σ a_i W_h h_i (the projected states, length d_a) instead of Σ a_i h_i."""
    return _additive(s_prev, H, W_s, W_h, v, projected_context=True)
