"""The four trained classes as the worker's loop sees them: shapes, the grader's loss, probes, outputs.

Each task object says how to call the model (`shapes` checks one constructor's
output shapes on small inputs), the loss the grader trains with (the student's
module computes none of it), what to record at the probe inputs, and what to
return after training. Losses follow the contract: VAE — negative ELBO with a
Bernoulli decoder on logits; Denoiser — DDPM's simple loss on ε; UNet — binary
cross-entropy on logits per pixel; ImplicitImage — mean squared error of colours.
Arrays come back as float32 numpy; nothing here measures quality.
"""

from __future__ import annotations

from typing import Any

import numpy as np


def _np(t: Any) -> np.ndarray:
    return t.detach().float().cpu().numpy()


def _out(value: Any, what: str, shape: tuple[int, ...]) -> list[list]:
    """[] when `value` is a float tensor of `shape`, else [[problem text, the shape it has (or []), `shape`]]."""
    import torch

    if not isinstance(value, torch.Tensor):
        return [[f"{what} returned {type(value).__name__}, expected a tensor of shape {shape}", [], list(shape)]]
    got = list(value.shape)
    if not value.is_floating_point():
        return [[f"{what} returned a {value.dtype} tensor, expected floating point", got, list(shape)]]
    if tuple(got) != shape:
        return [[f"{what} returned shape {tuple(got)}, expected {shape}", got, list(shape)]]
    return []


def _rows(data: dict, names: tuple[str, ...], batch: int, gen: Any) -> list[Any]:
    """The same random rows (with replacement) of each named array; all rows when batch covers them."""
    import torch

    n = data[names[0]].shape[0]
    if batch >= n:
        return [data[k] for k in names]
    idx = torch.randint(0, n, (batch,), generator=gen, device=gen.device)
    return [data[k][idx] for k in names]


def _chunks(fn: Any, x: Any, size: int = 256) -> Any:
    import torch

    return torch.cat([fn(x[i : i + size]).float() for i in range(0, x.shape[0], size)])


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
        problems = _out(out[0], f"encode(x)[0] (mu) with x {(5, D)}", (5, dz)) + _out(out[1], f"encode(x)[1] (logvar) with x {(5, D)}", (5, dz))
        if problems:  # a wrong latent size would only make decode fail next
            return problems
        z = torch.randn(5, dz, generator=torch.Generator().manual_seed(1)).to(device)
        return _out(model.decode(z), f"decode(z) with z {(5, dz)}", (5, D))

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

        (x,) = _rows(data, ("x_train",), batch, gen)
        return self._neg_elbo(model, x, lambda shape: torch.randn(shape, generator=gen, device=x.device))

    def probe(self, model: Any, probe: dict) -> dict:
        mu, logvar = model.encode(probe["x"])
        out = {"mu": _np(mu), "logvar": _np(logvar), "decoded": _np(model.decode(probe["z"]))}
        out.update(logvar_big=_np(model.encode(probe["x_big"])[1]), decoded_big=_np(model.decode(probe["z_big"])))
        return out

    def evaluate(self, model: Any, data: dict) -> dict:
        import torch

        x, eps = data["x_test"], data["eps_test"]
        mu, logvar = (v.float() for v in model.encode(x))
        logits = model.decode(mu + torch.exp(0.5 * logvar) * eps)
        return {"test_mu": _np(mu), "test_logvar": _np(logvar), "test_logits": _np(logits), "test_logits_mu": _np(model.decode(mu))}


class DenoiserTask:
    """Denoiser(data_dim): forward(x_t, t) -> ε, t int64 steps 0..T-1."""

    input_names = ("x_t", "t")

    def shapes(self, model: Any, args: list, device: Any) -> list[list]:
        import torch

        (D,) = args
        g = torch.Generator().manual_seed(0)
        x, t = torch.randn(5, D, generator=g).to(device), torch.randint(0, 1000, (5,), generator=g).to(device)
        return _out(model(x, t), f"forward(x_t, t) with x_t {(5, D)}, t (5,) int64", (5, D))

    def interface_inputs(self, probe: dict) -> list[Any]:
        return [probe["x"], probe["t"]]

    def loss_on(self, model: Any, probe: dict) -> Any:
        import torch

        return torch.mean((model(probe["x"], probe["t"]).float() - probe["target"]) ** 2)

    def loss(self, model: Any, data: dict, batch: int, gen: Any) -> Any:
        import torch

        (x0,) = _rows(data, ("x_train",), batch, gen)
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
            return np.stack([_np(model(x, torch.full((x.shape[0],), int(s), dtype=torch.int64, device=x.device))) for s in probe["steps"]])

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
        return {"samples": _np(x), "eps_test": _np(eps_test)}


