"""Matrix-expression checker: numeric equivalence on random instances, shape feedback, known mistakes."""

from __future__ import annotations

import time

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mlvc_review.bank.params import draw_variant
from mlvc_review.bank.schema import MatrixQuestion
from mlvc_review.quiz.checkers import get_checker, selfcheck
from mlvc_review.quiz.checkers.base import InvalidAnswer
from mlvc_review.quiz.checkers.matrix_instances import instances
from mlvc_review.quiz.matrix_expr import parse_matrix

CHECKER = get_checker("matrix_expr")
SYMBOLS = {"X": {"shape": ["n", "d"]}, "y": {"shape": ["n"]}, "lam": {"shape": []}}


def normal_equation() -> MatrixQuestion:
    return MatrixQuestion(
        id="ch1-normal-equation", chapter=1, type="matrix_expr", topic="least-squares",
        prompt={"en": "Least-squares weights w?", "zh": "最小二乘的权重 w？"}, explanation="normal equation",
        symbols=SYMBOLS, answer="inv(X^T X) X^T y",
        wrong_answers=[
            {"answer": "X^T X^-1 y", "why": {"en": "(X^T X)^-1 is not X^T X^-1", "zh": "(X^T X)^-1 不是 X^T X^-1"}},
            {"answer": "inv(X^T X + lam I) X^T y", "why": "that is ridge regression"},
            {"answer": "inv(X X^T) X y", "why": "X X^T is n x n"},
        ],
    )


def ridge() -> MatrixQuestion:
    return MatrixQuestion(id="ch1-ridge", chapter=1, type="matrix_expr", topic="ridge", prompt="Ridge weights?",
                          explanation="(X^T X + lam I)^-1 X^T y", symbols=SYMBOLS, answer="inv(X^T X + lam I) X^T y",
                          wrong_answers=[{"answer": "inv(X^T X) X^T y", "why": "the penalty is missing"}])


def grade(q, raw, seed=0, lang="en"):
    v = draw_variant(q, seed)
    return CHECKER.grade(q, v, CHECKER.parse(q, v, raw, lang), lang)


@pytest.mark.parametrize("raw", [
    "inv(X^T X) X^T y", "inv(T(X)*X)*T(X)*y", "(X.T @ X)^-1 X.T y", "(X'X)^(-1) X'y", "solve(X^T X, X^T y)",
    "inv(X^T X) (X^T y)", "2 inv(2 X^T X) X^T y", "inv(X^T X) (y^T X)^T", "inv(X^T X) X^T I y",
])
@pytest.mark.parametrize("seed", [0, 1])
def test_normal_equation_spellings_are_right(raw, seed):
    g = grade(normal_equation(), raw, seed)
    assert g.correct and g.score == 1.0 and g.expected == "inv(X^T X) X^T y"
    assert g.feedback == ["equal on 4 random instances"]


def test_product_of_inverses_is_a_shape_error_with_its_why():
    g = grade(normal_equation(), "X^T X^-1 y")
    assert not g.correct and g.score == 0.0
    assert g.feedback == ["X (n x d) is not square, so it has no inverse or power", "(X^T X)^-1 is not X^T X^-1"]
    assert grade(normal_equation(), "X^T X^-1 y", lang="zh").feedback[1] == "(X^T X)^-1 不是 X^T X^-1"


def test_shape_mismatch_is_feedback_not_invalid():
    g = grade(normal_equation(), "inv(X X^T) X y")
    assert not g.correct
    assert g.feedback == ["inv(X X^T) X (n x d) times y (n x 1) does not align: d != n", "X X^T is n x n"]
    g = grade(normal_equation(), "y^T X inv(X^T X)")
    assert g.feedback == ["your answer is (1 x d), but the answer is (d x 1)"]
    assert "但正确答案是" in grade(normal_equation(), "y^T X inv(X^T X)", lang="zh").feedback[0]


def test_well_shaped_wrong_answers():
    g = grade(normal_equation(), "inv(X^T X + lam I) X^T y")
    assert not g.correct and g.feedback[-1] == "that is ridge regression"
    assert g.feedback[0].startswith("the values differ for n = ")
    g = grade(normal_equation(), "X^T y")
    assert not g.correct and len(g.feedback) == 1


