"""The coding-task contract (contract_data.py) as lookups: names, signatures, chapters, texts.

Used by discovery (near-miss names, signature mismatches), by the starter-file
writer (stub signatures and docstrings), by the runner (a contract function
without a TaskSpec is reported "skipped", never "passed") and by `mlvc-review tasks`
and docs/contract.md (contract_doc.py). Imports nothing heavy.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from mlvc_review.grading import contract_data as _data


@dataclass(frozen=True)
class Text:
    """One text in English and Chinese."""

    en: str
    zh: str

    def get(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


def _text(value: tuple[str, str] | str | None) -> Text | None:
    if value is None:
        return None
    return Text(value, value) if isinstance(value, str) else Text(*value)


LABELS: dict[str, Text] = {
    "signature": Text("signature", "签名"), "shapes": Text("shapes", "形状"), "meaning": Text("meaning", "含义"),
    "required": Text("required", "要求"), "tolerance": Text("tolerance", "容差"),
    "heavy": Text("heavy check", "重型检查"), "graded": Text("graded", "评分"), "bank": Text("bank task", "题库任务"),
    "rules": Text("How a submission is read", "提交如何被读取"),
    "conventions": Text("Conventions for every task", "所有任务的约定"),
}
CHAPTERS: dict[int, Text] = {n: Text(*title) for n, title in _data.CHAPTERS.items()}
RULES: tuple[Text, ...] = tuple(Text(*t) for t in _data.RULES)
CONVENTIONS: tuple[Text, ...] = tuple(Text(*t) for t in _data.CONVENTIONS)
DEFAULT_TOLERANCE = Text(*_data.DEFAULT_TOLERANCE)


@dataclass(frozen=True)
class Param:
    """One contract parameter; `default` is its source text ("0", "None") or None when required."""

    name: str
    default: str | None = None


@dataclass(frozen=True)
class Entry:
    """One contract function or class, with its texts in both languages."""

    name: str
    chapter: int
    kind: str  # "function" | "class"
    framework: str  # "numpy" | "torch"
    params: tuple[Param, ...]
    signature: str  # as students read it: "(X, y) -> w"; a class: "VAE(data_dim, latent_dim); encode(x) -> ..."
    definition: Text  # what is computed
    shapes: Text | None = None
    required: Text | None = None
    tolerance: Text | None = None  # None: DEFAULT_TOLERANCE
    heavy: Text | None = None  # a class: its training check and threshold

    def def_line(self) -> str:
        """The Python signature text: "normal_equation(X, y)"."""
        parts = [p.name if p.default is None else f"{p.name}={p.default}" for p in self.params]
        return f"{self.name}({', '.join(parts)})"

    def sections(self, lang: str = "en") -> list[tuple[str, str]]:
        """(label key, text) for every text this entry has, in reading order; tolerance always included."""
        out = [("meaning", self.definition), ("shapes", self.shapes), ("required", self.required),
               ("tolerance", self.tolerance or DEFAULT_TOLERANCE), ("heavy", self.heavy)]
        return [(key, text.get(lang)) for key, text in out if text is not None]

    def text(self, lang: str = "en", *, default_tolerance: bool = False) -> str:
        """The entry's texts as one paragraph ("Shapes: ... Required: ..."); the meaning has no label."""
        parts, colon = [], "：" if lang == "zh" else ": "
        for key, value in self.sections(lang):
            if key == "tolerance" and self.tolerance is None and not default_tolerance:
                continue
            parts.append(value if key == "meaning" else f"{LABELS[key].get(lang).capitalize()}{colon}{value}")
        return ("" if lang == "zh" else " ").join(parts)

    @property
    def meaning(self) -> str:
        """The English text of the contract for this entry (starter docstrings)."""
        return self.text("en")


def _params(call: str) -> tuple[Param, ...]:
    """'(x, k, stride=None)' -> its Params (defaults as source text; the contract has no commas in defaults)."""
    inner = call.strip()[1:-1]
    out = []
    for part in filter(None, (p.strip() for p in inner.split(","))):
        name, eq, default = part.partition("=")
        out.append(Param(name.strip(), default.strip() if eq else None))
    return tuple(out)


def _entry(raw: dict) -> Entry:
    kind = "class" if "returns" not in raw else "function"
    if kind == "class":
        signature = f"{raw['name']}{raw['call']}" + (f"; {raw['interface']}" if raw.get("interface") else "")
    else:
        signature = f"{raw['call']} -> {raw['returns']}"
    return Entry(raw["name"], raw["chapter"], kind, raw["framework"], _params(raw["call"]), signature,
                 _text(raw["meaning"]), _text(raw.get("shapes")), _text(raw.get("required")),  # type: ignore[arg-type]
                 _text(raw.get("tolerance")), _text(raw.get("heavy")))


CONTRACT: dict[str, Entry] = {raw["name"]: _entry(raw) for raw in _data.ENTRIES}


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


def suggestions(word: str, n: int = 3) -> list[str]:
    """Contract names a user who typed `word` may want: close spellings, then names containing it."""
    lowered = {name.lower(): name for name in CONTRACT}
    close = [lowered[m] for m in difflib.get_close_matches(word.lower(), list(lowered), n=n, cutoff=0.6)]
    within = [name for low, name in lowered.items() if len(word) >= 3 and word.lower() in low]
    return list(dict.fromkeys([*close, *within]))[:n]


def signature_problems(entry: Entry, params: list[Param], *, varargs: bool = False, kwargs: bool = False) -> tuple[str | None, list[str], list[str]]:
    """Compare a submission's parameters with the contract.

    Args:
        entry: the contract entry.
        params: the submission's positional parameters (for a class: `__init__` without self).
        varargs: the submission takes `*args` (accepts any extra positional argument).
        kwargs: the submission takes `**kwargs`.

    Returns:
        (fatal, problems, notes): `fatal` is a message when the function cannot be called the way
        the contract calls it (wrong parameter count); `problems` lists defaults that differ;
        `notes` lists parameter names that differ (names are advice: arguments go by position).
    """
    want = entry.params
    problems: list[str] = []
    notes: list[str] = []
    fatal = None
    if len(params) < len(want) and not varargs:
        fatal = f"takes {len(params)} parameter(s), the contract has {len(want)}: {entry.def_line()}"
    extra_required = [p.name for p in params[len(want):] if p.default is None]
    if extra_required:
        fatal = f"extra parameter(s) without a default: {', '.join(extra_required)}; the contract is {entry.def_line()}"
    for expected, got in zip(want, params):
        if expected.name != got.name:
            notes.append(f"'{got.name}' for '{expected.name}'")
        if expected.default is not None and got.default is None:
            problems.append(f"parameter '{got.name}' needs the default {expected.default}")
        elif expected.default is not None and got.default != expected.default and _literal(got.default) != _literal(expected.default):
            problems.append(f"parameter '{got.name}' has default {got.default}; the contract says {expected.default}")
    if notes:
        notes = [f"parameter names differ from the contract's {entry.def_line()} ({', '.join(notes)}); "
                 "that is fine: arguments are passed by position"]
    return fatal, problems, notes


def _literal(text: str | None) -> object:
    """The value of a default's source text when it is a literal, else the text itself."""
    import ast

    try:
        return ast.literal_eval(text) if text is not None else None
    except (ValueError, SyntaxError):
        return text
