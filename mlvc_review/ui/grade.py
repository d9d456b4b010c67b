"""Rich rendering of a grading report: a table of tasks, then one panel per failure.

Works on the JSON report document (plain data), so the terminal shows exactly
what the machine formats carry.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

STYLE = {"passed": "ok", "failed": "bad", "error": "bad", "timeout": "bad", "skipped": "muted"}


def _num(value: Any) -> str:
    """A float as 3 significant digits; "inf"/"nan" (JSON has neither) as they are."""
    return f"{value:.3g}" if isinstance(value, (int, float)) else str(value)


def render_report_text(doc: dict[str, Any]) -> str:
    """The terminal report as plain text (no colour), for a file."""
    import io

    from mlvc_review.ui import THEME

    buffer = io.StringIO()
    render_report(doc, Console(file=buffer, theme=THEME, width=120, no_color=True))
    return buffer.getvalue()


def render_report(doc: dict[str, Any], console: Console) -> None:
    """Print the summary table, then a panel per failed check, then the seed."""
    table = Table(title="mlvc-review grade", show_lines=False, header_style="accent")
    table.add_column("submission", overflow="fold")
    for column in ("task", "status", "score", "checks"):
        table.add_column(column)
    for sub in doc["submissions"]:
        if sub["error"]:
            table.add_row(escape(sub["path"]), "-", "[bad]unreadable[/bad]", "-", escape(sub["error"]))
        for task in sub["tasks"]:
            checks = ", ".join(f"[{STYLE.get(c['status'], '')}]{escape(c['name'])}[/]" for c in task["checks"]) or escape(task["message"])
            status = task["status"]
            table.add_row(escape(sub["path"]), escape(task["function"]), f"[{STYLE[status]}]{status}[/]", f"{task['score']:g}/{task['max_score']:g}", checks)
    console.print(table)
    for sub in doc["submissions"]:
        for note in sub.get("notes", []):
            console.print(f"[muted]{escape(sub['path'])}: {escape(note)}[/muted]")
        for task in sub["tasks"]:
            for check in task["checks"]:
                if check["status"] == "skipped" and check["message"]:
                    console.print(f"[muted]{escape(task['function'])} - {escape(check['name'])}: skipped, {escape(check['message'])}[/muted]")
            for panel in _panels(sub, task, doc["seed"]):
                console.print(panel)
    if doc.get("isolation"):
        console.print(f"[muted]sandbox: {escape(doc['isolation'])}[/muted]")
    console.print(f"[muted]seed {doc['seed']} (rerun with --seed {doc['seed']} to reproduce)[/muted]")


def _panels(sub: dict[str, Any], task: dict[str, Any], seed: int) -> list[Panel]:
    bad = [c for c in task["checks"] if c["status"] not in ("passed", "skipped")]
    if not bad and task["status"] in ("error", "timeout") and task["message"]:
        return [Panel(escape(task["message"]), title=f"{escape(task['function'])}", border_style="bad")]
    panels = []
    for check in bad:
        parts: list[Any] = [Text(check["message"])]
        ce = check.get("counterexample")
        if ce:
            label = f" ({ce['label']})" if ce.get("label") else ""
            parts.append(Text.assemble(("input" + label + ": ", "accent"), compact(ce["args"], ce.get("kwargs"))))
            if ce.get("hidden"):
                parts.append(Text("expected: (hidden)", style="muted"))
            elif ce.get("expected") is not None:
                parts.append(Text.assemble(("expected: ", "accent"), compact(ce["expected"])))
            if ce.get("got") is not None:
                parts.append(Text.assemble(("got:      ", "accent"), compact(ce["got"])))
            if ce.get("max_abs_err") is not None:
                rel = f", max rel error {_num(ce['max_rel_err'])} (where |expected| > atol)" if ce.get("max_rel_err") is not None else ""
                parts.append(Text(f"max abs error {_num(ce['max_abs_err'])}{rel}", style="muted"))
        if task.get("diagnosis"):
            d = task["diagnosis"]
            parts.append(Text.assemble(("diagnosis: ", "warn"), (d["name"], "bold"), " - " + d["explanation"]))
        for hint in task.get("hints", []):
            parts.append(Text.assemble(("hint: ", "accent"), hint))
        parts.append(Text(f"reproduce: mlvc-review grade {sub['path']} --task {task['function']} --seed {seed}", style="muted"))
        title = f"{escape(sub['path'])}: {escape(task['function'])} - {escape(check['name'])} ({check['status']})"
        panels.append(Panel(Group(*parts), title=title, border_style="bad", title_align="left"))
    return panels


def compact(value: Any, kwargs: dict | None = None) -> str:
    """One line for a summarised value: arrays as `array(2, 3) [0.1, 0.2, ...]`."""
    text = _compact(value)
    if kwargs:
        text += ", " + ", ".join(f"{k}={_compact(v)}" for k, v in kwargs.items())
    return text


def _compact(value: Any) -> str:
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


@contextlib.contextmanager
def progress_for(paths: list[Path]) -> Iterator[Callable[[Any], None] | None]:
    """Yields a per-submission callback when a directory is graded (None for single files)."""
    if not any(p.is_dir() for p in paths):
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from mlvc_review.grading.discovery import expand
    from mlvc_review.ui import err_console

    total = len(expand(paths))
    with Progress(TextColumn("grading"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err_console, transient=True) as bar:
        job = bar.add_task("grading", total=total)
        yield lambda _result: bar.advance(job)
