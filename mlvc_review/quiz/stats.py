"""Progress per chapter (answers, accuracy, mean predicted recall, cards due, leeches) and the forecast.

Chapters come from the stored rows themselves, so progress on questions that
have since left the bank still counts.
"""

from __future__ import annotations

from datetime import datetime

from mlvc_review.quiz.scheduler import is_due, is_leech, retrievability
from mlvc_review.quiz.store import CardRow, ProgressStore


def chapter_stats(store: ProgressStore, titles: dict[int, str], questions: dict[int, int], now: datetime) -> list[dict]:
    """One row per chapter that has questions or progress.

    Args:
        titles: chapter number -> title (in the session's language).
        questions: chapter number -> number of questions in the bank.
        now: timezone-aware time at which "due" and recall are evaluated.

    Returns:
        dicts with chapter, title, questions, seen, answered, correct, accuracy (None when
        nothing was answered), retrievability (mean over seen cards, None when none), due, leeches.
    """
    rows: dict[int, dict] = {}

    def row(chapter: int) -> dict:
        return rows.setdefault(chapter, {
            "chapter": chapter, "title": titles.get(chapter, ""), "questions": questions.get(chapter, 0),
            "seen": 0, "answered": 0, "correct": 0, "accuracy": None, "retrievability": None, "due": 0,
            "leeches": 0, "_recall": [],
        })

    for chapter, count in questions.items():
        if count:
            row(chapter)
    for attempt in store.attempts():
        if not attempt["skipped"]:
            r = row(attempt["chapter"])
            r["answered"] += 1
            r["correct"] += attempt["correct"]
    for card in store.cards().values():
        r = row(card.chapter)
        r["seen"] += 1
        r["due"] += is_due(card, now)
        r["leeches"] += is_leech(card)
        r["_recall"].append(retrievability(card.card_json, now))
    out = []
    for chapter in sorted(rows):
        r = rows[chapter]
        recall = r.pop("_recall")
        r["accuracy"] = r["correct"] / r["answered"] if r["answered"] else None
        r["retrievability"] = sum(recall) / len(recall) if recall else None
        out.append(r)
    return out


def forecast(cards: dict[str, CardRow], now: datetime, days: int = 21) -> list[dict]:
    """Reviews due per day for the next `days` days, in local dates; overdue cards count for today.

    Returns:
        dicts with date (ISO, local), weekday (0 Monday .. 6 Sunday) and due (count).
    """
    from datetime import timedelta

    today = now.astimezone().date()
    counts = [0] * days
    for card in cards.values():
        offset = (card.due.astimezone().date() - today).days
        if offset < days:
            counts[max(0, offset)] += 1
    return [{"date": (today + timedelta(days=i)).isoformat(), "weekday": (today + timedelta(days=i)).weekday(),
             "due": n} for i, n in enumerate(counts)]
