"""Backward passes against torch.autograd; linear_forward against F.linear."""

from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F
from hypothesis import given
from hypothesis import strategies as st

from mlvc_reference.backprop import (
    add_backward,
    linear_backward,
    linear_forward,
    mul_backward,
    relu_backward,
    sigmoid_backward,
    tanh_backward,
)

seeds = st.integers(0, 2**32 - 1)
sides = st.integers(1, 5)


def _vjp(f, inputs: list[np.ndarray], dout: np.ndarray) -> list[np.ndarray]:
    """Gradients of <f(*inputs), dout> with respect to every input, by torch.autograd."""
    ts = [torch.tensor(a, requires_grad=True) for a in inputs]
    out = f(*ts)
    grads = torch.autograd.grad(out, ts, grad_outputs=torch.from_numpy(dout), allow_unused=True)
    return [np.zeros_like(a) if g is None else g.numpy() for a, g in zip(inputs, grads)]


def _unchanged(arrays: list[np.ndarray], copies: list[np.ndarray]) -> None:
    for a, c in zip(arrays, copies):
        np.testing.assert_array_equal(a, c)


@given(seeds, sides, sides)
def test_add_backward_matches_autograd(seed, n, d):
    rng = np.random.default_rng(seed)
    x, y, dz = rng.normal(size=(3, n, d))
    dx, dy = add_backward(dz)
    ex, ey = _vjp(lambda a, b: a + b, [x, y], dz)
    np.testing.assert_allclose(dx, ex)
    np.testing.assert_allclose(dy, ey)
    dx[...] = 0.0  # fresh arrays: writing to the result leaves dz alone
    assert not np.shares_memory(dy, dz) and np.any(dz != 0)


@given(seeds, sides, sides)
def test_mul_backward_matches_autograd(seed, n, d):
    rng = np.random.default_rng(seed)
    x, y, dz = rng.normal(size=(3, n, d))
    copies = [x.copy(), y.copy(), dz.copy()]
    dx, dy = mul_backward(x, y, dz)
    ex, ey = _vjp(lambda a, b: a * b, [x, y], dz)
    np.testing.assert_allclose(dx, ex, rtol=1e-12)
    np.testing.assert_allclose(dy, ey, rtol=1e-12)
    _unchanged([x, y, dz], copies)


@given(seeds, sides, sides, st.floats(0.1, 50.0))
def test_sigmoid_backward_matches_autograd(seed, n, d, scale):
    rng = np.random.default_rng(seed)
    x, dout = scale * rng.normal(size=(n, d)), rng.normal(size=(n, d))
    copies = [x.copy(), dout.copy()]
    (expected,) = _vjp(torch.sigmoid, [x], dout)
    # autograd computes s(1 - s), which loses digits to cancellation once |x| > ~20
    np.testing.assert_allclose(sigmoid_backward(x, dout), expected, rtol=1e-9, atol=1e-14)
    _unchanged([x, dout], copies)


def test_sigmoid_backward_is_finite_and_tiny_at_extremes():
    dx = sigmoid_backward(np.array([-1e3, -50.0, 0.0, 50.0, 1e3]), np.ones(5))
    np.testing.assert_allclose(dx, [0.0, np.exp(-50.0), 0.25, np.exp(-50.0), 0.0], rtol=1e-12, atol=0)


@given(seeds, sides, sides, sides)
def test_linear_forward_matches_torch_linear(seed, n, d, m):
    rng = np.random.default_rng(seed)
    x, W, b = rng.normal(size=(n, d)), rng.normal(size=(m, d)), rng.normal(size=m)
    copies = [x.copy(), W.copy(), b.copy()]
    out = linear_forward(x, W, b)
    expected = F.linear(torch.from_numpy(x), torch.from_numpy(W), torch.from_numpy(b)).numpy()
    assert out.shape == (n, m)
    np.testing.assert_allclose(out, expected, rtol=1e-12, atol=1e-12)
    _unchanged([x, W, b], copies)


@given(seeds, sides, sides, sides)
def test_linear_backward_matches_autograd(seed, n, d, m):
    rng = np.random.default_rng(seed)
    x, W, b, dout = rng.normal(size=(n, d)), rng.normal(size=(m, d)), rng.normal(size=m), rng.normal(size=(n, m))
    copies = [x.copy(), W.copy(), b.copy(), dout.copy()]
    dx, dW, db = linear_backward(x, W, b, dout)
    ex, eW, eb = _vjp(F.linear, [x, W, b], dout)
    assert (dx.shape, dW.shape, db.shape) == ((n, d), (m, d), (m,))
    np.testing.assert_allclose(dx, ex, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(dW, eW, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(db, eb, rtol=1e-10, atol=1e-12)
    _unchanged([x, W, b, dout], copies)


@given(seeds, sides, sides)
def test_relu_backward_matches_autograd_including_exact_zeros(seed, n, d):
    rng = np.random.default_rng(seed)
    x, dout = rng.normal(size=(n, d)), rng.normal(size=(n, d))
    x[rng.random((n, d)) < 0.3] = 0.0  # torch's ReLU passes no gradient at 0, as the contract says
    x[rng.random((n, d)) < 0.1] = -0.0
    copies = [x.copy(), dout.copy()]
    (expected,) = _vjp(torch.relu, [x], dout)
    np.testing.assert_array_equal(relu_backward(x, dout), expected)
    _unchanged([x, dout], copies)


@given(seeds, sides, sides, st.floats(0.1, 30.0))
def test_tanh_backward_matches_autograd(seed, n, d, scale):
    rng = np.random.default_rng(seed)
    x, dout = scale * rng.normal(size=(n, d)), rng.normal(size=(n, d))
    copies = [x.copy(), dout.copy()]
    (expected,) = _vjp(torch.tanh, [x], dout)
    np.testing.assert_allclose(tanh_backward(x, dout), expected, rtol=1e-12, atol=1e-15)
    _unchanged([x, dout], copies)
