"""Guessing by the look of the options: measured with the quiz's own checkers, limited in `bank validate`.

A score means readiness only if picking the longest (or shortest, or a middle-length)
choice option, or ticking every multi option, does not pay. The shipped bank is held to
the limits over the whole bank and per chapter.
"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from mlvc_review.bank import model
from mlvc_review.bank.loader import load_bank
from mlvc_review.bank.strategies import (
    LIMITS, LONGER_HALF, LONGEST, MIDDLE, MIN_QUESTIONS, SELECT_ALL, SHORTEST, Figure, longer_half_score,
    longest_score, measure, middle_score, select_all_score, shortest_score,
)
from mlvc_review.bank.validate import validate
from mlvc_review.cli import app

BANK = load_bank()
FIGURES = measure(BANK.questions)


def _choice(texts: dict[str, tuple[str, str]], answer: str = "a") -> model.ChoiceQuestion:
    options = [{"id": k, "text": {"en": en, "zh": zh}, "why": None} for k, (en, zh) in texts.items()]
    return model.question_from_dump({
        "id": "t.choice", "chapter": 1, "topic": "t", "tags": [], "difficulty": 2, "prompt": {"en": "p", "zh": "p"},
        "explanation": {"en": "e", "zh": "e"}, "hints": [], "notes_ref": None, "notes_slip": None, "params": {},
        "derived": {}, "constraint": None, "exam_rank": None, "type": "choice", "options": options, "answer": answer, "shuffle": True})


def _multi(n: int, right: int, texts: list[str] | None = None) -> model.MultiQuestion:
    ids = "abcdefgh"[:n]
    texts = texts or list(ids)
    options = [{"id": k, "text": {"en": t, "zh": t}, "why": None} for k, t in zip(ids, texts)]
    return model.question_from_dump({
        "id": "t.multi", "chapter": 1, "topic": "t", "tags": [], "difficulty": 2, "prompt": {"en": "p", "zh": "p"},
        "explanation": {"en": "e", "zh": "e"}, "hints": [], "notes_ref": None, "notes_slip": None, "params": {},
        "derived": {}, "constraint": None, "exam_rank": None, "type": "multi", "options": options, "answer": list(ids[:right]),
        "shuffle": True})


def test_longest_and_shortest_find_the_key_by_length_in_the_worse_language():
    key_long = _choice({"a": ("a long right answer", "长"), "b": ("short", "短短"), "c": ("mid one", "中中中")})
    assert longest_score(key_long) == 1.0  # the longest in English, whatever Chinese says
    assert shortest_score(key_long) == 1.0  # ... and the shortest in Chinese: each strategy takes the worse
    middle = _choice({"a": ("mid one", "中中"), "b": ("short", "短"), "c": ("the long one", "长长长")})
    assert (longest_score(middle), shortest_score(middle), middle_score(middle)) == (0.0, 0.0, 1.0)


def test_ties_average_over_the_tied_options():
    tied = _choice({"a": ("same", "同"), "b": ("same", "同"), "c": ("x", "短"), "d": ("yyyyy", "长长长")})
    assert shortest_score(_choice({"a": ("ab", "甲"), "b": ("cd", "乙")})) == 0.5
    assert middle_score(tied) == 0.5


@pytest.mark.parametrize(("n", "right", "score"), [(5, 1, 0.0), (5, 2, 0.0), (5, 3, 1 / 3), (5, 4, 0.75),
                                                   (6, 5, 0.8), (4, 3, 2 / 3), (3, 3, 1.0)])
def test_ticking_everything_scores_the_checkers_partial_credit(n, right, score):
    # (right picked - wrong picked) / right, at least 0
    assert select_all_score(_multi(n, right)) == pytest.approx(score)


def test_ticking_the_longer_half_finds_carefully_written_true_statements():
    # the two right options are the two longest: ticking the options longer than the median gets them all
    telling = _multi(5, 2, ["a long, careful true one", "another careful true one", "no", "nope", "wrong"])
    assert longer_half_score(telling) == 1.0
    mixed = _multi(5, 2, ["a long, careful true one", "true", "a long, careful wrong one", "no", "wrong"])
    assert longer_half_score(mixed) == 0.0  # one right, one wrong picked: (1 - 1)/2
    assert longer_half_score(_multi(4, 2)) == 0.0  # all equally long: nothing to go on


def test_a_scope_with_few_questions_is_shown_but_not_judged():
    few = Figure(LONGEST, "chapter 1", 2.0, MIN_QUESTIONS - 1)
    assert few.fraction == 1.0 and not few.over
    assert Figure(LONGEST, "chapter 1", 2.0, MIN_QUESTIONS).over
    assert not Figure(SELECT_ALL, "bank", 25.0, 100).over  # at the limit is within it


@pytest.mark.parametrize("strategy", [LONGEST, SHORTEST, MIDDLE, SELECT_ALL, LONGER_HALF])
def test_the_shipped_bank_does_not_pay_for_guessing(strategy):
    mine = [f for f in FIGURES if f.strategy == strategy]
    assert {f.scope for f in mine} == {"bank", *(f"chapter {n}" for n in range(1, 10))}
    for figure in mine:
        assert figure.fraction <= LIMITS[strategy], str(figure)


def test_every_multi_count_of_right_options_appears():
    counts = {(len(q.answer), len(q.options)) for q in BANK.questions if q.type == "multi"}
    assert any(right == 1 for right, _ in counts)
    assert any(right == n - 1 for right, n in counts)
    assert any(1 < right < n - 1 for right, n in counts)


def test_every_wrong_choice_option_says_why():
    for q in BANK.questions:
        if q.type == "choice":
            assert all(o.why for o in q.options if o.id != q.answer), q.id


GUESSABLE = """\
chapter: 6
questions:
""" + "".join(f"""\
  - id: seq.guess-{i}
    type: choice
    topic: attention
    prompt: {{en: "Question {i}?", zh: "问题 {i}？"}}
    explanation: {{en: "Because.", zh: "因为。"}}
    options:
      - {{id: a, text: {{en: "the right answer, written out at length", zh: "正确答案，写得很长很长很长"}}}}
      - {{id: b, text: {{en: "wrong", zh: "错"}}, why: {{en: "No.", zh: "不。"}}}}
      - {{id: c, text: {{en: "also wrong", zh: "也错"}}, why: {{en: "No.", zh: "不。"}}}}
    answer: a
""" for i in range(4))


def test_validate_reports_a_guessable_bank_at_its_file(write_bank):
    directory = write_bank(GUESSABLE)
    report = validate(load_bank([directory], include_shipped=False), deep=False)
    messages = [str(p) for p in report.errors]
    assert any("questions.yaml" in m and "'longest' scores 100%" in m and "chapter 6" in m for m in messages), messages
    assert any(m.startswith("all banks: the key is guessable: bank:") for m in messages), messages


def test_cli_validate_fails_when_an_extra_bank_makes_a_chapter_guessable(write_bank):
    result = CliRunner().invoke(app, ["bank", "validate", "--quick", "--bank", str(write_bank(GUESSABLE))])
    assert result.exit_code == 1, result.output
    assert "the key is guessable: chapter 6: 'longest'" in result.output
    shipped = CliRunner().invoke(app, ["bank", "validate", "--quick"])
    assert shipped.exit_code == 0 and "guessing without knowing: longest" in shipped.output
