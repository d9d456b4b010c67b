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
    ("1e999", "finite"), ("1/0", "not a finite number"), ("__import__('os')", "not a number"),
    ("9**9**9", "not a finite number"), ("1" * 300, "too long"), ("2 < 3", "not a number"),
    ("1,5", "decimal point"),
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
    q = NumericQuestion(id="ch1-tight", chapter=1, type="numeric", topic="t", explanation="e",
                        prompt="p (give 9 significant digits)", answer="1/3", tolerance={"rel": 1e-9})
    v = draw_variant(q, 0)
    assert CHECKER.expected(q, v) == "0.333333333"
    assert grade(q, v, CHECKER.expected(q, v)).correct
    assert not grade(q, v, "0.333333").correct
    assert CHECKER.expected(ratio(), v) == "0.333333"


def question(answer="0.123456", tol=None, prompt="What is it?", unit=None, zh=None, **extra) -> NumericQuestion:
    return NumericQuestion(id="ch1-q", chapter=1, type="numeric", topic="t", explanation="e",
                           prompt={"en": prompt, "zh": zh or "是多少？"}, answer=answer,
                           tolerance=tol or {"abs": 1e-9}, unit=unit, **extra)


def right(q, raw, lang="en"):
    v = draw_variant(q, 0)
    return grade(q, v, raw, lang).correct


@pytest.mark.parametrize("raw,ok", [
    ("0.123", True), ("0.1235", True), ("0.12346", True), ("0.123456", True), ("1.23e-1", True), ("12.3%", True),
    ("0.12", False), ("0.1234", False), ("0.124", False), ("0.1", False),
])
def test_an_answer_correctly_rounded_to_three_or_more_figures_is_right(raw, ok):
    assert right(question(), raw) is ok


def test_a_whole_number_answer_is_exact_and_a_stated_precision_rules():
    assert right(question("86016"), "86016") and not right(question("86016"), "86000")
    assert not right(question("86016"), "8.60e4")
    two = question("172.2319", prompt="How far? (two decimals)", zh="多远？(保留两位小数)")
    assert right(two, "172.23") and right(two, "172.232") and not right(two, "172") and not right(two, "172.2")
    four = question("0.00312345", prompt="β? (Give 4 significant digits.)", zh="β？（给出 4 位有效数字。）")
    assert right(four, "0.003123") and not right(four, "0.00312")


def test_the_rule_is_computed_for_validate_and_catches_a_prompt_that_disagrees_with_itself():
    from mlvc_review.quiz.checkers.numeric import rounding_problems

    assert rounding_problems(question()) == []
    mixed = question(prompt="What? (three decimals)", zh="是多少？(保留两位小数)")
    assert rounding_problems(mixed) == ["the prompt states a different precision in each language: "
                                        "en: 3 decimals, zh: 2 decimals"]


@pytest.mark.parametrize("raw", [
    "−0.25", "-0.25", "－0.25", "-1/4", "−2.5e-1", "-25%", "x = −0.25", "w_{t+1} = -0.25", "-0.25.", "−0.250",
    "-2.5×10⁻¹", "-2.5 x 10^-1", "-2.5·10^(-1)", "－０．２５", "-(1/4)", "-0.25。", "Var(x_t) = -0.25",
])
def test_the_ways_students_write_a_number(raw):
    q = question("-0.25")
    assert CHECKER.parse(q, draw_variant(q, 0), raw).value == pytest.approx(-0.25), raw


@pytest.mark.parametrize("raw,value", [("86,016", 86016), ("86 016", 86016), ("1,234,567.5", 1234567.5),
                                       ("８６，０１６", 86016), ("007", 7), ("10⁶", 1e6), ("2^10", 1024)])
def test_thousands_separators_and_leading_zeros(raw, value):
    q = question("86016")
    assert CHECKER.parse(q, draw_variant(q, 0), raw).value == value


@pytest.mark.parametrize("raw,message,zh", [
    ("0,25", "decimal point as '.'", "小数点请写作"), ("5 s", "has no unit", "没有单位"),
    ("x + 1", "'x' is not a number", "不是数"), ("", "type a number", "请输入一个数"),
    ("1/0", "not a finite number", "不是有限的数"),
])
def test_messages_say_what_to_write_in_the_sessions_language(raw, message, zh):
    q = question()
    with pytest.raises(InvalidAnswer, match=message) as err:
        CHECKER.parse(q, draw_variant(q, 0), raw)
    assert zh in err.value.text("zh") and message not in err.value.text("zh")


def test_units_keep_their_case_where_it_carries_meaning():
    q = question("24.8832", unit={"en": "MB", "zh": "MB"}, tol={"rel": 0.01})
    v = draw_variant(q, 0)
    assert grade(q, v, "24.8832 MB").correct and grade(q, v, "24.9MB").correct and grade(q, v, "24.8832").correct
    for wrong_unit in ("Mb", "mb", "GB", "MiB"):
        with pytest.raises(InvalidAnswer, match=f"the unit here is 'MB', not '{wrong_unit}'"):
            CHECKER.parse(q, v, f"24.8832 {wrong_unit}")
    secs = question("8", unit={"en": "s", "zh": "秒"})
    assert right(secs, "8 s") and right(secs, "8 秒") and right(secs, "8s")
    with pytest.raises(InvalidAnswer, match="the unit here is 's', not 'ms'"):
        CHECKER.parse(secs, draw_variant(secs, 0), "8000 ms")
    with pytest.raises(InvalidAnswer) as err:
        CHECKER.parse(secs, draw_variant(secs, 0), "8 min", "zh")
    assert err.value.text("zh") == "这里的单位是 '秒'，不是 'min'"
    nats = question("2.5", unit={"en": "nats", "zh": "nats"})
    assert right(nats, "2.5 Nats") and right(nats, "2.5 nats")


def test_percent_is_a_fraction_only_where_the_answer_has_no_unit():
    assert right(question("0.25"), "25%") and right(question("0.25"), "25 %")
    pct = question("25", unit={"en": "%", "zh": "%"})
    assert right(pct, "25%") and right(pct, "25")


@pytest.mark.parametrize("seed", range(4))
def test_megabits_do_not_pass_as_megabytes_in_the_bits_and_bytes_question(seed):
    from mlvc_review.bank.loader import load_bank

    q = load_bank().get("vis.image-storage")
    v = draw_variant(q, seed)
    want = CHECKER.want(q, v)
    assert grade(q, v, f"{want} MB").correct and grade(q, v, f"{want:.3g}MB").correct
    for unit in ("Mb", "mb", "MiB", "Mbit"):
        with pytest.raises(InvalidAnswer, match=f"the unit here is 'MB', not '{unit}'"):
            CHECKER.parse(q, v, f"{want} {unit}")
    assert not grade(q, v, repr(want * 8)).correct  # megabits as a bare number are a wrong answer
