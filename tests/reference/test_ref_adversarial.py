"""FGSM and PGD against the same attacks driven by a hand-derived input gradient of the tanh classifier."""

from __future__ import annotations

import numpy as np
import torch
from hypothesis import given
from hypothesis import strategies as st

from mlvc_reference.adversarial import fgsm, pgd
from mlvc_review.grading.sandbox.callables import tanh_mlp

seeds = st.integers(0, 2**32 - 1)


def _problem(seed: int, N: int, D: int, hidden: int = 5, classes: int = 3):
    rng = np.random.default_rng(seed)
    p = {"W1": rng.normal(size=(hidden, D)) * 2 / np.sqrt(D), "b1": 0.5 * rng.normal(size=hidden),
         "W2": rng.normal(size=(classes, hidden)) * 2 / np.sqrt(hidden), "b2": 0.5 * rng.normal(size=classes)}
    x = rng.uniform(0, 1, size=(N, 1, 1, D))
    x[0, 0, 0, 0] = rng.choice([0.0, 1.0])  # a pixel where the clip binds
    y = rng.integers(0, classes, size=N)
    return p, tanh_mlp(p, mode="numpy", dtype="float64", device="cpu"), x, y


def _grad(p: dict, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """∇_x mean_n CE(W2 tanh(W1 x_n + b1) + b2, y_n), derived by hand, x's shape."""
    N = x.shape[0]
    X = x.reshape(N, -1)
    h = np.tanh(X @ p["W1"].T + p["b1"])  # (N, hidden)
    z = h @ p["W2"].T + p["b2"]  # (N, classes)
    prob = np.exp(z - z.max(1, keepdims=True))
    prob /= prob.sum(1, keepdims=True)
    # dL/dz = (softmax - onehot) / N
    dz = (prob - np.eye(z.shape[1])[y]) / N
    dh = dz @ p["W2"] * (1 - h**2)
    return (dh @ p["W1"]).reshape(x.shape)


@given(seeds, st.integers(1, 4), st.integers(1, 6), st.sampled_from([0.0, 0.01, 0.1, 0.5]))
def test_fgsm_is_the_clipped_signed_hand_gradient_step(seed, N, D, eps):
    p, model, x, y = _problem(seed, N, D)
    before = x.copy()
    got = fgsm(model, x, y, eps)
    assert isinstance(got, torch.Tensor) and got.shape == x.shape
    expected = np.clip(x + eps * np.sign(_grad(p, x, y)), 0, 1)
    np.testing.assert_allclose(got.numpy(), expected, rtol=0, atol=1e-15)
    np.testing.assert_array_equal(x, before)
    # the same from torch tensors, and the loss did not go down
    again = fgsm(model, torch.from_numpy(x), torch.from_numpy(y), eps)
    np.testing.assert_array_equal(again.numpy(), got.numpy())


def _pgd_loop(p, x, y, eps, alpha, steps):
    x_adv = x.copy()
    for _ in range(steps):
        x_adv = x_adv + alpha * np.sign(_grad(p, x_adv, y))
        x_adv = np.clip(np.clip(x_adv, x - eps, x + eps), 0, 1)
    return x_adv


@given(seeds, st.integers(1, 3), st.integers(1, 6), st.sampled_from([0.03, 0.1, 0.3]),
       st.sampled_from([0.25, 0.5, 1.0, 2.0]), st.integers(1, 8))
def test_pgd_matches_a_hand_gradient_loop_and_stays_in_the_ball(seed, N, D, eps, ratio, steps):
    p, model, x, y = _problem(seed, N, D)
    before = x.copy()
    got = pgd(model, x, y, eps, eps * ratio, steps).numpy()
    np.testing.assert_allclose(got, _pgd_loop(p, x, y, eps, eps * ratio, steps), rtol=0, atol=1e-12)
    assert np.all(np.abs(got - x) <= eps + 1e-12) and got.min() >= 0 and got.max() <= 1
    np.testing.assert_array_equal(x, before)


@given(seeds, st.integers(1, 3), st.integers(1, 6))
def test_one_pgd_step_of_at_most_eps_is_fgsm_with_that_step(seed, N, D):
    _, model, x, y = _problem(seed, N, D)
    np.testing.assert_array_equal(pgd(model, x, y, 0.2, 0.1, 1).numpy(), fgsm(model, x, y, 0.1).numpy())


def test_the_attacks_raise_the_loss_of_the_true_label():
    p, model, x, y = _problem(3, 4, 6)
    loss = lambda v: torch.nn.functional.cross_entropy(model(torch.as_tensor(v)), torch.from_numpy(y)).item()  # noqa: E731
    assert loss(fgsm(model, x, y, 0.05)) > loss(x)
    assert loss(pgd(model, x, y, 0.05, 0.01, 10)) > loss(x)
