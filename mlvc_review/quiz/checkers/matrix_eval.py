"""Shapes and values of matrix-expression trees (see `mlvc_review.quiz.matrix_expr`).

The shape pass works with dimension *names* ([n, d] -> (n x d)), so a mismatch can be
explained in the question's own terms; the value pass works with NumPy on drawn
sizes and is steered by the same shape rules, so a dimension drawn as 1 (w is d x 1
with d = 1) is still a matrix, never a scalar. `I` is an identity of whatever size
fits (`Eye`, a scaled identity), and a (1 x 1) result multiplies like a scalar, as it
does on paper (y^T y X). Dividing by a scalar or by a scalar times I is allowed;
dividing by any other matrix is `MatrixDivision` (a notation question, not a wrong
answer: inv(B) A and A inv(B) differ).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from mlvc_review.bank.model import MatrixSymbol
from mlvc_review.quiz import matrix_expr as mx  # a module import: matrix_expr imports this package

Shape = tuple  # () scalar, ("I",) identity of any size, (rows, cols) with str or int dimensions
SCALAR: Shape = ()
IDENT: Shape = ("I",)
MAX_COND = 1e10
TINY = 1e-12


class ShapeMismatch(ValueError):
    """The expression does not typecheck; the message explains where, in dimension names (en, and zh)."""

    def __init__(self, message: str, zh: str | None = None):
        super().__init__(message)
        self.zh = zh

    def text(self, lang: str = "en") -> str:
        return self.zh if lang == "zh" and self.zh else str(self)


class MatrixDivision(ShapeMismatch):
    """A division by a matrix that is not a scalar multiple of I: ambiguous notation."""


class Singular(ValueError):
    """A matrix that is inverted is singular (or nearly) for the drawn sizes and values."""


def symbol_shape(symbol: MatrixSymbol) -> Shape:
    """[] -> scalar, [n] -> (n x 1), [n, d] -> (n x d)."""
    return tuple(symbol.shape) + ((1,) if len(symbol.shape) == 1 else ())


def show(shape: Shape, lang: str = "en") -> str:
    if shape == SCALAR or shape == (1, 1):
        return ("(标量)" if lang == "zh" else "(scalar)") if shape == SCALAR else "(1 x 1)"
    return "I" if shape == IDENT else f"({shape[0]} x {shape[1]})"


def _scalar_like(shape: Shape) -> bool:
    return shape == SCALAR or shape == (1, 1)


def _square(shape: Shape) -> bool:
    return len(shape) == 2 and shape[0] == shape[1]


def mul_shape(a: Shape, b: Shape, left: str = "", right: str = "") -> Shape:
    """The shape of a product: scalars and (1 x 1) scale, I takes the other side's size."""
    if IDENT in (a, b) and (a == b or _scalar_like(a) or _scalar_like(b)):
        return IDENT
    if _scalar_like(a):
        return b if b != SCALAR else a
    if _scalar_like(b) or b == IDENT:
        return a
    if a == IDENT:
        return b
    if a[1] != b[0]:
        raise ShapeMismatch(f"{left} {show(a)} times {right} {show(b)} does not align: {a[1]} != {b[0]}",
                            f"{left} {show(a, 'zh')} 乘以 {right} {show(b, 'zh')} 维度对不上：{a[1]} != {b[0]}")
    return (a[0], b[1])


def add_shape(a: Shape, b: Shape, kind: str = "add", left: str = "", right: str = "") -> Shape:
    """The shape of a sum: equal shapes, two scalars, or I plus a square matrix."""
    if a == b or (_scalar_like(a) and _scalar_like(b)):
        return a if a != SCALAR else b
    if IDENT in (a, b):
        other, name = (b, right) if a == IDENT else (a, left)
        if _square(other):
            return other
        raise ShapeMismatch(f"I can only be added to a square matrix, and {name} is {show(other)}"
                            + ("; write the scalar times I" if other == SCALAR else ""),
                            f"I 只能与方阵相加，而 {name} 是 {show(other, 'zh')}"
                            + ("；请写成标量乘 I" if other == SCALAR else ""))
    word = "add" if kind == "add" else "subtract"
    hint = "; write the scalar times I" if SCALAR in (a, b) else ""
    raise ShapeMismatch(f"cannot {word} {left} {show(a)} and {right} {show(b)}{hint}",
                        f"不能把 {left} {show(a, 'zh')} 与 {right} {show(b, 'zh')} {'相加' if kind == 'add' else '相减'}"
                        + ("；请把标量写成标量乘 I" if hint else ""))


def _node_shape(node: mx.Node, parts: list[Shape]) -> Shape:
    """The shape of `node` from its children's shapes `parts`."""
    kind = node[0]
    a = parts[0]
    if kind == "neg":
        return a
    if kind == "T":
        return a if len(a) < 2 else (a[1], a[0])
    if kind in ("inv", "pow"):
        if len(a) == 2 and a[0] != a[1]:
            raise ShapeMismatch(f"{mx.render(node[1])} {show(a)} is not square, so it has no inverse or power",
                                f"{mx.render(node[1])} {show(a, 'zh')} 不是方阵，没有逆或幂")
        return a
    b = parts[1]
    left, right = mx.render(node[1]), mx.render(node[2])
    if kind in ("add", "sub"):
        return add_shape(a, b, kind, left, right)
    if kind == "div":
        if not (_scalar_like(b) or b == IDENT):
            raise MatrixDivision(f"you can only divide by a scalar (or a scalar times I), and {right} is {show(b)}",
                                 f"只能除以标量（或标量乘 I），而 {right} 是 {show(b, 'zh')}")
        return IDENT if a == IDENT else a
    return mul_shape(a, b, left, right)


