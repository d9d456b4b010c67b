"""rnn_step and lstm_step against torch's nn.RNNCell and nn.LSTMCell (whose gate order is [i, f, g, o])."""

from __future__ import annotations

import numpy as np
import torch
from hypothesis import given
from hypothesis import strategies as st

from mlvc_reference.recurrent import lstm_step, rnn_step

seeds = st.integers(0, 2**32 - 1)
dim = st.integers(1, 5)


@given(seeds, dim, dim, dim)
def test_rnn_step_matches_rnn_cell(seed, n, d, H):
    rng = np.random.default_rng(seed)
    x, h = rng.normal(size=(n, d)), rng.normal(size=(n, H))
    W_xh, W_hh, b = rng.normal(size=(H, d)), rng.normal(size=(H, H)), rng.normal(size=H)
    before = [a.copy() for a in (x, h, W_xh, W_hh, b)]
    cell = torch.nn.RNNCell(d, H, nonlinearity="tanh", dtype=torch.float64)
    with torch.no_grad():
        cell.weight_ih.copy_(torch.from_numpy(W_xh))
        cell.weight_hh.copy_(torch.from_numpy(W_hh))
        cell.bias_ih.copy_(torch.from_numpy(b))
        cell.bias_hh.zero_()
        expected = cell(torch.from_numpy(x), torch.from_numpy(h)).numpy()
    np.testing.assert_allclose(rnn_step(x, h, W_xh, W_hh, b), expected, rtol=1e-12, atol=1e-14)
    for a, c in zip((x, h, W_xh, W_hh, b), before):
        np.testing.assert_array_equal(a, c)


def _to_torch_order(M: np.ndarray, H: int) -> np.ndarray:
    """Rows (or entries) in the contract's blocks [i, f, o, g] -> torch's [i, f, g, o]."""
    i, f, o, g = (M[k * H : (k + 1) * H] for k in range(4))
    return np.concatenate([i, f, g, o])


@given(seeds, dim, dim, dim)
def test_lstm_step_matches_lstm_cell_after_reordering_the_gates(seed, n, d, H):
    rng = np.random.default_rng(seed)
    x, h, c = rng.normal(size=(n, d)), rng.normal(size=(n, H)), rng.normal(size=(n, H))
    W, b = rng.normal(size=(4 * H, H + d)), rng.normal(size=4 * H)
    before = [a.copy() for a in (x, h, c, W, b)]
    cell = torch.nn.LSTMCell(d, H, dtype=torch.float64)
    with torch.no_grad():
        # W acts on [h, x]: its first H columns are torch's weight_hh, the rest weight_ih
        cell.weight_hh.copy_(torch.from_numpy(_to_torch_order(W[:, :H], H)))
        cell.weight_ih.copy_(torch.from_numpy(_to_torch_order(W[:, H:], H)))
        cell.bias_ih.copy_(torch.from_numpy(_to_torch_order(b, H)))
        cell.bias_hh.zero_()
        h_t, c_t = cell(torch.from_numpy(x), (torch.from_numpy(h), torch.from_numpy(c)))
    got_h, got_c = lstm_step(x, h, c, W, b)
    np.testing.assert_allclose(got_h, h_t.numpy(), rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(got_c, c_t.numpy(), rtol=1e-12, atol=1e-14)
    for a, e in zip((x, h, c, W, b), before):
        np.testing.assert_array_equal(a, e)
