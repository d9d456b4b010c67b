"""'Understood as': a checked formula shown back in the student's own order, readably.

Sympy would reorder (`-s**2 + s` for `s - s^2`) and show floats (`1.0*s`); this walks
the whitelisted tree instead: sums and products stay as typed, whole-number floats
lose their `.0`, small integer powers become superscripts (`x²`, `x⁻¹`), products
are joined by `·`, and only the brackets the reading needs are kept.
"""

from __future__ import annotations

import ast

_SUPER = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
_PREC = {ast.Add: 1, ast.Sub: 1, ast.Mult: 2, ast.Div: 2, ast.Pow: 4}
_OPS = {ast.Add: " + ", ast.Sub: " − ", ast.Mult: "·", ast.Div: "/"}


def number(value: int | float) -> str:
    """A number as typed: 2, 0.5, 1e-05 (never 2.0)."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def _power(node: ast.BinOp) -> str:
    base = show(node.left, 5)
    exp = node.right
    negative = isinstance(exp, ast.UnaryOp) and isinstance(exp.op, ast.USub)
    inner = exp.operand if negative else exp  # type: ignore[attr-defined]
    if isinstance(inner, ast.Constant) and isinstance(inner.value, int) and 0 <= inner.value < 100:
        return base + (("-" if negative else "") + str(inner.value)).translate(_SUPER)
    return f"{base}^{show(exp, 5)}"


def show(node: ast.AST, outer: int = 0) -> str:
    """The formula of `node` with the brackets that precedence `outer` needs."""
    if isinstance(node, ast.Expression):
        return show(node.body, outer)
    if isinstance(node, ast.Constant):
        return number(node.value)
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Call):
        return f"{node.func.id}({', '.join(show(a) for a in node.args)})"  # type: ignore[attr-defined]
    if isinstance(node, ast.UnaryOp):
        text = ("−" if isinstance(node.op, ast.USub) else "+") + show(node.operand, 3)
        return f"({text})" if outer > 1 else text
    if isinstance(node, ast.BinOp):
        prec = _PREC[type(node.op)]
        if isinstance(node.op, ast.Pow):
            text = _power(node)
        else:
            left = show(node.left, prec)
            right = show(node.right, prec + (not isinstance(node.op, (ast.Add, ast.Mult))))
            text = left + _OPS[type(node.op)] + right
        return f"({text})" if prec < outer else text
    return ast.unparse(node)  # pragma: no cover - the reader lets nothing else through
