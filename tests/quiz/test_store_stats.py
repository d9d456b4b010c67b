"""Per-chapter statistics from the store: answers, accuracy, recall, due, leeches."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from mlvc_review.quiz.scheduler import AGAIN, EASY, GOOD, review
from mlvc_review.quiz.stats import chapter_stats
from mlvc_review.quiz.store import Attempt, open_store

T0 = datetime(2026, 1, 1, tzinfo=timezone.utc)


def answer(store, qid: str, chapter: int, rating: int, when: datetime, skipped: bool = False) -> None:
    correct = rating != AGAIN
    attempt = Attempt(qid, chapter, "choice", 1, "a", float(correct), correct, None if skipped else rating, 0, 3.0,
                      skipped=skipped)
    store.record(attempt, None if skipped else (lambda cur: review(cur, qid, chapter, rating, when)))


def test_stats_per_chapter():
    with open_store() as store:
        answer(store, "a", 1, GOOD, T0)
        answer(store, "b", 1, AGAIN, T0)
        answer(store, "c", 2, EASY, T0)
        answer(store, "d", 2, GOOD, T0, skipped=True)
        rows = chapter_stats(store, {1: "Optimization", 2: "MLP"}, {1: 4, 2: 2, 3: 5}, T0 + timedelta(hours=1))
    by = {r["chapter"]: r for r in rows}
    assert sorted(by) == [1, 2, 3]
    assert (by[1]["answered"], by[1]["correct"], by[1]["accuracy"], by[1]["seen"]) == (2, 1, 0.5, 2)
    assert by[1]["due"] == 2  # both learning cards are due within the hour
    assert (by[2]["answered"], by[2]["seen"], by[2]["due"]) == (1, 1, 0)  # the skip is not an answer
    assert by[3]["accuracy"] is None and by[3]["retrievability"] is None and by[3]["questions"] == 5
    assert 0 < by[1]["retrievability"] <= 1 and by[1]["title"] == "Optimization"


def test_leeches_after_eight_lapses():
    when = T0
    with open_store() as store:
        answer(store, "leech", 1, EASY, when)
        for _ in range(8):
            when += timedelta(days=30)
            answer(store, "leech", 1, AGAIN, when)  # forgotten: a lapse from Review
            when += timedelta(days=1)
            answer(store, "leech", 1, EASY, when)  # relearned, back to Review
        card = store.cards()["leech"]
        rows = chapter_stats(store, {}, {}, when)
    assert card.lapses == 8
    assert rows[0]["leeches"] == 1
