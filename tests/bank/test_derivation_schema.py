"""The derivation type in the schema: located loader errors, parity with `model`, a dump that rebuilds."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import TypeAdapter
from typer.testing import CliRunner

from mlvc_review.bank import model, schema
from mlvc_review.bank.loader import load_bank
from mlvc_review.cli import app
from mlvc_review.errors import BankError

FIXTURES = Path(__file__).parents[1] / "fixtures"

# line -> what the message must say
EXPECTED = {
    9: "steps.0: a symbolic step needs 'variables'",
    12: "steps.1: 'symbols' belongs to matrix_expr steps, not to a symbolic step",
    17: "steps.2: unknown key 'explaination'",
    23: "steps.3.kind: Input should be 'symbolic', 'matrix_expr' or 'numeric'",
    25: "steps.4: the answer of a symbolic step is a formula in quotes",
    34: "steps: List should have at least 2 items",
}


def test_every_fault_of_a_derivation_is_located():
    with pytest.raises(BankError) as info:
        load_bank([FIXTURES / "broken_derivations"], include_shipped=False)
    problems = info.value.problems
    assert len(problems) == len(EXPECTED), problems
    for line, words in EXPECTED.items():
        (found,) = [p for p in problems if f"bank.yaml:{line}:" in p]
        assert words in found, found
        assert "question 'mlp." in found


def test_cli_reports_them_without_a_traceback():
    result = CliRunner().invoke(app, ["bank", "validate", "--quick", "--bank", str(FIXTURES / "broken_derivations")])
    assert isinstance(result.exception, SystemExit) and result.exit_code == BankError.exit_code
    assert "needs 'variables'" in result.output and "Traceback" not in result.output


def test_step_fields_are_the_same_in_schema_and_model():
    assert set(schema.DerivationStep.model_fields) == model.field_names(model.DerivationStep)
    assert set(schema.DerivationQuestion.model_fields) == model.field_names(model.DerivationQuestion)


def test_the_fixture_rebuilds_to_the_same_object():
    adapter = TypeAdapter(schema.Question)
    for q in load_bank([FIXTURES / "derivation_bank"], include_shipped=False).questions:
        validated = adapter.validate_python(model.as_dict(q))
        assert model.as_dict(q) == validated.model_dump(mode="json")
        assert [t.model_dump() for t in validated.texts()] == [model.as_dict(t) for t in q.texts()]
        assert q.languages == validated.languages == ["en", "zh"]


kinds = st.sampled_from([
    {"kind": "symbolic", "variables": {"s": {}}, "answer": "s*(1 - s)"},
    {"kind": "matrix_expr", "symbols": {"X": {"shape": ["n", "d"]}}, "answer": "X^T X"},
    {"kind": "numeric", "tolerance": {"rel": 0.01}, "answer": "n + 1", "unit": {"en": "px", "zh": "像素"}},
])


@given(st.lists(kinds, min_size=2, max_size=5), st.booleans())
def test_generated_derivations_rebuild(steps, working):
    raw = {"id": "a.b", "chapter": 1, "topic": "t", "type": "derivation", "prompt": "p", "explanation": "e",
           "params": {"n": {"low": 1, "high": 3}},
           "steps": [{"prompt": {"en": f"step {i}", "zh": f"第 {i} 步"}, **s,
                      **({"explanation": "working"} if working else {})} for i, s in enumerate(steps)]}
    validated = TypeAdapter(schema.Question).validate_python(raw)
    plain = model.question_from_dump(validated.model_dump(mode="json"))
    assert model.as_dict(plain) == validated.model_dump(mode="json")
    assert type(plain.steps[0]) is model.DerivationStep
    assert isinstance(plain.steps[0].prompt, model.Localized)
    assert len(plain.texts()) == 2 + len(steps) * (2 if working else 1) + sum("unit" in s for s in steps)


def test_a_numeric_steps_unknown_parameter_is_found_without_the_deep_checks(write_bank):
    from mlvc_review.bank.validate import validate

    directory = write_bank("""
        chapter: 2
        questions:
          - id: mlp.bad-formula
            type: derivation
            topic: t
            prompt: {en: "p", zh: "p"}
            explanation: {en: "e", zh: "e"}
            params: {n: {values: [1, 2]}}
            steps:
              - {prompt: {en: "a", zh: "甲"}, kind: numeric, tolerance: {abs: 0.5}, answer: "n / m"}
              - {prompt: {en: "b", zh: "乙"}, kind: numeric, tolerance: {abs: 0.5}, answer: "n"}
        """)
    report = validate(load_bank([directory], include_shipped=False), deep=False)
    (problem,) = report.errors
    assert "questions.yaml:" in str(problem) and "steps: unknown parameter(s) m in 'n / m'" in str(problem)
