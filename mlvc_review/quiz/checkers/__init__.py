"""Answer checkers, one per question type: `parse` (invalid input is not an attempt), then `grade`.

`CHECKERS` maps a question type to its checker; `selfcheck` proves that a question's
own answer is accepted and its listed wrong answers are rejected (for `bank validate`).
Importing this package imports neither sympy nor numpy: each checker's module is
imported the first time a question of its type is asked (the quiz's start-up).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping

from mlvc_review.quiz.checkers.base import Checker, Grade, InvalidAnswer, Parsed
from mlvc_review.quiz.checkers.choice import options_for
from mlvc_review.quiz.checkers.selfcheck import selfcheck


class _Registry(Mapping[str, Checker]):
    """Question type -> checker, each created from "module:Class" on first use."""

    def __init__(self, paths: dict[str, str]):
        self._paths = paths
        self._made: dict[str, Checker] = {}

    def __getitem__(self, qtype: str) -> Checker:
        if qtype not in self._made:
            module, name = self._paths[qtype].split(":")
            self._made[qtype] = getattr(importlib.import_module(f"{__name__}.{module}"), name)()
        return self._made[qtype]

    def __iter__(self) -> Iterator[str]:
        return iter(self._paths)

    def __len__(self) -> int:
        return len(self._paths)


CHECKERS: Mapping[str, Checker] = _Registry(
    {
        "choice": "choice:ChoiceChecker",
        "multi": "choice:MultiChecker",
        "numeric": "numeric:NumericChecker",
        "symbolic": "symbolic:SymbolicChecker",
        "matrix_expr": "matrix:MatrixChecker",
        "flashcard": "flashcard:FlashcardChecker",
        "code": "flashcard:CodeChecker",
        "derivation": "derivation:DerivationChecker",
    }
)


def get_checker(qtype: str) -> Checker:
    """The checker of question type `qtype`; KeyError names the known types."""
    try:
        return CHECKERS[qtype]
    except KeyError:
        raise KeyError(f"no checker for question type '{qtype}'; known: {', '.join(CHECKERS)}") from None


__all__ = [
    "CHECKERS", "Checker", "Grade", "InvalidAnswer", "Parsed", "get_checker", "options_for", "selfcheck",
]
