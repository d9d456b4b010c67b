"""Shared input builders for the task specs: bounded values, small shapes, seeded draws.

A "values" strategy draws the *dimensions* of an input with hypothesis and a
seed for NumPy's generator, then builds well-conditioned arrays from the seed.
Shrinking therefore makes a failing input small (fewest rows, shortest axes,
seed 0) while every drawn input stays inside the contract's stated range.
Hypothesis is imported only inside `cases`, when a strategy is asked for, so
importing a task module costs nothing at CLI start-up.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any, Callable, NamedTuple

import numpy as np

from mlvc_review.grading.spec import Case

Dim = tuple[int, int] | list[Any]
DECIMALS = 3


class Recipe(NamedTuple):
    """What `cases` draws from: `build(rng, **dims)`, each dim a (low, high) range or a list of values."""

    build: Callable[..., Case]
    dims: dict[str, Dim]


_RECIPE_ONLY: ContextVar[bool] = ContextVar("recipe_only", default=False)


def recipe_of(factory: Callable[[], Any]) -> Recipe | None:
    """The `Recipe` of a check's strategy factory when it is made by `cases` (None otherwise).

    The grader draws such a check's inputs itself (`checks.sampling`), without importing
    hypothesis; tests and other strategies get real hypothesis strategies as before.
    """
    token = _RECIPE_ONLY.set(True)
    try:
        made = factory()
    finally:
        _RECIPE_ONLY.reset(token)
    return made if isinstance(made, Recipe) else None


def cases(build: Callable[..., Case], **dims: Dim) -> Any:
    """A hypothesis strategy of `Case`s: `build(rng, **drawn_dims)` for drawn dims and a seed.

    Args:
        build: (rng: numpy Generator, **dims) -> Case.
        dims: name -> (low, high) inclusive integer range, or a list of values to pick from.

    Returns:
        SearchStrategy[Case] (a `Recipe` inside `recipe_of`).
    """
    if _RECIPE_ONLY.get():
        return Recipe(build, dims)
    from hypothesis import strategies as st

    def strategy(spec: Dim) -> Any:
        if isinstance(spec, tuple):
            return st.integers(spec[0], spec[1])
        return st.sampled_from(spec)

    drawn = {name: strategy(spec) for name, spec in dims.items()}

    def make(seed: int, **kw: Any) -> Case:
        return build(np.random.default_rng(seed), **kw)

    return st.builds(make, seed=st.integers(0, 2**32 - 1), **drawn)


def fixed(build: Callable[..., Case], *dim_sets: dict[str, Any], seed: int = 7) -> list[Case]:
    """Fixed cases: `build(rng, **dims)` for each dict of dims, each with its own seeded rng."""
    return [build(np.random.default_rng(seed + i), **dims) for i, dims in enumerate(dim_sets)]


def elementwise_shapes(build: Callable[..., Case]) -> list[Case]:
    """The edge shapes of an elementwise function's inputs: one entry, an (n, d) batch, 3-D, a column."""
    return fixed(
        build,
        dict(shape=(1,), label="a single entry"),
        dict(shape=(4, 3), label="a (n, d) batch"),
        dict(shape=(2, 3, 4), label="3-D"),
        dict(shape=(5, 1), label="a column (n, 1)"),
    )


def normal(rng: np.random.Generator, *shape: int, scale: float = 1.0) -> np.ndarray:
    """N(0, scale²) entries rounded to `DECIMALS`, float64 of `shape`."""
    return np.round(rng.standard_normal(shape) * scale, DECIMALS)


def uniform(rng: np.random.Generator, low: float, high: float, *shape: int) -> np.ndarray:
    """Uniform entries in [low, high], rounded to `DECIMALS` (clipped back into the range)."""
    return np.clip(np.round(rng.uniform(low, high, shape), DECIMALS), low, high)


def nonzero(rng: np.random.Generator, *shape: int, low: float = 0.2, high: float = 2.0) -> np.ndarray:
    """Entries with |v| in [low, high] and a random sign: never (near) zero."""
    return uniform(rng, low, high, *shape) * rng.choice([-1.0, 1.0], size=shape)


def orthonormal(rng: np.random.Generator, n: int, d: int) -> np.ndarray:
    """(n, d), n >= d, with orthonormal columns (QR of a Gaussian matrix)."""
    q, r = np.linalg.qr(rng.standard_normal((n, d)))
    # fix the signs so the factorisation is unique: q diag(sign(diag r))
    return q * np.sign(np.diag(r))


def well_conditioned(rng: np.random.Generator, n: int, d: int, s_min: float = 0.5, s_max: float = 2.0) -> np.ndarray:
    """(n, d), n >= d, singular values in [s_min, s_max] (up to rounding): X = U diag(s) V^T.

    Rounding to `DECIMALS` moves each singular value by at most about sqrt(n d) 5e-4.
    """
    U = orthonormal(rng, n, d)  # (n, d)
    V = orthonormal(rng, d, d)  # (d, d)
    s = rng.uniform(s_min, s_max, d)  # (d,)
    # X = U diag(s) V^T, (n, d)
    return np.round((U * s) @ V.T, DECIMALS)


def dyadic(rng: np.random.Generator, *shape: int, step: float = 0.125, bound: float = 2.0) -> np.ndarray:
    """Multiples of `step` in [-bound, bound], float32: exact in float32 and TF32 arithmetic.

    Products and sums of such values stay exact in float32 (for bounded sums), so a
    float32 result computed in any order, on any device, equals the float64 reference.
    """
    k = int(round(bound / step))
    return (rng.integers(-k, k + 1, size=shape) * step).astype(np.float32)


def random_mask(rng: np.random.Generator, *shape: int, p: float = 0.5) -> np.ndarray:
    """Boolean (..., Lq, Lk) mask, True = may attend; every query row keeps at least one key."""
    mask = rng.random(shape) < p
    Lk = shape[-1]
    # one guaranteed key per row: mask[..., i, keep[..., i]] = True
    keep = rng.integers(0, Lk, size=shape[:-1])
    np.put_along_axis(mask, keep[..., None], True, axis=-1)
    return mask


# NaN policy of the "stability" checks: any nan or inf in a result fails. (The
# diagnosis compares a known mistake with the student's answer by resemblance, so an
# unstable known mistake is still named.)
FINITE = "forbid"

# Seconds per call for the large float32 (GPU) checks: a correct loop-per-head
# attention on those sizes took more than the default 10 s on an H100 machine.
HEAVY_TIMEOUT = 120.0
