"""Sinusoidal encodings of positions and coordinates (lectures: SGD + MLPs; Transformers; NeRF).

Two families share the idea of feeding sines and cosines of geometrically
spaced frequencies instead of a raw number:

- Transformer positional encoding (Vaswani et al., "Attention Is All You Need"):
  `PE[p, 2i] = sin(p / 10000^{2i/d_model})`, `PE[p, 2i+1] = cos(p / 10000^{2i/d_model})`:
  columns 2i and 2i+1 share one frequency, so the exponent uses the even index 2i
  for both, and sines and cosines are interleaved.
- NeRF's Fourier features (Mildenhall et al., "NeRF"): `γ(p) = (sin(2^0 π p),
  cos(2^0 π p), ..., sin(2^{L-1} π p), cos(2^{L-1} π p))`, applied to each
  coordinate p_j in turn and concatenated. (NeRF's released code drops the π and
  groups by frequency; the course formula and the contract keep π and group by
  coordinate.)
"""

from __future__ import annotations

import numpy as np


def sinusoidal_positional_encoding(n_pos: int, d_model: int) -> np.ndarray:
    """The Transformer's fixed positional encoding.

    Args:
        n_pos: number of positions p = 0 .. n_pos-1.
        d_model: even model width.

    Returns:
        PE: (n_pos, d_model).
    """
    p = np.arange(n_pos, dtype=np.float64)[:, None]  # (n_pos, 1)
    two_i = np.arange(0, d_model, 2, dtype=np.float64)  # (d_model/2,) the even indices 2i
    # ω_i = 1 / 10000^{2i/d_model}, (d_model/2,)
    omega = 1.0 / 10000.0 ** (two_i / d_model)
    angle = p * omega  # (n_pos, d_model/2)
    PE = np.empty((n_pos, d_model))
    # PE[p, 2i] = sin(p ω_i),  PE[p, 2i+1] = cos(p ω_i)
    PE[:, 0::2] = np.sin(angle)
    PE[:, 1::2] = np.cos(angle)
    return PE


def fourier_features(p: np.ndarray, L: int) -> np.ndarray:
    """NeRF's positional encoding γ, applied to every coordinate of p.

    Args:
        p: (..., D) coordinates.
        L: number of frequencies 2^0 π .. 2^{L-1} π.

    Returns:
        gamma: (..., D*2L); for coordinate j the block [sin(2^0 π p_j), cos(2^0 π p_j), ...,
        sin(2^{L-1} π p_j), cos(2^{L-1} π p_j)], blocks in coordinate order.
    """
    p = np.asarray(p, dtype=np.float64)
    # frequencies 2^l π, l = 0..L-1: (L,)
    freq = 2.0 ** np.arange(L) * np.pi
    angle = p[..., None] * freq  # (..., D, L)
    # [sin, cos] innermost: (..., D, L, 2)
    pairs = np.stack([np.sin(angle), np.cos(angle)], axis=-1)
    # flatten (D, L, 2) in that order: coordinate, then frequency, then sin/cos -> (..., D*2L)
    return pairs.reshape(*p.shape[:-1], p.shape[-1] * 2 * L)
