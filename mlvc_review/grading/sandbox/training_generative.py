"""The generative classes in the worker's loop: VAE (negative ELBO) and Denoiser (DDPM's simple loss, sampling).

The losses are the contract's: the negative ELBO with a Bernoulli decoder on logits and one
reparameterised sample, and L_simple on ε over the reference schedule; samples come from the
contract's reverse step. Arrays go back as float32 NumPy; nothing here measures quality.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mlvc_review.grading.sandbox.training_util import rows, shape_problems, to_np


class VaeTask:
    """VAE(data_dim, latent_dim): encode(x) -> (μ, logvar), decode(z) -> logits."""

    input_names = ("x",)

    def shapes(self, model: Any, args: list, device: Any) -> list[list]:
        import torch

        D, dz = args
        x = (torch.rand(5, D, generator=torch.Generator().manual_seed(0)) > 0.5).float().to(device)
        out = model.encode(x)
        if not isinstance(out, (tuple, list)) or len(out) != 2:
            many = f" of {len(out)} values" if isinstance(out, (tuple, list)) else ""
            return [[f"encode(x) with x {(5, D)} must return a pair (mu, logvar), got a {type(out).__name__}{many}", [], [5, dz]]]
        problems = (shape_problems(out[0], f"encode(x)[0] (mu) with x {(5, D)}", (5, dz))
                    + shape_problems(out[1], f"encode(x)[1] (logvar) with x {(5, D)}", (5, dz)))
        if problems:  # a wrong latent size would only make decode fail next
            return problems
        z = torch.randn(5, dz, generator=torch.Generator().manual_seed(1)).to(device)
        return shape_problems(model.decode(z), f"decode(z) with z {(5, dz)}", (5, D))

    def interface_inputs(self, probe: dict) -> list[Any]:
        return [probe["x"]]

    def loss_on(self, model: Any, probe: dict) -> Any:
        return self._neg_elbo(model, probe["x"], lambda shape: probe["eps"])

    def _neg_elbo(self, model: Any, x: Any, draw_eps: Any) -> Any:
        import torch
        import torch.nn.functional as F

        mu, logvar = (v.float() for v in model.encode(x))
        # z = μ + exp(½ logvar) ⊙ ε
        z = mu + torch.exp(0.5 * logvar) * draw_eps(mu.shape)
        logits = model.decode(z).float()
        # -ELBO = Σ_pixels BCE(logits, x) + KL(N(μ, σ²) || N(0, I)), batch mean
        recon = F.binary_cross_entropy_with_logits(logits, x, reduction="none").sum(dim=1)
        kl = -0.5 * torch.sum(1.0 + logvar - mu**2 - torch.exp(logvar), dim=1)
        return torch.mean(recon + kl)

    def loss(self, model: Any, data: dict, batch: int, gen: Any) -> Any:
        import torch

        (x,) = rows(data, ("x_train",), batch, gen)
        return self._neg_elbo(model, x, lambda shape: torch.randn(shape, generator=gen, device=x.device))

    def probe(self, model: Any, probe: dict) -> dict:
        mu, logvar = model.encode(probe["x"])
        out = {"mu": to_np(mu), "logvar": to_np(logvar), "decoded": to_np(model.decode(probe["z"]))}
        out.update(logvar_big=to_np(model.encode(probe["x_big"])[1]), decoded_big=to_np(model.decode(probe["z_big"])))
        return out

    def evaluate(self, model: Any, data: dict) -> dict:
        import torch

        x, eps = data["x_test"], data["eps_test"]
        mu, logvar = (v.float() for v in model.encode(x))
        logits = model.decode(mu + torch.exp(0.5 * logvar) * eps)
        return {"test_mu": to_np(mu), "test_logvar": to_np(logvar), "test_logits": to_np(logits), "test_logits_mu": to_np(model.decode(mu))}


class DenoiserTask:
    """Denoiser(data_dim): forward(x_t, t) -> ε, t int64 steps 0..T-1."""

    input_names = ("x_t", "t")

    def shapes(self, model: Any, args: list, device: Any) -> list[list]:
        import torch

        (D,) = args
        g = torch.Generator().manual_seed(0)
        x, t = torch.randn(5, D, generator=g).to(device), torch.randint(0, 1000, (5,), generator=g).to(device)
        return shape_problems(model(x, t), f"forward(x_t, t) with x_t {(5, D)}, t (5,) int64", (5, D))

    def interface_inputs(self, probe: dict) -> list[Any]:
        return [probe["x"], probe["t"]]

    def loss_on(self, model: Any, probe: dict) -> Any:
        import torch

        return torch.mean((model(probe["x"], probe["t"]).float() - probe["target"]) ** 2)

    def loss(self, model: Any, data: dict, batch: int, gen: Any) -> Any:
        import torch

        (x0,) = rows(data, ("x_train",), batch, gen)
        T = data["alpha_bar"].shape[0]
        t = torch.randint(0, T, (x0.shape[0],), generator=gen, device=x0.device)
        noise = torch.randn(x0.shape, generator=gen, device=x0.device)
        ab = data["alpha_bar"][t][:, None]  # (n, 1)
        # x_t = sqrt(ᾱ_t) x_0 + sqrt(1 - ᾱ_t) ε
        x_t = torch.sqrt(ab) * x0 + torch.sqrt(1.0 - ab) * noise
        # L_simple = mean ||ε - ε_θ(x_t, t)||²
        return torch.mean((model(x_t, t).float() - noise) ** 2)

    def probe(self, model: Any, probe: dict) -> dict:
        import torch

        def at_steps(x: Any) -> np.ndarray:  # (steps, n, D)
            return np.stack([to_np(model(x, torch.full((x.shape[0],), int(s), dtype=torch.int64, device=x.device))) for s in probe["steps"]])

        return {"eps_by_step": at_steps(probe["x_lin"]), "eps_big_by_step": at_steps(probe["x_big"])}

    def evaluate(self, model: Any, data: dict) -> dict:
        import torch

        betas, alpha_bar = data["betas"], data["alpha_bar"]
        x = data["x_T"].clone()
        gen = torch.Generator(device=x.device).manual_seed(int(data["sample_seed"].item()))
        for t in range(betas.shape[0] - 1, -1, -1):
            eps = model(x, torch.full((x.shape[0],), t, dtype=torch.int64, device=x.device)).float()
            x = reverse_step(x, t, eps, betas, alpha_bar, torch.randn(x.shape, generator=gen, device=x.device))
        x0, t, noise = data["x0_test"], data["t_test"], data["noise_test"]
        ab = alpha_bar[t][:, None]
        eps_test = model(torch.sqrt(ab) * x0 + torch.sqrt(1.0 - ab) * noise, t)
        return {"samples": to_np(x), "eps_test": to_np(eps_test)}


def reverse_step(x_t: Any, t: int, eps: Any, betas: Any, alpha_bar: Any, z: Any) -> Any:
    """The contract's `ddpm_reverse_step` in torch (tests prove it equal to the reference's)."""
    import torch

    beta_t, ab_t = betas[t], alpha_bar[t]
    # μ_θ = (x_t - β_t / sqrt(1 - ᾱ_t) · ε_θ) / sqrt(1 - β_t)
    mu = (x_t - beta_t / torch.sqrt(1.0 - ab_t) * eps) / torch.sqrt(1.0 - beta_t)
    # x_{t-1} = μ_θ + sqrt(β_t) z for t > 0; μ_θ at the last step
    return mu + torch.sqrt(beta_t) * z if t > 0 else mu
