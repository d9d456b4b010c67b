"""The four reference models and their known-wrong variants, against independent peers.

Peers: the NumPy references of the contract (`fourier_features`, `timestep_embedding`,
`ddpm_reverse_step`, `negative_elbo`), NumPy MLPs run on the modules' own weights, and a
functional U-Net written from torch.nn.functional calls. The worker's loss and reverse
step (`sandbox.training_tasks`) are checked here too: the grader trains with them.
"""

from __future__ import annotations

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st

from mlvc_reference.diffusion import alpha_bar, ddpm_reverse_step, linear_beta_schedule
from mlvc_reference.diffusion import timestep_embedding as np_timestep_embedding
from mlvc_reference.encodings import fourier_features as np_fourier_features
from mlvc_reference.mistakes import models as wrong
from mlvc_reference.models.denoiser import Denoiser, timestep_embedding
from mlvc_reference.models.implicit_image import ImplicitImage, fourier_features
from mlvc_reference.models.unet import UNet
from mlvc_reference.models.vae_model import VAE
from mlvc_reference.vae import negative_elbo
from mlvc_review.grading.sandbox.training_tasks import TASKS, reverse_step

seeds = st.integers(0, 2**31 - 1)


def _mlp(layers: list[torch.nn.Linear], x: np.ndarray, act) -> np.ndarray:
    """A NumPy MLP on the Linear layers' own weights: act between layers, none after the last."""
    h = x.astype(np.float64)
    for i, layer in enumerate(layers):
        h = h @ layer.weight.detach().double().numpy().T + layer.bias.detach().double().numpy()
        if i < len(layers) - 1:
            h = act(h)
    return h


def _linears(module: torch.nn.Module) -> list[torch.nn.Linear]:
    return [m for m in module.modules() if isinstance(m, torch.nn.Linear)]


relu = lambda h: np.maximum(h, 0.0)  # noqa: E731
silu = lambda h: h / (1.0 + np.exp(-h))  # noqa: E731


@given(st.integers(1, 4), st.integers(1, 3), st.integers(1, 6), seeds)
def test_fourier_features_match_the_numpy_reference(n, D, L, seed):
    p = np.random.default_rng(seed).uniform(-1, 2, (n, D))
    got = fourier_features(torch.tensor(p), L).numpy()
    np.testing.assert_allclose(got, np_fourier_features(p, L), rtol=1e-10, atol=1e-10)


@given(st.lists(st.integers(0, 999), min_size=1, max_size=6), st.sampled_from([2, 8, 32]))
def test_timestep_embedding_matches_the_numpy_reference(t, dim):
    got = timestep_embedding(torch.tensor(t), dim).numpy()
    np.testing.assert_allclose(got, np_timestep_embedding(np.array(t), dim), atol=2e-4)  # float32 of t ω up to 999


@settings(max_examples=10)
@given(st.integers(1, 3), st.integers(1, 3), st.integers(1, 3), st.integers(1, 3), st.integers(1, 2), seeds)
def test_unet_matches_a_functional_unet_and_keeps_sizes_that_are_multiples_of_8(c_in, c_out, h8, w8, n, seed):
    torch.manual_seed(seed)
    model = UNet(c_in, c_out, width=4)
    x = torch.randn(n, c_in, 8 * h8, 8 * w8)
    y = model(x)
    assert y.shape == (n, c_out, 8 * h8, 8 * w8)
    torch.testing.assert_close(y, _functional_unet(model, x), rtol=1e-5, atol=1e-6)


def _functional_unet(m: UNet, x: torch.Tensor) -> torch.Tensor:
    """The same network from F calls: blocks of two padded 3x3 conv+relu, pool, up, concat [up, skip]."""

    def block(b, h):
        c1, c2 = b.body[0], b.body[2]
        return F.relu(F.conv2d(F.relu(F.conv2d(h, c1.weight, c1.bias, padding=1)), c2.weight, c2.bias, padding=1))

    def up(t, h):
        return F.conv_transpose2d(h, t.weight, t.bias, stride=2)

    skips, h = [], x
    for b in (m.enc1, m.enc2, m.enc3):
        h = block(b, h)
        skips.append(h)
        h = F.max_pool2d(h, 2)
    h = block(m.bottleneck, h)
    for t, b in ((m.up3, m.dec3), (m.up2, m.dec2), (m.up1, m.dec1)):
        h = block(b, torch.cat([up(t, h), skips.pop()], dim=1))
    return F.conv2d(h, m.head.weight, m.head.bias)


