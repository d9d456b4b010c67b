"""Checkers for single-choice and multiple-choice questions, answered by letter.

The options are shown in the order `options_for` returns: shuffled by the
variant's own RNG (stable for a seed), or as written when `shuffle` is false.
Letters a, b, c... follow that order.
"""

from __future__ import annotations

import re
import string

from mlvc_review.bank.params import Variant
from mlvc_review.bank.model import ChoiceQuestion, MultiQuestion, Option
from mlvc_review.quiz.checkers.base import Grade, InvalidAnswer, Parsed, tr, why_text

LETTERS = string.ascii_lowercase
_ONE_LETTER = re.compile(r"^\(?([a-zA-Z])[).]?$")
_SEPARATORS = re.compile(r"[\s,;/&+]+|\band\b|和|、|，")


def options_for(question: ChoiceQuestion | MultiQuestion, variant: Variant) -> list[Option]:
    """The options in the order shown for `variant` (letter i names element i)."""
    options = list(question.options)
    if question.shuffle:
        variant.rng("options").shuffle(options)
    return options


def label(options: list[Option], option_id: str, variant: Variant, lang: str) -> str:
    """'b) the option text' for the option with `option_id`."""
    for i, option in enumerate(options):
        if option.id == option_id:
            return f"{LETTERS[i]}) {variant.render(option.text, lang)}"
    return option_id


def _letter_range(options: list[Option]) -> str:
    return f"a-{LETTERS[len(options) - 1]}"


class ChoiceChecker:
    """One letter picks one option; the chosen wrong option's `why` is the feedback."""

    def parse(self, question: ChoiceQuestion, variant: Variant, raw: str, lang: str = "en") -> Parsed:
        options = options_for(question, variant)
        match = _ONE_LETTER.match(raw.strip())
        index = LETTERS.index(match.group(1).lower()) if match else len(options)
        if index >= len(options):
            raise InvalidAnswer(tr(lang, "answer with one letter {r}", "请用一个字母作答（{r}）", r=_letter_range(options)))
        option = options[index]
        return Parsed(value=option.id, understood=label(options, option.id, variant, lang))

    def grade(self, question: ChoiceQuestion, variant: Variant, parsed: Parsed, lang: str = "en") -> Grade:
        expected = self.expected(question, variant, lang)
        if parsed.value == question.answer:
            return Grade.of(1.0, [], expected)
        chosen = next(o for o in question.options if o.id == parsed.value)
        why = why_text(variant, chosen.why, lang)
        return Grade.of(0.0, [why] if why else [], expected)

    def expected(self, question: ChoiceQuestion, variant: Variant, lang: str = "en") -> str:
        return label(options_for(question, variant), question.answer, variant, lang)

    def accepted_inputs(self, question: ChoiceQuestion, variant: Variant) -> list[str]:
        ids = [o.id for o in options_for(question, variant)]
        if question.answer not in ids:
            return []
        letter = LETTERS[ids.index(question.answer)]
        return [letter, letter.upper() + ")", f" {letter}. "]


class MultiChecker:
    """Several letters ("a c", "a,c", "ac"); partial credit (right - wrong picks) / number right."""

    def parse(self, question: MultiQuestion, variant: Variant, raw: str, lang: str = "en") -> Parsed:
        options = options_for(question, variant)
        text = _SEPARATORS.sub(" ", raw.strip().lower()).replace(")", " ").replace(".", " ")
        letters = [c for c in text if not c.isspace()]
        if not letters:
            raise InvalidAnswer(tr(lang, "choose one or more letters {r}, e.g. 'a c'",
                                   "请选择一个或多个字母（{r}），例如 'a c'", r=_letter_range(options)))
        unknown = sorted({c for c in letters if c not in LETTERS[: len(options)]})
        if unknown:
            raise InvalidAnswer(tr(lang, "unknown option {u}; the options are {r}", "没有选项 {u}；选项为 {r}",
                                   u=", ".join(repr(c) for c in unknown), r=_letter_range(options)))
        picked = sorted(set(letters))
        ids = frozenset(options[LETTERS.index(c)].id for c in picked)
        return Parsed(value=ids, understood=" ".join(picked))

    def grade(self, question: MultiQuestion, variant: Variant, parsed: Parsed, lang: str = "en") -> Grade:
        options = options_for(question, variant)
        right = set(question.answer)
        picked: frozenset[str] = parsed.value
        # score = max(0, (right picked - wrong picked) / number right)
        score = max(0.0, (len(picked & right) - len(picked - right)) / len(right))
        feedback: list[str] = []
        for option in options:
            why = why_text(variant, option.why, lang)
            name = label(options, option.id, variant, lang)
            if option.id in picked and option.id not in right:
                feedback.append(tr(lang, "{o} is not right", "{o} 不正确", o=name) + (f": {why}" if why else ""))
            elif option.id in right and option.id not in picked:
                feedback.append(tr(lang, "missed {o}", "漏选 {o}", o=name) + (f": {why}" if why else ""))
        return Grade.of(score, feedback, self.expected(question, variant, lang))

    def expected(self, question: MultiQuestion, variant: Variant, lang: str = "en") -> str:
        options = options_for(question, variant)
        return "; ".join(label(options, o.id, variant, lang) for o in options if o.id in question.answer)

    def accepted_inputs(self, question: MultiQuestion, variant: Variant) -> list[str]:
        ids = [o.id for o in options_for(question, variant)]
        if not set(question.answer) <= set(ids):
            return []
        letters = sorted(LETTERS[ids.index(a)] for a in question.answer)
        return [" ".join(letters), ",".join(letters), "".join(reversed(letters)).upper()]
