"""Drawing a question's variant: parameters from a seeded RNG, derived values, rendered text.

A prompt refers to parameters as `{{name}}`; everything else in the text is left
as written (so `x_{t}` and other maths stay untouched).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from typing import Any

from mlvc_review.bank.formula import FormulaError, evaluate
from mlvc_review.bank.model import Localized, ParamSpec, QuestionBase

PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
MAX_TRIES = 200


class VariantError(ValueError):
    """No parameters satisfying the question's constraint could be drawn."""


@dataclass(frozen=True)
class Variant:
    """One concrete instance of a question: its seed and the values of its parameters."""

    question_id: str
    seed: int
    params: dict[str, Any] = field(default_factory=dict)

    def render(self, text: Localized | None, lang: str = "en") -> str:
        """`text` in `lang` with `{{name}}` replaced by this variant's values."""
        if text is None:
            return ""
        return fill(text.get(lang), self.params)

    def rng(self, salt: str = "") -> random.Random:
        """A generator private to this variant (option shuffling, numeric test points)."""
        return random.Random(f"{self.question_id}:{self.seed}:{salt}")


def fmt(value: Any) -> str:
    """A parameter as shown to the student: integers plain, floats without trailing zeros."""
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return f"{value:.6g}"
    return str(value)


def fill(text: str, params: dict[str, Any]) -> str:
    return PLACEHOLDER.sub(lambda m: fmt(params[m.group(1)]) if m.group(1) in params else m.group(0), text)


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def _draw_one(spec: ParamSpec, rng: random.Random) -> Any:
    if spec.values is not None:
        return rng.choice(spec.values)
    assert spec.low is not None and spec.high is not None
    if spec.is_int:
        step = int(spec.step or 1)
        return rng.randrange(int(spec.low), int(spec.high) + 1, step)
    if spec.step is not None:
        count = int((spec.high - spec.low) / spec.step + 1e-9)
        return round(spec.low + spec.step * rng.randint(0, count), spec.decimals)
    return round(rng.uniform(spec.low, spec.high), spec.decimals)


def draw_variant(question: QuestionBase, seed: int) -> Variant:
    """Draw the parameters of `question` from `seed`; redraw until `constraint` holds."""
    if not question.params and not question.derived:
        return Variant(question.id, seed, {})
    rng = random.Random(f"{question.id}:{seed}")
    for _ in range(MAX_TRIES):
        params: dict[str, Any] = {name: _draw_one(spec, rng) for name, spec in sorted(question.params.items())}
        try:
            for name, formula in question.derived.items():
                params[name] = evaluate(formula, params)
            if question.constraint is None or evaluate(question.constraint, params):
                return Variant(question.id, seed, params)
        except FormulaError:
            if question.constraint is None:
                raise
    raise VariantError(f"no parameters satisfying '{question.constraint}' in {MAX_TRIES} draws")
