"""Rich rendering of a grading report: per submission, a heading, a table of its tasks and a panel per failure.

Works on the JSON report document (plain data), so the terminal shows exactly
what the machine formats carry.
"""

from __future__ import annotations

import contextlib
import shlex
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from mlvc_review.ui.grade_panels import STYLE, compact, panels
from mlvc_review.ui.grade_strings import LABELS, SYMBOLS, label

__all__ = ["compact", "progress_for", "render_report", "render_report_text"]

def render_report_text(doc: dict[str, Any], lang: str = "en") -> str:
    """The terminal report as plain text (no colour), for a file."""
    import io

    from mlvc_review.ui import THEME

    buffer = io.StringIO()
    render_report(doc, Console(file=buffer, theme=THEME, width=120, no_color=True, emoji=False, highlight=False), lang)
    return buffer.getvalue()


def render_report(doc: dict[str, Any], console: Console, lang: str = "en") -> None:
    """Print one block per submission (its path as a heading, a table of its tasks, a panel per
    failure, the commands that reproduce them), then the sandbox and the seed.

    Status words come with symbols, so the report reads the same without colour; paths sit
    on lines of their own, never inside a table cell.
    """
    plain = not (console.encoding or "utf-8").lower().startswith("utf")
    for i, sub in enumerate(doc["submissions"]):
        if i:
            console.print()
        _submission(sub, doc["seed"], console, lang, plain)
    console.print()
    if doc.get("isolation"):
        console.print(Text(label("sandbox", lang, how=doc["isolation"]), style="muted"))
    console.print(Text(label("seed", lang, seed=doc["seed"]), style="muted"))


def _mark(status: str, lang: str, plain: bool) -> Text:
    symbol = SYMBOLS.get(status, ("?", "?"))[1 if plain else 0]
    return Text(f"{symbol} {label(status, lang) if status in LABELS else status}", style=STYLE.get(status, ""))


def _submission(sub: dict[str, Any], seed: int, console: Console, lang: str, plain: bool) -> None:
    tasks = sub["tasks"]
    graded = [t for t in tasks if t["status"] != "skipped"]
    if sub["error"]:
        summary = label("unreadable", lang)
    elif graded:
        summary = label("tasks_passed", lang, passed=sum(t["status"] == "passed" for t in graded), total=len(graded))
    else:
        summary = label("no_tasks", lang)
    rule = "--" if plain else "──"
    # soft_wrap: a long path is never cut or folded by Rich; the terminal wraps it as it is
    console.print(Text.assemble(f"{rule} ", (sub["path"], "loc bold"), ("  ·  " if not plain else "  -  ") + summary), soft_wrap=True)
    if sub["error"]:
        console.print(Text.assemble("  ", _mark("unreadable", lang, plain), label("colon", lang), sub["error"]), soft_wrap=True)
    for note in sub.get("notes", []):
        console.print(Text("  " + note, style="muted"))
    if tasks:
        console.print(_table(tasks, lang, plain))
    for task in tasks:
        for check in task["checks"]:
            if check["status"] == "skipped" and check["message"]:
                console.print(Text(label("skipped_check", lang, task=task["function"], check=check["name"], why=check["message"]), style="muted"))
            elif check["status"] == "passed" and check["message"] and task["status"] == "passed":
                # what a passing check measured (a trained model's metric, steps and device budget)
                console.print(Text(label("measured_check", lang, task=task["function"], check=check["name"], what=check["message"]), style="muted"), soft_wrap=False)
    for task in tasks:
        shown = panels(task, lang, plain)
        for panel in shown:
            console.print(panel)
        if shown:
            command = f"mlvc-review grade {shlex.quote(sub['path'])} --task {task['function']} --seed {seed}"
            console.print(Text(f"  {label('reproduce', lang)}{label('colon', lang)}{command}", style="muted"), soft_wrap=True)


def _table(tasks: list[dict[str, Any]], lang: str, plain: bool) -> Table:
    table = Table(box=box.ASCII2 if plain else box.SIMPLE_HEAD, header_style="accent", pad_edge=False, show_edge=False)
    table.add_column(label("col_status", lang), no_wrap=True)
    table.add_column(label("col_task", lang), overflow="fold")
    table.add_column(label("col_score", lang), no_wrap=True, justify="right")
    table.add_column(label("col_checks", lang), overflow="fold", ratio=1)
    for task in tasks:
        table.add_row(_mark(task["status"], lang, plain), task["function"], f"{task['score']:g}/{task['max_score']:g}", _checks_cell(task, lang))
    return table


def _checks_cell(task: dict[str, Any], lang: str) -> Text:
    """`all 3 passed`, or the checks that did not pass by status (`failed: stability (3 of 4 passed)`)."""
    checks = task["checks"]
    ran = [c for c in checks if c["status"] != "skipped"]
    skipped = len(checks) - len(ran)
    if not ran:
        return Text(task["message"], style="muted")
    sep = label("list_sep", lang)
    bad: dict[str, list[str]] = {}
    for c in ran:
        if c["status"] != "passed":
            bad.setdefault(c["status"], []).append(c["name"])
    more = label("checks_skipped", lang, n=skipped) if skipped else ""
    if not bad:
        return Text(label("checks_all", lang, n=len(ran)) + more)
    cell = Text()
    for i, (status, names) in enumerate(bad.items()):
        if i:
            cell.append("; ")
        cell.append(label("checks_part", lang, status=label(status, lang) if status in LABELS else status, names=sep.join(names)), style=STYLE.get(status, ""))
    cell.append(label("checks_count", lang, passed=len(ran) - sum(map(len, bad.values())), total=len(ran)) + more)
    return cell


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
