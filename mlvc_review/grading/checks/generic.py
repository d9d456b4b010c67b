"""Generic diagnoses: mistakes any task can show, tried when none of the task's known mistakes matches.

Each is a strict predicate (`generic_rules`) on (expected, got) of a failing case: it names a
cause only when the student's value is exactly the reference's under one simple change (float32
rounding, a transpose, a lost or extra axis of length 1, a flipped sign, the input handed back,
a sum where a mean was meant, per-example values instead of their mean or sum, a missing clamp at 0,
a constant added, a constant factor, outputs in another order)
or overflows only at a stability check's extreme inputs. A predicate that is not sure says
nothing: no diagnosis beats one that names the wrong cause.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import permutations
from typing import Any, Callable

import numpy as np

from mlvc_review.grading.checks import generic_rules as rules

Predicate = Callable[[np.ndarray, np.ndarray, Any, str], bool]  # (expected, got, case, check name)


@dataclass(frozen=True)
class Generic:
    key: str
    name: str
    explain_en: str
    explain_zh: str
    holds: Predicate


GENERIC: tuple[Generic, ...] = (
    Generic("overflow", "overflow at extreme inputs",
            "Right at ordinary inputs, but inf/nan at the stability check's extreme ones: an intermediate exp() or "
            "division overflows. Rewrite it in a stable form (subtract the maximum, log-sum-exp, np.logaddexp, softplus).",
            "普通输入下正确，但在稳定性检查的极端输入下出现 inf/nan：中间的 exp() 或除法溢出了。请改写为稳定形式（减去最大值、log-sum-exp、np.logaddexp、softplus）。",
            rules.overflow),
    Generic("float32", "computed in float32",
            "Your values agree with the reference to about 7 significant digits, the precision of float32, not of "
            "float64: somewhere the computation runs in float32 (np.float32, torch's default dtype, torch.tensor(...) "
            "without dtype=torch.float64). Keep float64 throughout.",
            "你的结果与参考值只在约 7 位有效数字上一致，这是 float32 的精度而不是 float64 的：计算的某处使用了 float32（np.float32、torch 的默认 dtype、未指定 dtype 的 torch.tensor(...)）。请全程使用 float64。",
            rules.float32),
    Generic("transposed", "result transposed",
            "Your result is exactly the transpose of the expected one: check the order of the axes (x @ W.T vs W @ x, "
            "rows as samples).",
            "你的结果恰好是期望结果的转置：请检查轴的顺序（x @ W.T 与 W @ x，行是样本）。",
            rules.transposed),
    Generic("per_example", "one value per example instead of their {how}",
            "You return a vector of one value per example where the contract returns a single number: the {how} "
            "over the batch of exactly your values (np.{how} of them gives the expected result).",
            "约定要返回一个数，你却返回了每个样本一个值的向量：对你这些值在批上取{how_zh}正好就是期望结果（np.{how}）。",
            rules.per_example),
    Generic("axis1", "extra or missing axis of length 1",
            "The values are right but the shape has an extra or a missing axis of length 1: keepdims, [None], "
            "reshape or squeeze where the contract's shape has none.",
            "数值正确，但形状多了或少了一个长度为 1 的轴：约定的形状里没有 keepdims、[None]、reshape 或 squeeze 造成的那一维。",
            rules.axis_of_length_one),
    Generic("sign", "sign flipped",
            "Your result is exactly the negative of the expected one: a minus sign (a gradient of -L, or a "
            "difference taken the other way round).",
            "你的结果恰好是期望结果的相反数：多了（或少了）一个负号（例如对 -L 求梯度，或差值方向取反）。",
            rules.sign),
    Generic("input", "returns an input unchanged",
            "On this input the function returns one of its inputs as it came in: the computation is missing, is "
            "skipped (a loop that runs zero times, an early return), or its result is not what is returned.",
            "在这个输入上，函数原样返回了某个输入：计算缺失、被跳过（循环一次也没有执行、提前 return），或者返回的不是计算结果。",
            rules.returns_input),
    Generic("batch", "sum and mean over the batch confused",
            "Your number is the expected one times (or divided by) the batch size: a sum where the contract takes "
            "the mean over the batch, or the other way round.",
            "你的结果是期望值乘以（或除以）批大小：约定取批平均的地方你用了求和，或者相反。",
            rules.sum_for_mean),
    Generic("relu", "ReLU (clamp at 0) missing",
            "Your values are right wherever the expected ones are positive, and negative where the expected ones "
            "are 0: a final ReLU, max(·, 0) or clamp at 0 is missing.",
            "在期望值为正的位置你的结果都正确，而在期望值为 0 的位置你的结果是负数：缺少最后的 ReLU、max(·, 0) 或在 0 处的截断。",
            rules.relu_missing),
    Generic("factor", "off by a constant factor",
            "Every value you return is {factor} times the expected one: a normalisation or a constant is off (a sum "
            "where a mean is meant or the reverse, a missing or extra 1/2 or 2, a division by the wrong count such "
            "as k instead of k², or C·H·W instead of H·W).",
            "你返回的每个值都是期望值的 {factor} 倍：某个归一化或常数不对（该取平均的地方求了和或相反、多了或少了 1/2 "
            "或 2、除以了错误的计数，例如 k 而不是 k²，或 C·H·W 而不是 H·W）。",
            rules.constant_factor),
    Generic("offset", "off by a constant term",
            "Every value you return is the expected one plus {offset}: a constant term is added or missing. Inside "
            "a logarithm a wrong constant factor shows up this way, since log(k·x) = log(x) + log(k) (in decibels, "
            "10·log10(k) for a factor k on a power such as R² or the MSE).",
            "你返回的每个值都等于期望值加上 {offset}：多了或少了一个常数项。对数里一个错误的常数因子也会这样表现，"
            "因为 log(k·x) = log(x) + log(k)（以分贝计，功率（如 R² 或 MSE）上的因子 k 对应 10·log10(k)）。",
            rules.constant_offset),
)

# A rule on the whole returned tuple or list, tried first: every output right, in another order.
ORDER = Generic("order", "outputs in the wrong order",
                "Each output you return is right, but not where the contract puts it ({order}): return them in the "
                "order the contract lists them.",
                "你返回的每个结果都正确，但位置与约定不同（{order}）：请按约定列出的顺序返回。",
                lambda e, g, case, check: False)


def diagnose_generic(failures: list[tuple[Any, Any]], lang: str = "en") -> dict[str, str] | None:
    """The one generic diagnosis that explains every failing case (on each leaf that differs), or None.

    Args:
        failures: (check, minimal failure) with expected and got values.
    """
    cases = [(c, f) for c, f in failures if f.expected is not None and f.got is not None and f.case is not None]
    if not cases or any(getattr(c, "compare", None) is not None for c, _ in cases):
        return None  # a check with its own judge: the reference's value is one right answer of several
    orders = [_order(f.expected, f.got) for _, f in cases]
    if all(orders):
        perm = orders[0]
        if all(o == perm for o in orders):
            where = ("你返回的依次是约定中的第 " + "、".join(map(str, perm)) + " 个输出") if lang == "zh" else \
                ("you return outputs " + ", ".join(map(str, perm)) + " of the contract, in this order")
            return _named(ORDER, lang, order=where)
    for generic in GENERIC:
        if all(_explains(generic, check.name, failure) for check, failure in cases):
            if generic.key in ("axis1", "per_example") and not _several_values(cases, got=generic.key == "per_example"):
                continue  # one value fits any axes of length 1: (1,) for (), (1, 1) for (1,)
            if generic.key == "per_example":
                how = _reduction(cases)
                if how:
                    found = _named(generic, lang, how=how, how_zh="平均" if how == "mean" else "和")
                    return found | {"name": generic.name.format(how=how)}
                continue
            if generic.key not in ("factor", "offset"):
                return _named(generic, lang)
            text = _factor_text(cases) if generic.key == "factor" else _offset_text(cases)
            if text:
                return _named(generic, lang, **{generic.key: text})
    return None


def _named(generic: Generic, lang: str, **fields: str) -> dict[str, str]:
    explanation = generic.explain_zh if lang == "zh" else generic.explain_en
    return {"name": generic.name, "explanation": explanation.format(**fields) if fields else explanation,
            "impl": f"generic:{generic.key}"}


def _several_values(cases: list[tuple[Any, Any]], got: bool = False) -> bool:
    """Whether some differing leaf of some case holds more than one value (evidence of which axis),
    counted on the expected side, or with `got` on the student's."""
    return any((g if got else e).size > 1 for _, f in cases for e, g in zip(_leaves(f.expected), _leaves(f.got))
               if not rules.same(e, g))


