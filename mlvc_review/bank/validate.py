"""Consistency checks of a loaded bank, beyond what the schema alone can say.

`validate(bank)` returns every problem it finds, each located at `file:line` with
the question id. Structural checks live here; answer checks are delegated to the
quiz's checker registry (`selfcheck`) and code-task checks to the grader
(`check_code_question`), each imported only when `deep` is asked for.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from mlvc_review.bank.formula import FormulaError, evaluate, names_in
from mlvc_review.bank.loader import Bank, Source
from mlvc_review.bank.params import VariantError, draw_variant, placeholders
from mlvc_review.bank.model import QuestionBase

SEEDS = range(20)  # variants drawn per question: parameters, answers, listed mistakes and rounding are proved on each


@dataclass(frozen=True)
class Problem:
    where: str
    question: str | None
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        who = f"question '{self.question}': " if self.question else ""
        return f"{self.where}: {who}{self.message}"


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    checked: int = 0
    deep: dict[str, int] = field(default_factory=dict)  # which deep checks ran, how many questions
    strategies: list = field(default_factory=list)  # guessing strategies' figures (bank.strategies.Figure)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors


Rule = Callable[[QuestionBase, Source], Iterable[tuple[str | None, str]]]


def _options(q: QuestionBase, src: Source) -> Iterable[tuple[str | None, str]]:
    if q.type not in ("choice", "multi"):
        return
    ids = [o.id for o in q.options]
    seen = set()
    for option_id in ids:
        if option_id in seen:
            yield "options", f"options: duplicate option id '{option_id}'"
        seen.add(option_id)
    answers = [q.answer] if q.type == "choice" else q.answer
    for answer in answers:
        if answer not in seen:
            yield "answer", f"answer: '{answer}' is not one of the option ids ({', '.join(ids)})"
    if q.type == "multi" and len(set(answers)) != len(answers):
        yield "answer", "answer: an option is listed twice"


def _placeholders(q: QuestionBase, src: Source) -> Iterable[tuple[str | None, str]]:
    known = q.param_names
    for text in q.texts():
        for lang in text.languages:
            for name in sorted(placeholders(text.get(lang)) - known):
                yield "prompt", f"text refers to '{{{{{name}}}}}' ({lang}) but no parameter '{name}' exists"


def _formulas(q: QuestionBase, src: Source) -> Iterable[tuple[str | None, str]]:
    available = set(q.params)
    for name, formula in q.derived.items():
        try:
            missing = names_in(formula) - available
        except FormulaError as err:
            yield "derived", f"derived.{name}: {err}"
            continue
        if missing:
            yield "derived", f"derived.{name}: unknown parameter(s) {', '.join(sorted(missing))}"
        available.add(name)
    formulas = [("constraint", q.constraint)] if q.constraint else []
    if q.type == "numeric" and isinstance(q.answer, str):
        formulas.append(("answer", q.answer))
    if q.type == "numeric":
        formulas += [("wrong_answers", str(w.answer)) for w in q.wrong_answers]
    for step in getattr(q, "steps", ()):  # a derivation's numeric steps
        if step.kind == "numeric":
            formulas += [("steps", f) for f in [str(step.answer), *(str(w.answer) for w in step.wrong_answers)]]
    for key, formula in formulas:
        try:
            missing = names_in(formula) - available
        except FormulaError as err:
            yield key, f"{key}: {err}"
            continue
        if missing:
            yield key, f"{key}: unknown parameter(s) {', '.join(sorted(missing))} in '{formula}'"


def _variants(q: QuestionBase, src: Source) -> Iterable[tuple[str | None, str]]:
    for seed in SEEDS:
        try:
            variant = draw_variant(q, seed)
        except (VariantError, FormulaError) as err:
            yield "params", f"params: seed {seed}: {err}"
            return
        if q.type == "numeric":
            try:
                value = evaluate(q.answer, variant.params)
            except FormulaError as err:
                yield "answer", f"answer: seed {seed} {variant.params}: {err}"
                return
            if isinstance(value, bool) or not math.isfinite(float(value)):
                yield "answer", f"answer: seed {seed} gives {value!r}, not a finite number"
                return


def _languages(q: QuestionBase, src: Source) -> Iterable[tuple[str | None, str]]:
    if "zh" not in q.languages:
        yield None, "warning: some text has no Chinese ('zh') version"


def _unfilled(q: QuestionBase, src: Source) -> Iterable[tuple[str | None, str]]:
    from mlvc_review.bank.template import TODO

    if any(TODO in text.get(lang) for text in q.texts() for lang in text.languages):
        yield None, f"a text still contains the template placeholder '{TODO}'"


def _rounding(q: QuestionBase, src: Source) -> Iterable[tuple[str | None, str]]:
    """A numeric answer correctly rounded as its prompt says (3 significant figures if it says nothing) is right."""
    if q.type != "numeric":
        return
    from mlvc_review.quiz.checkers.numeric import rounding_problems

    for message in rounding_problems(q, SEEDS):  # type: ignore[arg-type]
        yield "tolerance", f"rounding: {message}"


RULES: list[Rule] = [_options, _placeholders, _formulas, _variants, _unfilled, _rounding]


def _deep_checks() -> list[tuple[str, Callable[[QuestionBase], list[str]], Callable[[QuestionBase], bool]]]:
    """Answer self-checks (quiz) and code-task proofs (grader), when those parts are installed."""
    import importlib.util

    checks = []
    if importlib.util.find_spec("mlvc_review.quiz.checkers.base") is not None:
        from mlvc_review.quiz.checkers import selfcheck

        checks.append(("answers", lambda q: selfcheck(q, SEEDS), lambda q: q.type != "code"))  # type: ignore[attr-defined]
    if importlib.util.find_spec("mlvc_review.grading.bankcheck") is not None:
        from mlvc_review.grading.bankcheck import check_code_question

        checks.append(("code tasks", check_code_question, lambda q: q.type == "code"))  # type: ignore[attr-defined]
    return checks


def validate(bank: Bank, *, deep: bool = True, require_zh: bool = False) -> Report:
    """Check every question of `bank`; `deep` also runs answer checkers and code-task proofs."""
    report = Report()
    deep_checks = _deep_checks() if deep else []
    for q in bank.questions:
        src = bank.sources[q.id]
        report.checked += 1
        found = False
        for rule in RULES:  # the first rule that finds a problem ends the list: later ones build on it
            for key, message in rule(q, src):
                found = True
                report.problems.append(Problem(src.at(key), q.id, message))
            if found:
                break
        for key, message in _languages(q, src):
            severity = "error" if require_zh else "warning"
            report.problems.append(Problem(src.at(key), q.id, message.removeprefix("warning: "), severity))
        if found:
            continue  # the deep checks would only repeat a structural problem
        for name, check, applies in deep_checks:
            if not applies(q):
                continue
            report.deep[name] = report.deep.get(name, 0) + 1
            for message in check(q):
                report.problems.append(Problem(src.at("answer"), q.id, message))
    _strategies(bank, report)
    _duplicates(bank, report)
    return report


def _duplicates(bank: Bank, report: Report) -> None:
    """A warning at the later question of each near-duplicate pair (bank.duplicates)."""
    from mlvc_review.bank.duplicates import near_duplicates

    for first, second, why in near_duplicates(bank.questions):
        report.problems.append(Problem(bank.sources[second.id].at("prompt"), second.id,
                                       f"near duplicate: {why}", "warning"))


def _strategies(bank: Bank, report: Report) -> None:
    """How far guessing by the look of the options gets (bank.strategies); a figure over its limit is an error."""
    from mlvc_review.bank.strategies import located_problems

    broken = {p.question for p in report.errors}
    clean = [q for q in bank.questions if q.id not in broken]
    report.strategies, located = located_problems(clean, lambda q: bank.sources[q.id].file)
    report.problems += [Problem(where, None, message) for where, message in located]