@pytest.mark.parametrize("raw", ["inv(X^T X + lam I) X^T y", "(X.T @ X + lam*I)^-1 X.T y",
                                 "X^T inv(X X^T + lam I) y", "solve(X'X + I lam, X'y)"])
def test_ridge_spellings(raw):
    assert grade(ridge(), raw).correct


def test_ridge_mistakes():
    assert grade(ridge(), "inv(X^T X) X^T y").feedback[-1] == "the penalty is missing"
    assert "write the scalar times I" in grade(ridge(), "inv(X^T X + lam) X^T y").feedback[0]


@pytest.mark.parametrize("raw,message", [("Z y", "unknown symbol 'Z'"), ("inv(X^T X", "expected"), ("", "type"),
                                         ("X^T ^ y", "after \\^")])
def test_syntax_errors_are_invalid(raw, message):
    q = normal_equation()
    with pytest.raises(InvalidAnswer, match=message):
        CHECKER.parse(q, draw_variant(q, 0), raw)


def test_instances_cover_tall_and_single_column_sizes_and_are_stable():
    q = normal_equation()
    ref = parse_matrix(q.answer, q.symbols)
    cases = instances(q, ref, draw_variant(q, 3).rng("matrix"))
    sizes = [c.sizes for c in cases]
    assert all(s["n"] > s["d"] for s in sizes)
    assert any(s["d"] == 1 for s in sizes)
    again = instances(q, ref, draw_variant(q, 3).rng("matrix"))
    assert sizes == [c.sizes for c in again]
    assert all(np.array_equal(a.values["X"], b.values["X"]) for a, b in zip(cases, again))


def test_sizes_are_reordered_when_the_reference_needs_it():
    # d is named first, so the first size plan makes X^T X singular; instances permute sizes instead
    q = MatrixQuestion(id="reorder", chapter=1, type="matrix_expr", topic="t", prompt="p", explanation="e",
                       symbols={"w": {"shape": ["d"]}, "X": {"shape": ["n", "d"]}}, answer="inv(X^T X) w")
    cases = instances(q, parse_matrix(q.answer, q.symbols), draw_variant(q, 0).rng("matrix"))
    assert all(c.sizes["n"] >= c.sizes["d"] for c in cases)
    assert selfcheck(q) == []


def test_spd_and_symmetric_symbols():
    q = MatrixQuestion(id="quadratic-grad", chapter=1, type="matrix_expr", topic="t", prompt="grad of x^T A x / 2",
                       explanation="A x", symbols={"A": {"shape": ["d", "d"], "kind": "spd"},
                                                   "S": {"shape": ["d", "d"], "kind": "symmetric"},
                                                   "x": {"shape": ["d"]}},
                       answer="A x", wrong_answers=[{"answer": "2 A x", "why": "the 1/2 cancels the 2"}])
    assert grade(q, "A^T x").correct  # symmetric, so A^T = A
    assert grade(q, "(A + A^T) x / 2").correct
    assert grade(q, "S^T x - S x + A x").correct
    assert grade(q, "2 A x").feedback[-1] == "the 1/2 cancels the 2"
    assert selfcheck(q) == []


def test_selfcheck_reports_a_reference_that_is_always_singular():
    q = MatrixQuestion(id="always-singular", chapter=1, type="matrix_expr", topic="t", prompt="p", explanation="e",
                       symbols={"x": {"shape": ["n"]}}, answer="inv(x x^T) x")
    problems = selfcheck(q, seeds=[0])
    assert len(problems) == 1 and "singular" in problems[0]


def test_selfcheck_of_good_questions_is_clean():
    assert selfcheck(normal_equation()) == []
    assert selfcheck(ridge()) == []


@settings(max_examples=60)
@given(st.lists(st.sampled_from(["X", "y", "lam", "I", "^T", "^-1", "'", "(", ")", "inv(", "T(", "+", "-", "*", "@",
                                 "/", " ", "2", ".T", "solve(", ","]), max_size=16).map("".join))
def test_grading_random_answers_only_raises_invalid_answer(text):
    q = normal_equation()
    start = time.monotonic()
    try:
        g = grade(q, text)
        assert g.score in (0.0, 1.0) and g.feedback
    except InvalidAnswer:
        pass
    assert time.monotonic() - start < 2.0