def shape_of(node: mx.Node, symbols: Mapping[str, MatrixSymbol]) -> Shape:
    """The shape of `node`; ShapeMismatch names the first operation that does not fit."""
    kind = node[0]
    if kind == "sym":
        return symbol_shape(symbols[node[1]])
    if kind == "num":
        return SCALAR
    if kind == "I":
        return IDENT
    return _node_shape(node, [shape_of(child, symbols) for child in node[1:] if isinstance(child, tuple)])


@dataclass(frozen=True)
class Eye:
    """c times an identity of whatever size the context needs."""

    c: float


def _scalar(value: Any) -> float:
    """The number in a scalar or (1 x 1) value."""
    return float(value.reshape(-1)[0]) if isinstance(value, np.ndarray) else float(value)


def _coeff(value: Any) -> float:
    return value.c if isinstance(value, Eye) else _scalar(value)


def _fit(value: Any, shape: Shape) -> Any:
    """`value` in the form its shape calls for: a float, an Eye, or a 2-D array."""
    if shape == SCALAR:
        return _scalar(value)
    if shape == IDENT:
        return value if isinstance(value, Eye) else Eye(_scalar(value))
    if isinstance(value, np.ndarray):
        return value
    return np.array([[_coeff(value)]])


def dense(value: Any, like: Any) -> Any:
    """`value` as an array the size of `like` when it is an Eye (a scaled identity), else unchanged."""
    if isinstance(value, Eye) and isinstance(like, np.ndarray) and like.ndim == 2 and like.shape[0] == like.shape[1]:
        return value.c * np.eye(like.shape[0])
    return value


def _inv(value: Any, text: str) -> Any:
    if isinstance(value, np.ndarray) and value.shape != (1, 1):
        if not np.all(np.isfinite(value)):
            return np.full(value.shape, np.nan)
        try:
            if np.linalg.cond(value) > MAX_COND:
                raise Singular(text)
            return np.linalg.inv(value)
        except np.linalg.LinAlgError:
            raise Singular(text) from None
    c = _coeff(value)
    if not abs(c) > TINY:  # also catches nan
        raise Singular(text)
    if isinstance(value, Eye):
        return Eye(1.0 / c)
    return np.array([[1.0 / c]]) if isinstance(value, np.ndarray) else 1.0 / c


def _mul(a: Any, sa: Shape, b: Any, sb: Shape, shape: Shape) -> Any:
    """The product of values `a` (shape `sa`) and `b` (shape `sb`), whose shape is `shape`."""
    if shape == IDENT:
        return Eye(_coeff(a) * _coeff(b))
    if _scalar_like(sa):  # b is a number or an array here: a product with I would be I
        return _fit(_scalar(a) * b, shape)
    if _scalar_like(sb):
        return _fit(a * _scalar(b), shape)
    if sa == IDENT:
        return a.c * b
    if sb == IDENT:
        return a * b.c
    return a @ b  # (a0 x k) @ (k x b1) -> (a0 x b1)


def _add(a: Any, b: Any, sign: float, shape: Shape) -> Any:
    if isinstance(a, Eye) and isinstance(b, Eye):
        return Eye(a.c + sign * b.c)
    if shape == SCALAR:
        return _scalar(a) + sign * _scalar(b)
    if isinstance(a, Eye):
        return a.c * np.eye(b.shape[0]) + sign * b
    if isinstance(b, Eye):
        return a + sign * b.c * np.eye(a.shape[0])
    return _fit(a, shape) + sign * _fit(b, shape)


class _Values:
    """One evaluation: (shape, value) of every node, bottom-up, under the shape rules."""

    def __init__(self, values: Mapping[str, Any], symbols: Mapping[str, MatrixSymbol]):
        self.values, self.symbols = values, symbols

    def run(self, node: mx.Node) -> tuple[Shape, Any]:
        kind = node[0]
        if kind == "sym":
            shape = symbol_shape(self.symbols[node[1]])
            return shape, _fit(self.values[node[1]], shape)
        if kind == "num":
            return SCALAR, float(node[1])
        if kind == "I":
            return IDENT, Eye(1.0)
        sa, a = self.run(node[1])
        if kind in ("neg", "T", "inv", "pow"):
            shape = _node_shape(node, [sa])
            if kind == "neg":
                return shape, Eye(-a.c) if isinstance(a, Eye) else -a
            if kind == "T":
                return shape, a.T if isinstance(a, np.ndarray) else a
            base = _inv(a, mx.render(node[1])) if kind == "inv" or node[2] < 0 else a
            out = base
            for _ in range(abs(node[2]) - 1 if kind == "pow" else 0):
                out = _mul(out, shape, base, shape, shape)
            return shape, out
        sb, b = self.run(node[2])
        shape = _node_shape(node, [sa, sb])
        if kind == "mul":
            return shape, _mul(a, sa, b, sb, shape)
        if kind == "div":
            return shape, _mul(a, sa, _inv(b, mx.render(node[2])), sb, shape)
        return shape, _add(a, b, 1.0 if kind == "add" else -1.0, shape)


def value_of(node: mx.Node, values: Mapping[str, Any], symbols: Mapping[str, MatrixSymbol]) -> Any:
    """The value of a well-shaped `node`: a float, a 2-D array, or an `Eye`.

    Args:
        node: the expression tree.
        values: each symbol's value (a float for a scalar, a 2-D array otherwise; [n] is n x 1).
        symbols: the question's symbols (their shapes steer the evaluation).
    Raises:
        Singular: a matrix or scalar that is inverted (or divided by) is singular for these values.
        ShapeMismatch: the expression does not typecheck.
    """
    with np.errstate(all="ignore"):
        return _Values(values, symbols).run(node)[1]
