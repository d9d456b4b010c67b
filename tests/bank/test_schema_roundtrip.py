"""Generated valid questions load; mutated ones are rejected with a located message."""

from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import pytest

from mlvc_review.bank.loader import load_bank
from mlvc_review.errors import BankError

from bank_strategies import question


def _write(tmp_path, questions, name="bank.yaml"):
    directory = tmp_path / "bank"
    directory.mkdir(exist_ok=True)
    (directory / name).write_text(yaml.safe_dump({"chapter": 3, "questions": questions}, allow_unicode=True))
    return directory


@settings(max_examples=60)
@given(q=question())
def test_valid_questions_load(tmp_path_factory, q):
    directory = _write(tmp_path_factory.mktemp("b"), [q])
    bank = load_bank([directory], include_shipped=False)
    loaded = bank.get(q["id"])
    assert loaded.type == q["type"] and loaded.chapter == 3
    assert bank.sources[q["id"]].line == 3  # 'chapter' and 'questions' come first


MUTATIONS = {
    "unknown key": lambda q: {**q, "colour": "red"},
    "missing prompt": lambda q: {k: v for k, v in q.items() if k != "prompt"},
    "missing explanation": lambda q: {k: v for k, v in q.items() if k != "explanation"},
    "bad difficulty": lambda q: {**q, "difficulty": 7},
    "bad id": lambda q: {**q, "id": "Has Spaces"},
    "unknown type": lambda q: {**q, "type": "essay"},
    "prompt not text": lambda q: {**q, "prompt": ["a", "b"]},
    "unknown language": lambda q: {**q, "prompt": {"en": "x", "fr": "y"}},
}


@settings(max_examples=60)
@given(q=question(), mutation=st.sampled_from(sorted(MUTATIONS)))
def test_mutated_questions_are_rejected(tmp_path_factory, q, mutation):
    bad = MUTATIONS[mutation](q)
    directory = _write(tmp_path_factory.mktemp("b"), [bad])
    with pytest.raises(BankError) as info:
        load_bank([directory], include_shipped=False)
    message = info.value.problems[0]
    assert "bank.yaml:" in message
    shown_id = bad["id"] if mutation != "bad id" else "Has Spaces"
    assert f"question '{shown_id}'" in message
