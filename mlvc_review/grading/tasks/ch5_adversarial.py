"""Chapter 5 task specs: FGSM and PGD against a small fixed classifier (torch).

The attacked model is a grader-supplied `CallableSpec("tanh_mlp", weights)`: a
two-layer tanh network on the flattened image, rebuilt in the sandbox from its
plain weights (and identically for the reference), so nothing but data crosses
the boundary. tanh keeps every pixel's input gradient generic (no dead ReLU
paths), so its sign is the same however a submission computes the
cross-entropy (sum or mean, F.cross_entropy or by hand). Images are uniform in
[0, 1], some with pixels exactly at 0 and 1, where the clip binds.
Besides the values, "stays in the ε-ball and in [0, 1]" checks the result's
range directly, with a message that says which bound is broken.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mlvc_review.grading.sandbox.protocol import CallableSpec
from mlvc_review.grading.spec import Case, Check, TaskSpec, register
from mlvc_review.grading.tasks.strategies import cases, fixed, normal, uniform

EPS = [0.01, 0.03, 0.1, 0.25]
RATIOS = [0.25, 0.5, 1.0, 1.5]  # alpha / eps: a step larger than the ball included
TOL = 1e-9  # slack of the range property (float64 arithmetic on values in [0, 1])


def tanh_mlp(rng: np.random.Generator, D: int, hidden: int, classes: int) -> CallableSpec:
    """logits = tanh(flat(x) W1^T + b1) W2^T + b2 with weights scaled so logits stay O(1)."""
    return CallableSpec("tanh_mlp", {
        "W1": normal(rng, hidden, D, scale=2 * D**-0.5), "b1": normal(rng, hidden, scale=0.5),
        "W2": normal(rng, classes, hidden, scale=2 * hidden**-0.5), "b2": normal(rng, classes, scale=0.5),
    })


def _images(rng: np.random.Generator, shape: tuple[int, ...], binary: bool) -> np.ndarray:
    """Uniform in [0, 1]; `binary` gives pixels at exactly 0 and 1 only."""
    if binary:
        return rng.integers(0, 2, size=shape).astype(np.float64)
    return uniform(rng, 0.0, 1.0, *shape)


def _attack_args(rng, N, C, H, W, classes, hidden, binary) -> tuple[CallableSpec, np.ndarray, np.ndarray]:
    model = tanh_mlp(rng, C * H * W, hidden, classes)
    x = _images(rng, (N, C, H, W), binary)
    return model, x, rng.integers(0, classes, size=N).astype(np.int64)


def _fgsm_case(rng: np.random.Generator, N: int, C: int, H: int, W: int, classes: int, eps: float,
               hidden: int = 6, binary: bool = False, label: str = "") -> Case:
    model, x, y = _attack_args(rng, N, C, H, W, classes, hidden, binary)
    return Case((model, x, y, eps), label=label or f"x {x.shape}, {classes} classes, eps={eps}")


def _fgsm_edges() -> list[Case]:
    return fixed(
        _fgsm_case,
        dict(N=1, C=1, H=1, W=1, classes=2, eps=0.1, label="one pixel, two classes"),
        dict(N=2, C=1, H=3, W=3, classes=3, eps=0.2, binary=True, label="pixels exactly 0 and 1: the clip binds"),
        dict(N=3, C=3, H=2, W=2, classes=4, eps=0.03, label="three channels, a batch of three"),
        dict(N=1, C=1, H=4, W=4, classes=10, eps=1.0, label="eps = 1: every pixel pushed to 0 or 1"),
        dict(N=2, C=2, H=2, W=3, classes=3, eps=0.0, label="eps = 0 returns x"),
    )


def _in_ball(x: np.ndarray, eps: float, got: Any) -> str | None:
    """Failure text when `got` leaves [x - eps, x + eps] or [0, 1], else None."""
    try:
        g = np.asarray(got, dtype=np.float64)
    except (TypeError, ValueError):
        return "returned something that is not an array of numbers"
    if g.shape != x.shape:
        return f"shape {g.shape}, expected {x.shape}"
    if not np.all(np.isfinite(g)):
        return "nan/inf in the adversarial image"
    if g.min() < -TOL or g.max() > 1 + TOL:
        return f"values in [{g.min():.4g}, {g.max():.4g}]; an image must stay in [0, 1] (clip after the step)"
    far = float(np.max(np.abs(g - x)))
    if far > eps + TOL:
        return f"max |x_adv - x| = {far:.4g} > eps = {eps:g}; the result must stay in the eps-ball around the original x"
    return None


register(
    TaskSpec(
        function="fgsm",
        reference="mlvc_reference.adversarial:fgsm",
        framework="torch",
        checks=(
            Check("values", "compare", mode="torch", strategy=lambda: cases(
                _fgsm_case, N=(1, 3), C=(1, 3), H=(1, 4), W=(1, 4), classes=(2, 5), eps=EPS, binary=[False, True])),
            Check("edge shapes", "compare", examples=_fgsm_edges, mode="torch"),
            Check("stays in the ε-ball and in [0, 1]", "property", examples=_fgsm_edges, mode="torch",
                  prop=lambda case, got: _in_ball(case.args[1], case.args[3], got)),
            Check("no mutation", "mutation", examples=lambda: _fgsm_edges()[1:3], mode="torch"),
        ),
    )
)


def _pgd_case(rng: np.random.Generator, N: int, C: int, H: int, W: int, classes: int, eps: float, ratio: float,
              steps: int, hidden: int = 6, binary: bool = False, label: str = "") -> Case:
    model, x, y = _attack_args(rng, N, C, H, W, classes, hidden, binary)
    alpha = float(np.round(eps * ratio, 6))
    return Case((model, x, y, eps, alpha, steps),
                label=label or f"x {x.shape}, {classes} classes, eps={eps}, alpha={alpha}, {steps} steps")


def _pgd_edges() -> list[Case]:
    return fixed(
        _pgd_case,
        dict(N=1, C=1, H=1, W=1, classes=2, eps=0.1, ratio=0.5, steps=3, label="one pixel, three steps"),
        dict(N=2, C=1, H=3, W=3, classes=3, eps=0.05, ratio=2.0, steps=2, label="alpha = 2 eps: the projection binds at once"),
        dict(N=2, C=2, H=2, W=2, classes=4, eps=0.1, ratio=0.5, steps=1, label="a single step"),
        dict(N=2, C=1, H=3, W=3, classes=3, eps=0.2, ratio=0.25, steps=6, binary=True, label="pixels exactly 0 and 1"),
        dict(N=1, C=3, H=3, W=3, classes=5, eps=0.25, ratio=0.2, steps=20, label="twenty steps of eps / 5"),
    )


register(
    TaskSpec(
        function="pgd",
        reference="mlvc_reference.adversarial:pgd",
        framework="torch",
        checks=(
            Check("values", "compare", mode="torch", strategy=lambda: cases(
                _pgd_case, N=(1, 3), C=(1, 2), H=(1, 4), W=(1, 4), classes=(2, 4), eps=EPS, ratio=RATIOS,
                steps=(1, 8), binary=[False, True])),
            Check("edge shapes", "compare", examples=_pgd_edges, mode="torch"),
            Check("stays in the ε-ball and in [0, 1]", "property", examples=_pgd_edges, mode="torch",
                  prop=lambda case, got: _in_ball(case.args[1], case.args[3], got)),
            Check("no mutation", "mutation", examples=lambda: _pgd_edges()[2:4], mode="torch"),
        ),
    )
)
