"""momentum_step against torch.optim.SGD (momentum, no dampening), which keeps v as the course does."""

from __future__ import annotations

import numpy as np
import torch
from hypothesis import given
from hypothesis import strategies as st

from mlvc_reference.optim import momentum_step

shapes = st.lists(st.integers(1, 4), min_size=1, max_size=3).map(tuple)


def _torch_sgd_step(w: np.ndarray, v: np.ndarray, grad: np.ndarray, lr: float, rho: float) -> tuple[np.ndarray, np.ndarray]:
    """One torch SGD step from velocity v: its momentum buffer follows buf = ρ buf + g, p -= lr buf (ρ > 0;
    with momentum 0 torch keeps no buffer)."""
    p = torch.nn.Parameter(torch.tensor(w))
    opt = torch.optim.SGD([p], lr=lr, momentum=rho, dampening=0.0)
    if np.any(v != 0):
        opt.state[p]["momentum_buffer"] = torch.tensor(v)  # torch starts a fresh buffer as grad itself
    p.grad = torch.tensor(grad)
    opt.step()
    return p.detach().numpy(), opt.state[p]["momentum_buffer"].numpy()


@given(st.integers(0, 2**32 - 1), shapes, st.floats(1e-3, 2.0), st.floats(0.01, 0.99), st.booleans())
def test_momentum_step_matches_torch_sgd(seed, shape, lr, rho, zero_v):
    rng = np.random.default_rng(seed)
    w, grad = rng.normal(size=shape), rng.normal(size=shape)
    v = np.zeros(shape) if zero_v else rng.normal(size=shape)
    copies = [w.copy(), v.copy(), grad.copy()]
    w_new, v_new = momentum_step(w, v, grad, lr, rho)
    ew, ev = _torch_sgd_step(w, v, grad, lr, rho)
    np.testing.assert_allclose(v_new, ev, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(w_new, ew, rtol=1e-12, atol=1e-15)
    for a, c in zip((w, v, grad), copies):
        np.testing.assert_array_equal(a, c)


def test_rho_zero_is_gradient_descent_and_a_constant_gradient_builds_up_to_one_over_one_minus_rho():
    w, g = np.array([1.0, -2.0]), np.array([0.5, 0.25])
    w1, v1 = momentum_step(w, np.array([3.0, 3.0]), g, 0.1, 0.0)
    np.testing.assert_allclose(w1, w - 0.1 * g, rtol=1e-15)
    np.testing.assert_array_equal(v1, g)
    v = np.zeros(2)
    for _ in range(400):
        w, v = momentum_step(w, v, g, 0.1, 0.9)
    np.testing.assert_allclose(v, g / (1 - 0.9), rtol=1e-12)
