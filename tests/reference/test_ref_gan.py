"""GAN losses against F.binary_cross_entropy_with_logits, including logits of ±100."""

from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F
from hypothesis import given
from hypothesis import strategies as st

from mlvc_reference.gan import gan_discriminator_loss, gan_generator_loss, softplus

seeds = st.integers(0, 2**32 - 1)
shapes = st.sampled_from([(1,), (4,), (3, 1), (7,)])


def _bce(logits: np.ndarray, label: float) -> float:
    l = torch.from_numpy(logits)
    return float(F.binary_cross_entropy_with_logits(l, torch.full_like(l, label)))


def _logits(rng: np.random.Generator, shape: tuple[int, ...], bound: float) -> np.ndarray:
    return rng.uniform(-bound, bound, size=shape)


@given(seeds, shapes, shapes, st.sampled_from([3.0, 20.0, 100.0]))
def test_discriminator_loss_is_the_sum_of_two_torch_bce_means(seed, real_shape, fake_shape, bound):
    rng = np.random.default_rng(seed)
    real, fake = _logits(rng, real_shape, bound), _logits(rng, fake_shape, bound)
    copies = real.copy(), fake.copy()
    loss = gan_discriminator_loss(real, fake)
    assert isinstance(loss, float) and np.isfinite(loss)
    np.testing.assert_allclose(loss, _bce(real, 1.0) + _bce(fake, 0.0), rtol=1e-12, atol=1e-14)
    np.testing.assert_array_equal(real, copies[0])
    np.testing.assert_array_equal(fake, copies[1])


@given(seeds, shapes, st.sampled_from([3.0, 20.0, 100.0]))
def test_generator_loss_is_torch_bce_with_label_one(seed, shape, bound):
    fake = _logits(np.random.default_rng(seed), shape, bound)
    loss = gan_generator_loss(fake)
    assert isinstance(loss, float)
    np.testing.assert_allclose(loss, _bce(fake, 1.0), rtol=1e-12, atol=1e-14)


def test_the_extremes_are_finite_and_exact():
    # a confident, wrong discriminator pays |l| per sample; a confident, right one pays ~e^{-|l|}
    assert gan_discriminator_loss(np.array([-100.0]), np.array([100.0])) == 200.0
    np.testing.assert_allclose(gan_discriminator_loss(np.array([100.0]), np.array([-100.0])), 2 * np.exp(-100.0), rtol=1e-12)
    assert gan_generator_loss(np.array([-100.0])) == 100.0
    # an undecided discriminator (D = 1/2 everywhere): log 2 per term
    np.testing.assert_allclose(gan_discriminator_loss(np.zeros(3), np.zeros(5)), 2 * np.log(2.0), rtol=1e-15)


@given(st.floats(-700, 700))
def test_softplus_is_log1p_exp_without_overflow(l):
    expected = np.logaddexp(0.0, l)
    np.testing.assert_allclose(softplus(np.array([l])), [expected], rtol=1e-13, atol=1e-300)


def test_non_saturating_gradient_survives_where_the_minimax_one_vanishes():
    # d/dl of -log σ(l) is σ(l) - 1 -> -1 for a rejected fake (l very negative); d/dl of log(1 - σ(l)) is -σ(l) -> 0
    l = torch.tensor([-15.0], dtype=torch.float64, requires_grad=True)
    (g_ns,) = torch.autograd.grad(F.binary_cross_entropy_with_logits(l, torch.ones_like(l)), l)
    (g_sat,) = torch.autograd.grad(torch.log1p(-torch.sigmoid(l)).sum(), l)
    assert abs(float(g_ns)) > 0.99 and abs(float(g_sat)) < 1e-6
