"""Chapter 5 task spec: LPIPS on given features (the network is not part of the task).

Features are Gaussian or rectified (ReLU-like, non-negative) maps of 1-3 layers
with different sizes, weights uniform in [0, 1]; "zero feature vectors" puts
all-zero channel vectors at some positions, where a / ‖a‖ without the 1e-10 is
0/0. LPIPS takes lists of arrays, which the mutation check does not look into,
so it has none.
"""

from __future__ import annotations

import numpy as np

from mlvc_review.grading.spec import Case, Check, TaskSpec, register
from mlvc_review.grading.tasks.strategies import FINITE, cases, fixed, normal, uniform


def _features(rng: np.random.Generator, C: int, H: int, W: int, relu: bool, zeros: bool) -> tuple[np.ndarray, np.ndarray]:
    a, b = normal(rng, C, H, W), normal(rng, C, H, W)
    if relu:
        a, b = np.maximum(a, 0.0), np.maximum(b, 0.0)
    if zeros:  # all-zero channel vectors at a few positions, in both maps
        dead = rng.random((H, W)) < 0.4
        dead.flat[0] = True
        a[:, dead], b[:, dead[::-1, ::-1]] = 0.0, 0.0
    elif relu:  # keep every channel vector non-zero, so only the zeros check meets 0/0
        a[0] = np.maximum(a[0], 0.1)
        b[0] = np.maximum(b[0], 0.1)
    return a, b


def _lpips_case(rng: np.random.Generator, layers: list[tuple[int, int, int]], relu: bool = False, zeros: bool = False,
                label: str = "") -> Case:
    pairs = [_features(rng, C, H, W, relu, zeros) for C, H, W in layers]
    weights = [uniform(rng, 0.0, 1.0, C) for C, _, _ in layers]
    shapes = ", ".join(f"({C},{H},{W})" for C, H, W in layers)
    return Case(([a for a, _ in pairs], [b for _, b in pairs], weights), label=label or f"layers {shapes}")


def _layer_lists(rng: np.random.Generator, n_layers: int, C: tuple[int, int], side: tuple[int, int]) -> list[tuple[int, int, int]]:
    return [(int(rng.integers(C[0], C[1] + 1)), int(rng.integers(side[0], side[1] + 1)),
             int(rng.integers(side[0], side[1] + 1))) for _ in range(n_layers)]


def _lpips_drawn(rng: np.random.Generator, n_layers: int, relu: bool) -> Case:
    return _lpips_case(rng, _layer_lists(rng, n_layers, (1, 5), (1, 4)), relu=relu)


def _lpips_edges() -> list[Case]:
    return fixed(
        _lpips_case,
        dict(layers=[(1, 1, 1)], label="one layer, one channel, one position"),
        dict(layers=[(3, 2, 2), (5, 1, 1)], label="two layers of different sizes"),
        dict(layers=[(4, 3, 2), (2, 2, 3), (6, 1, 2)], relu=True, label="three rectified layers"),
        dict(layers=[(2, 4, 4)], relu=True, label="a single 4 x 4 layer"),
    )


def _zero_vectors() -> list[Case]:
    return fixed(
        _lpips_case,
        dict(layers=[(3, 3, 3)], relu=True, zeros=True, label="zero channel vectors at some positions"),
        dict(layers=[(2, 2, 2), (4, 3, 1)], zeros=True, label="two layers with zero channel vectors"),
    )


register(
    TaskSpec(
        function="lpips_from_features",
        reference="mlvc_reference.image_quality:lpips_from_features",
        checks=(
            Check("values", "compare", strategy=lambda: cases(_lpips_drawn, n_layers=(1, 3), relu=[False, True])),
            Check("edge shapes", "compare", examples=_lpips_edges),
            Check("zero feature vectors", "compare", examples=_zero_vectors, nan_policy=FINITE),
            # the features arrive as lists of arrays: normalising them in place changes the caller's lists
            Check("no mutation", "mutation", examples=lambda: _lpips_edges()[:2]),
        ),
    )
)
