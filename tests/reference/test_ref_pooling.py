"""max_pool2d and avg_pool2d against torch's F.max_pool2d / F.avg_pool2d (floor mode, no padding)."""

from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F
from hypothesis import given
from hypothesis import strategies as st

from mlvc_reference.pooling import avg_pool2d, max_pool2d

pool_params = st.tuples(
    st.integers(0, 2**32 - 1),  # seed
    st.integers(1, 2), st.integers(1, 3),  # N, C
    st.integers(1, 4),  # k
    st.integers(0, 5), st.integers(0, 5),  # H - k, W - k
    st.one_of(st.none(), st.integers(1, 4)),  # stride
)


@given(pool_params)
def test_pooling_matches_torch(params):
    seed, N, C, k, dh, dw, stride = params
    x = np.random.default_rng(seed).normal(size=(N, C, k + dh, k + dw))
    before = x.copy()
    for ours, theirs in ((max_pool2d, F.max_pool2d), (avg_pool2d, F.avg_pool2d)):
        out = ours(x, k, stride)
        expected = theirs(torch.from_numpy(x), k, stride).numpy()  # torch: stride None -> k, floor mode
        assert out.shape == expected.shape
        np.testing.assert_allclose(out, expected, rtol=1e-12, atol=1e-12)
    np.testing.assert_array_equal(x, before)


def test_default_stride_is_k_and_partial_windows_are_dropped():
    x = np.arange(25.0).reshape(1, 1, 5, 5)
    assert max_pool2d(x, 2).shape == (1, 1, 2, 2)  # the fifth row and column are dropped (floor mode)
    np.testing.assert_array_equal(max_pool2d(x, 2)[0, 0], [[6.0, 8.0], [16.0, 18.0]])
    np.testing.assert_array_equal(avg_pool2d(x, 2, 3)[0, 0], [[3.0, 6.0], [18.0, 21.0]])
    assert max_pool2d(x, 3, 1).shape == (1, 1, 3, 3)  # overlapping windows
