"""Plain events a session emits; `mlvc_review.ui.quiz` renders them, tests inspect them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class QuestionShown:
    index: int  # 1-based position in the session
    total: int
    question_id: str
    qtype: str
    chapter: int
    prompt: str
    options: list[tuple[str, str]] = field(default_factory=list)  # (letter, text) in shown order
    unit: str | None = None
    hints: int = 0
    keys: str = ""  # the help line of commands for this question
    lang: str = "en"
    remaining: float | None = None  # seconds left in a timed exam


@dataclass(frozen=True)
class HintShown:
    number: int
    total: int
    text: str
    lang: str = "en"


@dataclass(frozen=True)
class InvalidInput:
    """Malformed input, shown back; the question is asked again and no attempt is counted."""

    message: str
    understood: str | None = None
    lang: str = "en"


@dataclass(frozen=True)
class Notice:
    text: str
    level: str = "info"  # info | warn


@dataclass(frozen=True)
class HelpShown:
    lines: list[str]


@dataclass(frozen=True)
class Revealed:
    """A flashcard's answer, shown before the student rates it."""

    answer: str
    lang: str = "en"


@dataclass(frozen=True)
class CodeReport:
    """The grader's JSON report of one submission."""

    report: dict


@dataclass(frozen=True)
class Feedback:
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


@dataclass(frozen=True)
class Skipped:
    question_id: str
    lang: str = "en"


@dataclass(frozen=True)
class Result:
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


@dataclass(frozen=True)
class ChapterScore:
    chapter: int
    title: str
    answered: int
    total: int
    score: float  # sum of scores


@dataclass(frozen=True)
class ExamReport:
    chapters: list[ChapterScore]
    results: list[Result]
    time_up: bool
    lang: str = "en"


@dataclass(frozen=True)
class Summary:
    mode: str
    answered: int
    correct: int
    skipped: int
    score: float
    total: int  # questions planned
    seed: int | None
    ended_by: str  # done | quit | eof | time
    lang: str = "en"
