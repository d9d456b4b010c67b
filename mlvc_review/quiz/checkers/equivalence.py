"""Deciding whether two formulas are the same function of the question's variables.

Numeric screening first: both formulas are evaluated in doubles at random points
that respect each variable's assumptions (positive -> positive draws, integer ->
small integers); equal at every point where both are defined means equivalent, and
a clear difference (relative error above 1e-3) at a point means different. Only
when the numbers cannot decide (a marginal difference that rounding might explain,
too few defined points, functions without a numeric form) does `simplify(a - b) == 0`
get the last word, in a daemon thread with a deadline, so a pathological expression
cannot stall the quiz. An answer that is undefined or overflows at every point where
the reference is finite is different without asking sympy.
"""

from __future__ import annotations

import ast
import random
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mlvc_review.bank.model import Assumptions
from mlvc_review.quiz.checkers.sympy_build import FLOAT_FUNCTIONS, evaluate_at

if TYPE_CHECKING:
    from mlvc_review.quiz.safe_expr import SafeExpr

POINTS = 20
MAX_DRAWS = 60
MIN_DEFINED = 8
RTOL, ATOL = 1e-7, 1e-9
CLEAR_RTOL = 1e-3
SIMPLIFY_SECONDS = 1.5


@dataclass(frozen=True)
class Verdict:
    """`same` is True/False, or None when neither test could decide; `how` says which test spoke (en, zh)."""

    same: bool | None
    how: str
    how_zh: str = ""

    def text(self, lang: str = "en") -> str:
        return self.how_zh if lang == "zh" and self.how_zh else self.how


def draw_point(variables: Mapping[str, Assumptions], rng: random.Random) -> dict[str, float]:
    """One random value per variable, respecting its assumptions."""
    point = {}
    for name, a in variables.items():
        if a.integer:
            low = 1 if a.positive else -5
            value = float(rng.choice([v for v in range(low, 7) if v != 0 or not a.nonzero]))
        elif a.positive:
            value = rng.uniform(0.2, 3.0)
        else:
            value = rng.uniform(-3.0, 3.0)
            if a.nonzero and abs(value) < 0.2:
                value = 0.2 if value >= 0 else -0.2
        point[name] = value
    return point


def numeric_verdict(a: SafeExpr, b: SafeExpr, variables: Mapping[str, Assumptions],
                    rng: random.Random) -> Verdict:
    """Compare at up to POINTS points where both are defined: |a - b| <= ATOL + RTOL * max(|a|, |b|).

    `same` is None when the comparison cannot decide: a marginal difference (relative
    error below CLEAR_RTOL), or fewer than MIN_DEFINED points where both are defined.
    """
    defined = b_only = 0
    marginal: tuple[str, str] | None = None
    for _ in range(MAX_DRAWS):
        point = draw_point(variables, rng)
        va, vb = evaluate_at(a, point), evaluate_at(b, point)
        b_only += va is None and vb is not None
        if va is None or vb is None:
            continue
        gap = abs(va - vb)
        if gap > ATOL + RTOL * max(abs(va), abs(vb)):
            shown = ", ".join(f"{k} = {v:.3g}" for k, v in point.items())
            how = (f"at {shown} the values are {va:.6g} and {vb:.6g}", f"在 {shown} 处两者的值为 {va:.6g} 和 {vb:.6g}")
            if gap > ATOL + CLEAR_RTOL * max(abs(va), abs(vb)):
                return Verdict(False, *how)
            marginal = how
        defined += 1
        if defined == POINTS:
            break
    if marginal is not None:
        return Verdict(None, *marginal)
    if defined >= MIN_DEFINED:
        return Verdict(True, f"equal at {defined} random points", f"在 {defined} 个随机点上相等")
    if defined == 0 and b_only >= MIN_DEFINED and numeric_form(a):
        return Verdict(False, "undefined or too large at every test point", "在每个测试点上都无定义或过大")
    return Verdict(None, "too few points where both are defined", "两者都有定义的点太少")


def numeric_form(expr: SafeExpr) -> bool:
    """Whether every function the formula calls can be evaluated in doubles."""
    calls = (n for n in ast.walk(expr.tree) if isinstance(n, ast.Call))
    return all(n.func.id in FLOAT_FUNCTIONS for n in calls)  # type: ignore[attr-defined]


def simplify_is_zero(difference: Any, seconds: float = SIMPLIFY_SECONDS) -> bool | None:
    """True when sympy simplifies `difference` to 0 within `seconds`; None when it cannot tell in time."""
    import sympy

    if difference == 0:
        return True
    result: dict[str, bool | None] = {}

    def work() -> None:
        try:
            result["zero"] = bool(sympy.simplify(difference) == 0)
        except Exception:  # sympy may raise almost anything on odd input; undecided then
            result["zero"] = None

    worker = threading.Thread(target=work, name="mlvc-simplify", daemon=True)
    worker.start()
    worker.join(seconds)
    return result.get("zero")


def equivalent(a: SafeExpr, b: SafeExpr, a_sym: Any, b_sym: Any, variables: Mapping[str, Assumptions],
               rng: random.Random, seconds: float = SIMPLIFY_SECONDS) -> Verdict:
    """Whether formula `a` equals formula `b` (given both as checked trees and as sympy expressions).

    Args:
        a, b: the checked formulas (for the numeric test).
        a_sym, b_sym: their sympy expressions (for the symbolic test).
        variables: the question's variables and assumptions.
        rng: the source of the random points (the variant's, so a verdict is reproducible).
        seconds: the deadline of the simplification.
    Returns:
        The verdict and how it was reached.
    """
    if a_sym == b_sym:
        return Verdict(True, "identical", "完全相同")
    numeric = numeric_verdict(a, b, variables, rng)
    if numeric.same is not None:
        return numeric
    if simplify_is_zero(a_sym - b_sym, seconds):
        return Verdict(True, "simplifies to the same expression", "化简后是同一个表达式")
    return Verdict(False, numeric.how, numeric.how_zh)
