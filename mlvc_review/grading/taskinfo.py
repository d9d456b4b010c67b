"""What the bank says about a code task (id, checks to run, hidden checks, known mistakes, hints, points).

A contract function with no code question in the bank is still graded: its id is
the function name, every check runs, and no mistake can be named (the bank's
code questions are the one place known mistakes are listed). The bank is read at
most once per process, from the bank's file cache when it is complete.
"""

from __future__ import annotations

from dataclasses import dataclass
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
    hints: tuple[dict[str, str | None], ...] = ()  # {"en": ..., "zh": ... or None}
    points: float = 1.0

    def hint_texts(self, n: int, lang: str) -> list[str]:
        """The first `n` hints in `lang` (English when there is no translation)."""
        texts = []
        for hint in self.hints[: max(n, 0)]:
            texts.append(hint.get(lang) or hint["en"])
        return texts


def from_dump(q: dict[str, Any]) -> TaskInfo:
    """A TaskInfo from a bank `CodeQuestion` as dumped to JSON (`model_dump(mode="json")`)."""
    mistakes = tuple(KnownMistake(m["name"], m["impl"], m["explain"]["en"], m["explain"].get("zh")) for m in q["mistakes"])
    hints = tuple({"en": h["en"], "zh": h.get("zh")} for h in q["hints"])
    return TaskInfo(q["id"], q["function"], tuple(q["checks"]), tuple(q["hidden_checks"]), mistakes, hints, float(q["points"]))


def from_question(q: Any) -> TaskInfo:
    """A TaskInfo from a bank `CodeQuestion` (`bank.model`'s, or `bank.schema`'s in tests)."""
    if hasattr(q, "model_dump"):
        return from_dump(q.model_dump(mode="json"))
    from mlvc_review.bank.model import as_dict

    return from_dump(as_dict(q))


def without_question(function: str) -> TaskInfo:
    """A TaskInfo for a contract function the bank has no question for: all checks, no known mistakes."""
    return TaskInfo(function, function)


_INFOS: list[TaskInfo] | None = None


def code_tasks() -> list[TaskInfo]:
    """Every code question of the bank as a TaskInfo (an unreadable bank gives none).

    Read from the bank's file cache when every file is in it, so grading parses no
    YAML and imports no pydantic; otherwise the bank is loaded (which fills the cache).
    """
    global _INFOS
    if _INFOS is None:
        _INFOS = _from_file_cache()
        if _INFOS is None:
            _INFOS = _load_from_bank()
    return _INFOS


def _from_file_cache() -> list[TaskInfo] | None:
    from mlvc_review.bank import filecache

    infos = []
    for path in filecache.shipped_and_env_files():
        entries = filecache.get(path)
        if entries is None:
            return None
        infos += [from_dump(e["question"]) for e in entries if e["question"]["type"] == "code"]
    return infos


def _load_from_bank() -> list[TaskInfo]:
    from mlvc_review.bank.loader import load_bank
    from mlvc_review.errors import BankError

    try:
        return [from_question(q) for q in load_bank().select(qtype="code")]
    except BankError:
        return []


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
