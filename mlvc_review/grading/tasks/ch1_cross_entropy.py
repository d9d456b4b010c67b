"""Chapter 1 task spec: the mean cross-entropy of softmax(logits), stable for |logits| up to 1e4.

Batches have n >= 1 rows and C >= 1 classes (C = 1 gives a loss of exactly 0);
the loss is a scalar, so a (1,) array or an (n,) vector of per-sample losses
fails on shape. "Stability" puts logits at ±1e4, where exp overflows unless the
maximum is subtracted (the log-sum-exp); the first stable case has a row of
all +1e4 and one of all -1e4, where every naive form returns nan.
"""

from __future__ import annotations

import numpy as np

from mlvc_review.grading.spec import Case, Check, TaskSpec, register
from mlvc_review.grading.tasks.strategies import FINITE, cases, fixed, normal


def _ce_case(rng: np.random.Generator, n: int, C: int, scale: float = 3.0, label: str = "") -> Case:
    logits = normal(rng, n, C, scale=scale)
    labels = rng.integers(0, C, size=n).astype(np.int64)
    return Case((logits, labels), label=label or f"logits ({n}, {C})")


def _edges() -> list[Case]:
    return [
        *fixed(
            _ce_case,
            dict(n=4, C=3, label="a batch of 4, 3 classes"),
            dict(n=1, C=5, label="batch of one"),
            dict(n=6, C=2, label="two classes"),
            dict(n=3, C=1, label="one class: the loss is 0"),
            dict(n=5, C=7, scale=0.1, label="near-uniform logits: loss near log C"),
        ),
        Case((np.array([[2.0, -1.0, 0.5], [2.0, -1.0, 0.5]]), np.array([0, 0])), label="equal rows and labels"),
    ]


def _stable() -> list[Case]:
    return [
        Case((np.array([[1e4, 1e4, 1e4], [-1e4, -1e4, -1e4]]), np.array([0, 2])), label="rows of all +1e4 and all -1e4"),
        Case((np.array([[1e4, 0.0, -1e4], [-1e4, 1e4, 5.0]]), np.array([2, 1])), label="|logits| up to 1e4: loss 1e4"),
        _ce_case(np.random.default_rng(5), 4, 6, scale=3e3, label="logits in the thousands"),
    ]


register(
    TaskSpec(
        function="cross_entropy",
        reference="mlvc_reference.activations:cross_entropy",
        checks=(
            Check("values", "compare", strategy=lambda: cases(_ce_case, n=(1, 6), C=(1, 5))),
            Check("edge shapes", "compare", examples=_edges),
            Check("stability", "compare", examples=_stable, nan_policy=FINITE),
            Check("no mutation", "mutation", examples=lambda: _edges()[:3:2]),
        ),
    )
)
