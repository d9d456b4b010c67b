"""The session loop over a scripted IO: every question type, commands, store and FSRS effects."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mlvc_review.bank.loader import load_bank
from mlvc_review.quiz import events as ev
from mlvc_review.quiz.scheduler import AGAIN, EASY, GOOD, HARD
from mlvc_review.quiz.selection import Item
from mlvc_review.quiz.session import Session
from mlvc_review.quiz.store import open_store

BANK = """
chapter: 1
questions:
  - id: s-choice
    type: choice
    topic: optimization
    prompt: {en: "Which step size converges?", zh: "哪个步长收敛？"}
    explanation: {en: "A small step converges.", zh: "小步长收敛。"}
    hints: [{en: "Think small.", zh: "想想小的。"}]
    notes_slip: "The course notes write eta^2 here."
    shuffle: false
    options:
      - {id: small, text: {en: "small", zh: "小"}}
      - {id: big, text: {en: "big", zh: "大"}, why: {en: "a big step diverges", zh: "大步长发散"}}
    answer: small
  - id: s-eight
    type: choice
    topic: optimization
    prompt: "Pick h."
    explanation: "Option h."
    hints: ["It is the eighth."]
    shuffle: false
    options:
      - {id: o1, text: "one"}
      - {id: o2, text: "two"}
      - {id: o3, text: "three"}
      - {id: o4, text: "four"}
      - {id: o5, text: "five"}
      - {id: o6, text: "six"}
      - {id: o7, text: "seven"}
      - {id: o8, text: "eight"}
    answer: o8
  - id: s-multi
    type: multi
    topic: optimization
    prompt: "Which are optimizers?"
    explanation: "SGD and Adam."
    shuffle: false
    options:
      - {id: sgd, text: "SGD"}
      - {id: adam, text: "Adam"}
      - {id: relu, text: "ReLU"}
    answer: [sgd, adam]
  - id: s-numeric
    type: numeric
    topic: cnn
    prompt: "Output size of a 3x3 valid convolution on {{I}} pixels?"
    explanation: "I - K + 1."
    params: {I: {low: 5, high: 9}}
    answer: "I - 2"
    tolerance: {abs: 0.5}
  - id: s-symbolic
    type: symbolic
    topic: backprop
    prompt: "d sigma / dx in terms of s = sigma(x)?"
    explanation: "s (1 - s)."
    hints: ["Differentiate 1/(1+e^-x)."]
    variables: {s: {}}
    answer: "s*(1 - s)"
  - id: s-flash
    type: flashcard
    topic: attention
    prompt: "Why scale by sqrt(d_k)?"
    explanation: "Keeps the softmax out of saturation."
    answer: "Dot products grow with d_k."
