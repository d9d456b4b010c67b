"""Generic inputs for the chapter 5-6 contract functions (merged into ref_cases.generic_cases).

A separate generator (seeded from the caller's seed) keeps these draws from shifting
the other chapters' cases. The attacks get a fixed tanh classifier built by the
grader's own callable factory, as the sandbox builds it.
"""

from __future__ import annotations

from typing import Any

import numpy as np

Case = tuple[tuple, dict]


def classifier(rng: np.random.Generator, D: int, hidden: int = 5, classes: int = 3) -> Any:
    """The grader's "tanh_mlp" model with random weights, as a float64 torch module."""
    from mlvc_review.grading.sandbox.callables import tanh_mlp

    params = {"W1": rng.normal(size=(hidden, D)) * 2 / np.sqrt(D), "b1": 0.5 * rng.normal(size=hidden),
              "W2": rng.normal(size=(classes, hidden)) * 2 / np.sqrt(hidden), "b2": 0.5 * rng.normal(size=classes)}
    return tanh_mlp(params, mode="numpy", dtype="float64", device="cpu")


def block_params(rng: np.random.Generator, d: int, d_ff: int) -> dict[str, np.ndarray]:
    n = rng.normal
    p = {k: n(size=(d, d)) / np.sqrt(d) for k in ("W_q", "W_k", "W_v", "W_o")}
    p.update(ln1_gamma=1 + 0.2 * n(size=d), ln1_beta=0.2 * n(size=d), ln2_gamma=1 + 0.2 * n(size=d), ln2_beta=0.2 * n(size=d))
    p.update(W1=n(size=(d_ff, d)) / np.sqrt(d), b1=0.5 * n(size=d_ff), W2=n(size=(d, d_ff)) / np.sqrt(d_ff), b2=0.5 * n(size=d))
    return p


def ch5_6_cases(seed: int) -> dict[str, list[Case]]:
    """function name -> list of (args, kwargs) for chapters 5 and 6's newer tasks."""
    rng = np.random.default_rng(seed + 56)
    n, u = rng.normal, rng.uniform
    x_img = np.round(u(0, 1, size=(2, 1, 3, 3)), 3)
    x_img[0, 0, 0] = [0.0, 1.0, 0.02]  # pixels at (and near) the ends of [0, 1]: the clip binds
    y_img = np.array([0, 2])
    model = classifier(rng, 9)
    img = u(0, 1, size=(6, 5))
    noisy = np.clip(img + 0.1 * n(size=img.shape), 0, 1)
    big = u(0, 255, size=(13, 15))
    big_noisy = np.clip(big + 20 * n(size=big.shape), 0, 255)
    f1, f2 = np.maximum(n(size=(3, 2, 2)), 0), np.maximum(n(size=(3, 2, 2)), 0)
    f1[:, 0, 0] = 0.0  # a dead position: its channel vector is all zero
    feats = ([n(size=(4, 3, 2)), f1], [n(size=(4, 3, 2)), f2], [u(0, 1, 4), u(0, 1, 3)])
    return {
        "fgsm": [((model, x_img, y_img, 0.1), {}), ((model, x_img, y_img, 0.03), {})],
        "pgd": [((model, x_img, y_img, 0.3, 0.1, 8), {}), ((model, x_img, y_img, 0.05, 0.1, 2), {})],
        "gram_matrix": [((n(size=(2, 3, 2, 3)),), {}), ((n(size=(2, 3, 2, 3)),), {"normalize": True})],
        "style_layer_loss": [((n(size=(2, 3, 2, 2)), n(size=(2, 3, 2, 2))), {})],
        "content_loss": [((n(size=(2, 3, 2, 2)), n(size=(2, 3, 2, 2))), {})],
        "psnr": [((img, noisy), {}), ((big, big_noisy, 255.0), {})],
        "ssim_global": [((img, noisy), {}), ((big, big_noisy, 255.0), {})],
        "ssim": [((big / 255, big_noisy / 255), {}), ((big, big_noisy), {"data_range": 255.0})],
        "lpips_from_features": [(feats, {})],
        "rnn_step": [((n(size=(3, 4)), n(size=(3, 4)), n(size=(4, 4)) / 2, n(size=(4, 4)) / 2, n(size=4)), {})],
        "lstm_step": [((n(size=(2, 3)), n(size=(2, 2)), n(size=(2, 2)), n(size=(8, 5)) / 2, n(size=8)), {})],
        "additive_attention": [((n(size=3), n(size=(5, 2)), n(size=(4, 3)) / 2, n(size=(4, 2)) / 2, n(size=4)), {})],
        "layer_norm": [
            ((n(size=(3, 5)), 1 + 0.3 * n(size=5), 0.3 * n(size=5)), {}),
            ((1 + 0.01 * n(size=(2, 4)), 1 + 0.3 * n(size=4), 0.3 * n(size=4), 1e-3), {}),
        ],
        "transformer_encoder_block": [((n(size=(2, 3, 4)), block_params(rng, 4, 6), 2), {})],
    }
