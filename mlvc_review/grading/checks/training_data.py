"""Synthetic data sets and probe inputs of the training checks, drawn from a seed (NumPy, no downloads).

Generated in the trusted process and sent to the sandbox as arrays, so the
student's module trains on exactly what the grader chose:

- `vae_data`: 8x8 binary patterns, K prototypes with independent pixel flips.
- `ring_data`: a 2-D mixture of 8 Gaussians on a circle, with the DDPM schedule.
- `shapes_data`: 32x32 grey images of discs and squares on noise, mask = shape pixels.
- `image_data`: a procedural 64x64 RGB image (plane waves and a disc) and its pixel coordinates.
"""

from __future__ import annotations

import numpy as np

T_STEPS = 1000  # DDPM steps of the Denoiser task, linear_beta_schedule(1000) as in Ho et al.


def _rng(seed: int, salt: int) -> np.random.Generator:
    return np.random.default_rng([seed, salt])


def vae_data(seed: int, n_train: int = 2048, n_test: int = 512, side: int = 8, K: int = 8, flip: float = 0.05,
             latent_dim: int = 2) -> dict:
    """Binary patterns: `K` random prototypes of `side`² pixels, each pixel flipped with probability `flip`."""
    rng = _rng(seed, 7)
    D = side * side
    prototypes = rng.random((K, D)) < 0.5  # (K, D)

    def draw(n: int) -> np.ndarray:
        which = rng.integers(0, K, n)
        flips = rng.random((n, D)) < flip
        return (prototypes[which] ^ flips).astype(np.float32)  # (n, D)

    x_train, x_test = draw(n_train), draw(n_test)
    data = {"x_train": x_train, "x_test": x_test, "eps_test": rng.standard_normal((n_test, latent_dim)).astype(np.float32)}
    z1, z2 = rng.standard_normal((2, 16, latent_dim)).astype(np.float32)
    probe = {
        "x": x_test[:32], "eps": rng.standard_normal((32, latent_dim)).astype(np.float32),
        # z1, z2 and their midpoint: an affine decoder gives decode(mid) = (decode(z1) + decode(z2)) / 2
        "z": np.concatenate([z1, z2, 0.5 * (z1 + z2)]),
        # inputs 10^4 times larger: logits and log-variances of a ReLU network grow with them, probabilities do not
        "x_big": 1e4 * x_test[:16], "z_big": 1e4 * z1,
    }
    return {"data": data, "probe": probe, "prototypes": prototypes.astype(np.float32), "flip": flip}


def ring_data(seed: int, n_train: int = 4096, n_samples: int = 1000, modes: int = 8, radius: float = 1.0,
              std: float = 0.05, T: int = T_STEPS) -> dict:
    """Mixture of `modes` isotropic Gaussians (std `std`) on a circle of `radius`, randomly rotated."""
    from mlvc_reference.diffusion import alpha_bar, linear_beta_schedule

    rng = _rng(seed, 8)
    angles = rng.uniform(0, 2 * np.pi) + 2 * np.pi * np.arange(modes) / modes
    centres = radius * np.stack([np.cos(angles), np.sin(angles)], axis=1)  # (modes, 2)

    def draw(n: int) -> np.ndarray:
        return (centres[rng.integers(0, modes, n)] + std * rng.standard_normal((n, 2))).astype(np.float32)

    betas = linear_beta_schedule(T)
    ab = alpha_bar(betas)
    n_test = 512
    data = {
        "x_train": draw(n_train), "betas": betas.astype(np.float32), "alpha_bar": ab.astype(np.float32),
        "x_T": rng.standard_normal((n_samples, 2)).astype(np.float32), "sample_seed": np.array(int(rng.integers(2**31))),
        "x0_test": draw(n_test), "t_test": rng.integers(0, T, n_test), "noise_test": rng.standard_normal((n_test, 2)).astype(np.float32),
    }
    x1, x2 = rng.standard_normal((2, 16, 2)).astype(np.float32)
    probe = {
        "x": draw(32), "t": rng.integers(0, T, 32), "target": rng.standard_normal((32, 2)).astype(np.float32),
        "x_lin": np.concatenate([x1, x2, 0.5 * (x1 + x2)]), "steps": np.array([10, 250, 500, 900]),
        "x_big": 1e4 * x1,  # an unbounded output grows with its input and takes both signs
    }
    return {"data": data, "probe": probe, "centres": centres, "std": std, "reference": draw(n_samples)}