def reverse_step(x_t: Any, t: int, eps: Any, betas: Any, alpha_bar: Any, z: Any) -> Any:
    """The contract's `ddpm_reverse_step` in torch (tests prove it equal to the reference's)."""
    import torch

    beta_t, ab_t = betas[t], alpha_bar[t]
    # μ_θ = (x_t - β_t / sqrt(1 - ᾱ_t) · ε_θ) / sqrt(1 - β_t)
    mu = (x_t - beta_t / torch.sqrt(1.0 - ab_t) * eps) / torch.sqrt(1.0 - beta_t)
    # x_{t-1} = μ_θ + sqrt(β_t) z for t > 0; μ_θ at the last step
    return mu + torch.sqrt(beta_t) * z if t > 0 else mu


class UNetTask:
    """UNet(in_ch, out_ch): forward(x) -> logits of x's spatial size."""

    input_names = ("x",)
    SIZES = ((16, 24), (32, 32), (8, 40))

    def shapes(self, model: Any, args: list, device: Any) -> list[list]:
        import torch

        c_in, c_out = args
        problems = []
        for H, W in self.SIZES:
            x = torch.randn(2, c_in, H, W, generator=torch.Generator().manual_seed(H * W)).to(device)
            problems += _out(model(x), f"forward(x) with x {(2, c_in, H, W)}", (2, c_out, H, W))
        return problems

    def interface_inputs(self, probe: dict) -> list[Any]:
        return [probe["x"]]

    def loss_on(self, model: Any, probe: dict) -> Any:
        import torch.nn.functional as F

        return F.binary_cross_entropy_with_logits(model(probe["x"]).float(), probe["target"])

    def loss(self, model: Any, data: dict, batch: int, gen: Any) -> Any:
        import torch.nn.functional as F

        x, mask = _rows(data, ("x_train", "y_train"), batch, gen)
        # per-pixel binary cross-entropy on logits, mean over the batch and pixels
        return F.binary_cross_entropy_with_logits(model(x).float(), mask)

    def probe(self, model: Any, probe: dict) -> dict:
        return {"logits": _np(model(probe["x"])), "logits_big": _np(model(probe["x_big"]))}

    def evaluate(self, model: Any, data: dict) -> dict:
        return {"test_logits": _np(_chunks(model, data["x_test"], 32))}


class ImplicitTask:
    """ImplicitImage(L): forward(p) -> colours, p (n, 2) in [0, 1]."""

    input_names = ("p",)

    def shapes(self, model: Any, args: list, device: Any) -> list[list]:
        import torch

        p = torch.rand(7, 2, generator=torch.Generator().manual_seed(0)).to(device)
        return _out(model(p), "forward(p) with p (7, 2)", (7, 3))

    def interface_inputs(self, probe: dict) -> list[Any]:
        return [probe["p"]]

    def loss_on(self, model: Any, probe: dict) -> Any:
        import torch

        return torch.mean((model(probe["p"]).float() - probe["target"]) ** 2)

    def loss(self, model: Any, data: dict, batch: int, gen: Any) -> Any:
        import torch

        p, rgb = _rows(data, ("coords", "rgb"), batch, gen)
        # mean squared colour error
        return torch.mean((model(p).float() - rgb) ** 2)

    def probe(self, model: Any, probe: dict) -> dict:
        return {name: _np(model(probe[name])) for name in ("p", "p_plus_2", "p_sep", "p_line")}

    def evaluate(self, model: Any, data: dict) -> dict:
        return {"image": _np(_chunks(model, data["coords"], 4096))}


TASKS: dict[str, Any] = {"vae": VaeTask(), "denoiser": DenoiserTask(), "unet": UNetTask(), "implicit": ImplicitTask()}
