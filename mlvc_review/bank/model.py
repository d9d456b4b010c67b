"""The bank's questions as plain, frozen objects: what the quiz, the grader and `bank` commands use.

`schema` (pydantic) validates what an author wrote. Its JSON dump — every default
filled in — is what the file cache stores and what `from_dump` turns into these
objects, for a fresh parse and a cached one alike. So a quiz whose bank is cached
starts without importing pydantic (bench/bench_quiz_startup.py). The behaviour
both share (`Localized.get`, `QuestionBase.texts`, ...) is written once, in the
mixins below; tests/bank/test_model.py proves the two describe the same fields.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, Literal

LANGS = ("en", "zh")


class LocalizedMixin:
    """Behaviour of a text in English and (optionally) Chinese (fields `en`, `zh`)."""

    def get(self, lang: str = "en") -> str:
        """The text in `lang`, falling back to English."""
        if lang == "zh" and self.zh:
            return self.zh
        return self.en

    @property
    def languages(self) -> list[str]:
        return ["en", "zh"] if self.zh else ["en"]


class ParamSpecMixin:
    """Behaviour of a parameter's drawing rule (fields `values`, `low`, `high`, `step`)."""

    @property
    def is_int(self) -> bool:
        """Whether the parameter draws integers (every bound and value is an int)."""
        if self.values is not None:
            return all(isinstance(v, int) and not isinstance(v, bool) for v in self.values)
        nums = [self.low, self.high] + ([self.step] if self.step is not None else [])
        return all(isinstance(v, int) and not isinstance(v, bool) for v in nums)


class QuestionMixin:
    """Behaviour shared by every question type.

    The mixins declare no annotations: pydantic would read them as fields of `schema`'s models.
    """

    @property
    def param_names(self) -> set[str]:
        return set(self.params) | set(self.derived)

    def texts(self) -> list[Any]:
        """Every localized text of the question (for language and placeholder checks)."""
        out = [self.prompt, self.explanation, *self.hints]
        if self.notes_slip:
            out.append(self.notes_slip)
        for option in getattr(self, "options", ()):
            out += [option.text] + ([option.why] if option.why else [])
        if self.type == "flashcard":
            out.append(self.answer)  # type: ignore[attr-defined]
        out += [m.explain for m in getattr(self, "mistakes", ())]
        return out

    @property
    def languages(self) -> list[str]:
        return [lang for lang in LANGS if all(lang in t.languages for t in self.texts())]


_plain = dataclass(frozen=True, kw_only=True)


@_plain
class Localized(LocalizedMixin):
    en: str
    zh: str | None = None


@_plain
class ParamSpec(ParamSpecMixin):
    values: list[int | float | str] | None = None
    low: int | float | None = None
    high: int | float | None = None
    step: int | float | None = None
    decimals: int = 3


@_plain
class WrongAnswer:
    answer: str | int | float
    why: Localized


@_plain
class Option:
    id: str
    text: Localized
    why: Localized | None = None


@_plain
class Tolerance:
    abs: float = 0.0
    rel: float = 0.0


@_plain
class Assumptions:
    real: bool = True
    positive: bool = False
    nonzero: bool = False
    integer: bool = False


@_plain
class Mistake:
    name: str
    impl: str
    explain: Localized


@_plain
class MatrixSymbol:
    shape: list[str | int]
    kind: Literal["general", "symmetric", "spd"] = "general"


@_plain
class QuestionBase(QuestionMixin):
    id: str
    chapter: int
    topic: str
    tags: list[str] = field(default_factory=list)
    difficulty: Literal[1, 2, 3] = 2
    prompt: Localized
    explanation: Localized
    hints: list[Localized] = field(default_factory=list)
    notes_ref: str | None = None
    notes_slip: Localized | None = None
    params: dict[str, ParamSpec] = field(default_factory=dict)
    derived: dict[str, str] = field(default_factory=dict)
    constraint: str | None = None


@_plain
class ChoiceQuestion(QuestionBase):
    type: Literal["choice"] = "choice"
    options: list[Option]
    answer: str
    shuffle: bool = True


@_plain
class MultiQuestion(QuestionBase):
    type: Literal["multi"] = "multi"
    options: list[Option]
    answer: list[str]
    shuffle: bool = True


