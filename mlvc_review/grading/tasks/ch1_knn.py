"""Chapter 1 task spec: k-nearest-neighbour classification with the contract's tie rules.

Coordinates are small integers, so squared distances are exact in floating
point whatever the method (differences, norms, the ||a||² - 2a·b + ||b||²
expansion) and equal distances really are equal: ties between neighbours and
tied votes occur often in drawn inputs, and fixed cases isolate each rule
(lower training index first, smallest label wins a tied vote, Euclidean rather
than Manhattan distance). Labels must come back with an integer dtype.
"""

from __future__ import annotations

import numpy as np

from mlvc_review.grading.spec import Case, Check, TaskSpec, register
from mlvc_review.grading.tasks.strategies import cases, fixed


def _knn_case(rng: np.random.Generator, n: int, d: int, m: int, C: int, k: int, label: str = "") -> Case:
    """Integer coordinates in [-2, 2], labels in [0, C); k clipped to n."""
    k = min(k, n)
    X_train = rng.integers(-2, 3, size=(n, d)).astype(np.float64)
    y_train = rng.integers(0, C, size=n).astype(np.int64)
    X_test = rng.integers(-2, 3, size=(m, d)).astype(np.float64)
    return Case((X_train, y_train, X_test, k), label=label or f"n={n}, d={d}, m={m}, k={k}, {C} classes")


def _case(X_train: list, y_train: list, X_test: list, k: int, label: str) -> Case:
    return Case((np.array(X_train, dtype=np.float64), np.array(y_train, dtype=np.int64), np.array(X_test, dtype=np.float64), k), label=label)


def _edges() -> list[Case]:
    return [
        _case([[1.0, 0.0], [-1.0, 0.0], [3.0, 1.0]], [2, 0, 1], [[0.0, 0.0], [0.0, 2.0]], 1,
              "equal distances: the lower training index comes first"),
        _case([[0.0, 0.0], [2.0, 0.0], [5.0, 5.0]], [1, 0, 2], [[0.0, 1.0]], 2,
              "a tied vote (1 against 1): the smallest label wins"),
        _case([[2.0, 2.0], [3.0, 0.0]], [0, 1], [[0.0, 0.0]], 1,
              "Euclidean distance: (2, 2) is nearer than (3, 0)"),
        _case([[4.0, 1.0]], [3], [[0.0, 0.0], [-1.0, 2.0]], 1, "a single training point, k = n = 1"),
        _case([[0.0], [1.0], [2.0], [6.0], [7.0]], [5, 0, 5, 0, 0], [[1.0], [6.5]], 5,
              "k = n: every training point votes; labels with gaps (0 and 5)"),
        *fixed(
            _knn_case,
            dict(n=7, d=1, m=4, C=3, k=3, label="d = 1"),
            dict(n=8, d=3, m=1, C=2, k=4, label="one test point, even k"),
            dict(n=6, d=2, m=5, C=4, k=1, label="k = 1: the nearest neighbour's label"),
        ),
    ]


register(
    TaskSpec(
        function="knn_predict",
        reference="mlvc_reference.knn:knn_predict",
        integer_output=True,
        checks=(
            Check("values", "compare", strategy=lambda: cases(_knn_case, n=(1, 8), d=(1, 3), m=(1, 4), C=(1, 4), k=(1, 8))),
            Check("edge shapes", "compare", examples=_edges),
            Check("no mutation", "mutation", examples=lambda: _edges()[4:6]),
        ),
    )
)
