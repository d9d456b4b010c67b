"""Generic and extreme inputs for the chapter 7-9 contract functions (merged into ref_cases).

A separate generator (seeded from the caller's seed) keeps these draws from shifting
the other chapters' cases. Some generic cases already hold a logit of 60, where
σ(l) rounds to 1, so the numerically naive known mistakes differ from the reference
on them too; `ch7_9_extreme_cases` goes to the contract's stated limits.
"""

from __future__ import annotations

import numpy as np

Case = tuple[tuple, dict]


def _off_edges_image(rng: np.random.Generator, H: int, W: int, bins: int) -> np.ndarray:
    """(H, W, 3) with no value on an inner bin edge; some exact 0s and 1s (not in every channel)."""
    img = (rng.integers(0, bins, size=(H, W, 3)) + rng.uniform(0.05, 0.95, size=(H, W, 3))) / bins
    img[0, 0] = [1.0, 1.0, 0.3]
    img[0, 1, 0] = 0.0
    return img


def ch7_9_cases(seed: int) -> dict[str, list[Case]]:
    """function name -> list of (args, kwargs) for chapters 7 to 9's newer tasks."""
    rng = np.random.default_rng(seed + 79)
    n, u = rng.normal, rng.uniform
    betas = np.linspace(0.01, 0.2, 6)
    ab = np.cumprod(1 - betas)
    fake_big = 3 * n(size=(2, 1))
    fake_big[0, 0] = 60.0  # D(G(z)) rounds to 1
    logits_big = 3 * n(size=(3, 4))
    logits_big[1] = [1e4, -1e4, 0.0, 5.0]
    P = u(-2, 2, size=(12, 2))
    ties = np.array([[1.0, 0.0], [0.0, 1.0], [2.0, 2.0], [3.0, 0.0], [-1.0, 0.0], [0.0, -1.0], [1.0, 1.0]])
    return {
        "gan_discriminator_loss": [
            ((3 * n(size=4), 3 * n(size=3)), {}),
            ((3 * n(size=(2, 1)), fake_big), {}),
        ],
        "gan_generator_loss": [((3 * n(size=5),), {}), ((fake_big.copy(),), {})],
        "pixelcnn_mask": [((3, "A"), {}), ((5, "B"), {}), ((1, "B"), {})],
        "autoregressive_nll": [
            ((3 * n(size=(4, 5)), rng.integers(0, 5, size=4)), {}),
            ((logits_big, np.array([0, 2, 3])), {}),
        ],
        "x0_from_eps": [((n(size=(4, 3)), np.array([0, 2, 5, 1]), n(size=(4, 3)), ab), {})],
        "cfg_combine": [((n(size=(2, 3)), n(size=(2, 3)), 3.0), {}), ((n(size=4), n(size=4), 0.5), {})],
        "timestep_embedding": [
            ((np.array([0, 7, 250]), 8), {}),
            ((np.array([3.5, 40.0]), 6, 100), {}),
            ((np.array([12, 999]), 4), {"max_period": 500}),
        ],
        "volume_render": [((u(0, 3, size=(2, 5)), u(0, 1, size=(2, 5, 3)), u(0.05, 0.5, size=(2, 5))), {})],
        "rgb_distance": [((u(0, 1, size=(4, 5, 3)), u(0, 1, size=(4, 5, 3))), {})],
        "color_histogram": [((_off_edges_image(rng, 4, 5, 4), 4), {}), ((_off_edges_image(rng, 3, 2, 6), 6), {})],
        "histogram_distance": [((u(0, 1, size=12), u(0, 1, size=12)), {})],
        "retrieve": [((np.zeros(2), ties, 7), {}), ((np.array([0.5, -1.0]), ties, 3), {})],
        "fit_quadratic_surface": [((P, P[:, 0] ** 2 - P[:, 0] * P[:, 1] + 0.5 + 0.1 * n(size=12)), {})],
    }


def ch7_9_extreme_cases() -> dict[str, list[Case]]:
    """Inputs at the stated stability limits: GAN logits of ±100, sequence logits of ±1e4."""
    return {
        "gan_discriminator_loss": [((np.array([-100.0, 100.0]), np.array([100.0, -100.0])), {})],
        "gan_generator_loss": [((np.array([100.0, -100.0, 3.0]),), {})],
        "autoregressive_nll": [((np.array([[1e4, -1e4, 0.0], [-1e4, -1e4, -1e4 + 1]]), np.array([1, 2])), {})],
    }
