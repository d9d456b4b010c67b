"""Mock exams: questions spread over chapters, no feedback until the end, a report per chapter.

Code questions (graded from files) and flashcards (self-rated) are left out of
exams; the session counts nothing answered after the time limit.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from mlvc_review.bank.model import QuestionBase
from mlvc_review.errors import UsageError
from mlvc_review.quiz import events as ev
from mlvc_review.quiz.selection import Item, with_seeds

EXAM_EXCLUDED = ("code", "flashcard")


def plan_exam(questions: Sequence[QuestionBase], *, count: int, seed: int) -> tuple[list[Item], int]:
    """`count` questions spread evenly over the chapters (round robin, shuffled within each).

    Returns:
        the items, and how many questions were left out for their type (code, flashcard).
    """
    if count < 1:
        raise UsageError("--questions must be at least 1", "--questions 至少为 1")
    eligible = [q for q in questions if q.type not in EXAM_EXCLUDED]  # type: ignore[attr-defined]
    excluded = len(questions) - len(eligible)
    rng = random.Random(f"exam:{seed}")
    by_chapter: dict[int, list[QuestionBase]] = {}
    for q in eligible:
        by_chapter.setdefault(q.chapter, []).append(q)
    for pool in by_chapter.values():
        rng.shuffle(pool)
    chosen: list[QuestionBase] = []
    while len(chosen) < count and any(by_chapter.values()):
        for chapter in sorted(by_chapter):
            if by_chapter[chapter] and len(chosen) < count:
                chosen.append(by_chapter[chapter].pop())
    return with_seeds(chosen, seed), excluded


def parse_chapters(text: str, known: Sequence[int]) -> list[int]:
    """'1-9', '1,3,5' or '1-3,6' -> chapter numbers; unknown numbers are a UsageError."""
    numbers: list[int] = []
    try:
        for part in text.split(","):
            part = part.strip()
            if "-" in part:
                low, high = (int(x) for x in part.split("-", 1))
                if low > high:
                    raise ValueError
                numbers += range(low, high + 1)
            elif part:
                numbers.append(int(part))
        if not numbers:
            raise ValueError
    except ValueError:
        raise UsageError.of("--chapters '{text}': write a range like 1-9 or a list like 1,3,5",
                            "--chapters '{text}'：请写成范围（如 1-9）或列表（如 1,3,5）", text=text) from None
    unknown = sorted(set(numbers) - set(known))
    if unknown:
        raise UsageError.of("--chapters '{text}': no chapter {unknown}; the chapters are {known}",
                            "--chapters '{text}'：没有第 {unknown} 章；章节有 {known}", text=text,
                            unknown=", ".join(map(str, unknown)), known=", ".join(map(str, known)))
    return sorted(set(numbers))


def exam_report(items: Sequence[Item], results: Sequence[ev.Result], titles: dict[int, str], time_up: bool,
                lang: str = "en") -> ev.ExamReport:
    """Score per chapter (questions not reached count as 0) and every answer with its explanation."""
    scores = []
    for chapter in sorted({item.question.chapter for item in items}):
        done = [r for r in results if r.chapter == chapter]
        total = sum(1 for item in items if item.question.chapter == chapter)
        scores.append(ev.ChapterScore(chapter, titles.get(chapter, str(chapter)), sum(not r.skipped for r in done),
                                      total, sum(r.score for r in done)))
    return ev.ExamReport(scores, list(results), time_up, lang)
