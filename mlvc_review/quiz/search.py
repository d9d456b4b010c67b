"""Searching the bank's text (`mlvc-review bank search TEXT`): ids, topics, tags and every text in both languages.

Every word of the query must occur (case-insensitive) somewhere in the question;
a question whose id, topic or tags match ranks above one that matches only in its
prose, and among those the one matching in its prompt ranks first.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from mlvc_review.bank.model import QuestionBase


class Hit(NamedTuple):
    question: QuestionBase
    where: str  # "id" | "tags" | "prompt" | "text": the best place a query word was found


def _texts(q: QuestionBase) -> list[str]:
    out = []
    for text in q.texts():
        out += [t for t in (getattr(text, "en", None), getattr(text, "zh", None)) if t]
    return out


def search(questions: Sequence[QuestionBase], query: str) -> list[Hit]:
    """The questions matching every word of `query`, best places first (bank order among equals)."""
    words = [w.lower() for w in query.split() if w.strip()]
    if not words:
        return []
    ranked: list[tuple[int, int, Hit]] = []
    for n, q in enumerate(questions):
        fields = {
            "id": q.id.lower(),
            "tags": " ".join([q.topic, *q.tags]).lower(),
            "prompt": " ".join(t for t in (q.prompt.en, q.prompt.zh) if t).lower(),
            "text": " ".join(_texts(q)).lower(),
        }
        everything = " ".join(fields.values())
        if not all(w in everything for w in words):
            continue
        order = ("id", "tags", "prompt", "text")
        best = min(order.index(k) for k, v in fields.items() if any(w in v for w in words))
        ranked.append((best, n, Hit(q, order[best])))
    ranked.sort(key=lambda r: (r[0], r[1]))
    return [hit for _, _, hit in ranked]
