from __future__ import annotations

from mlvc_review.bank.params import draw_variant, fill
from mlvc_review.bank.schema import NumericQuestion


def _q(**extra):
    return NumericQuestion.model_validate(
        {"id": "cnn.size", "chapter": 3, "type": "numeric", "topic": "conv", "prompt": "{{I}} {{K}}",
         "explanation": "x", "answer": "I - K + 1", "tolerance": {"abs": 0.5}, **extra}
    )


def test_variants_are_seeded_and_respect_constraints():
    q = _q(params={"I": {"low": 1, "high": 9}, "K": {"values": [3, 5, 7]}}, constraint="I >= K",
           derived={"O": "I - K + 1"})
    seen = set()
    for seed in range(40):
        v = draw_variant(q, seed)
        assert v == draw_variant(q, seed)
        assert v.params["I"] >= v.params["K"] and v.params["O"] == v.params["I"] - v.params["K"] + 1
        seen.add((v.params["I"], v.params["K"]))
    assert len(seen) > 5


def test_render_leaves_single_braces():
    assert fill("x_{t} = {{a}}", {"a": 0.5}) == "x_{t} = 0.5"
    assert fill("{{ a }}{{b}}", {"a": 2.0}) == "2{{b}}"
