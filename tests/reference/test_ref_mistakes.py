"""Every known mistake is observably wrong and distinguishable from its siblings."""

from __future__ import annotations

import itertools

import pytest
from ref_cases import generic_cases, outcome, outcomes_differ

from known_mistakes import MISTAKES as ALL_MISTAKES
from mlvc_reference.registry import REFERENCES, load_impl, reference
from mlvc_review.grading.contract import CONTRACT

CASES = generic_cases()
CLASSES = {name for name, entry in CONTRACT.items() if entry.kind == "class"}
# The function tasks' mistakes, compared on generic cases here; the trained classes' mistakes are
# told apart by what training shows (tests/grading/test_training_judge.py).
MISTAKES = {f: m for f, m in ALL_MISTAKES.items() if f not in CLASSES}


def test_bank_lists_three_mistakes_for_every_reference_and_every_trained_class():
    assert set(MISTAKES) == set(REFERENCES)
    assert set(ALL_MISTAKES) - set(MISTAKES) == CLASSES
    for function, mistakes in ALL_MISTAKES.items():
        assert len(mistakes) >= 3, function
        names = [m["name"] for m in mistakes]
        assert len(set(names)) == len(names), function


@pytest.mark.parametrize("function", sorted(ALL_MISTAKES))
def test_mistake_entries_are_complete(function):
    for m in ALL_MISTAKES[function]:
        assert set(m) == {"name", "impl", "explain_en", "explain_zh"}
        assert m["impl"].startswith("mlvc_reference.mistakes.")
        impl = load_impl(m["impl"])
        assert impl.__doc__ and "Wrong" in impl.__doc__, m["impl"]
        assert len(m["explain_en"]) > 30 and len(m["explain_zh"]) > 10
        # the Chinese text is Chinese, not a copy of the English one
        assert any("\u4e00" <= ch <= "\u9fff" for ch in m["explain_zh"]), m["name"]


@pytest.mark.parametrize("function", sorted(MISTAKES))
def test_every_mistake_differs_from_the_reference(function):
    ref = reference(function)
    for m in MISTAKES[function]:
        wrong = load_impl(m["impl"])
        outcomes = [outcome(wrong, c) for c in CASES[function]]
        # a mistake that only ever crashes would teach nothing: it must return a value somewhere
        assert any(not isinstance(o, str) for o in outcomes), f"{m['impl']} raises on every generic case"
        diffs = [outcomes_differ(outcome(ref, c), o) for c, o in zip(CASES[function], outcomes)]
        assert any(diffs), f"{m['impl']} agrees with the reference on every generic case"


@pytest.mark.parametrize("function", sorted(MISTAKES))
def test_mistakes_of_a_task_are_mutually_distinguishable(function):
    impls = [(m["impl"], load_impl(m["impl"])) for m in MISTAKES[function]]
    for (name_a, a), (name_b, b) in itertools.combinations(impls, 2):
        diffs = [outcomes_differ(outcome(a, c), outcome(b, c)) for c in CASES[function]]
        assert any(diffs), f"{name_a} and {name_b} agree on every generic case"


@pytest.mark.parametrize("function", sorted(MISTAKES))
def test_reference_accepts_every_generic_case(function):
    ref = reference(function)
    for c in CASES[function]:
        assert not isinstance(outcome(ref, c), str)
