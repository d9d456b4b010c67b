"""Values of matrix-expression trees on drawn sizes, steered by the shape rules of `matrix_shapes`.

Following the shapes in dimension names, a dimension drawn as 1 (w is d x 1 with d = 1)
is still a matrix, never a scalar, and `I` stays a scaled identity (`Eye`) until a
context gives it a size. The shape names are re-exported here for the checker.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from mlvc_review.bank.model import MatrixSymbol
from mlvc_review.quiz import matrix_expr as mx  # a module import: matrix_expr imports this package
from mlvc_review.quiz.checkers.matrix_shapes import (  # noqa: F401 - re-exported for the checker and tests
    IDENT, SCALAR, MatrixDivision, Shape, ShapeMismatch, node_shape, scalar_like, shape_of, show, symbol_shape,
)

MAX_COND = 1e10
TINY = 1e-12


class Singular(ValueError):
    """A matrix that is inverted is singular (or nearly) for the drawn sizes and values."""


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
    if scalar_like(sa):  # b is a number or an array here: a product with I would be I
        return _fit(_scalar(a) * b, shape)
    if scalar_like(sb):
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
            shape = node_shape(node, [sa])
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
        shape = node_shape(node, [sa, sb])
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