def _reduction(cases: list[tuple[Any, Any]]) -> str:
    """The one reduction ("mean" or "sum") that turns every differing per-example leaf into the expected
    scalar, read where there are at least two values (one value is its own mean and sum); "" if none."""
    found = {rules.reduced_by(e, g) for _, f in cases for e, g in zip(_leaves(f.expected), _leaves(f.got))
             if not rules.same(e, g) and g.size > 1}
    if len(found) != 1:
        return ""
    return found.pop() or ""


def _measured(cases: list[tuple[Any, Any]], measure: Callable[[np.ndarray, np.ndarray], float | None]) -> list[tuple[float, np.ndarray]] | None:
    """(measure(e, g), e) for every differing leaf of every case; None when one of them does not fit."""
    found = []
    for _, failure in cases:
        for e, g in zip(_leaves(failure.expected), _leaves(failure.got)):
            if not rules.same(e, g):
                c = measure(e, g)
                if c is None:
                    return None
                found.append((c, e))
    return found


def _factor_text(cases: list[tuple[Any, Any]]) -> str:
    """The factor of every differing leaf ("4", or "4 and 9" when it changes with the input), or "".

    One number is a multiple of any other: a factor read off one-value results only counts when at
    least two of them agree on it.
    """
    found = _measured(cases, rules.factor)
    if found is None:
        return ""
    values = [c for c, _ in found]
    if not any(rules.informative_values(e) > 1 for _, e in found):
        if len(values) < 2 or not all(abs(c - values[0]) <= 1e-6 * abs(values[0]) for c in values):
            return ""
    return " and ".join(list(dict.fromkeys(f"{c:.4g}" for c in values))[:3])


