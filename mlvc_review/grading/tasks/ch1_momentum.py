"""Chapter 1 task spec: one step of gradient descent with momentum (v ← ρv + g, w ← w - αv).

Learning rates avoid 1 (where folding α into v changes nothing) and the drawn
velocity is never near zero (where stepping with the old velocity would be
invisible); ρ = 0 (plain gradient descent) and a zero initial velocity are
edge cases. Both returned arrays are compared.
"""

from __future__ import annotations

import numpy as np

from mlvc_review.grading.spec import Case, Check, TaskSpec, register
from mlvc_review.grading.tasks.strategies import cases, fixed, nonzero, normal

SHAPES = [(3,), (2, 3), (1,), (4, 1), (2, 2, 2), (6,)]
LRS = [0.1, 0.01, 0.5, 0.05, 2.0]
RHOS = [0.9, 0.5, 0.99, 0.3]


def _step_case(
    rng: np.random.Generator, shape: tuple[int, ...], lr: float, rho: float, zero_v: bool = False, label: str = ""
) -> Case:
    w, grad = normal(rng, *shape), nonzero(rng, *shape)
    v = np.zeros(shape) if zero_v else nonzero(rng, *shape)
    return Case((w, v, grad, lr, rho), label=label or f"w {shape}, lr={lr}, rho={rho}")


def _edges() -> list[Case]:
    return fixed(
        _step_case,
        dict(shape=(3,), lr=0.1, rho=0.9, label="a vector of parameters"),
        dict(shape=(1,), lr=0.5, rho=0.5, label="a single parameter"),
        dict(shape=(4, 3), lr=0.01, rho=0.99, label="a weight matrix"),
        dict(shape=(2, 3), lr=0.1, rho=0.9, zero_v=True, label="first step: v = 0"),
        dict(shape=(5,), lr=0.2, rho=0.0, label="rho = 0: plain gradient descent"),
        dict(shape=(2, 1, 3), lr=0.05, rho=0.8, label="3-D parameters"),
    )


register(
    TaskSpec(
        function="momentum_step",
        reference="mlvc_reference.optim:momentum_step",
        checks=(
            Check("values", "compare", strategy=lambda: cases(_step_case, shape=SHAPES, lr=LRS, rho=RHOS)),
            Check("edge shapes", "compare", examples=_edges),
            Check("no mutation", "mutation", examples=lambda: _edges()[:3:2]),
        ),
    )
)
