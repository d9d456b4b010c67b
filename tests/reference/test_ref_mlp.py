"""The sigmoid MLP against torch (forward), torch.autograd (backward), and XOR by its truth table."""

from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F
from hypothesis import given
from hypothesis import strategies as st

from mlvc_reference.mlp import mlp_backward, mlp_forward, xor_network

seeds = st.integers(0, 2**32 - 1)
sides = st.integers(1, 5)


def _net(seed: int, n: int, d: int, h: int, o: int) -> list[np.ndarray]:
    """x (n, d), t (n, o) in [0, 1], W1 (h, d), b1 (h,), W2 (o, h), b2 (o,)."""
    rng = np.random.default_rng(seed)
    return [rng.normal(size=(n, d)), rng.uniform(size=(n, o)), rng.normal(size=(h, d)), rng.normal(size=h),
            rng.normal(size=(o, h)), rng.normal(size=o)]


def _torch_forward(x, W1, b1, W2, b2):
    return torch.sigmoid(F.linear(torch.sigmoid(F.linear(x, W1, b1)), W2, b2))


@given(seeds, sides, sides, sides, sides)
def test_mlp_forward_matches_torch(seed, n, d, h, o):
    x, _, W1, b1, W2, b2 = arrays = _net(seed, n, d, h, o)
    copies = [a.copy() for a in arrays]
    y = mlp_forward(x, W1, b1, W2, b2)
    expected = _torch_forward(*(torch.from_numpy(a) for a in (x, W1, b1, W2, b2))).numpy()
    assert y.shape == (n, o)
    np.testing.assert_allclose(y, expected, rtol=1e-12, atol=1e-15)
    for a, c in zip(arrays, copies):
        np.testing.assert_array_equal(a, c)


@given(seeds, sides, sides, sides, sides)
def test_mlp_backward_matches_autograd_of_the_contract_loss(seed, n, d, h, o):
    x, t, W1, b1, W2, b2 = arrays = _net(seed, n, d, h, o)
    copies = [a.copy() for a in arrays]
    params = [torch.tensor(a, requires_grad=True) for a in (W1, b1, W2, b2)]
    y = _torch_forward(torch.from_numpy(x), *params)
    # L = ½ Σ_{i,k} (y - t)² / n: summed over all n·o entries, divided by n only
    loss = 0.5 * ((y - torch.from_numpy(t)) ** 2).sum() / n
    expected = torch.autograd.grad(loss, params)
    got = mlp_backward(x, t, W1, b1, W2, b2)
    assert [g.shape for g in got] == [p.shape for p in (W1, b1, W2, b2)]
    for g, e in zip(got, expected):
        np.testing.assert_allclose(g, e.numpy(), rtol=1e-10, atol=1e-14)
    for a, c in zip(arrays, copies):
        np.testing.assert_array_equal(a, c)


def test_xor_network_computes_xor_with_a_margin_and_a_single_layer_cannot():
    W1, b1, W2, b2 = xor_network()
    assert (W1.shape, b1.shape, W2.shape, b2.shape) == ((2, 2), (2,), (1, 2), (1,))
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    y = mlp_forward(X, W1, b1, W2, b2)[:, 0]
    assert (y > 0.5).astype(int).tolist() == [0, 1, 1, 0]
    assert np.all(np.abs(y - 0.5) > 0.49)  # saturated: a logic gate, not a coin flip
    # no single linear threshold separates XOR: least squares on [x1, x2, 1] predicts 1/2 everywhere
    w, *_ = np.linalg.lstsq(np.c_[X, np.ones(4)], np.array([0.0, 1.0, 1.0, 0.0]), rcond=None)
    np.testing.assert_allclose(np.c_[X, np.ones(4)] @ w, 0.5, atol=1e-12)