def _offset_text(cases: list[tuple[Any, Any]]) -> str:
    """The one offset every differing leaf shows ("48.13"), read from at least two values; else ""."""
    found = _measured(cases, rules.offset)
    values = [c for c, e in found or [] for _ in range(e.size)]
    if len(values) < 2 or not all(abs(c - values[0]) <= 1e-6 * max(abs(values[0]), 1e-12) for c in values):
        return ""  # one number differs from any other by some constant
    return f"{values[0]:.4g}"


def _order(expected: Any, got: Any) -> tuple[int, ...]:
    """The contract's positions (from 1) of what was returned, first to last, when `got` is `expected`
    permuted; () when it is not."""
    if not (isinstance(expected, (tuple, list)) and isinstance(got, (tuple, list))) or not 2 <= len(got) == len(expected) <= 6:
        return ()
    e_parts, g_parts = [_leaves(v) for v in expected], [_leaves(v) for v in got]

    def equal(a: list[np.ndarray], b: list[np.ndarray]) -> bool:
        return len(a) == len(b) and all(rules.same(x, y) for x, y in zip(a, b))

    n = len(got)
    if all(equal(e_parts[i], g_parts[i]) for i in range(n)):
        return ()
    for perm in permutations(range(n)):
        if perm != tuple(range(n)) and all(equal(e_parts[perm[i]], g_parts[i]) for i in range(n)):
            return tuple(p + 1 for p in perm)
    return ()


def _explains(generic: Generic, check: str, failure: Any) -> bool:
    expected, got = _leaves(failure.expected), _leaves(failure.got)
    if len(expected) != len(got):
        return False
    raw = _leaves_raw(failure.got)
    # leaves equal up to float64 rounding are not part of the mistake (a gradient one ulp off)
    differing = [(e, g, r) for e, g, r in zip(expected, got, raw) if not rules.same(e, g)]
    if not differing:
        return False
    try:
        with np.errstate(all="ignore"):
            return all(generic.holds(e, r if generic.key == "float32" else g, failure.case, check) for e, g, r in differing)
    except (TypeError, ValueError):
        return False


def _leaves(value: Any) -> list[np.ndarray]:
    if isinstance(value, (tuple, list)):
        return [leaf for v in value for leaf in _leaves(v)]
    try:
        return [np.asarray(value, dtype=np.float64) if np.asarray(value).dtype.kind in "biuf" else np.asarray(value)]
    except (TypeError, ValueError):
        return [np.asarray(np.nan)]


def _leaves_raw(value: Any) -> list[np.ndarray]:
    """Leaves with the dtype the student returned (float32 stays float32)."""
    if isinstance(value, (tuple, list)):
        return [leaf for v in value for leaf in _leaves_raw(v)]
    try:
        return [np.asarray(value)]
    except (TypeError, ValueError):
        return [np.asarray(np.nan)]
