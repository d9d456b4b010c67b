"""Inputs of a `cases` strategy drawn and shrunk without the hypothesis engine.

A check whose strategy is `tasks.strategies.cases(build, **dims)` draws a seed in
[0, 2**32) and each dim from its (low, high) range or list; the case is
`build(numpy rng(seed), **dims)`. The grader draws such cases itself: the first is
the simplest (every dim at its first value, seed 0), then each dim is drawn uniformly,
at its first or last value one time in ten each, so the edges of every range come up
as they do under hypothesis. The sequence depends only on the run's seed, the task
and the check, so a later submission gets the same Case objects (and the reference's
cached answers). A failing draw is shrunk greedily, dim by dim: the simplest of the
simpler values that still fails is kept (smaller numbers, earlier list items, seed 0),
until no dim can be made simpler: the smallest failing input, as hypothesis would
report it, at a fraction of the cost, and hypothesis is never imported.
"""

from __future__ import annotations

import zlib
from typing import Any, Callable, NamedTuple

import numpy as np

from mlvc_review.grading.spec import Case
from mlvc_review.grading.tasks.strategies import Recipe

SEEDS = 2**32  # the range of `cases`' seed draw
EDGE = 0.1  # chance of a dim's first (and, separately, last) value in a draw
SHRINK_SEEDS = (0, 1, 2, 3)  # seeds tried when shrinking (the array values rarely matter)
MAX_PASSES = 8  # shrink passes over all dims (each pass that changes nothing ends it)


class Draw(NamedTuple):
    """One drawn input: the numpy seed and, per dim, its value (a range) or index (a list)."""

    seed: int
    picks: tuple[int, ...]


def make(recipe: Recipe, draw: Draw) -> Case:
    """The Case of `draw` (as `cases` builds it under hypothesis)."""
    values = {name: (pick if isinstance(dim, tuple) else dim[pick]) for (name, dim), pick in zip(recipe.dims.items(), draw.picks)}
    return recipe.build(np.random.default_rng(draw.seed), **values)


def _first(dim: Any) -> int:
    return dim[0] if isinstance(dim, tuple) else 0


def _last(dim: Any) -> int:
    return dim[1] if isinstance(dim, tuple) else len(dim) - 1


def draws(recipe: Recipe, seed: int, n: int, salt: str) -> list[Draw]:
    """`n` draws for the run's `seed`; `salt` (task and check) gives each check its own sequence."""
    rng = np.random.default_rng([seed % 2**63, zlib.crc32(salt.encode())])
    dims = list(recipe.dims.values())
    out = [Draw(0, tuple(_first(d) for d in dims))] if n > 0 else []
    while len(out) < n:
        picks = []
        for dim in dims:
            u = rng.random()
            low, high = _first(dim), _last(dim)
            picks.append(low if u < EDGE else high if u < 2 * EDGE else int(rng.integers(low, high + 1)))
        out.append(Draw(int(rng.integers(0, SEEDS)), tuple(picks)))
    return out


def simpler(recipe: Recipe, draw: Draw, i: int) -> list[Draw]:
    """Draws that differ from `draw` only in dim `i` (or the seed, for i == len(dims)), simplest first."""
    dims = list(recipe.dims.values())
    if i == len(dims):
        return [draw._replace(seed=s) for s in SHRINK_SEEDS if s < draw.seed]
    now, low = draw.picks[i], _first(dims[i])
    if now - low <= 16:
        values = range(low, now)
    else:  # a wide range: a few steps towards its start
        values = sorted({low, low + 1, low + 2, low + (now - low) // 4, (low + now) // 2, now - 1})
    return [draw._replace(picks=draw.picks[:i] + (v,) + draw.picks[i + 1:]) for v in values]


def shrink(recipe: Recipe, draw: Draw, first_failing: Callable[[list[Case]], tuple[int, Any]]) -> tuple[Draw, Any]:
    """Make a failing `draw` as simple as it gets while it still fails.

    Args:
        first_failing: evaluates cases in order and returns (index of the first that fails, its
            failure), or (-1, None) when all pass; a failure with `stop` set (the sandbox gave up)
            ends the shrinking at once.

    Returns:
        (the simplest failing draw, its failure; None when `draw` itself was never re-run).
    """
    failure = None
    for _ in range(MAX_PASSES):
        changed = False
        for i in range(len(recipe.dims) + 1):
            candidates = simpler(recipe, draw, i)
            if not candidates:
                continue
            index, found = first_failing([make(recipe, c) for c in candidates])
            if found is None:
                continue
            if getattr(found, "stop", False):
                return candidates[index], found
            draw, failure, changed = candidates[index], found, True
        if not changed:
            break
    return draw, failure
