"""The failure panels of the text report, and one-line summaries of values.

A panel per distinct failure of a task: the check's message, the smallest failing
input, expected and got values; the diagnosis in the first panel, each hint in the
panel of the check it is about.
"""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from rich.console import Group
from rich.panel import Panel
from rich.text import Text

from mlvc_review.ui.grade_strings import LABELS, SYMBOLS, label

STYLE = {"passed": "ok", "failed": "bad", "error": "bad", "timeout": "bad", "skipped": "muted", "unreadable": "bad"}


def _num(value: Any) -> str:
    """A float as 3 significant digits; "inf"/"nan" (JSON has neither) as they are."""
    return f"{value:.3g}" if isinstance(value, (int, float)) else str(value)


def panels(task: dict[str, Any], lang: str, plain: bool) -> list[Panel]:
    """One panel per distinct failure of `task`: checks that failed with the same message share one.

    The diagnosis (it explains every compared failure) is in the first panel; a hint sits in
    the panel of the check it is about, or in the first.
    """
    fn = task["function"]
    bad = [c for c in task["checks"] if c["status"] not in ("passed", "skipped")]
    if not bad:
        if task["status"] in ("error", "timeout") and task["message"]:
            title = _title(fn, None, task["status"], lang, plain)
            return [Panel(Text(task["message"]), title=title, border_style="bad", title_align="left")]
        return []
    groups: list[list[dict[str, Any]]] = []
    for check in bad:
        same = next((g for g in groups if (g[0]["status"], g[0]["message"]) == (check["status"], check["message"])), None)
        if same is not None and check["message"]:
            same.append(check)
        else:
            groups.append([check])
    hint_at = _hint_places(task.get("hints", []), groups)
    panels = []
    for i, group in enumerate(groups):
        parts = _failure(group[0], lang)
        if len(group) > 1:
            parts.append(Text(label("same_failure", lang, checks=label("list_sep", lang).join(c["name"] for c in group[1:])), style="muted"))
        if i == 0 and task.get("diagnosis"):
            d = task["diagnosis"]
            parts.append(Text.assemble((label("diagnosis", lang) + label("colon", lang), "warn"), (d["name"], "bold"), " - " + d["explanation"]))
        for hint in (h for h, at in hint_at if at == i):
            parts.append(Text.assemble((label("hint", lang) + label("colon", lang), "accent"), hint))
        title = _title(fn, group[0]["name"], group[0]["status"], lang, plain)
        panels.append(Panel(Group(*parts), title=title, border_style="bad", title_align="left"))
    return panels


def _title(fn: str, check: str | None, status: str, lang: str, plain: bool) -> Text:
    symbol = SYMBOLS.get(status, ("?", "?"))[1 if plain else 0]
    word = label(status, lang) if status in LABELS else status
    what = f" {fn} · {check}" if check else f" {fn}"
    return Text.assemble((symbol, STYLE.get(status, "")), what, (label("paren", lang, text=word), STYLE.get(status, "")))


def _hint_places(hints: list[str], groups: list[list[dict[str, Any]]]) -> list[tuple[str, int]]:
    """(hint, index of the panel it belongs in): the panel of the check a generic hint is about, else the first."""
    from mlvc_review.grading.taskinfo import GENERIC_CHECK_HINTS

    about = {text: check for check, texts in GENERIC_CHECK_HINTS.items() for text in texts.values() if text}
    where = []
    for hint in hints:
        check = about.get(hint)
        index = next((i for i, g in enumerate(groups) if any(c["name"] == check for c in g)), 0)
        where.append((hint, index))
    return where


def _failure(check: dict[str, Any], lang: str) -> list[Any]:
    """The message of a failed check, then its smallest failing input, expected and got values."""
    parts: list[Any] = [Text(check["message"])]
    ce = check.get("counterexample")
    if not ce:
        return parts
    colon = label("colon", lang)
    width = max(cell_len(label(k, lang) + colon) for k in ("expected", "got"))

    def head(key: str) -> str:
        text = label(key, lang) + colon
        return text + " " * (width - cell_len(text))

    more = label("paren", lang, text=ce["label"]) if ce.get("label") else ""
    parts.append(Text.assemble((label("input", lang) + more + colon, "accent"), compact(ce["args"], ce.get("kwargs"))))
    if ce.get("hidden"):
        parts.append(Text(head("expected") + label("hidden", lang), style="muted"))
    elif ce.get("expected") is not None:
        parts.append(Text.assemble((head("expected"), "accent"), compact(ce["expected"])))
    if ce.get("got") is not None:
        parts.append(Text.assemble((head("got"), "accent"), compact(ce["got"])))
    if ce.get("max_abs_err") not in (None, 0, 0.0):  # 0: the failure is not one of size (a non-finite value, a type)
        rel = label("max_rel", lang, rel=_num(ce["max_rel_err"])) if ce.get("max_rel_err") not in (None, 0, 0.0, "0") else ""
        parts.append(Text(label("max_abs", lang, abs=_num(ce["max_abs_err"])) + rel, style="muted"))
    return parts


def compact(value: Any, kwargs: dict | None = None) -> str:
    """One line for a summarised value: arrays as `array(2, 3) [0.1, 0.2, ...]`."""
    text = _compact(value)
    if kwargs:
        text += ", " + ", ".join(f"{k}={_compact(v)}" for k, v in kwargs.items())
    return text


def _compact(value: Any) -> str:
    if value in ("nan", "inf", "-inf"):
        return value  # JSON carries non-finite numbers as these strings
    if isinstance(value, dict) and value.get("shape") == [] and "array" in value:
        return repr(value["array"])  # a 0-d array reads as the number it holds
    if isinstance(value, dict) and "shape" in value:
        flat = _flatten(value.get("array", value.get("first", [])))
        head = ", ".join(f"{v:.4g}" if isinstance(v, float) else str(v) for v in flat[:4])
        more = ", ..." if len(flat) > 4 or "first" in value else ""
        return f"array{tuple(value['shape'])} [{head}{more}]"
    if isinstance(value, dict) and "callable" in value:
        return f"<{value['callable']}>"
    if isinstance(value, list):
        return "(" + ", ".join(_compact(v) for v in value) + ")"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_compact(v)}" for k, v in value.items()) + "}"
    return repr(value)


def _flatten(value: Any) -> list:
    if isinstance(value, list):
        return [x for v in value for x in _flatten(v)]
    return [value]
