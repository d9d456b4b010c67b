"""Chapter 2 task specs: backward passes of the ReLU and tanh gates.

Upstream gradients are drawn away from zero (|dout| in [0.2, 2]) so a missing
chain-rule factor always shows. ReLU inputs contain exact zeros (+0.0 and
-0.0) in every drawn case, where the contract's gradient is 0: a `>=` mask
shows there and nowhere else. tanh inputs reach the saturated range.
"""

from __future__ import annotations

import numpy as np

from mlvc_review.grading.spec import Case, Check, TaskSpec, register
from mlvc_review.grading.tasks.strategies import cases, elementwise_shapes, nonzero, normal

SHAPES = [(3,), (2, 3), (1,), (4, 1), (2, 2, 3), (5, 2)]


def _relu_case(rng: np.random.Generator, shape: tuple[int, ...], label: str = "") -> Case:
    """x ~ N(0, 1) with about a third of the entries exactly ±0.0 (at least one)."""
    x = normal(rng, *shape)
    zeros = rng.random(shape) < 1 / 3
    zeros.flat[rng.integers(0, x.size)] = True
    x[zeros] = np.where(rng.random(int(zeros.sum())) < 0.5, 0.0, -0.0)
    return Case((x, nonzero(rng, *shape)), label=label or f"x, dout {shape} (x has zeros)")


def _tanh_case(rng: np.random.Generator, shape: tuple[int, ...], scale: float = 1.5, label: str = "") -> Case:
    return Case((normal(rng, *shape, scale=scale), nonzero(rng, *shape)), label=label or f"x, dout {shape}")


def _relu_edges() -> list[Case]:
    return [
        Case((np.array([0.0, -0.0, 0.0]), np.array([1.5, -0.7, 2.0])), label="x = 0 exactly: gradient 0"),
        Case((np.array([[-1.0, -0.25], [-3.5, -1e-9]]), np.array([[0.5, -1.0], [1.2, 0.3]])), label="all inputs negative"),
        Case((np.array([[2.0, 1e-9, 0.5]]), np.array([[-0.5, 1.0, -1.3]])), label="all inputs positive, dout of both signs"),
        *elementwise_shapes(_relu_case),
    ]


def _tanh_edges() -> list[Case]:
    return [
        Case((np.array([0.0, -0.0]), np.array([1.5, -2.0])), label="x = 0: slope 1"),
        *elementwise_shapes(_tanh_case),
        _tanh_case(np.random.default_rng(3), (2, 4), scale=8.0, label="large |x| (saturated tanh)"),
    ]


def _task(function: str, build: object, edges: object) -> TaskSpec:
    return TaskSpec(
        function=function,
        reference=f"mlvc_reference.backprop:{function}",
        checks=(
            Check("values", "compare", strategy=lambda: cases(build, shape=SHAPES)),  # type: ignore[arg-type]
            Check("edge shapes", "compare", examples=edges),  # type: ignore[arg-type]
            Check("no mutation", "mutation", examples=lambda: elementwise_shapes(build)[1:3]),
        ),
    )


register(_task("relu_backward", _relu_case, _relu_edges))
register(_task("tanh_backward", _tanh_case, _tanh_edges))
