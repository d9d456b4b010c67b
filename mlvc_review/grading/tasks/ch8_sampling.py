"""Chapter 8 task specs: x̂_0 from a noise estimate, classifier-free guidance, the time-step embedding.

`x0_from_eps` gets real linear schedules (T up to 200, so ᾱ stays above 1e-10
and the rounding errors that dividing by sqrt(ᾱ_t) amplifies stay far below the
tolerance, whichever algebraic form is used) with 0-based t, including t = 0
(where ᾱ = α, so the notes' α_t slip goes unseen) and t = T - 1.
Guidance scales cover w = 0 (unconditional), w = 1 (conditional) and the usual
w > 1. Time steps for the embedding are ints in [0, 1000) or fractional, and
max_period is passed positionally, by keyword, or left at its default.
"""

from __future__ import annotations

import numpy as np

from mlvc_reference.diffusion import alpha_bar as _alpha_bar
from mlvc_reference.diffusion import linear_beta_schedule as _schedule
from mlvc_review.grading.spec import Case, Check, TaskSpec, register
from mlvc_review.grading.tasks.strategies import cases, fixed, normal, uniform

ENDS = [(1e-4, 0.02), (1e-3, 0.05), (0.01, 0.2)]
TRAILING = [(), (3,), (2, 2), (1, 2, 3)]


def _x0_case(
    rng: np.random.Generator, T: int, n: int, trailing: tuple[int, ...], t: str = "random", label: str = ""
) -> Case:
    """x_t (n, *trailing), t int (n,) ("random", "zero" or "last"), eps, alpha_bar (T,)."""
    beta_1, beta_T = ENDS[rng.integers(len(ENDS))]
    ab = _alpha_bar(_schedule(T, beta_1, beta_T))
    x_t, eps = normal(rng, n, *trailing), normal(rng, n, *trailing)
    steps = {"zero": np.zeros(n, dtype=np.int64), "last": np.full(n, T - 1, dtype=np.int64)}
    t_arr = steps.get(t, rng.integers(0, T, n).astype(np.int64))
    return Case((x_t, t_arr, eps, ab), label=label or f"x_t {x_t.shape}, T={T}, t={t_arr.tolist()}")


def _x0_edges() -> list[Case]:
    return fixed(
        _x0_case,
        dict(T=10, n=3, trailing=(2,), label="mixed t"),
        dict(T=10, n=4, trailing=(), t="zero", label="t = 0 for every sample"),
        dict(T=10, n=3, trailing=(2,), t="last", label="t = T - 1"),
        dict(T=200, n=5, trailing=(3,), label="T = 200, mixed t"),
        dict(T=50, n=1, trailing=(2, 2), label="batch of one, image-shaped"),
        dict(T=20, n=3, trailing=(1, 2, 3), label="x_t (n, C, H, W)"),
    )


register(
    TaskSpec(
        function="x0_from_eps",
        reference="mlvc_reference.diffusion:x0_from_eps",
        checks=(
            Check("values", "compare", strategy=lambda: cases(_x0_case, T=(1, 200), n=(1, 4), trailing=TRAILING)),
            Check("edge shapes", "compare", examples=_x0_edges),
            Check("no mutation", "mutation", examples=lambda: _x0_edges()[3:5]),
        ),
    )
)

SCALES = [0.0, 1.0, 1.5, 3.0, 7.5, 0.3, 12.0]


def _cfg_case(rng: np.random.Generator, shape: tuple[int, ...], w: float | None = None, label: str = "") -> Case:
    """eps_uncond, eps_cond of `shape`; w from SCALES, or uniform in [0, 10] when None."""
    w = float(uniform(rng, 0.0, 10.0)) if w is None else float(w)
    return Case((normal(rng, *shape), normal(rng, *shape), w), label=label or f"eps {shape}, w={w}")


def _cfg_edges() -> list[Case]:
    return fixed(
        _cfg_case,
        dict(shape=(2, 3), w=3.0, label="w = 3"),
        dict(shape=(4,), w=0.0, label="w = 0: the unconditional prediction"),
        dict(shape=(2, 2), w=1.0, label="w = 1: the conditional prediction"),
        dict(shape=(1, 1, 2, 2), w=7.5, label="image-shaped, w = 7.5"),
        dict(shape=(3,), w=0.5, label="w = 0.5: halfway"),
    )


register(
    TaskSpec(
        function="cfg_combine",
        reference="mlvc_reference.diffusion:cfg_combine",
        checks=(
            Check("values", "compare", strategy=lambda: cases(_cfg_case, shape=[(3,), (2, 2), (1, 2, 3), (4, 1)], w=[None, *SCALES])),
            Check("edge shapes", "compare", examples=_cfg_edges),
            Check("no mutation", "mutation", examples=lambda: _cfg_edges()[:1]),
        ),
    )
)

PERIODS = [None, 10000, 1000, 100, "keyword"]


def _emb_case(
    rng: np.random.Generator, n: int, half: int, period: int | str | None, fractional: bool = False, label: str = ""
) -> Case:
    """t (n,) ints in [0, 1000) (or fractional), dim = 2 half; max_period default, positional or keyword."""
    t = uniform(rng, 0.0, 1000.0, n) if fractional else rng.integers(0, 1000, size=n).astype(np.int64)
    dim = 2 * half
    if period is None:
        args, kwargs, shown = (t, dim), {}, "default max_period"
    elif period == "keyword":
        args, kwargs, shown = (t, dim), {"max_period": 500}, "max_period=500 by keyword"
    else:
        args, kwargs, shown = (t, dim, period), {}, f"max_period={period}"
    return Case(args, kwargs, label=label or f"t {t.tolist()}, dim={dim}, {shown}")


def _emb_edges() -> list[Case]:
    return [
        *fixed(
            _emb_case,
            dict(n=3, half=4, period=None, label="dim = 8, default max_period"),
            dict(n=2, half=3, period=100, label="dim = 6, max_period = 100"),
            dict(n=1, half=1, period=None, label="dim = 2: one frequency"),
            dict(n=4, half=8, period=1000, fractional=True, label="fractional t, dim = 16"),
            dict(n=2, half=2, period="keyword", label="max_period by keyword"),
        ),
        Case((np.array([0, 1, 999], dtype=np.int64), 10), label="t = 0, 1 and 999, dim = 10"),
    ]


register(
    TaskSpec(
        function="timestep_embedding",
        reference="mlvc_reference.diffusion:timestep_embedding",
        checks=(
            Check(
                "values",
                "compare",
                strategy=lambda: cases(_emb_case, n=(1, 5), half=(1, 16), period=PERIODS, fractional=[False, True]),
            ),
            Check("edge shapes", "compare", examples=_emb_edges),
            Check("no mutation", "mutation", examples=lambda: _emb_edges()[:1]),
        ),
    )
)
