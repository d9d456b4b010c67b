"""The contract every answer checker follows: `parse` (invalid is not an attempt), then `grade`.

A checker is stateless; the question model and the drawn `Variant` are passed in.
`InvalidAnswer` carries a message for the student (and, where something was
understood, what), and the quiz asks again without counting an attempt.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from mlvc_review.bank.params import Variant
from mlvc_review.bank.model import Localized


class InvalidAnswer(Exception):
    """Malformed input: shown to the student, who is asked again; not an attempt.

    Args:
        message: what is wrong with the input (English, or already in the student's language).
        understood: what was understood so far (e.g. a parsed prefix), or None.
        zh: the same message in Chinese, when the raiser did not know the session's language.
    """

    def __init__(self, message: str, understood: str | None = None, zh: str | None = None):
        super().__init__(message)
        self.message = message
        self.understood = understood
        self.zh = zh

    @classmethod
    def of(cls, en: str, zh: str, understood: str | None = None, **values: object) -> "InvalidAnswer":
        """An InvalidAnswer in both languages, `{name}` fields filled from `values` (texts without values are literal)."""
        if not values:
            return cls(en, understood, zh)
        return cls(en.format(**values), understood, zh.format(**values))

    def text(self, lang: str = "en") -> str:
        """The message in `lang` (English when there is no Chinese version)."""
        return self.zh if lang == "zh" and self.zh else self.message


@dataclass(frozen=True)
class Parsed:
    """A well-formed answer: its value, an echo of how it was read, and soft warnings."""

    value: Any
    understood: str
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Grade:
    """The outcome of one attempt: a score in 0..1, feedback lines, and the expected answer."""

    score: float
    correct: bool
    feedback: list[str]
    expected: str

    @classmethod
    def of(cls, score: float, feedback: list[str], expected: str) -> "Grade":
        """A grade whose `correct` follows from `score` (== 1)."""
        score = min(1.0, max(0.0, float(score)))
        return cls(score=score, correct=score == 1.0, feedback=list(feedback), expected=expected)


class Checker(Protocol):
    """One per question type, registered in `mlvc_review.quiz.checkers.CHECKERS`."""

    def parse(self, question: Any, variant: Variant, raw: str, lang: str = "en") -> Parsed: ...

    def grade(self, question: Any, variant: Variant, parsed: Parsed, lang: str = "en") -> Grade: ...

    def expected(self, question: Any, variant: Variant, lang: str = "en") -> str: ...

    def accepted_inputs(self, question: Any, variant: Variant) -> list[str]: ...


def tr(lang: str, en: str, zh: str, **values: object) -> str:
    """`en` or `zh` (by `lang`) with `{name}` fields filled from `values`."""
    return (zh if lang == "zh" else en).format(**values)


def why_text(variant: Variant, why: Localized | None, lang: str) -> str | None:
    """A `why` text rendered for the variant, or None when there is none."""
    return variant.render(why, lang) if why is not None else None

