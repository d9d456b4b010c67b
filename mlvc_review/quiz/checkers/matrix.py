"""Checker for matrix-expression answers (the normal equation, ridge regression, ...).

The student's text is first rewritten from the notations students use (`notation`:
Greek letters, LaTeX, `Xw` for declared X and w). A syntax error, an unknown symbol or
a division by a matrix is an InvalidAnswer; a shape mismatch is a
graded wrong answer whose feedback explains it in dimension names; otherwise the
answer is compared with the reference on random instances (`matrix_instances`)
with rtol 1e-6.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mlvc_review.bank.params import Variant, fill
from mlvc_review.bank.model import MatrixQuestion
from mlvc_review.quiz.checkers.base import Grade, InvalidAnswer, Parsed, tr
from mlvc_review.quiz.checkers.matrix_eval import Eye, Singular, dense, value_of
from mlvc_review.quiz.checkers.matrix_shapes import MatrixDivision, ShapeMismatch, shape_of, show
from mlvc_review.quiz.checkers.matrix_instances import Instance, instances
from mlvc_review.quiz.checkers.notation import Vocabulary, rewrite
from mlvc_review.quiz import matrix_expr as mx  # a module import: matrix_expr imports this package

RTOL = 1e-6


def close(got: Any, want: Any) -> bool:
    """Same size and np.allclose(got, want, rtol=1e-6) with an absolute floor scaled to `want`.

    A scaled identity (`Eye`) takes the size of the other side; anything not finite is not close.
    """
    got, want = dense(got, want), dense(want, got)
    if isinstance(got, Eye) or isinstance(want, Eye):
        got, want = (x.c if isinstance(x, Eye) else x for x in (got, want))
        if isinstance(got, np.ndarray) or isinstance(want, np.ndarray):
            return False
    got, want = np.asarray(got, dtype=float), np.asarray(want, dtype=float)
    if got.size != want.size or not (np.all(np.isfinite(got)) and np.all(np.isfinite(want))):
        return False
    scale = max(1.0, float(np.max(np.abs(want))))
    return bool(np.allclose(got.reshape(want.shape), want, rtol=RTOL, atol=1e-9 * scale))


def _same_shape(a: tuple, b: tuple) -> bool:
    return a == b or {a, b} <= {(), (1, 1)}


class MatrixChecker:
    """Numeric equivalence on random instances, after a shape check in dimension names."""

    def _read(self, question: MatrixQuestion, text: str) -> mx.Node:
        return mx.parse_matrix(text, question.symbols)

    def parse(self, question: MatrixQuestion, variant: Variant, raw: str, lang: str = "en") -> Parsed:
        node = self._read(question, rewrite(raw.strip(), Vocabulary.of(question)))
        try:
            shape_of(node, question.symbols)
        except MatrixDivision as err:  # notation, not a wrong answer: asked again
            raise InvalidAnswer(f"{err}: write inv(B) A or A inv(B) for a matrix B", mx.render(node),
                                f"{err.text('zh')}：矩阵 B 请写成 inv(B) A 或 A inv(B)") from None
        except ShapeMismatch:
            pass  # a wrong answer, explained when it is graded
        return Parsed(value=node, understood=mx.render(node))

    def _mismatch(self, question: MatrixQuestion, node: mx.Node, ref: mx.Node, lang: str) -> str | None:
        """Why `node` cannot equal `ref` by shape alone, or None."""
        try:
            got = shape_of(node, question.symbols)
        except ShapeMismatch as err:
            return err.text(lang)
        try:
            want = shape_of(ref, question.symbols)
        except ShapeMismatch as err:
            return f"the reference answer does not typecheck: {err}"
        if got == ("I",):
            return tr(lang, "the size of I cannot be told from this expression", "无法从这个表达式确定 I 的大小")
        if not _same_shape(got, want):
            return tr(lang, "your answer is {g}, but the answer is {w}", "你的答案是 {g}，但正确答案是 {w}",
                      g=show(got, lang), w=show(want, lang))
        return None

    def _agrees(self, question: MatrixQuestion, node: mx.Node, cases: list[Instance],
                other: mx.Node | None = None, lang: str = "en") -> tuple[bool, str | None]:
        """(`node` equals the reference, or `other`, on every instance; what shows otherwise)."""
        for case in cases:
            try:
                got = value_of(node, case.values, question.symbols)
                want = case.want if other is None else value_of(other, case.values, question.symbols)
            except Singular as err:
                return False, tr(lang, "{m} is singular (cannot be inverted) for {c}", "{m} 是奇异的（不可逆），此时 {c}",
                                 m=err, c=case.describe(lang))
            if not close(got, want):
                return False, tr(lang, "the values differ for {c}", "取值不同，此时 {c}", c=case.describe(lang))
        return True, None

    def _matches(self, question: MatrixQuestion, node: mx.Node, wrong: mx.Node, cases: list[Instance]) -> bool:
        """Whether the student's `node` is the listed wrong answer `wrong` (same text or same values)."""
        if mx.render(node) == mx.render(wrong):
            return True
        try:
            fits = _same_shape(shape_of(node, question.symbols), shape_of(wrong, question.symbols))
        except ShapeMismatch:
            return False
        return fits and bool(cases) and self._agrees(question, node, cases, wrong)[0]

    def grade(self, question: MatrixQuestion, variant: Variant, parsed: Parsed, lang: str = "en") -> Grade:
        node: mx.Node = parsed.value
        ref = self._read(question, fill(question.answer, variant.params))
        expected = self.expected(question, variant, lang)
        mismatch = self._mismatch(question, node, ref, lang)
        try:
            cases = instances(question, ref, variant.rng("matrix"))
        except ValueError as err:  # a broken reference (ShapeMismatch, always singular): selfcheck reports it
            cases, mismatch = [], mismatch or f"the reference answer cannot be evaluated: {err}"
        if mismatch is None:
            same, why = self._agrees(question, node, cases, lang=lang)
            if same:
                note = tr(lang, "equal on {k} random instances", "在 {k} 个随机实例上相等", k=len(cases))
                return Grade.of(1.0, [note], expected)
        feedback = [mismatch or why or ""]
        for wrong in question.wrong_answers:
            try:
                w_node = self._read(question, fill(str(wrong.answer), variant.params))
            except InvalidAnswer:
                continue
            if self._matches(question, node, w_node, cases):
                feedback.append(variant.render(wrong.why, lang))
        return Grade.of(0.0, feedback, expected)

    def expected(self, question: MatrixQuestion, variant: Variant, lang: str = "en") -> str:
        return mx.render(self._read(question, fill(question.answer, variant.params)))

    def accepted_inputs(self, question: MatrixQuestion, variant: Variant) -> list[str]:
        answer = fill(question.answer, variant.params)
        return [answer, mx.render(self._read(question, answer))]
