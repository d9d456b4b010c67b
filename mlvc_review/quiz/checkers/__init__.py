"""Answer checkers, one per question type: `parse` (invalid input is not an attempt), then `grade`.

`CHECKERS` maps a question type to its checker; `selfcheck` proves that a question's
own answer is accepted and its listed wrong answers are rejected (for `bank validate`).
Importing this package does not import sympy (only reading a symbolic answer does).
"""

from __future__ import annotations

from mlvc_review.quiz.checkers.base import Checker, Grade, InvalidAnswer, Parsed
from mlvc_review.quiz.checkers.choice import ChoiceChecker, MultiChecker, options_for
from mlvc_review.quiz.checkers.flashcard import CodeChecker, FlashcardChecker
from mlvc_review.quiz.checkers.matrix import MatrixChecker
from mlvc_review.quiz.checkers.numeric import NumericChecker
from mlvc_review.quiz.checkers.selfcheck import selfcheck
from mlvc_review.quiz.checkers.symbolic import SymbolicChecker

CHECKERS: dict[str, Checker] = {
    "choice": ChoiceChecker(),
    "multi": MultiChecker(),
    "numeric": NumericChecker(),
    "symbolic": SymbolicChecker(),
    "matrix_expr": MatrixChecker(),
    "flashcard": FlashcardChecker(),
    "code": CodeChecker(),
}


def get_checker(qtype: str) -> Checker:
    """The checker of question type `qtype`; KeyError names the known types."""
    try:
        return CHECKERS[qtype]
    except KeyError:
        raise KeyError(f"no checker for question type '{qtype}'; known: {', '.join(CHECKERS)}") from None


__all__ = [
    "CHECKERS", "Checker", "Grade", "InvalidAnswer", "Parsed", "get_checker", "options_for", "selfcheck",
]
