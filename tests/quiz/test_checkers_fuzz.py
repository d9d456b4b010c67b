"""No answer to any shipped question can raise out of a checker: parsing AND grading are fuzzed.

Each numeric, symbolic and matrix question of the shipped bank gets answers drawn from
a grammar of its own symbols (`answer_strategies`), so most of them parse and reach
the evaluation, the shape pass, the numeric comparison and the known-mistake matching.
The only exception a checker may raise is its own `InvalidAnswer` (asked again).
"""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from answer_strategies import answers_for
from mlvc_review.bank.loader import load_bank
from mlvc_review.bank.params import draw_variant
from mlvc_review.quiz.checkers import get_checker
from mlvc_review.quiz.checkers.base import Grade, InvalidAnswer

BANK = load_bank()
TYPES = ("numeric", "symbolic", "matrix_expr")


def graded_questions() -> list:
    """Every shipped numeric, symbolic and matrix question, and every step of a derivation as one."""
    out = []
    for q in BANK.questions:
        if q.type in TYPES:
            out.append(q)
        elif q.type == "derivation":
            from mlvc_review.quiz.checkers.derivation import step_question

            out += [step_question(q, i) for i in range(len(q.steps))]
    return out


GRADED = graded_questions()
SECONDS = 6.0  # a symbolic grade may spend 1.5 s simplifying, plus a share per listed mistake


def check_one(question, seed: int, raw: str, lang: str) -> None:
    checker = get_checker(question.type)
    variant = draw_variant(question, seed)
    start = time.monotonic()
    try:
        parsed = checker.parse(question, variant, raw, lang)
    except InvalidAnswer as err:
        assert err.message
        return
    assert isinstance(parsed.understood, str)
    grade = checker.grade(question, variant, parsed, lang)
    assert isinstance(grade, Grade) and 0.0 <= grade.score <= 1.0 and all(isinstance(f, str) for f in grade.feedback)
    assert time.monotonic() - start < SECONDS, raw


@pytest.mark.parametrize("question", GRADED, ids=lambda q: f"{q.id}:{q.type}")
def test_answers_in_the_questions_own_vocabulary_never_raise(question):
    @settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(raw=answers_for(question), seed=st.integers(0, 5), lang=st.sampled_from(["en", "zh"]))
    def run(raw, seed, lang):
        check_one(question, seed, raw, lang)

    run()


def test_the_identity_crash_of_issue_15_is_gone():
    q = BANK.get("und.ga-linear-classifier")
    for raw in ("inv(2 lam I) w", "(2 lam I)^-1 w", "inv(2*lam*I)*w", "I w/(2 lam)", "I w", "w/(2*lam*I)"):
        for seed in range(8):
            check_one(q, seed, raw, "en")
