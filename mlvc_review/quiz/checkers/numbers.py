"""Reading a typed number the way students write it, for numeric answers.

Accepted besides plain numbers and arithmetic of numbers (`1/4`, `2.5e-1`, `2^10`,
`sqrt(2)`, `pi`): the Unicode minus that prompts print, full-width digits and
punctuation of any input method (NFKC), superscript powers (`10⁻³`), `×`, `·`, `÷`,
`2.5 x 10^-3`, thousands separators (`86,016`, `86 016`), a percent sign (`25%` is
0.25 where the answer has no unit), a leading `name =` or `≈` and a trailing full stop,
and the question's unit after the number. Units are matched with their case where
case carries meaning (`MB` is not `Mb`); a decimal comma is asked about, never guessed.
Nothing is passed to eval: the arithmetic goes through `safe_expr` and is computed in
doubles.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from mlvc_review.quiz.checkers.base import InvalidAnswer

MAX_LENGTH = 200
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")
_SUPER_RUN = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺]+")
_REPLACE = {"−": "-", "–": "-", "—": "-", "×": "*", "·": "*", "⋅": "*", "∙": "*", "÷": "/", "⁄": "/", "π": "pi",
            "。": ".", "，": ",", "＝": "="}
_TIMES_TEN = re.compile(r"(?<=[\d.])\s*[xX]\s*(?=10\s*\^)")
_THOUSANDS = re.compile(r"(?<![\d.,])([1-9]\d{0,2})((?:,\d{3})+|(?: \d{3})+)(?![\d,]|\s\d)")
_TRAILING_WORD = re.compile(r"^(?P<number>.*?[\d).])\s*(?P<unit>[^\W\d_][^\s\d()+\-*/^=,]*|%)$")
_NAMES = re.compile(r"[A-Za-z_]\w*")
_LEADING_ZEROS = re.compile(r"(?<![\w.])0+(?=\d)")  # 007 is 7 (Python would call it an octal literal)
ALLOWED_NAMES = {"pi", "e", "sqrt", "exp", "log", "ln", "log10", "log2", "sin", "cos", "tan", "tanh", "abs", "min", "max"}


def normalise(text: str) -> str:
    """Plain ASCII arithmetic for the usual Unicode spellings; a leading 'name =' and a final full stop dropped."""
    text = _SUPER_RUN.sub(lambda m: "^(" + m.group().translate(_SUPERSCRIPTS) + ")", text)
    text = unicodedata.normalize("NFKC", text)
    for old, new in _REPLACE.items():
        text = text.replace(old, new)
    text = _TIMES_TEN.sub("*", text).strip()
    if "=" in text:
        text = text.rsplit("=", 1)[1].strip()  # "x = 0.5", "w_{t+1} = 1.9": the value is after the last '='
    text = text.removeprefix("≈").removeprefix("~").strip()  # "≈ 0.4383"
    return text.rstrip(".").strip()  # "0.25." is 0.25, "5." is 5


def case_matters(unit: str) -> bool:
    """Short unit symbols (MB, Mb, dB, s, m, MiB) are read with their case; longer words (nats, pixels) are not."""
    return len(unit) <= 3


def _ends_with_unit(text: str, unit: str) -> bool:
    tail = text[-len(unit):]
    same = tail == unit if case_matters(unit) else tail.lower() == unit.lower()
    return same and len(text) > len(unit) and not (text[-len(unit) - 1].isalpha() and unit[0].isalpha())


def strip_unit(text: str, units: Sequence[str], shown_unit: str | None) -> tuple[str, bool]:
    """(`text` without a trailing unit, whether a '%' was stripped); a wrong unit is an InvalidAnswer."""
    for unit in sorted((unicodedata.normalize("NFKC", u).strip() for u in units), key=len, reverse=True):
        if unit and _ends_with_unit(text, unit):
            return text[: -len(unit)].strip(), False
    match = _TRAILING_WORD.match(text)
    if match is None or match.group("unit").lower() in ("pi", "e"):
        return text, False
    unit = match.group("unit")
    if unit == "%" and shown_unit is None:
        return match.group("number").strip(), True
    if shown_unit is None:
        raise InvalidAnswer.of("this answer has no unit: give just the number (not '{u}')",
                               "这个答案没有单位：只写数字（不要 '{u}'）", u=unit)
    raise InvalidAnswer.of("the unit here is '{w}', not '{u}'", "这里的单位是 '{w}'，不是 '{u}'", w=shown_unit, u=unit)


def _separators(text: str) -> str:
    """Thousands separators removed; a decimal comma (outside a function's arguments) is asked about."""
    text = _THOUSANDS.sub(lambda m: m.group(1) + m.group(2).replace(",", "").replace(" ", ""), text)
    depth = 0
    for i, char in enumerate(text):
        depth += (char == "(") - (char == ")")
        if char == "," and depth <= 0:
            raise InvalidAnswer.of("write the decimal point as '.', without commas (0.25, not 0,25)",
                                   "小数点请写作 '.'，不要用逗号（写 0.25，不要写 0,25）")
    return text


def read_number(raw: str, units: Sequence[str] = (), shown_unit: str | None = None) -> float:
    """The value of a typed number (see the module docstring); InvalidAnswer says what to write instead.

    Args:
        raw: the text typed.
        units: the question's unit in every language ('MB', '秒'); empty when it has none.
        shown_unit: the unit as the session shows it, for messages; None when the answer has no unit.
    """
    from mlvc_review.quiz import safe_expr
    from mlvc_review.quiz.checkers.sympy_build import evaluate_at

    if len(raw) > MAX_LENGTH:
        raise InvalidAnswer.of("the answer is too long", "答案太长")
    text = normalise(raw)
    if not text:
        raise InvalidAnswer.of("type a number", "请输入一个数")
    text, percent = strip_unit(text, units, shown_unit)
    text = _LEADING_ZEROS.sub("", _separators(text))
    for name in _NAMES.findall(text):
        if name not in ALLOWED_NAMES and not re.fullmatch(r"[eE]\d*", name):
            raise InvalidAnswer.of("'{n}' is not a number: write the value (pi, e, sqrt, exp and ln/log may be used)",
                                   "'{n}' 不是数：请写出数值（可以用 pi、e、sqrt、exp 和 ln/log）", n=name)
    try:
        value = evaluate_at(safe_expr.parse_safe(text, []), {})
    except InvalidAnswer as err:
        raise InvalidAnswer(f"not a number: {err.message}", None, f"不是一个数：{err.text('zh')}") from None
    if value is None:
        raise InvalidAnswer.of("not a finite number", "不是有限的数")
    return float(f"{value / 100:.15g}") if percent else value  # 12.3% is 0.123, not 0.12300000000000001
