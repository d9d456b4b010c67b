"""Proving a question against its own checker: its answer scores 1, its listed mistakes do not.

Used by `bank validate`. Every problem is returned as a message (never raised), so
one broken question does not hide the others.
"""

from __future__ import annotations

from collections.abc import Iterable

from mlvc_review.bank.formula import FormulaError, evaluate
from mlvc_review.bank.params import Variant, VariantError, draw_variant, fill
from mlvc_review.bank.model import QuestionBase
from mlvc_review.quiz.checkers.base import Checker, InvalidAnswer


def _answer_problems(question: QuestionBase) -> list[str]:
    """Choice and multi answers must name options."""
    options = getattr(question, "options", None)
    if options is None:
        return []
    ids = [o.id for o in options]
    answers = question.answer if isinstance(question.answer, list) else [question.answer]  # type: ignore[attr-defined]
    problems = [f"answer '{a}' is not one of the option ids {', '.join(ids)}" for a in answers if a not in ids]
    if len(set(ids)) != len(ids):
        problems.append("two options have the same id")
    return problems


def _wrong_inputs(question: QuestionBase, variant: Variant) -> list[tuple[str, str]]:
    """(typed text, the why it must bring up) for every listed wrong answer."""
    out = []
    for wrong in getattr(question, "wrong_answers", []):
        if question.type == "numeric":  # type: ignore[attr-defined]
            text = repr(float(evaluate(wrong.answer, variant.params)))
        else:
            text = fill(str(wrong.answer), variant.params)
        out.append((text, variant.render(wrong.why, "en")))
    return out


def own_answer_problems(question: QuestionBase, variant: Variant, checker: Checker) -> list[str]:
    """The expected answer is shown in every language, and each input the checker says it accepts
    is read and scores as right (a derivation's whole answer is checked with this too)."""
    problems = []
    for lang in question.languages:
        if not checker.expected(question, variant, lang).strip():
            problems.append(f"the expected answer is empty in '{lang}'")
    for raw in checker.accepted_inputs(question, variant):
        try:
            grade = checker.grade(question, variant, checker.parse(question, variant, raw))
        except InvalidAnswer as err:
            problems.append(f"its own answer {raw!r} is not accepted as input: {err.message}")
            continue
        if not grade.correct:
            problems.append(f"its own answer {raw!r} scores {grade.score:g}: {'; '.join(grade.feedback)}")
    return problems


def _check_variant(question: QuestionBase, variant: Variant, checker: Checker) -> list[str]:
    problems = own_answer_problems(question, variant, checker)
    for raw, why in _wrong_inputs(question, variant):
        try:
            grade = checker.grade(question, variant, checker.parse(question, variant, raw))
        except InvalidAnswer as err:
            problems.append(f"wrong answer {raw!r} cannot be read: {err.message}")
            continue
        if grade.correct:
            problems.append(f"wrong answer {raw!r} is accepted as right")
        elif why not in grade.feedback:
            problems.append(f"wrong answer {raw!r} is rejected but its 'why' is not shown")
    return problems


def selfcheck(question: QuestionBase, seeds: Iterable[int] = range(5)) -> list[str]:
    """Problems of `question` against its checker over the variants of `seeds`; empty if fine.

    Args:
        question: a validated bank question.
        seeds: the variant seeds to try.
    Returns:
        Messages such as "seed 3: wrong answer 's*(1+s)' is accepted as right", each once.
    """
    from mlvc_review.quiz.checkers import get_checker

    if question.type == "derivation":  # type: ignore[attr-defined]  # each step proved as its own kind
        from mlvc_review.quiz.checkers.derivation import selfcheck_derivation

        return selfcheck_derivation(question, seeds)  # type: ignore[arg-type]
    problems = _answer_problems(question)
    if problems:
        return problems
    checker = get_checker(question.type)  # type: ignore[attr-defined]
    seen: set[str] = set()
    for seed in seeds:
        try:
            found = _check_variant(question, draw_variant(question, seed), checker)
        except (VariantError, FormulaError) as err:
            found = [f"no variant: {err}"]
        except Exception as err:  # a broken question must be reported, not stop `bank validate`
            found = [f"{type(err).__name__}: {err}"]
        for problem in found:
            if problem not in seen:
                seen.add(problem)
                problems.append(f"seed {seed}: {problem}")
    return problems
