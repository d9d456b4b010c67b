"""Rich rendering of quiz sessions, exam reports and progress statistics; the terminal IO.

`TerminalIO` reads answers: with a prompt on a terminal, line by line otherwise
(scripted sessions; end of input ends the session). `show` renders the plain
events of `mlvc_review.quiz.events`.
"""

from __future__ import annotations

import sys
from functools import singledispatch

from rich.cells import cell_len
from rich.console import Group
from rich.markup import escape
from rich.panel import Panel
from rich.text import Text

from mlvc_review.quiz import events as ev
from mlvc_review.quiz.code_task import task_lines
from mlvc_review.quiz.strings import t
from mlvc_review.ui import bar, console


class TerminalIO:
    """The session's IO on the console: `ask` returns a line (None at end of input); Ctrl-C propagates.

    On a terminal the line editor of `mlvc_review.ui.prompt` reads it (imported at the first
    prompt); scripted input is read line by line and echoed after its prompt. A last line
    without its newline (text ended by Ctrl-D) is not an answer.
    """

    def __init__(self, interactive: bool | None = None):
        self.interactive = sys.stdin.isatty() and sys.stdout.isatty() if interactive is None else interactive
        self._editor = None
        self._deadline: float | None = None  # a timed exam's end (time.monotonic), for the live countdown
        self._lang = "en"

    def _prompt(self, prompt: str) -> str:
        with console.capture() as captured:
            console.print(f"[accent]{escape(prompt)}[/accent] › ", end="")
        return captured.get()

    def ask(self, prompt: str) -> str | None:
        if self.interactive:
            if self._editor is None:
                from mlvc_review.ui.prompt import LineEditor

                self._editor = LineEditor()
            try:
                if self._deadline is None:
                    return self._editor.read(self._prompt(prompt))
                return self._read_timed(prompt)
            except KeyboardInterrupt:
                console.print()  # the summary starts on a line of its own
                raise
        line = sys.stdin.readline()
        if not line.endswith("\n"):
            return None
        console.print(f"[accent]{escape(prompt)}[/accent] › {escape(line.rstrip())}")
        return line.rstrip("\n")

    def _read_timed(self, prompt: str) -> str | None:
        """A line read under a countdown that ticks every second above the prompt."""
        from mlvc_review.ui.prompt import Countdown

        lang = self._lang

        def label(left: int) -> str:
            text = t("remaining", lang, minutes=left // 60, seconds=left % 60) if left else t("time_up", lang)
            with console.capture() as captured:
                console.print(f"[warn]⏱ {escape(text)}[/warn]", end="")
            return captured.get()

        ansi = self._prompt(prompt)
        with Countdown(self._deadline, label, cell_len(f"{prompt} › "), self._editor):
            return self._editor.read(ansi)

    def ask_key(self, prompt: str, keys: str) -> str | None:
        """One key of `keys` on a terminal (no Enter needed); elsewhere, or for a command, a whole line."""
        if not self.interactive:
            return self.ask(prompt)
        from mlvc_review.ui.prompt import read_key

        sys.stdout.write(self._prompt(prompt))
        sys.stdout.flush()
        commands = "suq?!"  # skip, undo, quit, help, suspend: one key too (never a rating)
        try:
            key = read_key(keys + commands)
        except KeyboardInterrupt:
            console.print()
            raise
        if key is None or key in keys + commands:
            return key
        sys.stdout.write("\r\x1b[K")  # Enter or ':': the line editor takes over on the same row
        line = self.ask(prompt) if key != ":" else self._ask_command(prompt)
        return line

    def _ask_command(self, prompt: str) -> str | None:
        if self._editor is None:
            from mlvc_review.ui.prompt import LineEditor

            self._editor = LineEditor()
        return self._editor.read(self._prompt(prompt), prefill=":")

    def show(self, event: object) -> None:
        if isinstance(event, ev.QuestionShown):
            import time

            self._lang = event.lang
            self._deadline = None if event.remaining is None else time.monotonic() + event.remaining
        render(event)


@singledispatch
def render(event: object) -> None:
    console.print(escape(str(event)))


def hanging(mark: str, text: str | Text, mark_style: str = "", indent: int = 2):
    """`mark` then `text`, whose wrapped lines stay indented under the text (never cropped)."""
    from rich.table import Table  # here, not at import: most first questions have no options

    grid = Table.grid(padding=(0, 1))
    grid.add_column(style=mark_style, no_wrap=True, min_width=cell_len(mark) + indent, justify="right")
    grid.add_column(overflow="fold")  # a run of Chinese has no spaces: fold it, never crop it with "…"
    grid.add_row(mark, text if isinstance(text, Text) else Text(text))
    return grid


def options_grid(options: tuple[tuple[str, str], ...]):
    """Lettered options; a long option wraps (or folds) under its own text, indented past its letter."""
    from rich.table import Table

    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="accent", no_wrap=True)
    grid.add_column(overflow="fold")
    for letter, text in options:
        grid.add_row(f"  {letter})", Text(text))
    return grid


