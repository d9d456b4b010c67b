"""Known wrong versions of `sinusoidal_positional_encoding` and `fourier_features` (contract signatures)."""

from __future__ import annotations

import numpy as np


def _angles(n_pos: int, d_model: int, exponent: np.ndarray) -> np.ndarray:
    """p / 10000^{exponent / d_model}: (n_pos, len(exponent))."""
    p = np.arange(n_pos, dtype=np.float64)[:, None]
    return p / 10000.0 ** (exponent / d_model)


def _interleave(sin: np.ndarray, cos: np.ndarray) -> np.ndarray:
    out = np.empty((sin.shape[0], 2 * sin.shape[1]))
    out[:, 0::2], out[:, 1::2] = sin, cos
    return out


def pe_exponent_i(n_pos: int, d_model: int) -> np.ndarray:
    """Wrong: 10000^{i/d_model} with the pair index i instead of 2i: the frequencies fall only half as far."""
    a = _angles(n_pos, d_model, np.arange(d_model // 2, dtype=np.float64))
    return _interleave(np.sin(a), np.cos(a))


def pe_exponent_column_index(n_pos: int, d_model: int) -> np.ndarray:
    """Wrong: every column j uses its own exponent j/d_model, so cos column 2i+1 gets (2i+1)/d_model
    instead of sharing 2i/d_model with its sine."""
    j = np.arange(d_model, dtype=np.float64)
    a = _angles(n_pos, d_model, j)  # (n_pos, d_model)
    return np.where(j % 2 == 0, np.sin(a), np.cos(a))


def pe_sin_cos_swapped(n_pos: int, d_model: int) -> np.ndarray:
    """Wrong: cos in the even columns and sin in the odd ones."""
    a = _angles(n_pos, d_model, np.arange(0, d_model, 2, dtype=np.float64))
    return _interleave(np.cos(a), np.sin(a))


def pe_concatenated_halves(n_pos: int, d_model: int) -> np.ndarray:
    """Wrong: [all sines | all cosines] (as in some code bases) instead of interleaving sin and cos."""
    a = _angles(n_pos, d_model, np.arange(0, d_model, 2, dtype=np.float64))
    return np.concatenate([np.sin(a), np.cos(a)], axis=1)


def _sin_cos(p: np.ndarray, L: int, powers: np.ndarray, pi: float = np.pi) -> np.ndarray:
    """sin and cos of 2^powers · pi · p: (..., D, L, 2)."""
    angle = np.asarray(p, dtype=np.float64)[..., None] * (2.0**powers * pi)
    return np.stack([np.sin(angle), np.cos(angle)], axis=-1)


def fourier_grouped_by_frequency(p: np.ndarray, L: int) -> np.ndarray:
    """Wrong: order (frequency, coordinate, sin/cos): [sin(π p_1), cos(π p_1), sin(π p_2), ...] per
    frequency, instead of all frequencies of p_1 first. Same as correct when D = 1."""
    f = _sin_cos(p, L, np.arange(L))  # (..., D, L, 2)
    f = np.swapaxes(f, -3, -2)  # (..., L, D, 2)
    return f.reshape(*f.shape[:-3], -1)


def fourier_nerf_code_layout(p: np.ndarray, L: int) -> np.ndarray:
    """Wrong: NeRF's released-code order (frequency, sin/cos, coordinate): [sin(π p), cos(π p), sin(2π p), ...]
    with p the whole vector, instead of one block per coordinate. Same as correct when D = 1."""
    f = _sin_cos(p, L, np.arange(L))  # (..., D, L, 2)
    f = np.moveaxis(f, -3, -1)  # (..., L, 2, D)
    return f.reshape(*f.shape[:-3], -1)


def fourier_no_pi(p: np.ndarray, L: int) -> np.ndarray:
    """Wrong: frequencies 2^l without π (as NeRF's code, which scales inputs instead); the contract has 2^l π."""
    f = _sin_cos(p, L, np.arange(L), pi=1.0)
    return f.reshape(*f.shape[:-3], -1)


def fourier_powers_from_one(p: np.ndarray, L: int) -> np.ndarray:
    """Wrong: frequencies 2^1 π .. 2^L π; the first frequency is 2^0 π = π."""
    f = _sin_cos(p, L, np.arange(1, L + 1))
    return f.reshape(*f.shape[:-3], -1)
