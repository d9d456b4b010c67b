"""Session flow beyond one answer: relearning steps, undo, suspend, Ctrl-C, the end-of-session summary."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from mlvc_review.bank.loader import load_bank
from mlvc_review.quiz import events as ev
from mlvc_review.quiz.scheduler import AGAIN, GOOD
from mlvc_review.quiz.selection import Item
from mlvc_review.quiz.session import Session
from mlvc_review.quiz.settings import load_settings, suspend
from mlvc_review.quiz.store import open_store

BANK = """
chapter: 1
questions:
  - id: f-one
    type: choice
    topic: optimization
    prompt: {en: "One?", zh: "一？"}
    explanation: "Yes."
    shuffle: false
    options: [{id: a, text: "yes"}, {id: b, text: "no"}]
    answer: a
  - id: f-two
    type: numeric
    topic: optimization
    prompt: "Two?"
    explanation: "2."
    answer: 2
    tolerance: {abs: 0.1}
  - id: f-three
    type: choice
    topic: optimization
    prompt: "Three?"
    explanation: "c."
    shuffle: false
    options: [{id: a, text: "x"}, {id: b, text: "y"}, {id: c, text: "three"}]
    answer: c
  - id: f-card
    type: flashcard
    topic: attention
    prompt: "Why sqrt(d_k)?"
    explanation: "Saturation."
    answer: "Dot products grow with d_k."
"""
NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class Lines:
    """Scripted answers; a line "^C" raises KeyboardInterrupt as Ctrl-C at a prompt does."""

    def __init__(self, lines: list[str], clock: Clock):
        self.lines, self.clock, self.events = list(lines), clock, []

    def ask(self, prompt: str) -> str | None:
        if not self.lines:
            return None
        self.clock.now += 20
        line = self.lines.pop(0)
        if line == "^C":
            raise KeyboardInterrupt
        return line

    def show(self, event: object) -> None:
        self.events.append(event)

    def of(self, kind: type) -> list:
        return [e for e in self.events if isinstance(e, kind)]

    def shown(self) -> list[tuple[str, int]]:
        return [(e.question_id, e.relearn) for e in self.of(ev.QuestionShown)]


@pytest.fixture
def bank(write_bank):
    return load_bank([write_bank(BANK)], include_shipped=False)


def run(bank, ids, lines, **kw):
    clock = Clock()
    io = Lines(lines, clock)
    with open_store() as store:
        session = Session([Item(bank.get(i), 11) for i in ids], io, store, seed=5, clock=clock, now=lambda: NOW,
                          **kw)
        summary = session.run()
        attempts, cards = store.attempts(), store.cards()
    return io, summary, attempts, cards


def test_a_wrong_answer_comes_back_three_questions_later_with_a_fresh_variant(bank):
    io, summary, attempts, _ = run(bank, ["f-one", "f-two", "f-three", "f-card"], ["b", "2", "c", "", "3", "a"],
                                   relearn=True)
    assert io.shown() == [("f-one", 0), ("f-two", 0), ("f-three", 0), ("f-card", 0), ("f-one", 1)]
    assert [fb.relearn for fb in io.of(ev.Feedback)] == [True, False, False, False, False]
    assert [e.total for e in io.of(ev.QuestionShown)] == [4, 5, 5, 5, 5]  # the step counts once it is slotted in
    assert [a["question_id"] for a in attempts] == ["f-one", "f-two", "f-three", "f-card", "f-one"]
    assert attempts[0]["variant_seed"] != attempts[4]["variant_seed"]
    # the summary scores first answers against the plan; the relearning answer is counted apart
    assert (summary.answered, summary.correct, summary.total, summary.relearned) == (4, 3, 4, 1)
    assert [m.question_id for m in summary.missed] == ["f-one"] and summary.missed[0].expected == "a) yes"


def test_relearning_stops_after_two_returns_and_is_off_by_default(bank):
    io, _, _, _ = run(bank, ["f-one"], ["b", "b", "b", "b"], relearn=True)
    assert io.shown() == [("f-one", 0), ("f-one", 1), ("f-one", 2)]
    io, _, _, _ = run(bank, ["f-one"], ["b", "b"])
    assert io.shown() == [("f-one", 0)]


def test_an_exam_never_relearns(bank):
    io, _, attempts, _ = run(bank, ["f-one", "f-two"], ["b", "2"], relearn=True, mode="exam")
    assert io.shown() == [("f-one", 0), ("f-two", 0)] and len(attempts) == 2


def test_undo_deletes_the_attempt_restores_the_card_and_asks_again(bank):
    io, summary, attempts, cards = run(bank, ["f-one", "f-two"], ["b", "u", "a", "2"], relearn=True)
    # f-one wrong, then `u` at f-two: f-one is asked again, then f-two; the relearning step went with the answer
    assert io.shown() == [("f-one", 0), ("f-two", 0), ("f-one", 0), ("f-two", 0)]
    assert [(a["question_id"], a["rating"]) for a in attempts][0] == ("f-one", GOOD) and len(attempts) == 2
    assert cards["f-one"].reps == 1 and cards["f-one"].lapses == 0
    assert any("took back" in n.text for n in io.of(ev.Notice))
    assert (summary.answered, summary.correct) == (2, 2)


def test_undo_of_a_first_answer_removes_the_card_and_of_a_skip_its_log(bank):
    _, _, attempts, cards = run(bank, ["f-one", "f-two"], ["b", "u", "q"])
    assert attempts == [] and cards == {}
    _, _, attempts, _ = run(bank, ["f-one", "f-two"], ["s", ":u", "a", "q"])
    assert [(a["question_id"], a["skipped"]) for a in attempts] == [("f-one", 0)]


def test_undo_with_nothing_to_take_back_and_in_an_exam_is_refused(bank):
    io, _, attempts, _ = run(bank, ["f-one"], ["u", "a"])
    assert "nothing to undo" in io.of(ev.Notice)[0].text and len(attempts) == 1
    io, _, attempts, _ = run(bank, ["f-one", "f-two"], ["a", "u", "2"], mode="exam")
    assert "no undo in an exam" in io.of(ev.Notice)[0].text
    assert [a["question_id"] for a in attempts[1:]] == ["f-one", "f-two"]  # after the first run's answer


def test_suspend_stores_the_id_logs_nothing_and_moves_on(bank):
    io, summary, attempts, _ = run(bank, ["f-one", "f-two"], ["!", "2"], suspend=suspend)
    assert load_settings().suspended == ("f-one",)
    assert [a["question_id"] for a in attempts] == ["f-two"]
    assert "progress unsuspend f-one" in io.of(ev.Notice)[0].text
    assert summary.skipped == 0 and summary.answered == 1


def test_suspend_is_refused_where_it_is_not_offered(bank):
    io, _, attempts, _ = run(bank, ["f-one"], ["!", "a"])
    assert "cannot be suspended" in io.of(ev.Notice)[0].text and len(attempts) == 1


def test_ctrl_c_ends_with_a_summary_and_keeps_every_answer(bank):
    io, summary, attempts, _ = run(bank, ["f-one", "f-two", "f-three"], ["a", "^C"])
    assert summary.ended_by == "interrupt" and io.events[-1] is summary
    assert [a["question_id"] for a in attempts] == ["f-one"]


def test_an_exam_report_lists_the_questions_never_answered(bank):
    io, summary, _, _ = run(bank, ["f-one", "f-two", "f-three"], ["a", "q"], mode="exam")
    (report,) = io.of(ev.ExamReport)
    assert [(r.question_id, r.reached) for r in report.results] == [("f-one", True), ("f-two", False),
                                                                    ("f-three", False)]
    assert report.results[2].expected == "c) three" and not summary.list_missed


def test_a_flashcard_shows_the_typed_recall_and_is_rated_by_one_key(bank):
    class Keys(Lines):
        def ask_key(self, prompt: str, keys: str) -> str | None:
            self.key_prompts = [*getattr(self, "key_prompts", []), keys]
            return self.ask(prompt)

    clock = Clock()
    io = Keys(["grows with d", "2"], clock)
    with open_store() as store:
        Session([Item(bank.get("f-card"), 1)], io, store, clock=clock, now=lambda: NOW).run()
        (attempt,) = store.attempts()
    (revealed,) = io.of(ev.Revealed)
    assert revealed.recall == "grows with d" and io.key_prompts == ["1234"]
    (fb,) = io.of(ev.Feedback)
    assert fb.qtype == "flashcard" and fb.rating == "hard" and attempt["rating"] == 2


def test_the_summary_times_the_session(bank):
    _, summary, _, _ = run(bank, ["f-one", "f-two"], ["a", "2"])
    assert summary.seconds == 40 and summary.missed == ()
    _, summary, _, _ = run(bank, ["f-one"], ["s"])
    assert summary.missed[0].skipped and summary.missed[0].question_id == "f-one"


def test_an_again_rating_is_stored_as_again(bank):
    _, _, attempts, cards = run(bank, ["f-one"], ["b"])
    assert attempts[0]["rating"] == AGAIN and cards["f-one"].reps == 1


CODE = """
chapter: 2
questions:
  - id: c-code
    type: code
    topic: mlp
    prompt: "Implement sigmoid."
    explanation: "Use a stable form."
    function: sigmoid
    reference: mlvc_reference.mlp:sigmoid
