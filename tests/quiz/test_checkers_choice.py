"""Choice and multi checkers: letters in the shuffled order, feedback from `why`, partial credit."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mlvc_review.bank.params import draw_variant
from mlvc_review.bank.schema import ChoiceQuestion, MultiQuestion
from mlvc_review.quiz.checkers import get_checker, options_for
from mlvc_review.quiz.checkers.base import InvalidAnswer

OPTIONS = [
    {"id": "sgd", "text": {"en": "SGD", "zh": "随机梯度下降"}, "why": {"en": "no curvature", "zh": "没有曲率"}},
    {"id": "newton", "text": {"en": "Newton", "zh": "牛顿法"}},
    {"id": "momentum", "text": "Momentum", "why": {"en": "still first order", "zh": "仍是一阶"}},
    {"id": "adam", "text": "Adam", "why": "diagonal scaling only"},
]


def choice(shuffle: bool = True) -> ChoiceQuestion:
    return ChoiceQuestion(id="ch1-second-order", chapter=1, type="choice", topic="optimization",
                          prompt={"en": "Which uses the Hessian?", "zh": "哪个用到 Hessian？"},
                          explanation="Newton", options=OPTIONS, answer="newton", shuffle=shuffle)


def multi() -> MultiQuestion:
    return MultiQuestion(id="ch1-first-order", chapter=1, type="multi", topic="optimization",
                         prompt="Which are first-order methods?", explanation="gradients only",
                         options=OPTIONS, answer=["sgd", "momentum", "adam"])


def letter_of(question, variant, option_id: str) -> str:
    ids = [o.id for o in options_for(question, variant)]
    return "abcd"[ids.index(option_id)]


def test_options_are_shuffled_stably_per_seed_and_vary_between_seeds():
    q = choice()
    orders = {tuple(o.id for o in options_for(q, draw_variant(q, seed))) for seed in range(20)}
    assert len(orders) > 1
    for seed in range(5):
        v = draw_variant(q, seed)
        assert [o.id for o in options_for(q, v)] == [o.id for o in options_for(q, draw_variant(q, seed))]
        assert sorted(o.id for o in options_for(q, v)) == sorted(o["id"] for o in OPTIONS)


def test_no_shuffle_keeps_the_written_order():
    q = choice(shuffle=False)
    assert [o.id for o in options_for(q, draw_variant(q, 3))] == ["sgd", "newton", "momentum", "adam"]


@pytest.mark.parametrize("seed", range(4))
def test_right_letter_in_any_spelling_scores_one(seed):
    q, checker = choice(), get_checker("choice")
    v = draw_variant(q, seed)
    letter = letter_of(q, v, "newton")
    for raw in (letter, letter.upper(), f"  {letter})", f"{letter}.", f"({letter})"):
        grade = checker.grade(q, v, checker.parse(q, v, raw))
        assert grade.correct and grade.score == 1.0
        assert grade.expected == f"{letter}) Newton"


def test_wrong_letter_shows_its_why_in_both_languages():
    q, checker = choice(), get_checker("choice")
    v = draw_variant(q, 1)
    letter = letter_of(q, v, "sgd")
    grade = checker.grade(q, v, checker.parse(q, v, letter))
    assert not grade.correct and grade.score == 0.0 and grade.feedback == ["no curvature"]
    grade_zh = checker.grade(q, v, checker.parse(q, v, letter, "zh"), "zh")
    assert grade_zh.feedback == ["没有曲率"] and grade_zh.expected.endswith("牛顿法")


@pytest.mark.parametrize("raw", ["", "e", "ab", "1", "newton", "a b", "z)"])
def test_malformed_choice_is_invalid(raw):
    q, checker = choice(), get_checker("choice")
    with pytest.raises(InvalidAnswer, match="one letter a-d"):
        checker.parse(q, draw_variant(q, 0), raw)


def test_invalid_message_in_chinese():
    q = choice()
    with pytest.raises(InvalidAnswer, match="字母"):
        get_checker("choice").parse(q, draw_variant(q, 0), "x", "zh")


def test_multi_exact_set_in_several_spellings():
    q, checker = multi(), get_checker("multi")
    v = draw_variant(q, 2)
    letters = sorted(letter_of(q, v, i) for i in ("sgd", "momentum", "adam"))
    repeated = ", ".join(reversed(letters)) + " " + letters[0]
    for raw in (" ".join(letters), ",".join(letters), "".join(letters), repeated):
        grade = checker.grade(q, v, checker.parse(q, v, raw))
        assert grade.correct and grade.score == 1.0 and grade.feedback == []


def test_multi_partial_credit_and_feedback():
    q, checker = multi(), get_checker("multi")
    v = draw_variant(q, 0)
    sgd, newton, adam = (letter_of(q, v, i) for i in ("sgd", "newton", "adam"))
    # two right, none wrong: 2/3
    grade = checker.grade(q, v, checker.parse(q, v, f"{sgd} {adam}"))
    assert grade.score == pytest.approx(2 / 3) and not grade.correct
    missed = [line for line in grade.feedback if line.startswith("missed")]
    assert len(missed) == 1 and "Momentum" in missed[0] and "still first order" in missed[0]
    # two right, one wrong: (2 - 1)/3
    grade = checker.grade(q, v, checker.parse(q, v, f"{sgd}{adam}{newton}"))
    assert grade.score == pytest.approx(1 / 3)
    assert any("Newton" in line and "not right" in line for line in grade.feedback)
    # one wrong only: clipped at 0
    assert checker.grade(q, v, checker.parse(q, v, newton)).score == 0.0


@given(st.sets(st.sampled_from("abcd")))
def test_multi_score_formula(picked):
    q, checker = multi(), get_checker("multi")
    v = draw_variant(q, 5)
    right = {letter_of(q, v, i) for i in q.answer}
    if not picked:
        with pytest.raises(InvalidAnswer):
            checker.parse(q, v, "")
        return
    grade = checker.grade(q, v, checker.parse(q, v, " ".join(sorted(picked))))
    assert grade.score == pytest.approx(max(0.0, (len(picked & right) - len(picked - right)) / len(right)))
    assert grade.correct == (picked == right)


@pytest.mark.parametrize("raw", ["", "a e", "a,x", "1 2", "abz"])
def test_multi_malformed_is_invalid(raw):
    q, checker = multi(), get_checker("multi")
    with pytest.raises(InvalidAnswer):
        checker.parse(q, draw_variant(q, 0), raw)


def test_multi_expected_lists_all_right_options_in_chinese():
    q, checker = multi(), get_checker("multi")
    v = draw_variant(q, 0)
    expected = checker.expected(q, v, "zh")
    assert "随机梯度下降" in expected and "Momentum" in expected and "Newton" not in expected
