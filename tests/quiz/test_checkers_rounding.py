"""The rounding rule: a correctly rounded answer is right, and `bank validate` proves it for every question."""

from __future__ import annotations

import math

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from mlvc_review.bank.loader import load_bank
from mlvc_review.quiz.checkers.numeric import rounding_problems
from mlvc_review.quiz.checkers.rounding import (
    DEFAULT, Precision, decimals, figures, precision_of, rounded_forms, rounded_right, stated_precision,
)

NUMERIC = [q for q in load_bank().questions if q.type == "numeric"]


@pytest.mark.parametrize("question", NUMERIC, ids=lambda q: q.id)
def test_every_shipped_numeric_question_keeps_the_rounding_rule(question):
    assert rounding_problems(question) == []


@pytest.mark.parametrize("text,precision", [
    ("(two decimals)", Precision("decimals", 2, True)), ("(保留三位小数)", Precision("decimals", 3, True)),
    ("(give at least four significant digits)", Precision("figures", 4, True)),
    ("（给出 4 位有效数字。）", Precision("figures", 4, True)), ("to 2 d.p.", Precision("decimals", 2, True)),
    ("3 s.f.", Precision("figures", 3, True)), ("(至少四位有效数字)", Precision("figures", 4, True)),
    ("How many decimals does it have?", None), ("What is w_{t+1}?", None),
])
def test_stated_precisions_are_read_in_both_languages(text, precision):
    assert stated_precision(text) == precision


def test_a_prompt_without_a_stated_precision_gets_three_figures():
    assert precision_of(["What is it?", "是多少？"]) == DEFAULT == Precision("figures", 3, False)


@given(st.floats(1e-6, 1e9) | st.floats(-1e9, -1e-6), st.integers(3, 8))
def test_the_answer_rounded_to_k_figures_is_right(want, k):
    assume(not want.is_integer())  # a whole-number answer is exact
    text = f"{want:.{k - 1}e}"
    assert rounded_right(float(text), want, Precision("figures", 3, True))
    assert rounded_right(float(f"{want:.{k}e}"), want, DEFAULT)


@given(st.floats(1e-3, 1e6))
def test_three_figures_off_by_two_units_in_the_last_figure_are_wrong(want):
    step = 10.0 ** (math.floor(math.log10(want)) - 2)
    assert not rounded_right(float(f"{want:.2e}") + 2 * step, want, DEFAULT)
    assert not rounded_right(float(f"{want:.2e}") - 2 * step, want, DEFAULT)


def test_figures_and_decimals_ignore_float_noise():
    assert figures(0.12300000000000001) == 3 and figures(0.25) == 2 and figures(1 / 3) >= 15
    assert decimals(0.30000000000000004) == 1 and decimals(3.0) == 0


def test_rounded_forms_are_what_a_student_writes():
    assert [t for t, _ in rounded_forms(0.0123456, DEFAULT)] == ["0.0123", "0.01235", "0.012346", "0.0123456"]
    assert [t for t, _ in rounded_forms(86016.0, DEFAULT)] == ["86016"]
    assert [t for t, _ in rounded_forms(2.5, Precision("decimals", 3, True))] == ["2.500", "2.5000", "2.50000"]


def test_validate_reports_a_mistake_that_rounding_would_let_through_once_for_all_seeds():
    from mlvc_review.bank.schema import NumericQuestion

    def momentum(en: str, zh: str) -> NumericQuestion:
        return NumericQuestion(id="ch1-momentum", chapter=1, type="numeric", topic="t", explanation="e",
                               prompt={"en": en, "zh": zh}, params={"w": {"values": [1]}},
                               answer="w + 0.025", tolerance={"abs": 0.001},
                               wrong_answers=[{"answer": "w + 0.02", "why": "plain SGD"}])

    assert rounding_problems(momentum("w_{t+1}?", "w_{t+1}？"), range(3)) == [
        "seeds 0, 1, 2: the listed mistake 'w + 0.02' = 1.02 rounded to 3 significant figures (1.02) is accepted "
        "as right: state a finer precision in the prompt"]
    assert rounding_problems(momentum("w_{t+1}? (three decimals)", "w_{t+1}？(保留三位小数)"), range(3)) == []
