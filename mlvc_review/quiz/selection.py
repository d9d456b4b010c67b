"""Which questions a session asks, in what order, with which variant seeds.

Due cards come first (most overdue first), then new questions: the notes' most
examined topics first (`weights.exam_rank`), interleaved across topics within a
rank, and a question skipped before behind the ones never skipped. New questions
are capped by the daily limit (`--new-per-day`); suspended questions never come.
During the session a wrong answer comes back a few questions later (`SessionQueue`,
Anki's relearning step) with a fresh variant.

A session seed fixes everything: the order among equals and each question's
variant seed, so `--seed S` replays a session exactly.
"""

from __future__ import annotations

import os
import random
from collections import deque
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from mlvc_review.bank.model import QuestionBase
from mlvc_review.errors import UsageError
from mlvc_review.quiz.store import CardRow


@dataclass(frozen=True)
class Item:
    """One question to ask and the seed of its variant; `relearn` counts its returns in this session."""

    question: QuestionBase
    seed: int
    relearn: int = 0


def session_seed(seed: int | None) -> int:
    """The given seed, or a fresh random one (shown in the summary so it can be replayed)."""
    # os.urandom, not secrets: `secrets` imports hashlib and hmac (3 ms of the quiz's start)
    return seed if seed is not None else int.from_bytes(os.urandom(4), "little") & 0x7FFFFFFF


def with_seeds(questions: Sequence[QuestionBase], seed: int) -> list[Item]:
    rng = random.Random(f"variants:{seed}")
    return [Item(q, rng.randrange(2**31)) for q in questions]


def order_new(questions: Sequence[QuestionBase], seed: int, skipped: Collection[str] = ()) -> list[QuestionBase]:
    """New questions in a helpful order: exam rank, then never-skipped first, topics interleaved.

    Within one rank the topics take turns (their order drawn from `seed`), each
    topic's questions in bank order (a chapter file builds up its topics).
    """
    from mlvc_review.quiz.weights import exam_rank

    rng = random.Random(f"new:{seed}")
    groups: dict[tuple[float, bool], dict[str, list[QuestionBase]]] = {}
    for q in questions:
        key = (exam_rank(q), q.id in skipped)
        groups.setdefault(key, {}).setdefault(getattr(q, "topic", ""), []).append(q)
    out: list[QuestionBase] = []
    for key in sorted(groups):
        topics = list(groups[key].values())
        rng.shuffle(topics)
        queues = [deque(t) for t in topics]
        while queues:
            out += [queue.popleft() for queue in queues]
            queues = [queue for queue in queues if queue]
    return out


def plan_quiz(
    questions: Sequence[QuestionBase],
    cards: dict[str, CardRow],
    now: datetime,
    *,
    limit: int,
    seed: int,
    only_new: bool = False,
    only_due: bool = False,
    new_left: int | None = None,
    suspended: Collection[str] = (),
    skipped: Collection[str] = (),
) -> list[Item]:
    """Due cards first (most overdue first), then new questions (`order_new`), up to `limit`.

    Args:
        new_left: how many new questions today's limit still allows (None: no limit).
        suspended: ids never asked.
        skipped: ids of new questions skipped before (they go behind the others).
    """
    if only_new and only_due:
        raise UsageError("--new and --due exclude each other", "--new 和 --due 不能同时使用")
    if limit < 1:
        raise UsageError("--limit must be at least 1", "--limit 至少为 1")
    rng = random.Random(f"order:{seed}")
    questions = [q for q in questions if q.id not in suspended]
    due = [q for q in questions if q.id in cards and cards[q.id].due <= now]
    rng.shuffle(due)
    due.sort(key=lambda q: cards[q.id].due)
    new = order_new([q for q in questions if q.id not in cards], seed, skipped)
    if new_left is not None:
        new = new[:max(0, new_left)]
    chosen = new if only_new else due if only_due else due + new
    return with_seeds(chosen[:limit], seed)


def new_held_back(questions: Sequence[QuestionBase], cards: dict[str, CardRow], new_left: int,
                  suspended: Collection[str] = ()) -> int:
    """How many unseen questions today's limit keeps out of this session."""
    unseen = sum(1 for q in questions if q.id not in cards and q.id not in suspended)
    return max(0, unseen - max(0, new_left))


def introduced_today(attempts: Iterable[dict], now: datetime) -> int:
    """Questions first answered (not skipped) today, in local time: the day's new questions so far."""
    first: dict[str, datetime] = {}
    for a in attempts:
        if not a["skipped"] and a["question_id"] not in first:
            first[a["question_id"]] = datetime.fromisoformat(a["ts"])
    today = now.astimezone().date()
    return sum(1 for ts in first.values() if ts.astimezone().date() == today)


class SessionQueue:
    """The questions still to ask: the plan, then relearning steps slotted in as answers come.

    A wrong answer brings its question back `gap` questions later (or last) with a
    fresh variant, at most `max_returns` times a session; `undo` puts a question back in front.
    """

    def __init__(self, items: Sequence[Item], gap: int = 3, max_returns: int = 2):
        self.pending: deque[Item] = deque(items)
        self.gap, self.max_returns = gap, max_returns
        self.asked = 0

    def __bool__(self) -> bool:
        return bool(self.pending)

    def pop(self) -> Item:
        self.asked += 1
        return self.pending.popleft()

    @property
    def total(self) -> int:
        """Questions asked so far plus those still to come."""
        return self.asked + len(self.pending)

    def again(self, item: Item) -> Item | None:
        """Slot a relearning step of `item` in; None when it has come back often enough."""
        if item.relearn >= self.max_returns:
            return None
        rng = random.Random(f"relearn:{item.seed}:{item.relearn}")
        step = replace(item, seed=rng.randrange(2**31), relearn=item.relearn + 1)
        self.pending.insert(min(self.gap, len(self.pending)), step)
        return step

    def withdraw(self, step: Item) -> None:
        """Take a slotted relearning step out again (its answer was undone)."""
        try:
            self.pending.remove(step)
        except ValueError:
            pass  # already asked

    def back(self, *items: Item) -> None:
        """Put `items` in front, in this order, and count them as not asked yet."""
        for item in reversed(items):
            self.pending.appendleft(item)
        self.asked -= len(items)


def plan_review(
    questions: Sequence[QuestionBase],
    cards: dict[str, CardRow],
    now: datetime,
    *,
    limit: int,
    seed: int,
    exam_date: datetime | None = None,
    suspended: Collection[str] = (),
) -> list[Item]:
    """Due cards across chapters; with `exam_date`, every seen card by predicted recall then (lowest first)."""
    seen = [q for q in questions if q.id in cards and q.id not in suspended]
    if exam_date is None:
        chosen = sorted((q for q in seen if cards[q.id].due <= now), key=lambda q: cards[q.id].due)
    else:
        from mlvc_review.quiz.scheduler import retrievability

        recall = {q.id: retrievability(cards[q.id].card_json, exam_date) for q in seen}
        chosen = sorted(seen, key=lambda q: recall[q.id])
    return with_seeds(chosen[:limit], seed)