"""


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class ScriptedIO:
    """Answers from a list; each answer takes `step` seconds of the fake clock."""

    def __init__(self, lines: list[str], clock: FakeClock, step: float = 20.0):
        self.lines, self.clock, self.step = list(lines), clock, step
        self.events: list[object] = []
        self.prompts: list[str] = []

    def ask(self, prompt: str) -> str | None:
        self.prompts.append(prompt)
        if not self.lines:
            return None
        self.clock.now += self.step
        return self.lines.pop(0)

    def show(self, event: object) -> None:
        self.events.append(event)

    def of(self, kind: type) -> list:
        return [e for e in self.events if isinstance(e, kind)]


@pytest.fixture
def bank(write_bank):
    return load_bank([write_bank(BANK)], include_shipped=False)


def run(bank, ids: list[str], lines: list[str], *, mode="quiz", minutes=None, lang="en", step=20.0, **kw):
    clock = FakeClock()
    io = ScriptedIO(lines, clock, step)
    items = [Item(bank.get(i), 11) for i in ids]
    with open_store() as store:
        summary = Session(items, io, store, seed=5, lang=lang, mode=mode, minutes=minutes, clock=clock,
                          now=lambda: datetime(2026, 1, 1, tzinfo=timezone.utc), **kw).run()
        attempts, cards = store.attempts(), store.cards()
    return io, summary, attempts, cards


def test_choice_right_is_recorded_with_good_rating_and_explained(bank):
    io, summary, attempts, cards = run(bank, ["s-choice"], ["a"])
    (fb,) = io.of(ev.Feedback)
    assert fb.correct and fb.expected == "a) small"
    assert fb.explanation == "A small step converges."
    assert fb.notes_slip == "The course notes write eta^2 here."
    assert [a["rating"] for a in attempts] == [GOOD] and attempts[0]["raw"] == "a"
    assert cards["s-choice"].reps == 1 and fb.next_due == cards["s-choice"].due
    assert (summary.answered, summary.correct, summary.ended_by) == (1, 1, "done")


def test_quick_right_answer_is_easy(bank):
    _, _, attempts, _ = run(bank, ["s-choice"], ["a"], step=3.0)
    assert attempts[0]["rating"] == EASY


def test_wrong_choice_is_again_with_the_options_why(bank):
    io, summary, attempts, _ = run(bank, ["s-choice"], ["b"])
    (fb,) = io.of(ev.Feedback)
    assert not fb.correct and fb.feedback == ["a big step diverges"]
    assert attempts[0]["rating"] == AGAIN and summary.correct == 0


def test_malformed_input_is_shown_back_and_not_counted(bank):
    io, _, attempts, _ = run(bank, ["s-choice"], ["z", "", "a"])
    assert len(io.of(ev.InvalidInput)) == 2
    assert len(attempts) == 1 and attempts[0]["correct"] == 1


def test_hint_lowers_the_rating_to_hard(bank):
    io, _, attempts, _ = run(bank, ["s-choice"], ["h", "h", "a"], step=1.0)
    assert [h.text for h in io.of(ev.HintShown)] == ["Think small."]
    assert len(io.of(ev.Notice)) == 1  # the second h: no more hints
    assert attempts[0]["hints"] == 1 and attempts[0]["rating"] == HARD


def test_skip_logs_but_does_not_schedule(bank):
    io, summary, attempts, cards = run(bank, ["s-choice", "s-multi"], ["s", "a b"])
    assert attempts[0]["skipped"] == 1 and attempts[0]["rating"] is None
    assert set(cards) == {"s-multi"}
    assert (summary.skipped, summary.answered, summary.correct) == (1, 1, 1)


def test_quit_ends_with_a_summary(bank):
    io, summary, attempts, _ = run(bank, ["s-choice", "s-multi"], ["q", "a b"])
    assert summary.ended_by == "quit" and summary.total == 2 and attempts == []
    assert len(io.of(ev.QuestionShown)) == 1 and io.events[-1] is summary


def test_end_of_input_ends_cleanly(bank):
    io, summary, attempts, _ = run(bank, ["s-choice", "s-multi"], ["a"])
    assert summary.ended_by == "eof" and summary.answered == 1 and len(attempts) == 1


def test_help_lists_commands_and_the_answer_format(bank):
    io, _, _, _ = run(bank, ["s-numeric"], ["?", "q"])
    (help_,) = io.of(ev.HelpShown)
    assert "h hint" in help_.lines[0] and "a number" in help_.lines[2]


def test_option_h_is_an_answer_and_colon_h_a_hint(bank):
    io, _, attempts, _ = run(bank, ["s-eight"], [":h", "h"])
    assert io.of(ev.QuestionShown)[0].keys.startswith(":h hint")
    assert len(io.of(ev.HintShown)) == 1
    assert attempts[0]["correct"] == 1 and attempts[0]["raw"] == "h"


def test_multi_partial_credit(bank):
    io, _, attempts, _ = run(bank, ["s-multi"], ["a"])
    (fb,) = io.of(ev.Feedback)
    assert fb.score == 0.5 and not fb.correct and attempts[0]["rating"] == AGAIN


def test_numeric_uses_the_drawn_variant(bank):
    from mlvc_review.bank.params import draw_variant

    size = draw_variant(bank.get("s-numeric"), 11).params["I"]
    io, _, attempts, _ = run(bank, ["s-numeric", "s-numeric"], [str(size - 2), "1000"])
    assert str(size) in io.of(ev.QuestionShown)[0].prompt
    assert [a["correct"] for a in attempts] == [1, 0]


def test_symbolic_variable_s_is_an_answer_not_a_skip(bank):
    io, _, attempts, _ = run(bank, ["s-symbolic", "s-symbolic"], ["s - s^2", "s"])
    fb = io.of(ev.Feedback)
    assert fb[0].correct and fb[0].understood
    assert not fb[1].correct and attempts[1]["skipped"] == 0


def test_flashcard_reveal_then_self_rating(bank):
    io, _, attempts, cards = run(bank, ["s-flash"], ["", "x", "easy"], step=100.0)
    assert io.of(ev.Revealed)[0].answer == "Dot products grow with d_k."
    assert len(io.of(ev.InvalidInput)) == 1
    assert attempts[0]["rating"] == EASY and "s-flash" in cards


def test_chinese_text_and_interface(bank):
    io, _, _, _ = run(bank, ["s-choice"], ["b"], lang="zh")
    assert io.of(ev.QuestionShown)[0].prompt == "哪个步长收敛？"
    (fb,) = io.of(ev.Feedback)
    assert fb.explanation == "小步长收敛。" and fb.feedback == ["大步长发散"] and fb.lang == "zh"


def test_exam_has_no_feedback_until_the_report(bank):
    io, summary, attempts, _ = run(bank, ["s-choice", "s-multi"], ["h", "b", "a b"], mode="exam")
    assert io.of(ev.Feedback) == [] and io.of(ev.HintShown) == []
    (report,) = io.of(ev.ExamReport)
    assert [r.correct for r in report.results] == [False, True]
    assert report.results[0].explanation == "A small step converges."
    (chapter,) = report.chapters
    assert (chapter.answered, chapter.total, chapter.score) == (2, 2, 1.0)
    assert [a["mode"] for a in attempts] == ["exam", "exam"]


def test_exam_time_limit_drops_late_answers(bank):
    # one minute; each answer takes 40 s: the second arrives at 80 s and is not counted
    io, summary, attempts, _ = run(bank, ["s-choice", "s-multi", "s-numeric"], ["a", "a b", "7"],
                                   mode="exam", minutes=1, step=40.0)
    assert summary.ended_by == "time" and len(attempts) == 1
    assert io.of(ev.ExamReport)[0].time_up


class FakeGrader:
    def __init__(self, passed: bool):
        self.passed, self.calls = passed, []

    def write_starter(self, functions, path: Path) -> Path:
        path.write_text("def sigmoid(x):\n    raise NotImplementedError\n")
        return path

    def grade_file(self, path, functions, seed):
        self.calls.append((path, functions, seed))
        status = "passed" if self.passed else "failed"
        return {"path": str(path), "error": None, "tasks": [
            {"task": "sigmoid", "function": "sigmoid", "status": status, "score": float(self.passed),
             "max_score": 1.0, "diagnosis": None if self.passed else "overflow for large |x|", "checks": []}]}


CODE = """
chapter: 2
questions:
  - id: s-code
    type: code
    topic: mlp
    prompt: "Implement sigmoid."
    explanation: "Use a stable form."
    function: sigmoid
    reference: mlvc_reference.mlp:sigmoid
