"""Random, well-conditioned instances on which matrix answers are compared numerically.

Sizes: different dimension names get different sizes, the first-named dimension is
the largest (n > d for X: [n, d]), and one instance sets the last-named dimension to 1.
When the reference answer inverts a singular matrix for a size plan (the dimensions
were named in another order), the sizes are permuted until it does not. Values:
general symbols N(0, 1), symmetric ones (B + B^T)/2, SPD ones B B^T + c I, scalars
uniform in [0.5, 2] (so a ridge lam is positive).
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from mlvc_review.bank.model import MatrixQuestion
from mlvc_review.quiz.checkers.matrix_eval import Singular, value_of

if TYPE_CHECKING:
    from mlvc_review.quiz.matrix_expr import Node

PLANS = 4


@dataclass(frozen=True)
class Instance:
    """One drawn case: the sizes, the symbols' values, and the reference answer's value."""

    sizes: dict[str, int]
    values: dict[str, Any]
    want: Any

    def describe(self, lang: str = "en") -> str:
        return ", ".join(f"{k} = {v}" for k, v in self.sizes.items()) or ("这些取值" if lang == "zh" else "these values")


def dimension_names(question: MatrixQuestion) -> list[str]:
    """Named dimensions in order of first appearance in the symbols."""
    names: list[str] = []
    for symbol in question.symbols.values():
        names += [d for d in symbol.shape if isinstance(d, str) and d not in names]
    return names


def size_plans(dims: list[str], rng: random.Random) -> list[list[int]]:
    """Distinct sizes per plan, largest first; the second plan ends in 1."""
    plans = []
    for i in range(PLANS):
        sizes = sorted(rng.sample(range(2, 9), len(dims)), reverse=True)
        if i == 1 and sizes:
            sizes[-1] = 1
        plans.append(sizes)
    return plans


def draw_values(question: MatrixQuestion, sizes: dict[str, int], rng: np.random.Generator) -> dict[str, Any]:
    """Random values of every symbol: floats for scalars, 2-D arrays otherwise ([n] is n x 1)."""
    values: dict[str, Any] = {}
    for name, symbol in question.symbols.items():
        shape = [sizes[d] if isinstance(d, str) else d for d in symbol.shape]
        if not shape:
            values[name] = float(rng.uniform(0.5, 2.0))
            continue
        rows, cols = shape[0], shape[1] if len(shape) == 2 else 1
        B = rng.standard_normal((rows, cols))  # (rows, cols)
        if symbol.kind == "symmetric":
            B = (B + B.T) / 2
        elif symbol.kind == "spd":
            # A = B B^T + c I with c = rows, well conditioned
            B = B @ B.T + rows * np.eye(rows)
        values[name] = B
    return values


def instances(question: MatrixQuestion, reference: Node, rng: random.Random) -> list[Instance]:
    """PLANS instances on which `reference` is well defined; ValueError if no size order works."""
    dims = dimension_names(question)
    np_rng = np.random.default_rng(rng.getrandbits(64))
    out = []
    for plan in size_plans(dims, rng):
        for order in itertools.islice(itertools.permutations(plan), 24):
            sizes = dict(zip(dims, order))
            values = draw_values(question, sizes, np_rng)
            try:
                out.append(Instance(sizes, values, value_of(reference, values, question.symbols)))
                break
            except Singular:
                continue
        else:
            raise ValueError(f"the reference answer inverts a singular matrix for every order of sizes {plan}")
    return out
