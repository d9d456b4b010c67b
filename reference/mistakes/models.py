"""Known-wrong versions of the four trained classes (names and explanations: the *_models_code.yaml bank files).

Each is a small change to the reference architecture, of the kind students make;
the grader trains them like any submission and must fail and name each one.
"""

from __future__ import annotations

import math

import torch
from torch import nn

from mlvc_reference.models.denoiser import Denoiser
from mlvc_reference.models.implicit_image import ImplicitImage
from mlvc_reference.models.unet import DoubleConv, UNet
from mlvc_reference.models.vae_model import VAE

# --- UNet -------------------------------------------------------------------------------------------


class UNetNoSkips(UNet):
    """Wrong: an encoder-decoder without skip connections; the decoder sees only the bottleneck."""

    def __init__(self, in_ch: int, out_ch: int, width: int = 16):
        super().__init__(in_ch, out_ch, width)
        c = width
        self.dec3, self.dec2, self.dec1 = DoubleConv(4 * c, 4 * c), DoubleConv(2 * c, 2 * c), DoubleConv(c, c)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        e1 = self.enc1(x)
        e2 = self.enc2(self.pool(e1))
        e3 = self.enc3(self.pool(e2))
        b = self.bottleneck(self.pool(e3))
        d3 = self.dec3(self.up3(b))  # no concat with e3
        d2 = self.dec2(self.up2(d3))
        d1 = self.dec1(self.up1(d2))
        return self.head(d1)


class UNetSigmoidOutput(UNet):
    """Wrong: returns probabilities (a sigmoid on the head) where the contract asks for logits."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.sigmoid(super().forward(x))


class UNetUnpadded(UNet):
    """Wrong: the paper's unpadded 3x3 convolutions with centre-cropped skips: the output is smaller than the input."""

    def __init__(self, in_ch: int, out_ch: int, width: int = 16):
        super().__init__(in_ch, out_ch, width)
        for module in self.modules():
            if isinstance(module, nn.Conv2d) and module.kernel_size == (3, 3):
                module.padding = (0, 0)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # pad the input so the smallest sizes still fit, as a student might, then crop each skip to fit
        x = nn.functional.pad(x, (44, 44, 44, 44))
        e1 = self.enc1(x)
        e2 = self.enc2(self.pool(e1))
        e3 = self.enc3(self.pool(e2))
        b = self.bottleneck(self.pool(e3))
        u3 = self.up3(b)
        d3 = self.dec3(torch.cat([u3, _crop(e3, u3)], dim=1))
        u2 = self.up2(d3)
        d2 = self.dec2(torch.cat([u2, _crop(e2, u2)], dim=1))
        u1 = self.up1(d2)
        d1 = self.dec1(torch.cat([u1, _crop(e1, u1)], dim=1))
        return self.head(d1)


def _crop(skip: torch.Tensor, like: torch.Tensor) -> torch.Tensor:
    """Centre crop of `skip` to `like`'s H and W."""
    dh, dw = (skip.shape[-2] - like.shape[-2]) // 2, (skip.shape[-1] - like.shape[-1]) // 2
    return skip[..., dh : dh + like.shape[-2], dw : dw + like.shape[-1]]


# --- VAE --------------------------------------------------------------------------------------------


class VAEStdForLogvar(VAE):
    """Wrong: encode returns σ = exp(½ h) in the place of log σ²."""

    def encode(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        h = self.body(x)
        return self.to_mu(h), torch.exp(0.5 * self.to_logvar(h))


class VAEProbabilityDecoder(VAE):
    """Wrong: decode returns sigmoid(logits), probabilities, where the contract asks for logits."""

    def decode(self, z: torch.Tensor) -> torch.Tensor:
        return torch.sigmoid(self.decoder(z))


class VAELinearDecoder(VAE):
    """Wrong: the decoder's activations are missing, so it is one affine map of z."""

    def __init__(self, data_dim: int, latent_dim: int, hidden: int = 128):
        super().__init__(data_dim, latent_dim, hidden)
        self.decoder = nn.Sequential(nn.Linear(latent_dim, hidden), nn.Linear(hidden, hidden), nn.Linear(hidden, data_dim))


# --- Denoiser ---------------------------------------------------------------------------------------


class DenoiserIgnoresT(Denoiser):
    """Wrong: t is accepted but never used; one ε_θ(x_t) has to serve every noise level."""

    def __init__(self, data_dim: int, hidden: int = 128):
        super().__init__(data_dim, hidden)
        self.net[0] = nn.Linear(data_dim, hidden)

    def forward(self, x_t: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
        return self.net(x_t)


class DenoiserNoActivations(Denoiser):
    """Wrong: Linear layers stacked without activations: ε_θ is affine in x_t."""

    def __init__(self, data_dim: int, hidden: int = 128, t_dim: int = 32):
        super().__init__(data_dim, hidden, t_dim)
        self.net = nn.Sequential(*(m for m in self.net if isinstance(m, nn.Linear)))


class DenoiserReluOutput(Denoiser):
    """Wrong: a ReLU after the last layer as after every other one, so ε_θ is never negative."""

    def forward(self, x_t: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
        return torch.relu(super().forward(x_t, t))


# --- ImplicitImage ----------------------------------------------------------------------------------


class ImplicitNoFourier(ImplicitImage):
    """Wrong: the MLP sees the raw coordinates (x, y); γ(p) is never applied."""

    def __init__(self, L: int, hidden: int = 128):
        super().__init__(L, hidden)
        self.net[0] = nn.Linear(2, hidden)

    def forward(self, p: torch.Tensor) -> torch.Tensor:
        return self.net(p)


class ImplicitAmplitudeNotFrequency(ImplicitImage):
    """Wrong: 2^k scales the amplitude, 2^k sin(π p), instead of the frequency, sin(2^k π p)."""

    def forward(self, p: torch.Tensor) -> torch.Tensor:
        scale = 2.0 ** torch.arange(self.L, dtype=p.dtype, device=p.device)  # (L,)
        args = math.pi * p[..., :, None]  # (n, 2, 1)
        feats = torch.stack([scale * torch.sin(args), scale * torch.cos(args)], dim=-1)  # (n, 2, L, 2)
        return self.net(feats.reshape(p.shape[0], -1))


class ImplicitNoActivations(ImplicitImage):
    """Wrong: Linear layers on γ(p) without activations: the colour is a sum of 1-D sinusoids g(x) + h(y)."""

    def __init__(self, L: int, hidden: int = 128):
        super().__init__(L, hidden)
        self.net = nn.Sequential(*(m for m in self.net if isinstance(m, nn.Linear)))
