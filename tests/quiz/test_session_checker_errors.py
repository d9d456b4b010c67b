"""A checker that raises anything but InvalidAnswer costs the student nothing: a notice, a report, asked again."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from mlvc_review.bank.loader import load_bank
from mlvc_review.quiz import events as ev
from mlvc_review.quiz.checkers import get_checker
from mlvc_review.quiz.incidents import log_path
from mlvc_review.quiz.selection import Item
from mlvc_review.quiz.session import Session
from mlvc_review.quiz.store import open_store

BANK = """
chapter: 1
questions:
  - id: e-numeric
    type: numeric
    topic: cnn
    prompt: {en: "Output size of a 3x3 valid convolution on 7 pixels?", zh: "7 像素上 3x3 有效卷积的输出大小？"}
    explanation: "I - K + 1."
    answer: "5"
    tolerance: {abs: 0.5}
"""


class BrokenChecker:
    """The numeric checker, except that 'boom' breaks its parse and 'kaboom' its grade."""

    def __init__(self) -> None:
        self.real = get_checker("numeric")

    def parse(self, question, variant, raw, lang="en"):
        if raw == "boom":
            raise ZeroDivisionError("a bug in parse")
        if raw == "kaboom":
            return _Marked()
        return self.real.parse(question, variant, raw, lang)

    def grade(self, question, variant, parsed, lang="en"):
        if isinstance(parsed, _Marked):
            raise TypeError("float() argument must be a string or a real number, not 'Eye'")
        return self.real.grade(question, variant, parsed, lang)

    def expected(self, question, variant, lang="en"):
        return self.real.expected(question, variant, lang)


class _Marked:
    understood = "kaboom"
    warnings: list[str] = []


class Lines:
    def __init__(self, lines):
        self.lines, self.events = list(lines), []

    def ask(self, prompt):
        return self.lines.pop(0) if self.lines else None

    def show(self, event):
        self.events.append(event)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_checker_error_is_reported_not_counted_and_asked_again(write_bank, lang):
    bank = load_bank([write_bank(BANK)], include_shipped=False)
    io = Lines(["boom", "kaboom", "5"])
    broken = BrokenChecker()

    class Patched(Session):
        def checker(self, qtype):
            return broken

    with open_store() as store:
        summary = Patched([Item(bank.get("e-numeric"), 3)], io, store, seed=1, lang=lang,
                          now=lambda: datetime(2026, 1, 1, tzinfo=timezone.utc)).run()
        attempts = store.attempts()
    notices = [e for e in io.events if isinstance(e, ev.Notice)]
    assert len(notices) == 2 and all(n.level == "warn" for n in notices)
    word = "无法检查这个答案，本次不计分" if lang == "zh" else "could not check this answer; it was not counted"
    assert all(word in n.text for n in notices)
    assert str(log_path()) in notices[0].text
    assert [a["raw"] for a in attempts] == ["5"] and attempts[0]["correct"] == 1  # only the last answer counts
    assert summary.answered == 1 and summary.correct == 1
    log = log_path().read_text(encoding="utf-8")
    assert "parse failed" in log and "grade failed" in log and "e-numeric" in log and "seed 3" in log
    assert "ZeroDivisionError: a bug in parse" in log and "not 'Eye'" in log and "answer: 'kaboom'" in log


def test_an_unwritable_report_still_never_raises(monkeypatch, tmp_path):
    from mlvc_review.quiz import incidents

    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setattr(incidents, "log_path", lambda: blocker / "logs" / "x.log")
    try:
        raise ValueError("x")
    except ValueError as err:
        assert incidents.report_checker_error(None, 0, "a", "grade", "en", err) is None
