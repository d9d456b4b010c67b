"""The matrix-expression reader: spellings, normalised rendering, errors, and random or hostile text."""

from __future__ import annotations

import time

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from mlvc_review.bank.schema import MatrixSymbol
from mlvc_review.quiz.checkers.base import InvalidAnswer
from mlvc_review.quiz.checkers.matrix_eval import Eye, ShapeMismatch, Singular, shape_of, value_of
from mlvc_review.quiz.matrix_expr import parse_matrix, render

SYMBOLS = {"X": MatrixSymbol(shape=["n", "d"]), "y": MatrixSymbol(shape=["n"]), "lam": MatrixSymbol(shape=[])}
NORMAL = "inv(X^T X) X^T y"


@pytest.mark.parametrize("text", [
    "inv(X^T X) X^T y", "inv(T(X)*X)*T(X)*y", "inv(transpose(X) @ X) @ transpose(X) @ y", "(X.T @ X)^-1 X.T y",
    "(X'X)^(-1) X'y", "(X^T X)^{-1} X^T y", "inv(X^TX)X^Ty", "solve(X^T X, X^T y)", "inv((X^T X)) (X^T y)",
    "(X ᵀ X)⁻¹ Xᵀ y", "inv(X**T X) X**T y", "(X^{T} X)^{-1} X^{T} y",
])
def test_normal_equation_spellings_render_the_same(text):
    assert render(parse_matrix(text, SYMBOLS)) == NORMAL


@pytest.mark.parametrize("text,rendered", [
    ("(X.T @ X + lam*I)^-1 X.T y", "inv(X^T X + lam I) X^T y"), ("X^T X^-1 y", "X^T inv(X) y"),
    ("-X^T (y - X y)", "-X^T (y - X y)"), ("X (-y)", "X (-y)"), ("(X y)^T", "(X y)^T"), ("2 X / lam", "2 X / lam"),
    ("X - (y - X)", "X - (y - X)"), ("(X^T X)^2", "(X^T X)^2"), ("+X", "X"), ("X^1", "X"),
    ("(y / lam) X", "(y / lam) X"), ("X (y / lam) lam", "X (y / lam) lam"), ("1/2 X", "(1 / 2) X"),
])
def test_rendering(text, rendered):
    node = parse_matrix(text, SYMBOLS)
    assert render(node) == rendered
    assert parse_matrix(rendered, SYMBOLS) == node


@pytest.mark.parametrize("text,message", [
    ("Z", "unknown symbol 'Z'; the symbols are X, lam, y"), ("X^", "ends too early"), ("inv(X", r"expected '\)'"),
    ("X)", r"unexpected '\)'"), ("X^0", "after \\^"), ("X^5", "after \\^"), ("X^-4", "after \\^"), ("X^y", "after \\^"),
    ("X[0]", "unexpected character '\\['"), ("", "type an expression"), ("X" + " X" * 200, "longer than 300"),
    ("(" * 50 + "X" + ")" * 50, "nested too deeply"), ("X.__class__", "unknown symbol|unexpected"),
    ("inv", "unknown symbol 'inv'"), ("X,y", "unexpected ','"), ("X^1.5", "after \\^"),
])
def test_invalid_inputs(text, message):
    with pytest.raises(InvalidAnswer, match=message):
        parse_matrix(text, SYMBOLS)


def test_declared_symbols_named_I_or_T_win_over_the_builtins():
    symbols = {"T": MatrixSymbol(shape=["n", "n"]), "I": MatrixSymbol(shape=["n", "n"])}
    assert parse_matrix("T I", symbols) == ("mul", ("sym", "T"), ("sym", "I"))


@pytest.mark.parametrize("text,shape", [
    (NORMAL, ("d", 1)), ("X^T X + lam I", ("d", "d")), ("y^T y", (1, 1)), ("y^T y X", ("n", "d")), ("lam", ()),
    ("X / (y^T y)", ("n", "d")), ("I X", ("n", "d")), ("I + I", ("I",)),
])
def test_shapes_in_dimension_names(text, shape):
    assert shape_of(parse_matrix(text, SYMBOLS), SYMBOLS) == shape


@pytest.mark.parametrize("text,message", [
    ("X^T X^-1 y", r"X \(n x d\) is not square"),
    ("X X^T X^T y", r"X X\^T \(n x n\) times X\^T \(d x n\) does not align: n != d"),
    ("X^T X + lam", r"cannot add X\^T X \(d x d\) and lam \(scalar\); write the scalar times I"),
    ("X + I", r"I can only be added to a square matrix, and X is \(n x d\)"),
    ("X / X", r"only divide by a scalar"), ("X + y", r"cannot add X \(n x d\) and y \(n x 1\)"),
])
def test_shape_mismatches_are_explained(text, message):
    with pytest.raises(ShapeMismatch, match=message):
        shape_of(parse_matrix(text, SYMBOLS), SYMBOLS)


