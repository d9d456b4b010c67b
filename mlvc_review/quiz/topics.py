"""Topics and tags of the bank: the closest few to a mistyped one, and how well each is known.

`quiz topic X` with an unknown X suggests a handful of close tags (by spelling, and
tags that contain X or that X contains), never the whole list of several hundred.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from mlvc_review.bank.model import QuestionBase


def all_tags(questions: Iterable[QuestionBase]) -> list[str]:
    """Every topic and tag, sorted."""
    return sorted({name for q in questions for name in (q.topic, *q.tags)})


def closest_tags(text: str, questions: Sequence[QuestionBase], n: int = 5) -> list[str]:
    """Up to `n` tags close to `text`: containing it (or contained in it) first, then by spelling."""
    from difflib import get_close_matches

    tags = all_tags(questions)
    key = text.strip().lower().replace("_", "-").replace(" ", "-")
    contains = sorted((t for t in tags if key and (key in t or (len(t) > 2 and t in key))), key=len)
    spelled = get_close_matches(key, tags, n=n, cutoff=0.6)
    return list(dict.fromkeys([*contains, *spelled]))[:n]


def weakest_topics(attempts: Iterable[dict], topic_of: dict[str, str], min_answers: int = 3,
                   n: int = 5) -> list[dict]:
    """The `n` topics with the lowest mean score over at least `min_answers` answers (skips not counted).

    Returns:
        dicts with topic, answered, correct, accuracy (mean score, 0..1); weakest first.
    """
    per: dict[str, list[float]] = {}
    right: dict[str, int] = {}
    for a in attempts:
        topic = topic_of.get(a["question_id"])
        if topic is None or a["skipped"]:
            continue
        per.setdefault(topic, []).append(float(a["score"]))
        right[topic] = right.get(topic, 0) + int(a["correct"])
    rows = [{"topic": topic, "answered": len(scores), "correct": right[topic], "accuracy": sum(scores) / len(scores)}
            for topic, scores in per.items() if len(scores) >= min_answers]
    rows.sort(key=lambda r: (r["accuracy"], -r["answered"], r["topic"]))
    return rows[:n]
