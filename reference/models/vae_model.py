"""Variational auto-encoder as a module (lecture: generative models, VAE).

Paper: Kingma & Welling, "Auto-Encoding Variational Bayes" (2014). The encoder
q_φ(z|x) = N(μ, diag σ²) returns μ and logvar = log σ² (unconstrained: any
real number is a valid log-variance, while σ would need a positivity
constraint); the decoder p_θ(x|z) is Bernoulli and returns its logits. The
reparameterisation z = μ + exp(½ logvar) ⊙ ε and the negative ELBO live in the
loss (`mlvc_reference.vae`), not here: the grader owns the loss.
"""

from __future__ import annotations

import torch
from torch import nn


class VAE(nn.Module):
    """MLP encoder and decoder.

    Args:
        data_dim: D, the length of a flattened data vector.
        latent_dim: d_z.
        hidden: width of the hidden layers.
    """

    def __init__(self, data_dim: int, latent_dim: int, hidden: int = 128):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(data_dim, hidden), nn.ReLU(), nn.Linear(hidden, hidden), nn.ReLU())
        # two heads on the shared body: μ and log σ², both linear (no activation: logvar may be negative)
        self.to_mu = nn.Linear(hidden, latent_dim)
        self.to_logvar = nn.Linear(hidden, latent_dim)
        self.decoder = nn.Sequential(
            nn.Linear(latent_dim, hidden), nn.ReLU(), nn.Linear(hidden, hidden), nn.ReLU(), nn.Linear(hidden, data_dim),
        )

    def encode(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """x: (n, D) -> (μ, logvar), each (n, d_z)."""
        h = self.body(x)  # (n, hidden)
        return self.to_mu(h), self.to_logvar(h)

    def decode(self, z: torch.Tensor) -> torch.Tensor:
        """z: (n, d_z) -> logits of p(x|z), (n, D); probabilities would be sigmoid(logits)."""
        return self.decoder(z)

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """One pass with a sampled z: (logits, μ, logvar)."""
        mu, logvar = self.encode(x)
        # z = μ + σ ⊙ ε,  σ = exp(½ logvar),  ε ~ N(0, I)
        z = mu + torch.exp(0.5 * logvar) * torch.randn_like(mu)
        return self.decode(z), mu, logvar
