"""Chapter 7 task specs: PixelCNN's masks and the negative log-likelihood of a sequence.

Masks: every odd kernel size from 1 to 11, both types; 1x1 is the case where
only the centre exists (A: all zero, B: one). The NLL's logits are N(0, 3²) in
"values"; "stability" scales them to |l| = 1e4 (exactly, somewhere), where
e^l overflows and a softmax without the max-shift returns nan.
"""

from __future__ import annotations

import numpy as np

from mlvc_review.grading.spec import Case, Check, TaskSpec, register
from mlvc_review.grading.tasks.strategies import FINITE, cases, normal, uniform

ODD = [1, 3, 5, 7, 9, 11]


def _mask_case(rng: np.random.Generator, k: int, mask_type: str) -> Case:
    return Case((k, mask_type), label=f"kernel_size={k}, mask_type={mask_type!r}")


def _mask_edges() -> list[Case]:
    return [
        Case((3, "A"), label="3x3, type A: the centre is hidden"),
        Case((3, "B"), label="3x3, type B: the centre is visible"),
        Case((5, "A"), label="5x5, type A"),
        Case((1, "A"), label="1x1, type A: nothing is visible"),
        Case((1, "B"), label="1x1, type B: only the centre"),
        Case((7, "B"), label="7x7, type B"),
    ]


register(
    TaskSpec(
        function="pixelcnn_mask",
        reference="mlvc_reference.autoregressive:pixelcnn_mask",
        checks=(
            Check("values", "compare", strategy=lambda: cases(_mask_case, k=ODD, mask_type=["A", "B"])),
            Check("edge shapes", "compare", examples=_mask_edges),
        ),
    )
)


def _nll_case(rng: np.random.Generator, T: int, V: int, bound: float = 0.0, label: str = "") -> Case:
    """logits (T, V) N(0, 3²) (or uniform in ±bound, reaching ±bound), x int (T,) in [0, V)."""
    if bound:
        logits = uniform(rng, -bound, bound, T, V)
        logits.flat[0] = bound
        logits.flat[-1] = -bound
    else:
        logits = normal(rng, T, V, scale=3.0)
    x = rng.integers(0, V, size=T).astype(np.int64)
    return Case((logits, x), label=label or f"T={T}, V={V}")


def _nll_edges() -> list[Case]:
    rng = np.random.default_rng(7)
    return [
        _nll_case(rng, 1, 4, label="one step, T = 1"),
        _nll_case(rng, 5, 2, label="binary values, V = 2"),
        _nll_case(rng, 6, 3, label="T > V"),
        _nll_case(rng, 2, 7, label="T < V"),
        Case((np.zeros((4, 5)), np.array([0, 4, 2, 2], dtype=np.int64)), label="uniform predictions: T log V"),
        Case((np.array([[2.0, -1.0, 0.5], [0.0, 3.0, -2.0]]), np.array([1, 1], dtype=np.int64)), label="hand-picked logits"),
    ]


def _nll_stable() -> list[Case]:
    rng = np.random.default_rng(11)
    return [
        _nll_case(rng, 4, 5, bound=1e4, label="|logits| up to 1e4"),
        _nll_case(rng, 3, 3, bound=1e4, label="|logits| up to 1e4, T = V"),
        Case((np.array([[1e4, -1e4, 0.0], [-1e4, -1e4, -1e4 + 1]]), np.array([0, 2], dtype=np.int64)),
             label="the observed value has the largest logit, 1e4 and -1e4 + 1"),
        Case((np.array([[1e4, 9990.0], [-1e4, 0.0]]), np.array([1, 0], dtype=np.int64)),
             label="the observed value is 10 and 1e4 below the largest logit"),
    ]


register(
    TaskSpec(
        function="autoregressive_nll",
        reference="mlvc_reference.autoregressive:autoregressive_nll",
        checks=(
            Check("values", "compare", strategy=lambda: cases(_nll_case, T=(1, 8), V=(2, 10))),
            Check("edge shapes", "compare", examples=_nll_edges),
            Check("stability", "compare", examples=_nll_stable, nan_policy=FINITE),
            Check("no mutation", "mutation", examples=lambda: _nll_edges()[2:4]),
        ),
    )
)
