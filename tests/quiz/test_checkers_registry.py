"""The checker registry and `selfcheck`, which `bank validate` runs on every question."""

from __future__ import annotations

import pytest

from mlvc_review.bank.params import draw_variant
from mlvc_review.bank.schema import QUESTION_TYPES, ChoiceQuestion, MultiQuestion, NumericQuestion, SymbolicQuestion
from mlvc_review.quiz.checkers import CHECKERS, get_checker, selfcheck


def test_every_question_type_has_a_checker():
    assert set(CHECKERS) == set(QUESTION_TYPES)
    for checker in CHECKERS.values():
        for method in ("parse", "grade", "expected", "accepted_inputs"):
            assert callable(getattr(checker, method))


def test_unknown_type_names_the_known_ones():
    with pytest.raises(KeyError, match="known: choice, multi"):
        get_checker("essay")


def symbolic(**changes) -> SymbolicQuestion:
    fields = dict(id="ch2-sig", chapter=2, type="symbolic", topic="t", prompt="p", explanation="e",
                  variables={"s": {}}, answer="s*(1-s)", wrong_answers=[{"answer": "s*(1+s)", "why": "sign"}])
    return SymbolicQuestion(**{**fields, **changes})


def test_a_sound_question_has_no_problems():
    assert selfcheck(symbolic()) == []


def test_a_wrong_answer_that_is_right_is_reported_once():
    problems = selfcheck(symbolic(wrong_answers=[{"answer": "s - s^2", "why": "x"}]), seeds=range(3))
    assert problems == ["seed 0: wrong answer 's - s^2' is accepted as right"]


def test_unreadable_answers_are_reported():
    problems = selfcheck(symbolic(answer="s*(1-q)"), seeds=[0])
    assert problems and "its own answer 's*(1-q)' is not accepted" in problems[0]
    assert "unknown variable 'q'" in problems[0]
    problems = selfcheck(symbolic(wrong_answers=[{"answer": "s +", "why": "x"}]), seeds=[0])
    assert problems and "wrong answer 's +' cannot be read" in problems[0]


def test_a_numeric_wrong_answer_equal_to_the_answer_is_reported():
    q = NumericQuestion(id="ch3-same", chapter=3, type="numeric", topic="t", prompt="p {{I}}", explanation="e",
                        params={"I": {"low": 5, "high": 9}}, answer="I - 2", tolerance={"abs": 0.5},
                        wrong_answers=[{"answer": "I - 2.2", "why": "rounded"}, {"answer": "I", "why": "no kernel"}])
    I = draw_variant(q, 0).params["I"]
    assert selfcheck(q, seeds=[0]) == [f"seed 0: wrong answer {repr(I - 2.2)!r} is accepted as right"]


def test_choice_answers_must_name_options():
    q = ChoiceQuestion(id="ch1-bad", chapter=1, type="choice", topic="t", prompt="p", explanation="e",
                       options=[{"id": "a1", "text": "A"}, {"id": "b1", "text": "B"}], answer="c1")
    assert selfcheck(q) == ["answer 'c1' is not one of the option ids a1, b1"]
    m = MultiQuestion(id="ch1-bad-multi", chapter=1, type="multi", topic="t", prompt="p", explanation="e",
                      options=[{"id": "a1", "text": "A"}, {"id": "a1", "text": "B"}], answer=["a1"])
    assert selfcheck(m) == ["two options have the same id"]


def test_importing_the_registry_loads_no_numerics():
    from import_probe import imported_after

    code = "import mlvc_review.quiz.checkers as c\nc.get_checker('choice')"
    assert imported_after(code, ("numpy", "sympy", "torch"))[0] == []
