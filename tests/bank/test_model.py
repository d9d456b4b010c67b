"""`bank.model` (plain objects, no pydantic) describes exactly what `bank.schema` validates.

The quiz and the grader work on `model`'s records rebuilt from `schema`'s JSON dump
(which has every field, defaults filled in); a field added to one and not the other,
or a lost nested object, would silently change what a cached bank means.
"""

from __future__ import annotations

import pytest
from bank_strategies import question
from hypothesis import given
from pydantic import TypeAdapter

from mlvc_review.bank import model, schema
from mlvc_review.bank.loader import load_bank

PAIRS = [
    (schema.Localized, model.Localized),
    (schema.ParamSpec, model.ParamSpec),
    (schema.WrongAnswer, model.WrongAnswer),
    (schema.Option, model.Option),
    (schema.Tolerance, model.Tolerance),
    (schema.Assumptions, model.Assumptions),
    (schema.Mistake, model.Mistake),
    (schema.MatrixSymbol, model.MatrixSymbol),
    (schema.Chapter, model.Chapter),
    *[(schema.QUESTION_TYPES[t], model.QUESTION_TYPES[t]) for t in schema.QUESTION_TYPES],
]
ADAPTER = TypeAdapter(schema.Question)


def test_the_question_types_are_the_same():
    assert list(schema.QUESTION_TYPES) == list(model.QUESTION_TYPES)


@pytest.mark.parametrize(("validated", "plain"), PAIRS, ids=lambda c: c.__name__)
def test_same_fields(validated, plain):
    assert set(validated.model_fields) == model.field_names(plain)


def _same(validated, plain) -> None:
    dump = validated.model_dump(mode="json")
    assert model.as_dict(plain) == dump
    assert type(plain) is model.QUESTION_TYPES[validated.type]
    assert plain.languages == validated.languages
    assert [t.model_dump() for t in validated.texts()] == [model.as_dict(t) for t in plain.texts()]
    assert plain.param_names == validated.param_names
    assert {n: p.is_int for n, p in plain.params.items()} == {n: p.is_int for n, p in validated.params.items()}


def test_every_shipped_question_rebuilds_to_the_same_object():
    bank = load_bank()
    assert len(bank.questions) > 250
    for plain in bank.questions:
        _same(ADAPTER.validate_python(model.as_dict(plain)), plain)


@given(question())
def test_generated_questions_rebuild_to_the_same_object(raw):
    raw["chapter"] = 1
    validated = ADAPTER.validate_python(raw)
    _same(validated, model.question_from_dump(validated.model_dump(mode="json")))


def test_records_are_frozen_and_equal_by_value():
    bank = load_bank()
    first = bank.questions[0]
    with pytest.raises(AttributeError, match="frozen"):
        first.answer = "changed"  # type: ignore[misc]
    with pytest.raises(AttributeError, match="frozen"):
        del first.prompt
    again = model.question_from_dump(model.as_dict(first))
    assert again == first and again is not first
    assert again != model.question_from_dump({**model.as_dict(first), "topic": "another"})
    assert repr(first).startswith(f"{type(first).__name__}(id={first.id!r}")
    assert hash(first.prompt) == hash(model.Localized(**model.as_dict(first.prompt)))


def test_a_dump_of_another_schema_is_refused():
    dump = ADAPTER.validate_python(
        {"id": "a.b", "chapter": 1, "topic": "t", "type": "flashcard", "prompt": "p", "explanation": "e", "answer": "a"}
    ).model_dump(mode="json")
    assert model.question_from_dump(dump).answer.get() == "a"
    with pytest.raises(TypeError, match="unknown"):
        model.question_from_dump({**dump, "renamed_field": 1})
    with pytest.raises(TypeError, match="missing"):
        model.question_from_dump({k: v for k, v in dump.items() if k != "hints"})
    with pytest.raises(KeyError):
        model.question_from_dump({**dump, "type": "essay"})

