"""Checker for numeric answers: a number or arithmetic of numbers, optionally followed by the unit.

Input is read with the bank's safe formula evaluator with no parameters bound, so
"12", "-3.5", "1e-4", "1/3", "2^10" and "sqrt(2)" all work and names do not.
The answer is right when |got - want| <= abs + rel * |want|.
"""

from __future__ import annotations

import math
import re

from mlvc_review.bank.formula import FormulaError, evaluate
from mlvc_review.bank.params import Variant, fmt
from mlvc_review.bank.model import NumericQuestion
from mlvc_review.quiz.checkers.base import Grade, InvalidAnswer, Parsed, tr

MAX_LENGTH = 200
_TRAILING_WORD = re.compile(r"^(?P<number>.*?)\s*(?P<unit>[^\d\s()+\-*/^.,]+)$")


def _units(question: NumericQuestion) -> list[str]:
    if question.unit is None:
        return []
    return [u.strip() for u in (question.unit.en, question.unit.zh) if u]


def _strip_unit(question: NumericQuestion, text: str, lang: str) -> str:
    """`text` without a trailing unit word; an unknown unit word is an InvalidAnswer."""
    for unit in sorted(_units(question), key=len, reverse=True):
        if text.lower().endswith(unit.lower()) and len(text) > len(unit):
            return text[: -len(unit)].strip()
    match = _TRAILING_WORD.match(text)
    if match and match.group("number") and match.group("unit").lower() not in {"pi", "e"}:
        unit = match.group("unit")
        if question.unit is None:
            raise InvalidAnswer(tr(lang, "this answer has no unit; give just the number (not '{u}')",
                                   "这个答案没有单位；只写数字（不要 '{u}'）", u=unit))
        raise InvalidAnswer(tr(lang, "the unit here is '{w}', not '{u}'", "这里的单位是 '{w}'，不是 '{u}'",
                               w=question.unit.get(lang), u=unit))
    return text


def read_number(text: str, lang: str = "en") -> float:
    """The value of a typed number or arithmetic of numbers; InvalidAnswer otherwise."""
    if len(text) > MAX_LENGTH:
        raise InvalidAnswer(tr(lang, "the answer is too long", "答案太长"))
    try:
        result = evaluate(text.strip(), {})
        if isinstance(result, bool):
            raise FormulaError("a comparison is not a number")
        value = float(result)
    except (FormulaError, OverflowError, RecursionError, MemoryError) as err:
        reason = str(err) if isinstance(err, FormulaError) else "too large"
        raise InvalidAnswer(tr(lang, "not a number: {r}", "不是一个数：{r}", r=reason)) from None
    if not math.isfinite(value):
        raise InvalidAnswer(tr(lang, "not a finite number", "不是有限的数"))
    return value


def within(got: float, want: float, question: NumericQuestion) -> bool:
    """|got - want| <= abs + rel * |want| (the question's tolerance)."""
    tol = question.tolerance
    return abs(got - want) <= tol.abs + tol.rel * abs(want)


class NumericChecker:
    """Compares with `evaluate(question.answer, variant.params)`; known wrong values explain themselves."""

    def want(self, question: NumericQuestion, variant: Variant) -> float:
        return float(evaluate(question.answer, variant.params))

    def parse(self, question: NumericQuestion, variant: Variant, raw: str, lang: str = "en") -> Parsed:
        text = raw.strip()
        if not text:
            raise InvalidAnswer(tr(lang, "type a number", "请输入一个数"))
        value = read_number(_strip_unit(question, text, lang), lang)
        return Parsed(value=value, understood=fmt(value))

    def grade(self, question: NumericQuestion, variant: Variant, parsed: Parsed, lang: str = "en") -> Grade:
        want, got = self.want(question, variant), float(parsed.value)
        expected = self.expected(question, variant, lang)
        tol = question.tolerance.abs + question.tolerance.rel * abs(want)
        if within(got, want, question):
            note = [] if got == want else [tr(lang, "right within tolerance {t}", "在容差 {t} 内正确", t=fmt(tol))]
            return Grade.of(1.0, note, expected)
        feedback = []
        for wrong in question.wrong_answers:
            try:
                value = float(evaluate(wrong.answer, variant.params))
            except (FormulaError, OverflowError):
                continue
            if within(got, value, question):
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