"""


class Grader:
    """Writes a starter; grades the file as failed. `calls` counts gradings."""

    def __init__(self) -> None:
        self.calls = 0

    def write_starter(self, functions, path):
        path.write_text("def sigmoid(x):\n    raise NotImplementedError\n")
        return path

    def grade_file(self, path, functions, seed):
        self.calls += 1
        return {"path": str(path), "error": None, "tasks": [
            {"function": "sigmoid", "status": "failed", "score": 0.0, "max_score": 1.0,
             "diagnosis": "overflow for large |x|", "checks": []}]}


def test_an_untouched_starter_is_not_an_attempt_and_enter_grades_an_edited_file(write_bank, tmp_path):
    bank = load_bank([write_bank(CODE, "cb")], include_shipped=False)
    grader = Grader()

    class Editing(Lines):  # the student presses Enter at once, then edits the file and presses Enter again
        def ask(self, prompt):
            line = super().ask(prompt)
            if line == "" and grader.calls == 0 and any(isinstance(e, ev.InvalidInput) for e in self.events):
                (tmp_path / "sigmoid.py").write_text("def sigmoid(x):\n    return x\n")
            return line

    clock = Clock()
    io = Editing(["", "", "s"], clock)
    with open_store() as store:
        Session([Item(bank.get("c-code"), 1)], io, store, clock=clock, now=lambda: NOW, grader=grader,
                workdir=tmp_path, relearn=True).run()
        attempts = store.attempts()
    (refused,) = io.of(ev.InvalidInput)
    assert "the starter is unchanged: edit" in refused.message and "sigmoid.py" in refused.message
    assert grader.calls == 1 and len(io.of(ev.CodeReport)) == 1
    assert [a["correct"] for a in attempts] == [0]
    assert [e.question_id for e in io.of(ev.QuestionShown)] == ["c-code"]  # a code question is not relearned
    assert not (tmp_path / ".hypothesis").exists()
