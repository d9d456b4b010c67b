"""The bank's questions as plain, frozen objects: what the quiz, the grader and `bank` commands use.

`schema` (pydantic) validates what an author wrote. Its JSON dump — every default
filled in — is what the file cache stores and what `question_from_dump` turns into
these objects, for a fresh parse and a cached one alike. So a quiz whose bank is
cached starts without importing pydantic (bench/bench_quiz_startup.py). The
behaviour both share (`Localized.get`, `QuestionBase.texts`, ...) is written once,
in the mixins below; tests/bank/test_model.py proves the two describe the same fields.

The classes are `Record`s, not dataclasses: they are only ever built from complete
dumps (so they need no defaults), and creating twenty dataclasses costs more at
start-up than everything else the bank does from its cache.
"""

from __future__ import annotations

from typing import Any, ClassVar, Literal

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
        for step in getattr(self, "steps", ()):  # a derivation's steps
            out += [step.prompt] + [w.why for w in step.wrong_answers]
            out += [text for text in (step.unit, step.explanation) if text]
        return out

    @property
    def languages(self) -> list[str]:
        return [lang for lang in LANGS if all(lang in t.languages for t in self.texts())]


class Record:
    """Base of the plain bank classes: built from keyword arguments (every field), frozen, equal by value."""

    fields: ClassVar[tuple[str, ...]] = ()
    _field_set: ClassVar[frozenset[str]] = frozenset()

    def __init_subclass__(cls) -> None:
        own = cls.__dict__.get("__annotations__", {})
        cls.fields = tuple(dict.fromkeys([*cls.fields, *(n for n, a in own.items() if "ClassVar" not in str(a))]))
        cls._field_set = frozenset(cls.fields)

    def __init__(self, **values: Any) -> None:
        if values.keys() != self._field_set:
            missing, unknown = self._field_set - values.keys(), values.keys() - self._field_set
            raise TypeError(f"{type(self).__name__}: missing {sorted(missing)}, unknown {sorted(unknown)}")
        self.__dict__.update(values)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen")

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.__dict__ == self.__dict__

    def __hash__(self) -> int:
        return hash((type(self), *self.__dict__.values()))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{k}={v!r}' for k, v in self.__dict__.items())})"


def as_dict(value: Any) -> Any:
    """A record (and everything inside it) as the JSON-like dump it was built from."""
    if isinstance(value, Record):
        return {name: as_dict(getattr(value, name)) for name in value.fields}
    if isinstance(value, list):
        return [as_dict(v) for v in value]
    if isinstance(value, dict):
        return {k: as_dict(v) for k, v in value.items()}
    return value


class Localized(LocalizedMixin, Record):
    en: str
    zh: str | None


class ParamSpec(ParamSpecMixin, Record):
    values: list[int | float | str] | None
    low: int | float | None
    high: int | float | None
    step: int | float | None
    decimals: int


class WrongAnswer(Record):
    answer: str | int | float
    why: Localized


class Option(Record):
    id: str
    text: Localized
    why: Localized | None


class Tolerance(Record):
    abs: float
    rel: float


class Assumptions(Record):
    real: bool
    positive: bool
    nonzero: bool
    integer: bool


class Mistake(Record):
    name: str
    impl: str
    explain: Localized


class MatrixSymbol(Record):
    shape: list[str | int]
    kind: Literal["general", "symmetric", "spd"]


class QuestionBase(QuestionMixin, Record):
    id: str
    chapter: int
    topic: str
    tags: list[str]
    difficulty: Literal[1, 2, 3]
    prompt: Localized
    explanation: Localized
    hints: list[Localized]
    notes_ref: str | None
    notes_slip: Localized | None
    params: dict[str, ParamSpec]
    derived: dict[str, str]
    constraint: str | None
    exam_rank: float | None


class ChoiceQuestion(QuestionBase):
    type: Literal["choice"]
    options: list[Option]
    answer: str
    shuffle: bool


