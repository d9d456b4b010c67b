"""Chapter 1 task specs: least squares by the normal equation, and ridge regression.

Inputs are well-conditioned (singular values of X in [0.5, 2]), so inverse,
solve, lstsq, pinv and hand-written elimination all agree with the reference
at rtol 1e-6; y is drawn both as a vector (n,) and as one-hot-style targets (n, k).
"""

from __future__ import annotations

import numpy as np

from mlvc_review.grading.spec import Case, Check, TaskSpec, register
from mlvc_review.grading.tasks.strategies import cases, fixed, normal, well_conditioned

LAMBDAS = [0.0, 0.3, 1.0, 2.5, 10.0, 0.05]


def _X(rng: np.random.Generator, n: int, d: int) -> np.ndarray:
    """(n, d) well-conditioned; for n < d the transpose of a well-conditioned (d, n)."""
    return well_conditioned(rng, n, d) if n >= d else well_conditioned(rng, d, n).T.copy()


def _y(rng: np.random.Generator, n: int, k: int, onehot: bool = False) -> np.ndarray:
    """(n,) when k == 0, else (n, k); one-hot rows when `onehot`."""
    if k == 0:
        return normal(rng, n)
    if onehot:
        return np.eye(k)[rng.integers(0, k, n)]
    return normal(rng, n, k)


def _ls_case(rng: np.random.Generator, d: int, extra: int, k: int, onehot: bool = False, label: str = "") -> Case:
    n = d + extra
    return Case((_X(rng, n, d), _y(rng, n, k, onehot)), label=label or f"n={n}, d={d}, y {'(n,)' if k == 0 else f'(n,{k})'}")


def _ridge_case(
    rng: np.random.Generator, d: int, extra: int, k: int, lam: float, onehot: bool = False, label: str = ""
) -> Case:
    n = d + extra
    label = label or f"n={n}, d={d}, lam={lam}, y {'(n,)' if k == 0 else f'(n,{k})'}"
    return Case((_X(rng, n, d), _y(rng, n, k, onehot), lam), label=label)


def _ls_edges() -> list[Case]:
    return fixed(
        _ls_case,
        dict(d=3, extra=0, k=0, label="square X, n = d"),
        dict(d=1, extra=4, k=0, label="d = 1"),
        dict(d=1, extra=0, k=0, label="n = d = 1"),
        dict(d=2, extra=6, k=0, label="tall X, n != d"),
        dict(d=4, extra=6, k=3, onehot=True, label="one-hot y (n, k)"),
        dict(d=3, extra=2, k=1, label="y (n, 1) stays 2-D"),
    )


def _ridge_edges() -> list[Case]:
    return [
        *fixed(
            _ridge_case,
            dict(d=3, extra=3, k=0, lam=0.0, label="lam = 0: least squares"),
            dict(d=3, extra=3, k=0, lam=2.5, label="lam > 0"),
            dict(d=1, extra=4, k=0, lam=0.7, label="d = 1"),
            dict(d=4, extra=0, k=0, lam=3.0, label="square X"),
            dict(d=3, extra=5, k=3, lam=0.5, onehot=True, label="one-hot y (n, k)"),
            dict(d=2, extra=3, k=1, lam=4.0, label="y (n, 1) stays 2-D"),
        ),
        _ridge_case(np.random.default_rng(11), d=5, extra=-2, k=0, lam=1.5, label="n < d, lam > 0"),
    ]


register(
    TaskSpec(
        function="normal_equation",
        reference="mlvc_reference.linear_models:normal_equation",
        checks=(
            Check("values", "compare", strategy=lambda: cases(_ls_case, d=(1, 6), extra=(0, 5), k=[0, 2, 1, 3])),
            Check("edge shapes", "compare", examples=_ls_edges),
            Check("no mutation", "mutation", examples=lambda: _ls_edges()[3:5]),
        ),
    )
)

register(
    TaskSpec(
        function="ridge_regression",
        reference="mlvc_reference.linear_models:ridge_regression",
        checks=(
            Check(
                "values",
                "compare",
                strategy=lambda: cases(_ridge_case, d=(1, 6), extra=(0, 5), k=[0, 2, 1, 3], lam=LAMBDAS),
            ),
            Check("edge shapes", "compare", examples=_ridge_edges),
            Check("no mutation", "mutation", examples=lambda: _ridge_edges()[1:5:3]),
        ),
    )
)
