"""The corpus of typed answers (`answer_corpus`), replayed through the real session loop, question by question.

Every shipped numeric, symbolic and matrix question has at least five equivalent forms
and three wrong ones there. Equivalent forms are graded right, wrong ones wrong, and
unfamiliar or ambiguous notation is asked again (never counted); no answer ever makes a
checker fail ('could not check this answer').
"""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from answer_corpus import HAND, corpus_for
from mlvc_review.bank.loader import load_bank
from mlvc_review.bank.params import draw_variant
from mlvc_review.quiz import events as ev
from mlvc_review.quiz.checkers import get_checker
from mlvc_review.quiz.selection import Item
from mlvc_review.quiz.session import Session
from mlvc_review.quiz.store import open_store

BANK = load_bank()
GRADED = [q for q in BANK.questions if q.type in ("numeric", "symbolic", "matrix_expr")]


@pytest.fixture(autouse=True, scope="module")
def _sympy_imported():
    import sympy  # noqa: F401


class Lines:
    def __init__(self, lines: list[str]):
        self.lines, self.events = list(lines), []

    def ask(self, prompt: str) -> str | None:
        return self.lines.pop(0) if self.lines else None

    def show(self, event: object) -> None:
        self.events.append(event)


def replay(question, seed: int, entries: list[tuple[str, str]], lang: str) -> list[dict]:
    """Ask `question` once per entry (kind, text) in one session; what happened to each."""
    lines: list[str] = []
    for kind, text in entries:
        lines += [text, ":s"] if kind == "asked" else [text]
    io = Lines(lines)
    with open_store() as store:
        Session([Item(question, seed)] * len(entries), io, store, seed=1, lang=lang,
                now=lambda: datetime(2026, 1, 1, tzinfo=timezone.utc)).run()
    outcomes: list[dict] = []
    for event in io.events:
        if isinstance(event, ev.QuestionShown):
            outcomes.append({"invalid": [], "feedback": None, "skipped": False, "notices": []})
        elif isinstance(event, ev.InvalidInput):
            outcomes[-1]["invalid"].append(event.message)
        elif isinstance(event, ev.Feedback):
            outcomes[-1]["feedback"] = event
        elif isinstance(event, ev.Skipped):
            outcomes[-1]["skipped"] = True
        elif isinstance(event, ev.Notice):
            outcomes[-1]["notices"].append(event.text)
    return outcomes


def test_the_corpus_covers_every_shipped_question_with_enough_forms():
    for q in GRADED:
        corpus = corpus_for(q, get_checker(q.type), draw_variant(q, 0))
        assert len(set(corpus["right"])) >= 5 and len(set(corpus["wrong"])) >= 3, q.id
    assert set(HAND) == {q.id for q in GRADED if q.type != "numeric"}


@pytest.mark.parametrize("question", GRADED, ids=lambda q: q.id)
def test_the_corpus_replays_through_the_session(question):
    seeds = (0, 3) if question.type == "numeric" else (0,)
    for seed in seeds:
        corpus = corpus_for(question, get_checker(question.type), draw_variant(question, seed))
        entries = [(kind, text) for kind in ("right", "wrong", "asked") for text in corpus.get(kind, [])]
        lang = "zh" if seed else "en"
        for (kind, text), seen in zip(entries, replay(question, seed, entries, lang), strict=True):
            assert not seen["notices"], (text, seen["notices"])  # never 'could not check this answer'
            if kind == "asked":
                assert seen["invalid"] and seen["skipped"] and seen["feedback"] is None, (text, seen)
                continue
            assert not seen["invalid"], (kind, text, seen["invalid"])
            assert seen["feedback"] is not None and seen["feedback"].correct is (kind == "right"), (
                kind, text, seen["feedback"] and seen["feedback"].feedback)
