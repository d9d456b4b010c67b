"""How much a student scores without knowing anything: the bank's test-taking strategies.

A score means readiness only if guessing by the look of the options does not pay.
Five strategies are measured, each with the quiz's own checkers (so the figure is
what a student would really score):

- "longest": in every choice question, pick the longest option (ties: the average
  over the tied options), in each language the question has; the worse language
  counts. Limit: 40% of the choice questions.
- "shortest": the same with the shortest option — a key kept terse while every
  distractor is padded gives itself away just as well. Limit: 40%.
- "middle": pick one of the options that are neither the longest nor the shortest
  (when there are such options; otherwise any) — the bet of a student who has
  learned that keys avoid both extremes. Limit: 40%.
- "select all": in every multi question, tick every option. Limit: 25% of the multi
  points (a multi question is worth one point, its partial credit counts).
- "longer half": in every multi question, tick the options longer than the median
  option (worst language) — true statements written out more carefully than the
  false ones give themselves away. Limit: 25% of the multi points.

Both are measured over the whole bank and per chapter; `bank validate` reports a
figure above its limit as an error (`problems`). A scope with fewer than
`MIN_QUESTIONS` questions of the type is measured but not judged: one question
cannot say whether a bank gives its answers away.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from mlvc_review.bank.model import QuestionBase
from mlvc_review.bank.params import Variant, draw_variant

LONGEST, SHORTEST, MIDDLE, SELECT_ALL, LONGER_HALF = "longest", "shortest", "middle", "select all", "longer half"
LIMITS = {LONGEST: 0.40, SHORTEST: 0.40, MIDDLE: 0.40, SELECT_ALL: 0.25, LONGER_HALF: 0.25}
QTYPE = {LONGEST: "choice", SHORTEST: "choice", MIDDLE: "choice", SELECT_ALL: "multi", LONGER_HALF: "multi"}
MIN_QUESTIONS = 3
SEED = 0  # the variant whose option order and texts are measured


@dataclass(frozen=True)
class Figure:
    """What one strategy scores over one scope: `score` points of `total` questions."""

    strategy: str
    scope: str  # "bank" or "chapter N"
    score: float
    total: int

    @property
    def fraction(self) -> float:
        return self.score / self.total if self.total else 0.0

    @property
    def limit(self) -> float:
        return LIMITS[self.strategy]

    @property
    def judged(self) -> bool:
        return self.total >= MIN_QUESTIONS

    @property
    def over(self) -> bool:
        return self.judged and self.fraction > self.limit + 1e-12

    def __str__(self) -> str:
        what = "multi points" if QTYPE[self.strategy] == "multi" else "choice questions"
        return (f"{self.scope}: '{self.strategy}' scores {self.fraction:.0%} of the {what} "
                f"({self.score:.2f}/{self.total}; limit {self.limit:.0%})")


def _graded(qtype: str, question: QuestionBase, variant: Variant, raw: str) -> float:
    from mlvc_review.quiz.checkers import get_checker

    checker = get_checker(qtype)
    return checker.grade(question, variant, checker.parse(question, variant, raw)).score


def _by_length(question: QuestionBase, seed: int, pick: Callable[[list[int]], list[int]]) -> float:
    """The score of picking among the options `pick` chooses by their lengths (worst language; averaged)."""
    from mlvc_review.quiz.checkers.choice import LETTERS, options_for

    variant = draw_variant(question, seed)
    options = options_for(question, variant)  # type: ignore[arg-type]
    worst = 0.0
    for lang in question.languages:
        lengths = [len(variant.render(o.text, lang).strip()) for o in options]
        tied = pick(lengths)
        score = sum(_graded("choice", question, variant, LETTERS[i]) for i in tied) / len(tied)
        worst = max(worst, score)
    return worst


def longest_score(question: QuestionBase, seed: int = SEED) -> float:
    """The score of picking the longest option of a choice question (worst language; ties averaged)."""
    return _by_length(question, seed, lambda ns: [i for i, n in enumerate(ns) if n == max(ns)])


def shortest_score(question: QuestionBase, seed: int = SEED) -> float:
    """The score of picking the shortest option of a choice question (worst language; ties averaged)."""
    return _by_length(question, seed, lambda ns: [i for i, n in enumerate(ns) if n == min(ns)])


def middle_score(question: QuestionBase, seed: int = SEED) -> float:
    """The score of picking among the options neither longest nor shortest (worst language; averaged)."""
    return _by_length(question, seed, lambda ns: [i for i, n in enumerate(ns) if min(ns) < n < max(ns)]
                      or list(range(len(ns))))


def select_all_score(question: QuestionBase, seed: int = SEED) -> float:
    """The score of ticking every option of a multi question, by the multi checker's partial credit."""
    from mlvc_review.quiz.checkers.choice import LETTERS

    variant = draw_variant(question, seed)
    return _graded("multi", question, variant, " ".join(LETTERS[: len(question.options)]))  # type: ignore[attr-defined]


def longer_half_score(question: QuestionBase, seed: int = SEED) -> float:
    """The score of ticking the multi options longer than the median option (worst language)."""
    from statistics import median

    from mlvc_review.quiz.checkers.choice import LETTERS, options_for

    variant = draw_variant(question, seed)
    options = options_for(question, variant)  # type: ignore[arg-type]
    worst = 0.0
    for lang in question.languages:
        lengths = [len(variant.render(o.text, lang).strip()) for o in options]
        picked = [LETTERS[i] for i, n in enumerate(lengths) if n > median(lengths)]
        if picked:  # all options equally long: the strategy has nothing to go on
            worst = max(worst, _graded("multi", question, variant, " ".join(picked)))
    return worst


SCORERS = {LONGEST: longest_score, SHORTEST: shortest_score, MIDDLE: middle_score, SELECT_ALL: select_all_score,
           LONGER_HALF: longer_half_score}


def measure(questions: Sequence[QuestionBase]) -> list[Figure]:
    """Both strategies over the whole of `questions`, then per chapter (chapters in order)."""
    scores: dict[str, list[tuple[int, float]]] = {name: [] for name in SCORERS}
    for q in questions:
        for name, scorer in SCORERS.items():
            if q.type == QTYPE[name]:  # type: ignore[attr-defined]
                scores[name].append((q.chapter, scorer(q)))
    figures = []
    for name, rows in scores.items():
        figures.append(Figure(name, "bank", sum(s for _, s in rows), len(rows)))
        for chapter in sorted({c for c, _ in rows}):
            mine = [s for c, s in rows if c == chapter]
            figures.append(Figure(name, f"chapter {chapter}", sum(mine), len(mine)))
    return figures


def problems(figures: Iterable[Figure]) -> list[str]:
    """One message per judged figure above its limit."""
    return [f"the key is guessable: {f}" for f in figures if f.over]


def located_problems(questions: Sequence[QuestionBase], file_of: Callable[[QuestionBase], str]) -> tuple[
        list[Figure], list[tuple[str, str]]]:
    """The figures of `questions` and (where, message) for each one over its limit (for `bank validate`).

    A chapter's problem is located at the file of its first question of the strategy's type;
    the whole bank's at "all banks".
    """
    figures = measure(questions)
    where: dict[str, str] = {}
    for name, qtype in QTYPE.items():
        for q in questions:
            where.setdefault(f"{name}:chapter {q.chapter}", file_of(q)) if q.type == qtype else None  # type: ignore[attr-defined]
    located = [(where.get(f"{f.strategy}:{f.scope}", "all banks"), f"the key is guessable: {f}")
               for f in figures if f.over]
    return figures, located
