"""Chapter 1 task spec: the quadratic feature map Φ(x, y) = [x², xy, y², x, y, 1].

Points are drawn with distinct, non-zero coordinates so every column is
observable (a swapped x and y, a missing constant or a reordered basis all
change numbers). The first edge case has n = 2, where `x, y = P` (unpacking
rows instead of columns) returns numbers instead of raising.
"""

from __future__ import annotations

import numpy as np

from mlvc_review.grading.spec import Case, Check, TaskSpec, register
from mlvc_review.grading.tasks.strategies import cases, fixed, normal


def _points(rng: np.random.Generator, n: int, scale: float = 1.5, label: str = "") -> Case:
    return Case((normal(rng, n, 2, scale=scale),), label=label or f"P ({n}, 2)")


def _edges() -> list[Case]:
    return [
        *fixed(
            _points,
            dict(n=2, label="two points (rows and columns both have length 2)"),
            dict(n=1, label="a single point"),
            dict(n=6, label="n = 6 (Phi is square)"),
            dict(n=9, scale=40.0, label="large coordinates"),
        ),
        Case((np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [-2.0, 3.0]]),), label="origin and unit points"),
    ]


register(
    TaskSpec(
        function="polynomial_features",
        reference="mlvc_reference.linear_models:polynomial_features",
        checks=(
            Check("values", "compare", strategy=lambda: cases(_points, n=(1, 8))),
            Check("edge shapes", "compare", examples=_edges),
            Check("no mutation", "mutation", examples=lambda: _edges()[:3:2]),
        ),
    )
)
