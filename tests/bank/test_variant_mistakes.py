"""Every variant of a parameterised numeric question keeps its listed mistakes apart from its answer.

`bank validate` proves SEEDS drawn variants of each question. These questions once let a
listed mistake through on a few variants that validate's seeds missed (tanh(c_t) ≈ c_t for a
small cell state, D(G(z)) = 0.5, T = 200 where β_t = 0.02·t/T exactly, a zero sum equal to
its average, σ(−4) and σ'(−4) equal to three decimals, a division by a² − λ = 0, ...): their
parameter ranges, constraints or stated precisions now rule that out, and here every
combination of their parameters is proved (a large space by a fixed sample of it).
"""

from __future__ import annotations

import itertools
import math
import random

import pytest

from mlvc_review.bank.formula import FormulaError, evaluate
from mlvc_review.bank.loader import load_bank
from mlvc_review.bank.params import Variant
from mlvc_review.bank.validate import SEEDS
from mlvc_review.quiz.checkers import selfcheck
from mlvc_review.quiz.checkers.numeric import NumericChecker
from mlvc_review.quiz.checkers.selfcheck import _check_variant

BANK = load_bank()
FIXED = ["mlp.sigmoid-grad-value", "mlp.forward-pass", "seq.lstm-step-numeric", "gen.discriminator-loss-numeric",
         "dif.linear-schedule", "dif.snr-db", "und.inversion-1d", "opt.condition-number", "und.cam-value",
         "und.ga-step", "und.gradcam-alpha", "gen.reparameterise-numeric", "gen.ar-nll", "cnn.gaussian-vs-mean",
         "vis.nerf-composite"]
SAMPLE = 1000  # variants proved where a question has more combinations than this


def _values(spec) -> list:
    """Every value `params.draw_variant` can give a parameter."""
    if spec.values is not None:
        return list(spec.values)
    if spec.is_int:
        return list(range(int(spec.low), int(spec.high) + 1, int(spec.step or 1)))
    assert spec.step is not None, "a continuous parameter has no finite list of values"
    count = int((spec.high - spec.low) / spec.step + 1e-9)
    return [round(spec.low + spec.step * k, spec.decimals) for k in range(count + 1)]


def _variants(question) -> list[Variant]:
    """Every variant of `question` its constraint allows (a fixed sample of them above SAMPLE combinations)."""
    names = sorted(question.params)
    lists = [_values(question.params[n]) for n in names]
    combos = itertools.product(*lists)
    if math.prod(map(len, lists)) > SAMPLE:
        rng = random.Random(question.id)
        combos = ([rng.choice(values) for values in lists] for _ in range(SAMPLE))
    variants = []
    for combo in combos:
        params = dict(zip(names, combo))
        try:
            for name, formula in question.derived.items():
                params[name] = evaluate(formula, params)
            if question.constraint is not None and not evaluate(question.constraint, params):
                continue
        except FormulaError:
            continue  # draw_variant redraws these too
        variants.append(Variant(question.id, 0, params))
    return variants


@pytest.mark.parametrize("qid", FIXED)
def test_no_variant_lets_a_listed_mistake_through(qid):
    question = BANK.by_id[qid]
    variants = _variants(question)
    assert len(variants) >= 5, "the constraint leaves too few variants to practise on"
    checker = NumericChecker()
    problems = {p: v.params for v in variants for p in _check_variant(question, v, checker) + checker.rounding_problems(question, v)}
    assert not problems, problems


def test_the_closed_form_derivation_keeps_its_numeric_mistake_apart():
    # the pixel step: ᾱ = 0.36, x_0 = 1, ε = −1.5 once gave −0.6 with and without the square roots
    assert selfcheck(BANK.by_id["dif.derive-closed-form"], range(200)) == []


def test_validate_draws_twenty_variants_of_each_question():
    assert len(SEEDS) >= 20
