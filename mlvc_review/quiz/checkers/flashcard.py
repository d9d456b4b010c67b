"""Checker for flashcards (the student rates their own recall) and the registry stub for code tasks."""

from __future__ import annotations

from mlvc_review.bank.params import Variant
from mlvc_review.bank.model import CodeQuestion, FlashcardQuestion
from mlvc_review.quiz.checkers.base import Grade, InvalidAnswer, Parsed, tr

# rating -> score; the rating names are the scheduler's (FSRS: again, hard, good, easy)
RATINGS: dict[str, float] = {"again": 0.0, "hard": 0.5, "good": 1.0, "easy": 1.0}
RATING_ALIASES: dict[str, str] = {
    **{name: name for name in RATINGS},
    **{name[0]: name for name in RATINGS},
    **{str(i + 1): name for i, name in enumerate(RATINGS)},
    "重来": "again", "困难": "hard", "良好": "good", "简单": "easy",
}


class FlashcardChecker:
    """`parse` reads the self-rating (1-4, again/hard/good/easy, a/h/g/e); good and easy score 1."""

    def parse(self, question: FlashcardQuestion, variant: Variant, raw: str, lang: str = "en") -> Parsed:
        rating = RATING_ALIASES.get(raw.strip().lower().rstrip("."))
        if rating is None:
            raise InvalidAnswer(tr(lang, "rate your recall: 1 again, 2 hard, 3 good, 4 easy",
                                   "请自评：1 重来，2 困难，3 良好，4 简单"))
        return Parsed(value=rating, understood=rating)

    def grade(self, question: FlashcardQuestion, variant: Variant, parsed: Parsed, lang: str = "en") -> Grade:
        return Grade.of(RATINGS[parsed.value], [], self.expected(question, variant, lang))

    def expected(self, question: FlashcardQuestion, variant: Variant, lang: str = "en") -> str:
        return variant.render(question.answer, lang)

    def accepted_inputs(self, question: FlashcardQuestion, variant: Variant) -> list[str]:
        return ["good", "4", "E"]


class CodeChecker:
    """Code tasks are graded from a file by `mlvc-review grade`; typed answers are refused."""

    def _refuse(self, lang: str) -> InvalidAnswer:
        return InvalidAnswer(tr(lang, "code questions are graded from a file: mlvc-review grade FILE",
                                "编程题通过文件评分：mlvc-review grade FILE"))

    def parse(self, question: CodeQuestion, variant: Variant, raw: str, lang: str = "en") -> Parsed:
        raise self._refuse(lang)

    def grade(self, question: CodeQuestion, variant: Variant, parsed: Parsed, lang: str = "en") -> Grade:
        raise self._refuse(lang)

    def expected(self, question: CodeQuestion, variant: Variant, lang: str = "en") -> str:
        return tr(lang, "a function `{f}` in your file (mlvc-review grade FILE)",
                  "在你的文件中定义函数 `{f}`（mlvc-review grade FILE）", f=question.function)

    def accepted_inputs(self, question: CodeQuestion, variant: Variant) -> list[str]:
        return []