@_plain
class NumericQuestion(QuestionBase):
    type: Literal["numeric"] = "numeric"
    answer: str | int | float
    tolerance: Tolerance
    unit: Localized | None = None
    wrong_answers: list[WrongAnswer] = field(default_factory=list)


@_plain
class SymbolicQuestion(QuestionBase):
    type: Literal["symbolic"] = "symbolic"
    variables: dict[str, Assumptions]
    functions: list[str] = field(default_factory=list)
    answer: str
    wrong_answers: list[WrongAnswer] = field(default_factory=list)


@_plain
class MatrixQuestion(QuestionBase):
    type: Literal["matrix_expr"] = "matrix_expr"
    symbols: dict[str, MatrixSymbol]
    answer: str
    wrong_answers: list[WrongAnswer] = field(default_factory=list)


@_plain
class FlashcardQuestion(QuestionBase):
    type: Literal["flashcard"] = "flashcard"
    answer: Localized


@_plain
class CodeQuestion(QuestionBase):
    type: Literal["code"] = "code"
    function: str
    reference: str
    checks: list[str] = field(default_factory=list)
    hidden_checks: list[str] = field(default_factory=list)
    mistakes: list[Mistake] = field(default_factory=list)
    points: float = 1.0


@_plain
class Chapter:
    number: int
    slug: str
    title: Localized


QUESTION_TYPES: dict[str, type[QuestionBase]] = {
    "choice": ChoiceQuestion,
    "multi": MultiQuestion,
    "numeric": NumericQuestion,
    "symbolic": SymbolicQuestion,
    "matrix_expr": MatrixQuestion,
    "flashcard": FlashcardQuestion,
    "code": CodeQuestion,
}

# how each nested field of a dump is rebuilt: a class, [class] for a list, {class} for a dict's values
_LOC = Localized
_NESTED: dict[type, dict[str, Any]] = {
    QuestionBase: {"prompt": _LOC, "explanation": _LOC, "hints": [_LOC], "notes_slip": _LOC, "params": {ParamSpec}},
    ChoiceQuestion: {"options": [Option]},
    MultiQuestion: {"options": [Option]},
    NumericQuestion: {"tolerance": Tolerance, "unit": _LOC, "wrong_answers": [WrongAnswer]},
    SymbolicQuestion: {"variables": {Assumptions}, "wrong_answers": [WrongAnswer]},
    MatrixQuestion: {"symbols": {MatrixSymbol}, "wrong_answers": [WrongAnswer]},
    FlashcardQuestion: {"answer": _LOC},
    CodeQuestion: {"mistakes": [Mistake]},
    WrongAnswer: {"why": _LOC},
    Option: {"text": _LOC, "why": _LOC},
    Mistake: {"explain": _LOC},
    Chapter: {"title": _LOC},
}


def _nested(cls: type) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for klass in reversed(cls.__mro__):
        out.update(_NESTED.get(klass, {}))
    return out


_SPECS = {cls: _nested(cls) for cls in [*QUESTION_TYPES.values(), WrongAnswer, Option, Mistake, Chapter]}


def _build(cls: type, data: dict[str, Any]) -> Any:
    """`cls` from its JSON dump, rebuilding the nested objects `_NESTED` names."""
    values = dict(data)
    for name, kind in _SPECS.get(cls, {}).items():
        value = values.get(name)
        if value is None:
            continue
        if isinstance(kind, list):
            values[name] = [_build(kind[0], v) for v in value]
        elif isinstance(kind, set):
            (inner,) = kind
            values[name] = {k: _build(inner, v) for k, v in value.items()}
        else:
            values[name] = _build(kind, value)
    return cls(**values)


def question_from_dump(data: dict[str, Any]) -> QuestionBase:
    """A question from `schema`'s validated JSON dump (as the file cache stores it).

    Raises:
        KeyError, TypeError: not such a dump (an unknown type, a missing or unknown field).
    """
    return _build(QUESTION_TYPES[data["type"]], data)


def chapter_from_dump(data: dict[str, Any]) -> Chapter:
    """A chapter from `schema.Chapter`'s JSON dump."""
    return _build(Chapter, data)


def field_names(cls: type) -> set[str]:
    """The field names of a plain bank class (for the parity test with `schema`)."""
    return {f.name for f in fields(cls)}
