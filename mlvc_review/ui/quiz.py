"""Rich rendering of quiz sessions, exam reports and progress statistics; the terminal IO.

`TerminalIO` reads answers: with a prompt on a terminal, line by line otherwise
(scripted sessions; end of input ends the session). `show` renders the plain
events of `mlvc_review.quiz.events`.
"""

from __future__ import annotations

import sys
from functools import singledispatch

from rich import box
from rich.cells import cell_len
from rich.console import Group
from rich.markup import escape
from rich.panel import Panel
from rich.text import Text

from mlvc_review.quiz import events as ev
from mlvc_review.quiz.code_task import task_lines
from mlvc_review.quiz.strings import t
from mlvc_review.ui import console


class TerminalIO:
    """The session's IO on the console: `ask` returns a line (None at end of input or Ctrl-C)."""

    def __init__(self, interactive: bool | None = None):
        self.interactive = sys.stdin.isatty() if interactive is None else interactive

    def ask(self, prompt: str) -> str | None:
        try:
            if self.interactive:
                return console.input(f"[accent]{escape(prompt)}[/accent] › ")
            line = sys.stdin.readline()
        except (EOFError, KeyboardInterrupt):
            console.print()
            return None
        if not line:
            return None
        console.print(f"[accent]{escape(prompt)}[/accent] › {escape(line.rstrip())}")
        return line.rstrip("\n")

    def show(self, event: object) -> None:
        render(event)


@singledispatch
def render(event: object) -> None:
    console.print(escape(str(event)))


