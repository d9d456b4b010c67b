"""A neural implicit image: colour = f_θ(γ(p)) (lecture: visual data, neural implicit representations).

Papers: Mildenhall et al., "NeRF" (2020); Tancik et al., "Fourier Features Let
Networks Learn High Frequency Functions in Low Dimensional Domains" (2020).
An MLP fed the raw coordinates p ∈ [0,1]² is biased towards smooth functions
and blurs detail ("spectral bias"); the positional encoding
`γ(p) = [sin(2^0 π p), cos(2^0 π p), ..., sin(2^{L-1} π p), cos(2^{L-1} π p)]`
(per coordinate, the contract's `fourier_features`) gives it frequencies up to
2^{L-2} cycles per unit, enough for fine detail.
"""

from __future__ import annotations

import math

import torch
from torch import nn


def fourier_features(p: torch.Tensor, L: int) -> torch.Tensor:
    """p: (n, D) -> γ(p): (n, D·2L), ordered per coordinate [sin, cos] for k = 0..L-1."""
    # 2^k π for k = 0..L-1, (L,)
    freqs = (2.0 ** torch.arange(L, device=p.device, dtype=p.dtype)) * math.pi
    args = p[..., :, None] * freqs  # (n, D, L)
    # interleave sin and cos: (n, D, L, 2) -> (n, D·2L)
    return torch.stack([torch.sin(args), torch.cos(args)], dim=-1).reshape(*p.shape[:-1], -1)


class ImplicitImage(nn.Module):
    """MLP from γ(p) to an RGB colour.

    Args:
        L: number of frequencies per coordinate.
        hidden: width of the hidden layers.
    """

    def __init__(self, L: int, hidden: int = 128):
        super().__init__()
        self.L = L
        self.net = nn.Sequential(
            nn.Linear(2 * 2 * L, hidden), nn.ReLU(),
            nn.Linear(hidden, hidden), nn.ReLU(),
            nn.Linear(hidden, hidden), nn.ReLU(),
            nn.Linear(hidden, 3),
        )

    def forward(self, p: torch.Tensor) -> torch.Tensor:
        """p: (n, 2) coordinates in [0, 1] -> (n, 3) colours (about [0, 1], not clamped)."""
        # c = f_θ(γ(p))
        return self.net(fourier_features(p, self.L))
