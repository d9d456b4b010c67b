"""Saliency against torch.autograd.functional.jacobian, CAM against the network's own class score,
Grad-CAM against autograd and adaptive pooling, guided ReLU backward against a backward hook."""

from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F
from hypothesis import given
from hypothesis import strategies as st

from mlvc_reference.interpretability import class_activation_map, grad_cam, guided_relu_backward, saliency_map


def _cnn(seed: int, C: int, K: int, classes: int) -> torch.nn.Module:
    torch.manual_seed(seed)
    return torch.nn.Sequential(
        torch.nn.Conv2d(C, K, 3, padding=1), torch.nn.ReLU(), torch.nn.AdaptiveAvgPool2d(1), torch.nn.Flatten(),
        torch.nn.Linear(K, classes),
    ).double()


cnn_params = st.tuples(st.integers(0, 2**31 - 1), st.integers(1, 3), st.integers(1, 4), st.integers(2, 4),
                       st.integers(1, 6), st.integers(1, 6))


@given(cnn_params, st.data())
def test_saliency_is_the_channel_max_of_the_absolute_jacobian_row(params, data):
    seed, C, K, classes, H, W = params
    target = data.draw(st.integers(0, classes - 1))
    model = _cnn(seed, C, K, classes)
    x = torch.from_numpy(np.random.default_rng(seed).normal(size=(1, C, H, W)))
    before = x.clone()
    J = torch.autograd.functional.jacobian(lambda v: model(v)[0], x)  # (classes, 1, C, H, W)
    S = saliency_map(model, x, target)
    assert S.shape == (H, W) and x.grad is None and torch.equal(x, before)
    torch.testing.assert_close(S, J[target, 0].abs().max(dim=0).values, rtol=1e-10, atol=1e-12)
    # NumPy input too
    torch.testing.assert_close(saliency_map(model, x.numpy(), target), S)


def test_saliency_of_a_linear_model_is_the_weight_magnitude():
    w = torch.tensor([[[[1.0, -3.0]], [[-2.0, 0.5]]]], dtype=torch.float64)  # (1, 2, 1, 2)
    S = saliency_map(lambda x: (x * w).sum(dim=(1, 2, 3)).reshape(1, 1), torch.zeros(1, 2, 1, 2, dtype=torch.float64), 0)
    torch.testing.assert_close(S, torch.tensor([[2.0, 3.0]], dtype=torch.float64))


@given(st.integers(0, 2**32 - 1), st.integers(1, 5), st.integers(1, 5), st.integers(1, 5), st.integers(1, 4))
def test_cam_averages_to_the_class_score_of_gap_then_linear(seed, K, H, W, classes):
    rng = np.random.default_rng(seed)
    f, w = rng.normal(size=(K, H, W)), rng.normal(size=(classes, K))
    scores = w @ f.mean(axis=(1, 2))  # GAP then the linear layer (no bias)
    for c in range(classes):
        M = class_activation_map(f, w, c)
        loops = np.array([[sum(w[c, k] * f[k, i, j] for k in range(K)) for j in range(W)] for i in range(H)])
        np.testing.assert_allclose(M, loops, rtol=1e-12, atol=1e-12)
        np.testing.assert_allclose(M.mean(), scores[c], rtol=1e-10, atol=1e-12)


@given(st.integers(0, 2**32 - 1), st.integers(1, 5), st.integers(1, 5), st.integers(1, 5))
def test_grad_cam_matches_autograd_and_adaptive_pooling(seed, K, H, W):
    rng = np.random.default_rng(seed)
    A = torch.tensor(rng.normal(size=(K, H, W)), requires_grad=True)
    head = torch.tensor(rng.normal(size=(K, H, W)))
    s = (torch.tanh(A) * head).sum()  # any differentiable class score of the activations
    (G,) = torch.autograd.grad(s, A)
    alpha = F.adaptive_avg_pool2d(G[None], 1)[0, :, 0, 0]  # (K,)
    expected = F.relu((alpha[:, None, None] * A.detach()).sum(dim=0))
    out = grad_cam(A.detach().numpy(), G.numpy())
    np.testing.assert_allclose(out, expected.numpy(), rtol=1e-10, atol=1e-12)
    assert out.shape == (H, W) and np.all(out >= 0)


@given(st.integers(0, 2**32 - 1), st.integers(1, 6), st.integers(1, 6))
def test_guided_relu_backward_matches_a_clamping_backward_hook(seed, n, m):
    rng = np.random.default_rng(seed)
    x_np = np.round(rng.normal(size=(n, m)), 1)  # rounding makes exact zeros common
    dout = np.round(rng.normal(size=(n, m)), 1)
    relu = torch.nn.ReLU()
    # the usual guided-backprop hook: clamp the gradient that leaves each ReLU to be >= 0
    relu.register_full_backward_hook(lambda mod, g_in, g_out: (g_in[0].clamp(min=0.0),))
    x = torch.tensor(x_np, requires_grad=True)
    relu(x).backward(torch.tensor(dout))
    # the hook clamps dout * [x > 0] >= 0, i.e. keeps dout where x > 0 and dout > 0
    np.testing.assert_array_equal(guided_relu_backward(x_np, dout), x.grad.numpy())