def _shapes(rng: np.random.Generator, n: int, side: int) -> tuple[np.ndarray, np.ndarray]:
    yy, xx = np.mgrid[0:side, 0:side] + 0.5
    masks = np.zeros((n, side, side), dtype=bool)
    for i in range(n):
        for _ in range(rng.integers(1, 4)):
            cy, cx = rng.uniform(4, side - 4, 2)
            r = rng.uniform(3, 8)
            if rng.random() < 0.5:  # disc
                masks[i] |= (yy - cy) ** 2 + (xx - cx) ** 2 <= r**2
            else:  # axis-aligned square of half-side r
                masks[i] |= (np.abs(yy - cy) <= r) & (np.abs(xx - cx) <= r)
    # shapes 0.6 brighter than the background, both under pixel noise of std 0.35
    images = 0.6 * masks + 0.35 * rng.standard_normal((n, side, side))
    return images[:, None].astype(np.float32), masks[:, None].astype(np.float32)


def shapes_data(seed: int, n_train: int = 512, n_test: int = 64, side: int = 32) -> dict:
    """Segmentation of discs and squares on noise: images (n, 1, side, side) and 0/1 masks."""
    rng = _rng(seed, 3)
    x_train, y_train = _shapes(rng, n_train, side)
    x_test, y_test = _shapes(rng, n_test, side)
    data = {"x_train": x_train, "y_train": y_train, "x_test": x_test}
    # x_big: 10^8 times the input, where logits leave [0, 1] (even through the ~20 layers of a freshly
    # initialised U-Net, whose output barely depends on its input) and probabilities cannot
    probe = {"x": x_test[:4], "target": y_test[:4], "x_big": 1e8 * x_test[:2]}
    return {"data": data, "probe": probe, "y_test": y_test}


def _grid(side: int) -> np.ndarray:
    """Pixel-centre coordinates in [0, 1]², row-major, (side², 2) as (x, y)."""
    c = (np.arange(side) + 0.5) / side
    yy, xx = np.meshgrid(c, c, indexing="ij")
    return np.stack([xx.ravel(), yy.ravel()], axis=1)


def image_data(seed: int, side: int = 64, f_lo: float = 4.0, f_hi: float = 16.0, amp: float = 0.15) -> dict:
    """A procedural RGB image: per channel three plane waves (`f_lo`-`f_hi` cycles per unit) and a hard-edged disc."""
    rng = _rng(seed, 9)
    p = _grid(side)  # (side², 2)
    rgb = np.empty((p.shape[0], 3))
    for c in range(3):
        value = np.full(p.shape[0], 0.5)
        for _ in range(3):
            f = rng.uniform(f_lo, f_hi) * np.array([np.cos(a := rng.uniform(0, np.pi)), np.sin(a)])
            value += amp * np.sin(2 * np.pi * p @ f + rng.uniform(0, 2 * np.pi))
        centre, r = rng.uniform(0.25, 0.75, 2), rng.uniform(0.1, 0.25)
        value += 0.15 * np.sign(rng.standard_normal()) * (np.sum((p - centre) ** 2, axis=1) <= r**2)
        rgb[:, c] = value
    rgb = np.clip(rgb, 0.0, 1.0).astype(np.float32)
    q, r = rng.random((2, 64, 2))
    line = 2.0 * np.arange(256) / 256
    probe = {
        "p": q.astype(np.float32), "target": rng.random((64, 3)).astype(np.float32),
        # γ has period 2 in each coordinate (sin(2^k π (x + 2)) = sin(2^k π x)): a model of γ(p) only gives f(p + 2) = f(p)
        "p_plus_2": (q + 2.0).astype(np.float32),
        # (x1, y1), (x2, y2), (x1, y2), (x2, y1): f = g(x) + h(y) gives f(a) + f(b) = f(c) + f(d)
        "p_sep": np.concatenate([q, r, np.stack([q[:, 0], r[:, 1]], 1), np.stack([r[:, 0], q[:, 1]], 1)]).astype(np.float32),
        # one period [0, 2) along x (y = 0.3), then along y (x = 0.6): the spectrum of f on each line
        "p_line": np.concatenate([np.stack([line, np.full(256, 0.3)], 1), np.stack([np.full(256, 0.6), line], 1)]).astype(np.float32),
    }
    return {"data": {"coords": p.astype(np.float32), "rgb": rgb}, "probe": probe, "side": side}
