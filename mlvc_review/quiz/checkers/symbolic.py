"""Checker for symbolic answers (derivatives, closed forms), read safely and compared by value.

The student's text is first rewritten from the notations students use (Greek letters,
LaTeX, subscripts: `notation`), then read by the same safe reader as the reference
answer and each listed wrong answer (whose `{{name}}` placeholders are filled from the
variant). What was understood is echoed in the student's own order (`echo`). Sympy is
imported only when a symbolic answer is actually read.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from mlvc_review.bank.params import Variant, fill
from mlvc_review.bank.model import Assumptions, SymbolicQuestion
from mlvc_review.quiz.checkers.base import Grade, InvalidAnswer, Parsed, tr
from mlvc_review.quiz.checkers.echo import show
from mlvc_review.quiz.checkers.equivalence import equivalent, numeric_verdict, simplify_is_zero
from mlvc_review.quiz.checkers.notation import Vocabulary, rewrite
from mlvc_review.quiz.checkers.sympy_build import make_symbols, to_sympy
from mlvc_review.quiz import safe_expr  # a module import: safe_expr imports this package


def pretty(expr: Any) -> str:
    """Sympy's str of an expression with powers shown as ^."""
    return str(expr).replace("**", "^")


Variables = tuple[tuple[str, Assumptions], ...]


def read(text: str, variables: Variables, functions: tuple[str, ...]) -> tuple[safe_expr.SafeExpr, Any]:
    """The checked formula and its sympy expression; InvalidAnswer when `text` is not allowed."""
    safe = safe_expr.parse_safe(text, [name for name, _ in variables], functions)
    try:
        return safe, to_sympy(safe, make_symbols(dict(variables)))
    except InvalidAnswer:
        raise
    except (ArithmeticError, ValueError, TypeError, RecursionError, MemoryError) as err:
        raise InvalidAnswer.of("cannot build this expression ({e})", "无法构造这个表达式（{e}）",
                               e=type(err).__name__) from None


_read_trusted = lru_cache(maxsize=512)(read)


def _key(question: SymbolicQuestion) -> tuple[Variables, tuple[str, ...]]:
    return tuple(sorted(question.variables.items())), tuple(question.functions)


class SymbolicChecker:
    """Right when the answer equals the reference as a function of the variables."""

    seconds: float = 1.5

    def reference(self, question: SymbolicQuestion, variant: Variant) -> tuple[safe_expr.SafeExpr, Any]:
        return _read_trusted(fill(question.answer, variant.params), *_key(question))

    def parse(self, question: SymbolicQuestion, variant: Variant, raw: str, lang: str = "en") -> Parsed:
        vocabulary = Vocabulary.of(question, safe_expr.BASE_FUNCTIONS + tuple(question.functions))
        safe, expr = read(rewrite(raw.strip(), vocabulary), *_key(question))
        return Parsed(value=(safe, expr), understood=show(safe.tree), warnings=list(safe.warnings))

    def grade(self, question: SymbolicQuestion, variant: Variant, parsed: Parsed, lang: str = "en") -> Grade:
        safe, expr = parsed.value
        ref_safe, ref_expr = self.reference(question, variant)
        verdict = equivalent(safe, ref_safe, expr, ref_expr, question.variables, variant.rng("points"), self.seconds)
        expected = self.expected(question, variant, lang)
        if verdict.same:
            return Grade.of(1.0, [tr(lang, "equivalent ({h})", "等价（{h}）", h=verdict.text(lang))], expected)
        feedback = []
        for wrong in question.wrong_answers:
            try:
                w_safe, w_expr = _read_trusted(fill(str(wrong.answer), variant.params), *_key(question))
            except InvalidAnswer:
                continue
            same = numeric_verdict(safe, w_safe, question.variables, variant.rng("points")).same
            if same is None:
                same = simplify_is_zero(expr - w_expr, self.seconds / 3)
            if same:
                feedback.append(variant.render(wrong.why, lang))
        if not feedback:
            feedback.append(tr(lang, "not equivalent: {h}", "不等价：{h}", h=verdict.text(lang)))
        return Grade.of(0.0, feedback, expected)

    def expected(self, question: SymbolicQuestion, variant: Variant, lang: str = "en") -> str:
        return fill(question.answer, variant.params)

    def accepted_inputs(self, question: SymbolicQuestion, variant: Variant) -> list[str]:
        return [fill(question.answer, variant.params)]
