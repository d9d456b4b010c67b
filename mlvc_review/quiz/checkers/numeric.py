"""Checker for numeric answers: a number or arithmetic of numbers, optionally followed by the unit.

The typed text is read by `numbers.read_number` (Unicode minus, full-width digits,
`1/4`, `25%`, `86,016`, the question's unit with its case, ...). The answer is right
when |got - want| <= abs + rel * |want| (the question's tolerance), or when it is the
answer correctly rounded to the precision the prompt states, or to at least 3
significant figures where it states none (`rounding`).
"""

from __future__ import annotations

from mlvc_review.bank.formula import FormulaError, evaluate
from mlvc_review.bank.params import Variant, fmt
from mlvc_review.bank.model import NumericQuestion
from mlvc_review.quiz.checkers.base import Grade, InvalidAnswer, Parsed, tr
from mlvc_review.quiz.checkers.numbers import read_number
from mlvc_review.quiz.checkers.rounding import Precision, precision_of, rounded_forms, rounded_right


def units(question: NumericQuestion) -> list[str]:
    """The question's unit in every language it has one."""
    if question.unit is None:
        return []
    return [u.strip() for u in (question.unit.en, question.unit.zh) if u]


def precision(question: NumericQuestion) -> Precision:
    """The precision the prompt asks for (English first), or the default of 3 significant figures."""
    return precision_of([question.prompt.en, question.prompt.zh or ""])


def within(got: float, want: float, question: NumericQuestion) -> bool:
    """|got - want| <= abs + rel * |want| (the question's tolerance)."""
    tol = question.tolerance
    return abs(got - want) <= tol.abs + tol.rel * abs(want)


class NumericChecker:
    """Compares with `evaluate(question.answer, variant.params)`; known wrong values explain themselves."""

    def want(self, question: NumericQuestion, variant: Variant) -> float:
        return float(evaluate(question.answer, variant.params))

    def parse(self, question: NumericQuestion, variant: Variant, raw: str, lang: str = "en") -> Parsed:
        shown = variant.render(question.unit, lang) if question.unit else None
        value = read_number(raw.strip(), units(question), shown)
        return Parsed(value=value, understood=fmt(value))

    def accepts(self, question: NumericQuestion, got: float, want: float) -> bool:
        """Within the tolerance, or `want` correctly rounded to the question's precision."""
        return within(got, want, question) or rounded_right(got, want, precision(question))

    def grade(self, question: NumericQuestion, variant: Variant, parsed: Parsed, lang: str = "en") -> Grade:
        want, got = self.want(question, variant), float(parsed.value)
        expected = self.expected(question, variant, lang)
        if self.accepts(question, got, want):
            tol = question.tolerance.abs + question.tolerance.rel * abs(want)
            note = [] if got == want else [
                tr(lang, "right within tolerance {t}", "在容差 {t} 内正确", t=fmt(tol)) if within(got, want, question)
                else tr(lang, "right: correctly rounded", "正确：四舍五入无误")]
            return Grade.of(1.0, note, expected)
        feedback = []
        for wrong in question.wrong_answers:
            try:
                value = float(evaluate(wrong.answer, variant.params))
            except (FormulaError, OverflowError):
                continue
            if within(got, value, question) or rounded_right(got, value, precision(question)):
                feedback.append(variant.render(wrong.why, lang))
        return Grade.of(0.0, feedback, expected)

    def shown_want(self, question: NumericQuestion, variant: Variant) -> str:
        """The answer with the fewest digits (6 at least) that the tolerance still accepts."""
        want = self.want(question, variant)
        for digits in range(6, 18):
            text = fmt(want) if digits == 6 else f"{want:.{digits}g}"
            if within(float(text), want, question):
                return text
        return repr(want)

    def expected(self, question: NumericQuestion, variant: Variant, lang: str = "en") -> str:
        value = self.shown_want(question, variant)
        return f"{value} {variant.render(question.unit, lang)}" if question.unit else value

    def accepted_inputs(self, question: NumericQuestion, variant: Variant) -> list[str]:
        want, shown = self.want(question, variant), self.shown_want(question, variant)
        inputs = [repr(want), shown]
        if question.unit is not None:
            inputs.append(f"{shown} {question.unit.en}")
        return inputs

    def rounding_problems(self, question: NumericQuestion, variant: Variant) -> list[str]:
        """The answer rounded as the rule says (computed here, from the reference) must be accepted."""
        problems = []
        rule = precision(question)
        for text, how in rounded_forms(self.want(question, variant), rule):
            try:
                grade = self.grade(question, variant, self.parse(question, variant, text))
            except InvalidAnswer as err:
                problems.append(f"the answer rounded to {how} ({text}) cannot be read: {err.message}")
                continue
            if not grade.correct:
                said = "the prompt asks for" if rule.stated else "the prompt states no precision, so the rule is"
                problems.append(f"the answer rounded to {how} ({text}) is rejected; {said} {rule.count} {rule.kind}")
        want = self.want(question, variant)
        for wrong in question.wrong_answers:
            try:
                value = float(evaluate(wrong.answer, variant.params))
            except (FormulaError, OverflowError):
                continue
            text, how = (rounded_forms(value, rule) or [("", "")])[0]
            if text and not within(value, want, question) and self.accepts(question, float(text), want):
                problems.append(f"the listed mistake '{wrong.answer}' = {value:g} rounded to {how} ({text}) is "
                                f"accepted as right: state a finer precision in the prompt")
        return problems


def rounding_problems(question: NumericQuestion, seeds: range = range(6)) -> list[str]:
    """Problems with the rounding rule of a numeric question over `seeds` (for `bank validate`); never raises.

    The prompt states the same precision in every language, and the answer rounded as
    the rule says (computed from the reference) is accepted by the checker.
    """
    from mlvc_review.bank.params import draw_variant
    from mlvc_review.quiz.checkers.rounding import stated_precision

    stated = {lang: stated_precision(question.prompt.get(lang)) for lang in question.prompt.languages}
    if len(set(stated.values())) > 1:
        return ["the prompt states a different precision in each language: "
                + ", ".join(f"{lang}: {p.count} {p.kind}" if p else f"{lang}: none" for lang, p in stated.items())]
    checker, seen = NumericChecker(), {}  # problem -> the seeds that show it
    for seed in seeds:
        try:
            found = checker.rounding_problems(question, draw_variant(question, seed))
        except Exception as err:  # a broken question is reported by the other rules too
            found = [f"cannot check the rounding: {type(err).__name__}: {err}"]
        for problem in found:
            seen.setdefault(problem, []).append(seed)
    return [f"seed{'s' * (len(s) > 1)} {', '.join(map(str, s))}: {p}" for p, s in seen.items()]
