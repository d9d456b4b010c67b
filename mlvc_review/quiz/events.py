"""Plain events a session emits; `mlvc_review.ui.quiz` renders them, tests inspect them.

Named tuples, not frozen dataclasses: the quiz imports these at every start, and
thirteen frozen dataclasses cost about 15 ms to create (bench/bench_quiz_startup.py).
No `from __future__ import annotations` either: string annotations would each be
compiled into a typing.ForwardRef.
"""

from datetime import datetime
from typing import NamedTuple


class QuestionShown(NamedTuple):
    index: int  # 1-based position in the session
    total: int
    question_id: str
    qtype: str
    chapter: int
    prompt: str
    options: tuple[tuple[str, str], ...] = ()  # (letter, text) in shown order
    unit: str | None = None
    hints: int = 0
    keys: str = ""  # the help line of commands for this question
    lang: str = "en"
    remaining: float | None = None  # seconds left in a timed exam
    relearn: int = 0  # how many times this question has come back in this session


class HintShown(NamedTuple):
    number: int
    total: int
    text: str
    lang: str = "en"


class InvalidInput(NamedTuple):
    """Malformed input, shown back; the question is asked again and no attempt is counted."""

    message: str
    understood: str | None = None
    lang: str = "en"


class Notice(NamedTuple):
    text: str
    level: str = "info"  # info | warn


class HelpShown(NamedTuple):
    lines: list[str]


class Revealed(NamedTuple):
    """A flashcard's answer, shown before the student rates it, beside what they recalled."""

    answer: str
    lang: str = "en"
    recall: str = ""  # what the student typed before revealing ("" when nothing)


class CodeReport(NamedTuple):
    """The grader's JSON report of one submission."""

    report: dict
    lang: str = "en"


class Feedback(NamedTuple):
    """The result of one graded answer, with the explanation and the notes' slip if any."""

    question_id: str
    correct: bool
    score: float
    expected: str
    feedback: list[str]
    understood: str | None
    warnings: list[str]
    explanation: str
    notes_slip: str | None
    rating: str | None
    next_due: datetime | None
    lang: str = "en"
    relearn: bool = False  # the question comes back later in this session
    qtype: str = ""


class Skipped(NamedTuple):
    question_id: str
    lang: str = "en"


class Result(NamedTuple):
    """One answered (or skipped) question of a session."""

    question_id: str
    chapter: int
    qtype: str
    prompt: str
    raw: str
    score: float
    correct: bool
    expected: str
    explanation: str
    notes_slip: str | None
    skipped: bool = False
    relearn: bool = False  # an answer to a question that came back in the session
    reached: bool = True  # False: an exam question left unanswered at the end


class ChapterScore(NamedTuple):
    chapter: int
    title: str
    answered: int
    total: int
    score: float  # sum of scores


class ExamReport(NamedTuple):
    chapters: list[ChapterScore]
    results: list[Result]
    time_up: bool
    lang: str = "en"


class Summary(NamedTuple):
    mode: str
    answered: int
    correct: int
    skipped: int
    score: float
    total: int  # questions planned
    seed: int | None
    ended_by: str  # done | quit | eof | time | interrupt
    lang: str = "en"
    seconds: float = 0.0  # the session's length
    missed: tuple = ()  # Missed, for the first answer to each question that was not right
    relearned: int = 0  # answers to questions that came back
    list_missed: bool = True  # False in an exam: its report lists every answer already


class Missed(NamedTuple):
    """A question to reread after the session: its id, the correct answer, the score, skipped or not."""

    question_id: str
    expected: str
    score: float
    skipped: bool
