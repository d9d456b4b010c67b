"""Symbolic checker: equivalence by value (and simplify), feedback from known mistakes, safety."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mlvc_review.bank.params import draw_variant
from mlvc_review.bank.schema import SymbolicQuestion
from mlvc_review.quiz.checkers import get_checker
from mlvc_review.quiz.checkers.base import InvalidAnswer

CHECKER = get_checker("symbolic")


@pytest.fixture(autouse=True, scope="module")
def _sympy_imported():
    """Time bounds below measure reading and grading, not sympy's one-off import."""
    import sympy  # noqa: F401


def sigmoid_derivative() -> SymbolicQuestion:
    return SymbolicQuestion(
        id="ch2-sigmoid-derivative", chapter=2, type="symbolic", topic="backprop",
        prompt={"en": "With s = sigmoid(x), what is ds/dx in terms of s?", "zh": "设 s = sigmoid(x)，ds/dx 用 s 表示是？"},
        explanation="s(1-s)", variables={"s": {}}, answer="s*(1-s)",
        wrong_answers=[{"answer": "s*(1+s)", "why": {"en": "sign slip in 1 - s", "zh": "1 - s 的符号错了"}},
                       {"answer": "1 - s^2", "why": "that is tanh' in terms of tanh"}],
    )


def power_rule() -> SymbolicQuestion:
    return SymbolicQuestion(
        id="ch1-power-rule", chapter=1, type="symbolic", topic="calculus", prompt="d/dx of a x^{{k}}?",
        explanation="k a x^(k-1)", params={"k": {"low": 2, "high": 5}}, variables={"x": {"positive": True}, "a": {}},
        answer="{{k}}*a*x^({{k}}-1)", wrong_answers=[{"answer": "a*x^({{k}}-1)", "why": "forgot the factor k"}],
    )


def grade(q, v, raw, lang="en"):
    return CHECKER.grade(q, v, CHECKER.parse(q, v, raw, lang), lang)


@pytest.mark.parametrize("raw", ["s*(1-s)", "s - s^2", "s(1-s)", "s(1 - s)", "-s^2 + s", "s - s**2",
                                 "(1-s)s", "s*(1-s)*exp(s)/exp(s)", "2 s (1 - s) / 2"])
def test_sigmoid_derivative_spellings_are_right(raw):
    q = sigmoid_derivative()
    g = grade(q, draw_variant(q, 0), raw)
    assert g.correct and g.score == 1.0 and g.expected == "s*(1-s)"


def test_understood_keeps_the_students_order_and_reads_well():
    q = sigmoid_derivative()
    v = draw_variant(q, 0)
    assert CHECKER.parse(q, v, "s(1-s)").understood == "s·(1 − s)"
    assert CHECKER.parse(q, v, "s - s**2").understood == "s − s²"
    assert CHECKER.parse(q, v, "1.0*s - 1.0*s^2.0").understood == "1·s − 1·s^2"
    assert CHECKER.parse(q, v, "-s^2 + s").understood == "−s² + s"
    assert CHECKER.parse(q, v, "s/(2 (1 - s)) - s^-1").understood == "s/(2·(1 − s)) − s⁻¹"


def test_listed_wrong_answers_bring_their_why_in_both_languages():
    q = sigmoid_derivative()
    v = draw_variant(q, 0)
    g = grade(q, v, "s*(1+s)")
    assert not g.correct and g.score == 0.0 and g.feedback == ["sign slip in 1 - s"]
    assert grade(q, v, "s + s^2", "zh").feedback == ["1 - s 的符号错了"]  # same function, other spelling
    assert grade(q, v, "(1-s)(1+s)").feedback == ["that is tanh' in terms of tanh"]


def test_other_wrong_answer_says_where_it_differs():
    q = sigmoid_derivative()
    g = grade(q, draw_variant(q, 0), "s")
    assert not g.correct and len(g.feedback) == 1 and "the values are" in g.feedback[0]


