"""Shapes of matrix-expression trees (see `mlvc_review.quiz.matrix_expr`), in the question's dimension names.

[n, d] -> (n x d), [n] -> (n x 1), [] -> a scalar; `I` has whatever size fits. A (1 x 1)
result multiplies like a scalar, as it does on paper (y^T y X). A mismatch says where,
in dimension names (`ShapeMismatch`, in English and Chinese). Dividing by a scalar or by
a scalar times I is allowed; dividing by any other matrix is `MatrixDivision` (a notation
question, not a wrong answer: inv(B) A and A inv(B) differ).
"""

from __future__ import annotations

from collections.abc import Mapping

from mlvc_review.bank.model import MatrixSymbol
from mlvc_review.quiz import matrix_expr as mx  # a module import: matrix_expr imports this package

Shape = tuple  # () scalar, ("I",) identity of any size, (rows, cols) with str or int dimensions
SCALAR: Shape = ()
IDENT: Shape = ("I",)


class ShapeMismatch(ValueError):
    """The expression does not typecheck; the message explains where, in dimension names (en, and zh)."""

    def __init__(self, message: str, zh: str | None = None):
        super().__init__(message)
        self.zh = zh

    def text(self, lang: str = "en") -> str:
        return self.zh if lang == "zh" and self.zh else str(self)


class MatrixDivision(ShapeMismatch):
    """A division by a matrix that is not a scalar multiple of I: ambiguous notation."""


def symbol_shape(symbol: MatrixSymbol) -> Shape:
    """[] -> scalar, [n] -> (n x 1), [n, d] -> (n x d)."""
    return tuple(symbol.shape) + ((1,) if len(symbol.shape) == 1 else ())


def show(shape: Shape, lang: str = "en") -> str:
    if shape == SCALAR or shape == (1, 1):
        return ("(标量)" if lang == "zh" else "(scalar)") if shape == SCALAR else "(1 x 1)"
    return "I" if shape == IDENT else f"({shape[0]} x {shape[1]})"


def scalar_like(shape: Shape) -> bool:
    return shape == SCALAR or shape == (1, 1)


def _square(shape: Shape) -> bool:
    return len(shape) == 2 and shape[0] == shape[1]


def mul_shape(a: Shape, b: Shape, left: str = "", right: str = "") -> Shape:
    """The shape of a product: scalars and (1 x 1) scale, I takes the other side's size."""
    if IDENT in (a, b) and (a == b or scalar_like(a) or scalar_like(b)):
        return IDENT
    if scalar_like(a):
        return b if b != SCALAR else a
    if scalar_like(b) or b == IDENT:
        return a
    if a == IDENT:
        return b
    if a[1] != b[0]:
        raise ShapeMismatch(f"{left} {show(a)} times {right} {show(b)} does not align: {a[1]} != {b[0]}",
                            f"{left} {show(a, 'zh')} 乘以 {right} {show(b, 'zh')} 维度对不上：{a[1]} != {b[0]}")
    return (a[0], b[1])


def add_shape(a: Shape, b: Shape, kind: str = "add", left: str = "", right: str = "") -> Shape:
    """The shape of a sum: equal shapes, two scalars, or I plus a square matrix."""
    if a == b or (scalar_like(a) and scalar_like(b)):
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


def node_shape(node: mx.Node, parts: list[Shape]) -> Shape:
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
        if not (scalar_like(b) or b == IDENT):
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
    return node_shape(node, [shape_of(child, symbols) for child in node[1:] if isinstance(child, tuple)])