class MultiQuestion(QuestionBase):
    type: Literal["multi"]
    options: list[Option]
    answer: list[str]
    shuffle: bool


class NumericQuestion(QuestionBase):
    type: Literal["numeric"]
    answer: str | int | float
    tolerance: Tolerance
    unit: Localized | None
    wrong_answers: list[WrongAnswer]


class SymbolicQuestion(QuestionBase):
    type: Literal["symbolic"]
    variables: dict[str, Assumptions]
    functions: list[str]
    answer: str
    wrong_answers: list[WrongAnswer]


class MatrixQuestion(QuestionBase):
    type: Literal["matrix_expr"]
    symbols: dict[str, MatrixSymbol]
    answer: str
    wrong_answers: list[WrongAnswer]


class FlashcardQuestion(QuestionBase):
    type: Literal["flashcard"]
    answer: Localized


class CodeQuestion(QuestionBase):
    type: Literal["code"]
    function: str
    reference: str
    checks: list[str]
    hidden_checks: list[str]
    mistakes: list[Mistake]
    check_hints: dict[str, Localized]
    points: float


class DerivationStep(Record):
    prompt: Localized
    kind: Literal["symbolic", "matrix_expr", "numeric"]
    answer: str | int | float
    variables: dict[str, Assumptions]
    functions: list[str]
    symbols: dict[str, MatrixSymbol]
    tolerance: Tolerance | None
    unit: Localized | None
    wrong_answers: list[WrongAnswer]
    explanation: Localized | None


class DerivationQuestion(QuestionBase):
    type: Literal["derivation"]
    steps: list[DerivationStep]


class Chapter(Record):
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
    "derivation": DerivationQuestion,
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
    CodeQuestion: {"mistakes": [Mistake], "check_hints": {_LOC}},
    DerivationQuestion: {"steps": [DerivationStep]},
    DerivationStep: {"prompt": _LOC, "variables": {Assumptions}, "symbols": {MatrixSymbol}, "tolerance": Tolerance,
                     "unit": _LOC, "wrong_answers": [WrongAnswer], "explanation": _LOC},
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


_CLASSES = [*QUESTION_TYPES.values(), Localized, ParamSpec, WrongAnswer, Option, Tolerance, Assumptions, Mistake,
            MatrixSymbol, Chapter, DerivationStep]
_SPECS = {cls: _nested(cls) for cls in _CLASSES}


_new = object.__new__
_set = object.__setattr__


def _build(cls: type[Record], data: dict[str, Any]) -> Any:
    """`cls` from its complete JSON dump, rebuilding the nested records `_NESTED` names.

    The dump's dict becomes the record's `__dict__` (a copy only where nested values
    are rebuilt): the shipped bank is about 4000 records, read at every start.
    """
    spec = _SPECS[cls]
    if spec:
        data = dict(data)
        for name, kind in spec.items():
            value = data.get(name)
            if value is None:
                continue
            if isinstance(kind, list):
                data[name] = [_build(kind[0], v) for v in value]
            elif isinstance(kind, set):
                (inner,) = kind
                data[name] = {k: _build(inner, v) for k, v in value.items()}
            else:
                data[name] = _build(kind, value)
    if data.keys() != cls._field_set:
        cls(**data)  # raises the TypeError naming the missing and unknown fields
    record = _new(cls)
    _set(record, "__dict__", data)
    return record


def question_from_dump(data: dict[str, Any]) -> QuestionBase:
    """A question from `schema`'s validated JSON dump (as the file cache stores it); keeps parts of `data`.

    Raises:
        KeyError, TypeError: not such a dump (an unknown type, a missing or unknown field).
    """
    return _build(QUESTION_TYPES[data["type"]], data)


def chapter_from_dump(data: dict[str, Any]) -> Chapter:
    """A chapter from `schema.Chapter`'s JSON dump."""
    return _build(Chapter, data)


def field_names(cls: type[Record]) -> set[str]:
    """The field names of a plain bank class (for the parity test with `schema`)."""
    return set(cls.fields)
