"""What to re-teach: per task the pass rate, the most frequent diagnosed mistakes, the checks that fail most.

`class_stats` reads the records of a class run (one or more output directories);
Markdown and HTML renderers live here (plain text), the terminal table in `ui.classroom`.
"""

from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from mlvc_review.grading.classroom.gradebook import task_columns


@dataclass
class TaskStats:
    """One task across the class."""

    function: str
    submitted: int = 0
    passed: int = 0
    mistakes: Counter = field(default_factory=Counter)  # diagnosed mistake name -> students
    failing_checks: Counter = field(default_factory=Counter)  # check name -> students failing it
    undiagnosed: int = 0  # failed with no known mistake named

    @property
    def pass_rate(self) -> float:
        return self.passed / self.submitted if self.submitted else 0.0


def class_stats(records: list[dict[str, Any]]) -> list[TaskStats]:
    """Per task (contract order), over every student who submitted it; skipped tasks are not counted."""
    stats = {f: TaskStats(f) for f in task_columns(records)}
    for record in records:
        for task in record["document"]["submissions"][0]["tasks"]:
            if task["status"] == "skipped":
                continue
            s = stats[task["function"]]
            s.submitted += 1
            if task["status"] == "passed":
                s.passed += 1
                continue
            if task.get("diagnosis"):
                s.mistakes[task["diagnosis"]["name"]] += 1
            else:
                s.undiagnosed += 1
            for check in task["checks"]:
                if check["status"] not in ("passed", "skipped"):
                    s.failing_checks[check["name"]] += 1
    return [s for s in stats.values() if s.submitted]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def mistake_lines(s: TaskStats, top: int = 3) -> list[str]:
    lines = [f"{_plural(n, 'student')}: {name}" for name, n in s.mistakes.most_common(top)]
    if s.undiagnosed:
        lines.append(f"{_plural(s.undiagnosed, 'student')}: no known mistake named")
    return lines


def check_lines(s: TaskStats, top: int = 3) -> list[str]:
    return [f"{name} ({n})" for name, n in s.failing_checks.most_common(top)]


def render_markdown(stats: list[TaskStats], students: int) -> str:
    lines = [f"# Class report: {_plural(students, 'student')}", "",
             "| task | submitted | pass rate | most frequent mistakes | checks failed most |", "|---|---|---|---|---|"]
    for s in sorted(stats, key=lambda s: s.pass_rate):
        cell = lambda items: "<br>".join(i.replace("|", "\\|") for i in items) or "-"  # noqa: E731
        lines.append(f"| `{s.function}` | {s.submitted} | {s.pass_rate:.0%} | {cell(mistake_lines(s))} | {cell(check_lines(s))} |")
    return "\n".join(lines) + "\n"


def render_html(stats: list[TaskStats], students: int) -> str:
    esc = html.escape
    body = []
    for s in sorted(stats, key=lambda s: s.pass_rate):
        mistakes = "".join(f"<li>{esc(m)}</li>" for m in mistake_lines(s)) or "<li>-</li>"
        checks = "".join(f"<li>{esc(c)}</li>" for c in check_lines(s)) or "<li>-</li>"
        body.append(f"<tr><td><code>{esc(s.function)}</code></td><td>{s.submitted}</td><td>{s.pass_rate:.0%}</td>"
                    f"<td><ul>{mistakes}</ul></td><td><ul>{checks}</ul></td></tr>")
    title = f"Class report: {_plural(students, 'student')}"
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + esc(title) + "</title></head><body>\n"
            f"<h1>{esc(title)}</h1>\n<table>\n<thead><tr><th>task</th><th>submitted</th><th>pass rate</th>"
            "<th>most frequent mistakes</th><th>checks failed most</th></tr></thead>\n<tbody>\n"
            + "\n".join(body) + "\n</tbody>\n</table>\n</body></html>\n")
