"""Numeric checker: numbers and arithmetic of numbers, units, tolerance, known wrong values."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mlvc_review.bank.formula import evaluate
from mlvc_review.bank.params import draw_variant
from mlvc_review.bank.schema import NumericQuestion
from mlvc_review.quiz.checkers import get_checker
from mlvc_review.quiz.checkers.base import InvalidAnswer

CHECKER = get_checker("numeric")


def conv_size(**extra) -> NumericQuestion:
    return NumericQuestion(
        id="ch3-conv-size", chapter=3, type="numeric", topic="convolution",
        prompt={"en": "Output size for I={{I}}, K={{K}}?", "zh": "I={{I}}, K={{K}} 时输出大小？"},
        explanation="I - K + 1", params={"I": {"low": 8, "high": 32}, "K": {"values": [3, 5]}},
        answer="I - K + 1", tolerance={"abs": 0.5}, unit={"en": "px", "zh": "像素"},
        wrong_answers=[{"answer": "I - K", "why": {"en": "off by one: the +1", "zh": "差一：漏了 +1"}},
                       {"answer": "I", "why": "that is 'same' padding"}],
        **extra,
    )


def ratio() -> NumericQuestion:
    return NumericQuestion(id="ch1-ratio", chapter=1, type="numeric", topic="t", prompt="p", explanation="e",
                           answer="1/3", tolerance={"rel": 0.01})


def grade(q, v, raw, lang="en"):
    return CHECKER.grade(q, v, CHECKER.parse(q, v, raw, lang), lang)


@pytest.mark.parametrize("seed", range(3))
def test_right_value_with_and_without_unit(seed):
    q = conv_size()
    v = draw_variant(q, seed)
    want = v.params["I"] - v.params["K"] + 1
    for raw in (str(want), f"{want} px", f"{want}px", f"{want} 像素", f"{want}.2", f"{want - 1} + 1"):
        g = grade(q, v, raw)
        assert g.correct and g.score == 1.0, raw
    assert grade(q, v, str(want)).expected == f"{want} px"
    assert grade(q, v, str(want), "zh").expected == f"{want} 像素"


def test_known_wrong_value_explains_itself_in_both_languages():
    q = conv_size()
    v = draw_variant(q, 0)
    off = v.params["I"] - v.params["K"]
    g = grade(q, v, str(off))
    assert not g.correct and g.feedback == ["off by one: the +1"]
    assert grade(q, v, str(off), "zh").feedback == ["差一：漏了 +1"]
    assert grade(q, v, str(v.params["I"])).feedback == ["that is 'same' padding"]
    assert grade(q, v, "1000").feedback == []


def test_tolerance_is_abs_plus_rel():
    q, v = ratio(), draw_variant(ratio(), 0)
    assert grade(q, v, "0.333").correct
    assert grade(q, v, "0.3366").correct  # within 1% of 1/3
    assert not grade(q, v, "0.3").correct
    note = grade(q, v, "0.334").feedback
    assert note and "tolerance" in note[0]
    assert grade(q, v, "1/3").feedback == []  # exact: no tolerance note


@pytest.mark.parametrize("raw,value", [("12", 12), ("-3.5", -3.5), ("1e-4", 1e-4), ("1/3", 1 / 3),
                                       ("2^10", 1024), ("sqrt(2)", math.sqrt(2)), ("2*pi", 2 * math.pi),
                                       ("(1 + 2) * 3", 9)])
def test_number_forms(raw, value):
    q = ratio()
    assert CHECKER.parse(q, draw_variant(q, 0), raw).value == pytest.approx(value)


@pytest.mark.parametrize("raw,message", [
    ("", "type a number"), ("abc", "not a number"), ("12 cm", "no unit"), ("x + 1", "not a number"),
    ("1e999", "finite"), ("1/0", "not a number"), ("__import__('os')", "not a number"),
    ("9**9**9", "not a number"), ("1" * 300, "too long"), ("2 < 3", "not a number"), ("1,5", "not a number"),
])
def test_malformed_numbers_are_invalid(raw, message):
    q = ratio()
    with pytest.raises(InvalidAnswer, match=message):
        CHECKER.parse(q, draw_variant(q, 0), raw)


def test_wrong_unit_names_the_right_one():
    q = conv_size()
    with pytest.raises(InvalidAnswer, match="unit here is 'px', not 'cm'"):
        CHECKER.parse(q, draw_variant(q, 0), "12 cm")
    with pytest.raises(InvalidAnswer, match="像素"):
        CHECKER.parse(q, draw_variant(q, 0), "12 cm", "zh")


@given(st.floats(-1e6, 1e6, allow_nan=False))
def test_any_typed_float_reads_back(x):
    q = ratio()
    assert CHECKER.parse(q, draw_variant(q, 0), repr(x)).value == x


def test_expected_and_accepted_inputs_follow_the_variant():
    q = conv_size()
    for seed in range(5):
        v = draw_variant(q, seed)
        want = evaluate(q.answer, v.params)
        assert CHECKER.expected(q, v).split()[0] == str(want)
        assert all(grade(q, v, raw).correct for raw in CHECKER.accepted_inputs(q, v))


def test_expected_shows_enough_digits_for_a_tight_tolerance():
    q = NumericQuestion(id="ch1-tight", chapter=1, type="numeric", topic="t", prompt="p", explanation="e",
                        answer="1/3", tolerance={"rel": 1e-9})
    v = draw_variant(q, 0)
    assert CHECKER.expected(q, v) == "0.333333333"
    assert grade(q, v, CHECKER.expected(q, v)).correct
    assert not grade(q, v, "0.333333").correct
    assert CHECKER.expected(ratio(), v) == "0.333333"
