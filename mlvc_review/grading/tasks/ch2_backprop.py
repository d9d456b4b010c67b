"""Chapter 2 task specs: backward passes of the add, mul and sigmoid gates and a linear layer.

Upstream gradients are drawn away from zero (|dout| in [0.2, 2]) so a missing
chain-rule factor always shows; edge cases use non-square weights (m != d),
a batch of one, and 3-D gradients for the shape-agnostic gates.
"""

from __future__ import annotations

import numpy as np

from mlvc_review.grading.spec import Case, Check, TaskSpec, register
from mlvc_review.grading.tasks.strategies import cases, elementwise_shapes, fixed, nonzero, normal

SHAPES = [(3,), (2, 3), (1,), (4, 1), (2, 2, 3), (5, 2)]


def _add_case(rng: np.random.Generator, shape: tuple[int, ...], label: str = "") -> Case:
    return Case((nonzero(rng, *shape),), label=label or f"dz {shape}")


def _mul_case(rng: np.random.Generator, shape: tuple[int, ...], label: str = "") -> Case:
    return Case((normal(rng, *shape), normal(rng, *shape), nonzero(rng, *shape)), label=label or f"x, y, dz {shape}")


def _sigmoid_case(rng: np.random.Generator, shape: tuple[int, ...], scale: float = 3.0, label: str = "") -> Case:
    return Case((normal(rng, *shape, scale=scale), nonzero(rng, *shape)), label=label or f"x, dout {shape}")


def _linear_case(rng: np.random.Generator, n: int, d: int, m: int, backward: bool = False, label: str = "") -> Case:
    x, W, b = normal(rng, n, d), normal(rng, m, d), nonzero(rng, m)
    args = (x, W, b, nonzero(rng, n, m)) if backward else (x, W, b)
    return Case(args, label=label or f"n={n}, d={d}, m={m}")


def _linear_edges(backward: bool) -> list[Case]:
    return fixed(
        _linear_case,
        # a square W first: a W.T slip then returns numbers (evidence for the diagnosis), not an error
        dict(n=3, d=4, m=4, backward=backward, label="square W"),
        dict(n=1, d=3, m=2, backward=backward, label="batch of one"),
        dict(n=4, d=3, m=5, backward=backward, label="m != d"),
        dict(n=5, d=1, m=3, backward=backward, label="d = 1"),
        dict(n=4, d=2, m=1, backward=backward, label="m = 1"),
        dict(n=3, d=3, m=3, backward=backward, label="n = d = m"),
    )


def _gate_task(function: str, build: object) -> TaskSpec:
    """values / edge shapes / no mutation for a shape-agnostic gate."""
    return TaskSpec(
        function=function,
        reference=f"mlvc_reference.backprop:{function}",
        checks=(
            Check("values", "compare", strategy=lambda: cases(build, shape=SHAPES)),  # type: ignore[arg-type]
            Check("edge shapes", "compare", examples=lambda: elementwise_shapes(build)),
            Check("no mutation", "mutation", examples=lambda: elementwise_shapes(build)[1:3]),
        ),
    )


register(_gate_task("add_backward", _add_case))
register(_gate_task("mul_backward", _mul_case))


def _saturated() -> list[Case]:
    return [
        *elementwise_shapes(_sigmoid_case),
        _sigmoid_case(np.random.default_rng(3), (2, 4), scale=12.0, label="large |x| (saturated sigmoid)"),
        Case((np.array([0.0, -0.0, 1e-9]), np.array([1.5, -2.0, 0.5])), label="x = 0: slope 1/4"),
    ]


register(
    TaskSpec(
        function="sigmoid_backward",
        reference="mlvc_reference.backprop:sigmoid_backward",
        checks=(
            Check("values", "compare", strategy=lambda: cases(_sigmoid_case, shape=SHAPES)),
            Check("edge shapes", "compare", examples=_saturated),
            Check("no mutation", "mutation", examples=lambda: elementwise_shapes(_sigmoid_case)[1:3]),
        ),
    )
)

for _function, _backward in (("linear_forward", False), ("linear_backward", True)):
    register(
        TaskSpec(
            function=_function,
            reference=f"mlvc_reference.backprop:{_function}",
            checks=(
                Check(
                    "values",
                    "compare",
                    strategy=lambda b=_backward: cases(_linear_case, n=(1, 5), d=(1, 5), m=(1, 5), backward=[b]),
                ),
                Check("edge shapes", "compare", examples=lambda b=_backward: _linear_edges(b)),
                Check("no mutation", "mutation", examples=lambda b=_backward: _linear_edges(b)[1:3]),
            ),
        )
    )
