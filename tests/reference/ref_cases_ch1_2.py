"""Generic and extreme inputs for the newer chapter 1-2 contract functions (merged into ref_cases).

A separate generator (seeded from the caller's seed) keeps these draws from shifting
the other chapters' cases. The quadratic-feature case with n = 2 lets the
row-unpacking mistake return numbers; the kNN points are small integers, so
neighbours tie and votes tie; the ReLU input holds exact zeros; one cross-entropy
row has a logit of 800, where exp overflows without the max shift.
"""

from __future__ import annotations

import numpy as np

Case = tuple[tuple, dict]


def ch1_2_cases(seed: int) -> dict[str, list[Case]]:
    """function name -> list of (args, kwargs) for chapters 1 and 2's newer tasks."""
    rng = np.random.default_rng(seed + 12)
    n = rng.normal
    grid = lambda *shape: rng.integers(-2, 3, size=shape).astype(np.float64)  # noqa: E731
    x_relu = n(size=(3, 4))
    x_relu[0, :2] = [0.0, -0.0]
    logits_big = 3 * n(size=(3, 4))
    logits_big[1, 2] = 800.0
    return {
        "polynomial_features": [((n(size=(2, 2)),), {}), ((2 * n(size=(5, 2)),), {})],
        "momentum_step": [
            ((n(size=3), n(size=3), n(size=3), 0.1, 0.9), {}),
            ((n(size=(2, 2)), np.zeros((2, 2)), n(size=(2, 2)), 0.5, 0.5), {}),
        ],
        "knn_predict": [
            ((grid(9, 2), rng.integers(0, 3, 9), grid(6, 2), 3), {}),
            ((grid(8, 1), rng.integers(0, 2, 8), grid(5, 1), 2), {}),
            # Euclidean vs Manhattan; equal distances (lower index first); a tied vote (smallest label)
            ((np.array([[2.0, 2.0], [3.0, 0.0]]), np.array([0, 1]), np.array([[0.0, 0.0]]), 1), {}),
            ((np.array([[1.0, 0.0], [-1.0, 0.0], [3.0, 1.0]]), np.array([2, 0, 1]), np.array([[0.0, 0.0]]), 1), {}),
            ((np.array([[0.0, 0.0], [2.0, 0.0], [5.0, 5.0]]), np.array([1, 0, 2]), np.array([[0.0, 1.0]]), 2), {}),
        ],
        "cross_entropy": [((3 * n(size=(4, 5)), rng.integers(0, 5, 4)), {}), ((logits_big, np.array([2, 0, 3])), {})],
        "relu_backward": [((x_relu, n(size=(3, 4))), {})],
        "tanh_backward": [((2 * n(size=(3, 4)), n(size=(3, 4))), {})],
        "mlp_forward": [
            ((n(size=(4, 3)), n(size=(3, 3)), n(size=3), n(size=(3, 3)), n(size=3)), {}),
            ((n(size=(5, 2)), n(size=(4, 2)), n(size=4), n(size=(3, 4)), n(size=3)), {}),
        ],
        "mlp_backward": [
            ((n(size=(4, 3)), rng.uniform(size=(4, 2)), n(size=(5, 3)), n(size=5), n(size=(2, 5)), n(size=2)), {}),
        ],
        "xor_network": [((), {})],
        "sinusoidal_positional_encoding": [((6, 8), {}), ((3, 2), {})],
        "fourier_features": [((rng.uniform(-1, 1, (3, 2)), 3), {}), ((rng.uniform(-1, 1, (2, 2, 3)), 2), {})],
    }


def ch1_2_extreme_cases() -> dict[str, list[Case]]:
    """Inputs at the contract's stated stability limits ("Required: stable")."""
    return {
        "cross_entropy": [((np.array([[1e4, 0.0, -1e4], [-1e4, -1e4, -1e4]]), np.array([2, 1])), {})],
    }
