"""The predicates of the generic diagnoses: is the student's value the reference's under one simple change?

Each takes one differing leaf of a failing case, (expected, got, case, check name), and says
yes only when `got` is exactly `expected` transformed: float32 rounding, a transpose, a lost or
extra axis of length 1, a flipped sign, an input handed back, a sum where a mean was meant,
per-example values where their mean or sum is the answer, a constant added, a
missing clamp at 0, a constant factor, or an overflow at a stability check's extreme inputs.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mlvc_review.grading.checks.values import materialize


def close(a: np.ndarray, b: np.ndarray, rtol: float = 1e-9, atol: float = 1e-12) -> bool:
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=rtol, atol=atol))


def same(e: np.ndarray, g: np.ndarray) -> bool:
    """The same value up to float64 rounding (what one operation more or less changes): not part of a mistake."""
    if e.shape != g.shape:
        return False
    if e.dtype.kind not in "biuf" or g.dtype.kind not in "biuf":
        return bool(np.array_equal(e, g))
    return bool(np.allclose(e, g, rtol=1e-9, atol=1e-12, equal_nan=True))


def float32(e: np.ndarray, g: np.ndarray, case: Any, check: str) -> bool:
    if g.dtype.kind != "f" or g.shape != e.shape or not np.isfinite(e).all() or not np.isfinite(g).all():
        return False
    g64 = g.astype(np.float64)
    if not np.array_equal(g64, g64.astype(np.float32).astype(np.float64)):
        return False  # a float32 computation leaves float32 values, even when cast back to float64
    scale = np.abs(e).max() if e.size else 0.0
    if scale == 0.0 or close(e, g, 1e-9, 1e-12):
        return False
    # Agrees to float32's ~7 significant digits, not to float64's. Returned as float32 (certain), the
    # rounding may have grown through the computation (a phase p*w with p = 50 carries 50 eps32): up
    # to 1e-4 of the scale; cast back to float64 (less certain), only of the order of eps32 itself.
    tol = 1e-4 if g.dtype == np.float32 else 2e-6
    return bool(np.allclose(g64, e, rtol=tol, atol=tol * scale))


def transposed(e: np.ndarray, g: np.ndarray, case: Any, check: str) -> bool:
    return e.ndim == 2 and not close(e, g) and close(e.T, g, 1e-6, 1e-8)


def axis_of_length_one(e: np.ndarray, g: np.ndarray, case: Any, check: str) -> bool:
    return g.shape != e.shape and g.size == e.size and g.squeeze().shape == e.squeeze().shape and \
        close(e.squeeze(), g.squeeze(), 1e-6, 1e-8)


def sign(e: np.ndarray, g: np.ndarray, case: Any, check: str) -> bool:
    return e.shape == g.shape and np.abs(e).max(initial=0.0) > 1e-6 and close(-e, g, 1e-6, 1e-8)


def returns_input(e: np.ndarray, g: np.ndarray, case: Any, check: str) -> bool:
    if close(e, g, 1e-6, 1e-8):
        return False
    args = [a for a in materialize(list(case.args)) if isinstance(a, np.ndarray)]
    return any(a.shape == g.shape and np.array_equal(a, g) for a in args)


def sum_for_mean(e: np.ndarray, g: np.ndarray, case: Any, check: str) -> bool:
    args = [a for a in materialize(list(case.args)) if isinstance(a, np.ndarray) and a.ndim >= 1]
    if e.ndim != 0 or g.ndim != 0 or not args or abs(float(e)) < 1e-9:
        return False
    n = args[0].shape[0]
    return n > 1 and any(np.isclose(float(g), float(e) * k, rtol=1e-6, atol=1e-9) for k in (n, 1.0 / n))


def per_example(e: np.ndarray, g: np.ndarray, case: Any, check: str) -> bool:
    """One value per example where the contract returns one number: their mean or their sum is it."""
    return reduced_by(e, g) is not None


def reduced_by(e: np.ndarray, g: np.ndarray) -> str | None:
    """"mean" or "sum" when the 1-D `g` reduces to the scalar `e` that way, else None."""
    if e.ndim != 0 or g.ndim != 1 or g.size == 0 or g.dtype.kind not in "biuf" or not np.isfinite(g).all():
        return None
    for how, value in (("mean", g.mean()), ("sum", g.sum())):
        if close(np.asarray(value), e, 1e-6, 1e-8):
            return how
    return None


def relu_missing(e: np.ndarray, g: np.ndarray, case: Any, check: str) -> bool:
    """Negative exactly where the expected value is 0, right everywhere else."""
    if e.shape != g.shape or not np.isfinite(g).all():
        return False
    scale = max(float(np.abs(e).max(initial=0.0)), 1.0)
    negative = g < -1e-6 * scale
    return bool(negative.any()) and bool((np.abs(e[negative]) <= 1e-8 * scale).all()) and close(e, np.maximum(g, 0.0), 1e-6, 1e-8)


def factor(e: np.ndarray, g: np.ndarray) -> float | None:
    """c when g = c * e (to 1e-6) with c not 0 or +-1, else None."""
    if e.shape != g.shape or not (np.isfinite(e).all() and np.isfinite(g).all()):
        return None
    scale = float(np.abs(e).max(initial=0.0))
    informative = np.abs(e) > 1e-6 * scale
    if scale == 0.0 or not informative.any():
        return None
    c = float(np.median(g[informative] / e[informative]))
    if c == 0.0 or abs(abs(c) - 1.0) < 1e-3 or not close(c * e, g, 1e-6, 1e-9 * max(scale, 1.0)):
        return None
    return c


def informative_values(e: np.ndarray) -> int:
    """How many entries of e are not ~0 (how many values a factor was read from)."""
    return int(np.count_nonzero(np.abs(e) > 1e-6 * np.abs(e).max(initial=0.0)))


def constant_factor(e: np.ndarray, g: np.ndarray, case: Any, check: str) -> bool:
    return factor(e, g) is not None


def offset(e: np.ndarray, g: np.ndarray) -> float | None:
    """c when g = e + c (to 1e-6 of the values' scale) with c clearly not 0, else None.

    Not for whole numbers: a size or count off by one comes from a formula whose error depends on
    the parameters (D·K - 1 for D·(K - 1) + 1 is off by one only at D = 1), which the shrunk
    failing cases hide; a constant there would name the wrong cause."""
    if e.shape != g.shape or e.size == 0 or not (np.isfinite(e).all() and np.isfinite(g).all()):
        return None
    if np.array_equal(e, np.round(e)) and np.array_equal(g, np.round(g)):
        return None
    d = g - e
    c = float(np.median(d))
    scale = max(float(np.abs(e).max(initial=0.0)), float(np.abs(g).max(initial=0.0)), 1e-12)
    if abs(c) <= 1e-6 * scale or not np.allclose(d, c, rtol=0.0, atol=1e-9 * max(scale, 1.0) + 1e-6 * abs(c)):
        return None
    return c


def constant_offset(e: np.ndarray, g: np.ndarray, case: Any, check: str) -> bool:
    return offset(e, g) is not None


def overflow(e: np.ndarray, g: np.ndarray, case: Any, check: str) -> bool:
    return check == "stability" and e.shape == g.shape and bool(np.isfinite(e).all()) and not bool(np.isfinite(g).all())
