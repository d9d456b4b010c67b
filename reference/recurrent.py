"""One step of a vanilla RNN and of an LSTM (lecture: sequence learning).

Papers: Elman, "Finding Structure in Time" (1990); Hochreiter & Schmidhuber,
"Long Short-Term Memory" (1997). Batches are rows: x_t (n, d), h (n, H).
The LSTM's pre-activations come from one matrix acting on [h_{t-1}, x_t] and
are split in the contract's order [i, f, o, g]; torch's nn.LSTMCell stores the
same four blocks in the order [i, f, g, o].
"""

from __future__ import annotations

import numpy as np

from mlvc_reference.activations import sigmoid


def rnn_step(x_t: np.ndarray, h_prev: np.ndarray, W_xh: np.ndarray, W_hh: np.ndarray, b_h: np.ndarray) -> np.ndarray:
    """h_t of an Elman RNN.

    Args:
        x_t: (n, d) inputs.  h_prev: (n, H).
        W_xh: (H, d).  W_hh: (H, H).  b_h: (H,).

    Returns:
        h_t: (n, H).
    """
    x_t, h_prev = np.asarray(x_t, dtype=np.float64), np.asarray(h_prev, dtype=np.float64)
    # h_t = tanh(W_xh x_t + W_hh h_{t-1} + b_h), rows: x_t W_xh^T + h_{t-1} W_hh^T + b_h, (n, H)
    return np.tanh(x_t @ np.asarray(W_xh).T + h_prev @ np.asarray(W_hh).T + b_h)


def lstm_step(
    x_t: np.ndarray, h_prev: np.ndarray, c_prev: np.ndarray, W: np.ndarray, b: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(h_t, c_t) of an LSTM cell.

    Args:
        x_t: (n, d).  h_prev, c_prev: (n, H).
        W: (4H, H + d), acting on [h_{t-1}, x_t].  b: (4H,).

    Returns:
        (h_t (n, H), c_t (n, H)).
    """
    x_t, h_prev, c_prev = (np.asarray(a, dtype=np.float64) for a in (x_t, h_prev, c_prev))
    H = h_prev.shape[-1]
    # z = [h_{t-1}, x_t] W^T + b, (n, 4H)
    z = np.concatenate([h_prev, x_t], axis=-1) @ np.asarray(W).T + b
    # the four blocks in the contract's order [i, f, o, g], each (n, H)
    z_i, z_f, z_o, z_g = (z[..., k * H : (k + 1) * H] for k in range(4))
    i, f, o, g = sigmoid(z_i), sigmoid(z_f), sigmoid(z_o), np.tanh(z_g)
    # c_t = f ⊙ c_{t-1} + i ⊙ g
    c = f * c_prev + i * g
    # h_t = o ⊙ tanh(c_t)
    h = o * np.tanh(c)
    return h, c
