"""A scripted session of every shipped chapter, answered with each question's own accepted input."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from mlvc_review.bank.loader import load_bank
from mlvc_review.bank.params import draw_variant
from mlvc_review.cli import app
from mlvc_review.quiz.checkers import get_checker
from mlvc_review.quiz.selection import plan_quiz
from mlvc_review.quiz.store import utc_now

SEED, LIMIT = 7, 6
BANK = load_bank()
CHAPTERS = sorted({q.chapter for q in BANK.questions})


def script(chapter: int) -> tuple[str, int]:
    """The lines a perfect student types, and how many questions they answer (code is skipped)."""
    items = plan_quiz(BANK.select(chapter=chapter), {}, utc_now(), limit=LIMIT, seed=SEED)
    lines, graded = [], 0
    for item in items:
        q = item.question
        if q.type == "code":
            lines.append(":s")
            continue
        if q.type == "flashcard":
            lines += ["", "good"]
        else:
            lines.append(get_checker(q.type).accepted_inputs(q, draw_variant(q, item.seed))[0].strip())
        graded += 1
    return "".join(line + "\n" for line in lines), graded


@pytest.mark.skipif(not CHAPTERS, reason="the shipped bank has no questions yet")
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_scripted_session_of_a_shipped_chapter(chapter):
    text, graded = script(chapter)
    result = CliRunner().invoke(app, ["quiz", "chapter", str(chapter), "--seed", str(SEED), "--limit", str(LIMIT)],
                                input=text)
    assert result.exit_code == 0, result.output
    assert f"{graded} answered, {graded} correct" in result.output, result.output
