"""Generic inputs for the chapter 3-4 contract functions added after conv2d (merged into
ref_cases.generic_cases): pooling, filtering, pyramids, PCA and the interpretability maps.

A separate generator (seeded from the caller's seed) keeps these draws from shifting
the other chapters' cases. saliency_map gets the grader's own "small_cnn" model.
"""

from __future__ import annotations

from typing import Any

import numpy as np

Case = tuple[tuple, dict]


def small_cnn(rng: np.random.Generator, C: int, K: int = 3, classes: int = 3) -> Any:
    """The grader's "small_cnn" model with random weights, as a float64 torch module."""
    from mlvc_review.grading.sandbox.callables import small_cnn as build

    params = {"w1": rng.normal(size=(K, C, 3, 3)) / 3, "b1": 0.3 * rng.normal(size=K),
              "W2": rng.normal(size=(classes, K)), "b2": 0.3 * rng.normal(size=classes)}
    return build(params, mode="numpy", dtype="float64", device="cpu")


def _pca_data(rng: np.random.Generator, n: int, d: int) -> np.ndarray:
    """Distinct variances along random directions, off-centre."""
    r = min(n - 1, d)
    U, _ = np.linalg.qr(rng.normal(size=(n, r)))
    V, _ = np.linalg.qr(rng.normal(size=(d, d)))
    return (U * 3.0 * 1.6 ** -np.arange(r)) @ V[:, :r].T + rng.uniform(-4, 4, size=d)


def ch3_4_cases(seed: int) -> dict[str, list[Case]]:
    """function name -> list of (args, kwargs) for chapters 3 and 4's pooling, filtering, pyramids, PCA and maps."""
    from mlvc_reference.pyramids import laplacian_pyramid

    rng = np.random.default_rng(seed + 34)
    n, u = rng.normal, rng.uniform
    img = u(0.5, 1.5, size=(7, 6))
    x_zeros = np.where(rng.random((3, 4)) < 0.3, 0.0, n(size=(3, 4)))
    x_zeros[0, 0] = 0.0
    dout = n(size=(3, 4))
    dout[0, 0] = 1.0  # x == 0 with dout > 0: where > and >= differ
    return {
        "max_pool2d": [((n(size=(2, 2, 5, 7)), 2), {}), ((n(size=(1, 3, 6, 5)), 3, 1), {}), ((n(size=(1, 1, 7, 7)), 2, 3), {})],
        "avg_pool2d": [((n(size=(2, 2, 5, 7)), 2), {}), ((n(size=(1, 3, 6, 5)), 3, 1), {}), ((n(size=(1, 1, 7, 7)), 2, 3), {})],
        "gaussian_kernel": [((5, 1.7), {}), ((3, 0.6), {})],
        "filter2d": [
            ((n(size=(6, 5)), n(size=(3, 5))), {}),
            ((n(size=(4, 4)), n(size=(3, 3)), "symmetric"), {}),
            ((n(size=(5, 3)), n(size=(1, 3)), "edge"), {}),
        ],
        "sobel": [((n(size=(5, 6)),), {})],
        "gaussian_pyramid": [((img, 3), {})],
        "laplacian_pyramid": [((img, 3), {})],
        "reconstruct_laplacian": [((laplacian_pyramid(img, 3),), {}), ((laplacian_pyramid(u(0.5, 1.5, size=(9, 8)), 4),), {})],
        "pca": [((_pca_data(rng, 8, 4), 2), {}), ((_pca_data(rng, 4, 5), 3), {})],
        "saliency_map": [((small_cnn(rng, 3), n(size=(1, 3, 5, 4)), 1), {})],
        "class_activation_map": [((np.abs(n(size=(3, 4, 5))), n(size=(2, 3)), 1), {})],
        "grad_cam": [((np.abs(n(size=(3, 4, 5))), n(size=(3, 4, 5)) + np.array([0.8, -0.9, 0.1])[:, None, None]), {})],
        "guided_relu_backward": [((x_zeros, dout), {})],
    }
