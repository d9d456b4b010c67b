"""Chapter 8 task specs: the DDPM schedule, ᾱ, forward sampling, the simple loss, one reverse step.

Schedules are real linear schedules (T up to 1000, 0-based t), so ᾱ is a
cumulative product and t = 0 (ᾱ = α) and t = T - 1 are both exercised. The
noise model of `ddpm_simple_loss` is a grader-supplied `CallableSpec`
("linear_eps": ε_θ(x_t, t) = flat(x_t) A + c t) that the sandbox builds for the
submission and `_callables` builds identically for the reference.
"""

from __future__ import annotations

import numpy as np

from mlvc_reference.diffusion import alpha_bar as _alpha_bar
from mlvc_reference.diffusion import linear_beta_schedule as _schedule
from mlvc_review.grading.sandbox.protocol import CallableSpec
from mlvc_review.grading.spec import Case, Check, TaskSpec, register
from mlvc_review.grading.tasks.strategies import cases, fixed, normal, uniform

ENDS = [(1e-4, 0.02), (1e-3, 0.05), (0.01, 0.2)]
TRAILING = [(), (3,), (2, 2), (1, 2, 3)]


def _schedule_case(rng: np.random.Generator, T: int, ends: tuple[float, float] | None, label: str = "") -> Case:
    args = (T,) if ends is None else (T, *ends)
    return Case(args, label=label or f"T={T}" + ("" if ends is None else f", beta_1={ends[0]}, beta_T={ends[1]}"))


def _schedule_edges() -> list[Case]:
    return [
        Case((1000,), label="T = 1000, default ends"),
        Case((2,), label="T = 2: just the two ends"),
        Case((10, 0.001, 0.05), label="T = 10, beta_1 = 0.001, beta_T = 0.05"),
        Case((5,), {"beta_1": 0.1, "beta_T": 0.3}, label="ends as keywords"),
    ]


register(
    TaskSpec(
        function="linear_beta_schedule",
        reference="mlvc_reference.diffusion:linear_beta_schedule",
        checks=(
            Check("values", "compare", strategy=lambda: cases(_schedule_case, T=(2, 1000), ends=[None, *ENDS])),
            Check("edge shapes", "compare", examples=_schedule_edges),
        ),
    )
)


def _betas(rng: np.random.Generator, T: int) -> np.ndarray:
    """A linear schedule of length T with randomly drawn ends."""
    beta_1, beta_T = ENDS[rng.integers(len(ENDS))]
    return _schedule(T, beta_1, beta_T)


def _ab_case(rng: np.random.Generator, T: int, label: str = "") -> Case:
    return Case((_betas(rng, T),), label=label or f"T={T}")


def _ab_edges() -> list[Case]:
    return [
        Case((_schedule(1000),), label="T = 1000 linear schedule"),
        Case((np.array([0.1]),), label="T = 1"),
        Case((np.array([0.1, 0.2, 0.3, 0.5]),), label="large betas, T = 4"),
        Case((uniform(np.random.default_rng(5), 0.0, 0.5, 7),), label="non-monotone betas"),
    ]


register(
    TaskSpec(
        function="alpha_bar",
        reference="mlvc_reference.diffusion:alpha_bar",
        checks=(
            Check("values", "compare", strategy=lambda: cases(_ab_case, T=(1, 1000))),
            Check("edge shapes", "compare", examples=_ab_edges),
            Check("no mutation", "mutation", examples=lambda: _ab_edges()[2:]),
        ),
    )
)


