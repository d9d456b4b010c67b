"""Every chapter has at least two derivations, and each one runs to full marks in a scripted session."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from mlvc_review.bank.loader import load_bank
from mlvc_review.bank.params import draw_variant
from mlvc_review.quiz import events as ev
from mlvc_review.quiz.checkers.derivation import steps_of
from mlvc_review.quiz.derivation import DerivationPanel
from mlvc_review.quiz.selection import Item
from mlvc_review.quiz.session import Session
from mlvc_review.quiz.store import open_store

BANK = load_bank()
DERIVATIONS = [q for q in BANK.questions if q.type == "derivation"]


class ScriptedIO:
    def __init__(self, lines: list[str]):
        self.lines, self.events = list(lines), []

    def ask(self, prompt: str) -> str | None:
        return self.lines.pop(0) if self.lines else None

    def show(self, event: object) -> None:
        self.events.append(event)


@pytest.mark.parametrize("chapter", range(1, 10))
def test_every_chapter_has_two_bilingual_derivations(chapter):
    mine = [q for q in DERIVATIONS if q.chapter == chapter]
    assert len(mine) >= 2, [q.id for q in mine]
    for q in mine:
        assert q.languages == ["en", "zh"] and len(q.steps) >= 3, q.id
        assert all(step.explanation for step in q.steps), q.id  # the working revealed after each step


@pytest.mark.parametrize("question", DERIVATIONS, ids=lambda q: q.id)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_scripted_session_of_the_right_steps_scores_full_marks(question, lang):
    seed = 7
    variant = draw_variant(question, seed)
    lines = [step.accepted_inputs(question, variant)[-1] for step in steps_of(question)]
    io = ScriptedIO(lines)
    with open_store() as store:
        summary = Session([Item(question, seed)], io, store, seed=1, lang=lang,
                          now=lambda: datetime(2026, 1, 1, tzinfo=timezone.utc)).run()
        attempts = store.attempts()
    panels = [e for e in io.events if isinstance(e, DerivationPanel)]
    assert len(panels) == len(question.steps) + 1 and panels[-1].current is None
    assert all(step.score == 1.0 for step in panels[-1].done), [(s.number, s.feedback) for s in panels[-1].done]
    (feedback,) = [e for e in io.events if isinstance(e, ev.Feedback)]
    assert feedback.correct and summary.correct == 1 and attempts[0]["score"] == 1.0
