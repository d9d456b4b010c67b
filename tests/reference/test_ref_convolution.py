"""conv_output_size against a window count and torch; conv2d against F.conv2d."""

from __future__ import annotations

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import assume, given
from hypothesis import strategies as st

from mlvc_reference.convolution import conv2d, conv_output_size

sizes = st.tuples(
    st.integers(1, 30), st.integers(1, 7), st.integers(0, 4), st.integers(1, 4), st.integers(1, 3)
)


def _count_windows(I: int, K: int, P: int, S: int, D: int) -> int:
    """Naive: count start positions s = 0, S, 2S, ... whose dilated kernel fits in the padded input."""
    count, start = 0, 0
    while start + D * (K - 1) <= I + 2 * P - 1:
        count, start = count + 1, start + S
    return count


@given(sizes)
def test_conv_output_size_counts_windows(params):
    I, K, P, S, D = params
    n = _count_windows(I, K, P, S, D)
    if n >= 1:
        O = conv_output_size(I, K, P, S, D)
        assert O == n and type(O) is int
    else:
        with pytest.raises(ValueError):
            conv_output_size(I, K, P, S, D)


@given(sizes)
def test_conv_output_size_matches_torch_shape(params):
    I, K, P, S, D = params
    assume(P <= (D * (K - 1) + 1) // 2 and _count_windows(I, K, P, S, D) >= 1)  # torch's own padding limit
    out = F.conv1d(torch.zeros(1, 1, I), torch.zeros(1, 1, K), padding=P, stride=S, dilation=D)
    assert conv_output_size(I, K, P=P, S=S, D=D) == out.shape[-1]


def test_conv_output_size_keyword_defaults():
    assert conv_output_size(32, 3) == 30
    assert conv_output_size(32, 3, P=1) == 32
    assert conv_output_size(32, 3, P=1, S=2) == 16
    assert conv_output_size(32, 3, D=2) == 28
    assert type(conv_output_size(np.int64(8), np.int64(3))) is int


@pytest.mark.parametrize(
    "args",
    [(0, 3), (5, 0), (5, 3, -1), (5, 3, 0, 0), (5, 3, 0, 1, 0), (2, 3), (4, 3, 0, 1, 2), (-5, 3)],
)
def test_conv_output_size_raises_value_error(args):
    with pytest.raises(ValueError):
        conv_output_size(*args)


conv_params = st.tuples(
    st.integers(0, 2**32 - 1),  # seed
    st.integers(1, 2), st.integers(1, 3), st.integers(1, 3),  # N, C, F
    st.integers(1, 3), st.integers(1, 3),  # KH, KW
    st.integers(0, 2), st.integers(1, 3),  # padding, stride
    st.booleans(),  # bias
)


@given(conv_params, st.integers(0, 4), st.integers(0, 4))
def test_conv2d_matches_torch(params, extra_h, extra_w):
    seed, N, C, Fo, KH, KW, P, S, use_b = params
    H, W = KH + extra_h, KW + extra_w
    rng = np.random.default_rng(seed)
    x, w = rng.normal(size=(N, C, H, W)), rng.normal(size=(Fo, C, KH, KW))
    b = rng.normal(size=Fo) if use_b else None
    copies = [x.copy(), w.copy()] + ([b.copy()] if use_b else [])
    out = conv2d(x, w, b, stride=S, padding=P)
    expected = F.conv2d(
        torch.from_numpy(x), torch.from_numpy(w), None if b is None else torch.from_numpy(b), stride=S, padding=P
    ).numpy()
    assert out.shape == expected.shape == (N, Fo, conv_output_size(H, KH, P, S), conv_output_size(W, KW, P, S))
    np.testing.assert_allclose(out, expected, rtol=1e-10, atol=1e-12)
    for a, c in zip([x, w] + ([b] if use_b else []), copies):
        np.testing.assert_array_equal(a, c)


def test_conv2d_is_correlation_not_convolution():
    x = np.arange(9.0).reshape(1, 1, 3, 3)
    w = np.zeros((1, 1, 3, 3))
    w[0, 0, 0, 0] = 1.0  # picks the top-left pixel of each window when not flipped
    assert conv2d(x, w)[0, 0, 0, 0] == 0.0
    assert conv2d(x, w, padding=1)[0, 0, 1, 1] == 0.0 and conv2d(x, w, padding=1)[0, 0, 2, 2] == 4.0
