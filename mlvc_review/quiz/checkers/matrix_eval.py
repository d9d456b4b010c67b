"""Shapes and values of matrix-expression trees (see `mlvc_review.quiz.matrix_expr`).

The shape pass works with dimension *names* ([n, d] -> (n x d)), so a mismatch can be
explained in the question's own terms; the value pass works with NumPy on drawn
sizes. `I` is an identity of whatever size fits (`Eye`, a scaled identity), and a
(1 x 1) result multiplies like a scalar, as it does on paper (y^T y X).
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


class ShapeMismatch(ValueError):
    """The expression does not typecheck; the message explains where, in dimension names."""


class Singular(ValueError):
    """A matrix that is inverted is singular (or nearly) for the drawn sizes and values."""


def symbol_shape(symbol: MatrixSymbol) -> Shape:
    """[] -> scalar, [n] -> (n x 1), [n, d] -> (n x d)."""
    return tuple(symbol.shape) + ((1,) if len(symbol.shape) == 1 else ())


def show(shape: Shape) -> str:
    if shape == SCALAR or shape == (1, 1):
        return "(scalar)" if shape == SCALAR else "(1 x 1)"
    return "I" if shape == IDENT else f"({shape[0]} x {shape[1]})"


def _scalar_like(shape: Shape) -> bool:
    return shape == SCALAR or shape == (1, 1)


def shape_of(node: mx.Node, symbols: Mapping[str, MatrixSymbol]) -> Shape:
    """The shape of `node`; ShapeMismatch names the first operation that does not fit."""
    kind = node[0]
    if kind == "sym":
        return symbol_shape(symbols[node[1]])
    if kind == "num":
        return SCALAR
    if kind == "I":
        return IDENT
    parts = [shape_of(child, symbols) for child in node[1:] if isinstance(child, tuple)]
    a = parts[0]
    if kind == "neg":
        return a
    if kind == "T":
        return a if len(a) < 2 else (a[1], a[0])
    if kind in ("inv", "pow"):
        if len(a) == 2 and a[0] != a[1]:
            raise ShapeMismatch(f"{mx.render(node[1])} {show(a)} is not square, so it has no inverse or power")
        return a
    b = parts[1]
    left, right = mx.render(node[1]), mx.render(node[2])
    if kind in ("add", "sub"):
        if a == b or (_scalar_like(a) and _scalar_like(b)):
            return a if a != SCALAR else b
        if IDENT in (a, b):
            other, name = (b, right) if a == IDENT else (a, left)
            if len(other) == 2 and other[0] == other[1]:
                return other
            raise ShapeMismatch(f"I can only be added to a square matrix, and {name} is {show(other)}"
                                + ("; write the scalar times I" if other == SCALAR else ""))
        word = "add" if kind == "add" else "subtract"
        hint = "; write the scalar times I" if SCALAR in (a, b) else ""
        raise ShapeMismatch(f"cannot {word} {left} {show(a)} and {right} {show(b)}{hint}")
    if kind == "div":
        if not _scalar_like(b):
            raise ShapeMismatch(f"you can only divide by a scalar, and {right} is {show(b)}")
        return a
    # mul
    if _scalar_like(a) or a == IDENT:
        return b if b != SCALAR else a
    if _scalar_like(b) or b == IDENT:
        return a
    if a[1] != b[0]:
        raise ShapeMismatch(f"{left} {show(a)} times {right} {show(b)} does not align: {a[1]} != {b[0]}")
    return (a[0], b[1])


@dataclass(frozen=True)
class Eye:
    """c times an identity of whatever size the context needs."""

    c: float


def _as_scalar(value: Any) -> Any:
    return float(value.item()) if isinstance(value, np.ndarray) and value.shape == (1, 1) else value


def _inv(value: Any, text: str) -> Any:
    if isinstance(value, Eye):
        return Eye(1.0 / value.c)
    if not isinstance(value, np.ndarray) or value.shape == (1, 1):
        if abs(_as_scalar(value)) < 1e-12:
            raise Singular(text)
        return 1.0 / value
    if np.linalg.cond(value) > MAX_COND:
        raise Singular(text)
    return np.linalg.inv(value)


def _mul(a: Any, b: Any) -> Any:
    if isinstance(a, Eye) and isinstance(b, Eye):
        return Eye(a.c * b.c)
    if isinstance(a, Eye) or isinstance(b, Eye):
        eye, other = (a, b) if isinstance(a, Eye) else (b, a)
        if isinstance(other, np.ndarray) and other.shape != (1, 1):
            return eye.c * other
        return Eye(eye.c * _as_scalar(other))
    if isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and a.shape[1] == b.shape[0]:
        # (a0 x k) @ (k x b1) -> (a0 x b1)
        return a @ b
    return _as_scalar(a) * _as_scalar(b)


def _add(a: Any, b: Any, sign: float) -> Any:
    if isinstance(a, Eye) and isinstance(b, Eye):
        return Eye(a.c + sign * b.c)
    if isinstance(a, Eye):
        return a.c * np.eye(b.shape[0]) + sign * b
    if isinstance(b, Eye):
        return a + sign * b.c * np.eye(a.shape[0])
    if isinstance(a, np.ndarray) != isinstance(b, np.ndarray):
        a, b = _as_scalar(a), _as_scalar(b)
    return a + sign * b


def value_of(node: mx.Node, values: Mapping[str, Any]) -> Any:
    """The value of a well-shaped `node`: a float, a 2-D array, or an `Eye`; Singular on a bad inverse."""
    kind = node[0]
    if kind == "sym":
        return values[node[1]]
    if kind == "num":
        return node[1]
    if kind == "I":
        return Eye(1.0)
    a = value_of(node[1], values)
    if kind == "neg":
        return Eye(-a.c) if isinstance(a, Eye) else -a
    if kind == "T":
        return a.T if isinstance(a, np.ndarray) else a
    if kind == "inv":
        return _inv(a, mx.render(node[1]))
    if kind == "pow":
        base = _inv(a, mx.render(node[1])) if node[2] < 0 else a
        out = base
        for _ in range(abs(node[2]) - 1):
            out = _mul(out, base)
        return out
    b = value_of(node[2], values)
    if kind == "mul":
        return _mul(a, b)
    if kind == "div":
        return _mul(a, _inv(b, mx.render(node[2])))
    return _add(a, b, 1.0 if kind == "add" else -1.0)
