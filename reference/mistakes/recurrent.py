"""Known wrong RNN and LSTM steps (names and explanations: question_bank/06_sequence_code.yaml)."""

from __future__ import annotations

import numpy as np

from mlvc_reference.activations import sigmoid


def _f64(*arrays: np.ndarray) -> tuple[np.ndarray, ...]:
    return tuple(np.asarray(a, dtype=np.float64) for a in arrays)


def rnn_step_weights_not_transposed(x_t, h_prev, W_xh, W_hh, b_h) -> np.ndarray:
    """Wrong: x_t @ W_xh + h_prev @ W_hh; with rows as samples the weights act transposed
    (this only runs when W_xh is square, i.e. d == H)."""
    x_t, h_prev, W_xh, W_hh = _f64(x_t, h_prev, W_xh, W_hh)
    return np.tanh(x_t @ W_xh + h_prev @ W_hh + b_h)


def rnn_step_sigmoid(x_t, h_prev, W_xh, W_hh, b_h) -> np.ndarray:
    """Wrong: the logistic sigmoid instead of tanh, so the state is never negative."""
    x_t, h_prev, W_xh, W_hh = _f64(x_t, h_prev, W_xh, W_hh)
    return sigmoid(x_t @ W_xh.T + h_prev @ W_hh.T + b_h)


def rnn_step_bias_after_tanh(x_t, h_prev, W_xh, W_hh, b_h) -> np.ndarray:
    """Wrong: tanh(x W_xh^T + h W_hh^T) + b_h, the bias added outside the nonlinearity."""
    x_t, h_prev, W_xh, W_hh = _f64(x_t, h_prev, W_xh, W_hh)
    return np.tanh(x_t @ W_xh.T + h_prev @ W_hh.T) + b_h


def _lstm(x_t, h_prev, c_prev, W, b, order: str = "ifog", x_first: bool = False, tanh_c: bool = True):
    x_t, h_prev, c_prev, W = _f64(x_t, h_prev, c_prev, W)
    H = h_prev.shape[-1]
    inputs = [x_t, h_prev] if x_first else [h_prev, x_t]
    z = np.concatenate(inputs, axis=-1) @ W.T + b
    blocks = {name: z[..., k * H : (k + 1) * H] for k, name in enumerate(order)}
    i, f, o, g = sigmoid(blocks["i"]), sigmoid(blocks["f"]), sigmoid(blocks["o"]), np.tanh(blocks["g"])
    c = f * c_prev + i * g
    return o * (np.tanh(c) if tanh_c else c), c


def lstm_step_torch_gate_order(x_t, h_prev, c_prev, W, b) -> tuple[np.ndarray, np.ndarray]:
    """Wrong: splits z as [i, f, g, o] (torch's nn.LSTM layout); the contract's order is [i, f, o, g]."""
    return _lstm(x_t, h_prev, c_prev, W, b, order="ifgo")


def lstm_step_input_first(x_t, h_prev, c_prev, W, b) -> tuple[np.ndarray, np.ndarray]:
    """Wrong: concatenates [x_t, h_prev]; W's first H columns belong to h_prev."""
    return _lstm(x_t, h_prev, c_prev, W, b, x_first=True)


def lstm_step_no_tanh_on_cell(x_t, h_prev, c_prev, W, b) -> tuple[np.ndarray, np.ndarray]:
    """Wrong: h = o ⊙ c; the cell state is squashed first, h = o ⊙ tanh(c)."""
    return _lstm(x_t, h_prev, c_prev, W, b, tanh_c=False)


def lstm_step_returns_c_h(x_t, h_prev, c_prev, W, b) -> tuple[np.ndarray, np.ndarray]:
    """Wrong: returns (c, h); the contract's order is (h, c)."""
    h, c = _lstm(x_t, h_prev, c_prev, W, b)
    return c, h
