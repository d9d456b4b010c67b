"""FSRS mapping and card updates."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mlvc_review.quiz import scheduler
from mlvc_review.quiz.scheduler import AGAIN, EASY, GOOD, HARD, rating_for

T0 = datetime(2026, 1, 1, 12, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    ("correct", "hints", "seconds", "expected"),
    [
        (False, 0, 1.0, AGAIN),
        (False, 3, 100.0, AGAIN),
        (True, 1, 1.0, HARD),
        (True, 0, 60.0, GOOD),
        (True, 0, 5.0, EASY),
        (True, 0, 15.0, GOOD),  # the threshold itself is not "quick"
    ],
)
def test_auto_graded_mapping(correct, hints, seconds, expected):
    assert rating_for("choice", correct, hints, seconds) == expected


def test_easy_threshold_depends_on_type():
    assert rating_for("symbolic", True, 0, 30.0) == EASY
    assert rating_for("choice", True, 0, 30.0) == GOOD
    # code answers are never "quick"
    assert rating_for("code", True, 0, 1.0) == GOOD


@pytest.mark.parametrize(("name", "value"), [("again", AGAIN), ("hard", HARD), ("good", GOOD), ("easy", EASY)])
def test_flashcards_use_the_students_rating(name, value):
    assert rating_for("flashcard", False, 2, 1.0, self_rating=name) == value


def test_flashcard_without_rating_is_an_error():
    with pytest.raises(ValueError):
        rating_for("flashcard", True, 0, 1.0)


@settings(max_examples=30)
@given(st.sampled_from(list(scheduler.EASY_SECONDS)), st.integers(0, 5), st.floats(0, 1e4))
def test_wrong_is_always_again_and_right_never_again(qtype, hints, seconds):
    assert rating_for(qtype, False, hints, seconds) == AGAIN
    assert rating_for(qtype, True, hints, seconds) in (HARD, GOOD, EASY)


def test_review_moves_due_date_and_counts_reps():
    card = scheduler.review(None, "q1", 1, GOOD, T0)
    assert card.reps == 1 and card.lapses == 0
    assert card.due > T0
    again = scheduler.review(card, "q1", 1, AGAIN, T0 + timedelta(minutes=20))
    assert again.reps == 2
    assert again.due < card.due + timedelta(minutes=20)


def test_easy_is_scheduled_later_than_hard():
    easy = scheduler.review(None, "q", 1, EASY, T0)
    hard = scheduler.review(None, "q", 1, HARD, T0)
    assert easy.due > hard.due


def test_lapses_count_forgetting_a_graduated_card():
    card = scheduler.review(None, "q", 1, EASY, T0)  # graduates to Review at once
    lapsed = scheduler.review(card, "q", 1, AGAIN, card.due)
    assert lapsed.lapses == 1
    # an Again while still learning is not a lapse
    learning = scheduler.review(None, "r", 1, AGAIN, T0)
    assert learning.lapses == 0


def test_retrievability_falls_with_time():
    card = scheduler.review(None, "q", 1, GOOD, T0)
    soon = scheduler.retrievability(card.card_json, T0 + timedelta(days=1))
    later = scheduler.retrievability(card.card_json, T0 + timedelta(days=60))
    assert 0.0 < later < soon <= 1.0
