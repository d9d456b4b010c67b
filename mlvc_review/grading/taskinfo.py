"""What the bank says about a code task (id, checks to run, hidden checks, known mistakes, hints, points).

A contract function with no code question in the bank is still graded: its id is
the function name, every check runs, and no mistake can be named (the bank's
code questions are the one place known mistakes are listed). The bank is read at most once per process, and its code
questions are cached on disk (`bankcache.py`) so grading skips YAML and pydantic.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mlvc_review.errors import UsageError


@dataclass(frozen=True)
class KnownMistake:
    """A wrong implementation the diagnosis compares against."""

    name: str
    impl: str  # "module:function"
    explain_en: str
    explain_zh: str | None = None

    def explain(self, lang: str) -> str:
        return self.explain_zh if lang == "zh" and self.explain_zh else self.explain_en


@dataclass(frozen=True)
class TaskInfo:
    """Bank metadata of one code task."""

    id: str
    function: str
    checks: tuple[str, ...] = ()  # empty: all of the spec's checks
    hidden: tuple[str, ...] = ()
    mistakes: tuple[KnownMistake, ...] = ()
    hints: tuple[Any, ...] = ()  # Localized or {"en", "zh"} dicts
    points: float = 1.0
    extra: dict = field(default_factory=dict)

    def hint_texts(self, n: int, lang: str) -> list[str]:
        """The first `n` hints in `lang` (English when there is no translation)."""
        texts = []
        for hint in self.hints[: max(n, 0)]:
            h = _hint_dict(hint)
            texts.append(h.get(lang) or h["en"])
        return texts


def from_question(q: Any) -> TaskInfo:
    """A TaskInfo from a bank `CodeQuestion`."""
    mistakes = tuple(KnownMistake(m.name, m.impl, m.explain.en, m.explain.zh) for m in q.mistakes)
    return TaskInfo(q.id, q.function, tuple(q.checks), tuple(q.hidden_checks), mistakes, tuple(q.hints), float(q.points))


def without_question(function: str) -> TaskInfo:
    """A TaskInfo for a contract function the bank has no question for: all checks, no known mistakes."""
    return TaskInfo(function, function)


_INFOS: list[TaskInfo] | None = None


def code_tasks() -> list[TaskInfo]:
    """Every code question of the bank as a TaskInfo (cached on disk; an unreadable bank gives none)."""
    global _INFOS
    if _INFOS is None:
        from mlvc_review.grading.bankcache import cached_tasks

        _INFOS = cached_tasks(_load_from_bank, to_json, from_json)
    return _INFOS


def _load_from_bank() -> list[TaskInfo]:
    from mlvc_review.bank.loader import load_bank
    from mlvc_review.errors import BankError

    try:
        return [from_question(q) for q in load_bank().select(qtype="code")]
    except BankError:
        return []


def to_json(info: TaskInfo) -> dict[str, Any]:
    return {
        "id": info.id, "function": info.function, "checks": list(info.checks), "hidden": list(info.hidden),
        "mistakes": [[m.name, m.impl, m.explain_en, m.explain_zh] for m in info.mistakes],
        "hints": [{"en": h.get("en"), "zh": h.get("zh")} for h in (_hint_dict(h) for h in info.hints)],
        "points": info.points,
    }


def from_json(data: dict[str, Any]) -> TaskInfo:
    return TaskInfo(
        data["id"], data["function"], tuple(data["checks"]), tuple(data["hidden"]),
        tuple(KnownMistake(*m) for m in data["mistakes"]), tuple(data["hints"]), float(data["points"]),
    )


def _hint_dict(hint: Any) -> dict[str, Any]:
    return hint if isinstance(hint, dict) else {"en": hint.en, "zh": hint.zh}


def for_function(function: str) -> TaskInfo:
    """The first bank code question on `function`, else a bare TaskInfo."""
    for info in code_tasks():
        if info.function == function:
            return info
    return without_question(function)


def resolve_requests(requests: list[str]) -> dict[str, TaskInfo]:
    """--task values (contract function names or bank ids) -> function -> TaskInfo.

    Raises:
        UsageError: a value that is neither.
    """
    from mlvc_review.grading.contract import CONTRACT, near_miss

    out: dict[str, TaskInfo] = {}
    for request in requests:
        if request in CONTRACT:
            out[request] = for_function(request)
            continue
        question = next((q for q in code_tasks() if q.id == request), None)
        if question is None:
            close = near_miss(request)
            hint = f"; did you mean '{close}'?" if close else ""
            raise UsageError(f"--task '{request}' is neither a contract function nor a code question id{hint}")
        out[question.function] = question
    return out
