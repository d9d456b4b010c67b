"""Compare a submission's result with the reference's: structure, shape, dtype, then values.

Everything runs in the trusted process on plain data (numpy arrays, Python
scalars, lists, tuples) decoded from the sandbox, so nothing the student returns
can take part in the comparison's logic.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass(frozen=True)
class Mismatch:
    """Why `got` is not `expected`; errors are the largest over the offending leaf."""

    message: str
    max_abs_err: float | None = None
    max_rel_err: float | None = None


def compare(expected: Any, got: Any, *, rtol: float = 1e-6, atol: float = 1e-8, nan_policy: str = "equal", integer_output: bool = False, where: str = "result") -> Mismatch | None:
    """None when `got` matches `expected`.

    Args:
        expected: the reference's value (array, scalar, or a tuple/list of them).
        got: the submission's value; a tuple and a list of the same arrays are the same answer.
        rtol, atol: `|got - expected| <= atol + rtol * |expected|` elementwise.
        nan_policy: "equal" (non-finite exactly where the reference has them) or "forbid".
        integer_output: integer results must have an integer dtype.
        where: how the value is named in messages ("result", "result[1]").
    """
    if isinstance(expected, (tuple, list)):
        if not isinstance(got, (tuple, list)):
            return Mismatch(f"{where}: expected a tuple of {len(expected)} values, got {_kind(got)}")
        if len(got) != len(expected):
            return Mismatch(f"{where}: expected a tuple of {len(expected)} values, got {len(got)}")
        for i, (e, g) in enumerate(zip(expected, got)):
            found = compare(e, g, rtol=rtol, atol=atol, nan_policy=nan_policy, integer_output=integer_output, where=f"{where}[{i}]")
            if found is not None:
                return found
        return None
    if got is None or isinstance(got, (str, dict)):
        return Mismatch(f"{where}: expected an array or number, got {_kind(got)}")
    e = np.asarray(expected)
    try:
        g = np.asarray(got)
    except (ValueError, TypeError):
        return Mismatch(f"{where}: could not read {_kind(got)} as an array (ragged lists?)")
    if g.dtype.kind not in "biuf":
        return Mismatch(f"{where}: expected numbers, got an array of dtype {g.dtype}")
    if g.shape != e.shape:
        return Mismatch(f"{where}: shape {g.shape}, expected {e.shape}")
    if (integer_output or e.dtype.kind in "iu") and g.dtype.kind not in "iu":
        return Mismatch(f"{where}: dtype {g.dtype}; integer results must have an integer type")
    if e.dtype.kind == "b" and g.dtype.kind != "b":
        return Mismatch(f"{where}: dtype {g.dtype}; expected a boolean array")
    return _values(e, g, rtol, atol, nan_policy, where)


def _values(e: np.ndarray, g: np.ndarray, rtol: float, atol: float, nan_policy: str, where: str) -> Mismatch | None:
    if e.dtype.kind == "b":
        bad = int(np.count_nonzero(e != g))
        return None if bad == 0 else Mismatch(f"{where}: {bad} of {e.size} entries differ", 1.0, None)
    e64 = e.astype(np.float64)
    g64 = g.astype(np.float64)
    finite_e, finite_g = np.isfinite(e64), np.isfinite(g64)
    if nan_policy == "forbid" and not finite_g.all():
        return Mismatch(f"{where}: {int((~finite_g).sum())} non-finite value(s) (nan/inf); the result must be finite", *_errors(e64, g64, finite_e & finite_g, atol))
    nonfinite_ok = np.array_equal(e64[~finite_e], g64[~finite_e], equal_nan=True) and bool(finite_e[~finite_g].sum() == 0)
    if not nonfinite_ok:
        return Mismatch(f"{where}: nan/inf where the reference has {'none' if finite_e.all() else 'other values'}", *_errors(e64, g64, finite_e & finite_g, atol))
    both = finite_e & finite_g
    # |got - expected| <= atol + rtol * |expected|
    with np.errstate(over="ignore", invalid="ignore"):
        ok = np.abs(g64[both] - e64[both]) <= atol + rtol * np.abs(e64[both])
    if ok.all():
        return None
    bad = np.zeros(e.shape, dtype=bool)
    bad[both] = ~ok
    abs_err, rel_err = _errors(e64, g64, both, atol)
    with np.errstate(over="ignore", invalid="ignore"):
        worst = np.unravel_index(int(np.argmax(np.where(bad, np.abs(g64 - e64), -1.0))), e.shape)
    at = f"[{', '.join(map(str, worst))}]" if e.ndim else ""
    # a relative error of 0: every entry it is measured on agrees; the differing ones have |expected| <= atol
    rel = f", rel error {rel_err:.3g} where |expected| > atol" if rel_err else ""
    lines = [f"{where}: {int(bad.sum())} of {e.size} values differ; worst at {where}{at}: expected {e64[worst]:.6g}, "
             f"got {g64[worst]:.6g} (max abs error {abs_err:.3g}{rel}; rtol={rtol:g}, atol={atol:g})"]
    if e.size <= SIDE_BY_SIDE:
        lines += _side_by_side(e64, g64, bad)
    return Mismatch("\n".join(lines), abs_err, rel_err)


SIDE_BY_SIDE = 12  # arrays this small are shown whole, expected beside got


def _side_by_side(e: np.ndarray, g: np.ndarray, bad: np.ndarray) -> list[str]:
    """One line per entry: index, expected, got, and a marker on the entries that differ."""
    rows = []
    for index in np.ndindex(e.shape):
        mark = "  <- differs" if bad[index] else ""
        rows.append(f"  [{', '.join(map(str, index))}]  expected {e[index]: .6g}   got {g[index]: .6g}{mark}")
    return rows


def _errors(e: np.ndarray, g: np.ndarray, mask: np.ndarray, atol: float = 0.0) -> tuple[float | None, float | None]:
    """Largest absolute error over `mask`, and the largest relative one over the entries where |expected| > atol.

    Relative error means nothing where the expected value is ~0 (it would read 1e+306): such entries
    count in the absolute error only. Each is None when there is nothing to measure.
    """
    if not mask.any():
        return None, None
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        diff = np.abs(g[mask] - e[mask])
        scale = np.abs(e[mask])
        big = scale > max(atol, np.finfo(np.float64).tiny)
        rel = float((diff[big] / scale[big]).max()) if big.any() else None
    return float(diff.max()), rel


def _kind(value: Any) -> str:
    if value is None:
        return "None"
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape}"
    if isinstance(value, (tuple, list)):
        return f"a {type(value).__name__} of {len(value)}"
    return f"a {type(value).__name__}"
