"""Flashcard self-ratings and the code-question stub of the registry."""

from __future__ import annotations

import pytest

from mlvc_review.bank.params import draw_variant
from mlvc_review.bank.schema import CodeQuestion, FlashcardQuestion
from mlvc_review.quiz.checkers import get_checker
from mlvc_review.quiz.checkers.base import InvalidAnswer

CARD = FlashcardQuestion(id="ch2-backprop-card", chapter=2, type="flashcard", topic="backprop",
                         prompt={"en": "What is backprop?", "zh": "什么是反向传播？"}, explanation="chain rule",
                         answer={"en": "the chain rule, applied backwards", "zh": "反向应用链式法则"})
CODE = CodeQuestion(id="ch1-softmax-code", chapter=1, type="code", topic="softmax", prompt="Write softmax",
                    explanation="subtract the max", function="softmax", reference="mlvc_reference.linear:softmax")


@pytest.mark.parametrize("raw,rating,score", [
    ("1", "again", 0.0), ("again", "again", 0.0), ("A", "again", 0.0), ("2", "hard", 0.5), ("h", "hard", 0.5),
    ("3", "good", 1.0), (" Good ", "good", 1.0), ("g", "good", 1.0), ("4", "easy", 1.0), ("e", "easy", 1.0),
    ("困难", "hard", 0.5),
])
def test_ratings(raw, rating, score):
    checker, v = get_checker("flashcard"), draw_variant(CARD, 0)
    parsed = checker.parse(CARD, v, raw)
    assert parsed.value == rating
    grade = checker.grade(CARD, v, parsed)
    assert grade.score == score and grade.correct == (score == 1.0)
    assert grade.expected == "the chain rule, applied backwards"
    assert checker.grade(CARD, v, parsed, "zh").expected == "反向应用链式法则"


@pytest.mark.parametrize("raw", ["", "5", "0", "ok", "great"])
def test_bad_rating_is_invalid(raw):
    with pytest.raises(InvalidAnswer, match="1 again"):
        get_checker("flashcard").parse(CARD, draw_variant(CARD, 0), raw)


def test_code_questions_are_not_typed():
    checker, v = get_checker("code"), draw_variant(CODE, 0)
    with pytest.raises(InvalidAnswer, match="graded from a file"):
        checker.parse(CODE, v, "def softmax(z): ...")
    assert "softmax" in checker.expected(CODE, v) and "softmax" in checker.expected(CODE, v, "zh")
    assert checker.accepted_inputs(CODE, v) == []
