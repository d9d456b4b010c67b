"""The coding-task contract (shared/spec/tasks.md) as lookups: names, signatures, chapters.

Used by discovery (near-miss names, signature mismatches), by the starter-file
writer (stub signatures and docstrings) and by the runner (a contract function
without a TaskSpec is reported "skipped", never "passed").
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from mlvc_review.grading.contract_data import ENTRIES


@dataclass(frozen=True)
class Param:
    """One contract parameter; `default` is its source text ("0", "None") or None when required."""

    name: str
    default: str | None = None


@dataclass(frozen=True)
class Entry:
    """One contract function or class."""

    name: str
    chapter: int
    kind: str  # "function" | "class"
    framework: str  # "numpy" | "torch"
    params: tuple[Param, ...]
    signature: str  # as the contract writes it, e.g. "(X, y) -> w"
    meaning: str

    def def_line(self) -> str:
        """The Python signature text: "normal_equation(X, y)"."""
        parts = [p.name if p.default is None else f"{p.name}={p.default}" for p in self.params]
        return f"{self.name}({', '.join(parts)})"


CONTRACT: dict[str, Entry] = {
    name: Entry(name, chapter, kind, framework, tuple(Param(n, d) for n, d in params), signature, meaning)
    for name, chapter, kind, framework, params, signature, meaning in ENTRIES
}


def lookup(name: str) -> Entry | None:
    """The contract entry called `name`, or None."""
    return CONTRACT.get(name)


def chapter_entries(chapter: int) -> list[Entry]:
    """Every entry of one chapter, in contract order."""
    return [e for e in CONTRACT.values() if e.chapter == chapter]


def near_miss(name: str, exclude: set[str] | frozenset[str] = frozenset()) -> str | None:
    """The contract name `name` probably meant (difflib, case-insensitive), or None.

    Args:
        name: a module-level name found in a submission that is not a contract name.
        exclude: contract names the file defines already (not suggested again).
    """
    if name in CONTRACT or name.startswith("_"):
        return None
    candidates = {n.lower(): n for n in CONTRACT if n not in exclude}
    match = difflib.get_close_matches(name.lower(), list(candidates), n=1, cutoff=0.8)
    return candidates[match[0]] if match else None


def signature_problems(entry: Entry, params: list[Param], *, varargs: bool = False, kwargs: bool = False) -> tuple[str | None, list[str]]:
    """Compare a submission's parameters with the contract.

    Args:
        entry: the contract entry.
        params: the submission's positional parameters (for a class: `__init__` without self).
        varargs: the submission takes `*args` (accepts any extra positional argument).
        kwargs: the submission takes `**kwargs`.

    Returns:
        (fatal, problems): `fatal` is a message when the function cannot be called the way the
        contract calls it (wrong parameter count); `problems` lists names or defaults that differ.
    """
    want = entry.params
    problems: list[str] = []
    fatal = None
    if len(params) < len(want) and not varargs:
        fatal = f"takes {len(params)} parameter(s), the contract has {len(want)}: {entry.def_line()}"
    extra_required = [p.name for p in params[len(want):] if p.default is None]
    if extra_required:
        fatal = f"extra parameter(s) without a default: {', '.join(extra_required)}; the contract is {entry.def_line()}"
    for expected, got in zip(want, params):
        if expected.name != got.name and not kwargs:
            problems.append(f"parameter '{got.name}' should be called '{expected.name}' ({entry.def_line()})")
        if expected.default is not None and got.default is None:
            problems.append(f"parameter '{got.name}' needs the default {expected.default}")
        elif expected.default is not None and got.default != expected.default and _literal(got.default) != _literal(expected.default):
            problems.append(f"parameter '{got.name}' has default {got.default}; the contract says {expected.default}")
    return fatal, problems


def _literal(text: str | None) -> object:
    """The value of a default's source text when it is a literal, else the text itself."""
    import ast

    try:
        return ast.literal_eval(text) if text is not None else None
    except (ValueError, SyntaxError):
        return text
