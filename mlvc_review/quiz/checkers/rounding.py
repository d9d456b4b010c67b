"""The rounding rule of numeric answers: a correctly rounded answer is a right answer.

A prompt may state the precision it wants ("(three decimals)", "(give 4 significant
digits)", "(保留三位小数)", "（4 位有效数字）"). Where it does, an answer correctly
rounded to at least that precision is right; where it does not, an answer correctly
rounded to at least 3 significant figures is right, unless the answer is a whole
number (a count is exact). This is on top of the question's own tolerance. `bank
validate` proves the rule for every numeric question with `rounded_forms`: it rounds
the answer itself and asks the checker.
"""

from __future__ import annotations

import math
import re
from typing import NamedTuple

MIN_FIGURES = 3
SLACK = 1e-6  # a half unit in the last place, widened for the float noise of the reference value
NOISE = 4e-16  # a typed 12.3% is 0.12300000000000001 in doubles: still 3 figures
_COUNT = r"(?P<n>\d+|one|two|three|four|five|six|seven|eight|一|两|二|三|四|五|六|七|八)"
_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8}
_PATTERNS = [
    ("decimals", re.compile(_COUNT + r"\s*(?:decimals|decimal places|d\.p\.)", re.IGNORECASE)),
    ("decimals", re.compile(_COUNT + r"\s*位小数")),
    ("figures", re.compile(_COUNT + r"\s*(?:significant\s*(?:digits|figures)|s\.f\.)", re.IGNORECASE)),
    ("figures", re.compile(_COUNT + r"\s*位有效数字")),
]

class Precision(NamedTuple):
    """How many `decimals` or significant `figures` an answer needs at least; `stated` by the prompt or not."""

    kind: str  # "decimals" | "figures"
    count: int
    stated: bool


DEFAULT = Precision("figures", MIN_FIGURES, False)


def stated_precision(text: str) -> Precision | None:
    """The precision a prompt text asks for, or None when it states none."""
    for kind, pattern in _PATTERNS:
        match = pattern.search(text)
        if match:
            word = match.group("n")
            return Precision(kind, int(word) if word.isdigit() else _WORDS[word.lower()], True)
    return None


def precision_of(prompt_texts: list[str]) -> Precision:
    """The precision of a question from its prompt in every language (the first that states one)."""
    for text in prompt_texts:
        found = stated_precision(text)
        if found is not None:
            return found
    return DEFAULT


def figures(x: float) -> int:
    """The fewest significant figures that write `x` (up to float noise): 0.25 -> 2, 1/3 -> 16."""
    if x == 0 or not math.isfinite(x):
        return 1
    for k in range(1, 18):
        if abs(float(f"{x:.{k - 1}e}") - x) <= NOISE * abs(x):
            return k
    return 17


def decimals(x: float) -> int:
    """The fewest decimals that write `x` (up to float noise): 0.25 -> 2, 3.0 -> 0."""
    for k in range(0, 18):
        if math.isfinite(x) and abs(float(f"{x:.{k}f}") - x) <= NOISE * abs(x):
            return k
    return 17


def _exponent(x: float) -> int:
    return math.floor(math.log10(abs(x)))


def rounded_right(got: float, want: float, precision: Precision) -> bool:
    """Whether `got` is `want` correctly rounded to at least the precision (see the module docstring)."""
    if not (math.isfinite(got) and math.isfinite(want)) or want == 0:
        return False
    if precision.kind == "decimals":
        places = max(precision.count, decimals(got))
        return abs(got - want) <= 0.5 * 10.0 ** -places * (1 + SLACK)
    if not precision.stated and float(want).is_integer():
        return False  # a whole-number answer (a count) is exact unless the prompt says otherwise
    k = max(precision.count, figures(got))
    return abs(got - want) <= 0.5 * 10.0 ** (_exponent(want) - k + 1) * (1 + SLACK)


def rounded_forms(want: float, precision: Precision) -> list[tuple[str, str]]:
    """(text, how it was rounded) of `want` at the precision and a little beyond: what must be accepted."""
    if not math.isfinite(want):
        return []
    if precision.kind == "decimals":
        return [(f"{want:.{n}f}", f"{n} decimals") for n in range(precision.count, precision.count + 3)]
    if not precision.stated and float(want).is_integer():
        return [(str(int(want)), "the whole number")]
    return [(_figures_text(want, k), f"{k} significant figures") for k in range(precision.count, precision.count + 4)]


def _figures_text(x: float, k: int) -> str:
    """`x` rounded to `k` significant figures, written plainly where that is short (0.000123, 12300, 1.23e-07)."""
    r = float(f"{x:.{k - 1}e}")
    if r == 0 or not -5 <= _exponent(r) < 15:
        return f"{x:.{k - 1}e}"
    return f"{r:.{max(k - 1 - _exponent(r), 0)}f}"
