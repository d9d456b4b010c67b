"""Pydantic models of the question bank: strict, so unknown keys and wrong types are errors.

They validate what an author wrote; the rest of the program works on their JSON dump
rebuilt as the plain objects of `model` (the behaviour both share lives there).

A bank file is a mapping `{chapter: N, questions: [...]}`; each question is one of
eight types, told apart by its `type` key. Text fields are `Localized`: a plain
string (English) or a mapping `{en: ..., zh: ...}`.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from mlvc_review.bank import model
from mlvc_review.bank.model import LocalizedMixin, ParamSpecMixin, QuestionMixin

ID_PATTERN = r"^[a-z0-9][a-z0-9_.-]*[a-z0-9]$"
EXAM_RANKS = (1, 1.5, 2, 2.5, 3, 4)  # the ranks of the notes' priority list (重点)
PLACEHOLDER = re.compile(r"(?<!\{)\{([A-Za-z_][A-Za-z0-9_]*)\}(?!\})")


class Strict(BaseModel):
    """Base of every bank model: unknown keys are rejected."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Localized(LocalizedMixin, Strict):
    """A text in English and (optionally) Chinese. A plain YAML string is English."""

    en: str = Field(min_length=1)
    zh: str | None = Field(default=None, min_length=1)

    @model_validator(mode="before")
    @classmethod
    def _from_plain_string(cls, value: object) -> object:
        if isinstance(value, str):
            return {"en": value}
        return value


class ParamSpec(ParamSpecMixin, Strict):
    """How one parameter of a variant is drawn: from `values`, or from `low..high` by `step`.

    Integers when low, high and step are all integers; otherwise floats rounded to
    `decimals`. `derived` parameters are formulas of the drawn ones (see `Question.derived`).
    """

    values: list[int | float | str] | None = Field(default=None, min_length=1)
    low: int | float | None = None
    high: int | float | None = None
    step: int | float | None = None
    decimals: int = Field(default=3, ge=0, le=12)

    @model_validator(mode="after")
    def _one_form(self) -> "ParamSpec":
        ranged = self.low is not None or self.high is not None
        if self.values is not None and ranged:
            raise ValueError("give either 'values' or 'low'/'high', not both")
        if self.values is None:
            if self.low is None or self.high is None:
                raise ValueError("a parameter needs 'values', or both 'low' and 'high'")
            if self.low > self.high:
                raise ValueError(f"low ({self.low}) is above high ({self.high})")
            if self.step is not None and self.step <= 0:
                raise ValueError("step must be positive")
        elif self.step is not None:
            raise ValueError("'step' goes with 'low'/'high', not with 'values'")
        return self


class WrongAnswer(Strict):
    """A typical wrong answer: `bank validate` proves the checker rejects it; `why` is shown."""

    answer: str | int | float
    why: Localized


