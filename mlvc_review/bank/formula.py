"""Safe evaluation of the small arithmetic formulas the bank uses (answers, derived params).

The formula is parsed with `ast` and walked against a whitelist: numbers, names of
parameters, + - * / // % ** (``^`` means power), comparisons and `and`/`or`/`not`
(for constraints), and calls of the functions in `FUNCTIONS`. No attribute access,
indexing, lambdas or comprehensions; nothing is passed to `eval`.
"""

from __future__ import annotations

import ast
import math
import operator
from collections.abc import Callable, Mapping
from functools import lru_cache

Number = int | float


class FormulaError(ValueError):
    """The formula is not allowed, refers to an unknown name, or cannot be computed."""


def log(x: Number, base: Number | None = None) -> float:
    return math.log(x) if base is None else math.log(x, base)


FUNCTIONS: dict[str, Callable[..., Number]] = {
    "floor": math.floor,
    "ceil": math.ceil,
    "sqrt": math.sqrt,
    "exp": math.exp,
    "log": log,
    "log2": math.log2,
    "log10": math.log10,
    "sin": math.sin,
    "cos": math.cos,
    "tanh": math.tanh,
    "sigmoid": lambda x: 1.0 / (1.0 + math.exp(-x)),
    "abs": abs,
    "min": min,
    "max": max,
    "round": round,
    "int": int,
    "prod": lambda *xs: math.prod(xs),
}
CONSTANTS: dict[str, float] = {"pi": math.pi, "e": math.e}

_BINARY: dict[type, Callable[[Number, Number], Number]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.FloorDiv: operator.floordiv,
    ast.Mod: operator.mod,
    ast.Pow: operator.pow,
}
_COMPARE: dict[type, Callable[[Number, Number], bool]] = {
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
}


@lru_cache(maxsize=2048)
def parse_formula(text: str) -> ast.Expression:
    """Parse and whitelist-check `text`; raises FormulaError with the reason."""
    if len(text) > 500:
        raise FormulaError("formula longer than 500 characters")
    try:
        # '^' is power in maths; rewritten before parsing so it also gets power's precedence
        tree = ast.parse(text.strip().replace("^", "**"), mode="eval")
    except SyntaxError as err:
        raise FormulaError(f"not a formula: {err.msg}") from None
    for node in ast.walk(tree):
        allowed = (
            ast.Expression, ast.BinOp, ast.UnaryOp, ast.Constant, ast.Name, ast.Load, ast.Call,
            ast.Compare, ast.BoolOp, ast.And, ast.Or, ast.Not, ast.USub, ast.UAdd,
            *_BINARY, *_COMPARE,
        )
        if not isinstance(node, allowed):
            raise FormulaError(f"'{type(node).__name__}' is not allowed in a formula")
        if isinstance(node, ast.Constant) and not isinstance(node.value, (int, float)) or (
            isinstance(node, ast.Constant) and isinstance(node.value, bool)
        ):
            raise FormulaError(f"only numbers may appear as constants, not {node.value!r}")
        if isinstance(node, ast.Call):
            if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
                raise FormulaError("only these functions may be called: " + ", ".join(sorted(FUNCTIONS)))
            if node.keywords:
                raise FormulaError("keyword arguments are not allowed in a formula")
    return tree


def names_in(text: str) -> set[str]:
    """Parameter names a formula refers to (functions and constants excluded)."""
    tree = parse_formula(text)
    called = {n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)} - called - set(CONSTANTS)


def evaluate(text: str | Number, params: Mapping[str, object]) -> Number:
    """Value of the formula `text` with `params` bound; a number is returned as it is."""
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return text
    tree = parse_formula(str(text))
    try:
        return _eval(tree.body, params)
    except FormulaError:
        raise
    except (ArithmeticError, ValueError, TypeError) as err:
        raise FormulaError(f"cannot compute {text!r}: {err}") from None


def _eval(node: ast.AST, params: Mapping[str, object]) -> Number:
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name):
        if node.id in params:
            value = params[node.id]
            if not isinstance(value, (int, float)) or isinstance(value, bool):
                raise FormulaError(f"parameter '{node.id}' is not a number")
            return value
        if node.id in CONSTANTS:
            return CONSTANTS[node.id]
        raise FormulaError(f"unknown name '{node.id}'")
    if isinstance(node, ast.UnaryOp):
        value = _eval(node.operand, params)
        if isinstance(node.op, ast.Not):
            return not value
        return -value if isinstance(node.op, ast.USub) else +value
    if isinstance(node, ast.BinOp):
        left, right = _eval(node.left, params), _eval(node.right, params)
        if isinstance(node.op, ast.Pow) and abs(right) > 64 and abs(left) > 1:
            raise FormulaError("power too large")
        result = _BINARY[type(node.op)](left, right)
        if isinstance(result, complex):
            raise FormulaError("the result is not a real number")
        return result
    if isinstance(node, ast.Compare):
        left = _eval(node.left, params)
        for op, comparator in zip(node.ops, node.comparators):
            right = _eval(comparator, params)
            if not _COMPARE[type(op)](left, right):
                return False
            left = right
        return True
    if isinstance(node, ast.BoolOp):
        values = [_eval(v, params) for v in node.values]
        return all(values) if isinstance(node.op, ast.And) else any(values)
    if isinstance(node, ast.Call):
        args = [_eval(a, params) for a in node.args]
        return FUNCTIONS[node.func.id](*args)  # type: ignore[union-attr]
    raise FormulaError(f"'{type(node).__name__}' is not allowed in a formula")  # pragma: no cover
