"""Choosing questions: due first, new next, seeds, exam spread, chapter ranges; command keys."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mlvc_review.errors import UsageError
from mlvc_review.quiz.keys import command_of, keys_line, reserved_answers
from mlvc_review.quiz.scheduler import GOOD, review
from mlvc_review.quiz.exam import parse_chapters, plan_exam
from mlvc_review.quiz.selection import plan_quiz, plan_review

NOW = datetime(2026, 6, 1, tzinfo=timezone.utc)


def q(qid: str, chapter: int = 1, qtype: str = "choice"):
    return SimpleNamespace(id=qid, chapter=chapter, type=qtype)


def card(qid: str, due: datetime):
    base = review(None, qid, 1, GOOD, due - timedelta(days=3))
    return type(base)(qid, 1, base.card_json, due, 0, 1)


QUESTIONS = [q(f"q{i}") for i in range(6)]


def test_due_first_most_overdue_first_then_new_in_bank_order():
    cards = {"q4": card("q4", NOW - timedelta(hours=1)), "q2": card("q2", NOW - timedelta(days=2)),
             "q0": card("q0", NOW + timedelta(days=1))}  # q0 seen, not due
    items = plan_quiz(QUESTIONS, cards, NOW, limit=10, seed=1)
    assert [i.question.id for i in items] == ["q2", "q4", "q1", "q3", "q5"]
    assert [i.question.id for i in plan_quiz(QUESTIONS, cards, NOW, limit=10, seed=1, only_due=True)] == ["q2", "q4"]
    assert [i.question.id for i in plan_quiz(QUESTIONS, cards, NOW, limit=2, seed=1, only_new=True)] == ["q1", "q3"]
    with pytest.raises(UsageError):
        plan_quiz(QUESTIONS, cards, NOW, limit=3, seed=1, only_new=True, only_due=True)


@settings(max_examples=25)
@given(st.integers(0, 2**31 - 1))
def test_a_seed_fixes_the_variant_seeds(seed):
    first = plan_quiz(QUESTIONS, {}, NOW, limit=6, seed=seed)
    again = plan_quiz(QUESTIONS, {}, NOW, limit=6, seed=seed)
    assert [(i.question.id, i.seed) for i in first] == [(i.question.id, i.seed) for i in again]
    other = plan_quiz(QUESTIONS, {}, NOW, limit=6, seed=seed + 1)
    assert [i.seed for i in first] != [i.seed for i in other]


def test_review_by_exam_date_orders_by_predicted_recall():
    weak = review(None, "weak", 1, 1, NOW - timedelta(days=1))  # Again: short stability
    strong = review(None, "strong", 1, 4, NOW - timedelta(days=1))  # Easy
    cards = {"weak": weak, "strong": strong}
    questions = [q("strong"), q("weak"), q("unseen")]
    items = plan_review(questions, cards, NOW, limit=5, seed=1, exam_date=NOW + timedelta(days=30))
    assert [i.question.id for i in items] == ["weak", "strong"]
    due_now = plan_review(questions, cards, NOW, limit=5, seed=1)
    assert [i.question.id for i in due_now] == ["weak"]  # strong is due later


def test_exam_spreads_over_chapters_and_leaves_out_code_and_flashcards():
    pool = [q(f"a{i}", 1) for i in range(5)] + [q(f"b{i}", 2) for i in range(5)] + [q("c0", 3)]
    pool += [q("code", 1, "code"), q("card", 2, "flashcard")]
    items, excluded = plan_exam(pool, count=5, seed=9)
    chapters = [i.question.chapter for i in items]
    assert excluded == 2 and len(items) == 5 and chapters.count(3) == 1
    assert abs(chapters.count(1) - chapters.count(2)) <= 1
    assert not {"code", "card"} & {i.question.id for i in items}
    everything, _ = plan_exam(pool, count=50, seed=9)
    assert len(everything) == 11


@pytest.mark.parametrize(("text", "expected"), [("1-9", list(range(1, 10))), ("1,3,5", [1, 3, 5]),
                                                 ("2-3, 6", [2, 3, 6]), ("6", [6])])
def test_chapter_ranges(text, expected):
    assert parse_chapters(text, list(range(1, 10))) == expected


@pytest.mark.parametrize("text", ["", "x", "3-1", "0-2", "10", "1-", "1,,99"])
def test_bad_chapter_ranges(text):
    with pytest.raises(UsageError):
        parse_chapters(text, list(range(1, 10)))


def test_commands_and_answers_are_told_apart():
    eight = SimpleNamespace(type="choice", options=list(range(8)))
    two = SimpleNamespace(type="choice", options=list(range(2)))
    sym = SimpleNamespace(type="symbolic", variables={"s": None, "h": None}, functions=[])
    assert command_of("h", reserved_answers(two)) == "hint"
    assert command_of("h", reserved_answers(eight)) is None  # option h
    assert command_of(":h", reserved_answers(eight)) == "hint"
    assert command_of(" :Q ", reserved_answers(eight)) == "quit"
    assert command_of("s", reserved_answers(sym)) is None and command_of(":s", reserved_answers(sym)) == "skip"
    assert command_of("q", reserved_answers(sym)) == "quit" and command_of("?", set()) == "help"
    assert command_of("s*(1-s)", set()) is None and command_of("hint", set()) is None
    assert keys_line(reserved_answers(sym)).startswith(":h hint  :s skip  u undo  ! suspend  q quit")
