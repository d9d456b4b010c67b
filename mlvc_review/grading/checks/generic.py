"""Generic diagnoses: mistakes any task can show, tried when none of the task's known mistakes matches.

Each is a strict predicate on (expected, got) of a failing case: it names a cause only
when the student's value is exactly the reference's under one simple transformation
(float32 rounding, a transpose, a lost or extra axis of length 1, a flipped sign, the
input handed back, a sum where a mean was meant) or overflows only at a stability
check's extreme inputs. A predicate that is not sure says nothing: no diagnosis
beats one that names the wrong cause.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

from mlvc_review.grading.checks.values import materialize

Predicate = Callable[[np.ndarray, np.ndarray, Any, str], bool]  # (expected, got, case, check name)


@dataclass(frozen=True)
class Generic:
    key: str
    name: str
    explain_en: str
    explain_zh: str
    holds: Predicate


def _close(a: np.ndarray, b: np.ndarray, rtol: float = 1e-9, atol: float = 1e-12) -> bool:
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=rtol, atol=atol))


def _float32(e: np.ndarray, g: np.ndarray, case: Any, check: str) -> bool:
    if g.dtype.kind != "f" or g.shape != e.shape or not np.isfinite(e).all() or not np.isfinite(g).all():
        return False
    g64 = g.astype(np.float64)
    if not np.array_equal(g64, g64.astype(np.float32).astype(np.float64)):
        return False  # a float32 computation leaves float32 values, even when cast back to float64
    scale = np.abs(e).max() if e.size else 0.0
    if scale == 0.0 or _close(e, g, 1e-9, 1e-12):
        return False
    # agrees to float32's ~7 significant digits, not to float64's: error of the order of eps32 * |value|
    return bool(np.allclose(g64, e, rtol=2e-6, atol=2e-6 * scale))


def _transposed(e: np.ndarray, g: np.ndarray, case: Any, check: str) -> bool:
    return e.ndim == 2 and not _close(e, g) and _close(e.T, g, 1e-6, 1e-8)


def _axis_of_length_one(e: np.ndarray, g: np.ndarray, case: Any, check: str) -> bool:
    return g.shape != e.shape and g.size == e.size and g.squeeze().shape == e.squeeze().shape and \
        _close(e.squeeze(), g.squeeze(), 1e-6, 1e-8)


def _sign(e: np.ndarray, g: np.ndarray, case: Any, check: str) -> bool:
    return e.shape == g.shape and np.abs(e).max(initial=0.0) > 1e-6 and _close(-e, g, 1e-6, 1e-8)


def _returns_input(e: np.ndarray, g: np.ndarray, case: Any, check: str) -> bool:
    if _close(e, g, 1e-6, 1e-8):
        return False
    args = [a for a in materialize(list(case.args)) if isinstance(a, np.ndarray)]
    return any(a.shape == g.shape and np.array_equal(a, g) for a in args)


def _sum_for_mean(e: np.ndarray, g: np.ndarray, case: Any, check: str) -> bool:
    args = [a for a in materialize(list(case.args)) if isinstance(a, np.ndarray) and a.ndim >= 1]
    if e.ndim != 0 or g.ndim != 0 or not args or abs(float(e)) < 1e-9:
        return False
    n = args[0].shape[0]
    return n > 1 and any(np.isclose(float(g), float(e) * k, rtol=1e-6, atol=1e-9) for k in (n, 1.0 / n))


def _overflow(e: np.ndarray, g: np.ndarray, case: Any, check: str) -> bool:
    return check == "stability" and e.shape == g.shape and bool(np.isfinite(e).all()) and not bool(np.isfinite(g).all())


GENERIC: tuple[Generic, ...] = (
    Generic("overflow", "overflow at extreme inputs",
            "Right at ordinary inputs, but inf/nan at the stability check's extreme ones: an intermediate exp() or "
            "division overflows. Rewrite it in a stable form (subtract the maximum, log-sum-exp, np.logaddexp, softplus).",
            "普通输入下正确，但在稳定性检查的极端输入下出现 inf/nan：中间的 exp() 或除法溢出了。请改写为稳定形式（减去最大值、log-sum-exp、np.logaddexp、softplus）。",
            _overflow),
    Generic("float32", "computed in float32",
            "Your values agree with the reference to about 7 significant digits, the precision of float32, not of "
            "float64: somewhere the computation runs in float32 (np.float32, torch's default dtype, torch.tensor(...) "
            "without dtype=torch.float64). Keep float64 throughout.",
            "你的结果与参考值只在约 7 位有效数字上一致，这是 float32 的精度而不是 float64 的：计算的某处使用了 float32（np.float32、torch 的默认 dtype、未指定 dtype 的 torch.tensor(...)）。请全程使用 float64。",
            _float32),
    Generic("transposed", "result transposed",
            "Your result is exactly the transpose of the expected one: check the order of the axes (x @ W.T vs W @ x, "
            "rows as samples).",
            "你的结果恰好是期望结果的转置：请检查轴的顺序（x @ W.T 与 W @ x，行是样本）。",
            _transposed),
    Generic("axis1", "extra or missing axis of length 1",
            "The values are right but the shape has an extra or a missing axis of length 1: keepdims, [None], "
            "reshape or squeeze where the contract's shape has none.",
            "数值正确，但形状多了或少了一个长度为 1 的轴：约定的形状里没有 keepdims、[None]、reshape 或 squeeze 造成的那一维。",
            _axis_of_length_one),
    Generic("sign", "sign flipped",
            "Your result is exactly the negative of the expected one: a minus sign (a gradient of -L, or a "
            "difference taken the other way round).",
            "你的结果恰好是期望结果的相反数：多了（或少了）一个负号（例如对 -L 求梯度，或差值方向取反）。",
            _sign),
    Generic("input", "returns an input unchanged",
            "The function returns one of its inputs as it came in: the computation is missing or its result is "
            "not what is returned.",
            "函数原样返回了某个输入：计算缺失了，或者返回的不是计算结果。",
            _returns_input),
    Generic("batch", "sum and mean over the batch confused",
            "Your number is the expected one times (or divided by) the batch size: a sum where the contract takes "
            "the mean over the batch, or the other way round.",
            "你的结果是期望值乘以（或除以）批大小：约定取批平均的地方你用了求和，或者相反。",
            _sum_for_mean),
)


def _leaves(value: Any) -> list[np.ndarray]:
    if isinstance(value, (tuple, list)):
        return [leaf for v in value for leaf in _leaves(v)]
    try:
        return [np.asarray(value, dtype=np.float64) if np.asarray(value).dtype.kind in "biuf" else np.asarray(value)]
    except (TypeError, ValueError):
        return [np.asarray(np.nan)]


def diagnose_generic(failures: list[tuple[Any, Any]], lang: str = "en") -> dict[str, str] | None:
    """The one generic diagnosis that explains every failing case (on each leaf that differs), or None.

    Args:
        failures: (check, minimal failure) with expected and got values.
    """
    cases = [(c, f) for c, f in failures if f.expected is not None and f.got is not None and f.case is not None]
    if not cases:
        return None
    for generic in GENERIC:
        if all(_explains(generic, check.name, failure) for check, failure in cases):
            explanation = generic.explain_zh if lang == "zh" else generic.explain_en
            return {"name": generic.name, "explanation": explanation, "impl": f"generic:{generic.key}"}
    return None


def _explains(generic: Generic, check: str, failure: Any) -> bool:
    expected, got = _leaves(failure.expected), _leaves(failure.got)
    if len(expected) != len(got):
        return False
    raw = _leaves_raw(failure.got)
    differing = [(e, g, r) for e, g, r in zip(expected, got, raw) if not (e.shape == g.shape and np.array_equal(e, g, equal_nan=True))]
    if not differing:
        return False
    try:
        with np.errstate(all="ignore"):
            return all(generic.holds(e, r if generic.key == "float32" else g, failure.case, check) for e, g, r in differing)
    except (TypeError, ValueError):
        return False


def _leaves_raw(value: Any) -> list[np.ndarray]:
    """Leaves with the dtype the student returned (float32 stays float32)."""
    if isinstance(value, (tuple, list)):
        return [leaf for v in value for leaf in _leaves_raw(v)]
    try:
        return [np.asarray(value)]
    except (TypeError, ValueError):
        return [np.asarray(np.nan)]
