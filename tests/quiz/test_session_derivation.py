"""A derivation in a scripted session: one panel growing step by step, one attempt and one FSRS card."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from mlvc_review.bank.loader import load_bank
from mlvc_review.quiz import events as ev
from mlvc_review.quiz.derivation import DerivationPanel
from mlvc_review.quiz.scheduler import AGAIN, GOOD, HARD
from mlvc_review.quiz.selection import Item
from mlvc_review.quiz.session import Session
from mlvc_review.quiz.store import open_store

FIXTURE = Path(__file__).parents[1] / "fixtures" / "derivation_bank"
BANK = load_bank([FIXTURE], include_shipped=False)


class ScriptedIO:
    def __init__(self, lines: list[str], clock: list[float]):
        self.lines, self.clock = list(lines), clock
        self.events: list[object] = []
        self.prompts: list[str] = []

    def ask(self, prompt: str) -> str | None:
        self.prompts.append(prompt)
        if not self.lines:
            return None
        self.clock[0] += 20.0
        return self.lines.pop(0)

    def show(self, event: object) -> None:
        self.events.append(event)

    def of(self, kind: type) -> list:
        return [e for e in self.events if isinstance(e, kind)]


def run(ids: list[str], lines: list[str], mode: str = "quiz", lang: str = "en"):
    clock = [0.0]
    io = ScriptedIO(lines, clock)
    with open_store() as store:
        summary = Session([Item(BANK.get(i), 3) for i in ids], io, store, seed=1, mode=mode, lang=lang,
                          clock=lambda: clock[0], now=lambda: datetime(2026, 1, 1, tzinfo=timezone.utc)).run()
        return io, summary, store.attempts(), store.cards()


def test_steps_are_asked_in_order_and_each_answer_is_revealed_once_attempted():
    io, summary, attempts, cards = run(["d-sig"], ["-1/p", "p*(1+p)", "p - 1"])
    panels = io.of(DerivationPanel)
    assert [p.current for p in panels] == [1, 2, 3, None]
    assert [len(p.done) for p in panels] == [0, 1, 2, 3]
    assert panels[0].prompt == "dL/dp?" and panels[-1].prompt is None
    second = panels[2].done[1]  # step 2, wrong, shown before step 3 is asked
    assert (second.raw, second.expected, second.score) == ("p*(1+p)", "p*(1 - p)", 0.0)
    assert io.prompts == ["step 1", "step 2", "step 3"]
    (fb,) = io.of(ev.Feedback)
    assert fb.score == round(2 / 3, 12) or abs(fb.score - 2 / 3) < 1e-12
    assert len(attempts) == 1 and attempts[0]["raw"] == "-1/p\np*(1+p)\np - 1"
    assert attempts[0]["rating"] == HARD and attempts[0]["qtype"] == "derivation"
    assert set(cards) == {"d-sig"} and cards["d-sig"].reps == 1
    assert (summary.answered, summary.correct) == (1, 0)


def test_all_right_is_good_and_under_half_is_again():
    _, summary, attempts, _ = run(["d-sig"], ["-1/p", "p - p^2", "p-1"])
    assert attempts[0]["rating"] == GOOD and summary.correct == 1
    _, _, attempts, _ = run(["d-sig"], ["1/p", ":s", "p-1"])  # the same store: the second attempt is the last
    assert attempts[-1]["rating"] == AGAIN and abs(attempts[-1]["score"] - 1 / 3) < 1e-9


def test_a_given_up_step_is_revealed_and_the_next_still_asked():
    io, _, attempts, _ = run(["d-ls"], [":s", "inv(X^T X) X^T y", "2"])
    panel = io.of(DerivationPanel)[1]
    assert panel.done[0].raw == "" and panel.done[0].score is None
    assert panel.done[0].expected == "2 X^T (X w - y)"
    assert abs(attempts[0]["score"] - 2 / 3) < 1e-9


def test_malformed_input_in_a_step_is_asked_again():
    io, _, attempts, _ = run(["d-sig"], ["-1/q", "-1/p", "p(1-p)", "p-1"])
    assert len(io.of(ev.InvalidInput)) == 1
    assert attempts[0]["correct"] == 1


def test_giving_up_every_step_is_a_skip():
    io, summary, attempts, cards = run(["d-sig"], [":s", ":s", ":s"])
    assert attempts[0]["skipped"] == 1 and cards == {}
    assert summary.skipped == 1


def test_quitting_part_way_commits_the_steps_answered():
    io, summary, attempts, cards = run(["d-sig", "d-ls"], ["-1/p", "q"])
    assert summary.ended_by == "quit"
    assert len(attempts) == 1 and abs(attempts[0]["score"] - 1 / 3) < 1e-9 and "d-sig" in cards
    _, summary, attempts, _ = run(["d-sig"], [":s"])  # end of input after a step given up: a skip
    assert summary.ended_by == "eof" and len(attempts) == 2 and attempts[-1]["skipped"] == 1
    _, _, attempts, _ = run(["d-sig"], [])  # nothing typed: nothing recorded
    assert len(attempts) == 2


def test_a_steps_variables_are_answers_not_commands():
    # step 1 (numeric) has no variables: a plain 's' gives it up; step 2 declares s: a plain 's' is its answer
    io, _, attempts, _ = run(["d-s"], ["s", "s"])
    panel = io.of(DerivationPanel)[-1]
    assert [step.raw for step in panel.done] == ["", "s"]
    assert [step.score for step in panel.done] == [None, 1.0]
    assert io.of(DerivationPanel)[0].done == () and attempts[0]["raw"] == "\ns"


def test_in_an_exam_answers_are_revealed_without_marks():
    io, summary, attempts, _ = run(["d-sig"], ["1/p", "p*(1-p)", "p-1"], mode="exam")
    panels = io.of(DerivationPanel)
    assert all(not p.marks for p in panels) and panels[1].done[0].expected == "-1/p"
    assert io.of(ev.Feedback) == [] and len(io.of(ev.ExamReport)) == 1
    assert abs(attempts[0]["score"] - 2 / 3) < 1e-9


def test_help_names_the_step_format_and_hints_work():
    io, _, attempts, _ = run(["d-ls"], ["?", ":h", "2 X^T (X w - y)", "inv(X^T X) X^T y", "2"])
    assert "each step" in io.of(ev.HelpShown)[0].lines[2]
    assert [h.text for h in io.of(ev.HintShown)] == ["Expand the square first."]
    assert attempts[0]["correct"] == 1 and attempts[0]["rating"] == HARD


def test_chinese_session():
    io, _, _, _ = run(["d-sig"], ["-1/p", "p*(1-p)", "p-1"], lang="zh")
    assert io.prompts[0] == "第 1 步"
    assert io.of(DerivationPanel)[0].prompt == "dL/dp?" and io.of(DerivationPanel)[0].lang == "zh"
