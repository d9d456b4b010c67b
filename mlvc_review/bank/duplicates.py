"""Near-duplicate questions: two questions that ask the same thing waste revision time and double-count a topic.

Two questions are near duplicates when
- their English prompts share most of their words (Jaccard similarity of the content
  words ≥ `PROMPT_LIMIT`) and they do not ask for different formulas (a conv output
  size with and without dilation is worded alike on purpose), or
- they are of the same answer type (numeric, symbolic, matrix), their answers are the
  same formula once names are ignored (`(p+1)*(p+2)/2` and `(d + 1)*(d + 2)/2`), and
  their prompts still overlap (≥ `SAME_ANSWER_LIMIT`).

`bank validate` reports each pair as a warning at the second question. Code questions
are left out: a task's question states its contract, and similar contracts are fine.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from mlvc_review.bank.model import QuestionBase

PROMPT_LIMIT = 0.8
SAME_ANSWER_LIMIT = 0.25
FORMULA_TYPES = ("numeric", "symbolic", "matrix_expr")
_STOP = frozenset("a an the of to in is are and or for with on by as at be it its this that which what how why "
                  "from into each one per does do".split())
_WORD = re.compile(r"[a-z0-9]+|[^\x00-\x7f\s]")
_PLACEHOLDER = re.compile(r"\{\{[^}]*\}\}")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_FUNCTIONS = frozenset("sqrt exp log ln sin cos tanh sigmoid abs min max floor ceil round inv T".split())


def words(text: str) -> frozenset[str]:
    """The content words of a text (lower case, placeholders and small words dropped; a CJK character is a word)."""
    return frozenset(w for w in _WORD.findall(_PLACEHOLDER.sub(" ", text.lower())) if w not in _STOP)


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard similarity of two word sets (0 when both are empty)."""
    return len(a & b) / len(a | b) if a or b else 0.0


def answer_shape(question: QuestionBase) -> str | None:
    """The answer formula with every name but a known function replaced by `v` and spaces removed, or None."""
    if question.type not in FORMULA_TYPES:  # type: ignore[attr-defined]
        return None
    text = str(question.answer).replace("**", "^")  # type: ignore[attr-defined]
    return re.sub(r"\s+", "", _NAME.sub(lambda m: m.group(0) if m.group(0) in _FUNCTIONS else "v", text))


def near_duplicates(questions: Sequence[QuestionBase]) -> Iterable[tuple[QuestionBase, QuestionBase, str]]:
    """(first, second, why) for every pair of near-duplicate questions, in bank order."""
    asked = [q for q in questions if q.type != "code"]  # type: ignore[attr-defined]
    prompts = [words(q.prompt.en) for q in asked]
    shapes = [answer_shape(q) for q in asked]
    for i, first in enumerate(asked):
        for j in range(i + 1, len(asked)):
            second = asked[j]
            overlap = similarity(prompts[i], prompts[j])
            same_formula = shapes[i] is not None and shapes[i] == shapes[j] and first.type == second.type  # type: ignore[attr-defined]
            different_formulas = shapes[i] is not None and shapes[j] is not None and not same_formula
            if overlap >= PROMPT_LIMIT and not different_formulas:
                yield first, second, f"its prompt shares {overlap:.0%} of its words with '{first.id}'"
            elif same_formula and overlap >= SAME_ANSWER_LIMIT:
                yield first, second, f"it asks for the same formula as '{first.id}' ({shapes[i]}) about a similar prompt"
