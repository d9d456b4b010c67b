"""Chapter 6 task specs: one RNN step, one LSTM step, additive (Bahdanau) attention.

Weights are N(0, 1/fan_in) so pre-activations are O(1) and tanh/sigmoid are
neither linear nor saturated; the hidden size H and the input size d are drawn
independently (d == H is where a transposed weight still runs, d != H where
[x, h] and [h, x] line up differently). Additive attention uses one decoder
state s_prev (d_s,) and encoder states H (T, d_h) with d_s, d_h and d_a drawn
independently.
"""

from __future__ import annotations

import numpy as np

from mlvc_review.grading.spec import Case, Check, TaskSpec, register
from mlvc_review.grading.tasks.strategies import cases, fixed, normal


def _rnn_case(rng: np.random.Generator, n: int, d: int, H: int, label: str = "") -> Case:
    x_t, h_prev = normal(rng, n, d), normal(rng, n, H, scale=0.5)
    W_xh, W_hh, b_h = normal(rng, H, d, scale=d**-0.5), normal(rng, H, H, scale=H**-0.5), normal(rng, H, scale=0.5)
    return Case((x_t, h_prev, W_xh, W_hh, b_h), label=label or f"x_t {x_t.shape}, H={H}")


def _rnn_edges() -> list[Case]:
    return fixed(
        _rnn_case,
        dict(n=1, d=1, H=1, label="one sample, d = H = 1"),
        dict(n=3, d=4, H=4, label="d == H"),
        dict(n=2, d=5, H=3, label="d > H"),
        dict(n=4, d=2, H=6, label="d < H"),
        dict(n=1, d=3, H=3, label="a batch of one, d == H"),
    )


register(
    TaskSpec(
        function="rnn_step",
        reference="mlvc_reference.recurrent:rnn_step",
        checks=(
            Check("values", "compare", strategy=lambda: cases(_rnn_case, n=(1, 4), d=(1, 5), H=(1, 5))),
            Check("edge shapes", "compare", examples=_rnn_edges),
            Check("no mutation", "mutation", examples=lambda: _rnn_edges()[1:3]),
        ),
    )
)


def _lstm_case(rng: np.random.Generator, n: int, d: int, H: int, label: str = "") -> Case:
    x_t, h_prev, c_prev = normal(rng, n, d), normal(rng, n, H, scale=0.5), normal(rng, n, H)
    W, b = normal(rng, 4 * H, H + d, scale=(H + d) ** -0.5), normal(rng, 4 * H, scale=0.5)
    return Case((x_t, h_prev, c_prev, W, b), label=label or f"x_t {x_t.shape}, H={H}, W {W.shape}")


def _lstm_edges() -> list[Case]:
    return fixed(
        _lstm_case,
        dict(n=1, d=1, H=1, label="one sample, d = H = 1"),
        dict(n=3, d=2, H=2, label="d == H"),
        dict(n=2, d=5, H=3, label="d > H"),
        dict(n=2, d=1, H=4, label="d < H"),
        dict(n=1, d=3, H=2, label="a batch of one"),
    )


register(
    TaskSpec(
        function="lstm_step",
        reference="mlvc_reference.recurrent:lstm_step",
        checks=(
            Check("values", "compare", strategy=lambda: cases(_lstm_case, n=(1, 4), d=(1, 5), H=(1, 5))),
            Check("edge shapes", "compare", examples=_lstm_edges),
            Check("no mutation", "mutation", examples=lambda: _lstm_edges()[1:3]),
        ),
    )
)


def _additive_case(rng: np.random.Generator, T: int, d_s: int, d_h: int, d_a: int, label: str = "") -> Case:
    s_prev, H = normal(rng, d_s), normal(rng, T, d_h)
    W_s, W_h, v = normal(rng, d_a, d_s, scale=d_s**-0.5), normal(rng, d_a, d_h, scale=d_h**-0.5), normal(rng, d_a)
    return Case((s_prev, H, W_s, W_h, v), label=label or f"T={T}, d_s={d_s}, d_h={d_h}, d_a={d_a}")


def _additive_edges() -> list[Case]:
    return fixed(
        _additive_case,
        dict(T=1, d_s=2, d_h=3, d_a=2, label="T = 1: all weight on the one state"),
        dict(T=4, d_s=1, d_h=1, d_a=1, label="all sizes 1"),
        dict(T=5, d_s=3, d_h=2, d_a=4, label="d_s, d_h, d_a all different"),
        dict(T=3, d_s=4, d_h=4, d_a=4, label="d_s == d_h == d_a"),
        dict(T=6, d_s=2, d_h=5, d_a=3, label="a longer sequence"),
    )


register(
    TaskSpec(
        function="additive_attention",
        reference="mlvc_reference.attention:additive_attention",
        checks=(
            Check("values", "compare", strategy=lambda: cases(_additive_case, T=(1, 6), d_s=(1, 4), d_h=(1, 4), d_a=(1, 4))),
            Check("edge shapes", "compare", examples=_additive_edges),
            Check("no mutation", "mutation", examples=lambda: _additive_edges()[2:4]),
        ),
    )
)
