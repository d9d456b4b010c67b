"""Which questions a session asks, in what order, with which variant seeds.

A session seed fixes everything: the order among equals and each question's
variant seed, so `--seed S` replays a session exactly.
"""

from __future__ import annotations

import random
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from mlvc_review.bank.model import QuestionBase
from mlvc_review.errors import UsageError
from mlvc_review.quiz.store import CardRow


@dataclass(frozen=True)
class Item:
    """One question to ask and the seed of its variant."""

    question: QuestionBase
    seed: int


def session_seed(seed: int | None) -> int:
    """The given seed, or a fresh random one (shown in the summary so it can be replayed)."""
    return seed if seed is not None else secrets.randbelow(2**31)


def with_seeds(questions: Sequence[QuestionBase], seed: int) -> list[Item]:
    rng = random.Random(f"variants:{seed}")
    return [Item(q, rng.randrange(2**31)) for q in questions]


def plan_quiz(
    questions: Sequence[QuestionBase],
    cards: dict[str, CardRow],
    now: datetime,
    *,
    limit: int,
    seed: int,
    only_new: bool = False,
    only_due: bool = False,
) -> list[Item]:
    """Due cards first (most overdue first), then unseen questions in bank order, up to `limit`."""
    if only_new and only_due:
        raise UsageError("--new and --due exclude each other")
    if limit < 1:
        raise UsageError("--limit must be at least 1")
    rng = random.Random(f"order:{seed}")
    due = [q for q in questions if q.id in cards and cards[q.id].due <= now]
    rng.shuffle(due)
    due.sort(key=lambda q: cards[q.id].due)
    new = [q for q in questions if q.id not in cards]
    chosen = new if only_new else due if only_due else due + new
    return with_seeds(chosen[:limit], seed)


def plan_review(
    questions: Sequence[QuestionBase],
    cards: dict[str, CardRow],
    now: datetime,
    *,
    limit: int,
    seed: int,
    exam_date: datetime | None = None,
) -> list[Item]:
    """Due cards across chapters; with `exam_date`, every seen card by predicted recall then (lowest first)."""
    seen = [q for q in questions if q.id in cards]
    if exam_date is None:
        chosen = sorted((q for q in seen if cards[q.id].due <= now), key=lambda q: cards[q.id].due)
    else:
        from mlvc_review.quiz.scheduler import retrievability

        recall = {q.id: retrievability(cards[q.id].card_json, exam_date) for q in seen}
        chosen = sorted(seen, key=lambda q: recall[q.id])
    return with_seeds(chosen[:limit], seed)
