"""Chapter 2 task spec: the logistic sigmoid, finite for |x| up to 1e3.

"Stability" feeds x at ±700..1000: `np.exp(x) / (1 + np.exp(x))` is inf/inf
= NaN there, while 1/(1 + e^{-x}) and the two-branch form stay finite.
"""

from __future__ import annotations

import numpy as np

from mlvc_review.grading.spec import Case, Check, TaskSpec, register
from mlvc_review.grading.tasks.strategies import FINITE, cases, fixed, normal

SHAPES = [(3,), (2, 3), (1,), (2, 2, 2), (5, 1)]


def _sigmoid_case(rng: np.random.Generator, shape: tuple[int, ...], scale: float = 4.0, label: str = "") -> Case:
    return Case((normal(rng, *shape, scale=scale),), label=label or f"x {shape}")


def _edges() -> list[Case]:
    return [
        Case((np.array([0.0, -0.0]),), label="x = 0: σ = 1/2"),
        *fixed(
            _sigmoid_case,
            dict(shape=(1,), label="a single value"),
            dict(shape=(4, 3), label="a (n, d) batch"),
            dict(shape=(2, 3, 2), label="3-D"),
            dict(shape=(6,), scale=15.0, label="saturating |x| (σ near 0 and 1)"),
        ),
    ]


def _stable() -> list[Case]:
    return [
        Case((np.array([-1000.0, -745.0, -700.0, 700.0, 745.0, 1000.0]),), label="|x| from 700 to 1000"),
        Case((np.array([[1e3, -1e3], [-36.5, 36.5]]),), label="2-D, |x| = 1000"),
    ]


register(
    TaskSpec(
        function="sigmoid",
        reference="mlvc_reference.activations:sigmoid",
        checks=(
            Check("values", "compare", strategy=lambda: cases(_sigmoid_case, shape=SHAPES)),
            Check("edge shapes", "compare", examples=_edges),
            Check("stability", "compare", examples=_stable, nan_policy=FINITE),
            Check("no mutation", "mutation", examples=lambda: _edges()[2:4]),
        ),
    )
)
