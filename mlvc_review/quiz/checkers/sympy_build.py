"""Turning a checked `SafeExpr` into a sympy expression, or into a float at a point.

Both walk only the node kinds `safe_expr.parse_safe` lets through. Sympy is
imported inside the functions, so importing this module costs nothing. The float
evaluator works in IEEE doubles (never Python big integers), so `9^9^9` or
`exp(exp(99))` overflow to an undefined point instead of running away.
"""

from __future__ import annotations

import ast
import math
from collections.abc import Callable, Mapping
from typing import Any

from mlvc_review.bank.formula import log
from mlvc_review.bank.model import Assumptions
from mlvc_review.quiz.checkers.base import InvalidAnswer
from mlvc_review.quiz import safe_expr  # a module import: safe_expr imports this package


def _sigmoid(x: float) -> float:
    # sigma(x) = 1 / (1 + e^{-x}), in the form that does not overflow
    return 1.0 / (1.0 + math.exp(-x)) if x >= 0 else math.exp(x) / (1.0 + math.exp(x))


FLOAT_FUNCTIONS: dict[str, Callable[..., float]] = {
    "exp": math.exp, "log": log, "ln": math.log, "sqrt": math.sqrt, "sin": math.sin, "cos": math.cos,
    "tan": math.tan, "tanh": math.tanh, "sigmoid": _sigmoid, "abs": abs, "Abs": abs, "max": max, "min": min,
    "sinh": math.sinh, "cosh": math.cosh, "atan": math.atan, "arctan": math.atan, "asin": math.asin,
    "acos": math.acos, "log2": math.log2, "log10": math.log10, "erf": math.erf,
    "relu": lambda x: max(0.0, x), "softplus": lambda x: max(x, 0.0) + math.log1p(math.exp(-abs(x))),
}
ARITY: dict[str, tuple[int, int]] = {"log": (1, 2), "max": (2, 8), "min": (2, 8)}


def _sympy_functions() -> dict[str, Callable[..., Any]]:
    import sympy

    return {
        "exp": sympy.exp, "log": sympy.log, "ln": sympy.log, "sqrt": sympy.sqrt, "sin": sympy.sin,
        "cos": sympy.cos, "tan": sympy.tan, "tanh": sympy.tanh, "sigmoid": lambda x: 1 / (1 + sympy.exp(-x)),
        "abs": sympy.Abs, "Abs": sympy.Abs, "max": sympy.Max, "min": sympy.Min, "sinh": sympy.sinh,
        "cosh": sympy.cosh, "atan": sympy.atan, "arctan": sympy.atan, "asin": sympy.asin, "acos": sympy.acos,
        "log2": lambda x: sympy.log(x, 2), "log10": lambda x: sympy.log(x, 10), "erf": sympy.erf,
        "relu": lambda x: sympy.Max(0, x), "softplus": lambda x: sympy.log(1 + sympy.exp(x)),
    }


def make_symbols(variables: Mapping[str, Assumptions]) -> dict[str, Any]:
    """Sympy symbols carrying each variable's assumptions (only the true ones are passed)."""
    import sympy

    flags = ("real", "positive", "nonzero", "integer")  # the fields of Assumptions
    return {name: sympy.Symbol(name, **{k: True for k in flags if getattr(a, k)}) for name, a in variables.items()}


def _check_arity(name: str, count: int) -> None:
    low, high = ARITY.get(name, (1, 1))
    if not low <= count <= high:
        raise InvalidAnswer.of("{n}() takes {s} argument(s), not {c}", "{n}() 需要 {z} 个参数，而不是 {c} 个",
                               n=name, c=count, s=low if low == high else f"{low} to {high}",
                               z=low if low == high else f"{low} 到 {high}")


def _digits(number: Any) -> float:
    """Roughly how many decimal digits the integer part of a sympy number has."""
    if number.is_Integer:
        return int(abs(number)).bit_length() * math.log10(2)
    try:
        return math.log10(max(abs(float(number)), 1.0))
    except OverflowError:
        return math.inf


