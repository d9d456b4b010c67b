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


# Hints for checks whose meaning is the same in every task; a bank question's check_hints come first.
GENERIC_CHECK_HINTS: dict[str, dict[str, str]] = {
    "no mutation": {
        "en": "Your function changed an argument in place (`a += b`, `a[i] = v`, `a *= s`, `np.clip(a, out=a)` on an input): "
              "the caller's array changed. Work on a copy or build a new array.",
        "zh": "你的函数原地修改了输入参数（对参数使用 `a += b`、`a[i] = v`、`a *= s` 或 `out=a`），调用者的数组被改变了。请先复制，或构造新数组。",
    },
    "integer output": {
        "en": "The values may be right but the type is not: the contract asks for an integer type "
              "(int, or an integer array). Use `//` rather than `/`, or convert with `int(...)` / `.astype(np.int64)`.",
        "zh": "数值可能正确，但类型不对：约定要求整数类型（int 或整数数组）。请用 `//` 而不是 `/`，或用 `int(...)` / `.astype(np.int64)` 转换。",
    },
    "stability": {
        "en": "At the extreme inputs of this check your result overflows or is not finite where the expected one is "
              "finite: rewrite the formula so no intermediate exp() or division blows up "
              "(subtract the maximum, use log-sum-exp, np.logaddexp or a softplus form).",
        "zh": "在本检查的极端输入下，期望结果是有限值，而你的结果溢出或不是有限值：请改写公式，避免中间的 exp() 或除法溢出（先减去最大值，使用 log-sum-exp、np.logaddexp 或 softplus 形式）。",
    },
    "signature": {
        "en": "The grader calls the function with the contract's arguments, by position: `mlvc-review tasks FUNCTION` "
              "shows its signature.",
        "zh": "评分器按位置传入约定的参数：用 `mlvc-review tasks 函数名` 查看其签名。",
    },
}


@dataclass(frozen=True)
class TaskInfo:
    """Bank metadata of one code task."""

    id: str
    function: str
    checks: tuple[str, ...] = ()  # empty: all of the spec's checks
    hidden: tuple[str, ...] = ()
    mistakes: tuple[KnownMistake, ...] = ()
    hints: tuple[dict[str, str | None], ...] = ()  # {"en": ..., "zh": ... or None}: the quiz's hints
    points: float = 1.0
    check_hints: tuple[tuple[str, dict[str, str | None]], ...] = ()  # (check name, {"en", "zh"}): the grader's

    def hints_for(self, failed: list[str], diagnosed: bool, n: int, lang: str) -> list[str]:
        """Hints for what failed: those tied to the failing checks (the bank's, else the generic ones), at most `n`.

        None when a known mistake was named (its explanation is the pointer), and none for a
        failure no hint is tied to: no hint beats one that points the wrong way.
        """
        if diagnosed:
            return []
        by_check = {**GENERIC_CHECK_HINTS, **dict(self.check_hints)}
        texts = [by_check[c].get(lang) or by_check[c]["en"] for c in dict.fromkeys(failed) if c in by_check]
        return texts[: max(n, 0)]


def from_dump(q: dict[str, Any]) -> TaskInfo:
    """A TaskInfo from a bank `CodeQuestion` as dumped to JSON (`model_dump(mode="json")`)."""
    mistakes = tuple(KnownMistake(m["name"], m["impl"], m["explain"]["en"], m["explain"].get("zh")) for m in q["mistakes"])
    hints = tuple({"en": h["en"], "zh": h.get("zh")} for h in q["hints"])
    check_hints = tuple((c, {"en": h["en"], "zh": h.get("zh")}) for c, h in (q.get("check_hints") or {}).items())
    return TaskInfo(q["id"], q["function"], tuple(q["checks"]), tuple(q["hidden_checks"]), mistakes, hints, float(q["points"]),
                    check_hints)


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