@render.register
def _(e: ev.QuestionShown) -> None:
    parts: list = [Text(e.prompt)]
    if e.options:
        from rich.table import Table  # here, not at import: most first questions have no options

        grid = Table.grid(padding=(0, 1))
        grid.add_column(style="accent", no_wrap=True)
        grid.add_column()  # long option texts wrap under their own column
        for letter, text in e.options:
            grid.add_row(f"  {letter})", Text(text))
        parts.append(grid)
    if e.unit:
        parts.append(Text(f"({e.unit})", style="muted"))
    body = Group(*parts)
    footer = f"{e.keys}" + (f" · {t('hints_n', e.lang, n=e.hints)}" if e.hints else "")
    if e.remaining is not None:
        left = max(0, int(e.remaining))
        footer = t("remaining", e.lang, minutes=left // 60, seconds=left % 60) + " · " + footer
    title = f"[{e.index}/{e.total}] ch{e.chapter} · {e.qtype} · [id]{escape(e.question_id)}[/id]"
    console.print(Panel(body, title=title, title_align="left", subtitle=escape(footer), subtitle_align="right"))


@render.register
def _(e: ev.HintShown) -> None:
    console.print(f"[warn]{t('hint', e.lang)} {e.number}/{e.total}:[/warn] {escape(e.text)}")


@render.register
def _(e: ev.InvalidInput) -> None:
    if e.understood:
        console.print(f"[muted]{t('understood', e.lang)}: {escape(e.understood)}[/muted]")
    console.print(f"[warn]✗ {escape(e.message)}[/warn]")


@render.register
def _(e: ev.Notice) -> None:
    console.print(f"[{'warn' if e.level == 'warn' else 'muted'}]{escape(e.text)}[/]")


@render.register
def _(e: ev.HelpShown) -> None:
    for line in e.lines:
        console.print(f"[muted]{escape(line)}[/muted]")


@render.register
def _(e: ev.Revealed) -> None:
    console.print(Panel(Text(e.answer), title=t("answer", e.lang), title_align="left", border_style="accent"))


@render.register
def _(e: ev.CodeReport) -> None:
    report = e.report
    if report.get("error"):
        console.print(f"[bad]{escape(str(report['error']))}[/bad]")
    for task in report.get("tasks") or []:
        style = "ok" if task.get("status") == "passed" else "bad"
        console.print(f"[{style}]{escape(str(task.get('function')))}: {escape(str(task.get('status')))}[/] "
                      f"{task.get('score', 0)}/{task.get('max_score', 0)}")
        for line in task_lines(task):
            console.print(f"  {escape(line)}")


@render.register
def _(e: ev.Feedback) -> None:
    lang = e.lang
    if e.understood:
        console.print(f"[muted]{t('understood', lang)}: {escape(e.understood)}[/muted]")
    for warning in e.warnings:
        console.print(f"[warn]! {escape(warning)}[/warn]")
    if e.correct:
        head = f"[ok]✓ {t('correct', lang)}[/ok]"
    elif e.score > 0:
        head = f"[warn]◐ {t('partial', lang)} ({e.score:.0%})[/warn]"
    else:
        head = f"[bad]✗ {t('wrong', lang)}[/bad]"
    console.print(head)
    console.print(f"[muted]{t('expected', lang)}:[/muted] {escape(e.expected)}")
    for line in e.feedback:
        console.print(f"  • {escape(line)}")
    console.print(Panel(Text(e.explanation), title=t("explanation", lang), title_align="left", border_style="muted"))
    if e.notes_slip:
        console.print(f"[warn]{t('notes_slip', lang)}:[/warn] {escape(e.notes_slip)}")
    if e.next_due is not None:
        due = e.next_due.astimezone().strftime("%Y-%m-%d %H:%M")
        console.print(f"[muted]{t('rated', lang, rating=e.rating)} · {t('next_due', lang)} {due}[/muted]")


@render.register
def _(e: ev.Skipped) -> None:
    console.print(f"[muted]{t('skipped', e.lang)}[/muted]")


def bar(fraction: float, width: int = 10) -> str:
    """A text bar: '█████░░░░░' for 0.5."""
    filled = round(max(0.0, min(1.0, fraction)) * width)
    return "█" * filled + "░" * (width - filled)


@render.register
def _(e: ev.ExamReport) -> None:
    from rich.table import Table

    table = Table(title=t("exam_report", e.lang), header_style="accent")
    for key in ("col_chapter", "col_answered", "col_score"):
        table.add_column(t(key, e.lang))
    table.add_column("")
    for c in e.chapters:
        fraction = c.score / c.total if c.total else 0.0
        table.add_row(f"{c.chapter} {escape(c.title)}", f"{c.answered}/{c.total}", f"{c.score:.1f}/{c.total}",
                      f"{bar(fraction)} {fraction:.0%}")
    console.print(table)
    for i, r in enumerate(e.results, 1):
        mark = "[ok]✓[/ok]" if r.correct else ("[muted]–[/muted]" if r.skipped else "[bad]✗[/bad]")
        console.print(f"{mark} {i}. [id]{escape(r.question_id)}[/id] {escape(r.prompt)}")
        shown = t("skipped", e.lang) if r.skipped else r.raw
        console.print(f"   [muted]{t('your_answer', e.lang)}:[/muted] {escape(shown)}  "
                      f"[muted]{t('expected', e.lang)}:[/muted] {escape(r.expected)}")
        console.print(Text("   " + r.explanation))
        if r.notes_slip:
            console.print(f"   [warn]{t('notes_slip', e.lang)}:[/warn] {escape(r.notes_slip)}")


@render.register
def _(e: ev.Summary) -> None:
    lang = e.lang
    counts = t("summary_line", lang, answered=e.answered, correct=e.correct, skipped=e.skipped, score=e.score,
               total=e.total)
    console.print(f"[accent]{t('summary', lang)}[/accent]: {counts}")
    if e.seed is not None:
        console.print(f"[muted]{t('seed', lang, seed=e.seed)}[/muted]")


def render_stats(rows: list[dict], lang: str = "en") -> None:
    """The per-chapter progress table (rows from `mlvc_review.quiz.stats.chapter_stats`)."""
    from rich.table import Table

    table = Table(header_style="accent", box=box.SIMPLE_HEAD, padding=(0, 1), pad_edge=False)
    table.add_column(t("col_chapter", lang), no_wrap=True, overflow="ellipsis", max_width=20)
    for key in ("col_seen", "col_answered", "col_accuracy", "col_recall", "col_due", "col_leeches"):
        header = t(key, lang)
        width = max(cell_len(header), 9 if key in ("col_accuracy", "col_recall") else 0)  # "████ 100%"
        table.add_column(header, justify="right", no_wrap=True, min_width=width)
    for r in rows:
        accuracy = "" if r["accuracy"] is None else f"{bar(r['accuracy'], 4)} {r['accuracy']:4.0%}"
        recall = "" if r["retrievability"] is None else f"{bar(r['retrievability'], 4)} {r['retrievability']:4.0%}"
        table.add_row(f"{r['chapter']} {escape(r['title'])}", f"{r['seen']}/{r['questions']}", str(r["answered"]),
                      accuracy, recall,
                      str(r["due"]), f"[bad]{r['leeches']}[/bad]" if r["leeches"] else "0")
    console.print(table)


# a derivation's panel (mlvc_review.quiz.derivation); drawn by its own module, imported when one is shown
from mlvc_review.quiz.derivation import DerivationPanel  # noqa: E402


@render.register(DerivationPanel)
def _(e: DerivationPanel) -> None:
    from mlvc_review.ui.derivation import render_derivation

    render_derivation(e)