@pytest.mark.parametrize("seed", range(3))
def test_parameters_fill_the_answer_and_wrong_answers(seed):
    q = power_rule()
    v = draw_variant(q, seed)
    k = v.params["k"]
    assert CHECKER.expected(q, v) == f"{k}*a*x^({k}-1)"
    assert grade(q, v, f"{k} a x^{k - 1}").correct
    assert grade(q, v, f"a x^{k - 1}").feedback == ["forgot the factor k"]
    assert not grade(q, v, f"{k + 1} a x^{k - 1}").correct


def test_assumptions_matter():
    positive = SymbolicQuestion(id="abs-pos", chapter=1, type="symbolic", topic="t", prompt="p", explanation="e",
                                variables={"x": {"positive": True}}, answer="x")
    real = SymbolicQuestion(id="abs-real", chapter=1, type="symbolic", topic="t", prompt="p", explanation="e",
                            variables={"x": {}}, answer="x")
    assert grade(positive, draw_variant(positive, 0), "abs(x)").correct
    assert not grade(real, draw_variant(real, 0), "abs(x)").correct


def test_functions_without_a_numeric_form_fall_back_to_simplify():
    q = SymbolicQuestion(id="chain-rule", chapter=2, type="symbolic", topic="t", prompt="p", explanation="e",
                         variables={"x": {}}, functions=["f"], answer="2*f(x)")
    v = draw_variant(q, 0)
    assert grade(q, v, "f(x) + f(x)").correct
    g = grade(q, v, "f(x)")
    assert not g.correct


@pytest.mark.parametrize("raw,message", [("q", "unknown variable 'q'; the variables are s"),
                                         ("s +* 1", "cannot read"), ("sin s", "sin"), ("", "type")])
def test_malformed_is_invalid(raw, message):
    q = sigmoid_derivative()
    with pytest.raises(InvalidAnswer, match=message):
        CHECKER.parse(q, draw_variant(q, 0), raw)


def test_verdicts_are_stable_for_a_seed():
    q = sigmoid_derivative()
    first = [grade(q, draw_variant(q, 7), raw).feedback for raw in ("s", "s^2", "s - s^2")]
    again = [grade(q, draw_variant(q, 7), raw).feedback for raw in ("s", "s^2", "s - s^2")]
    assert first == again


HOSTILE = ["__import__('os').system('touch {pwned}')", "x.__class__.__mro__", "(lambda: 1)()",
           "[c for c in ()]", '"a"*10**9', "9**9**9**9", "exp(exp(exp(exp(99))))", "exp(exp(exp(exp(s))))",
           "(s+1)^1000 - s^1000", "sin(" * 20 + "s" + ")" * 20]


@pytest.mark.parametrize("template", HOSTILE)
def test_hostile_answers_are_handled_quickly(template, tmp_path):
    q, pwned = sigmoid_derivative(), tmp_path / "pwned"
    v = draw_variant(q, 0)
    start = time.monotonic()
    try:
        g = grade(q, v, template.format(pwned=pwned))
        assert not g.correct
    except InvalidAnswer:
        pass
    assert time.monotonic() - start < 4.0
    assert not pwned.exists()


@settings(max_examples=60)
@given(st.lists(st.sampled_from(["s", "2", "+", "-", "*", "/", "^", "(", ")", "exp(", "log(", " ", "1", "s("]),
                max_size=20).map("".join))
def test_grading_random_answers_only_raises_invalid_answer(text):
    q = sigmoid_derivative()
    start = time.monotonic()
    try:
        g = grade(q, draw_variant(q, 0), text)
        assert 0.0 <= g.score <= 1.0
    except InvalidAnswer:
        pass
    assert time.monotonic() - start < 4.0



def test_verdicts_and_reader_messages_in_chinese():
    q = sigmoid_derivative()
    v = draw_variant(q, 0)
    assert grade(q, v, "s - s^2", "zh").feedback[0].startswith("等价（")
    assert grade(q, v, "s^3", "zh").feedback[0].startswith("不等价：在 s = ")
    with pytest.raises(InvalidAnswer) as err:
        CHECKER.parse(q, v, "log(s, 2, 3)", "zh")
    assert err.value.text("zh") == "log() 需要 1 到 2 个参数，而不是 3 个"
