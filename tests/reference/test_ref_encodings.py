"""Positional encodings against loop versions written from the formulas, and their defining properties."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from mlvc_reference.encodings import fourier_features, sinusoidal_positional_encoding


def _pe_loops(n_pos: int, d_model: int) -> np.ndarray:
    PE = np.zeros((n_pos, d_model))
    for p in range(n_pos):
        for j in range(d_model):
            i = j // 2  # columns 2i and 2i+1 share the exponent 2i/d_model
            angle = p / 10000 ** (2 * i / d_model)
            PE[p, j] = math.sin(angle) if j % 2 == 0 else math.cos(angle)
    return PE


@given(st.integers(1, 60), st.integers(1, 40).map(lambda h: 2 * h))
def test_positional_encoding_matches_the_formula_loop(n_pos, d_model):
    PE = sinusoidal_positional_encoding(n_pos, d_model)
    assert PE.shape == (n_pos, d_model)
    np.testing.assert_allclose(PE, _pe_loops(n_pos, d_model), rtol=1e-12, atol=1e-12)


def test_position_offsets_are_rotations_of_each_sin_cos_pair():
    PE = sinusoidal_positional_encoding(40, 16)
    np.testing.assert_array_equal(PE[0], np.tile([0.0, 1.0], 8))
    omega = 1 / 10000 ** (np.arange(0, 16, 2) / 16)
    k = 7
    for p in (0, 5, 20):
        s, c = PE[p, 0::2], PE[p, 1::2]
        # (sin, cos)(ω(p + k)) = rotation by ωk of (sin, cos)(ωp)
        np.testing.assert_allclose(PE[p + k, 0::2], s * np.cos(omega * k) + c * np.sin(omega * k), atol=1e-12)
        np.testing.assert_allclose(PE[p + k, 1::2], c * np.cos(omega * k) - s * np.sin(omega * k), atol=1e-12)


def _gamma_loops(p: np.ndarray, L: int) -> np.ndarray:
    flat = p.reshape(-1, p.shape[-1])
    rows = []
    for point in flat:
        row = []
        for pj in point:  # one block per coordinate
            for l in range(L):
                row += [math.sin(2**l * math.pi * pj), math.cos(2**l * math.pi * pj)]
        rows.append(row)
    return np.array(rows).reshape(*p.shape[:-1], p.shape[-1] * 2 * L)


@given(
    hnp.arrays(np.float64, hnp.array_shapes(min_dims=1, max_dims=3, max_side=4), elements=st.floats(-1, 1)),
    st.integers(1, 8),
)
def test_fourier_features_match_the_formula_loop(p, L):
    before = p.copy()
    gamma = fourier_features(p, L)
    assert gamma.shape == p.shape[:-1] + (p.shape[-1] * 2 * L,)
    np.testing.assert_allclose(gamma, _gamma_loops(p, L), rtol=1e-12, atol=1e-12)
    np.testing.assert_array_equal(p, before)


def test_fourier_features_of_simple_points():
    gamma = fourier_features(np.array([0.5, 0.0]), 2)
    # p = 0.5: sin(π/2), cos(π/2), sin(π), cos(π);  p = 0: 0, 1, 0, 1
    np.testing.assert_allclose(gamma, [1.0, 0.0, 0.0, -1.0, 0.0, 1.0, 0.0, 1.0], atol=1e-15)
