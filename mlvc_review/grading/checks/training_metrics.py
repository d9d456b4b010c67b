"""Metrics and symptoms of the training checks, computed in the trusted process from plain arrays.

Metrics say how well a trained model does (negative ELBO, fraction of samples
near a mode, IoU, PSNR). Symptoms are properties of the outputs at the probe
inputs that name a cause (a log-variance that is never negative, a decoder that
is affine in z, ε that ignores t, ...); the diagnosis compares the symptoms of
a student's model with those of each known mistake, probed in this process.
"""

from __future__ import annotations

import numpy as np

from mlvc_reference.vae import negative_elbo


def _close(a: np.ndarray, b: np.ndarray, rel: float = 1e-4) -> bool:
    """Equal up to float32 rounding, relative to the size of the values."""
    scale = max(float(np.max(np.abs(a), initial=0.0)), float(np.max(np.abs(b), initial=0.0)), 1e-6)
    return bool(np.all(np.isfinite(a)) and np.all(np.isfinite(b)) and np.max(np.abs(a - b), initial=0.0) <= rel * scale)


def _affine(out: np.ndarray) -> bool:
    """`out` holds f(x1), f(x2), f((x1 + x2) / 2) in three equal blocks: is f((x1+x2)/2) = (f(x1) + f(x2)) / 2?"""
    a, b, mid = np.split(out, 3)
    return _close(mid, 0.5 * (a + b)) and not _close(a, b)


def _unit(a: np.ndarray) -> bool:
    return bool(np.all((a >= 0) & (a <= 1)))


# --- VAE ------------------------------------------------------------------------------------------


def vae_metrics(made: dict, final: dict) -> dict[str, float]:
    """Negative ELBO per example on held-out patterns (nats) and pixel accuracy of decode(μ) against chance."""
    data = made["data"]
    x = data["x_test"].astype(np.float64)
    logits, mu, logvar = (final[k].astype(np.float64) for k in ("test_logits", "test_mu", "test_logvar"))
    with np.errstate(all="ignore"):
        nelbo = negative_elbo(x, logits, mu, logvar) if all(np.isfinite(v).all() for v in (logits, mu, logvar)) else float("inf")
    p = data["x_train"].mean(axis=0)  # per-pixel frequency of 1 in the training set
    chance = float(np.mean((p > 0.5) == (x > 0.5)))  # the best constant guess per pixel
    accuracy = float(np.mean((final["test_logits_mu"] > 0) == (x > 0.5)))
    return {"negative_elbo": float(nelbo), "reconstruction_accuracy": accuracy, "chance_accuracy": chance}


def vae_symptoms(probes: dict) -> set[str]:
    found = set()
    if np.all(probes["logvar"] >= 0) and np.all(probes["logvar_big"] >= 0):
        found.add("log-variance never negative")
    if _unit(probes["decoded"]) and _unit(probes["decoded_big"]):
        found.add("decoder outputs in [0, 1]")
    if _affine(probes["decoded"]):
        found.add("decoder affine in z")
    return found


# --- Denoiser -------------------------------------------------------------------------------------


def ring_metrics(made: dict, final: dict) -> dict[str, float]:
    """Fraction of samples within 4 std of a mode centre, and how many modes get a fair share of them."""
    samples, centres, std = final["samples"].astype(np.float64), made["centres"], made["std"]
    if not np.all(np.isfinite(samples)):
        return {"near_mode": 0.0, "modes_covered": 0.0, "eps_mse": float("inf")}
    dist = np.sqrt(((samples[:, None, :] - centres[None]) ** 2).sum(-1))  # (n, K)
    near = dist.min(axis=1) < 4 * std
    counts = np.bincount(dist.argmin(axis=1)[near], minlength=len(centres))
    fair = len(samples) / len(centres)
    mse = float(np.mean((final["eps_test"].astype(np.float64) - made["data"]["noise_test"]) ** 2))
    return {"near_mode": float(near.mean()), "modes_covered": float(np.sum(counts >= 0.25 * fair)), "eps_mse": mse}


def ring_symptoms(probes: dict) -> set[str]:
    eps = probes["eps_by_step"]  # (steps, 3m, D)
    found = set()
    if all(_close(eps[0], e) for e in eps[1:]) and not _close(eps[0], np.broadcast_to(eps[0][:1], eps[0].shape)):
        found.add("ignores t")  # the same ε at every step, for inputs that do change it (a dead network ignores all)
    if all(_affine(e) for e in eps):
        found.add("affine in x_t")
    if np.all(eps >= 0) and np.all(probes["eps_big_by_step"] >= 0):
        found.add("output never negative")
    return found


# --- UNet -----------------------------------------------------------------------------------------


def unet_metrics(made: dict, final: dict) -> dict[str, float]:
    """IoU of the predicted masks (logit > 0) with the true ones, pooled over the held-out images."""
    pred, truth = final["test_logits"] > 0, made["y_test"] > 0.5
    union = np.logical_or(pred, truth).sum()
    return {"iou": float(np.logical_and(pred, truth).sum() / union) if union else 0.0}


def unet_symptoms(probes: dict) -> set[str]:
    return {"outputs in [0, 1]"} if _unit(probes["logits"]) and _unit(probes["logits_big"]) else set()


# --- ImplicitImage --------------------------------------------------------------------------------


def image_metrics(made: dict, final: dict) -> dict[str, float]:
    """PSNR (dB, data range 1) of the fitted image against the target, over every pixel."""
    mse = float(np.mean((final["image"].astype(np.float64) - made["data"]["rgb"]) ** 2))
    return {"psnr": float(10 * np.log10(1.0 / mse)) if mse > 0 else float("inf")}


def image_symptoms(probes: dict) -> set[str]:
    found = set()
    if _close(probes["p"], probes["p_plus_2"]):
        found.add("period 2 in each coordinate")
    a, b, c, d = np.split(probes["p_sep"], 4)
    if _close(a + b, c + d):
        found.add("colour = g(x) + h(y)")
    line = probes["p_line"].reshape(2, 256, -1)  # (2, 256, 3): f along one period [0, 2) of x and of y
    power = np.abs(np.fft.rfft(line - line.mean(axis=1, keepdims=True), axis=1)) ** 2  # (2, 129, 3)
    total = power.sum()
    if total > 0 and power[:, 4:].sum() < 0.1 * total:
        found.add("little energy above 2 cycles per unit")
    return found
