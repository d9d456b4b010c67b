"""Chapter 1 task spec: the softmax along an axis, stable for |z| up to 1e4.

Inputs have one to three axes and the normalised axis is drawn among them
(positive and negative indices), so normalising over the wrong axis shows.
"Stability" puts logits at ±1e4, where exp overflows unless the maximum is
subtracted first.
"""

from __future__ import annotations

import numpy as np

from mlvc_review.grading.spec import Case, Check, TaskSpec, register
from mlvc_review.grading.tasks.strategies import FINITE, cases, fixed, normal

SHAPES = [(4,), (2, 3), (3, 1, 2), (1,), (3, 4)]


def _softmax_case(
    rng: np.random.Generator, shape: tuple[int, ...], axis: int | None = None, scale: float = 3.0, label: str = ""
) -> Case:
    """z of `shape` ~ N(0, scale²); `axis` None means the default (-1), otherwise passed by keyword."""
    z = normal(rng, *shape, scale=scale)
    kwargs = {} if axis is None else {"axis": axis}
    return Case((z,), kwargs, label=label or f"z {shape}, axis={'default' if axis is None else axis}")


def _drawn(rng: np.random.Generator, shape: tuple[int, ...], which: int) -> Case:
    """`which` picks the axis: 0 = default, else one of the valid axes (negative ones too)."""
    axes = [None, *range(len(shape)), *range(-len(shape), 0)]
    return _softmax_case(rng, shape, axes[which % len(axes)])


def _edges() -> list[Case]:
    return [
        *fixed(
            _softmax_case,
            dict(shape=(3, 4), label="batch of logits, default axis"),
            dict(shape=(3, 4), axis=0, label="axis=0: columns sum to one"),
            dict(shape=(2, 3, 4), axis=1, label="3-D, middle axis"),
            dict(shape=(2, 5), axis=-2, label="negative axis -2"),
            dict(shape=(5,), label="1-D"),
            dict(shape=(1,), label="a single logit"),
        ),
        Case((np.full((2, 3), 7.0),), label="equal logits: uniform"),
    ]


def _stable() -> list[Case]:
    return [
        Case((np.array([[1e4, 0.0, -1e4], [-1e4, -1e4 + 1.0, -1e4 + 2.0]]),), label="|z| up to 1e4"),
        Case((np.array([[1e4, 1e4 - 0.5], [3.0, -2.0]]),), {"axis": 0}, label="|z| up to 1e4, axis=0"),
        _softmax_case(np.random.default_rng(4), (2, 3, 4), axis=-1, scale=3e3, label="3-D, |z| in the thousands"),
    ]


register(
    TaskSpec(
        function="softmax",
        reference="mlvc_reference.activations:softmax",
        checks=(
            Check("values", "compare", strategy=lambda: cases(_drawn, shape=SHAPES, which=(0, 6))),
            Check("edge shapes", "compare", examples=_edges),
            Check("stability", "compare", examples=_stable, nan_policy=FINITE),
            Check("no mutation", "mutation", examples=lambda: _edges()[1:3]),
        ),
    )
)