@given(st.integers(1, 5), st.integers(1, 12), st.integers(1, 4), seeds)
def test_vae_encode_and_decode_are_the_numpy_mlps_on_their_weights(n, D, dz, seed):
    torch.manual_seed(seed)
    model = VAE(D, dz, hidden=8)
    x = np.random.default_rng(seed).random((n, D))
    mu, logvar = model.encode(torch.tensor(x, dtype=torch.float32))
    body = _linears(model.body)
    np.testing.assert_allclose(mu.detach().numpy(), _mlp(body + [model.to_mu], x, relu), rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(logvar.detach().numpy(), _mlp(body + [model.to_logvar], x, relu), rtol=1e-4, atol=1e-5)
    z = np.random.default_rng(seed + 1).standard_normal((n, dz))
    logits = model.decode(torch.tensor(z, dtype=torch.float32)).detach().numpy()
    np.testing.assert_allclose(logits, _mlp(_linears(model.decoder), z, relu), rtol=1e-4, atol=1e-5)


@given(st.integers(1, 5), st.integers(1, 3), seeds)
def test_denoiser_is_an_mlp_on_x_and_the_step_embedding(n, D, seed):
    torch.manual_seed(seed)
    model = Denoiser(D, hidden=16, t_dim=8)
    rng = np.random.default_rng(seed)
    x, t = rng.standard_normal((n, D)), rng.integers(0, 1000, n)
    got = model(torch.tensor(x, dtype=torch.float32), torch.tensor(t)).detach().numpy()
    want = _mlp(_linears(model), np.concatenate([x, np_timestep_embedding(t, 8)], axis=1), silu)
    np.testing.assert_allclose(got, want, rtol=1e-3, atol=1e-3)


@given(st.integers(1, 6), st.integers(1, 6), seeds)
def test_implicit_image_is_an_mlp_on_the_fourier_features(n, L, seed):
    torch.manual_seed(seed)
    model = ImplicitImage(L, hidden=16)
    p = np.random.default_rng(seed).random((n, 2))
    got = model(torch.tensor(p, dtype=torch.float32)).detach().numpy()
    np.testing.assert_allclose(got, _mlp(_linears(model), np_fourier_features(p, L), relu), rtol=1e-3, atol=1e-4)


# --- the worker's loss and sampler (the grader trains with these) -----------------------------------


@given(st.integers(0, 999), seeds)
def test_the_workers_reverse_step_is_the_contracts_ddpm_reverse_step(t, seed):
    rng = np.random.default_rng(seed)
    betas = linear_beta_schedule(1000)
    ab = alpha_bar(betas)
    x, eps, z = rng.standard_normal((3, 5, 2))
    got = reverse_step(*(torch.tensor(a) for a in (x,)), t, torch.tensor(eps), torch.tensor(betas), torch.tensor(ab), torch.tensor(z))
    np.testing.assert_allclose(got.numpy(), ddpm_reverse_step(x, t, eps, betas, ab, z), rtol=1e-12, atol=1e-12)


@given(st.integers(1, 6), seeds)
def test_the_workers_vae_loss_is_the_contracts_negative_elbo(n, seed):
    torch.manual_seed(seed)
    model = VAE(12, 3, hidden=8)
    rng = np.random.default_rng(seed)
    x = (rng.random((n, 12)) < 0.5).astype(np.float32)
    eps = rng.standard_normal((n, 3)).astype(np.float32)
    loss = TASKS["vae"].loss_on(model, {"x": torch.tensor(x), "eps": torch.tensor(eps)})
    mu, logvar = (v.detach().numpy() for v in model.encode(torch.tensor(x)))
    logits = model.decode(torch.tensor(mu + np.exp(0.5 * logvar) * eps)).detach().numpy()
    assert float(loss.detach()) == pytest.approx(negative_elbo(x, logits, mu, logvar), rel=1e-5)


def test_the_workers_ddpm_loss_is_l_simple_on_q_sample():
    from mlvc_reference.diffusion import ddpm_simple_loss

    torch.manual_seed(0)
    model = Denoiser(2, hidden=8)
    ab = alpha_bar(linear_beta_schedule(1000)).astype(np.float32)
    x0 = np.random.default_rng(1).standard_normal((7, 2)).astype(np.float32)
    data = {"x_train": torch.tensor(x0), "alpha_bar": torch.tensor(ab)}
    loss = TASKS["denoiser"].loss(model, data, 7, torch.Generator().manual_seed(3))  # batch >= n: every row, in order
    g = torch.Generator().manual_seed(3)
    t = torch.randint(0, 1000, (7,), generator=g)
    noise = torch.randn((7, 2), generator=g)

    def eps_model(x_t, t_):
        return model(torch.tensor(x_t, dtype=torch.float32), torch.tensor(t_)).detach().double().numpy()

    assert float(loss.detach()) == pytest.approx(ddpm_simple_loss(eps_model, x0, t.numpy(), noise.numpy(), ab), rel=1e-4)


# --- known mistakes: each differs from the reference exactly as its docstring says -------------------


def _twin(cls, ref_cls, *args):
    """A mistake and a reference with the same weights (where the mistake keeps the reference's layers)."""
    torch.manual_seed(0)
    ref = ref_cls(*args)
    bad = cls(*args)
    bad.load_state_dict(ref.state_dict())
    return bad, ref


def test_vae_mistakes():
    x = (torch.rand(6, 10) < 0.5).float()
    z = torch.randn(6, 3)
    bad, ref = _twin(wrong.VAEStdForLogvar, VAE, 10, 3)
    torch.testing.assert_close(bad.encode(x)[1], torch.exp(0.5 * ref.encode(x)[1]))
    bad, ref = _twin(wrong.VAEProbabilityDecoder, VAE, 10, 3)
    torch.testing.assert_close(bad.decode(z), torch.sigmoid(ref.decode(z)))
    linear = wrong.VAELinearDecoder(10, 3)
    z1, z2 = torch.randn(2, 6, 3)
    torch.testing.assert_close(linear.decode((z1 + z2) / 2), (linear.decode(z1) + linear.decode(z2)) / 2, rtol=1e-4, atol=1e-5)


def test_unet_mistakes():
    x = torch.randn(2, 1, 32, 32)
    bad, ref = _twin(wrong.UNetSigmoidOutput, UNet, 1, 1)
    torch.testing.assert_close(bad(x), torch.sigmoid(ref(x)))
    assert wrong.UNetNoSkips(1, 1)(x).shape == (2, 1, 32, 32)
    assert wrong.UNetNoSkips(1, 1).dec1.body[0].in_channels == 16  # no concatenated skip channels
    for H, W in ((16, 24), (32, 32), (8, 40)):
        assert wrong.UNetUnpadded(3, 2)(torch.randn(1, 3, H, W)).shape == (1, 2, H - 4, W - 4)


def test_denoiser_mistakes():
    x = torch.randn(6, 2)
    t1, t2 = torch.zeros(6, dtype=torch.int64), torch.full((6,), 900)
    ignores = wrong.DenoiserIgnoresT(2)
    torch.testing.assert_close(ignores(x, t1), ignores(x, t2))
    linear = wrong.DenoiserNoActivations(2)
    x1, x2 = torch.randn(2, 6, 2)
    torch.testing.assert_close(linear((x1 + x2) / 2, t2), (linear(x1, t2) + linear(x2, t2)) / 2, rtol=1e-4, atol=1e-5)
    bad, ref = _twin(wrong.DenoiserReluOutput, Denoiser, 2)
    torch.testing.assert_close(bad(x, t2), torch.relu(ref(x, t2)))


def test_implicit_image_mistakes():
    p = torch.rand(20, 2)
    raw = wrong.ImplicitNoFourier(6)
    assert raw.net[0].in_features == 2 and not torch.allclose(raw(p), raw(p + 2))
    amp, ref = _twin(wrong.ImplicitAmplitudeNotFrequency, ImplicitImage, 4)
    k = 2.0 ** torch.arange(4)
    feats = torch.stack([k * torch.sin(torch.pi * p[..., None]), k * torch.cos(torch.pi * p[..., None])], -1).reshape(20, -1)
    torch.testing.assert_close(amp(p), ref.net(feats))
    sep = wrong.ImplicitNoActivations(6)
    a, b = torch.rand(2, 20, 2)
    c, d = torch.stack([a[:, 0], b[:, 1]], 1), torch.stack([b[:, 0], a[:, 1]], 1)
    torch.testing.assert_close(sep(a) + sep(b), sep(c) + sep(d), rtol=1e-4, atol=1e-5)