"""


@pytest.fixture
def code_bank(write_bank):
    return load_bank([write_bank(CODE, "cb")], include_shipped=False)


@pytest.mark.parametrize("passed", [True, False])
def test_code_question_writes_starter_and_grades_on_ready(code_bank, tmp_path, passed):
    grader = FakeGrader(passed)
    (tmp_path / "sigmoid.py").write_text("def sigmoid(x):\n    return x\n")  # the student's own file: kept
    io, _, attempts, _ = run(code_bank, ["s-code"], ["not yet", "ready"], grader=grader, workdir=tmp_path)
    assert (tmp_path / "sigmoid.py").exists() and len(grader.calls) == 1
    assert len(io.of(ev.InvalidInput)) == 1 and len(io.of(ev.CodeReport)) == 1
    (fb,) = io.of(ev.Feedback)
    assert fb.correct is passed and attempts[0]["rating"] == (GOOD if passed else AGAIN)
    if not passed:
        assert "overflow" in fb.feedback[0]


def test_code_question_without_grader_can_only_be_skipped(code_bank, tmp_path, monkeypatch):
    import mlvc_review.quiz.code_task as code_task

    monkeypatch.setattr(code_task, "load_grader", lambda: None)
    io, summary, attempts, _ = run(code_bank, ["s-code"], ["ready", "s"], workdir=tmp_path)
    assert len(io.of(ev.InvalidInput)) == 1 and summary.skipped == 1 and attempts[0]["skipped"] == 1


def test_exam_questions_show_the_time_left(bank):
    io, _, _, _ = run(bank, ["s-choice", "s-multi"], ["a", "a b"], mode="exam", minutes=10, step=30.0)
    assert [e.remaining for e in io.of(ev.QuestionShown)] == [600.0, 570.0]
    quiz_io, _, _, _ = run(bank, ["s-choice"], ["a"])
    assert quiz_io.of(ev.QuestionShown)[0].remaining is None


LINES = ["a", "b", "a b", "c", "h", ":h", "s", ":s", "?", ":?", "", "zz", "7", "1000", "s*(1-s)", "s^2",
         "x.__class__", "__import__('os')", "1e999", "good", "4", "again", "(((", "q"]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(st.sampled_from(LINES), max_size=14))
def test_any_script_ends_cleanly_and_stores_exactly_the_results(bank, lines):
    ids = ["s-choice", "s-multi", "s-numeric", "s-symbolic", "s-flash"]
    with open_store() as store:
        store.reset()
    io, summary, attempts, cards = run(bank, ids, lines)
    assert summary.ended_by in {"done", "quit", "eof"}
    assert summary.answered + summary.skipped == len(attempts) <= len(ids)
    graded = [a for a in attempts if not a["skipped"]]
    assert all(a["rating"] in (1, 2, 3, 4) for a in graded)
    assert set(cards) == {a["question_id"] for a in graded}
    assert len(io.of(ev.Feedback)) == len(graded)
