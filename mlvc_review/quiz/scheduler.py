"""FSRS scheduling: from a graded answer to a rating, and from a rating to the next card.

One FSRS card per question id (not per variant). Auto-graded answers map to
ratings: wrong -> Again, right after hints -> Hard, right -> Good, right with no
hint faster than `EASY_SECONDS[type]` -> Easy. Flashcards use the student's own
rating. A skip is never reviewed. `fsrs` is imported only when a card is touched.
The desired retention and FSRS weights come from the student's settings
(`mlvc_review.quiz.settings`); the defaults are FSRS's own.
"""

from __future__ import annotations

from datetime import datetime

from mlvc_review.quiz.store import CardRow

AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4
RATING_NAMES = {AGAIN: "again", HARD: "hard", GOOD: "good", EASY: "easy"}
RATINGS = {name: value for value, name in RATING_NAMES.items()}

# seconds under which a right first-try answer counts as easy, per question type
EASY_SECONDS: dict[str, float] = {
    "choice": 15.0,
    "multi": 20.0,
    "numeric": 30.0,
    "symbolic": 40.0,
    "matrix_expr": 40.0,
}
LEECH_LAPSES = 8


def rating_for(qtype: str, correct: bool, hints_used: int, seconds: float, self_rating: str | None = None) -> int:
    """The FSRS rating (1 again .. 4 easy) of one graded answer.

    Args:
        qtype: the question type; "flashcard" takes `self_rating` ("again".."easy").
        correct: whether the grade counts as right.
        hints_used: hints shown before answering.
        seconds: time from showing the question to the answer.
    """
    if qtype == "flashcard":
        if self_rating not in RATINGS:
            raise ValueError(f"a flashcard needs a rating (again/hard/good/easy), got {self_rating!r}")
        return RATINGS[self_rating]
    if not correct:
        return AGAIN
    if hints_used > 0:
        return HARD
    if seconds < EASY_SECONDS.get(qtype, 0.0):
        return EASY
    return GOOD


_SCHEDULERS: dict = {}


def _scheduler(retention: float = 0.9, parameters: tuple[float, ...] | None = None):  # -> fsrs.Scheduler
    key = (retention, parameters)
    if key not in _SCHEDULERS:
        from fsrs import Scheduler

        # no fuzzing: the same answers give the same schedule (reproducible sessions, stable tests)
        extra = {"parameters": parameters} if parameters else {}
        _SCHEDULERS[key] = Scheduler(desired_retention=retention, enable_fuzzing=False, **extra)
    return _SCHEDULERS[key]


def review(current: CardRow | None, question_id: str, chapter: int, rating: int, now: datetime,
           retention: float = 0.9, parameters: tuple[float, ...] | None = None) -> CardRow:
    """The card after reviewing `question_id` with `rating` at `now` (timezone-aware UTC).

    A lapse is an Again on a card that had graduated to the Review state. `retention` is
    the desired probability of recall when the card comes due; `parameters` FSRS's weights.
    """
    from fsrs import Card, Rating, State

    card = Card.from_json(current.card_json) if current else Card(due=now)
    lapsed = rating == AGAIN and card.state == State.Review
    card, _log = _scheduler(retention, parameters).review_card(card, Rating(rating), review_datetime=now)
    return CardRow(
        question_id=question_id,
        chapter=chapter,
        card_json=card.to_json(),
        due=card.due,
        lapses=(current.lapses if current else 0) + int(lapsed),
        reps=(current.reps if current else 0) + 1,
    )


def retrievability(card_json: str, when: datetime, parameters: tuple[float, ...] | None = None) -> float:
    """Predicted probability of recalling the card at `when` (0..1)."""
    from fsrs import Card

    return float(_scheduler(0.9, parameters).get_card_retrievability(Card.from_json(card_json), when))


def is_due(card: CardRow, now: datetime) -> bool:
    return card.due <= now


def is_leech(card: CardRow) -> bool:
    return card.lapses >= LEECH_LAPSES
