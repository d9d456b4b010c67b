"""sigmoid, softmax and cross_entropy against torch, at the stated extremes, and without input mutation."""

from __future__ import annotations

import numpy as np
import torch
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from mlvc_reference.activations import cross_entropy, sigmoid, softmax

finite = st.floats(-1e3, 1e3, allow_nan=False)
small_shapes = hnp.array_shapes(min_dims=1, max_dims=3, max_side=5)


@given(hnp.arrays(np.float64, small_shapes, elements=finite))
def test_sigmoid_matches_torch(x):
    before = x.copy()
    s = sigmoid(x)
    np.testing.assert_allclose(s, torch.sigmoid(torch.from_numpy(x)).numpy(), rtol=1e-12, atol=1e-300)
    assert np.all(np.isfinite(s)) and np.all((s >= 0) & (s <= 1))
    np.testing.assert_array_equal(x, before)


def test_sigmoid_extremes_are_exact():
    s = sigmoid(np.array([-1e3, -40.0, 0.0, 40.0, 1e3]))
    assert s[2] == 0.5 and s[-1] == 1.0 and s[0] == 0.0
    # the tiny tail is represented, not flushed to zero
    np.testing.assert_allclose(s[1], np.exp(-40.0) / (1 + np.exp(-40.0)), rtol=1e-14)


@given(
    hnp.arrays(np.float64, hnp.array_shapes(min_dims=1, max_dims=3, max_side=5), elements=st.floats(-1e4, 1e4)),
    st.data(),
)
def test_softmax_matches_torch_and_is_stable(z, data):
    axis = data.draw(st.integers(-z.ndim, z.ndim - 1))
    before = z.copy()
    p = softmax(z, axis=axis)
    expected = torch.softmax(torch.from_numpy(z), dim=axis).numpy()
    np.testing.assert_allclose(p, expected, rtol=1e-9, atol=1e-300)
    assert np.all(np.isfinite(p))
    np.testing.assert_allclose(p.sum(axis=axis), 1.0, rtol=1e-12)
    np.testing.assert_array_equal(z, before)


def test_softmax_default_axis_is_last_and_shift_invariant():
    z = np.array([[1.0, 2.0, 3.0], [1e4, 1e4 - 1, -1e4]])
    p = softmax(z)
    np.testing.assert_allclose(p[0], softmax(z[0] + 1234.5))
    np.testing.assert_allclose(p[1, :2], np.array([1.0, np.exp(-1.0)]) / (1 + np.exp(-1.0)))
    assert p[1, 2] == 0.0


@st.composite
def logits_and_labels(draw):
    n, C = draw(st.integers(1, 5)), draw(st.integers(1, 6))
    z = draw(hnp.arrays(np.float64, (n, C), elements=st.floats(-1e4, 1e4)))
    labels = np.array(draw(st.lists(st.integers(0, C - 1), min_size=n, max_size=n)), dtype=np.int64)
    return z, labels


@given(logits_and_labels())
def test_cross_entropy_matches_torch_and_is_stable(case):
    z, labels = case
    before = z.copy()
    loss = cross_entropy(z, labels)
    expected = torch.nn.functional.cross_entropy(torch.from_numpy(z), torch.from_numpy(labels)).item()
    assert isinstance(loss, float) and np.isfinite(loss)
    np.testing.assert_allclose(loss, expected, rtol=1e-9, atol=1e-12)
    np.testing.assert_array_equal(z, before)


def test_cross_entropy_at_the_extremes_and_with_one_class():
    assert cross_entropy(np.array([[3.0], [-1e4]]), np.array([0, 0])) == 0.0
    # a wrong label at a 2e4 margin costs exactly 2e4; equal logits cost log C
    np.testing.assert_allclose(cross_entropy(np.array([[1e4, -1e4]]), np.array([1])), 2e4, rtol=1e-15)
    np.testing.assert_allclose(cross_entropy(np.full((2, 4), 1e4), np.array([0, 3])), np.log(4.0), rtol=1e-15)
