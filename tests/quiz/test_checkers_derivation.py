"""The derivation checker: each step graded by its kind's checker, partial credit per step, self-checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlvc_review.bank import model
from mlvc_review.bank.loader import load_bank
from mlvc_review.bank.params import draw_variant
from mlvc_review.quiz.checkers import get_checker, selfcheck
from mlvc_review.quiz.checkers.base import InvalidAnswer
from mlvc_review.quiz.checkers.derivation import StepChecker, step_question

FIXTURE = Path(__file__).parents[1] / "fixtures" / "derivation_bank"
BANK = load_bank([FIXTURE], include_shipped=False)
checker = get_checker("derivation")


def _grade(qid: str, raw: str, seed: int = 0, lang: str = "en"):
    q = BANK.get(qid)
    v = draw_variant(q, seed)
    return checker.grade(q, v, checker.parse(q, v, raw, lang), lang)


def test_a_step_is_a_question_of_its_kind_with_the_derivations_parameters():
    q = BANK.get("d-ls")
    views = [step_question(q, i) for i in range(3)]
    assert [type(v) for v in views] == [model.MatrixQuestion, model.MatrixQuestion, model.NumericQuestion]
    assert all(v.id == q.id and v.params == q.params for v in views)
    assert views[2].answer == 2 and views[2].tolerance.abs == 0.5
    assert views[1].explanation == q.steps[1].explanation
    assert step_question(q, 2).explanation == q.explanation  # a step without working falls back


def test_every_step_right_scores_one():
    grade = _grade("d-ls", "2 X^T (X w - y)\ninv(X^T X) X^T y\n2")
    assert grade.correct and grade.score == 1
    assert grade.expected == "1) 2 X^T (X w - y); 2) inv(X^T X) X^T y; 3) 2"


def test_partial_credit_is_the_mean_of_the_steps_and_names_each():
    grade = _grade("d-sig", "-1/p\np*(1+p)\np - 1")
    assert grade.score == pytest.approx(2 / 3) and not grade.correct
    assert grade.feedback[0] == "step 1: right" and grade.feedback[2] == "step 3: right"
    assert grade.feedback[1].startswith("step 2: 0%")


def test_a_listed_wrong_step_shows_its_why_and_a_given_up_step_scores_zero():
    grade = _grade("d-sig", "1/p\n\np - 1")
    assert grade.score == pytest.approx(1 / 3)
    assert "The minus sign of -log p stays." in grade.feedback[0]
    assert grade.feedback[1] == "step 2: given up"


def test_the_numeric_step_reads_the_variant():
    q = BANK.get("d-ls")
    for seed in range(4):
        v = draw_variant(q, seed)
        step = StepChecker(q, 2)
        wrong = step.grade(q, v, step.parse(q, v, str(v.params["n"])))
        assert not wrong.correct and wrong.feedback == ["Unknowns are weights, not samples."]


@pytest.mark.parametrize("raw, words", [("-1/p\np*(1-p)", "3 lines, got 2"), ("-1/p\nq + 1\np - 1", "step 2:")])
def test_malformed_answers_are_not_attempts(raw, words):
    q = BANK.get("d-sig")
    v = draw_variant(q, 0)
    with pytest.raises(InvalidAnswer) as info:
        checker.parse(q, v, raw)
    assert words in info.value.message


def test_messages_in_chinese():
    q = BANK.get("d-sig")
    v = draw_variant(q, 0)
    with pytest.raises(InvalidAnswer) as info:
        checker.parse(q, v, "-1/p", "zh")
    assert "每一步写一行" in info.value.text("zh")
    assert _grade("d-sig", "-1/p\n\np-1", lang="zh").feedback[1] == "第 2 步：放弃"


def test_selfcheck_passes_the_fixture():
    for q in BANK.questions:
        assert selfcheck(q) == [], q.id


def _broken(**step_changes) -> model.DerivationQuestion:
    q = BANK.get("d-sig")
    dump = model.as_dict(q)
    dump["steps"][2].update(step_changes)
    return model.question_from_dump(dump)


def test_selfcheck_finds_an_unreadable_reference_in_a_step():
    problems = selfcheck(_broken(answer="1 - q"))
    assert problems and all(p.startswith("step 3: ") for p in problems)
    assert any("its own answer" in p or "unknown name" in p for p in problems), problems


def test_selfcheck_finds_an_accepted_wrong_answer_in_a_step():
    why = {"en": "same thing", "zh": "一样"}
    problems = selfcheck(_broken(wrong_answers=[{"answer": "-(1 - p)", "why": why}]))
    assert any(p.startswith("step 3: ") and "accepted as right" in p for p in problems)


def test_selfcheck_finds_a_numeric_steps_rounding_and_formula_problems():
    q = BANK.get("d-ls")
    dump = model.as_dict(q)
    dump["steps"][2].update(answer="n / 3", tolerance={"abs": 1e-9, "rel": 0.0})
    dump["steps"][2]["wrong_answers"] = []
    dump["steps"][2]["prompt"] = {"en": "How many? Give 5 decimal places.", "zh": "多少?保留 2 位小数。"}
    problems = selfcheck(model.question_from_dump(dump))
    assert any(p.startswith("step 3: rounding:") for p in problems), problems
    dump["steps"][2].update(answer="n / m", prompt={"en": "How many?", "zh": "多少?"})
    problems = selfcheck(model.question_from_dump(dump))
    assert problems and all(p.startswith("step 3: ") for p in problems)
