"""Chapter 3 task specs: max and average pooling (stride defaults to k, no padding, floor mode).

Strides are drawn both equal to k (the default, passed by omitting the argument)
and different from it (overlapping windows with S < k, gaps with S > k), and
image sizes that S does not divide, so a partial border window (ceil mode) shows.
"""

from __future__ import annotations

import numpy as np

from mlvc_review.grading.spec import Case, Check, TaskSpec, register
from mlvc_review.grading.tasks.strategies import cases, fixed, normal


def _pool_case(rng: np.random.Generator, N: int, C: int, H: int, W: int, k: int, S: int | None,
               label: str = "") -> Case:
    """x (N, C, H, W) with k shrunk to fit; S None means "use the default" (argument omitted)."""
    k = min(k, H, W)
    x = normal(rng, N, C, H, W)
    args = (x, k) if S is None else (x, k, S)
    return Case(args, label=label or f"x {x.shape}, k={k}, stride={'default' if S is None else S}")


def _pool_edges() -> list[Case]:
    return fixed(
        _pool_case,
        dict(N=1, C=1, H=4, W=4, k=2, S=None, label="one channel, 2x2 windows, default stride"),
        dict(N=2, C=3, H=5, W=7, k=2, S=None, label="odd sizes: the last row and column are dropped"),
        dict(N=1, C=2, H=5, W=5, k=3, S=1, label="overlapping windows (stride 1 < k)"),
        dict(N=1, C=1, H=7, W=6, k=2, S=3, label="stride 3 > k: gaps between windows"),
        dict(N=2, C=2, H=3, W=3, k=3, S=None, label="k = H = W: one window (global pooling)"),
        dict(N=1, C=2, H=3, W=5, k=1, S=None, label="k = 1: the identity"),
        dict(N=1, C=1, H=6, W=4, k=2, S=2, label="stride given equal to k, non-square"),
    )


def _pool_task(function: str) -> TaskSpec:
    return TaskSpec(
        function=function,
        reference=f"mlvc_reference.pooling:{function}",
        checks=(
            Check("values", "compare", strategy=lambda: cases(
                _pool_case, N=(1, 2), C=(1, 3), H=(1, 8), W=(1, 8), k=(1, 4), S=[None, 1, 2, 3])),
            Check("edge shapes", "compare", examples=_pool_edges),
            Check("no mutation", "mutation", examples=lambda: _pool_edges()[1:4]),
        ),
    )


register(_pool_task("max_pool2d"))
register(_pool_task("avg_pool2d"))
