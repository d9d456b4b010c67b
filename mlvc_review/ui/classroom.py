"""The class report in the terminal: one row per task, weakest first."""

from __future__ import annotations


from rich.console import Console
from rich.table import Table

from mlvc_review.grading.classroom.class_report import TaskStats, check_lines, mistake_lines


def render_class_report(stats: list[TaskStats], students: int, console: Console) -> None:
    table = Table(title=f"Class report: {students} student{'s' if students != 1 else ''}", show_lines=True)
    for name, kwargs in (("task", {}), ("submitted", {"justify": "right"}), ("pass rate", {"justify": "right"}),
                         ("most frequent mistakes", {}), ("checks failed most", {})):
        table.add_column(name, overflow="fold", **kwargs)
    for s in sorted(stats, key=lambda s: s.pass_rate):
        table.add_row(s.function, str(s.submitted), f"{s.pass_rate:.0%}", "\n".join(mistake_lines(s)) or "-",
                      "\n".join(check_lines(s)) or "-")
    console.print(table)


