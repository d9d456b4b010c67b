"""`bank.model` (plain objects, no pydantic) describes exactly what `bank.schema` validates.

The quiz and the grader work on `model`'s objects rebuilt from `schema`'s JSON dump;
a field added to one and not the other, a different default, or a lost nested
object would silently change what a cached bank means.
"""

from __future__ import annotations

import dataclasses
import subprocess
import sys

import pytest
from bank_strategies import question
from hypothesis import given
from pydantic import TypeAdapter
from pydantic_core import PydanticUndefined

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
def test_same_fields_and_defaults(validated, plain):
    assert set(validated.model_fields) == model.field_names(plain)
    plain_fields = {f.name: f for f in dataclasses.fields(plain)}
    for name, info in validated.model_fields.items():
        if name == "type":  # required in the schema (the discriminator); preset in each plain class
            continue
        f = plain_fields[name]
        if info.default_factory is not None:
            assert f.default_factory is not dataclasses.MISSING and f.default_factory() == info.default_factory(), name
        elif info.default is PydanticUndefined:
            assert f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING, f"{name} is required"
        else:
            assert f.default == info.default, name


def _same(validated, plain) -> None:
    dump = validated.model_dump(mode="json")
    assert dataclasses.asdict(plain) == dump
    assert type(plain) is model.QUESTION_TYPES[validated.type]
    assert plain.languages == validated.languages
    assert [t.model_dump() for t in validated.texts()] == [dataclasses.asdict(t) for t in plain.texts()]
    assert plain.param_names == validated.param_names
    assert {n: p.is_int for n, p in plain.params.items()} == {n: p.is_int for n, p in validated.params.items()}


def test_every_shipped_question_rebuilds_to_the_same_object():
    bank = load_bank()
    assert len(bank.questions) > 250
    for plain in bank.questions:
        _same(ADAPTER.validate_python(dataclasses.asdict(plain)), plain)


@given(question())
def test_generated_questions_rebuild_to_the_same_object(raw):
    raw["chapter"] = 1
    validated = ADAPTER.validate_python(raw)
    _same(validated, model.question_from_dump(validated.model_dump(mode="json")))


def test_plain_objects_are_frozen():
    bank = load_bank()
    with pytest.raises(dataclasses.FrozenInstanceError):
        bank.questions[0].answer = "changed"  # type: ignore[misc]


def test_a_dump_of_another_schema_is_refused():
    dump = ADAPTER.validate_python(
        {"id": "a.b", "chapter": 1, "topic": "t", "type": "flashcard", "prompt": "p", "explanation": "e", "answer": "a"}
    ).model_dump(mode="json")
    assert model.question_from_dump(dump).answer.get() == "a"
    with pytest.raises(TypeError):
        model.question_from_dump({**dump, "renamed_field": 1})
    with pytest.raises(KeyError):
        model.question_from_dump({**dump, "type": "essay"})


def test_a_quiz_from_the_cached_bank_imports_neither_pydantic_nor_torch(tmp_path):
    env_home = tmp_path / "home"
    code = (
        "import sys\n"
        "from mlvc_review.cli import app\n"
        "try:\n"
        "    app(['quiz', 'chapter', '1', '--limit', '1', '--seed', '1'], standalone_mode=False)\n"
        "finally:\n"
        "    print(sorted(m for m in ('pydantic', 'torch', 'sympy', 'numpy') if m in sys.modules))\n"
    )
    env = {**__import__("os").environ, "MLVC_REVIEW_HOME": str(env_home)}
    run = lambda: subprocess.run([sys.executable, "-c", code], input="q\n", capture_output=True, text=True,  # noqa: E731
                                 timeout=120, env=env, cwd=tmp_path)
    first = run()  # fills the file cache (pydantic validates the YAML once)
    assert first.returncode == 0, first.stderr
    second = run()
    assert second.returncode == 0, second.stderr
    assert second.stdout.strip().splitlines()[-1] == "[]"