def test_selfcheck_reports_a_reference_with_a_shape_error():
    q = MatrixQuestion(id="bad-shape", chapter=1, type="matrix_expr", topic="t", prompt="p", explanation="e",
                       symbols=SYMBOLS, answer="X y")
    problems = selfcheck(q, seeds=[0])
    assert problems == ["seed 0: its own answer 'X y' scores 0: X (n x d) times y (n x 1) does not align: d != n"]


def linear_classifier() -> MatrixQuestion:
    return MatrixQuestion(id="und.ga-linear-classifier", chapter=4, type="matrix_expr", topic="t", prompt="x*?",
                          explanation="w/(2 lam)", symbols={"w": {"shape": ["d", 1]}, "lam": {"shape": []}},
                          answer="w/(2*lam)", wrong_answers=[{"answer": "w", "why": "the scale is 1/(2 lam)"}])


@pytest.mark.parametrize("raw", ["inv(2 lam I) w", "(2 lam I)^-1 w", "inv(2*lam*I)*w", "I w/(2 lam)", "w/(2*lam*I)",
                                 "((2 lam I))^-1 w",
                                 "w/(2 I lam)", "inv(lam I + lam I) w", "1/2 inv(lam I) w", "w / 2 / lam"])
@pytest.mark.parametrize("seed", range(6))
def test_scaled_identities_with_a_single_column_never_crash_and_are_right(raw, seed):
    # some instances draw d = 1, where I w is a 1 x 1 matrix, not a scaled identity
    g = grade(linear_classifier(), raw, seed)
    assert g.correct, (raw, g.feedback)


@pytest.mark.parametrize("seed", range(6))
def test_a_bare_identity_times_w_is_w_and_explains_itself(seed):
    g = grade(linear_classifier(), "I w", seed)
    assert not g.correct and g.feedback[-1] == "the scale is 1/(2 lam)"


def test_dividing_by_a_matrix_is_asked_again_not_counted():
    q = normal_equation()
    with pytest.raises(InvalidAnswer, match="only divide by a scalar .or a scalar times I.") as err:
        CHECKER.parse(q, draw_variant(q, 0), "X^T y / (X^T X)")
    assert err.value.understood == "X^T y / (X^T X)"
    assert grade(normal_equation(), "X^T y / (lam I)").feedback[0].startswith("the values differ")


def test_a_one_by_one_value_stays_a_matrix_where_the_shape_says_so():
    from mlvc_review.bank.schema import MatrixSymbol
    from mlvc_review.quiz.checkers.matrix_eval import Eye, value_of

    symbols = {"w": MatrixSymbol(shape=["d", 1]), "y": MatrixSymbol(shape=["n"]), "A": MatrixSymbol(shape=["d", "d"])}
    values = {"w": np.array([[3.0]]), "y": np.array([[1.0], [2.0]]), "A": np.array([[2.0]])}
    assert np.array_equal(value_of(parse_matrix("I w", symbols), values, symbols), [[3.0]])
    assert value_of(parse_matrix("y^T y I", symbols), values, symbols) == Eye(5.0)
    assert value_of(parse_matrix("I (y^T y)", symbols), values, symbols) == Eye(5.0)
    assert np.array_equal(value_of(parse_matrix("A + y^T y I", symbols), values, symbols), [[7.0]])
    assert np.array_equal(value_of(parse_matrix("I + 2 y^T y", symbols), values, symbols), [[11.0]])


def test_shape_and_value_feedback_in_chinese():
    g = grade(normal_equation(), "X^T X^-1 y", lang="zh")
    assert g.feedback[0] == "X (n x d) 不是方阵，没有逆或幂"
    g = grade(normal_equation(), "inv(X X^T) X y", lang="zh")
    assert g.feedback[0] == "inv(X X^T) X (n x d) 乘以 y (n x 1) 维度对不上：d != n"
    assert grade(ridge(), "inv(X^T X + lam) X^T y", lang="zh").feedback[0].endswith("；请把标量写成标量乘 I")
    assert grade(normal_equation(), "X^T y", lang="zh").feedback[0].startswith("取值不同，此时 n = ")
    q = normal_equation()
    with pytest.raises(InvalidAnswer) as err:
        CHECKER.parse(q, draw_variant(q, 0), "X^T y / (X^T X)", "zh")
    assert err.value.text("zh").startswith("只能除以标量（或标量乘 I），而 X^T X 是 (d x d)")
