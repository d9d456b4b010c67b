"""residual_block (torch) against a NumPy composition of the loop-checked conv2d, and its gradients
against finite differences."""

from __future__ import annotations

import numpy as np
import torch
from hypothesis import given
from hypothesis import strategies as st

from mlvc_reference.convolution import conv2d
from mlvc_reference.residual import residual_block

dims = st.tuples(st.integers(1, 2), st.integers(1, 3), st.integers(1, 3), st.integers(1, 5), st.integers(1, 5))


def _inputs(seed: int, N: int, C: int, F: int, H: int, W: int) -> list[np.ndarray]:
    rng = np.random.default_rng(seed)
    return [rng.normal(size=s) for s in [(N, C, H, W), (F, C, 3, 3), (F,), (C, F, 3, 3), (C,)]]


def _numpy_block(x, w1, b1, w2, b2):
    """The same block from the NumPy conv2d (itself checked against a loop version and F.conv2d)."""
    relu = lambda z: np.maximum(z, 0.0)  # noqa: E731
    return relu(x + conv2d(relu(conv2d(x, w1, b1, padding=1)), w2, b2, padding=1))


@given(dims, st.integers(0, 2**32 - 1))
def test_matches_the_numpy_composition(shape, seed):
    args = _inputs(seed, *shape)
    y = residual_block(*args)
    assert isinstance(y, torch.Tensor) and y.dtype == torch.float64 and tuple(y.shape) == args[0].shape
    np.testing.assert_allclose(y.numpy(), _numpy_block(*args), rtol=1e-10, atol=1e-12)


@given(dims, st.integers(0, 2**32 - 1))
def test_gradients_match_finite_differences_for_all_five_inputs(shape, seed):
    args = [torch.tensor(a, requires_grad=True) for a in _inputs(seed, *shape)]
    assert torch.autograd.gradcheck(residual_block, args, eps=1e-6, atol=1e-5, rtol=1e-4)


def test_the_identity_path_carries_the_gradient_where_the_branch_is_off():
    # zero kernels and biases: y = relu(x), so dy/dx is exactly the mask x > 0
    x = torch.tensor(np.random.default_rng(3).normal(size=(1, 2, 4, 4)), requires_grad=True)
    zeros = [torch.zeros(2, 2, 3, 3), torch.zeros(2), torch.zeros(2, 2, 3, 3), torch.zeros(2)]
    y = residual_block(x, *[z.double() for z in zeros])
    (g,) = torch.autograd.grad(y.sum(), [x])
    assert torch.equal(g, (x > 0).double())