def test_values_with_identity_scalars_and_one_by_one():
    rng = np.random.default_rng(0)
    values = {"X": rng.standard_normal((6, 3)), "y": rng.standard_normal((6, 1)), "lam": 0.7}
    X, y, lam = values["X"], values["y"], values["lam"]
    ridge = value_of(parse_matrix("(X.T @ X + lam*I)^-1 X.T y", SYMBOLS), values, SYMBOLS)
    assert np.allclose(ridge, np.linalg.solve(X.T @ X + lam * np.eye(3), X.T @ y))
    assert np.allclose(value_of(parse_matrix("y^T y X", SYMBOLS), values, SYMBOLS), (y.T @ y).item() * X)
    assert value_of(parse_matrix("2 I lam", SYMBOLS), values, SYMBOLS) == Eye(1.4)
    with pytest.raises(Singular, match=r"X X\^T"):
        value_of(parse_matrix("inv(X X^T)", SYMBOLS), values, SYMBOLS)


SQUARE = {"A": MatrixSymbol(shape=["d", "d"]), "B": MatrixSymbol(shape=["d", "d"]), "s": MatrixSymbol(shape=[])}
LEAVES = st.sampled_from([("sym", "A"), ("sym", "B"), ("sym", "s"), ("I",), ("num", 2.0), ("num", 0.5)])
TREES = st.recursive(LEAVES, lambda sub: st.one_of(
    st.tuples(st.sampled_from(["add", "sub", "mul"]), sub, sub),
    st.tuples(st.just("div"), sub, st.sampled_from([("sym", "s"), ("num", 2.0)])),
    st.tuples(st.sampled_from(["neg", "T", "inv"]), sub),
    st.tuples(st.just("pow"), sub, st.sampled_from([-2, 2, 3])),
), max_leaves=8)


def _dense(value, d: int):
    return value.c * np.eye(d) if isinstance(value, Eye) else np.broadcast_to(value, (d, d))


@settings(max_examples=80)
@given(TREES)
def test_render_then_parse_gives_the_same_value(tree):
    rng = np.random.default_rng(1)
    values = {"A": rng.standard_normal((3, 3)), "B": rng.standard_normal((3, 3)), "s": 1.3}
    try:
        shape_of(tree, SQUARE)
    except ShapeMismatch:
        assume(False)
    text = render(tree)
    again = parse_matrix(text, SQUARE)
    assert render(again) == text
    try:
        want, got = value_of(tree, values, SQUARE), value_of(again, values, SQUARE)
    except (Singular, ZeroDivisionError, FloatingPointError):
        assume(False)
        return
    with np.errstate(all="ignore"):
        a, b = _dense(want, 3), _dense(got, 3)
        assume(np.all(np.isfinite(a)) and np.max(np.abs(a)) < 1e6)
        assert np.allclose(a, b, rtol=1e-6, atol=1e-8)


ALPHABET = "XyIlamT^'.()+-*@/{},0123456789 invtrspose[]:=\"\\\n\x00ᵀ⁻¹"


@settings(max_examples=200)
@given(st.text(alphabet=ALPHABET, max_size=50) | st.text(max_size=40))
def test_random_text_only_ever_raises_invalid_answer(text):
    start = time.monotonic()
    try:
        node = parse_matrix(text, SYMBOLS)
        assert parse_matrix(render(node), SYMBOLS) == node
    except InvalidAnswer as err:
        assert err.message
    assert time.monotonic() - start < 1.0


@pytest.mark.parametrize("template", [
    "__import__('os').system('touch {pwned}')", "X.__class__.__mro__", "(lambda: 1)()", "[c for c in ()]",
    '"a"*10**9', "9**9**9**9", "inv(" * 60 + "X" + ")" * 60, "exp(exp(exp(exp(99))))", "open('{pwned}')",
])
def test_hostile_inputs_are_rejected_quickly(template, tmp_path):
    pwned = tmp_path / "pwned"
    start = time.monotonic()
    with pytest.raises(InvalidAnswer):
        parse_matrix(template.format(pwned=pwned), SYMBOLS)
    assert time.monotonic() - start < 1.0 and not pwned.exists()


@pytest.mark.parametrize("text,readings", [
    ("y/2 lam", "(y / 2) lam or y / (2 lam)"), ("X^T y/lam X^T y", "(X^T y / lam) X^T or X^T y / (lam X^T)"),
])
def test_a_product_right_after_a_divisor_is_asked_with_both_readings(text, readings):
    with pytest.raises(InvalidAnswer, match="can be read two ways") as err:
        parse_matrix(text, SYMBOLS)
    assert readings in err.value.message and "两种读法" in err.value.text("zh")