def _check_power(base: Any, exponent: Any) -> None:
    """Refuse numeric powers whose exact value would be enormous (9^9^9)."""
    if exponent.is_Number and abs(exponent) > safe_expr.MAX_EXPONENT:
        raise InvalidAnswer.of("an exponent above {m} is not a sensible answer", "指数超过 {m} 不是合理的答案",
                               m=safe_expr.MAX_EXPONENT)
    # digits of base^exponent ~ |exponent| * digits(base)
    if base.is_Number and exponent.is_Number and float(abs(exponent)) * _digits(base) > 1000:
        raise InvalidAnswer.of("a number in the answer is far too large", "答案中的数太大")


def to_sympy(expr: safe_expr.SafeExpr, symbols: Mapping[str, Any]) -> Any:
    """The sympy expression of a checked formula; unknown function names become sympy Functions."""
    import sympy

    funcs = _sympy_functions()

    def build(node: ast.AST) -> Any:
        if isinstance(node, ast.Expression):
            return build(node.body)
        if isinstance(node, ast.Constant):
            value = node.value
            if isinstance(value, float) and not math.isfinite(value):
                raise InvalidAnswer.of("a number in the answer is far too large", "答案中的数太大")
            return sympy.Integer(value) if isinstance(value, int) else sympy.Float(repr(value))
        if isinstance(node, ast.Name):
            return symbols[node.id] if node.id in symbols else {"pi": sympy.pi, "e": sympy.E}[node.id]
        if isinstance(node, ast.UnaryOp):
            operand = build(node.operand)
            return -operand if isinstance(node.op, ast.USub) else operand
        if isinstance(node, ast.BinOp):
            left, right = build(node.left), build(node.right)
            if isinstance(node.op, ast.Pow):
                _check_power(left, right)
                return left**right
            if isinstance(node.op, ast.Div) and right == 0:
                raise InvalidAnswer.of("division by zero", "除以零")
            ops = {ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b, ast.Mult: lambda a, b: a * b,
                   ast.Div: lambda a, b: a / b}
            return ops[type(node.op)](left, right)
        if isinstance(node, ast.Call):
            name = node.func.id  # type: ignore[attr-defined]
            args = [build(a) for a in node.args]
            if name in funcs:
                _check_arity(name, len(args))
                return funcs[name](*args)
            return sympy.Function(name)(*args)
        raise InvalidAnswer.of("'{k}' is not allowed in an answer", "答案中不允许 '{k}'",
                               k=type(node).__name__)  # pragma: no cover

    return build(expr.tree)


def evaluate_at(expr: safe_expr.SafeExpr, point: Mapping[str, float]) -> float | None:
    """The formula's value at `point` in doubles; None where undefined, not real or not finite."""

    def ev(node: ast.AST) -> float:
        if isinstance(node, ast.Expression):
            return ev(node.body)
        if isinstance(node, ast.Constant):
            return float(node.value)
        if isinstance(node, ast.Name):
            return float(point[node.id]) if node.id in point else {"pi": math.pi, "e": math.e}[node.id]
        if isinstance(node, ast.UnaryOp):
            return -ev(node.operand) if isinstance(node.op, ast.USub) else ev(node.operand)
        if isinstance(node, ast.BinOp):
            a, b = ev(node.left), ev(node.right)
            ops = {ast.Add: lambda: a + b, ast.Sub: lambda: a - b, ast.Mult: lambda: a * b,
                   ast.Div: lambda: a / b, ast.Pow: lambda: a**b}
            return ops[type(node.op)]()
        if isinstance(node, ast.Call):
            return FLOAT_FUNCTIONS[node.func.id](*[ev(a) for a in node.args])  # type: ignore[attr-defined]
        raise ValueError(type(node).__name__)  # pragma: no cover

    try:
        value = ev(expr.tree)
    except (ArithmeticError, ValueError, TypeError, KeyError):
        return None
    if isinstance(value, complex) or not math.isfinite(value):
        return None
    return float(value)
