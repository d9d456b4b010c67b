"""Checker for derivations: ordered steps, each checked like a symbolic, matrix or numeric question.

Each step is seen as a question of its `kind` (`step_question`): the derivation's
id, chapter, parameters and variant, with the step's prompt, answer, wrong answers
and explanation. So a step is read and graded by the very checker of that type,
and `bank validate` proves every step as it proves such a question.

In a session the steps are asked one at a time (`mlvc_review.quiz.derivation`),
each through a `StepChecker`. As a whole (a scripted answer, `bank validate`) a
derivation's answer is one line per step, an empty line for a step given up; its
score is the mean of the step scores, right only when every step is right.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from mlvc_review.bank import model
from mlvc_review.bank.model import DerivationQuestion, QuestionBase
from mlvc_review.bank.params import Variant
from mlvc_review.quiz.checkers.base import Grade, InvalidAnswer, Parsed, tr

_KIND_FIELDS = {
    "symbolic": ("variables", "functions", "wrong_answers"),
    "matrix_expr": ("symbols", "wrong_answers"),
    "numeric": ("tolerance", "unit", "wrong_answers"),
}


def step_question(question: DerivationQuestion, index: int) -> QuestionBase:
    """Step `index` (0-based) of `question` as a question of the step's kind (same id and parameters)."""
    step = question.steps[index]
    fields: dict[str, Any] = {name: getattr(question, name) for name in model.QuestionBase.fields}
    fields.update(prompt=step.prompt, explanation=step.explanation or question.explanation, hints=[],
                  notes_slip=None, type=step.kind)
    fields.update({name: getattr(step, name) for name in _KIND_FIELDS[step.kind]})
    fields["answer"] = step.answer if step.kind == "numeric" else str(step.answer)
    return model.QUESTION_TYPES[step.kind](**fields)


def _checker(kind: str) -> Any:
    from mlvc_review.quiz.checkers import get_checker

    return get_checker(kind)


class StepChecker:
    """The checker of one step, speaking the `Checker` protocol about the whole derivation.

    The session's answer loop passes the derivation; this reads and grades the answer
    as the step's own question.
    """

    def __init__(self, question: DerivationQuestion, index: int):
        self.index = index
        self.question = step_question(question, index)
        self.checker = _checker(self.question.type)  # type: ignore[attr-defined]

    def parse(self, question: Any, variant: Variant, raw: str, lang: str = "en") -> Parsed:
        return self.checker.parse(self.question, variant, raw, lang)

    def grade(self, question: Any, variant: Variant, parsed: Parsed, lang: str = "en") -> Grade:
        return self.checker.grade(self.question, variant, parsed, lang)

    def expected(self, question: Any, variant: Variant, lang: str = "en") -> str:
        return self.checker.expected(self.question, variant, lang)

    def accepted_inputs(self, question: Any, variant: Variant) -> list[str]:
        return self.checker.accepted_inputs(self.question, variant)


def steps_of(question: DerivationQuestion) -> list[StepChecker]:
    return [StepChecker(question, i) for i in range(len(question.steps))]


def combine(grades: list[Grade | None], expected: str, lang: str = "en") -> Grade:
    """The derivation's grade from its steps' (None: given up, scores 0): mean score, a line per step."""
    feedback = []
    for number, grade in enumerate(grades, 1):
        if grade is None:
            feedback.append(tr(lang, "step {n}: given up", "第 {n} 步：放弃", n=number))
        elif grade.correct:
            feedback.append(tr(lang, "step {n}: right", "第 {n} 步：正确", n=number))
        else:
            lines = "; ".join(line for line in grade.feedback if line)
            head = tr(lang, "step {n}: {s:.0%}", "第 {n} 步：{s:.0%}", n=number, s=grade.score)
            feedback.append(f"{head}" + (f" — {lines}" if lines else ""))
    score = sum(g.score for g in grades if g is not None) / len(grades)
    return Grade.of(score, feedback, expected)


class DerivationChecker:
    """A whole derivation: one line per step (empty: given up); score = mean of the step scores."""

    def parse(self, question: DerivationQuestion, variant: Variant, raw: str, lang: str = "en") -> Parsed:
        lines = raw.split("\n")
        n = len(question.steps)
        if len(lines) != n:
            raise InvalidAnswer.of("a derivation is answered with one line per step ({n} lines, got {k})",
                                   "推导题每一步写一行（共 {n} 行，实际 {k} 行）", n=n, k=len(lines))
        parsed: list[Parsed | None] = []
        for number, (step, line) in enumerate(zip(steps_of(question), lines), 1):
            if not line.strip():
                parsed.append(None)
                continue
            try:
                parsed.append(step.parse(question, variant, line, lang))
            except InvalidAnswer as err:
                raise InvalidAnswer(tr(lang, "step {n}: {m}", "第 {n} 步：{m}", n=number, m=err.text(lang)),
                                    err.understood) from None
        understood = " | ".join("—" if p is None else p.understood for p in parsed)
        warnings = [w for p in parsed if p is not None for w in p.warnings]
        return Parsed(value=parsed, understood=understood, warnings=warnings)

    def grade(self, question: DerivationQuestion, variant: Variant, parsed: Parsed, lang: str = "en") -> Grade:
        grades = [None if p is None else step.grade(question, variant, p, lang)
                  for step, p in zip(steps_of(question), parsed.value)]
        return combine(grades, self.expected(question, variant, lang), lang)

    def expected(self, question: DerivationQuestion, variant: Variant, lang: str = "en") -> str:
        return "; ".join(f"{i}) {step.expected(question, variant, lang)}" for i, step in enumerate(steps_of(question), 1))

    def accepted_inputs(self, question: DerivationQuestion, variant: Variant) -> list[str]:
        per_step = [step.accepted_inputs(question, variant) for step in steps_of(question)]
        if not all(per_step):
            return []
        return ["\n".join(inputs[0] for inputs in per_step), "\n".join(inputs[-1] for inputs in per_step)]


def _whole(question: DerivationQuestion, variant: Variant) -> list[str]:
    """The derivation's own answer (one line per step) is read and scores 1; its expected text is not empty."""
    from mlvc_review.quiz.checkers.selfcheck import own_answer_problems

    return own_answer_problems(question, variant, DerivationChecker())


def selfcheck_derivation(question: DerivationQuestion, seeds: Iterable[int]) -> list[str]:
    """Problems of a derivation (for `bank validate`); never raises.

    Every step is proved as a question of its kind (its answer accepted, its wrong
    answers rejected with their why, a numeric step's rounding rule), then the whole
    derivation's own answer. Messages name the step.
    """
    from mlvc_review.bank.params import draw_variant
    from mlvc_review.quiz.checkers.numeric import rounding_problems
    from mlvc_review.quiz.checkers.selfcheck import selfcheck

    seeds = list(seeds)
    problems = []
    for index in range(len(question.steps)):
        view = step_question(question, index)
        found = selfcheck(view, seeds)
        if view.type == "numeric":  # type: ignore[attr-defined]
            found += [f"rounding: {p}" for p in rounding_problems(view, seeds)]  # type: ignore[arg-type]
        problems += [f"step {index + 1}: {p}" for p in found]
    if problems:
        return problems
    for seed in seeds:
        try:
            found = _whole(question, draw_variant(question, seed))
        except Exception as err:  # a broken question must be reported, not stop `bank validate`
            found = [f"{type(err).__name__}: {err}"]
        problems += [f"seed {seed}: {p}" for p in found if f"seed {seed}: {p}" not in problems]
    return problems