def _forward_args(
    rng: np.random.Generator, T: int, n: int, trailing: tuple[int, ...], t: str
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """x0 (n, *trailing), t int (n,) ("random", "zero" or "last"), noise, alpha_bar (T,)."""
    x0, noise = normal(rng, n, *trailing), normal(rng, n, *trailing)
    steps = {"zero": np.zeros(n, dtype=np.int64), "last": np.full(n, T - 1, dtype=np.int64)}
    return x0, steps.get(t, rng.integers(0, T, n)), noise, _alpha_bar(_betas(rng, T))


def _q_case(rng: np.random.Generator, T: int, n: int, trailing: tuple[int, ...], t: str = "random", label: str = "") -> Case:
    args = _forward_args(rng, T, n, trailing, t)
    return Case(args, label=label or f"x0 {args[0].shape}, T={T}, t={args[1].tolist()}")


def _forward_edges(build: object) -> list[Case]:
    return fixed(
        build,  # type: ignore[arg-type]
        dict(T=10, n=4, trailing=(), t="zero", label="t = 0 for every sample"),
        dict(T=10, n=3, trailing=(2,), t="last", label="t = T - 1"),
        dict(T=1000, n=5, trailing=(3,), label="T = 1000, mixed t"),
        dict(T=50, n=1, trailing=(2, 2), label="batch of one, image-shaped"),
        dict(T=20, n=3, trailing=(1, 2, 3), label="x0 (n, C, H, W)"),
    )


register(
    TaskSpec(
        function="q_sample",
        reference="mlvc_reference.diffusion:q_sample",
        checks=(
            Check("values", "compare", strategy=lambda: cases(_q_case, T=(1, 200), n=(1, 4), trailing=TRAILING)),
            Check("edge shapes", "compare", examples=lambda: _forward_edges(_q_case)),
            Check("no mutation", "mutation", examples=lambda: _forward_edges(_q_case)[2:4]),
        ),
    )
)


def _loss_case(rng: np.random.Generator, T: int, n: int, trailing: tuple[int, ...], t: str = "random", label: str = "") -> Case:
    x0, steps, noise, ab = _forward_args(rng, T, n, trailing, t)
    d = int(np.prod(trailing, dtype=np.int64))
    eps_model = CallableSpec("linear_eps", {"A": normal(rng, d, d, scale=d**-0.5), "c": float(uniform(rng, -0.1, 0.1))})
    return Case((eps_model, x0, steps, noise, ab), label=label or f"x0 {x0.shape}, T={T}, t={steps.tolist()}")


register(
    TaskSpec(
        function="ddpm_simple_loss",
        reference="mlvc_reference.diffusion:ddpm_simple_loss",
        checks=(
            Check("values", "compare", strategy=lambda: cases(_loss_case, T=(1, 200), n=(1, 4), trailing=TRAILING[1:])),
            Check("edge shapes", "compare", examples=lambda: _forward_edges(_loss_case)[1:]),
            # the worker echoes the arrays back (the eps_model callable as None)
            Check("no mutation", "mutation", examples=lambda: _forward_edges(_loss_case)[2:4]),
        ),
    )
)


def _reverse_case(
    rng: np.random.Generator, T: int, shape: tuple[int, ...], t: int | str, label: str = ""
) -> Case:
    """x_t, int t (drawn in [0, T-1] unless given), eps_pred, betas, alpha_bar, z."""
    betas = _betas(rng, T)
    named = {"zero": 0, "last": T - 1, "random": int(rng.integers(0, T))}
    step = named[t] if isinstance(t, str) else int(t)
    x_t, eps, z = normal(rng, *shape), normal(rng, *shape), normal(rng, *shape)
    return Case((x_t, step, eps, betas, _alpha_bar(betas), z), label=label or f"x_t {shape}, T={T}, t={step}")


def _reverse_edges() -> list[Case]:
    return fixed(
        _reverse_case,
        dict(T=10, shape=(3, 2), t="zero", label="t = 0: no noise is added"),
        dict(T=10, shape=(3, 2), t="last", label="t = T - 1"),
        dict(T=1000, shape=(4,), t=500, label="T = 1000, t = 500"),
        dict(T=1000, shape=(2, 1, 3, 3), t=1, label="t = 1, image-shaped"),
        dict(T=5, shape=(1,), t=2, label="a single value"),
    )


register(
    TaskSpec(
        function="ddpm_reverse_step",
        reference="mlvc_reference.diffusion:ddpm_reverse_step",
        checks=(
            Check(
                "values",
                "compare",
                strategy=lambda: cases(_reverse_case, T=(1, 300), shape=[(3,), (2, 2), (1,), (2, 1, 2)], t=["random", "zero", "last"]),
            ),
            Check("edge shapes", "compare", examples=_reverse_edges),
            Check("no mutation", "mutation", examples=lambda: _reverse_edges()[:2]),
        ),
    )
)