def _fits(text: str, room: int) -> bool:
    return cell_len(text) <= room


@render.register
def _(e: ev.QuestionShown) -> None:
    parts: list = []
    head = f"[{e.index}/{e.total}] ch{e.chapter} · {e.qtype} · "
    again = f" · {t('again_n', e.lang, n=e.relearn)}" if e.relearn else ""
    title = head + e.question_id + again
    styled = escape(head) + f"[id]{escape(e.question_id)}[/id]" + escape(again)
    footer = f"{e.keys}" + (f" · {t('hints_n', e.lang, n=e.hints)}" if e.hints else "")
    if e.remaining is not None:
        left = max(0, int(e.remaining))
        footer = t("remaining", e.lang, minutes=left // 60, seconds=left % 60) + " · " + footer
    room = console.width - 6  # a panel's border and the spaces around its title
    # a title or footer too long for the border goes inside the panel, where it wraps instead of being cut
    inside_title = not _fits(title, room)
    if inside_title:
        parts.append(Text(title, style="muted"))
    parts.append(Text(e.prompt))
    if e.options:
        parts.append(options_grid(e.options))
    if e.unit:
        parts.append(Text(f"({e.unit})", style="muted"))
    inside_footer = not _fits(footer, room)
    if inside_footer:
        parts.append(Text(footer, style="muted"))
    console.print(Panel(Group(*parts), title=None if inside_title else styled, title_align="left",
                        subtitle=None if inside_footer else escape(footer), subtitle_align="right"))


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
    if e.recall.strip():
        console.print(hanging(f"{t('your_recall', e.lang)}:", e.recall, "muted", indent=0))
    console.print(Panel(Text(e.answer), title=t("answer", e.lang), title_align="left", border_style="accent"))


@render.register
def _(e: ev.CodeReport) -> None:
    report = e.report
    if report.get("error"):
        console.print(f"[bad]{escape(str(report['error']))}[/bad]")
    for task in report.get("tasks") or []:
        status = str(task.get("status"))
        style = "ok" if status == "passed" else "bad"
        lang = getattr(e, "lang", "en")
        label = t(f"check_{status}", lang) if status in ("passed", "failed", "error") else status
        points = t("points", lang, score=task.get("score", 0), max=task.get("max_score", 0))
        console.print(f"[{style}]{escape(str(task.get('function')))}: {escape(label)}[/] {points}")
        for line in task_lines(task):
            console.print(hanging("•", line))


@render.register
def _(e: ev.Feedback) -> None:
    lang = e.lang
    if e.understood and e.qtype != "flashcard":  # a flashcard's "understood" is its rating, shown below
        console.print(f"[muted]{t('understood', lang)}: {escape(e.understood)}[/muted]")
    for warning in e.warnings:
        console.print(f"[warn]! {escape(warning)}[/warn]")
    rating = t(f"rating_{e.rating}", lang) if e.rating else ""
    if e.qtype == "flashcard":  # self-rated: the rating is the result; the answer was just shown
        style = "ok" if e.correct else ("warn" if e.rating == "hard" else "bad")
        console.print(f"[{style}]{t('self_rated', lang, rating=rating)}[/{style}]")
    else:
        if e.correct:
            head = f"[ok]✓ {t('correct', lang)}[/ok]"
        elif e.score > 0:
            head = f"[warn]◐ {t('partial', lang)} ({e.score:.0%})[/warn]"
        else:
            head = f"[bad]✗ {t('wrong', lang)}[/bad]"
        console.print(head)
        if e.qtype != "code":  # a code report was printed already, with every failed check
            console.print(hanging(f"{t('expected', lang)}:", e.expected, "muted", indent=0))
            for line in e.feedback:
                console.print(hanging("•", line))
    console.print(Panel(Text(e.explanation), title=t("explanation", lang), title_align="left", border_style="muted"))
    if e.notes_slip:
        console.print(f"[warn]{t('notes_slip', lang)}:[/warn] {escape(e.notes_slip)}")
    if e.relearn:
        console.print(f"[warn]↻ {t('comes_back', lang)}[/warn]")
    if e.next_due is not None:
        due = e.next_due.astimezone().strftime("%Y-%m-%d %H:%M")
        rated = "" if e.qtype == "flashcard" else f"{t('rated', lang, rating=rating)} · "  # said above already
        console.print(f"[muted]{rated}{t('next_due', lang)} {due}[/muted]")


@render.register
def _(e: ev.Skipped) -> None:
    console.print(f"[muted]{t('skipped', e.lang)}[/muted]")


@render.register
def _(e: ev.ExamReport) -> None:
    from rich.table import Table

    table = Table(title=t("exam_report", e.lang), header_style="accent")
    wide = console.width >= 64  # room for the bars; without them the percentage follows the score
    for key in ("col_chapter", "col_answered", "col_score"):
        table.add_column(t(key, e.lang), overflow="fold")
    if wide:
        table.add_column("", no_wrap=True)
    for c in e.chapters:
        fraction = c.score / c.total if c.total else 0.0
        cells = [f"{c.chapter} {escape(c.title)}", f"{c.answered}/{c.total}", f"{c.score:.1f}/{c.total}"]
        table.add_row(*cells, f"{bar(fraction)} {fraction:.0%}") if wide else table.add_row(
            *cells[:2], f"{cells[2]} {fraction:.0%}")
    console.print(table)
    for i, r in enumerate(e.results, 1):
        mark = "[ok]✓[/ok]" if r.correct else ("[muted]–[/muted]" if r.skipped else "[bad]✗[/bad]")
        console.print(hanging(f"{mark} {i}.", Text.from_markup(f"[id]{escape(r.question_id)}[/id] {escape(r.prompt)}"),
                              indent=0))
        shown = r.raw if not r.skipped else t("skipped" if r.reached else "not_reached", e.lang)
        console.print(hanging(f"{t('your_answer', e.lang)}:", shown, "muted", indent=3))
        console.print(hanging(f"{t('expected', e.lang)}:", r.expected, "muted", indent=3))
        console.print(hanging("", r.explanation, indent=2))
        if r.notes_slip:
            console.print(hanging(f"{t('notes_slip', e.lang)}:", r.notes_slip, "warn", indent=3))


@render.register
def _(e: ev.Summary) -> None:
    lang = e.lang
    counts = t("summary_line", lang, answered=e.answered, correct=e.correct, skipped=e.skipped, score=e.score,
               total=e.total)
    seconds = int(e.seconds)
    spent = t("summary_time", lang, minutes=seconds // 60, seconds=seconds % 60)
    console.print(f"[accent]{t('summary', lang)}[/accent]: {counts} · {spent}")
    if e.relearned:
        console.print(f"[muted]{t('summary_relearned', lang, n=e.relearned)}[/muted]")
    if e.missed and e.list_missed:
        console.print(f"[warn]{t('to_reread', lang)}:[/warn]")
        for m in e.missed:
            mark = "–" if m.skipped else ("◐" if m.score > 0 else "✗")
            answer = m.expected.strip().splitlines()[0] if m.expected.strip() else ""
            console.print(hanging(mark, Text.from_markup(f"[id]{escape(m.question_id)}[/id]  {escape(answer)}")))
    if e.seed is not None:
        console.print(f"[muted]{t('seed', lang, seed=e.seed)}[/muted]")


# a derivation's panel (mlvc_review.quiz.derivation); drawn by its own module, imported when one is shown
from mlvc_review.quiz.derivation import DerivationPanel  # noqa: E402


@render.register(DerivationPanel)
def _(e: DerivationPanel) -> None:
    from mlvc_review.ui.derivation import render_derivation

    render_derivation(e)
