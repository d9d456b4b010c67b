"""Noise-prediction network ε_θ(x_t, t) for DDPM on low-dimensional data (lecture: diffusion models).

Paper: Ho, Jain & Abbeel, "Denoising Diffusion Probabilistic Models" (2020).
The network sees the noisy point x_t and the step t; it must use t, because the
same x_t means "mostly signal" at small t and "mostly noise" at large t. The
step enters through the sinusoidal embedding of the Transformer / DDPM papers,
`emb = [cos(t ω_i), sin(t ω_i)]` with `ω_i = max_period^(-i/half)`, and is
concatenated to x_t. Steps are 0-based integers 0..T-1, as in the contract.
"""

from __future__ import annotations

import math

import torch
from torch import nn


def timestep_embedding(t: torch.Tensor, dim: int, max_period: float = 10000.0) -> torch.Tensor:
    """t: (n,) integer steps -> (n, dim) sinusoidal embedding (dim even)."""
    half = dim // 2
    # ω_i = exp(-ln(max_period) · i / half), i = 0..half-1
    freqs = torch.exp(-math.log(max_period) * torch.arange(half, device=t.device, dtype=torch.float32) / half)
    args = t.to(torch.float32)[:, None] * freqs  # (n, half)
    return torch.cat([torch.cos(args), torch.sin(args)], dim=-1)  # (n, dim)


class Denoiser(nn.Module):
    """MLP ε_θ on [x_t, emb(t)].

    Args:
        data_dim: D of the data points.
        hidden: width of the hidden layers.  t_dim: size of the step embedding.
    """

    def __init__(self, data_dim: int, hidden: int = 128, t_dim: int = 32):
        super().__init__()
        self.t_dim = t_dim
        self.net = nn.Sequential(
            nn.Linear(data_dim + t_dim, hidden), nn.SiLU(),
            nn.Linear(hidden, hidden), nn.SiLU(),
            nn.Linear(hidden, hidden), nn.SiLU(),
            nn.Linear(hidden, data_dim),
        )

    def forward(self, x_t: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
        """x_t: (n, D) float, t: (n,) int steps -> predicted noise ε_θ(x_t, t), (n, D)."""
        emb = timestep_embedding(t, self.t_dim)  # (n, t_dim)
        # ε_θ(x_t, t) = MLP([x_t, emb(t)])
        return self.net(torch.cat([x_t, emb], dim=-1))