class Option(Strict):
    """One option of a choice or multi question; `why` is shown when it is picked wrongly."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    text: Localized
    why: Localized | None = None


class Tolerance(Strict):
    """Accepted error of a numeric answer: |got - want| <= abs + rel * |want|."""

    abs: float = Field(default=0.0, ge=0)
    rel: float = Field(default=0.0, ge=0)

    @model_validator(mode="after")
    def _some(self) -> "Tolerance":
        if self.abs == 0 and self.rel == 0:
            raise ValueError("a tolerance needs 'abs' or 'rel' above 0 (use abs: 0.5 for integers)")
        return self


class Assumptions(Strict):
    """What a symbolic variable is assumed to be; numeric comparisons draw points that respect it."""

    real: bool = True
    positive: bool = False
    nonzero: bool = False
    integer: bool = False


class Mistake(Strict):
    """A known-wrong implementation of a coding task, named so the grader can diagnose it."""

    name: str = Field(min_length=1)
    impl: str = Field(pattern=r"^[A-Za-z_][\w.]*:[A-Za-z_]\w*$", description="module:function")
    explain: Localized


class QuestionBase(QuestionMixin, Strict):
    id: str = Field(pattern=ID_PATTERN, min_length=3, max_length=80)
    chapter: int = Field(ge=1, le=99)
    topic: str = Field(min_length=1)
    tags: list[str] = Field(default_factory=list)
    difficulty: Literal[1, 2, 3] = 2
    prompt: Localized
    explanation: Localized
    hints: list[Localized] = Field(default_factory=list)
    notes_ref: str | None = Field(default=None, description="section of the course notes")
    notes_slip: Localized | None = Field(
        default=None, description="what the course notes write differently, and why the bank's form is right"
    )
    params: dict[str, ParamSpec] = Field(default_factory=dict)
    derived: dict[str, str] = Field(default_factory=dict, description="name -> formula of params")
    constraint: str | None = Field(default=None, description="formula of params that must hold; redrawn otherwise")
    exam_rank: float | None = Field(
        default=None, description="the rank of the notes' priority item (重点) the question serves: 1 (most examined), "
                                  "1.5, 2, 2.5, 3 or 4; by default it follows the topic and tags (quiz.weights)")

    @field_validator("exam_rank")
    @classmethod
    def _exam_rank(cls, rank: float | None) -> float | None:
        if rank is not None and rank not in EXAM_RANKS:
            raise ValueError(f"exam_rank {rank:g} is not a rank of the notes' priority list ({', '.join(f'{r:g}' for r in EXAM_RANKS)})")
        return rank

    @field_validator("tags")
    @classmethod
    def _tags(cls, tags: list[str]) -> list[str]:
        for tag in tags:
            if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", tag):
                raise ValueError(f"tag {tag!r} must be lower-case words joined by '-'")
        return tags


class ChoiceQuestion(QuestionBase):
    type: Literal["choice"]
    options: list[Option] = Field(min_length=2)
    answer: str
    shuffle: bool = True


class MultiQuestion(QuestionBase):
    type: Literal["multi"]
    options: list[Option] = Field(min_length=2)
    answer: list[str] = Field(min_length=1)
    shuffle: bool = True


class NumericQuestion(QuestionBase):
    type: Literal["numeric"]
    answer: str | int | float = Field(description="a number, or a formula of the parameters")
    tolerance: Tolerance
    unit: Localized | None = None
    wrong_answers: list[WrongAnswer] = Field(default_factory=list)


class SymbolicQuestion(QuestionBase):
    type: Literal["symbolic"]
    variables: dict[str, Assumptions] = Field(min_length=1)
    functions: list[str] = Field(default_factory=list, description="extra allowed function names")
    answer: str
    wrong_answers: list[WrongAnswer] = Field(default_factory=list)


class MatrixSymbol(Strict):
    """A matrix symbol: `shape` names its dimensions, e.g. [n, d]; [] is a scalar."""

    shape: list[str | int] = Field(max_length=2)
    kind: Literal["general", "symmetric", "spd"] = "general"


class MatrixQuestion(QuestionBase):
    type: Literal["matrix_expr"]
    symbols: dict[str, MatrixSymbol] = Field(min_length=1)
    answer: str
    wrong_answers: list[WrongAnswer] = Field(default_factory=list)


class FlashcardQuestion(QuestionBase):
    type: Literal["flashcard"]
    answer: Localized


class CodeQuestion(QuestionBase):
    type: Literal["code"]
    function: str = Field(pattern=r"^[A-Za-z_]\w*$", description="contract function or class name")
    reference: str = Field(pattern=r"^[A-Za-z_][\w.]*:[A-Za-z_]\w*$", description="module:function")
    checks: list[str] = Field(default_factory=list, description="check names; empty means all of the task's")
    hidden_checks: list[str] = Field(default_factory=list, description="checks whose expected values are hidden")
    mistakes: list[Mistake] = Field(default_factory=list)
    check_hints: dict[str, Localized] = Field(
        default_factory=dict,
        description="check name -> the hint the grade report shows when that check fails and no known mistake is named")
    points: float = Field(default=1.0, gt=0)


# which keys each kind of derivation step takes besides prompt, answer, wrong_answers and explanation
STEP_KEYS = {"symbolic": ("variables", "functions"), "matrix_expr": ("symbols",), "numeric": ("tolerance", "unit")}


class DerivationStep(Strict):
    """One step of a derivation: a prompt whose answer is checked like a `kind` question.

    `explanation` is the working revealed once the step is attempted (right, wrong or given up).
    """

    prompt: Localized
    kind: Literal["symbolic", "matrix_expr", "numeric"]
    answer: str | int | float
    variables: dict[str, Assumptions] = Field(default_factory=dict)
    functions: list[str] = Field(default_factory=list)
    symbols: dict[str, MatrixSymbol] = Field(default_factory=dict)
    tolerance: Tolerance | None = None
    unit: Localized | None = None
    wrong_answers: list[WrongAnswer] = Field(default_factory=list)
    explanation: Localized | None = None

    @model_validator(mode="after")
    def _fits_kind(self) -> "DerivationStep":
        needed = {"symbolic": ("variables", "the names a student may use"),
                  "matrix_expr": ("symbols", "the matrices and their shapes"),
                  "numeric": ("tolerance", "e.g. {abs: 0.5} or {rel: 0.01}")}[self.kind]
        if not getattr(self, needed[0]):
            raise ValueError(f"a {self.kind} step needs '{needed[0]}' ({needed[1]})")
        for kind, keys in STEP_KEYS.items():
            for key in keys:
                if kind != self.kind and getattr(self, key):  # a full dump has every key, empty
                    raise ValueError(f"'{key}' belongs to {kind} steps, not to a {self.kind} step")
        if self.kind != "numeric" and not isinstance(self.answer, str):
            raise ValueError(f"the answer of a {self.kind} step is a formula in quotes, e.g. \"{self.answer}\"")
        return self


class DerivationQuestion(QuestionBase):
    type: Literal["derivation"]
    steps: list[DerivationStep] = Field(min_length=2, max_length=12)


Question = Annotated[
    Union[
        ChoiceQuestion,
        MultiQuestion,
        NumericQuestion,
        SymbolicQuestion,
        MatrixQuestion,
        FlashcardQuestion,
        CodeQuestion,
        DerivationQuestion,
    ],
    Field(discriminator="type"),
]

# type -> validating model, named as `model`'s plain classes
QUESTION_TYPES: dict[str, type[QuestionBase]] = {t: globals()[c.__name__] for t, c in model.QUESTION_TYPES.items()}


class Chapter(Strict):
    number: int = Field(ge=1, le=99)
    slug: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: Localized


class ChaptersFile(Strict):
    chapters: list[Chapter] = Field(min_length=1)
